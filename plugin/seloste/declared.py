"""The declared view: what the site declares, resolved once per build.

The registry names services by id; the catalogue knows their names, providers,
categories, transfers and cookies. ``resolve(loaded)`` joins the two exactly
once and every stage reads the result: the notices, the consent banner and
gating script, lint, the audit, reports and the CLI. No other module works out
a service's category, display name or whether it needs consent, for declared
services or for evidence of undeclared ones (``category_of``, ``name_of``,
``provider_of``, ``kind_of``, ``needs_consent_of``, ``cookieless_of``); the rule
of consent need is ``consent_rule``. Other modules read the catalogue only for
what it alone knows: the scanner and the importer; the audit's and lint's
suggested YAML for a service nobody declared yet and lint's words that name a
transfer's recipient; ``seloste scan``'s names of services nobody declared.
``tests/test_declared.py`` greps for the rest.

Rules of the join, in one place:

- a registry value wins over the catalogue's (``category:``, ``name:``,
  ``provider:``, ``privacy_url:``; cookies by name);
- a service *needs consent* when its category is one the visitor must agree to
  (not ``necessary``) and it is not a cookieless service the registry left at
  the catalogue's category (such services are listed, but add no banner choice);
- the site's own storage keys (``_site`` in the catalogue's cookies) and the
  registry's top-level ``cookies:`` belong to the controller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import catalog
from .catalog import Transfer
from .catalog.cookies import (
    CookieFact,
    Duration,
    cookies_for,
    find_fact,
    parse_duration,
    site_cookies,
)
from .fields_repr import FieldsRepr
from .registry.loaded import LoadedRegistry
from .registry.values import Category, text_in
from .yamlpos import PathKey, Pos

if TYPE_CHECKING:
    from .registry.model import Cookie, Service

#: Categories in the order the notice and the banner show them.
CATEGORIES: tuple[Category, ...] = tuple(Category)
CONSENT_CATEGORIES: tuple[Category, ...] = tuple(c for c in Category if c is not Category.necessary)

Text = str | dict[str, str]


def in_language(value: object, lang: str) -> str:
    """A Text in ``lang``; catalogue texts (fi, en, sv) fall back to English, then Finnish."""
    if value is None:
        return ""
    return text_in(value, lang) or text_in(value, "en") or text_in(value, "fi") or ""


def category_of(value: object) -> Category | None:
    """A category name from the catalogue's data (a string) or the model (an enum)."""
    if value is None:
        return None
    return value if isinstance(value, Category) else Category(str(value))


@dataclass(frozen=True, repr=False)
class CookieRow(FieldsRepr):
    """One line of the cookie table."""

    name: str
    category: Category | None
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
    path: PathKey = ()

    @property
    def needs_consent(self) -> bool:
        return self.category is not None and self.category is not Category.necessary


@dataclass(frozen=True, repr=False)
class DeclaredService(FieldsRepr):
    """One entry of the registry's ``services:`` with the catalogue's facts filled in."""

    id: str
    #: Position in ``services:`` and where the entry starts in the registry file.
    index: int
    pos: Pos
    #: The registry's ``name:``, else the catalogue's, else the id.
    name: Text
    #: The registry's ``provider:``, else the catalogue's (None for a custom one without).
    provider: Text | None
    #: The registry's ``category:``, else the catalogue's (None: a custom service without one).
    category: Category | None
    needs_consent: bool
    #: Sets no cookies (the catalogue says so) and the registry left it at the catalogue's
    #: category: listed, but no consent choice of its own.
    cookieless: bool
    #: The catalogue's kind (tracker, tag_manager, embed, resource, security); None if custom.
    kind: str | None
    transfer: Transfer | None
    privacy_url: str | None
    hosts: tuple[str, ...]
    ids: tuple[str, ...]
    cookies: tuple[CookieRow, ...]
    purpose: Text | None
    register_id: str | None
    in_catalog: bool
    #: Every transfer outside the EU/EEA (``transfer`` is the first); TikTok's go to several.
    transfers: tuple[Transfer, ...] = ()
    #: The provider's role towards the site (processor, controller, joint_controller): the
    #: registry's ``role:``, else the catalogue's; None when neither says.
    role: str | None = None
    #: A joint controller's arrangement URL (GDPR Art. 26(2)), registry first.
    arrangement: str | None = None

    def name_in(self, lang: str) -> str:
        return in_language(self.name, lang) or self.id

    def provider_in(self, lang: str) -> str:
        return in_language(self.provider, lang)

    def knows_id(self, tracking_id: str) -> bool:
        wanted = tracking_id.casefold()
        return any(own.casefold() == wanted for own in self.ids)

    @property
    def label(self) -> str:
        """``Hotjar (hotjar)`` for messages: the name readers know and the id the registry uses."""
        name = self.name_in("en")
        return f"{name} ({self.id})" if name != self.id else name


