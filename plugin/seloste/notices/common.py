"""What both notices share: the per-language wording files and safe text output.

Fixed legal wording (headings, the rights, the Data Protection Ombudsman's
contact details) lives in ``wording/<lang>.yaml``; adding a language means
adding one such file, no code.
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
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def wording(lang: str) -> dict[str, Any]:
    """The fixed wording of one language; a clear error when there is none."""
    folder = resources.files(__package__).joinpath("wording")
    source = folder.joinpath(f"{lang}.yaml")
    if not source.is_file():
        have = ", ".join(available_languages())
        raise SelosteError(
            [
                Finding(
                    "R110",
                    Severity.error,
                    f"no notice wording for language '{lang}' (Seloste has: {have})",
                    fix=f"add plugin/seloste/notices/wording/{lang}.yaml, translated from en.yaml, "
                    "or remove the language",
                )
            ]
        )
    return yaml.safe_load(source.read_text(encoding="utf-8"))


_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)
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
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def md_cell(text: str | None) -> str:
    """Like ``md`` for a table cell: one line, pipes escaped."""
    return " ".join(md(text).split())


def tr(value: Any, lang: str) -> str:
    """A registry ``Text`` in ``lang``, escaped for Markdown."""
    return md(text_in(value, lang))
