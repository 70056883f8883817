"""Issue #12: what a legal review and a native-language read of the notices found.

Joint controllers stated per service, the shared rule for what needs consent, the
corrected citations and cookie facts, the wording fixes and a fictional demo.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from seloste import catalog
from seloste.catalog.cookies import catalog_cookies, display_duration, parse_duration
from seloste.consent.declared import consent_categories
from seloste.lint import lint, rule_infos
from seloste.notices.common import NoticeLinks, wording
from seloste.notices.cookies import duration_text, render_cookie_notice
from seloste.notices.privacy import render_privacy_notice
from seloste.notices.roles import is_plural_name
from seloste.registry.load import load_registry

LINKS = NoticeLinks(privacy="../tietosuojaseloste/", cookies="../evasteet/")

BASE = """\
languages: [fi, en]
controller:
  name: Esimerkki Oy
  address: {street: Katu 1, postal_code: "00100", city: Helsinki}
  email: tietosuoja@esimerkki.fi
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
    purposes:
      - description: {fi: Asiakassuhteen hoitaminen., en: Managing the customer relationship.}
        legal_basis: contract
    retention: {fi: Asiakassuhteen ajan ja 3 vuotta sen jälkeen., en: During the customer relationship and 3 years after it.}
    transfers: []
dates: {created: 2024-01-15}
"""


def load(tmp_path: Path, extra: str = "", base: str = BASE):
    path = tmp_path / "registry.yaml"
    path.write_text(base + extra, encoding="utf-8")
    return load_registry(path)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# --- 1. joint controllers ------------------------------------------------------------------


def test_catalogue_gives_every_service_a_role_and_pixels_are_joint_controllers():
    services = catalog.services()
    assert all(info.role in catalog.ROLES for info in services.values())
    for pixel in ("meta-pixel", "linkedin-insight", "tiktok-pixel"):
        assert services[pixel].role == "joint_controller"
        assert services[pixel].arrangement and services[pixel].arrangement.startswith("https://")
    assert services["google-analytics"].role == "processor"


@pytest.mark.parametrize(
    ("lang", "heading", "words"),
    [
        ("fi", "Yhteisrekisterinpitäjät", ["26 artikla", "Järjestelyn keskeinen sisältö"]),
        ("en", "Joint controllers", ["Article 26", "The essence of the arrangement"]),
        ("sv", "Gemensamt personuppgiftsansvariga", ["artikel 26", "väsentliga innehållet"]),
    ],
)
def test_notice_states_joint_controllership_with_the_essence_in_every_language(
    tmp_path, lang, heading, words
):
    base = re.sub(r"\{fi: ([^,]+), en: [^}]+\}", r"\1", BASE).replace("[fi, en]", "[fi, en, sv]")
    loaded = load(tmp_path, "services:\n  - id: meta-pixel\n  - id: google-analytics\n", base)
    text = render_privacy_notice(loaded, lang, LINKS)
    section = text[text.index(f"## {heading}") :]
    section = section[: section.index("\n## ", 3)]
    assert "Meta Platforms Ireland Limited" in section
    assert "https://www.facebook.com/legal/controller_addendum" in section
    assert all(word in section for word in words), section
    assert "Google Analytics" not in section  # a processor, not a joint controller


def test_registry_role_overrides_the_catalogue_and_no_section_without_joint_controllers(tmp_path):
    loaded = load(tmp_path, "services:\n  - id: meta-pixel\n    role: controller\n")
    assert "joint-controllers" not in render_privacy_notice(loaded, "fi", LINKS)


def test_l150_flags_a_pixel_whose_role_is_unknown_and_a_joint_controller_without_arrangement(
    tmp_path,
):
    custom = """\
services:
  - id: oma-pikseli
    name: Oma mainospikseli
    provider: Mainos Oy
    privacy_url: https://mainos.example/tietosuoja
    category: marketing
    hosts: [pixel.mainos.example]
  - id: snap-pixel
