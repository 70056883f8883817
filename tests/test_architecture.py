"""The stage graph of ARCHITECTURE.md holds: no two stages import each other in a circle,
and the core never imports mkdocs."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent.parent / "plugin" / "seloste"
ADAPTERS = {"mkdocs_plugin", "mkdocs_config", "mkdocs_i18n", "mkdocs_entry", "mkdocs_links"}
ADAPTERS |= {"mkdocs_nav", "mkdocs_themes", "mkdocs_render", "mkdocs_pageedit", "cli", "__main__"}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imports() -> dict[str, set[str]]:
    """stage → the stages it imports (relative and absolute imports of seloste.*)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PLUGIN.rglob("*.py"):
        rel = path.relative_to(PLUGIN.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        source = stage_of(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target == "seloste":
                    targets = [f"seloste.{alias.name}" for alias in node.names]
                else:
                    targets = [target]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if target.startswith("seloste.") and stage_of(target) != source:
                    edges[source].add(stage_of(target))
                if target.split(".")[0] == "mkdocs" and source not in ADAPTERS:
                    edges[source].add("mkdocs")
    return edges


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return False


def test_no_import_cycles_between_stages():
    edges = imports()
    cycles = {
        frozenset({a, b}) for a, targets in edges.items() for b in targets if reaches(edges, b, a)
    }
    assert not cycles, sorted(sorted(c) for c in cycles)


def test_core_never_imports_mkdocs():
    offenders = sorted(s for s, targets in imports().items() if "mkdocs" in targets)
    assert not offenders


def test_architecture_md_names_every_module():
    """ARCHITECTURE.md is the map: every module of the package is named there, a top-level
    module by its file name (`languages.py`), one in a package by its path
    (`registry/terms.py`) or its package (`scan/`) when that has a row of its own."""
    text = (PLUGIN.parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted(PLUGIN.rglob("*.py")):
        rel = path.relative_to(PLUGIN)
        if path.name in ("__init__.py", "__main__.py") or "__pycache__" in rel.parts:
            continue
        named = rel.as_posix() in text
        if not named and len(rel.parts) > 1:
            named = f"`{rel.parts[0]}/`" in text or f"{rel.parts[0]}/{rel.name}" in text
        if not named:
            missing.append(rel.as_posix())
    assert not missing, "not in ARCHITECTURE.md: " + ", ".join(missing)
