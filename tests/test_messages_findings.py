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
import re
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


# --- audit (T) and consent (C) on the command line --------------------------------------------

REGISTRY = """\
controller:
  name: Testi Oy
  business_id: "1572860-0"
  email: info@testi.fi
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
    purposes:
      - description: {fi: Asiakassuhteen hoitaminen, en: Managing the customer relationship}
        legal_basis: contract
    retention: {fi: Asiakassuhteen ajan, en: For the duration of the customer relationship}
    transfers: []
services:
  - id: linkedin-insight
  - id: oma-chat
    name: {fi: Oma chat, en: Our chat, sv: Vår chatt}
    provider: Chat Oy
    privacy_url: https://chat.example.net/tietosuoja
    category: preferences
    hosts: [chat.example.net]
cookies:
  - name: oma_eväste
dates:
  created: 2024-01-15
lint:
  ignore:
    - code: T102:google-adz
      reason: test
"""

#: An undeclared Google Analytics (T101, T106), Google Fonts (T101, T108), an unknown host
#: (T105); the declared LinkedIn tag and chat are missing (T102) and an ignore names no
#: service (T110).
PAGE = """\
<!doctype html><html lang="fi"><head><title>Etusivu</title>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
<link href="https://fonts.googleapis.com/css2?family=Roboto" rel="stylesheet">
</head><body><p>Hei</p><img src="https://pixel.example.net/p.gif"></body></html>
"""

AUDIT_CODES = {"T101", "T102", "T105", "T106", "T108", "T110"}


@pytest.fixture
def checked_site(tmp_path: Path) -> Path:
    (tmp_path / "site" / "en").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "site" / "en" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    return tmp_path


def test_check_speaks_finnish_and_swedish_with_codes_and_places_unchanged(
    checked_site: Path,
) -> None:
    args = ("check", "site", "-r", "registry.yaml")
    english = findings_json(*args, lang="en", cwd=checked_site)
    finnish = findings_json(*args, lang="fi", cwd=checked_site)
    swedish = findings_json(*args, lang="sv", cwd=checked_site)
    assert_translated(english, finnish, AUDIT_CODES)
    assert_translated(english, swedish, AUDIT_CODES)

    t101 = next(f for f in finnish if f["code"] == "T101" and f["subject"] == "google-analytics")
    assert t101["path"] == "site/index.html" and t101["line"] == 2
    assert t101["message"].startswith(
        "seurantakoodi Google Analytics (google-analytics) tunnuksella G-ABC123 puuttuu "
        "tiedostosta registry.yaml: havaittu 2 sivulla (site/index.html, site/en/index.html)"
    )
    # The YAML to paste is the same in every language; the words around it are Finnish.
    assert t101["fix"].startswith("lisää tiedostoon registry.yaml kohdan `services:` alle\n")
    assert "  - id: google-analytics\n    ids: ['G-ABC123']" in t101["fix"]
    t106 = next(f for f in finnish if f["code"] == "T106")
    assert "luokka statistics" in t106["message"]
    assert "sähköisen viestinnän palveluista annetun lain (917/2014) 205 §" in t106["message"]
    assert t106["fix"].startswith("lataa se vasta suostumuksen jälkeen:")
    t110 = next(f for f in finnish if f["code"] == "T110")
    assert "tarkoititko 'google-ads'?" in t110["message"]
    # A service named per language is named in the language of the messages.
    chat = [f["message"] for f in (*english, *finnish) if f["subject"] == "oma-chat"]
    assert chat[0].startswith("declared service Our chat (oma-chat) was not found")
    assert chat[1].startswith("ilmoitettua palvelua Oma chat (oma-chat) ei löytynyt")
    swedish_t101 = next(f for f in swedish if f["code"] == "T101")
    assert "har inte angetts i registry.yaml: hittades på 2 sidor" in swedish_t101["message"]


def test_check_text_report_keeps_path_line_and_code(checked_site: Path) -> None:
    def t101_line(lang: str) -> str:
        run = seloste("--messages", lang, "check", "site", "-r", "registry.yaml", cwd=checked_site)
        assert run.returncode == 1, run.stderr
        return next(line for line in run.stdout.splitlines() if " T101 " in line)

    english, finnish = t101_line("en"), t101_line("fi")
    assert english.split(" T101 ")[0] == finnish.split(" T101 ")[0] == "site/index.html:2:"
    assert "is not declared" in english and "puuttuu tiedostosta" in finnish


