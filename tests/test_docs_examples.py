"""The examples in the user docs work as printed: copied into a site, they build --strict.

A marketer copies the registry page's complete example and the web developer the setup page's
mkdocs.yml; together they must make a site that passes Seloste's own strictest build, in
both documentation languages. Smaller registry snippets must at least load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, write_site
from seloste.registry import load_registry

DOCS = ROOT / "docs"
YAML_BLOCK = re.compile(r"^( *)```ya?ml\n(.*?)^\1```", re.M | re.S)


def yaml_blocks(page: Path) -> list[str]:
    out = []
    for indent, body in YAML_BLOCK.findall(page.read_text(encoding="utf-8")):
        lines = [
            line[len(indent) :] if line.startswith(indent) else line for line in body.splitlines()
        ]
        out.append("\n".join(lines) + "\n")
    return out


def complete_registry(lang: str) -> str:
    return next(
        b
        for b in yaml_blocks(DOCS / lang / "registry.md")
        if "controller:" in b and "registers:" in b
    )


def setup_mkdocs_yml(lang: str) -> str:
    return next(b for b in yaml_blocks(DOCS / lang / "setup.md") if "plugins:" in b)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_complete_example_and_setup_build_strict(lang, tmp_path):
    root = write_site(
        tmp_path / "site-src",
        {
            "mkdocs.yml": "site_name: Paahtimo Esimerkki\n" + setup_mkdocs_yml(lang),
            "data/registry.yaml": complete_registry(lang),
            "docs/fi/index.md": "# Tervetuloa\n\n[Tietosuojaseloste](privacy.md)\n",
            "docs/en/index.md": "# Welcome\n\n[Privacy notice](privacy.md)\n",
            "overrides/.keep": "",
        },
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    problems = [line for line in build.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert problems == []
    assert "Paahtimo Esimerkki Oy" in build.page("tietosuojaseloste/index.html")
    assert "Paahtimo Esimerkki Oy" in build.page("en/privacy/index.html")


def registry_snippets(lang: str) -> list[str]:
    """Every YAML example on the registry page that is a registry or a part of one."""
    keys = {"controller", "registers", "services", "rights", "lint", "dates", "languages"}
    out = []
    for block in yaml_blocks(DOCS / lang / "registry.md"):
        data = yaml.safe_load(block)
        if (
            isinstance(data, dict)
            and set(data) & keys
            and set(data) <= keys | {"privacy_contact", "dpo", "changelog", "controllers"}
        ):
            out.append(block)
    return out


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_registry_snippets_load_inside_the_complete_example(lang, tmp_path):
    """A snippet (say, a custom service) pasted into the complete example still validates."""
    base = yaml.safe_load(complete_registry(lang))
    snippets = registry_snippets(lang)
    assert len(snippets) >= 2, "the registry page should show its examples as YAML"
    for index, snippet in enumerate(snippets):
        data = {**base}
        for key, value in yaml.safe_load(snippet).items():
            if isinstance(value, list) and isinstance(data.get(key), list):
                data[key] = [*data[key], *value]
            else:
                data[key] = value
        path = tmp_path / f"registry{index}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        load_registry(path)  # raises SelosteError with file:line on any mistake
