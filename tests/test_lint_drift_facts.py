"""L156's facts with each month's pattern compiled once and tried only in a text with a digit
(issue #9, a cold lint's CPU): the very facts of searching every month in every text."""

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
        ".",
        ",",
    ]
    for lang in ("fi", "en", "sv"):
        out += [(" ".join(rng.choice(words) for _ in range(6)), lang) for _ in range(400)]
    return out


def test_month_facts_are_as_before(monkeypatch) -> None:
    texts = _texts()
    assert len(texts) > 1000
    with_month = 0
    for text, lang in texts:
        new = facts(text, lang)
        # the same without the month part, plus the month part as it was
        monkeypatch.setattr(checks_drift, "_month_patterns", lambda lang: [])
        base = facts(text, lang)
        monkeypatch.undo()
        # months are searched in the text without addresses and list markers
        before = base[0] | {
            n.rstrip(".")
            for n in _months_before(
                checks_drift._LIST_MARKER.sub(
                    " ",
                    re.sub(r"https?://\S+", " ", checks_drift.EMAIL.sub(" ", text)),
                ).lower(),
                lang,
            )
        }
        assert new == (before, base[1]), (text, lang)
        with_month += new[0] != base[0]
    assert with_month > 50