"""
    findings = [f for f in lint(load(tmp_path, custom)) if f.code == "L150"]
    messages = " ".join(f.message for f in findings)
    assert "Oma mainospikseli" in messages and "role" in messages
    assert "Snap Pixel" in messages and "arrangement" in messages
    fixed = custom.replace(
        "    category: marketing\n",
        "    category: marketing\n    role: joint_controller\n"
        "    arrangement: https://mainos.example/yhteisrekisterinpitajat\n",
    ).replace(
        "  - id: snap-pixel\n",
        "  - id: snap-pixel\n    arrangement: https://snap.example/joint\n",
    )
    assert "L150" not in codes(lint(load(tmp_path, fixed)))


def test_recipient_role_agrees_in_number_with_the_name(tmp_path):
    extra = """\
    recipients:
      - {name: {fi: Yhteistyökumppanit, en: Partners}, role: processor, description: {fi: IT-palvelut., en: IT services.}}
      - {name: {fi: Visma Oy, en: Visma Oy}, role: processor}
"""
    base = BASE.replace("    transfers: []\n", "    transfers: []\n" + extra)
    fi = render_privacy_notice(load(tmp_path, base=base), "fi", LINKS)
    en = render_privacy_notice(load(tmp_path, base=base), "en", LINKS)
    assert "**Yhteistyökumppanit** (henkilötietojen käsittelijöitä)" in fi
    assert "**Visma Oy** (henkilötietojen käsittelijä)" in fi
    assert "**Partners** (processors)" in en and "**Visma Oy** (processor)" in en
    assert not is_plural_name("Microsoft", "fi") and is_plural_name("Viranomaiset", "fi")


# --- 3. wording ----------------------------------------------------------------------------


def test_unused_categories_are_one_natural_sentence(tmp_path):
    loaded = load(tmp_path, "services:\n  - id: google-analytics\n")
    fi = render_cookie_notice(loaded, "fi", LINKS)
    en = render_cookie_notice(loaded, "en", LINKS)
    assert "Emme käytä toiminnallisia evästeitä emmekä markkinointievästeitä." in fi
    assert "We do not use preference cookies or marketing cookies." in en
    assert "Näihin luokkiin" not in fi and "in these categories" not in en
    assert "tallentuvat tämän sivuston verkkotunnukseen" not in fi


def test_one_unit_style_per_length():
    same = {duration_text(parse_duration(t), "fi") for t in ("90 days", "3 months")}
    assert same == {"3 kuukautta"}
    assert duration_text(parse_duration("13 months"), "en") == "13 months"
    assert duration_text(parse_duration("365 days"), "en") == "1 year"
    assert display_duration(parse_duration("389 days")).key == "389 days"


def test_cookie_table_never_shows_the_same_length_in_two_units(tmp_path):
    loaded = load(tmp_path, "services:\n  - id: google-ads\n  - id: meta-pixel\n")
    fi = render_cookie_notice(loaded, "fi", LINKS)
    assert "90 päivää" not in fi and "3 kuukautta" in fi


def test_english_wording_has_no_finnish_postal_abbreviation():
    authority = " ".join(wording("en")["privacy"]["complaint"]["authority"])
    assert "P.O. Box 800" in authority and "PL 800" not in authority


def test_english_pages_have_an_english_meta_description():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    en_block = config[config.index("- locale: en") :]
    en_block = en_block[: en_block.index("- seloste")]
    assert "site_description: Privacy and cookie notices that stay true." in en_block
    assert "totena" not in config and "totena" not in (ROOT / "docs/fi/index.md").read_text(
        encoding="utf-8"
    )


# --- 4. one rule for what needs consent -----------------------------------------------------

LEGITIMATE_ANALYTICS = """\
      - description: {fi: Kävijätilastot evästeettömällä analytiikalla (Plausible)., en: Visitor statistics with cookieless analytics (Plausible).}
        legal_basis: legitimate_interests
        legitimate_interest: {fi: Sivuston kehittäminen., en: Developing the site.}
