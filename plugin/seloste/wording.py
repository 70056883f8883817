"""The fixed wording of each language: ``notices/wording/<lang>/*.yaml``.

Headings, legal sentences, the rights, the banner's texts: the notices, the
consent banner and the gating script all read them, so the loader lives here,
outside any one stage (the consent stage must not import the notices stage).
Adding a language means adding one folder of YAML, no code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .codes import finding
from .findings import SelosteError
from .messages import msg
from .registry.values import is_language_code
from .yamldata import load_yaml, load_yaml_file

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
                finding(
                    "R110",
                    msg("R110.not_code", lang=lang),
                    fix=msg("R110.not_code.fix"),
                    origin="config",
                )
            ]
        )
    folder = resources.files(_PACKAGE).joinpath("wording").joinpath(lang)
    if not folder.is_dir():
        have = ", ".join(available_languages())
        raise SelosteError(
            [
                finding(
                    "R110",
                    msg("R110.no_wording", lang=lang, have=have),
                    fix=msg("R110.no_wording.fix", lang=lang),
                    origin="config",
                )
            ]
        )
    return {
        part.name[: -len(".yaml")]: _parsed(part)
        for part in sorted(folder.iterdir(), key=lambda p: p.name)
        if part.name.endswith(".yaml")
    }


def _parsed(part: Any) -> Any:
    """One wording file: through ``load_yaml_file`` when it is a file on disk (parsed once,
    and handed over from the build cache to later builds), else read as a resource."""
    if isinstance(part, Path):
        return load_yaml_file(part)
    return load_yaml(part.read_text(encoding="utf-8"))
