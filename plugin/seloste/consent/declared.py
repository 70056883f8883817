"""What a site declares about cookies: the catalogue's facts merged with the registry.

A registry names a service by id and gets the catalogue's cookies of that
service; ``services[].cookies`` override (by name) or add cookies of that
service, and the top-level ``cookies:`` are the site's own cookies and storage
keys. The result, ``effective_cookies``, is the one list the cookie notice, the
consent banner and the consent revision are all made from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import catalog
from ..catalog.cookies import (
    CookieFact,
    Duration,
    cookies_for,
    find_fact,
    parse_duration,
    site_cookies,
)
from ..findings import Finding, Severity
from ..registry.load import LoadedRegistry, format_path
from ..registry.model import Cookie, Service

#: Categories in the order the notice and the banner show them.
CATEGORIES = ("necessary", "preferences", "statistics", "marketing")
CONSENT_CATEGORIES = CATEGORIES[1:]

Text = str | dict[str, str]


@dataclass(frozen=True)
class CookieRow:
    """One line of the cookie table."""

    name: str
    category: str | None
    provider: Text | None
    purpose: Text | None
    #: A Duration from the catalogue (or a parsable registry string), else the registry's Text.
    duration: Duration | Text | None
    party: str | None
    domain: str | None
    technology: str
    #: Service id, or None for the site's own cookies.
    service_id: str | None = None
    #: "catalog", "registry" or "site" (Seloste's own storage keys).
    origin: str = "catalog"
    #: Where the registry declares it (empty for catalogue rows).
    path: tuple = ()

    @property
    def needs_consent(self) -> bool:
        return self.category != "necessary"


def service_category(service: Service) -> str | None:
    """The registry's category for the service, else the catalogue's."""
    if service.category is not None:
        return service.category.value
    info = catalog.service(service.id)
    return info.category if info else None


def service_provider(service: Service) -> Text | None:
    if service.provider is not None:
        return service.provider
    info = catalog.service(service.id)
    return info.provider if info else service.name


def effective_cookies(loaded: LoadedRegistry) -> list[CookieRow]:
    """Every cookie the site declares, catalogue facts filled in, in a stable order."""
    registry = loaded.registry
    rows: list[CookieRow] = []
    for s_index, service in enumerate(registry.services):
        rows.extend(_service_rows(service, s_index))
    rows.extend(_site_rows(loaded))
    return rows


def _service_rows(service: Service, s_index: int) -> list[CookieRow]:
    category = service_category(service)
    provider = service_provider(service)
    facts = cookies_for(service.id) or ()
    rows = [_from_fact(fact, category, provider) for fact in facts]
    for c_index, cookie in enumerate(service.cookies):
        path = ("services", s_index, "cookies", c_index)
        fact = find_fact(facts, cookie.name)
        base = _from_fact(fact, category, provider) if fact else None
        row = _merge(cookie, base, category, provider, service.id, path)
        rows = [r for r in rows if r.name not in {cookie.name, fact.name if fact else None}]
        rows.append(row)
    return rows


def _site_rows(loaded: LoadedRegistry) -> list[CookieRow]:
    registry = loaded.registry
    owner = registry.controller.name
    builtin = site_cookies()
    rows = [replace(_from_fact(f, None, owner), service_id=None, origin="site") for f in builtin]
    for c_index, cookie in enumerate(registry.cookies):
        fact = find_fact(builtin, cookie.name)
        base = replace(_from_fact(fact, None, owner), origin="site") if fact else None
        row = _merge(cookie, base, None, owner, None, ("cookies", c_index))
        rows = [r for r in rows if r.name != (fact.name if fact else cookie.name)]
        rows.append(row)
    return rows


def _from_fact(fact: CookieFact, category: str | None, provider: Text | None) -> CookieRow:
    return CookieRow(
        name=fact.name,
        category=fact.category or category,
        provider=provider,
        purpose=fact.purpose,
        duration=fact.duration,
        party=fact.party,
        domain=fact.domain,
        technology=fact.technology,
        service_id=fact.service_id,
    )


def _merge(
    cookie: Cookie,
    base: CookieRow | None,
    category: str | None,
    provider: Text | None,
    service_id: str | None,
    path: tuple,
) -> CookieRow:
    """A registry cookie over the catalogue's row: what the registry says wins."""
    duration: Duration | Text | None = None
    if cookie.duration is not None:
        duration = parse_duration(cookie.duration) or cookie.duration
    return CookieRow(
        name=cookie.name,
        category=(cookie.category.value if cookie.category else None)
        or (base.category if base else category),
        provider=cookie.provider or (base.provider if base else provider),
        purpose=cookie.purpose or (base.purpose if base else None),
        duration=duration or (base.duration if base else None),
        # The site's own storage is first-party unless the registry says otherwise.
        party=cookie.party or (base.party if base else None) or (None if service_id else "first"),
        domain=cookie.domain or (base.domain if base else None),
        technology=cookie.technology.value
        if "technology" in cookie.model_fields_set or base is None
        else base.technology,
        service_id=service_id,
        origin="registry",
        path=path,
    )


