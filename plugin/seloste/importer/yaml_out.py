"""Write the draft registry as YAML a marketer can read, with comments.

PyYAML cannot write comments, and the draft is mostly comments ("# TODO: check",
"# from heading 'Käsittelyperuste'"), so the few shapes the registry needs are
written here: mappings, lists, plain or quoted scalars and ``|-`` blocks for
long texts, wrapped to a readable width.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

WIDTH = 92


@dataclass
class Note:
    """A value with comment lines written above it."""

    value: Any
    comments: list[str] = field(default_factory=list)


def plain(node: Any) -> Any:
    """The data without comments."""
    if isinstance(node, Note):
        return plain(node.value)
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def dump(node: dict, header: list[str] | None = None) -> str:
    lines = [f"# {c}" if c else "#" for c in header or []]
    lines += _mapping(node, 0)
    return "\n".join(lines) + "\n"


def _unwrap(node: Any) -> tuple[Any, list[str]]:
    comments: list[str] = []
    while isinstance(node, Note):
        comments += node.comments
        node = node.value
    return node, comments


def _comment_lines(comments: list[str], indent: int) -> list[str]:
    out = []
    for comment in comments:
        for part in textwrap.wrap(comment, WIDTH - indent - 2) or [""]:
            out.append(" " * indent + "# " + part)
    return out


def _mapping(node: dict, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, raw in node.items():
        value, comments = _unwrap(raw)
        out += _comment_lines(comments, indent)
        out += _keyed(f"{pad}{key}:", value, indent)
    return out


def _keyed(prefix: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return [f"{prefix} {{}}"]
        return [prefix, *_mapping(value, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        return [prefix, *_sequence(value, indent + 2)]
    return _scalar(prefix, value, indent + 2)


def _sequence(items: list, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for raw in items:
        value, comments = _unwrap(raw)
        out += _comment_lines(comments, indent)
        if isinstance(value, dict) and value:
            inner = _mapping(value, indent + 2)
            # Comments of the first key go above the "- ".
            while inner and inner[0].lstrip().startswith("#"):
                out.append(pad + inner.pop(0).lstrip())
            out.append(f"{pad}- {inner[0][indent + 2 :]}")
            out += inner[1:]
        elif isinstance(value, (dict, list)):
            out += _keyed(f"{pad}-", value, indent)
        else:
            out += _scalar(f"{pad}-", value, indent + 2)
    return out


def _scalar(prefix: str, value: Any, indent: int) -> list[str]:
    if value is None:
        return [f"{prefix} null"]
    if isinstance(value, bool):
        return [f"{prefix} {'true' if value else 'false'}"]
    if isinstance(value, dt.date):
        return [f"{prefix} {value.isoformat()}"]
    text = str(value)
    if "\n" in text or len(prefix) + len(text) > WIDTH:
        return [f"{prefix} |-", *_block(text, indent)]
    return [f"{prefix} {_inline(text)}"]


def _block(text: str, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text.strip())):
        if number:
            out.append("")
        for line in paragraph.split("\n"):
            wrapped = textwrap.wrap(
                line.strip(), WIDTH - indent, break_long_words=False, break_on_hyphens=False
            )
            out += [pad + part for part in wrapped or [""]]
    return out


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`<=][^\n]*$")


def _inline(text: str) -> str:
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and _loads_as(text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _loads_as(text: str) -> bool:
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False
