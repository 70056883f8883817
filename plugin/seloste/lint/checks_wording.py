"""Text rules: phrases in any registry text that are wrong in law or misleading (L12x).

The phrases themselves are in phrases.yaml; each check here says what a match
means and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..messages import language, msg
from ..registry import format_path
from .context import LintContext, TextValue
from .prefilter import Phrase
from .rulebook import Hit, phrases, rule


def matches(ctx: LintContext, list_name: str) -> Iterator[tuple[TextValue, re.Match[str]]]:
    """The first match of any phrase of ``list_name`` in each text."""
    patterns = ctx.patterns(list_name)
    for value in ctx.texts:
        found = [m for p in patterns if (m := p.search(value.flat))]
        if found:
            yield value, min(found, key=lambda m: m.start())


def hit_at(
    ctx: LintContext, value: TextValue, match: re.Match[str] | _Phrase, message: str, fix: str
) -> Hit:
    """A hit at the matched phrase; ``message`` names it with the fields of ``spot()``."""
    return Hit(
        value.path,
        message,
        fix,
        at=ctx.locate_in_text(value.path, match.group(0)),
        data={"phrase": match.group(0)},
    )


def spot(value: TextValue, match: re.Match[str] | _Phrase) -> dict[str, str]:
    """The message fields ``where`` (the text's registry path) and ``quote`` (the phrase)."""
    return {"where": format_path(value.path), "quote": _quote(match.group(0))}


def _quote(phrase: str, limit: int = 70) -> str:
    phrase = phrase.strip()
    return f"'{phrase if len(phrase) <= limit else phrase[: limit - 1] + '…'}'"


@rule("L120")
def repealed_law(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "repealed_law"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L120.repealed-law", **spot(value, match)),
            msg("L120.repealed-law.fix"),
        )


@rule("L121")
def old_law_formula(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "old_law_formulas"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L121.old-law-formula", **spot(value, match)),
            msg("L121.old-law-formula.fix"),
        )


@rule("L122")
def implied_consent(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "implied_consent"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L122.implied-consent", **spot(value, match)),
            msg("L122.implied-consent.fix"),
        )


@rule("L123")
def browser_settings(ctx: LintContext) -> Iterable[Hit]:
    topic = ctx.patterns("cookie_topic")
    for value, match in matches(ctx, "browser_settings"):
        if not any(p.search(value.flat) for p in topic):
            continue
        yield hit_at(
            ctx,
            value,
            match,
            msg("L123.browser-settings", **spot(value, match)),
            msg("L123.browser-settings.fix"),
        )


@rule("L124")
def stale_authority(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "stale_authority"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L124.stale-authority", **spot(value, match)),
            msg("L124.stale-authority.fix"),
        )


@rule("L125")
def check_regularly(ctx: LintContext) -> Iterable[Hit]:
    for value in ctx.texts:
        span = _first_span(ctx, value.flat)
        if span is None:
            continue
        start, end = _sentence_around(value.flat, *span)
        phrase = _Phrase(value.flat[start:end].strip())
        yield hit_at(
            ctx,
            value,
            phrase,
            msg("L125.check-regularly", **spot(value, phrase)),
            msg("L125.check-regularly.fix"),
        )


def _current(current: str | dict[str, str]) -> str:
    """A brand's current name (the same in every language) or a sentence per language."""
    if isinstance(current, dict):
        return current.get(language()) or current["en"]
    return current


class _Phrase:
    """The quoted phrase of a hit that is not one regex match (a sentence)."""

    def __init__(self, text: str):
        self.text = text

    def group(self, index: int = 0) -> str:
        return self.text


_SENTENCE_END = re.compile(r"[.!?]")


@cache
def _sequences() -> list[list[Phrase]]:
    return [
        [Phrase.compile(p) for p in parts]
        for parts in phrases().get("check_regularly_sequences", [])
    ]


def _first_span(ctx: LintContext, text: str) -> tuple[int, int] | None:
    """Where the first L125 phrase of ``text`` is: a bounded pattern, or a sequence of
    patterns in one sentence (each searched from where the previous one ended)."""
    found = [(m.start(), m.end()) for p in ctx.patterns("check_regularly") if (m := p.search(text))]
    # Only the sequences whose every part can occur somewhere in the text are tried
    # sentence by sentence (the others cannot match in any sentence).
    sequences = [parts for parts in _sequences() if all(p.possible(text) for p in parts)]
    if not sequences:
        return min(found) if found else None
    start = 0
    for end_match in (*_SENTENCE_END.finditer(text), None):
        end = end_match.start() if end_match else len(text)
        for parts in sequences:
            pos, first = start, None
            for part in parts:
                m = part.regex.search(text, pos, end)
                if m is None:
                    break
                first = m.start() if first is None else first
                pos = m.end()
            else:
                found.append((first if first is not None else start, pos))
        if found and min(found)[0] < end:
            break
        start = end + 1
    return min(found) if found else None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence that holds ``text[start:end]``: from the previous '.', '!' or '?'
    to the next one (or the text's ends)."""
    before = max(text.rfind(char, 0, start) for char in ".!?") + 1
    after = _SENTENCE_END.search(text, end)
    return before, after.start() if after else len(text)


@rule("L126")
def raw_html(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "raw_html"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L126.raw-html", **spot(value, match)),
            msg("L126.raw-html.fix"),
        )


@rule("L127")
def stale_brand(ctx: LintContext) -> Iterable[Hit]:
    brands = [(Phrase.compile(b["pattern"]), b["current"]) for b in phrases()["stale_brands"]]
    for value in ctx.texts:
        for pattern, current in brands:
            match = pattern.search(value.flat)
            if match:
                yield hit_at(
                    ctx,
                    value,
                    match,
                    msg("L127.stale-brand", **spot(value, match)),
                    msg("L127.stale-brand.fix", current=_current(current)),
                )


@rule("L128")
def no_personal_data_claim(ctx: LintContext) -> Iterable[Hit]:
    for value, match in matches(ctx, "no_personal_data"):
        yield hit_at(
            ctx,
            value,
            match,
            msg("L128.no-personal-data", **spot(value, match)),
            msg("L128.no-personal-data.fix"),
        )
