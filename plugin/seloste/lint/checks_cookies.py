"""Cookies, consent and transfers: what the declared services imply (L13x).

Traficom's guidance under 917/2014 § 205: cookies and trackers that are not
strictly necessary need consent, which legitimate interest cannot replace, and
consent must be withdrawable. Services like Google Analytics send data to the
US, so the notice must name the transfer and its mechanism.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import catalog
from ..declared import catalogue_needs_consent
from ..fields_repr import FieldsRepr
from ..messages import language, msg
from ..registry.values import text_in
from .context import LintContext
from .rulebook import Hit, rule, transfer_facts


def service_name(ctx: LintContext, index: int) -> str:
    return ctx.declared.services[index].name_in(ctx.languages[0])


def fed_registers(ctx: LintContext, index: int) -> list[int]:
    """Registers a service feeds: the one named by `register:`, else all of them."""
    wanted = ctx.registry.services[index].register_id
    all_indexes = list(range(len(ctx.registry.registers)))
    if wanted is None:
        return all_indexes
    named = [i for i, r in enumerate(ctx.registry.registers) if r.id == wanted]
    return named or all_indexes


def _all_texts(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values())
    return ""


def is_tracking_purpose(ctx: LintContext, text: str) -> bool:
    flat = " ".join(text.split())
    return any(p.search(flat) for p in ctx.patterns("tracking_purpose"))


def names_consent_service(text: str) -> bool:
    """Whether ``text`` names a catalogue service that needs consent (e.g. Google Analytics)."""
    return any(
        _words_in(text, (info.name, *info.aliases))
        for info in catalog.services().values()
        if catalogue_needs_consent(info)
    )


@rule("L130")
def legitimate_interest_trackers(ctx: LintContext) -> Iterable[Hit]:
    consent_services = ctx.consent_services()
    no_consent_basis = not ctx.uses_consent()
    flagged: set[tuple[int, int]] = set()
    for r_index, register in enumerate(ctx.registry.registers):
        for p_index, purpose in enumerate(register.purposes):
            if purpose.legal_basis is None or purpose.legal_basis.value != "legitimate_interests":
                continue
            text = _all_texts(purpose.description) + " " + _all_texts(purpose.legitimate_interest)
            # What needs consent is the banner's rule: strictly necessary cookies and
            # cookieless analytics (Plausible) may rest on legitimate interest.
            if is_tracking_purpose(ctx, text) and (
                ctx.site_needs_consent() or names_consent_service(text)
            ):
                flagged.add((r_index, p_index))
                yield Hit(
                    ("registers", r_index, "purposes", p_index, "legal_basis"),
                    msg("L130.tracking-on-interest", purpose=ctx.purpose_label(r_index, p_index)),
                    msg("L130.tracking-on-interest.fix"),
                )
    if not (consent_services and no_consent_basis):
        return
    names = ", ".join(service_name(ctx, i) for i in consent_services)
    fed = {r for i in consent_services for r in fed_registers(ctx, i)}
    for r_index in sorted(fed):
        for p_index, purpose in enumerate(ctx.registry.registers[r_index].purposes):
            basis = purpose.legal_basis
            if basis is None or basis.value != "legitimate_interests":
                continue
            if (r_index, p_index) in flagged:
                continue
            yield Hit(
                ("registers", r_index, "purposes", p_index, "legal_basis"),
                msg("L130.only-interest", purpose=ctx.purpose_label(r_index, p_index), names=names),
                msg("L130.only-interest.fix"),
            )


@rule("L131")
def consent_withdrawal(ctx: LintContext) -> Iterable[Hit]:
    if ctx.uses_consent():
        return  # the notice then states the right to withdraw consent itself
    services = ctx.consent_services()
    cookies = ctx.consent_cookies()
    if not services and not cookies:
        return
    if services:
        index = services[0]
        names = ", ".join(service_name(ctx, i) for i in services)
        path: tuple = ("services", index, "id")
    else:
        index = cookies[0]
        names = ", ".join(ctx.registry.cookies[i].name for i in cookies)
        path = ("cookies", index, "name")
    message = (
        msg("L131.no-consent-basis-one", names=names)
        if len(services or cookies) == 1
        else msg("L131.no-consent-basis-many", names=names)
    )
    yield Hit(path, message, msg("L131.no-consent-basis.fix"))


def _words_in(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` names any of ``words`` as whole words (case-insensitive)."""
    lowered = " ".join(text.lower().split())
    return any(has_word(lowered, word.lower()) for word in words)