@dataclass(frozen=True, repr=False)
class Declared(FieldsRepr):
    """Everything the site declares, resolved: ``resolve(loaded)`` makes it."""

    path: str
    #: Every entry of ``services:`` in registry order (a duplicate id appears twice).
    services: tuple[DeclaredService, ...]
    #: Every cookie row: each service's, then the site's own; in notice order.
    cookies: tuple[CookieRow, ...]
    #: The consent-requiring categories the site uses, in display order.
    consent_categories: tuple[Category, ...]
    first_party_hosts: tuple[str, ...]
    has_services_key: bool
    has_first_party_key: bool
    by_id: dict[str, DeclaredService] = field(default_factory=dict)

    def service(self, service_id: str) -> DeclaredService | None:
        """The (first) declaration of ``service_id``."""
        return self.by_id.get(service_id)

    def unique(self) -> Iterator[DeclaredService]:
        """Each declared id once (the first entry: what the notices show first)."""
        return iter(self.by_id.values())

    def category_of(self, service_id: str) -> Category | None:
        """A service's category: the declaration's, else (for evidence of an undeclared
        service) the catalogue's."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.category
        info = catalog.service(service_id)
        return category_of(info.category) if info else None

    def cookieless_of(self, service_id: str) -> bool:
        """Whether a service, declared or not, is listed without a consent choice of its
        own because it sets no cookies (``DeclaredService.cookieless``)."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.cookieless
        info = catalog.service(service_id)
        return bool(info and info.cookieless)

    def needs_consent_of(self, service_id: str) -> bool:
        """Whether a service, declared or not (evidence of an undeclared one), needs the
        visitor's consent: the declaration's answer, else the rule on the catalogue's facts."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.needs_consent
        return consent_rule(self.category_of(service_id), self.cookieless_of(service_id))

    def kind_of(self, service_id: str) -> str | None:
        """A service's kind (tracker, embed, …), declared or not; None for a custom one."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.kind
        info = catalog.service(service_id)
        return info.kind if info else None

    def provider_of(self, service_id: str, lang: str = "en") -> str | None:
        """A service's provider, declared or not; None when nobody says."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.provider_in(lang) or None
        info = catalog.service(service_id)
        return info.provider if info else None

    def name_of(self, service_id: str, lang: str = "en") -> str:
        """A service's display name, declared or not."""
        own = self.by_id.get(service_id)
        if own is not None:
            return own.name_in(lang)
        info = catalog.service(service_id)
        return info.name if info else service_id

    def label(self, service_id: str, extra: str = "") -> str:
        """``Hotjar (hotjar)`` or ``Hotjar (hotjar, category statistics)``; a service named
        per language is named in the language of the messages."""
        from .messages import language

        name = self.name_of(service_id, language())
        inside = ", ".join(p for p in (service_id if name != service_id else "", extra) if p)
        return f"{name} ({inside})" if inside else name

    def claimant(self, host: str) -> DeclaredService | None:
        """The declared service whose ``hosts:`` cover ``host`` (subdomains included)."""
        if not host:
            return None
        for declared in self.by_id.values():
            if any(host_matches(host, own) for own in declared.hosts):
                return declared
        return None

    def is_first_party(self, host: str, allowed: tuple[str, ...] = ()) -> bool:
        return any(host_matches(host, own) for own in (*self.first_party_hosts, *allowed))

    @property
    def consent_services(self) -> tuple[DeclaredService, ...]:
        return tuple(s for s in self.services if s.needs_consent)


