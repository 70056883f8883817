"""Spelling (L157) and grammar (L158) of every registry text, per language.

Finnish with Voikko, English with Hunspell (``spelling.py``). A language whose
dictionary is not installed is not checked, and one info finding says so and how
to install it, so a skipped check is never mistaken for a clean one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from ..fields_repr import FieldsRepr
from ..findings import Severity
from ..messages import msg
from ..registry import format_path
from ..registry.values import text_in
from .context import LintContext, TextValue
from .rulebook import Hit, rule
from .spelling import INSTALL, Problem, allowed_words, check_texts, release

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


@dataclass(repr=False)
class _Checked(FieldsRepr):
    """One lint run's spelling results: both rules (L157, L158) read them."""

    ctx: LintContext
    #: Whether each language's dictionary is installed (asked for the registry's languages).
    available: dict[str, bool]
    #: Every problem, in the order of the registry's texts.
    found: list[tuple[TextValue, Problem]]


#: The last run's results (a lint run makes one context; its two rules share them).
_last: _Checked | None = None


def checked(ctx: LintContext) -> _Checked:
    """Every text's problems, one language after the other: a language's dictionary is
    opened for its texts and closed before the next one's opens (``spelling.release``),
    so Voikko and Hunspell are never in memory together, nor after lint. In a build (kept
    results) each language's step that opens a dictionary runs in a forked child
    (``spelling.check_texts``): then the build's process loads no dictionary at all."""
    global _last
    if _last is not None and _last.ctx is ctx:
        return _last
    allowed = allowed_words(_names(ctx))
    only = ctx.languages[0] if len(ctx.languages) == 1 else None
    by_text: dict[tuple, set[str]] = {}
    siblings: dict[tuple, int] = {}
    for value in ctx.texts:
        if value.lang:
            by_text.setdefault(value.path[:-1], set()).add(value.flat)
            siblings[value.path[:-1]] = siblings.get(value.path[:-1], 0) + 1
    todo: dict[str, list[int]] = {lang: [] for lang in CHECKED}
    for index, value in enumerate(ctx.texts):
        lang = value.lang or only  # a one-language registry writes plain strings
        if lang not in CHECKED:
            continue
        parent = value.path[:-1]
        if value.lang and siblings[parent] > 1 and len(by_text[parent]) == 1:
            continue  # the same text in every language: untranslated, which L141 reports
        todo[lang].append(index)
    available: dict[str, bool] = {}
    results: dict[int, tuple[Problem, ...]] = {}
    # English first: Hunspell's dictionary is the bigger one, so it opens while the libraries
    # Voikko leaves loaded are not there yet (the peak is ~2 MiB lower).
    for lang in ("en", "fi"):
        if lang not in ctx.languages and not todo[lang]:
            continue
        try:
            texts = [ctx.texts[index].text for index in todo[lang]]
            available[lang], answers = check_texts(texts, lang, allowed)
            results.update(zip(todo[lang], answers, strict=False))
        finally:
            release(lang)
    found = [(ctx.texts[index], problem) for index in sorted(results) for problem in results[index]]
    _last = _Checked(ctx, available, found)
    return _last


def problems(ctx: LintContext, kind: str) -> Iterable[tuple[TextValue, Problem]]:
    return [(value, problem) for value, problem in checked(ctx).found if problem.kind == kind]


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
    available = checked(ctx).available
    for lang in CHECKED:
        if lang in ctx.languages and not available[lang]:
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