def has_word(text: str, word: str) -> bool:
    r"""Whether ``word`` occurs in ``text`` with no word character on either side: what
    ``re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)`` answers, without compiling a
    pattern for each word (~20 a lint run)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not _word_char(text[start - 1 : start]) and not _word_char(text[end : end + 1]):
            return True
        start = text.find(word, start + 1)
    return False


def _word_char(char: str) -> bool:
    r"""Whether ``char`` is what ``\w`` matches in a str pattern ("" is not)."""
    return char.isalnum() or char == "_"


def _country(code: str) -> dict:
    return transfer_facts()["countries"].get(code, {})


def country_name(code: str, lang: str) -> str:
    """The country in a notice language (English when the table has no name in it)."""
    names = _country(code).get("names", {})
    return names.get(lang) or names.get("en") or code


def _names_country(text: str, code: str) -> bool:
    facts = _country(code)
    aliases = {code, *facts.get("aliases", ()), *facts.get("names", {}).values()}
    return _words_in(text, aliases)


@dataclass(frozen=True, repr=False)
class Receiver(FieldsRepr):
    """Who receives a catalogue service's transfer: words that name it, its company there."""

    words: tuple[str, ...]
    parent: str | None
    label: str


_GENERIC_FIRST_WORDS = frozenset({"the", "a", "an"})


def receiver(info: catalog.ServiceInfo) -> Receiver:
    for company in transfer_facts()["companies"]:
        if info.id in company["services"]:
            words = (*company["match"], info.name)
            parent = company.get("parent")
            return Receiver(words, parent, parent or company["match"][0].title())
    first = info.provider.split()[0].strip(",.()").lower()
    words = (info.name,) if first in _GENERIC_FIRST_WORDS else (info.name, first)
    return Receiver(words, None, info.provider)


def _flow(value: str) -> str:
    """``value`` as a YAML flow scalar: quoted when a comma, colon or bracket would break it."""
    if re.search(r"[,:{}\[\]#&*!|>'\"%@`]", value) or value != value.strip():
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def suggested_transfer(
    ctx: LintContext, info: catalog.ServiceInfo, transfer: catalog.Transfer | None = None
) -> str:
    """The `transfers:` item for ``info`` (its main transfer by default), in flow YAML."""
    transfer = transfer or info.transfer
    assert transfer is not None
    who = receiver(info)
    recipient = f"{who.parent or who.label} ({info.name})"
    code = transfer.country
    names = ", ".join(f"{lang}: {_flow(country_name(code, lang))}" for lang in ctx.languages)
    mechanism = transfer.mechanism or "scc"
    return f"{{recipient: {_flow(recipient)}, country: {{{names}}}, mechanism: {mechanism}}}"


@rule("L132")
def undeclared_transfer(ctx: LintContext) -> Iterable[Hit]:
    for index, service in enumerate(ctx.registry.services):
        info = catalog.service(service.id)
        if info is None:
            continue
        missing = [t for t in info.transfers if list(_undeclared(ctx, index, info, t))]
        if len(missing) == 1:
            yield from _undeclared(ctx, index, info, missing[0])
        elif missing:  # one finding per service, every missing country in it
            first = next(iter(_undeclared(ctx, index, info, missing[0])))
            countries = ", ".join(country_name(t.country, language()) for t in missing)
            items = "`; `".join(suggested_transfer(ctx, info, t) for t in missing)
            note = _name_the_company(ctx, index, info, missing[0])
            yield Hit(
                first.path,
                msg(
                    "L132.not-listed-many",
                    service=ctx.declared.services[index].name_in(language()),
                    countries=countries,
                    receiver=receiver(info).label,
                ),
                msg("L132.add-items.fix", items=items) + (f"; {note}" if note else ""),
                data={**first.data, "country": [t.country for t in missing]},
            )


