"""Which findings a site wants to see, and how loud: the one place that applies
``lint.ignore`` and ``lint.severity`` (and the plugin's or CLI's own) to findings
of every family.

A key is a code (``T102``), or a code narrowed to what a finding is about:
its subject (``T102:google-ads``, ``T105:cdn.example.com``, ``L132:google-ads``)
or its registry field and everything under it (``L126:rights.notes``). Ignoring
"declared but not seen" for the one service GTM loads must not silence it for
every other service. The most specific key wins; the caller's settings win over
the registry's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .fields_repr import FieldsRepr
from .findings import Finding, Severity
from .yamlpos import PathKey

if TYPE_CHECKING:  # the model needs pydantic; policies apply to cached findings too
    from .registry.model import LintSettings


def normal_key(key: str) -> str:
    """``t102:Google-Ads`` → ``T102:google-ads``: codes are upper case, subjects lower."""
    code, sep, subject = key.strip().partition(":")
    return code.strip().upper() + (f":{subject.strip().lower()}" if sep else "")


def field_name(path: PathKey) -> str:
    """``("rights", "notes", "access")`` → ``rights.notes.access``; ``registers[0].name``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def finding_keys(finding: Finding) -> tuple[str, ...]:
    """Most specific first: ``T102:google-ads``, then the field and its parents, then ``T102``."""
    keys = []
    if finding.subject:
        keys.append(normal_key(f"{finding.code}:{finding.subject}"))
    for cut in range(len(finding.field), 0, -1):
        keys.append(normal_key(f"{finding.code}:{field_name(finding.field[:cut])}"))
    keys.append(finding.code.upper())
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True, repr=False)
class Policy(FieldsRepr):
    """Normalised ignore keys and severity overrides."""

    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = None  # type: ignore[assignment]

    @classmethod
    def of(
        cls,
        lint: LintSettings | None,
        *,
        ignore: Iterable[str] = (),
        severity: Mapping[str, str | Severity] | None = None,
    ) -> Policy:
        """The registry's ``lint:`` settings with the caller's on top (the caller's wins)."""
        ignored = {normal_key(e.code) for e in (lint.ignore if lint else [])}
        ignored |= {normal_key(key) for key in ignore}
        levels = {normal_key(k): Severity(v) for k, v in (lint.severity if lint else {}).items()}
        levels.update({normal_key(k): Severity(v) for k, v in (severity or {}).items()})
        return cls(frozenset(ignored), levels)

    def ignores_code(self, code: str) -> bool:
        """The code is ignored everywhere (its check need not even run)."""
        return code.upper() in self.ignore

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        out = []
        levels = self.severity or {}
        for finding in findings:
            keys = finding_keys(finding)
            if any(key in self.ignore for key in keys):
                continue
            override = next((levels[key] for key in keys if key in levels), None)
            if override is not None and override != finding.severity:
                finding = replace(finding, severity=override)
            out.append(finding)
        return out


def apply_settings(
    findings: Iterable[Finding],
    lint: LintSettings | None,
    *,
    ignore: Iterable[str] = (),
    severity: Mapping[str, str | Severity] | None = None,
) -> list[Finding]:
    """``findings`` without the ignored ones, with overridden severities."""
    return Policy.of(lint, ignore=ignore, severity=severity).apply(findings)
