"""Write the draft registry as YAML a marketer can read, with comments.

PyYAML cannot write comments, and the draft is mostly comments ("# TODO: check",
"# from heading 'Käsittelyperuste'"), so the few shapes the registry needs are
written here: mappings, lists, plain or quoted scalars, ``>-`` folded blocks for
long one-line texts (wrapped at single spaces, which folding turns back into those
spaces) and ``|-`` literal blocks for texts with line breaks (kept line for line).
A value is never changed: every block is loaded back and compared, and a text no
block style can hold exactly is written as one double-quoted line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..fields_repr import FieldsRepr

WIDTH = 92


@dataclass(repr=False)
class Note(FieldsRepr):
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
        # Break at spaces only: not inside "Y-tunnus" or "tietosuoja-asiat", and never
        # inside an address (a line longer than the width beats a URL that cannot be copied).
        parts = textwrap.wrap(
            comment, WIDTH - indent - 2, break_on_hyphens=False, break_long_words=False
        )
        for part in parts or [""]:
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
    if "\n" in text:
        block = _literal(text, indent)
    elif len(prefix) + len(text) > WIDTH:
        block = _folded(text, indent)
    else:
        return [f"{prefix} {_inline(text)}"]
    if block is not None and _block_loads_as(block, text):
        return [f"{prefix} {block[0]}", *block[1:]]
    return [f"{prefix} {json.dumps(text, ensure_ascii=False)}"]


def _literal(text: str, indent: int) -> list[str] | None:
    """``|-``: the lines as written, no line added or joined."""
    pad = " " * indent
    lines = text.split("\n")
    if text != text.rstrip("\n") or lines[0][:1] in (" ", "\t"):
        return None
    return ["|-", *[(pad + line) if line else "" for line in lines]]


def _folded(text: str, indent: int) -> list[str] | None:
    """``>-``: one line of text wrapped only at single spaces between two words."""
    if text != text.strip() or "\t" in text:
        return None
    pad = " " * indent
    width = max(WIDTH - indent, 40)
    lines: list[str] = []
    rest = text
    while len(rest) > width:
        cut = _fold_point(rest, width)
        if cut is None:
            break
        lines.append(rest[:cut])
        rest = rest[cut + 1 :]
    lines.append(rest)
    return [">-", *[pad + line for line in lines]]


def _fold_point(text: str, width: int) -> int | None:
    """The last single space before ``width`` (else the first after it) with a word on each side."""
    spaces = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)]
    before = [i for i in spaces if i <= width]
    after = [i for i in spaces if i > width]
    return before[-1] if before else (after[0] if after else None)


def _block_loads_as(block: list[str], text: str) -> bool:
    try:
        return yaml.safe_load("key: " + "\n".join(block) + "\n") == {"key": text}
    except yaml.YAMLError:
        return False


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
