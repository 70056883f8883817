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
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..findings import Finding, SelosteError, Severity
from ..registry.model import text_in


@dataclass(frozen=True)
class NoticeLinks:
    """URLs (relative to the page being rendered) a notice links to."""

    privacy: str | None = None
    cookies: str | None = None


def available_languages() -> list[str]:
    folder = resources.files(__package__).joinpath("wording")
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_"))


@cache
def wording(lang: str) -> dict[str, Any]:
    """The fixed wording of one language, keyed by file stem; a clear error when there is none."""
    folder = resources.files(__package__).joinpath("wording", lang)
    if not folder.is_dir():
        have = ", ".join(available_languages())
        raise SelosteError(
            [
                Finding(
                    "R110",
                    Severity.error,
                    f"no notice wording for language '{lang}' (Seloste has: {have})",
                    fix=f"add the folder plugin/seloste/notices/wording/{lang}/, translated from "
                    "wording/en/, or remove the language",
                )
            ]
        )
    return {
        part.name[: -len(".yaml")]: yaml.safe_load(part.read_text(encoding="utf-8"))
        for part in sorted(folder.iterdir(), key=lambda p: p.name)
        if part.name.endswith(".yaml")
    }


_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)
_INLINE = re.compile(r"([\\`*_\[\]|{}!~])")


def md(text: str | None) -> str:
    """Registry text as Markdown that shows exactly what was written.

    HTML is escaped (a ``<script>`` in the YAML shows as text, never runs) and
    Markdown syntax is neutralised, so a stray ``#`` or ``|`` cannot turn into a
    heading or break a table. Blank lines still separate paragraphs.
    """
    if not text:
        return ""
    escaped = html.escape(text.strip(), quote=False)
    escaped = _INLINE.sub(r"\\\1", escaped)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1. " starts a list: escape the dot, not the digits
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def md_cell(text: str | None) -> str:
    """Like ``md`` for a table cell: one line, pipes escaped."""
    return " ".join(md(text).split())


def tr(value: Any, lang: str) -> str:
    """A registry ``Text`` in ``lang``, escaped for Markdown."""
    return md(text_in(value, lang))
