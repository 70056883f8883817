"""Findings in the user's language (#16): lint (L), audit (T) and cookie/consent (C) codes.

A Finnish user sees the message and the fix in Finnish, a Swedish user in Swedish, while
the code, the path, the line and the column stay exactly as in English, so CI scripts
that grep ``path:line:col: CODE`` keep working whatever language the team reads.
Each family is run end to end: the command line with ``--messages``, and a real MkDocs
build of a Finnish site with no SELOSTE_MESSAGES in its environment.
"""

from __future__ import annotations

import contextvars
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
#: A real notice (the demo's 2021 text) with findings of most lint rules.
ORIGINAL = FIXTURES / "seed000-original.yaml"


def _env(**extra: str) -> dict[str, str]:
    """The test environment without any message-language setting (conftest sets one)."""
    drop = ("SELOSTE_MESSAGES", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1", **extra}


def seloste(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seloste", *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=300,
    )


def findings_json(*args: str, lang: str, cwd: Path | None = None) -> list[dict]:
    run = seloste("--messages", lang, *args, "--format", "json", cwd=cwd)
    assert run.returncode in (0, 1), run.stderr + run.stdout
    return json.loads(run.stdout)["findings"]


def where(finding: dict) -> tuple:
    return (finding["code"], finding["path"], finding["line"], finding["col"])


def assert_translated(english: list[dict], other: list[dict], codes: set[str]) -> None:
    """Same findings at the same places; every message and fix of ``codes`` in the other
    language, none left as the English text."""
    assert [where(f) for f in other] == [where(f) for f in english]
    for en, tr in zip(english, other, strict=True):
        if en["code"][0] not in {c[0] for c in codes}:
            continue
        assert tr["message"] != en["message"], en["message"]
        if en["fix"]:
            assert tr["fix"] != en["fix"], en["fix"]
    assert codes <= {f["code"] for f in english}


# --- lint (L) --------------------------------------------------------------------------------


LINT_CODES = {"L120", "L122", "L123", "L127", "L130", "L131", "L132", "L151", "L152", "L155"}


def test_lint_speaks_finnish_and_swedish_with_codes_and_places_unchanged() -> None:
    english = findings_json("lint", str(ORIGINAL), lang="en")
    finnish = findings_json("lint", str(ORIGINAL), lang="fi")
    swedish = findings_json("lint", str(ORIGINAL), lang="sv")
    assert_translated(english, finnish, LINT_CODES)
    assert_translated(english, swedish, LINT_CODES)

    by_code = {f["code"]: f for f in finnish}
    assert (
        "viittaa henkilötietolakiin (523/1999), joka kumottiin 1.1.2019"
        in (by_code["L120"]["message"])
    )
    assert by_code["L120"]["fix"].startswith("viittaa EU:n yleiseen tietosuoja-asetukseen")
    assert "sivuston käyttäminen ei ole suostumus evästeisiin" in by_code["L122"]["message"]
    l132 = by_code["L132"]
    assert "siirtää tietoja maahan Yhdysvallat" in l132["message"]
    # The YAML to paste stays YAML: keys in English, the country in every notice language.
    assert "lisää rekisterin kohtaan `transfers:`" in l132["fix"]
    assert "country: {fi: Yhdysvallat, en: United States}" in l132["fix"]
    svenska = {f["code"]: f for f in swedish}
    assert "hänvisar till personuppgiftslagen" in svenska["L120"]["message"]


def test_lint_text_report_keeps_the_location_prefix(tmp_path: Path) -> None:
    english = seloste("--messages", "en", "lint", str(ORIGINAL)).stdout.splitlines()
    finnish = seloste("--messages", "fi", "lint", str(ORIGINAL)).stdout.splitlines()
    l120_en = next(line for line in english if " L120 " in line)
    l120_fi = next(line for line in finnish if " L120 " in line)
    prefix = l120_en.split(" L120 ")[0]
    assert l120_fi.startswith(f"{prefix} L120 ")
    assert prefix.startswith(f"{ORIGINAL}:")
    assert "kumottiin" in l120_fi and "repealed" in l120_en


def test_a_discontinued_brand_is_named_in_the_users_language(tmp_path: Path) -> None:
    """phrases.yaml gives a sentence (not a name) in every message language."""
    registry = tmp_path / "registry.yaml"
    text = ORIGINAL.read_text(encoding="utf-8")
    registry.write_text(text.replace("Google Adwords", "Google+"), encoding="utf-8")
    fixes = {
        lang: [f["fix"] for f in findings_json("lint", str(registry), lang=lang)]
        for lang in ("en", "fi", "sv")
    }
    assert "write nothing: Google+ was shut down in 2019" in fixes["en"]
    assert "kirjoita ei mitään: Google+ lopetettiin vuonna 2019" in fixes["fi"]
    assert "skriv ingenting: Google+ lades ned 2019" in fixes["sv"]


def test_every_stale_brand_sentence_has_every_language() -> None:
    from seloste import messages
    from seloste.lint.rulebook import phrases

    for brand in phrases()["stale_brands"]:
        current = brand["current"]
        if isinstance(current, dict):
            assert set(current) == set(messages.LANGUAGES), brand


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_spelling_and_grammar_problems_are_worded_in_the_users_language(lang: str) -> None:
    from seloste.lint.spelling import check_text, voikko
    from seloste.messages import use

    if voikko() is None:
        pytest.skip("Voikko is not installed (libvoikko1, voikko-fi, pip libvoikko)")
    text = "Tiedot poistetaan lain edellyttämässä rajoissa internet sivuilta ja tietosuojasetusta."

    def worded(message_lang: str) -> dict[str, str]:
        use(message_lang)  # in a copied context: the choice does not leak into other tests
        return {p.text: p.message for p in check_text(text, "fi", frozenset())}

    words = contextvars.copy_context().run(worded, lang)
    english = contextvars.copy_context().run(worded, "en")
    assert set(words) == set(english) and words
    for key, message in words.items():
        assert message != english[key], key
    if lang == "fi":
        assert words["internet sivuilta"] == "'internet sivuilta' on suomessa yhdyssana"
