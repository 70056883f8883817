"""The fixed wording of each language: ``notices/wording/<lang>/*.yaml``.

Headings, legal sentences, the rights, the banner's texts: the notices, the
consent banner and the gating script all read them, so the loader lives here,
outside any one stage (the consent stage must not import the notices stage).
Adding a language means adding one folder of YAML, no code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from .findings import Finding, SelosteError, Severity
from .registry.values import is_language_code
from .yamldata import load_yaml

_PACKAGE = "seloste.notices"


def available_languages() -> list[str]:
    folder = resources.files(_PACKAGE).joinpath("wording")
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
    folder = resources.files(_PACKAGE).joinpath("wording").joinpath(lang)
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
        part.name[: -len(".yaml")]: load_yaml(part.read_text(encoding="utf-8"))
        for part in sorted(folder.iterdir(), key=lambda p: p.name)
        if part.name.endswith(".yaml")
    }