def cookie_findings(loaded: LoadedRegistry) -> list[Finding]:
    """Registry cookies the catalogue cannot complete: no category (error), no purpose or duration."""
    findings: list[Finding] = []
    for row in effective_cookies(loaded):
        if row.origin != "registry":
            continue
        where = format_path(row.path)
        pos = loaded.where(row.path)
        if row.category is None:
            findings.append(
                Finding(
                    "C101",
                    Severity.error,
                    f"{where}: cookie '{row.name}' has no category, and Seloste's catalogue does "
                    "not know it",
                    loaded.path,
                    pos.line,
                    pos.col,
                    fix="add `category: necessary` (only if the site cannot work without it), "
                    "or `preferences`, `statistics` or `marketing`",
                    data={"cookie": row.name, "service": row.service_id},
                )
            )
        if not row.purpose:
            findings.append(
                Finding(
                    "C102",
                    Severity.warning,
                    f"{where}: cookie '{row.name}' has no purpose; the cookie table would show "
                    "an empty cell",
                    loaded.path,
                    pos.line,
                    pos.col,
                    fix="add `purpose: {fi: …, en: …}` saying what the cookie is used for",
                    data={"cookie": row.name, "service": row.service_id},
                )
            )
        if row.duration is None:
            findings.append(
                Finding(
                    "C103",
                    Severity.warning,
                    f"{where}: cookie '{row.name}' has no duration; visitors must be told how "
                    "long it lasts",
                    loaded.path,
                    pos.line,
                    pos.col,
                    fix="add e.g. `duration: session` or `duration: 1 year`",
                    data={"cookie": row.name, "service": row.service_id},
                )
            )
    return findings


def consent_categories(loaded: LoadedRegistry) -> list[str]:
    """The consent-requiring categories the site actually uses, in display order.

    A category is used when a declared cookie is in it, or when a declared
    service that is not cookieless (a tracker or an embed) is in it: such a
    service is gated by that category's consent even before its cookies are known.
    """
    used = {row.category for row in effective_cookies(loaded) if row.category}
    used |= {service_consent_category(s) for s in loaded.registry.services} - {None}
    return [c for c in CONSENT_CATEGORIES if c in used]


def service_consent_category(service: Service) -> str | None:
    """The consent category that gates ``service``, None when it needs no consent.

    The one rule for what needs consent, shared by the banner (``consent_categories``,
    ``seloste consent``) and lint (L130, L131): not strictly necessary, and not a
    cookieless service (Plausible, Google Fonts) unless the registry sets its category.
    """
    info = catalog.service(service.id)
    if info and info.cookieless and service.category is None:
        return None
    category = service_category(service)
    return category if category in CONSENT_CATEGORIES else None
