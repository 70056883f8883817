"""The audit's finding codes: stable ids, default severities and short titles.

Codes are a public contract (users ignore them by code in ``lint.ignore`` and
CI scripts grep for them): add new ones, never renumber. Each is documented in
``docs/{fi,en}/codes-audit.md`` under a heading whose anchor is the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Severity


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("T100", Severity.error, "no built site to check"),
        Code("T101", Severity.error, "undeclared tracker or third-party service"),
        Code("T102", Severity.warning, "declared service not found on the site"),
        Code("T103", Severity.error, "tracking id other than the declared one"),
        Code("T104", Severity.info, "Google Tag Manager loads tags decided at run time"),
        Code("T105", Severity.warning, "unknown third-party host"),
        Code("T106", Severity.error, "loads before consent"),
        Code("T107", Severity.error, "Google Consent Mode in advanced mode"),
        Code("T108", Severity.warning, "cookieless third party loads before consent"),
        Code("T109", Severity.error, "held back for the wrong consent category"),
        Code("T110", Severity.warning, "audit settings name an unknown code or service"),
        Code("T111", Severity.warning, "consent left to run-time automatic blocking"),
        Code("T112", Severity.error, "notice missing from the built site"),
        Code("T113", Severity.error, "page does not link to a notice"),
        Code("T114", Severity.warning, "page without the consent gating script"),
        Code("T115", Severity.warning, "page without a consent banner"),
    )
}

#: Where a code is explained, relative to the documentation root.
DOC_PAGE = "codes-audit/"


def doc_anchor(code: str) -> str:
    return f"{DOC_PAGE}#{code}"
