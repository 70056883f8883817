"""The one table of finding codes: every family (R, T, L, S, C, I, G, V) in one place.

Each code has a default severity, a title in Finnish and English and the
documentation page whose anchor is the code (``docs/<lang>/<page>.md#CODE``).
Codes of R, T, S, C, I, G and V are listed in ``codes.yaml``; the lint rules' L codes
in ``lint/rules.yaml``, beside their names and legal sources. ``CODES`` merges
both, so reports, the plugin, the CLI and the docs test read one table.

Call sites name codes (``finding("R101", …)``) the way ruff's rules do; the
severity always comes from here, and ``policy.apply`` is the one place where
a site's ignores and severity overrides change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .fields_repr import FieldsRepr
from .findings import Finding, Severity
from .yamldata import load_yaml_file

HERE = Path(__file__).parent

#: Family letter → what it covers (for messages and the docs).
FAMILIES = {
    "R": "registry input",
    "T": "tracker audit",
    "L": "lint",
    "S": "signature files and scan input",
    "C": "cookie and consent declarations",
    "I": "importer input",
    "G": "other generators' commands (render --generator, inject)",
    "V": "the site in a browser (seloste verify)",
}


@dataclass(frozen=True, repr=False)
class Code(FieldsRepr):
    code: str
    severity: Severity
    title: Mapping[str, str]
    #: Documentation page relative to ``docs/<lang>/`` (without ``.md``).
    page: str

    @property
    def family(self) -> str:
        return self.code[0]

    @property
    def anchor(self) -> str:
        """``codes-audit/#T101``: the page and anchor, relative to a language's docs root."""
        return f"{self.page}/#{self.code}"


@cache
def all_codes() -> dict[str, Code]:
    """Every code, sorted: codes.yaml's families and lint/rules.yaml's L codes."""
    table: dict[str, Code] = {}
    own: dict[str, Any] = load_yaml_file(HERE / "codes.yaml", keep=False)
    for code, meta in own.items():
        table[code] = Code(code, Severity(meta["severity"]), dict(meta["title"]), meta["page"])
    lint: dict[str, Any] = load_yaml_file(HERE / "lint" / "rules.yaml", keep=False)
    for code, meta in lint.items():
        table[code] = Code(code, Severity(meta["severity"]), dict(meta["title"]), "codes-lint")
    return dict(sorted(table.items()))


class _Codes(Mapping[str, Code]):
    """``CODES["T101"]``: the table, read on first use (importing this module reads nothing)."""

    def __getitem__(self, key: str) -> Code:
        return all_codes()[key]

    def __iter__(self):
        return iter(all_codes())

    def __len__(self) -> int:
        return len(all_codes())


CODES: Mapping[str, Code] = _Codes()


def family(letter: str) -> dict[str, Code]:
    """The codes of one family, e.g. ``family("T")``."""
    return {k: v for k, v in all_codes().items() if k.startswith(letter)}


def severity(code: str) -> Severity:
    return CODES[code].severity


def finding(
    code: str,
    message: str,
    path: str | None = None,
    line: int | None = None,
    col: int | None = None,
    fix: str | None = None,
    **typed: Any,
) -> Finding:
    """A finding with the code's default severity from the table.

    ``typed``: ``origin``, ``field``, ``subject`` and ``data`` (see ``Finding``).
    """
    return Finding(code, CODES[code].severity, message, path, line, col, fix, **typed)
