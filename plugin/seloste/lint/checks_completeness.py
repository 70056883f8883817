"""Mandatory and conditional items of GDPR Articles 13 and 14, per register (L10x–L11x).

The rights and the right to complain (with the Ombudsman's contact details) are
always written into the notice from Seloste's own wording, so they have no rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..messages import msg
from ..registry.values import SourceOrigin
from .context import LintContext
from .rulebook import Hit, phrases, rule

if TYPE_CHECKING:  # no pydantic in a build whose registry quick.py validated
    from ..registry.model import Register


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
    return msg("L.register", name=name, index=index)


# --- controller -----------------------------------------------------------------------------


@rule("L101")
def controller_address(ctx: LintContext) -> Iterable[Hit]:
    if ctx.registry.controller.address is None:
        yield Hit(("controller",), msg("L101.no-address"), msg("L101.no-address.fix"))


@rule("L102")
def controller_business_id(ctx: LintContext) -> Iterable[Hit]:
    if not ctx.registry.controller.business_id:
        yield Hit(("controller",), msg("L102.no-business-id"), msg("L102.no-business-id.fix"))


@rule("L103")
def controller_contact(ctx: LintContext) -> Iterable[Hit]:
    reg = ctx.registry
    channels = [reg.controller.email, reg.controller.phone, reg.rights.contact_email]
    for person in (reg.privacy_contact, reg.dpo):
        if person is not None:
            channels += [person.email, person.phone]
    if not any(channels):
        yield Hit(("controller",), msg("L103.no-contact"), msg("L103.no-contact.fix"))


@rule("L104")
def controller_legal_name(ctx: LintContext) -> Iterable[Hit]:
    name = ctx.registry.controller.name
    words = {w.strip(".,()").lower() for w in re.split(r"\s+", name)}
    if words & set(phrases()["company_forms"]):
        return
    yield Hit(
        ("controller", "name"),
        msg("L104.no-company-form", name=name),
        msg("L104.no-company-form.fix"),
    )


# --- per register ---------------------------------------------------------------------------


@rule("L105")
def purposes(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.purposes:
            yield Hit(
                path,
                msg("L105.no-purposes", register=label(register, path[1])),
                msg("L105.no-purposes.fix"),
            )


@rule("L106")
def legal_basis(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        for index, purpose in enumerate(register.purposes):
            if purpose.legal_basis is None:
                yield Hit(
                    (*path, "purposes", index),
                    msg("L106.no-legal-basis", purpose=ctx.purpose_label(path[1], index)),
                    msg("L106.no-legal-basis.fix"),
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
                    msg("L107.no-interest", purpose=ctx.purpose_label(path[1], index)),
                    msg("L107.no-interest.fix"),
                )


@rule("L108")
def retention(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if blank(register.retention):
            yield Hit(
                path,
                msg("L108.no-retention", register=label(register, path[1])),
                msg("L108.no-retention.fix"),
            )


@rule("L109")
def provision(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if collects_from_subject(register) and register.provision is None:
            yield Hit(
                path,
                msg("L109.no-provision", register=label(register, path[1])),
                msg("L109.no-provision.fix"),
            )


@rule("L110")
def automated_decisions(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if register.automated_decisions is None:
            yield Hit(
                path,
                msg("L110.no-automated-decisions", register=label(register, path[1])),
                msg("L110.no-automated-decisions.fix"),
            )


@rule("L111")
def art14_data_categories(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if collects_elsewhere(register) and not register.data_categories:
            yield Hit(
                path,
                msg("L111.no-data-categories", register=label(register, path[1])),
                msg("L111.no-data-categories.fix"),
            )


@rule("L112")
def sources(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.sources:
            yield Hit(
                path,
                msg("L112.no-sources", register=label(register, path[1])),
                msg("L112.no-sources.fix"),
            )


@rule("L113")
def recipients(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if not register.recipients:
            yield Hit(
                path,
                msg("L113.no-recipients", register=label(register, path[1])),
                msg("L113.no-recipients.fix"),
            )


@rule("L114")
def transfers_stated(ctx: LintContext) -> Iterable[Hit]:
    for path, register in registers(ctx):
        if register.transfers is None:
            yield Hit(
                path,
                msg("L114.no-transfers", register=label(register, path[1])),
                msg("L114.no-transfers.fix"),
            )
