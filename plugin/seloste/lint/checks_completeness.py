"""Mandatory and conditional items of GDPR Articles 13 and 14, per register (L10x–L11x).

The rights and the right to complain (with the Ombudsman's contact details) are
always written into the notice from Seloste's own wording, so they have no rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..registry.model import Register, SourceOrigin
from .context import LintContext
from .rulebook import Hit, phrases, rule


def blank(value: Any) -> bool:
    """Missing, or a text that is empty in every language."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return not any(str(v).strip() for v in value.values())
    if isinstance(value, list):
        return not value
    return False


def collects_from_subject(register: Register) -> bool:
    """Art. 13 applies: data comes from the person (the default when no source is given)."""
    return not register.sources or any(
        s.origin == SourceOrigin.data_subject for s in register.sources
    )


def collects_elsewhere(register: Register) -> bool:
    """Art. 14 applies: some data comes from partners, public sources or authorities."""
    return any(s.origin != SourceOrigin.data_subject for s in register.sources)


def registers(ctx: LintContext) -> Iterable[tuple[tuple[str, int], Register]]:
    for index, register in enumerate(ctx.registry.registers):
        yield ("registers", index), register


def label(register: Register, index: int) -> str:
    name = register.name if isinstance(register.name, str) else next(iter(register.name.values()))
    return f"register '{name}' (registers[{index}])"


# --- controller -----------------------------------------------------------------------------


@rule("L101")
def controller_address(ctx: LintContext) -> Iterable[Hit]:
    if ctx.registry.controller.address is None:
        yield Hit(
            ("controller",),
            "controller: the company's postal address is missing",
            "add `address: {street: …, postal_code: …, city: …}` under `controller:`",
        )


@rule("L102")
def controller_business_id(ctx: LintContext) -> Iterable[Hit]:
    if not ctx.registry.controller.business_id:
        yield Hit(
            ("controller",),
            "controller: the Y-tunnus (business ID) is missing",
            "add `business_id: '1572860-0'` under `controller:`, with your own Y-tunnus "
            "from ytj.fi (the example's check digit is valid, it is not yours)",
        )


@rule("L103")
def controller_contact(ctx: LintContext) -> Iterable[Hit]:
    reg = ctx.registry
    channels = [reg.controller.email, reg.controller.phone, reg.rights.contact_email]
    for person in (reg.privacy_contact, reg.dpo):
        if person is not None:
            channels += [person.email, person.phone]
    if not any(channels):
        yield Hit(
            ("controller",),
            "controller: no e-mail or phone number anywhere in the registry, so people cannot "
            "reach the controller",
            "add `email: …` (and `phone: …`) under `controller:`",
        )


@rule("L104")
def controller_legal_name(ctx: LintContext) -> Iterable[Hit]:
    name = ctx.registry.controller.name
    words = {w.strip(".,()").lower() for w in re.split(r"\s+", name)}
    if words & set(phrases()["company_forms"]):
        return
    yield Hit(
        ("controller", "name"),
        f"controller.name: '{name}' has no company form (Oy, Ab, Ky, Tmi…); the controller is "
        "the company, not a contact person",
        "write the company's registered name as in ytj.fi, e.g. 'Esimerkki Oy', and move the "
        "person to `privacy_contact:`; a sole trader whose registered name is a personal name "
        "can switch the rule off with a reason",
    )


# --- per register ---------------------------------------------------------------------------


@rule("L105")
def purposes(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.purposes:
            yield Hit(
                path,
                f"{label(register, path[1])}: no purposes of processing",
                "add `purposes:` with one item per purpose, each with its `legal_basis`",
            )


@rule("L106")
def legal_basis(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        for index, purpose in enumerate(register.purposes):
            if purpose.legal_basis is None:
                yield Hit(
                    (*path, "purposes", index),
                    f"{ctx.purpose_label(path[1], index)}: no legal basis",
                    "add `legal_basis:` with one of consent, contract, legal_obligation, "
                    "vital_interests, public_task, legitimate_interests",
                )


@rule("L107")
def legitimate_interest_text(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        for index, purpose in enumerate(register.purposes):
            basis = purpose.legal_basis
            if basis is None or basis.value != "legitimate_interests":
                continue
            if blank(purpose.legitimate_interest):
                yield Hit(
                    (*path, "purposes", index, "legal_basis"),
                    f"{ctx.purpose_label(path[1], index)}: legal basis is legitimate "
                    "interests but the interest is not described",
                    "add `legitimate_interest:` saying what the company's interest is, e.g. "
                    "{fi: Asiakassuhteen hoitaminen, en: Maintaining the customer "
                    "relationship}",
                )


@rule("L108")
def retention(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if blank(register.retention):
            yield Hit(
                path,
                f"{label(register, path[1])}: no retention period",
                "add `retention:` with how long the data is kept or the criteria, e.g. "
                "'the customer relationship and 6 years after it (accounting act)'",
            )


@rule("L109")
def provision(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if collects_from_subject(register) and register.provision is None:
            yield Hit(
                path,
                f"{label(register, path[1])}: does not say whether people must give the data "
                "and what happens if they do not",
                "add `provision: {required: contract_prerequisite, consequences: …}` (or "
                "statutory, contractual, voluntary)",
            )


@rule("L110")
def automated_decisions(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if register.automated_decisions is None:
            yield Hit(
                path,
                f"{label(register, path[1])}: does not say whether automated decisions or "
                "profiling are used",
                "add `automated_decisions: {used: false}` (or `used: true` with a `description:` "
                "of the logic and its consequences)",
            )


@rule("L111")
def art14_data_categories(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if collects_elsewhere(register) and not register.data_categories:
            yield Hit(
                path,
                f"{label(register, path[1])}: data comes from other sources too, but the "
                "categories of personal data are not listed",
                "add `data_categories:` with one item per kind of data (name, e-mail, …)",
            )


@rule("L112")
def sources(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.sources:
            yield Hit(
                path,
                f"{label(register, path[1])}: does not say where the data comes from",
                "add `sources:` with each source and its `origin:` (data_subject, partner, "
                "public, authority, other)",
            )


@rule("L113")
def recipients(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.recipients:
            yield Hit(
                path,
                f"{label(register, path[1])}: no recipients (even hosting and e-mail providers "
                "are recipients)",
                "add `recipients:` with each processor or category of recipients",
            )


@rule("L114")
def transfers_stated(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if register.transfers is None:
            yield Hit(
                path,
                f"{label(register, path[1])}: does not say whether data is transferred outside "
                "the EU/EEA",
                "write `transfers: []` when there are none, or list each transfer with "
                "`recipient`, `country` and `mechanism`",
            )
