"""The spelling and grammar rule (L157, L158): Voikko for Finnish, Hunspell for English.

Runs with the dictionaries in CI (.ci/run installs libvoikko1, voikko-fi,
hunspell-en-us and libenchant-2-2); elsewhere the dictionary tests skip with the
install command, and the rule's own skip note is tested without them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from seloste.findings import Severity
from seloste.lint import lint, spelling
from seloste.lint.spelling import allowed_words, check_text
from seloste.notices.common import available_languages
from seloste.registry.load import load_registry

WORDING = Path(spelling.__file__).resolve().parent.parent / "notices" / "wording"
IN_CI = bool(os.environ.get("SELOSTE_REQUIRE_SPELLING"))

needs_voikko = pytest.mark.skipif(
    spelling.voikko() is None and not IN_CI, reason=spelling.INSTALL["fi"]
)
needs_hunspell = pytest.mark.skipif(
    spelling.hunspell_en() is None and not IN_CI, reason=spelling.INSTALL["en"]
)


def strings(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*path, index))


PLACEHOLDER_WORD = {"fi": "sivulta", "en": "page", "sv": "sidan"}
#: Placeholders that stand for more than a word, filled as the notices fill them.
PLACEHOLDER_FILLS = {
    "date": {"fi": "2.12.2026", "en": "2 December 2026", "sv": "2.12.2026"},
    "revision": {"fi": "1234", "en": "1234", "sv": "1234"},
    "categories": {
        "fi": "tilastolliset evästeet",
        "en": "statistics cookies",
        "sv": "statistikkakor",
    },
}


def _filled(name: str, lang: str) -> str:
    return PLACEHOLDER_FILLS.get(name, PLACEHOLDER_WORD)[lang]


def wording_problems(lang: str) -> list[str]:
    allowed = allowed_words([])
    out = []
    for file in sorted((WORDING / lang).glob("*.yaml")):
        for path, text in strings(yaml.safe_load(file.read_text(encoding="utf-8"))):
            if path and path[-1] in ("date_format",):
                continue
            # A placeholder stands for a word or a link ({cookie_notice}): check the sentence
            # as readers see it, with a word in its place.
            text = re.sub(r"\{(\w+)\}", lambda m: _filled(m.group(1), lang), text)
            out += [f"{file.name}:{path}: {p.message}" for p in check_text(text, lang, allowed)]
    return out


@needs_voikko
def test_seloste_own_finnish_wording_passes_voikko():
    assert "fi" in available_languages()
    assert wording_problems("fi") == []


@needs_hunspell
def test_seloste_own_english_wording_passes_hunspell():
    assert wording_problems("en") == []


@needs_voikko
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Käsittelyssä rikotaan tietosuojasetusta.", "tietosuojasetusta"),
        ("Käsitellään lain sallimissa ja edellyttämässä rajoissa.", "edellyttämässä rajoissa"),
        ("Evästeet internet sivuilta.", "internet sivuilta"),
    ],
)
def test_voikko_finds_the_reviews_finnish_faults(text, wrong):
    found = check_text(text, "fi", allowed_words([]))
    assert [p.text for p in found] == [wrong]


@needs_voikko
def test_names_and_their_inflections_are_not_misspellings():
    allowed = allowed_words(["Esimerkki Oy", "Zyxwvu"])
    text = "Metan ja LinkedInin Meta-pikseli, EU:n ja ETA:n ulkopuolelle, Zyxwvulle, Qwxz."
    assert [p.text for p in check_text(text, "fi", allowed)] == ["Qwxz"]


@needs_hunspell
def test_hunspell_finds_english_misspellings():
    found = check_text("The information in our companys registry.", "en", allowed_words([]))
    assert [p.text for p in found] == ["companys"]


@needs_voikko
def test_registry_word_list_allows_a_name(tmp_path):
    text = """\
languages: [fi]
controller: {name: Esimerkki Oy, email: tietosuoja@esimerkki.fi}
registers:
  - name: Asiakasrekisteri
    purposes:
      - {description: Tilaukset toimittaa Kuljetusliike Zyxwvu., legal_basis: contract}
dates: {created: 2024-01-15}
"""
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    assert "Zyxwvu" in " ".join(f.message for f in lint(load_registry(path)) if f.code == "L157")
    path.write_text(text + "lint: {words: [Zyxwvu]}\n", encoding="utf-8")
    assert "L157" not in {f.code for f in lint(load_registry(path))}


def test_missing_dictionaries_are_a_visible_skip_with_install_instructions(tmp_path, monkeypatch):
    monkeypatch.setattr(spelling, "voikko", lambda: None)
    monkeypatch.setattr(spelling, "hunspell_en", lambda: None)
    path = tmp_path / "r.yaml"
    path.write_text(
        "languages: [fi, en]\ncontroller: {name: Esimerkki Oy, email: a@esimerkki.fi}\n"
        "registers: [{name: {fi: Tietosuojasetus, en: Registr}, purposes: []}]\n",
        encoding="utf-8",
    )
    notes = [f for f in lint(load_registry(path)) if f.code == "L157"]
    assert len(notes) == 2 and all(f.severity is Severity.info for f in notes)
    assert "voikko-fi" in notes[0].fix + notes[1].fix
    assert "hunspell-en-us" in notes[0].fix + notes[1].fix
    assert "L158" not in {f.code for f in lint(load_registry(path))}
