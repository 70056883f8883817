"""L156's facts with each month's pattern compiled once and tried only in a text with a digit
and the month's name, and number words looked for only in a text holding one's stem (issue
#9, a cold lint's CPU): the very facts of searching every month and every word pair in every
text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from seloste.lint import checks_drift
from seloste.lint.checks_drift import _MONTHS, facts

ROOT = Path(__file__).resolve().parent.parent


def _months_before(lowered: str, lang: str) -> set[str]:
    """The month part of ``facts`` as it was: a search per month, in every text."""
    found = set()
    for index, month in enumerate(_MONTHS.get(lang, "").split(), start=1):
        if re.search(rf"\d\.?\s+{month}\w*|\b{month}\w*\s+\d", lowered):
            found.add(str(index))
    return found


def _facts_before(text: str, lang: str) -> tuple[set[str], set[str]]:
    """``facts`` as it was: every word pair of every text tried, every month searched."""
    emails = {m.group(0).lower().rstrip(".") for m in checks_drift.EMAIL.finditer(text)}
    plain = checks_drift.EMAIL.sub(" ", text)
    plain = re.sub(r"https?://\S+", " ", plain)
    plain = checks_drift._LIST_MARKER.sub(" ", plain)
    numbers = {n.replace(",", ".") for n in checks_drift._NUMBER.findall(plain)}
    for match in re.finditer(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", plain):
        numbers -= {match.group(0)}
        numbers |= {str(int(match.group(1))), str(int(match.group(2))), match.group(3)}
    numbers = {n for n in numbers if not re.fullmatch(r"\d+\.\d+\.\d+", n)}
    lowered = plain.lower()
    words = checks_drift._number_words(lang)
    for match in re.finditer(r"\b([^\W\d_]+)(?=\s+([^\W\d_]+))", lowered):
        word, unit = match.groups()
        if not checks_drift._UNIT.match(unit):
            continue
        for stem, value in words.items():
            if word == stem or (lang == "fi" and len(stem) > 4 and word.startswith(stem[:-1])):
                numbers.add(value)
    numbers |= _months_before(lowered, lang)
    return {n.rstrip(".") for n in numbers}, emails


def _texts() -> list[tuple[str, str]]:
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("fi", "en", "sv") and isinstance(value, str):
                    out.append((value, key))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in [ROOT / "data" / "registry.yaml", *ROOT.glob("examples/*/data/registry.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    rng = random.Random(156)
    words = [
        "1",
        "12",
        "３",
        "٣",
        "2021",
        "9.3.2021",
        "toukokuuta",
        "may",
        "maj",
        "huhtikuussa",
        "march",
        "1st",
        "vuotta",
        "years",
        "kolme",
        "kolmeksi",
        "kuusi",
        "kymmenen",
        "yksitoista",
        "three",
        "twelve",
        "phone",
        "tre",
        "sex",
        "år",
        "månader",
        "kuukautta",
        ".",
        ",",
    ]
    for lang in ("fi", "en", "sv"):
        out += [(" ".join(rng.choice(words) for _ in range(6)), lang) for _ in range(400)]
    return out


def test_facts_are_as_before() -> None:
    texts = _texts()
    assert len(texts) > 1000
    with_month = with_word = 0
    for text, lang in texts:
        new = facts(text, lang)
        assert new == _facts_before(text, lang), (text, lang)
        with_month += any(month in text.lower() for month in _MONTHS.get(lang, "").split())
        with_word += any(w in text.lower() for w in ("kolm", "three", "tre", "kuus", "six"))
    assert with_month > 50 and with_word > 50
