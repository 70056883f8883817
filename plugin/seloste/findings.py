"""Findings: the one shape every stage reports problems in.

Modelled on ruff's diagnostics: a stable code, a severity, a location and one
line of text (``path:line:col: CODE message``), plus the fix a user can apply.
Registry errors, lint rules and audit results all use it, so every report
format (text, json, github, junit) works for all of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from enum import Enum

from .fields_repr import FieldsRepr


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, repr=False)
class Finding(FieldsRepr):
    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    col: int | None = None
    fix: str | None = None
    #: Extra machine-readable facts (service id, pages, ids) for json output.
    data: dict = dc_field(default_factory=dict, compare=False, hash=False)
    #: Where the problem is: "registry" (a line of the registry file), "site" (a built
    #: page), "config" (mkdocs.yml or a command-line option), "input" (another file).
    origin: str | None = dc_field(default=None, kw_only=True)
    #: The registry path it is about, e.g. ("services", 0, "ids"): ``lint.ignore`` may
    #: name it (or a parent) after the code, ``L126:rights.notes``.
    field: tuple[str | int, ...] = dc_field(default=(), kw_only=True)
    #: What it is about: a service id, host, cookie, domain or address; ``lint.ignore``
    #: and ``lint.severity`` may name it after the code, ``T102:google-ads``.
    subject: str | None = dc_field(default=None, kw_only=True)

    @property
    def location(self) -> str:
        return location(self.path, self.line, self.col)

    def one_line(self) -> str:
        """``path:line:col: CODE message`` (no location prefix when there is none)."""
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.code} {self.message}"

    def to_dict(self) -> dict:
        out = asdict(self)
        out["severity"] = self.severity.value
        out["field"] = list(self.field)
        return out


def location(path: str | None, line: int | None, col: int | None) -> str:
    """``path:line:col``, leaving out what is not known (nothing without a path)."""
    if not path:
        return ""
    parts = [path]
    if line:
        parts.append(str(line))
        if col:
            parts.append(str(col))
    return ":".join(parts)


class SelosteError(Exception):
    """Bad input a user must fix: carries findings, printed without a traceback."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.one_line() for f in findings))
