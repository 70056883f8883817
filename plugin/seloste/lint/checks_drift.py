"""Meaning drift between the language versions of one text (L156).

A translation may reword, but it must not change the facts: "15 vuotta" in Finnish
and "indefinitely" or "10 years" in English, another law number or year, another
e-mail address. The facts are compared as sets: numbers (digits or the number
words one to twelve, months of dates as numbers) and e-mail addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import combinations

from ..messages import msg
from ..registry import format_path
from .checks_consistency import EMAIL, _mappings
from .context import LintContext
from .rulebook import Hit, rule

_WORDS = {
    "fi": "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen "
    "yksitoista kaksitoista",
    "en": "one two three four five six seven eight nine ten eleven twelve",
    "sv": "en två tre fyra fem sex sju åtta nio tio elva tolv",
}
_MONTHS = {
    "fi": "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu",
    "en": "january february march april may june july august september october november december",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
}
_UNIT = re.compile(
    r"vuo[ds]|vuot|kuukau|viiko|päiv|tunt|minuu|year|month|week|day|hour|minute|år|månad|"
    r"veck|dag|timm|minut"
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w])")
# The indent is whitespace within the line: ``^\s*`` ran over the line breaks of every blank
# line after it, from every line start (297 s on 1 MB of blank lines).
_LIST_MARKER = re.compile(r"^[^\S\n]*\d+[.)]\s", re.MULTILINE)


def _number_words(lang: str) -> dict[str, str]:
    out = {w: str(i) for i, w in enumerate(_WORDS.get(lang, "").split(), start=1)}
    # Finnish inflects: "kolmeksi", "kolmen", "kolmeen" all start with the number's stem.
    return out


def facts(text: str, lang: str) -> tuple[set[str], set[str]]:
    """The numbers and e-mail addresses a text states."""
    emails = {m.group(0).lower().rstrip(".") for m in EMAIL.finditer(text)}
    plain = EMAIL.sub(" ", text)
    plain = re.sub(r"https?://\S+", " ", plain)
    plain = _LIST_MARKER.sub(" ", plain)
    numbers = {n.replace(",", ".") for n in _NUMBER.findall(plain)}
    # dates written 9.3.2021 give 9, 3 and 2021
    for match in re.finditer(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", plain):
        numbers -= {match.group(0)}
        numbers |= {str(int(match.group(1))), str(int(match.group(2))), match.group(3)}
    numbers = {n for n in numbers if not re.fullmatch(r"\d+\.\d+\.\d+", n)}
    lowered = plain.lower()
    words = _number_words(lang)
    # Number words count only as durations ("kolme vuotta", "three years"): "yksi" and
    # "one" are also ordinary words. (A text holding no number word's stem has none.)
    if any(stem in lowered for stem in _stems(lang)):
        for match in _WORD_PAIR.finditer(lowered):
            word, unit = match.groups()
            if not _UNIT.match(unit):
                continue
            for stem, value in words.items():
                if word == stem or (lang == "fi" and len(stem) > 4 and word.startswith(stem[:-1])):
                    numbers.add(value)
    if _DIGIT.search(lowered):  # a month counts only next to a number
        for index, month in enumerate(_MONTHS.get(lang, "").split(), start=1):
            if month in lowered and _month_pattern(month).search(lowered):
                numbers.add(str(index))
    return {n.rstrip(".") for n in numbers}, emails


_DIGIT = re.compile(r"\d")


_WORD_PAIR = re.compile(r"\b([^\W\d_]+)(?=\s+([^\W\d_]+))")


@cache
def _stems(lang: str) -> tuple[str, ...]:
    """What a text must hold for one of ``lang``'s number words to be in it (a Finnish
    word of more than four letters counts inflected: its stem without the last letter)."""
    return tuple(
        stem[:-1] if lang == "fi" and len(stem) > 4 else stem for stem in _number_words(lang)
    )


@cache
def _month_pattern(month: str) -> re.Pattern[str]:
    """A date's pattern for ``month``, compiled once, and only for a text that names it."""
    return re.compile(rf"\d\.?\s+{month}\w*|\b{month}\w*\s+\d")


@rule("L156")
def translation_drift(ctx: LintContext) -> Iterable[Hit]:
    for path, mapping in _mappings(ctx.loaded.located.data):
        langs = [lang for lang in ctx.languages if str(mapping.get(lang) or "").strip()]
        for a, b in combinations(langs, 2):
            (nums_a, mails_a), (nums_b, mails_b) = facts(mapping[a], a), facts(mapping[b], b)
            problems = []
            if nums_a != nums_b:
                problems.append(_numbers_differ(nums_a, nums_b, a, b))
            if mails_a != mails_b:
                problems.append(msg("L156.emails", emails=", ".join(sorted(mails_a ^ mails_b))))
            if problems:
                yield Hit(
                    path,
                    msg(
                        "L156.drift",
                        field=format_path(path),
                        a=a,
                        b=b,
                        problems="; ".join(problems),
                    ),
                    msg("L156.drift.fix", a=a, b=b),
                    data={"languages": [a, b]},
                )


def _numbers_differ(nums_a: set[str], nums_b: set[str], a: str, b: str) -> str:
    """Which numbers only one version states (at least one side has some)."""
    only_a, only_b = ", ".join(sorted(nums_a - nums_b)), ", ".join(sorted(nums_b - nums_a))
    if only_a and only_b:
        return msg("L156.numbers-both", only_a=only_a, a=a, only_b=only_b, b=b)
    if only_a:
        return msg("L156.numbers-first", only_a=only_a, a=a)
    return msg("L156.numbers-second", only_b=only_b, b=b)
