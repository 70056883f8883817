"""Cookie and consent facts of the declared view (``seloste.declared``), as the consent
stage uses them, and the C10x checks of cookies the catalogue cannot complete.

The one list of cookie rows (catalogue facts merged with the registry's
``services[].cookies`` and top-level ``cookies:``) is made by
``declared.resolve``; the cookie notice, the consent banner and the consent
revision are all made from it.
"""

from __future__ import annotations

from ..codes import finding
from ..declared import CATEGORIES, CONSENT_CATEGORIES, CookieRow, resolve
from ..findings import Finding
from ..messages import msg
from ..policy import apply_settings
from ..registry.loaded import LoadedRegistry, format_path
from ..registry.values import Category

__all__ = [
    "CATEGORIES",
    "CONSENT_CATEGORIES",
    "CookieRow",
    "consent_categories",
    "cookie_findings",
    "effective_cookies",
]


def effective_cookies(loaded: LoadedRegistry) -> list[CookieRow]:
    """Every cookie the site declares, catalogue facts filled in, in a stable order."""
    return list(resolve(loaded).cookies)


def cookie_findings(loaded: LoadedRegistry) -> list[Finding]:
    """Registry cookies the catalogue cannot complete: no category (error), no purpose or duration."""
    findings: list[Finding] = []
    for row in effective_cookies(loaded):
        if row.origin != "registry":
            continue
        where = format_path(row.path)
        if row.category is None:
            findings.append(
                _cookie_gap(
                    loaded,
                    row,
                    "C101",
                    msg("C101.no-category", where=where, cookie=row.name),
                    msg("C101.no-category.fix"),
                )
            )
        if not row.purpose:
            findings.append(
                _cookie_gap(
                    loaded,
                    row,
                    "C102",
                    msg("C102.no-purpose", where=where, cookie=row.name),
                    msg("C102.no-purpose.fix"),
                )
            )
        if row.duration is None:
            findings.append(
                _cookie_gap(
                    loaded,
                    row,
                    "C103",
                    msg("C103.no-duration", where=where, cookie=row.name),
                    msg("C103.no-duration.fix"),
                )
            )
    return apply_settings(findings, loaded.registry.lint)


def _cookie_gap(
    loaded: LoadedRegistry, row: CookieRow, code: str, message: str, fix: str
) -> Finding:
    """A fact the registry's cookie ``row`` lacks (C101–C103), at its place in the registry."""
    pos = loaded.where(row.path)
    return finding(
        code,
        message,
        loaded.path,
        pos.line,
        pos.col,
        fix=fix,
        data={"cookie": row.name, "service": row.service_id},
        origin="registry",
        field=row.path,
        subject=row.name,
    )


def consent_categories(loaded: LoadedRegistry) -> list[Category]:
    """The consent-requiring categories the site actually uses, in display order.

    A category is used when a declared cookie is in it, or when a declared
    service that needs consent (see ``declared``) is in it: such a service is
    gated by that category's consent even before its cookies are known.
    """
    return list(resolve(loaded).consent_categories)
