"""Claims the rest of the registry contradicts, and wording that limits rights (L151–L155).

A notice is one document: a sentence that says nothing is disclosed is wrong when
the same registry lists pixel services and transfers to the US; a sentence that
demands requests in writing limits a right the GDPR says the controller must
facilitate (Art. 12(2)). The phrases are in phrases.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..messages import msg
from ..registry import format_path
from ..registry.values import text_in
from .checks_cookies import service_name
from .checks_wording import hit_at, matches, spot
from .context import LintContext
from .rulebook import Hit, rule

_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")


def _receivers(ctx: LintContext) -> list[str]:
    """Who the registry itself says receives data: services and recipients."""
    out = [service_name(ctx, i) for i in range(len(ctx.registry.services))]
    for register in ctx.registry.registers:
        out += [text_in(r.name, ctx.languages[0]) or "" for r in register.recipients]
    return [name for name in out if name]


def _transfers(ctx: LintContext) -> list[str]:
    """Transfers outside the EU/EEA the registry declares or its services make."""
    out = [
        text_in(t.recipient, ctx.languages[0]) or ""
        for register in ctx.registry.registers
        for t in register.transfers or []
    ]
    for service in ctx.declared.services:
        if service.transfers:
            countries = ", ".join(t.country for t in service.transfers)
            out.append(f"{service.name_in(ctx.languages[0])} ({countries})")
    return out


def _blanket(ctx: LintContext, list_name: str):
    """Claims of ``list_name`` whose sentence has no exception or purpose qualifying them."""
    qualifiers = ctx.patterns("claim_qualifiers")
    for value, match in matches(ctx, list_name):
        if not any(p.search(_sentence(value.flat, match.start())) for p in qualifiers):
            yield value, match


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in ".!?") + 1
    end = [m.start() for m in _SENTENCE_END.finditer(text, at)]
    return text[start : end[0] if end else len(text)]


@rule("L151")
def contradicted_claim(ctx: LintContext) -> Iterable[Hit]:
    receivers = _receivers(ctx)
    if receivers:
        shown = ", ".join(receivers[:4]) + ("…" if len(receivers) > 4 else "")
        for value, match in _blanket(ctx, "no_disclosure_claims"):
            yield hit_at(
                ctx,
                value,
                match,
                msg("L151.no-disclosure-claim", **spot(value, match), shown=shown),
                msg("L151.no-disclosure-claim.fix"),
            )
    transfers = _transfers(ctx)
    if transfers:
        shown = ", ".join(transfers[:4])
        for value, match in _blanket(ctx, "no_transfer_claims"):
            yield hit_at(
                ctx,
                value,
                match,
                msg("L151.no-transfer-claim", **spot(value, match), shown=shown),
                msg("L151.no-transfer-claim.fix"),
            )


@rule("L152")
def form_required(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "form_required"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L152.form-required", **spot(value, match)),
            msg("L152.form-required.fix"),
        )


@rule("L153")
def indefinite_retention(ctx: LintContext) -> Iterable[Hit]:
    criteria = ctx.patterns("retention_criteria")
    for value, match in matches(ctx, "indefinite_retention"):
        if "retention" not in value.path and not _about_keeping(value.flat):
            continue
        clause = _clause(value.flat, match.start())
        if any(p.search(clause) for p in criteria):
            continue
        yield hit_at(
            ctx,
            value,
            match,
            msg("L153.indefinite-retention", **spot(value, match)),
            msg("L153.indefinite-retention.fix"),
        )


def _about_keeping(text: str) -> bool:
    return bool(re.search(r"säily|säilö|tallenne|retain|kept|keep|stor", text, re.IGNORECASE))


def _clause(text: str, at: int) -> str:
    """The clause around position ``at``: from the previous to the next comma or full stop."""
    start = max(text.rfind(c, 0, at) for c in ".!?;,") + 1
    ends = [m.start() for m in _SENTENCE_END.finditer(text, at)] + [
        i for i in [text.find(",", at)] if i >= 0
    ]
    return text[start : min(ends) if ends else len(text)]


OTHER_BASES = frozenset({"consent", "legitimate_interests", "vital_interests", "public_task"})


@rule("L154")
def register_wide_requirement(ctx: LintContext) -> Iterable[Hit]:
    for r_index, register in enumerate(ctx.registry.registers):
        provision = register.provision
        if provision is None or provision.required not in ("contractual", "statutory"):
            continue
        others = sorted(
            {
                p.legal_basis.value
                for p in register.purposes
                if p.legal_basis is not None and p.legal_basis.value in OTHER_BASES
            }
        )
        if not others:
            continue
        yield Hit(
            ("registers", r_index, "provision", "required"),
            msg(
                "L154.register-wide-requirement",
                index=r_index,
                required=provision.required,
                others=", ".join(others),
            ),
            msg("L154.register-wide-requirement.fix"),
        )


@rule("L155")
def vague_recipients(ctx: LintContext) -> Iterable[Hit]:
    patterns = ctx.patterns("vague_recipients")
    for r_index, register in enumerate(ctx.registry.registers):
        for i, recipient in enumerate(register.recipients):
            names = recipient.name if isinstance(recipient.name, dict) else {"": recipient.name}
            vague = [n for n in names.values() if any(p.search(n) for p in patterns)]
            if not vague:
                continue
            path = ("registers", r_index, "recipients", i, "name")
            yield Hit(
                path,
                msg("L155.vague-recipient", field=format_path(path), name=vague[0]),
                msg("L155.vague-recipient.fix"),
            )


@rule("L159")
def narrowed_complaint(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "narrowed_complaint"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L159.narrowed-complaint", **spot(value, match)),
            msg("L159.narrowed-complaint.fix"),
        )
