"""Findings: the one shape every stage reports problems in.

Modelled on ruff's diagnostics: a stable code, a severity, a location and one
line of text (``path:line:col: CODE message``), plus the fix a user can apply.
Registry errors, lint rules and audit results all use it, so every report
format (text, json, github, junit) works for all of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    col: int | None = None
    fix: str | None = None
    #: Extra machine-readable facts (service id, pages, ids) for json output.
    data: dict = field(default_factory=dict, compare=False, hash=False)

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


def worst(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)
