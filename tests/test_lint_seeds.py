"""Seed 000 (the demo company): the original notice's problems, and the registry after the fixes."""

from __future__ import annotations

from pathlib import Path

from seloste.findings import Severity
from seloste.lint import lint, spelling
from seloste.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "lint"


def findings(name: str):
    return lint(load_registry(FIXTURES / name))


def test_seed000_original_reports_its_known_problems():
    found = findings("seed000-original.yaml")
    assert {f.code for f in found} == {
        "L102",  # no Y-tunnus
        "L120",  # "henkilötietolain" / "personal data law"
        "L122",  # "Kun käytät verkkosivua, hyväksyt …" / "By using our website you agree"
        "L123",  # "Voit hallita evästeitä selaimesi asetuksista"
        "L126",  # <p> in the English text
        "L127",  # "Google Adwords", "Facebook pixel"
        "L130",  # legitimate interest for cookies and ad targeting
        "L131",  # GA, Ads, Meta, LinkedIn need consent; no consent purpose
        "L132",  # "Ei" transfers although Google, Meta and LinkedIn send data to the US
        "L142",  # Tietosuojavastaava = "Chief Information Officer"
        "L151",  # "luovuttamatta henkilötietoja ulkopuolisille tahoille" beside the pixels
        "L152",  # "Ilmoitus … on tehtävä kirjallisesti" / "in writing"
        "L153",  # English retention "indefinitely" (Finnish: 15 years)
        "L154",  # "contractual" for a register with consent and legitimate-interest purposes
        "L155",  # recipients only "Yhteistyökumppanit"
        "L157",  # "tietosuojasetusta", "companys"
        "L158",  # "edellyttämässä rajoissa", "internet sivuilta"
        "L159",  # English complaint note: "violation of privacy policy"
    } - ({"L158"} if spelling.voikko() is None else set())
    services = {f.data["service"] for f in found if f.code == "L132"}
    assert services == {"google-analytics", "google-ads", "meta-pixel", "linkedin-insight"}
    assert {f.path.split("/")[-1] for f in found} == {"seed000-original.yaml"}
    # Both language versions are checked.
    assert {f.data["path"][-1] for f in found if f.code == "L122"} == {"fi", "en"}


def test_seed000_after_the_fixes_is_clean():
    assert findings("seed000-fixed.yaml") == []


def test_seed000_fixed_keeps_the_ignore_reason_in_the_registry():
    loaded = load_registry(FIXTURES / "seed000-fixed.yaml")
    (ignore,) = loaded.registry.lint.ignore
    assert ignore.code == "L102" and "ytj.fi" in ignore.reason
    loaded.registry.lint.ignore.clear()
    assert [(f.code, f.severity) for f in lint(loaded)] == [("L102", Severity.warning)]


def test_text_findings_point_at_the_phrase_even_when_wrapped():
    path = FIXTURES / "seed000-original.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    phrased = [f for f in findings("seed000-original.yaml") if "phrase" in f.data]
    assert len(phrased) >= 8
    for finding in phrased:
        first_word = finding.data["phrase"].split()[0].lower()
        at = lines[finding.line - 1][finding.col - 1 :].lower()
        assert at.startswith(first_word), (finding.one_line(), at)
