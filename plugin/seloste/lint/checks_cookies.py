"""Cookies, consent and transfers: what the declared services imply (L13x).

Traficom's guidance under 917/2014 § 205: cookies and trackers that are not
strictly necessary need consent, which legitimate interest cannot replace, and
consent must be withdrawable. Services like Google Analytics send data to the
US, so the notice must name the transfer and its mechanism.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import catalog
from ..registry.model import Register, text_in
from .context import LintContext
from .rulebook import Hit, phrases, rule


def service_name(ctx: LintContext, index: int) -> str:
    service = ctx.registry.services[index]
    info = catalog.service(service.id)
    if info is not None:
        return info.name
    name = text_in(service.name, ctx.languages[0]) if service.name else None
    return name or service.id


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
            if is_tracking_purpose(ctx, text):
                flagged.add((r_index, p_index))
                yield Hit(
                    ("registers", r_index, "purposes", p_index, "legal_basis"),
                    f"{ctx.purpose_label(r_index, p_index)}: cookies, analytics or ad "
                    "targeting rest on legitimate interest; they need consent",
                    "move the cookie, analytics and advertising part into a purpose of its own "
                    "with `legal_basis: consent`",
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
                f"{ctx.purpose_label(r_index, p_index)}: the site uses {names}, which need "
                "consent, and the only legal basis given is legitimate interest",
                "add a purpose for the cookies and trackers with `legal_basis: consent`",
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
    yield Hit(
        path,
        f"{names} {'needs' if len(services or cookies) == 1 else 'need'} consent, but no "
        "purpose has `legal_basis: consent`, so the notice "
        "cannot tell visitors that they may withdraw it",
        "add a purpose such as {fi: Kävijätilastot ja markkinointi evästeiden avulla, en: "
        "Visitor statistics and marketing with cookies} with `legal_basis: consent`",
    )


def _names_country(register: Register, country: str, provider_words: set[str]) -> bool:
    aliases = {a.lower() for a in phrases()["country_names"].get(country, [country])}
    aliases.add(country.lower())
    for transfer in register.transfers or []:
        said_country = _all_texts(transfer.country).lower()
        if any(alias == part.strip(" .,()") for part in said_country.split() for alias in aliases):
            return True
        if said_country.strip() in aliases:
            return True
        recipient = _all_texts(transfer.recipient).lower()
        if provider_words & set(recipient.replace(",", " ").split()):
            return True
    return False


@rule("L132")
def undeclared_transfer(ctx: LintContext) -> Iterable[Hit]:
    registers = ctx.registry.registers
    for index, service in enumerate(ctx.registry.services):
        info = catalog.service(service.id)
        if info is None or info.transfer is None:
            continue
        provider_words = {info.provider.split()[0].lower()}
        fed = fed_registers(ctx, index)
        if any(_names_country(registers[r], info.transfer.country, provider_words) for r in fed):
            continue
        says_none = [r for r in fed if registers[r].transfers == []]
        if says_none:
            claim = f"registers[{says_none[0]}] says there are no transfers (`transfers: []`)"
        else:
            claim = "the registry does not list that transfer"
        mechanism = info.transfer.mechanism or "scc"
        yield Hit(
            ("services", index, "id"),
            f"{info.name} sends data to {info.transfer.country} ({info.provider}), but {claim}",
            "add under the register's `transfers:` an item "
            f"`{{recipient: {info.name} ({info.provider}), country: {info.transfer.country}, "
            f"mechanism: {mechanism}}}`",
            data={"service": service.id, "country": info.transfer.country},
        )


@rule("L133")
def transfer_mechanism(ctx: LintContext) -> Iterable[Hit]:
    for r_index, register in enumerate(ctx.registry.registers):
        for t_index, transfer in enumerate(register.transfers or []):
            if transfer.mechanism is None:
                yield Hit(
                    ("registers", r_index, "transfers", t_index),
                    f"registers[{r_index}].transfers[{t_index}]: no transfer mechanism",
                    "add `mechanism:` adequacy (Commission decision), dpf (EU–US Data Privacy "
                    "Framework, for self-certified US companies), scc, bcr or derogation",
                )
