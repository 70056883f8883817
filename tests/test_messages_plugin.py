"""The MkDocs plugin speaks the site's language, end to end in real builds.

Without SELOSTE_MESSAGES (which conftest sets for the rest of the suite), a Finnish site
(static-i18n's default language fi, or ``theme.language: fi``) logs its one-line summary
and its registry errors in Finnish; an English site logs English; ``messages: sv`` in
mkdocs.yml gives Swedish. Codes, paths, lines and columns are the same in every language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY, build_site

I18N = """\
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, name: Suomi, default: true, build: true}
        - {locale: en, name: English, build: true}
"""
HOTJAR = (
    "<script>(function(h,o,t,j,a,r){h._hjSettings={hjid:3712345,hjsv:6};"
    "r=o.createElement('script');r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>\n"
)
BROKEN = MINIMAL_REGISTRY.replace("legal_basis: contract", "legal_basis: oikeutettu etu")
R105 = re.compile(r"data/registry\.yaml:\d+:\d+: R105 ")


@pytest.fixture(autouse=True)
def site_language_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a user's machine: no SELOSTE_MESSAGES; the builds inherit this environment."""
    monkeypatch.delenv("SELOSTE_MESSAGES", raising=False)


def _i18n_site(site_factory, registry: str, seloste: str = "") -> Path:
    return site_factory(
        {
            "mkdocs.yml": "site_name: Testi\nsite_url: https://testi.example/\n"
            "theme: {name: material, font: false}\nplugins:\n  - search\n"
            + I18N
            + "  - seloste:\n      lint: false\n      fatal: false\n"
            + seloste,
            "data/registry.yaml": registry,
            "docs/fi/index.md": "# Etusivu\n\n" + HOTJAR,
            "docs/en/index.md": "# Home\n\n" + HOTJAR,
        }
    )


def _plain_site(site_factory, registry: str, theme_language: str) -> Path:
    return site_factory(
        {
            "mkdocs.yml": "site_name: Testi\nsite_url: https://testi.example/\n"
            f"theme: {{name: material, font: false, language: {theme_language}}}\n"
            "plugins:\n  - search\n  - seloste:\n      lint: false\n      audit: false\n",
            "data/registry.yaml": registry,
            "docs/index.md": "# Etusivu\n",
        }
    )


def _summary(output: str) -> str:
    lines = [
        line for line in output.splitlines() if line.startswith("INFO") and "seloste: " in line
    ]
    lines = [line for line in lines if re.search(r"\d+ (virhe|error|fel)", line)]
    assert len(lines) == 1, output
    return lines[0]


def test_a_finnish_i18n_site_logs_its_summary_and_findings_in_finnish(site_factory) -> None:
    build = build_site(_i18n_site(site_factory, MINIMAL_REGISTRY))
    assert build.returncode == 0, build.output
    line = _summary(build.output)
    assert "selosteet fi, en (4 sivua)" in line
    assert "0 palvelua ilmoitettu" in line
    assert re.search(
        r"; [1-9]\d* virhe(ttä)?, \d+ varoitus(ta)?, \d+ tiedoksi; rakentaminen [\d,]+ s$", line
    )
    t101 = [row for row in build.output.splitlines() if " T101 " in row]
    assert len(t101) == 1 and "index.html" in t101[0]  # the code and the page, whatever the words
    for english in ("notices fi, en", "services declared", "files scanned", "errors"):
        assert english not in line


def test_a_finnish_theme_site_stops_on_a_registry_error_in_finnish(site_factory) -> None:
    finnish = build_site(_plain_site(site_factory, BROKEN, "fi"))
    english = build_site(_plain_site(site_factory, BROKEN, "en"))
    assert finnish.returncode != 0 and english.returncode != 0
    assert R105.findall(finnish.output) == R105.findall(english.output) != []
    assert "tarkoititko 'legitimate_interests' (oikeutettu etu)?" in finnish.output
    assert "korjaus: kirjoita `legal_basis: legitimate_interests`" in finnish.output
    assert "did you mean" not in finnish.output
    # An English site speaks English, also without SELOSTE_MESSAGES.
    assert "did you mean 'legitimate_interests' (oikeutettu etu)?" in english.output
    assert "fix: write `legal_basis: legitimate_interests`" in english.output
    assert "Traceback" not in finnish.output + english.output


def test_messages_option_gives_swedish_on_a_finnish_site(site_factory) -> None:
    good = build_site(_i18n_site(site_factory, MINIMAL_REGISTRY, "      messages: sv\n"))
    assert good.returncode == 0, good.output
    line = _summary(good.output)
    assert "beskrivningar fi, en (4 sidor)" in line
    assert re.search(r"; [1-9]\d* fel, \d+ varning(ar)?, \d+ för kännedom; bygget [\d,]+ s$", line)
    broken = build_site(_i18n_site(site_factory, BROKEN, "      messages: sv\n"))
    assert broken.returncode != 0
    assert "menade du 'legitimate_interests' (oikeutettu etu)?" in broken.output
    assert "åtgärd: skriv `legal_basis: legitimate_interests`" in broken.output
