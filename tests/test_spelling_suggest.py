"""L157's suggestions for a misspelt Finnish compound: the compound Seloste's own legal
wording uses comes first ("tietosuojasetusta" → "tietosuoja-asetusta", where Voikko alone
offers "tietosuojastusta")."""

from __future__ import annotations

import pytest

from seloste.lint import spelling
from seloste.lint.spelling import allowed_words, check_text

pytestmark = pytest.mark.skipif(
    spelling.voikko() is None, reason="needs Voikko (installed in CI by .ci/run)"
)


def _suggestions(text: str) -> dict[str, tuple[str, ...]]:
    spelling._check_text.cache_clear()
    return {p.text: p.suggestions for p in check_text(text, "fi", allowed_words([]))}


def test_a_compound_of_the_legal_wording_is_suggested_first() -> None:
    found = _suggestions("Käsittelyssä rikotaan tietosuojasetusta.")
    assert found["tietosuojasetusta"][0] == "tietosuoja-asetusta"
    assert len(found["tietosuojasetusta"]) == 3
    # Voikko's own suggestions follow
    assert "tietosuojastusta" in found["tietosuojasetusta"]


def test_the_writers_capital_is_kept() -> None:
    found = _suggestions("Tietosuojasetusta rikotaan.")
    assert found["Tietosuojasetusta"][0] == "Tietosuoja-asetusta"


def test_other_words_keep_voikkos_suggestions() -> None:
    v = spelling.voikko()
    found = _suggestions("Henkilötiedoja käsitellään.")
    assert list(found["Henkilötiedoja"]) == list(v.suggest("Henkilötiedoja"))[:3]


def test_every_suggestion_is_a_word_voikko_accepts() -> None:
    v = spelling.voikko()
    for text in (
        "Käsittelyssä rikotaan tietosuojasetusta.",
        "Tietosuojaselosteesa kerrotaan.",
        "Asiakasrekisterii on tässä.",
    ):
        for suggestions in _suggestions(text).values():
            assert suggestions and all(v.spell(s) for s in suggestions), suggestions
