"""What both notices share: the per-language wording files and safe text output.

Fixed legal wording (headings, the rights, the Data Protection Ombudsman's
contact details) lives in ``wording/<lang>/*.yaml`` (``privacy.yaml``,
``cookies.yaml``, ``consent.yaml``…); adding a language means adding one such
folder, no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..findings import Finding, SelosteError, Severity
from ..markup import md_block, md_inline
from ..registry.model import is_language_code, text_in


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
    if not is_language_code(lang):
        # Checked before it is used as a folder name: `--lang ..` must not reach the parent.
        raise SelosteError(
            [
                Finding(
                    "R110",
                    Severity.error,
                    f"'{lang}' is not a language code",
                    fix="write a language code such as fi, en or sv",
                )
            ]
        )
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


#: Registry text into Markdown: the one escaping module (``seloste.markup``), under the
#: names the renderers have always used.
md = md_block
md_cell = md_inline


def tr(value: Any, lang: str) -> str:
    """A registry ``Text`` in ``lang``, escaped for Markdown."""
    return md(text_in(value, lang))