def consent_rule(category: Category | None, cookieless: bool) -> bool:
    """Whether a service of ``category`` needs consent: not strictly necessary, and not a
    cookieless service left at the catalogue's category. The one place this is decided."""
    return category is not None and category is not Category.necessary and not cookieless


def catalogue_needs_consent(info: catalog.ServiceInfo) -> bool:
    """``consent_rule`` for a catalogue service as the catalogue has it (a text that names
    a service nobody declared, lint L130)."""
    return consent_rule(category_of(info.category), info.cookieless)


def host_matches(host: str, listed: str) -> bool:
    host, listed = host.lower().rstrip("."), listed.lower().strip().rstrip(".")
    listed = listed.removeprefix("*.")
    return host == listed or host.endswith("." + listed)


_CACHE_ATTR = "_seloste_declared"


def resolve(loaded: LoadedRegistry) -> Declared:
    """The declared view of ``loaded``, computed once (kept on the object while its
    registry is the same object)."""
    cached = loaded.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] is loaded.registry:
        return cached[1]
    declared = _resolve(loaded)
    loaded.__dict__[_CACHE_ATTR] = (loaded.registry, declared)
    return declared


def _resolve(loaded: LoadedRegistry) -> Declared:
    registry = loaded.registry
    services = tuple(_service(loaded, index, s) for index, s in enumerate(registry.services))
    by_id: dict[str, DeclaredService] = {}
    for service in services:
        by_id.setdefault(service.id, service)
    rows = [row for service in services for row in service.cookies]
    rows += _site_rows(loaded)
    used = {row.category for row in rows if row.category is not None}
    used |= {s.category for s in services if s.needs_consent and s.category is not None}
    data = loaded.located.data if isinstance(loaded.located.data, dict) else {}
    return Declared(
        path=loaded.path,
        services=services,
        cookies=tuple(rows),
        consent_categories=tuple(c for c in CONSENT_CATEGORIES if c in used),
        first_party_hosts=tuple(registry.first_party_hosts),
        has_services_key="services" in data,
        has_first_party_key="first_party_hosts" in data,
        by_id=by_id,
    )


def _service(loaded: LoadedRegistry, index: int, service: Service) -> DeclaredService:
    info = catalog.service(service.id)
    category = service.category or (category_of(info.category) if info else None)
    # A cookieless service at the catalogue's category is gated by nothing in the banner.
    cookieless = bool(info and info.cookieless) and service.category is None
    needs_consent = consent_rule(category, cookieless)
    name: Text = service.name or (info.name if info else service.id)
    provider: Text | None = service.provider or (info.provider if info else None)
    return DeclaredService(
        id=service.id,
        index=index,
        pos=loaded.where(("services", index)),
        name=name,
        provider=provider,
        category=category,
        needs_consent=needs_consent,
        cookieless=cookieless,
        kind=info.kind if info else None,
        transfer=info.transfer if info else None,
        transfers=info.transfers if info else (),
        role=service.role or (info.role if info else None),
        arrangement=service.arrangement or (info.arrangement if info else None),
        privacy_url=service.privacy_url or (info.privacy_url if info else None),
        hosts=tuple(service.hosts),
        ids=tuple(str(i) for i in service.ids),
        cookies=tuple(_service_rows(service, index, category, provider or service.name)),
        purpose=service.purpose,
        register_id=service.register_id,
        in_catalog=info is not None,
    )


def _service_rows(
    service: Service, s_index: int, category: Category | None, provider: Text | None
) -> list[CookieRow]:
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


def _from_fact(fact: CookieFact, category: Category | None, provider: Text | None) -> CookieRow:
    return CookieRow(
        name=fact.name,
        category=category_of(fact.category) or category,
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
    category: Category | None,
    provider: Text | None,
    service_id: str | None,
    path: PathKey,
) -> CookieRow:
    """A registry cookie over the catalogue's row: what the registry says wins."""
    duration: Duration | Text | None = None
    if cookie.duration is not None:
        duration = parse_duration(cookie.duration) or cookie.duration
    return CookieRow(
        name=cookie.name,
        category=cookie.category or (base.category if base else category),
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
