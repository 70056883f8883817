"""Spelling (L157) and grammar (L158) of every registry text, per language.

Finnish with Voikko, English with Hunspell (``spelling.py``). A language whose
dictionary is not installed is not checked, and one info finding says so and how
to install it, so a skipped check is never mistaken for a clean one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce

from ..findings import Severity
from ..messages import msg
from ..registry import format_path
from ..registry.values import text_in
from .context import LintContext, TextValue
from .rulebook import Hit, rule
from .spelling import INSTALL, Problem, allowed_words, check_text, has_checker

CHECKED = ("fi", "en")


def _names(ctx: LintContext) -> list[str]:
    """The registry's own names: controller, people, address, services, lint.words."""
    reg = ctx.registry
    names = [reg.controller.name, *reg.lint.words]
    if reg.controller.address is not None:
        names += [reg.controller.address.street, reg.controller.address.city]
    for person in (reg.dpo, reg.privacy_contact, reg.representative):
        if person is not None and person.name:
            names.append(person.name)
    for register in reg.registers:
        for recipient in register.recipients:
            names += [text_in(recipient.name, lang) or "" for lang in ctx.languages]
        for transfer in register.transfers or []:
            names += [text_in(transfer.recipient, lang) or "" for lang in ctx.languages]
    for service in ctx.declared.services:
        names += [service.name_in(lang) for lang in ctx.languages]
        names += [service.provider_in(lang) for lang in ctx.languages]
    return [n for n in names if n]


def problems(ctx: LintContext, kind: str) -> Iterable[tuple[TextValue, Problem]]:
    allowed = allowed_words(_names(ctx))
    only = ctx.languages[0] if len(ctx.languages) == 1 else None
    by_text: dict[tuple, set[str]] = {}
    for value in ctx.texts:
        if value.lang:
            by_text.setdefault(value.path[:-1], set()).add(value.flat)
    for value in ctx.texts:
        lang = value.lang or only  # a one-language registry writes plain strings
        if lang not in CHECKED or not has_checker(lang):
            continue
        siblings = [v for v in ctx.texts if v.lang and v.path[:-1] == value.path[:-1]]
        if value.lang and len(siblings) > 1 and len(by_text[value.path[:-1]]) == 1:
            continue  # the same text in every language: untranslated, which L141 reports
        for problem in check_text(value.text, lang, allowed):
            if problem.kind == kind:
                yield value, problem


def _hit(ctx: LintContext, value: TextValue, problem: Problem, fix: str) -> Hit:
    return Hit(
        value.path,
        f"{format_path(value.path)}: {problem.message}",
        fix,
        at=ctx.locate_in_text(value.path, problem.text),
        data={"phrase": problem.text, "language": value.lang or ctx.languages[0]},
    )


def _suggestion(problem: Problem) -> str:
    if problem.suggestions:
        words = reduce(
            lambda first, second: msg("L.or", first=first, second=second),
            (f"'{s}'" for s in problem.suggestions),
        )
        return msg("L157.write", words=words)
    return msg("L157.correct")


@rule("L157")
def spelling(ctx: LintContext) -> Iterable[Hit]:
    for lang in CHECKED:
        if lang in ctx.languages and not has_checker(lang):
            yield Hit(
                ("languages",),
                msg("L157.not-checked", lang=lang),
                INSTALL[lang],
                severity=Severity.info,
                data={"language": lang, "skipped": True},
            )
    for value, problem in problems(ctx, "spelling"):
        fix = msg("L157.spelling.fix", suggestion=_suggestion(problem))
        yield _hit(ctx, value, problem, fix)


@rule("L158")
def grammar(ctx: LintContext) -> Iterable[Hit]:
    for value, problem in problems(ctx, "grammar"):
        yield _hit(ctx, value, problem, _suggestion(problem))