def test_no_site_to_check_is_said_in_finnish(tmp_path: Path) -> None:
    (tmp_path / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    run = seloste("--messages", "fi", "check", "nothing", "-r", "registry.yaml", cwd=tmp_path)
    assert run.returncode == 2
    out = run.stdout + run.stderr
    assert "T100 sivustoa ei voi tarkastaa: kyseessä ei ole kansio" in out
    assert "rakenna sivusto ensin (esim. `mkdocs build`)" in out


def test_consent_findings_speak_finnish_with_codes_and_places_unchanged(
    checked_site: Path,
) -> None:
    """`seloste consent` reports the registry's cookies it cannot complete (C101–C103)."""

    def c_lines(lang: str) -> list[str]:
        run = seloste(
            "--messages", lang, "consent", "-r", "registry.yaml", "--lang", "fi", cwd=checked_site
        )
        assert run.returncode == 1, run.stderr
        return [line for line in run.stderr.splitlines() if line.strip()]

    english, finnish = c_lines("en"), c_lines("fi")
    for code in ("C101", "C102", "C103"):
        en = next(line for line in english if f" {code} " in line)
        fi = next(line for line in finnish if f" {code} " in line)
        assert en.split(f" {code} ")[0] == fi.split(f" {code} ")[0] == "registry.yaml:21:5:"
        assert en != fi
    c101 = next(line for line in finnish if " C101 " in line)
    assert "evästeellä 'oma_eväste' ei ole luokkaa" in c101
    fix = finnish[finnish.index(c101) + 1]
    assert "lisää `category: necessary` (vain jos sivusto ei toimi ilman sitä)" in fix
    assert "C101 cookies[0]: cookie 'oma_eväste' has no category" in "\n".join(english)


def test_consent_config_findings_in_every_language() -> None:
    """A hand-written `extra.consent` (C111–C113) checked for a Finnish and a Swedish team."""
    from seloste.consent import check_user_consent
    from seloste.messages import use
    from seloste.registry import load_registry

    registry = Path(__file__).parent.parent / "data" / "registry.yaml"
    loaded = load_registry(registry)
    user = {"cookies": {"statistics": "Tilastot"}, "actions": ["accept", "manage"]}

    def found(lang: str) -> list[tuple[str, str, str | None]]:
        use(lang)  # in a copied context: the choice does not leak into other tests
        findings = check_user_consent(loaded, user, analytics=True, repo_url=None)
        return [(f.code, f.message, f.fix) for f in findings]

    english = contextvars.copy_context().run(found, "en")
    finnish = contextvars.copy_context().run(found, "fi")
    swedish = contextvars.copy_context().run(found, "sv")
    assert {"C111", "C112", "C113"} <= {code for code, _, _ in english}
    for other in (finnish, swedish):
        assert [code for code, _, _ in other] == [code for code, _, _ in english]
        for (_, en_message, en_fix), (_, message, fix) in zip(english, other, strict=True):
            assert message != en_message and fix != en_fix
    c113 = next(message for code, message, _ in finnish if code == "C113")
    assert c113.startswith("kohdassa extra.consent.actions ei ole arvoa 'reject'")


# --- a Finnish site under MkDocs, with no message setting anywhere ----------------------------

HOTJAR = (
    "<script>(function(h,o,t,j,a,r){h._hjSettings={hjid:3712345,hjsv:6};"
    "r=o.createElement('script');r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>\n"
)

FINNISH_SITE = {
    "mkdocs.yml": (
        "site_name: Testi\nsite_url: https://testi.example/\n"
        "theme: {name: material, font: false, language: fi}\n"
        "plugins:\n  - search\n"
        "  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: fi, name: Suomi, default: true, build: true}\n"
        "        - {locale: en, name: English, build: true}\n"
        "  - seloste:\n      fatal: false\n"
        "extra:\n  consent:\n    title: Evästeet\n    description: Käytämme evästeitä.\n"
        "    actions: [accept, manage]\n"
    ),
    "docs/fi/index.md": "# Etusivu\n\n" + HOTJAR,
    "docs/en/index.md": "# Home\n\n" + HOTJAR,
}


def test_a_finnish_site_builds_with_finnish_findings(site_factory, monkeypatch) -> None:
    """No --messages, no SELOSTE_MESSAGES, an English locale: the site's default language
    (fi) decides, and the log shows T101 and C113 in Finnish at the same place."""
    from conftest import MINIMAL_REGISTRY

    monkeypatch.delenv("SELOSTE_MESSAGES")
    root = site_factory({**FINNISH_SITE, "data/registry.yaml": MINIMAL_REGISTRY})
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=root,
        env=_env(LANG="en_US.UTF-8"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = build.stdout + build.stderr
    assert build.returncode == 0, log  # fatal: false: warnings, the build goes on
    t101 = next(line for line in log.splitlines() if " T101 " in line)
    # The source both language pages carry the snippet in comes first, the built page after it.
    assert re.search(r"WARNING .* docs/(fi|en)/index\.md:\d+:\d+: T101 seurantakoodi ", t101), t101
    assert "(ja 1 muussa lähdetiedostossa; rakennetulla sivustolla: site/index.html:" in t101
    assert "seurantakoodi Hotjar (hotjar) tunnuksella 3712345 puuttuu tiedostosta" in t101
    assert "havaittu 2 sivulla (site/index.html, site/en/index.html)" in t101
    assert "is not declared" not in log
    c113 = next(line for line in log.splitlines() if " C113 " in line)
    assert "mkdocs.yml" in c113 and "kohdassa extra.consent.actions ei ole arvoa 'reject'" in c113
