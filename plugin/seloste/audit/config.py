"""Which findings a site wants to see, and how loud.

Two sources, applied in order: the registry's ``lint:`` section (the site's
standing decisions, with a reason for each ignore) and an ``AuditConfig`` from
the caller (a CLI flag or the MkDocs plugin option), which wins.

A key is a code (``T102``) or a code narrowed to one subject, a service id or
a host (``T102:google-ads``): ignoring "declared but not seen" for the one
service GTM loads must not silence it for every other service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..findings import Finding, Severity
from ..registry.model import LintSettings


@dataclass(frozen=True)
class AuditConfig:
    #: code or ``code:subject`` → severity
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: codes or ``code:subject`` keys to drop
    ignore: frozenset[str] = frozenset()
    #: hosts (and their subdomains) that belong to the site: never "unknown"
    allow_hosts: tuple[str, ...] = ()
    #: how many pages a message names before "and N more"
    max_pages: int = 3

    @classmethod
    def from_options(
        cls,
        severity: Mapping[str, str] | None = None,
        ignore: Iterable[str] = (),
        allow_hosts: Iterable[str] = (),
    ) -> AuditConfig:
        return cls(
            severity={k: Severity(v) for k, v in (severity or {}).items()},
            ignore=frozenset(ignore),
            allow_hosts=tuple(allow_hosts),
        )


def finding_keys(finding: Finding) -> tuple[str, ...]:
    """Most specific first: ``T102:google-ads``, then ``T102``."""
    subject = finding.data.get("service") or finding.data.get("host")
    if subject:
        return (f"{finding.code}:{subject}", finding.code)
    return (finding.code,)


def apply_settings(
    findings: list[Finding], lint: LintSettings, config: AuditConfig
) -> list[Finding]:
    ignored = {entry.code for entry in lint.ignore} | set(config.ignore)
    severity: dict[str, Severity] = {k: Severity(v) for k, v in lint.severity.items()}
    severity.update(config.severity)
    out = []
    for finding in findings:
        keys = finding_keys(finding)
        if any(key in ignored for key in keys):
            continue
        override = next((severity[key] for key in keys if key in severity), None)
        if override is not None and override != finding.severity:
            finding = replace(finding, severity=override)
        out.append(finding)
    return out
