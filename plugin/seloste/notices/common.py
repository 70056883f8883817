"""What both notices share: the per-language wording files and safe text output.

Fixed legal wording (headings, the rights, the Data Protection Ombudsman's
contact details) lives in ``wording/<lang>/*.yaml`` (``privacy.yaml``,
``cookies.yaml``, ``consent.yaml``…); adding a language means adding one such
folder, no code.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from ..registry.model import text_in
from ..wording import available_languages as available_languages  # re-exported
from ..wording import wording as wording  # re-exported


@dataclass(frozen=True)
class NoticeLinks:
    """URLs (relative to the page being rendered) a notice links to."""

    privacy: str | None = None
    cookies: str | None = None


#: Characters Python-Markdown (and CommonMark) read as inline syntax; each gets a backslash.
_INLINE = re.compile(r"([\\`*_\[\]|{}!])")
#: Characters with syntax in common extensions but no backslash escape in Python-Markdown
#: (``\~`` would show the backslash): written as character references instead.
_ENTITIES = {"~": "&#126;", "=": "&#61;"}
#: A marker that would start a block (heading, quote, list, setext underline) at a line's start.
_LINE_START = re.compile(r"^([#>+\-]|\d+(?=[.)]))")
#: The list lines ``md`` keeps as lists: ``- a``, ``* a``, ``• a``; ``1. a``, ``1) a``.
_BULLET = re.compile(r"^\s*[-*•]\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*(\d{1,9})[.)]\s+(?=\S)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def md(text: str | None) -> str:
    """Registry text as Markdown that shows exactly what was written, in its layout.

    The marketer's structure is kept, as the registry docs promise for ``|`` blocks:
    blank lines separate paragraphs, lines starting with ``- ``, ``* `` or ``• ``
    become a bullet list, lines ``1. ``, ``2. ``… a numbered list (only when it
    starts at 1: a line such as ``6. toukokuuta alkaen`` stays text), an indented
    line after a list item continues that item, and any other line break stays a
    line break. Everything else is text: HTML is escaped (a ``<script>`` in the
    YAML shows as text, never runs) and Markdown syntax is neutralised, so a
    stray ``#``, ``|``, backtick, ``[``, ``!`` or ``{#id}`` cannot turn into a
    heading, a table, code, a link, an image or an attribute.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks: list[tuple[str | None, str]] = []
    for chunk in _BLANK_LINES.split(text):
        blocks += _blocks(chunk.split("\n"))
    out: list[str] = []
    for index, (kind, block) in enumerate(blocks):
        if kind and index and blocks[index - 1][0]:
            # Two lists in a row would merge into one; an empty comment ends the first.
            out.append("<!-- -->")
        out.append(block)
    return "\n\n".join(out)


def _blocks(lines: list[str]) -> list[tuple[str | None, str]]:
    """One blank-line-separated chunk: alternating runs of text lines and list items."""
    out: list[tuple[str | None, str]] = []
    kind: str | None = None  # None (text), "ul" or "ol"
    items: list[str] = []
    for line in lines:
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if numbered and kind != "ol" and numbered.group(1) != "1":
            numbered = None  # "6. toukokuuta": a date, not the start of a list
        if bullet or numbered:
            new_kind = "ul" if bullet else "ol"
            if kind != new_kind:
                _flush(out, kind, items)
                kind, items = new_kind, []
            marker_match = bullet or numbered
            assert marker_match is not None
            rest = line[marker_match.end() :]
            marker = "-" if bullet or numbered is None else f"{numbered.group(1)}."
            items.append(f"{marker} {_line(rest)}")
        elif kind and items and line[:1].isspace() and line.strip():
            items[-1] += "  \n    " + _line(line.strip())  # an indented continuation
        else:
            if kind:
                _flush(out, kind, items)
                kind, items = None, []
            items.append(_line(line.strip()))
    _flush(out, kind, items)
    return out


def _flush(out: list[tuple[str | None, str]], kind: str | None, items: list[str]) -> None:
    items = [i for i in items if i.strip()]
    if not items:
        return
    # Text lines keep their breaks (two trailing spaces); list items are one per line.
    out.append((kind, ("\n" if kind else "  \n").join(items)))


def _line(text: str) -> str:
    """One line of text, escaped: no HTML, no inline syntax, no block marker at its start."""
    escaped = html.escape(text.strip(), quote=False)
    escaped = _INLINE.sub(r"\\\1", escaped)
    for char, entity in _ENTITIES.items():
        escaped = escaped.replace(char, entity)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    if marker[0].isdigit():  # "1. " would start a list: escape the dot, not the digits
        return f"{marker}\\"
    return f"\\{marker}"


def md_cell(text: str | None) -> str:
    """Like ``md`` for a table cell or other one-line place: one line, pipes escaped."""
    if not text:
        return ""
    return _line(" ".join(text.split()))


def tr(value: Any, lang: str) -> str:
    """A registry ``Text`` in ``lang``, escaped for Markdown."""
    return md(text_in(value, lang))