def _name_the_company(
    ctx: LintContext, index: int, info: catalog.ServiceInfo, transfer: catalog.Transfer
) -> str | None:
    """When the catalogue does not know who receives a transfer: ask the user to name it
    (the provider and privacy page as the declared view has them: the registry's first)."""
    if receiver(info).parent is not None:
        return None
    own = ctx.declared.services[index]
    return msg(
        "L132.name-company.fix",
        country=country_name(transfer.country, language()),
        provider=own.provider_in(language()) or info.provider,
        url=own.privacy_url or info.privacy_url,
    )


def _undeclared(
    ctx: LintContext, index: int, info: catalog.ServiceInfo, transfer: catalog.Transfer
) -> Iterable[Hit]:
    """L132 for one of a service's transfers (TikTok's go to several countries)."""
    registers = ctx.registry.registers
    service = ctx.registry.services[index]
    who = receiver(info)
    code = transfer.country
    transfers = [t for r in fed_registers(ctx, index) for t in registers[r].transfers or []]
    to_them = [t for t in transfers if _words_in(_all_texts(t.recipient), who.words)]
    if any(_names_country(_all_texts(t.country), code) for t in to_them):
        return
    facts = {
        "service": ctx.declared.services[index].name_in(language()),
        "country": country_name(code, language()),
        "receiver": who.label,
    }
    says_none = [r for r in fed_registers(ctx, index) if registers[r].transfers == []]
    if to_them:
        said = text_in(to_them[0].country, ctx.languages[0]) or ""
        message = msg(
            "L132.other-country",
            **facts,
            recipient=text_in(to_them[0].recipient, ctx.languages[0]),
            said=" ".join(said.split()),
        )
    elif any(_names_country(_all_texts(t.country), code) for t in transfers):
        others = "; ".join(
            text_in(t.recipient, ctx.languages[0]) or ""
            for t in transfers
            if _names_country(_all_texts(t.country), code)
        )
        message = msg("L132.other-recipients", **facts, others=others)
    elif says_none:
        message = msg("L132.says-none", **facts, index=says_none[0])
    else:
        message = msg("L132.not-listed", **facts)
    item = suggested_transfer(ctx, info, transfer)
    fix = msg("L132.add-item.fix", item=item)
    note = _name_the_company(ctx, index, info, transfer)
    if note:
        fix += f"; {note}"
    yield Hit(
        ("services", index, "id"),
        message,
        fix,
        data={"service": service.id, "country": code},
    )


@rule("L133")
def transfer_mechanism(ctx: LintContext) -> Iterable[Hit]:
    for r_index, register in enumerate(ctx.registry.registers):
        for t_index, transfer in enumerate(register.transfers or []):
            if transfer.mechanism is None:
                yield Hit(
                    ("registers", r_index, "transfers", t_index),
                    msg("L133.no-mechanism", register=r_index, transfer=t_index),
                    msg("L133.no-mechanism.fix"),
                )


@rule("L134")
def custom_service_provider(ctx: LintContext) -> Iterable[Hit]:
    for index, service in enumerate(ctx.registry.services):
        if ctx.declared.services[index].in_catalog:
            continue
        name = service_name(ctx, index)
        if not service.provider and not service.privacy_url:
            message = msg("L134.no-provider-no-url", index=index, name=name)
            fix = msg("L134.no-provider-no-url.fix")
        elif not service.provider:
            message = msg("L134.no-provider", index=index, name=name)
            fix = msg("L134.no-provider.fix")
        elif not service.privacy_url:
            message = msg("L134.no-privacy-url", index=index, name=name)
            fix = msg("L134.no-privacy-url.fix")
        else:
            continue
        yield Hit(
            ("services", index, "id"),
            message,
            fix,
            data={"service": service.id},
        )


@rule("L135")
def duplicate_service(ctx: LintContext) -> Iterable[Hit]:
    first: dict[str, int] = {}
    for index, service in enumerate(ctx.registry.services):
        if service.id not in first:
            first[service.id] = index
            continue
        line = ctx.loaded.where(("services", first[service.id], "id")).line
        yield Hit(
            ("services", index, "id"),
            msg("L135.duplicate-service", index=index, service=service.id, line=line),
            msg("L135.duplicate-service.fix"),
            data={"service": service.id},
        )
