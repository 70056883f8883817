"""YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys (losing what a marketer wrote first). We compose the node tree
ourselves, so every key and value keeps its line and column, and a duplicate
key is an error naming both lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Located:
    """Parsed data plus, for every path, where its key and its value start."""

    data: Any
    keys: dict[PathKey, Pos]
    values: dict[PathKey, Pos]

    def pos(self, path: PathKey) -> Pos:
        """Best position for a path: the value, else its key, else the nearest parent."""
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in self.values and cut == len(path):
                return self.values[sub]
            if sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return Pos(1, 1)

    def key_pos(self, path: PathKey) -> Pos:
        return self.keys.get(path) or self.pos(path)


class YamlProblem(Exception):
    def __init__(self, code: str, message: str, pos: Pos, fix: str | None = None):
        self.code, self.message, self.pos, self.fix = code, message, pos, fix
        super().__init__(message)


def _pos(mark: yaml.Mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def load_located(text: str) -> Located:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlProblem(
            "R101",
            f"YAML syntax error: {problem}",
            _pos(mark) if mark else Pos(1, 1),
            "check the indentation and quote texts that contain ': ' or start with a special "
            "character",
        ) from None
    finally:
        loader.dispose()
    located = Located(None, {}, {})
    if node is None:
        located.data = {}
        return located
    located.data = _build(loader, node, (), located)
    return located


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: PathKey, out: Located) -> Any:
    out.values[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Pos] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "R101",
                    "YAML merge keys ('<<') are not supported",
                    _pos(key_node.start_mark),
                    "write the keys out in full",
                )
            key = loader.construct_object(key_node, deep=True)
            key_pos = _pos(key_node.start_mark)
            if key in first_seen:
                first = first_seen[key]
                raise YamlProblem(
                    "R102",
                    f"duplicate key '{key}' (first at line {first.line}); YAML would silently "
                    "keep only the last one",
                    key_pos,
                    "merge the two into one key, or rename one of them",
                )
            first_seen[key] = key_pos
            child = (*path, key)
            out.keys[child] = key_pos
            result[key] = _build(loader, value_node, child, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            out.keys[(*path, index)] = _pos(item.start_mark)
            items.append(_build(loader, item, (*path, index), out))
        return items
    return loader.construct_object(node, deep=True)
