"""The spelling rule's cold cost (issue #9): one dictionary in memory at a time, en_GB only
when en_US rejects a word, names looked up instead of compared one by one, and all of it
giving the very findings the plain way gives."""

from __future__ import annotations

import functools
import random
import re

import pytest

from conftest import ROOT
from seloste.lint import checks_spelling, lint, spelling
from seloste.lint.spelling import allowed_words, check_text
from seloste.registry import load_registry

needs_both = pytest.mark.skipif(
    spelling.voikko() is None or spelling.hunspell_en() is None,
    reason="needs Voikko and Hunspell (installed in CI by .ci/run)",
)

#: The demo registry with an English misspelling, a Finnish one and a Finnish number fault.
FAULTY = (
    (ROOT / "data" / "registry.yaml")
    .read_text(encoding="utf-8")
    .replace("and managing the customer relationship.", "and managing the custmer relationship.")
    .replace("sekä asiakassuhteen hoitaminen.", "sekä asiakasuhteen hoitaminen.")
    .replace("sallimissa ja edellyttämissä rajoissa.", "sallimissa ja edellyttämässä rajoissa.")
)


def _shown(findings) -> list[str]:
    return [f"{f.code} {f.line}:{f.col} {f.message} | {f.fix}" for f in findings]


def _faulty(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(FAULTY, encoding="utf-8")
    return load_registry(path, ("fi", "en"))


@needs_both
def test_the_dictionaries_are_never_open_together(monkeypatch, tmp_path) -> None:
    events: list[tuple[str, int]] = []
    real_fi, real_en = spelling.voikko.__wrapped__, spelling.hunspell_en.__wrapped__
    spelling.release("fi")
    spelling.release("en")

    @functools.cache
    def fi():
        events.append(("fi", spelling.hunspell_en.cache_info().currsize))
        return real_fi()

    @functools.cache
    def en():
        events.append(("en", spelling.voikko.cache_info().currsize))
        return real_en()

    monkeypatch.setattr(spelling, "voikko", fi)
    monkeypatch.setattr(spelling, "hunspell_en", en)
    spelling._check_text.cache_clear()
    findings = lint(_faulty(tmp_path))
    assert {"L157", "L158"} <= {f.code for f in findings}  # custmer, asiakasuhteen, edellyttämässä
    assert [name for name, _ in events] == ["en", "fi"]
    assert all(other_open == 0 for _, other_open in events)
    # and neither stays open after lint
    assert fi.cache_info().currsize == 0 and en.cache_info().currsize == 0


@needs_both
def test_closing_the_dictionaries_changes_no_finding(monkeypatch, tmp_path) -> None:
    loaded = _faulty(tmp_path)
    spelling._check_text.cache_clear()
    closed = _shown(lint(loaded))
    spelling._check_text.cache_clear()
    monkeypatch.setattr(checks_spelling, "release", lambda lang: None)
    monkeypatch.setattr(spelling, "release", lambda lang: None)
    kept_open = _shown(lint(loaded))
    assert closed == kept_open
    assert any("custmer" in line for line in closed)
    assert any("asiakasuhteen" in line for line in closed)
    assert any("edellyttämässä" in line and "L158" in line for line in closed)


@needs_both
def test_voikkos_english_wording_is_asked_when_checking() -> None:
    text = "Tämä on esimerkki jossa on virhe virhe."
    found = [p for p in check_text(text, "fi", frozenset()) if p.reason == "voikko"]
    assert found
    for problem in found:
        facts = dict(problem.facts)
        # the same words the dictionary gives when asked afterwards
        assert facts["en"] == spelling.voikko_description(
            facts["text"], facts["code"], facts["at"], "en"
        )


@needs_both
def test_british_english_opens_only_for_a_word_en_us_rejects() -> None:
    spelling.release("en")
    english = spelling.hunspell_en()
    assert english is not None
    assert english.check("information") and english._gb is None
    if english._gb_open is None:
        pytest.skip("en_GB is not installed")
    assert english.check("organisation")  # en_GB's spelling, not en_US's
    assert english._gb is not None
    assert [p.text for p in check_text("Our organisation.", "en", allowed_words([]))] == []


def _is_name_before(word: str, allowed: frozenset[str]) -> bool:
    """``_is_name`` as it was: every allowed name compared with the word."""
    if word in allowed or word.lower() in spelling._lowercase_allowed(allowed):
        return True
    if any(c.isupper() for c in word[1:]) and "-" not in word:
        return True
    for name in allowed:
        if (
            len(name) >= 3
            and word.startswith(name)
            and re.match(r"^(:?[a-zäö]{1,4})$", word[len(name) :])
        ):
            return True
    return False


def test_inflected_names_are_found_as_before() -> None:
    allowed = allowed_words(["Esimerkki Oy", "Zyxwvu", "ETA", "Ab", "Meta"])
    rng = random.Random(9)
    letters = "abcdefgäöxyz:ABE"
    words = [
        "Metan",
        "Metalle",
        "Metaa",
        "Metassa",
        "Metasta:n",
        "ETA:n",
        "ETA:ssa",
        "Abn",
        "Zyxwvulle",
        "Zyxwvu",
        "Googlen",
        "Googlella",
        "LinkedInin",
        "Qwxz",
    ]
    names = sorted(allowed)
    for _ in range(3000):
        head = rng.choice(names)
        words.append(
            head[: rng.randint(1, len(head))]
            + "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        )
    for word in words:
        assert spelling._is_name(word, allowed) == _is_name_before(word, allowed), word