"""


@pytest.mark.parametrize(
    ("services", "needs_consent"),
    [
        ("services:\n  - id: plausible\n", False),
        (
            "cookies:\n  - {name: session, category: necessary, purpose: {fi: Istunto, en: Session}}\n",
            False,
        ),
        ("services:\n  - id: google-analytics\n", True),
    ],
)
def test_l130_and_seloste_consent_agree_on_what_needs_consent(tmp_path, services, needs_consent):
    base = BASE.replace(
        "        legal_basis: contract\n", "        legal_basis: contract\n" + LEGITIMATE_ANALYTICS
    )
    loaded = load(tmp_path, services, base)
    assert bool(consent_categories(loaded)) is needs_consent
    assert ("L130" in codes(lint(loaded))) is needs_consent


# --- 5. citations ---------------------------------------------------------------------------


def test_citations_are_corrected():
    infos = rule_infos()
    assert (
        "13(1)(a)" not in infos["L102"].source.split(";")[0] or "Not GDPR" in infos["L102"].source
    )
    assert "458/2002" in infos["L102"].source
    assert "Planet49" in infos["L130"].source and "2/2023" not in infos["L130"].source
    assert "WP260" not in infos["L143"].source
    assert infos["L101"].severity.value == "warning"


# --- 6. cookie facts -----------------------------------------------------------------------


def facts(service: str) -> dict:
    return {f.name: f for f in catalog_cookies()[service]}


def test_cookie_facts_corrected_and_completed():
    ads = facts("google-ads")
    assert ads["IDE"].duration.key == "13 months" and ads["IDE"].source.startswith("https://")
    assert {"_gcl_gs", "test_cookie"} <= set(ads)
    linkedin = facts("linkedin-insight")
    assert {"lms_analytics", "lms_ads", "li_gc", "bscookie", "li_giant"} <= set(linkedin)
    assert "lms_analytics" in linkedin["AnalyticsSyncHistory"].purpose["en"]
    assert "abuse" in linkedin["bcookie"].purpose["en"]


def test_tiktok_transfers_include_china(tmp_path):
    countries = [t.country for t in catalog.service("tiktok-pixel").transfers]
    assert countries[:2] == ["US", "CN"]
    fi = render_cookie_notice(load(tmp_path, "services:\n  - id: tiktok-pixel\n"), "fi", LINKS)
    assert "Kiina" in fi
    (finding,) = [
        f for f in lint(load(tmp_path, "services:\n  - id: tiktok-pixel\n")) if f.code == "L132"
    ]
    assert "China" in finding.message


# --- 7. a fictional demo -------------------------------------------------------------------

#: People and contact details of the real seed notices (tests/fixtures/seeds), which the
#: demo and the documentation must never publish.
REAL_PEOPLE = ("Susanna Sole", "susanna.sole", "4130787", "Susanna")


def demo_and_docs() -> list[Path]:
    return [
        ROOT / "mkdocs.yml",
        ROOT / "README.md",
        *(ROOT / "data").rglob("*.yaml"),
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "overrides").rglob("*.*"),
    ]


def test_demo_and_docs_publish_no_real_persons_details():
    found = []
    for path in demo_and_docs():
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, word) for word in REAL_PEOPLE if word in text]
    assert not found


def test_demo_registry_is_fictional_and_lints_clean():
    loaded = load_registry(ROOT / "data/registry.yaml")
    data = yaml.safe_load((ROOT / "data/registry.yaml").read_text(encoding="utf-8"))
    assert "ignore" not in (data.get("lint") or {})  # clean because it is clean
    assert lint(loaded) == []
    emails = re.findall(r"[\w.+-]+@[\w.-]+", (ROOT / "data/registry.yaml").read_text("utf-8"))
    assert emails and all(e.endswith(".example") for e in emails)
