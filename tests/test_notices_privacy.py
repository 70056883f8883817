"""The privacy notice: sections and their order, fixed wording per language, escaping of
registry text, and the `seloste render` command for other site generators."""

from __future__ import annotations

import textwrap
from importlib import resources
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY, ROOT
from seloste.cli import main
from seloste.notices.common import NoticeLinks, wording
from seloste.notices.privacy import (
    MARKDOWN_EXTENSIONS,
    iter_headings,
    render_privacy_notice,
)
from seloste.registry import load_registry, parse_registry

# Kespet as published in 2021: the seed's facts, kept as they were (the demo site
# uses a corrected copy).
DEMO = ROOT / "examples" / "000-kespet-2021" / "data" / "registry.yaml"
LINKS = NoticeLinks(privacy="./", cookies="../evasteet/")

#: Every section a complete single-register notice has, in the standard order.
FULL_ORDER = [
    "controller",
    "representative",
    "privacy-contact",
    "dpo",
    "register-name",
    "data-subjects",
    "purposes",
    "data-categories",
    "sources",
    "recipients",
    "services",
    "transfers",
    "retention",
    "provision",
    "automated-decisions",
    "further-processing",
    "joint-controllers",
    "security",
    "notes",
    "rights",
    "rights-access",
    "rights-rectification",
    "rights-erasure",
    "rights-restriction",
    "rights-objection",
    "rights-direct-marketing",
    "rights-portability",
    "rights-withdraw-consent",
    "rights-how-to-exercise",
    "complaint",
    "cookies",
    "changes",
]

FULL_REGISTRY = """\
languages: [fi, en]
controller:
  name: Täysi Oy
  business_id: "1572860-0"
  address: {street: Testikatu 1, postal_code: "00100", city: Helsinki}
  email: info@taysi.fi
  phone: "+358 9 123 4567"
  website: https://taysi.fi
representative:
  name: Rep GmbH
  email: rep@rep.example
privacy_contact:
  name: Pia Yhteys
  title: {fi: Asiakaspalvelupäällikkö, en: Customer service manager}
  email: pia@taysi.fi
dpo:
  name: Dana Suoja
  email: dpo@taysi.fi
registers:
  - id: asiakkaat
    name: {fi: Asiakasrekisteri, en: Customer register}
    data_subjects:
      - {fi: Asiakkaat, en: Customers}
    purposes:
      - description: {fi: Uutiskirjeen lähettäminen, en: Sending the newsletter}
        legal_basis: consent
      - description: {fi: Tilausten toimittaminen, en: Delivering orders}
        legal_basis: contract
      - description: {fi: Verkkokaupan kehittäminen, en: Developing the web shop}
        legal_basis: legitimate_interests
        legitimate_interest: {fi: Palvelun parantaminen, en: Improving the service}
    data_categories:
      - {fi: Nimi, en: Name}
    sources:
      - description: {fi: Asiakkaalta itseltään, en: The customer}
      - origin: partner
        description: {fi: Luottotietoyhtiöltä, en: A credit reference agency}
    recipients:
      - name: Posti Oy
        role: processor
        description: {fi: Toimitukset, en: Deliveries}
    transfers:
      - recipient: Google Ireland Limited
        country: {fi: Yhdysvallat, en: United States}
        mechanism: dpf
    retention: {fi: Kaksi vuotta, en: Two years}
    provision:
      required: contract_prerequisite
      consequences: {fi: Ilman tietoja emme voi toimittaa tilausta., en: Without them we cannot deliver.}
    automated_decisions: {used: false}
    further_processing: {fi: Ei muita tarkoituksia., en: No other purposes.}
    joint_controllers:
      - {fi: Meta Platforms Ireland Limited (Facebook-sivu), en: Meta Platforms Ireland Limited (Facebook page)}
    security: {fi: Tiedot ovat salasanalla suojatussa järjestelmässä., en: Data is kept in a password-protected system.}
    notes: {fi: Lisähuomio., en: An extra note.}
rights:
  how_to_exercise: {fi: Ota yhteyttä sähköpostilla., en: Contact us by email.}
  contact_email: tietosuoja@taysi.fi
  notes:
    access: {fi: Tarkastus on maksuton., en: Access is free of charge.}
    objection: {fi: Voit perua uutiskirjeen sen lopusta., en: Unsubscribe at the end of the newsletter.}
    complaint: {fi: Voit myös ottaa ensin yhteyttä meihin., en: You may also contact us first.}
services:
  - id: google-analytics
    ids: [G-ABCDEF1234]
dates:
  created: 2020-01-02
  updated: 2024-05-06
changelog:
  - date: 2020-01-02
    change: {fi: Ensimmäinen versio., en: First version.}
  - date: 2024-05-06
    change: {fi: Lisätty Google Analytics., en: Added Google Analytics.}
"""


def load_text(text: str, languages: list[str] | None = None):
    return parse_registry(textwrap.dedent(text), "test.yaml", languages)


def to_html(md_text: str) -> BeautifulSoup:
    return BeautifulSoup(
        markdown.markdown(md_text, extensions=list(MARKDOWN_EXTENSIONS)), "html.parser"
    )


def anchors(md_text: str) -> list[str]:
    return [anchor for level, _, anchor in iter_headings(md_text) if level > 1]


def section_text(soup: BeautifulSoup, anchor: str) -> str:
    """The text under one heading, up to the next heading of the same or a higher level."""
    heading = soup.find(id=anchor)
    assert heading is not None, anchor
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2", "h3"} and sibling.name <= heading.name:
            break
        parts.append(sibling.get_text(" ", strip=True))
    return " ".join(parts)


@pytest.fixture(scope="module")
def demo():
    return load_registry(DEMO)


@pytest.fixture(scope="module")
def full():
    return load_text(FULL_REGISTRY)


# --- sections and order --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_complete_registry_renders_every_section_in_standard_order(full, lang):
    text = render_privacy_notice(full, lang, LINKS)
    assert anchors(text) == FULL_ORDER
    headings = wording(lang)["privacy"]["headings"]
    rendered = {anchor: title for _, title, anchor in iter_headings(text)}
    assert rendered["controller"] == headings["controller"]
    assert rendered["purposes"] == headings["purposes"]
    assert rendered["complaint"] == headings["complaint"]
    assert text.startswith(f"# {wording(lang)['privacy']['title']}\n")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_demo_registry_renders_every_section_it_has_facts_for(demo, lang):
    text = render_privacy_notice(demo, lang, LINKS)
    # Kespet's notice has no representative, privacy contact, data subjects,
    # further processing or security text: those are left out. Joint controllers are
    # there: its LinkedIn Insight Tag makes the site one with LinkedIn (issue #12).
    expected = [
        a
        for a in FULL_ORDER
        if a
        not in {
            "representative",
            "privacy-contact",
            "data-subjects",
            "further-processing",
            "security",
            "rights-how-to-exercise",
        }
    ]
    expected.insert(expected.index("complaint"), "rights-how-to-exercise")
    assert anchors(text) == expected
    soup = to_html(text)
    facts = {
        "fi": [
            ("controller", "Misukantie 3, 40800 Vaajakoski"),
            ("controller", "sales@kespet.fi"),
            ("dpo", "Susanna Sole"),
            ("dpo", "+358 50 413 0787"),  # grouped for reading (notices/phone.py)
            ("register-name", "Asiakasrekisteri"),
            ("data-categories", "Ostohistoria"),
            ("sources", "yhteistyökumppaneilta"),
            ("retention", "15 vuotta"),
            ("transfers", "ei siirretä"),
            ("provision", "asiakkuussopimuksen ylläpitämisen vuoksi"),
            ("automated-decisions", "ei tehdä"),
            ("notes", "www.aboutcookies.org"),
            ("rights-direct-marketing", "perumalla suoramarkkinointikirjeen lopusta"),
            ("rights-how-to-exercise", "kirjallisesti rekisterinpitäjälle"),
            ("complaint", "erityisesti siinä jäsenvaltiossa"),
            ("services", "LinkedIn Insight Tag"),
            ("changes", "9.3.2021"),
        ],
        "en": [
            ("controller", "Misukantie 3, 40800 Vaajakoski"),
            ("dpo", "susanna.sole@kespet.fi"),
            ("register-name", "Customer registry"),
            ("data-categories", "Purchase history"),
            ("purposes", "Customer relation handling and marketing/statistics."),
            ("retention", "15 years"),
            ("transfers", "not transferred outside the EU"),
            ("provision", "A customer relation cannot take place without registry information."),
            ("rights-direct-marketing", "unsubscribe from our newsletter directly"),
            ("complaint", "supervising authority"),
            ("services", "Meta Pixel"),
            ("changes", "9 March 2021"),
        ],
    }[lang]
    for anchor, fact in facts:
        assert fact.lower() in section_text(soup, anchor).lower(), (anchor, fact)


def test_one_register_adds_no_extra_heading_level_several_registers_do():
    single = render_privacy_notice(load_text(MINIMAL_REGISTRY), "fi", LINKS)
    assert (2, "Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet", "purposes") in list(
        iter_headings(single)
    )
    two = load_text(
        """\
        controller: {name: Kaksi Oy}
        registers:
          - id: Asiakkaat
            name: {fi: Asiakasrekisteri, en: Customers}
            retention: {fi: Vuosi, en: A year}
          - name: {fi: Rekrytointi, en: Recruitment}
            retention: {fi: Puoli vuotta, en: Six months}
        services:
          - id: google-analytics
            register: Asiakkaat
          - id: hotjar
        """
    )
    headings = list(iter_headings(render_privacy_notice(two, "fi", LINKS)))
    assert (2, "Asiakasrekisteri", "asiakkaat") in headings
    assert (3, "Henkilötietojen säilytysaika", "asiakkaat-retention") in headings
    assert (4, "Verkkosivustolla käytettävät palvelut", "asiakkaat-services") in headings
    assert (2, "Rekrytointi", "register-2") in headings
    assert (3, "Henkilötietojen säilytysaika", "register-2-retention") in headings
    assert (2, "Verkkosivustolla käytettävät palvelut", "services") in headings  # hotjar
    assert not any(anchor == "register-name" for _, _, anchor in headings)
    ids = [anchor for _, _, anchor in headings if anchor]
    assert len(ids) == len(set(ids))


# --- fixed wording -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_complaint_section_has_the_ombudsmans_current_contact_details(full, lang):
    registry = full if lang != "sv" else load_text(SV_REGISTRY)
    soup = to_html(render_privacy_notice(registry, lang, LINKS))
    complaint = section_text(soup, "complaint")
    postal = {
        "fi": "PL 800, 00531 Helsinki",
        "en": "P.O. Box 800, FI-00531 Helsinki",  # not the Finnish "PL" (issue #12)
        "sv": "PB 800, 00531 Helsingfors",
    }
    assert postal[lang] in complaint
    assert "Lintulahdenkuja 4" in complaint or "Fågelviksgränden 4" in complaint
    assert "29 566 6700" in complaint  # 029 … in Finland, +358 29 … abroad
    assert "tietosuoja@om.fi" in complaint
    assert "https://tietosuoja.fi" in complaint
    assert "Ratapihantie" not in soup.get_text()


def test_no_wording_file_holds_the_stale_ombudsman_address():
    folder = resources.files("seloste.notices").joinpath("wording")
    for lang_dir in folder.iterdir():
        for part in lang_dir.iterdir():
            text = part.read_text(encoding="utf-8")
            assert "Ratapihantie" not in text, part
            assert "index/yhteystiedot.html" not in text, part


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_legal_basis_is_shown_per_purpose_in_the_language(full, lang):
    soup = to_html(render_privacy_notice(full, lang, LINKS))
    items = soup.find(id="purposes").find_next_sibling("ul").find_all("li", recursive=False)
    bases = wording(lang)["privacy"]["legal_basis"]
    descriptions = {
        "fi": ["Uutiskirjeen lähettäminen", "Tilausten toimittaminen", "Verkkokaupan kehittäminen"],
        "en": ["Sending the newsletter", "Delivering orders", "Developing the web shop"],
    }[lang]
    expected = zip(descriptions, ["consent", "contract", "legitimate_interests"], strict=True)
    assert len(items) == 3
    for item, (description, basis) in zip(items, expected, strict=True):
        text = item.get_text(" ", strip=True)
        assert description in text
        assert bases[basis] in text
    assert ("Palvelun parantaminen" if lang == "fi" else "Improving the service") in items[
        2
    ].get_text()
    assert wording(lang)["privacy"]["labels"]["legitimate_interest"] not in items[0].get_text()


def test_direct_marketing_objection_stands_apart_with_the_registry_note_after_it(full):
    soup = to_html(render_privacy_notice(full, "fi", LINKS))
    heading = soup.find(id="rights-direct-marketing")
    assert heading.name == "h3"
    first = heading.find_next_sibling("p")
    assert first.find("strong").get_text().startswith("Sinulla on oikeus milloin tahansa vastustaa")
    assert "Voit perua uutiskirjeen sen lopusta." in section_text(soup, "rights-direct-marketing")
    assert "Voit perua uutiskirjeen" not in section_text(soup, "rights-objection")
    assert "Tarkastus on maksuton." in section_text(soup, "rights-access")
    assert "tietosuoja@taysi.fi" in section_text(soup, "rights-how-to-exercise")
    assert "Voit myös ottaa ensin yhteyttä meihin." in section_text(soup, "complaint")


# --- transfers -----------------------------------------------------------------------------


def with_transfers(block: str):
    return load_text(
        f"""\
        controller: {{name: Siirto Oy}}
        registers:
          - name: {{fi: Asiakasrekisteri, en: Customers}}
        {block}
        """
    )


def test_empty_transfers_say_explicitly_that_there_are_none():
    text = render_privacy_notice(with_transfers("    transfers: []"), "en", LINKS)
    assert "transfers" in anchors(text)
    assert section_text(to_html(text), "transfers") == wording("en")["privacy"]["no_transfers"]


def test_absent_transfers_render_nothing_invented():
    text = render_privacy_notice(with_transfers(""), "fi", LINKS)
    assert "transfers" not in anchors(text)
    assert wording("fi")["privacy"]["no_transfers"] not in text


def test_listed_transfers_show_country_and_mechanism(full):
    soup = to_html(render_privacy_notice(full, "fi", LINKS))
    transfers = section_text(soup, "transfers")
    assert "Google Ireland Limited" in transfers
    assert "Yhdysvallat" in transfers
    assert wording("fi")["privacy"]["transfer_mechanism"]["dpf"] in transfers
    assert wording("fi")["privacy"]["no_transfers"] not in transfers


# --- escaping ------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> # not a heading | * [x](javascript:alert(2)) {#evil}"


def test_registry_text_is_shown_as_text_never_as_html_or_markdown():
    loaded = load_text(
        f"""\
        controller:
          name: "Paha <script>alert(0)</script> Oy"
        registers:
          - name: {{fi: "{HOSTILE}", en: "{HOSTILE}"}}
            purposes:
              - description:
                  fi: "{HOSTILE}"
                  en: |-
                    # heading?

                    <img src=x onerror=alert(3)>
                    - not a list
            data_categories: ["{HOSTILE}"]
        rights:
          how_to_exercise: "{HOSTILE}"
        """
    )
    for lang in ("fi", "en"):
        soup = to_html(render_privacy_notice(loaded, lang, LINKS))
        assert soup.find("script") is None
        assert soup.find("img") is None
        assert not [a for a in soup.find_all("a") if "javascript" in a.get("href", "")]
        assert soup.find(id="evil") is None
        assert len(soup.find_all("h1")) == 1
        text = soup.get_text()
        assert "<script>alert(1)</script>" in text
        assert "Paha <script>alert(0)</script> Oy" in text
    en = to_html(render_privacy_notice(loaded, "en", LINKS))
    assert "<img src=x onerror=alert(3)>" in en.get_text()
    assert "# heading?" in en.get_text()


# --- minimal registry, new language, dates -------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_minimal_registry_renders(lang):
    loaded = load_text(
        """\
        controller: {name: Pieni Oy}
        registers:
          - name: Asiakasrekisteri
        """,
        [lang],
    )
    text = render_privacy_notice(loaded, lang, NoticeLinks())
    assert anchors(text)[:2] == ["controller", "register-name"]
    assert "Pieni Oy" in text and "Asiakasrekisteri" in text
    assert "complaint" in anchors(text)
    assert "cookies" not in anchors(text)  # no services, no cookies, no cookie page
    assert "changes" not in anchors(text)
    to_html(text)


SV_REGISTRY = """\
languages: [fi, sv]
controller:
  name: Svenska Ab
  address: {street: Testgatan 1, postal_code: "00100", city: Helsingfors}
registers:
  - name: {fi: Asiakasrekisteri, sv: Kundregister}
    purposes:
      - description: {fi: Asiakassuhteen hoitaminen, sv: Skötsel av kundrelationen}
        legal_basis: contract
    transfers: []
dates:
  created: 2021-03-09
changelog:
  - date: 2021-03-09
    change: {fi: Laadittu., sv: Upprättad.}
"""


def test_swedish_needs_only_its_wording_file():
    text = render_privacy_notice(load_text(SV_REGISTRY), "sv", NoticeLinks(cookies="../kakor/"))
    soup = to_html(text)
    assert soup.find("h1").get_text() == "Dataskyddsbeskrivning"
    assert soup.find(id="controller").get_text() == "Personuppgiftsansvarig och kontaktuppgifter"
    assert "Kundregister" in section_text(soup, "register-name")
    purposes = section_text(soup, "purposes")
    assert "Skötsel av kundrelationen" in purposes and "artikel 6.1 b" in purposes
    assert section_text(soup, "transfers") == "Personuppgifter överförs inte utanför EU eller EES."
    assert soup.find("a", href="../kakor/") is not None
    assert "9 mars 2021: Upprättad." in section_text(soup, "changes")
    assert "Asiakas" not in soup.get_text()


def test_last_updated_prefers_updated_and_change_log_lists_newest_first(full):
    soup = to_html(render_privacy_notice(full, "fi", LINKS))
    changes = section_text(soup, "changes")
    assert "Seloste on päivitetty viimeksi 6.5.2024." in changes
    assert changes.index("6.5.2024: Lisätty Google Analytics.") < changes.index(
        "2.1.2020: Ensimmäinen versio."
    )
    en = section_text(to_html(render_privacy_notice(full, "en", LINKS)), "changes")
    assert "This notice was last updated on 6 May 2024." in en


def test_last_updated_falls_back_to_created(demo):
    soup = to_html(render_privacy_notice(demo, "fi", LINKS))
    assert "Seloste on päivitetty viimeksi 9.3.2021." in section_text(soup, "changes")


def test_cookies_section_links_to_the_cookie_notice(full):
    soup = to_html(render_privacy_notice(full, "fi", NoticeLinks(cookies="../evasteet/")))
    link = soup.find(id="cookies").find_next_sibling("p", string=None).find_next("a")
    assert link["href"] == "../evasteet/"
    without = to_html(render_privacy_notice(full, "fi", NoticeLinks()))
    assert without.find(id="cookies") is not None  # the site still declares a service
    assert without.find("a", href="../evasteet/") is None


def test_services_come_from_the_catalogue_under_recipients(demo):
    soup = to_html(render_privacy_notice(demo, "en", LINKS))
    services = section_text(soup, "services")
    for name, provider in [
        ("Google Analytics", "Google Ireland Limited"),
        ("Google Ads", "Google Ireland Limited"),
        ("Meta Pixel", "Meta Platforms Ireland Limited"),
        ("LinkedIn Insight Tag", "LinkedIn Ireland Unlimited Company"),
    ]:
        assert f"{name} , {provider}" in services or f"{name}, {provider}" in services
    assert soup.find(id="services").find_previous(["h2"])["id"] == "recipients"


# --- seloste render ------------------------------------------------------------------------


def cookie_renderer_exists() -> bool:
    from seloste.notices.privacy import _cookie_renderer

    return _cookie_renderer() is not None


def test_render_command_writes_pages_at_the_default_paths(tmp_path: Path):
    result = CliRunner().invoke(main, ["render", "-r", str(DEMO), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    fi = (tmp_path / "tietosuojaseloste" / "index.md").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "privacy" / "index.md").read_text(encoding="utf-8")
    assert fi.startswith("---\ntitle: Tietosuojaseloste\nlang: fi\n---\n")
    assert en.startswith("---\ntitle: Privacy notice\nlang: en\n---\n")
    assert "\n# " not in fi  # the generator prints the front-matter title itself
    assert "Kespet Oy" in fi and "Lintulahdenkuja 4" in fi
    if cookie_renderer_exists():
        assert (tmp_path / "evasteet" / "index.md").is_file()
        assert (tmp_path / "en" / "cookies" / "index.md").is_file()
        assert "](../evasteet/)" in fi and "](../cookies/)" in en
    else:
        assert "](../evasteet/)" not in fi


def test_render_command_html_one_language_and_errors(tmp_path: Path):
    out = tmp_path / "html"
    result = CliRunner().invoke(
        main,
        ["render", "-r", str(DEMO), "-o", str(out), "--lang", "en", "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    html = (out / "privacy" / "index.html").read_text(encoding="utf-8")  # en is the root now
    assert '<h2 id="controller">Controller and contact details</h2>' in html
    assert not (out / "tietosuojaseloste").exists()

    result = CliRunner().invoke(main, ["render", "-r", str(DEMO), "-o", str(out), "--lang", "de"])
    assert result.exit_code == 2
    assert "R110" in result.output and "'de'" in result.output


def test_render_command_without_front_matter_keeps_the_title(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["render", "-r", str(DEMO), "-o", str(tmp_path), "--no-front-matter"]
    )
    assert result.exit_code == 0, result.output
    assert (
        (tmp_path / "tietosuojaseloste" / "index.md")
        .read_text(encoding="utf-8")
        .startswith("# Tietosuojaseloste\n")
    )


# --- the layout of multi-line registry text ------------------------------------------------

RETENTION = """\
controller: {name: Rivit Oy}
registers:
  - name: Asiakasrekisteri
    purposes:
      - description: |
          Tilausten käsittely:
          - toimitus
          - laskutus
        legal_basis: contract
    retention: |
      Säilytämme tiedot näin:
      - tilaustiedot: 6 vuotta
      - markkinointiluvat: kunnes peruutat luvan
        tai asiakkuus päättyy
      1. ensimmäinen
      2. toinen

      Kirjanpitoaineisto
      säilytetään lain mukaan.
      6. toukokuuta 2024 alkaen uudet säännöt.
"""


def test_multi_line_registry_text_keeps_its_lists_paragraphs_and_line_breaks():
    soup = to_html(render_privacy_notice(load_text(RETENTION, ["fi"]), "fi", LINKS))
    heading = soup.find(id="retention")
    blocks = []
    for sibling in heading.find_next_siblings():
        if sibling.name and sibling.name.startswith("h"):
            break
        blocks.append(sibling)
    assert [b.name for b in blocks] == ["p", "ul", "ol", "p"]
    assert [li.get_text(" ", strip=True) for li in blocks[1].find_all("li")] == [
        "tilaustiedot: 6 vuotta",
        "markkinointiluvat: kunnes peruutat luvan tai asiakkuus päättyy",
    ]
    assert [li.get_text() for li in blocks[2].find_all("li")] == ["ensimmäinen", "toinen"]
    # A single line break stays a line break; a date at a line's start is no list.
    assert len(blocks[3].find_all("br")) == 2
    assert "6. toukokuuta 2024 alkaen" in blocks[3].get_text()
    # Inside a bullet (a purpose) the list nests under its item.
    purpose = soup.find(id="purposes").find_next_sibling("ul").find("li")
    assert [li.get_text() for li in purpose.find("ul").find_all("li")] == ["toimitus", "laskutus"]


def test_lists_and_line_breaks_still_show_markup_as_text():
    loaded = load_text(
        """\
        controller: {name: Paha Oy}
        registers:
          - name: Rekisteri
            retention: |
              - <script>alert(1)</script>
              - # otsikko?
              - [linkki](javascript:alert(2)) ja `koodi`
              1. ![kuva](x.png) {#evil}
              | a | b |
              |---|---|
              ~~yliviivattu~~ ja ===
            notes: |
              rivi
              # otsikko?
              ---
        """,
        ["fi"],
    )
    page = render_privacy_notice(loaded, "fi", LINKS)
    soup = to_html(page)
    for tag in ("script", "img", "code", "table", "del", "hr"):
        assert soup.find(tag) is None, tag
    assert soup.find(id="evil") is None
    assert not [a for a in soup.find_all("a") if "javascript" in a.get("href", "")]
    assert [level for level, _, _ in iter_headings(page) if level == 1] == [1]
    assert len(soup.find_all(["h1", "h2", "h3", "h4"])) == len(list(iter_headings(page)))
    retention = section_text(soup, "retention")
    assert "<script>alert(1)</script>" in retention
    assert "# otsikko?" in retention and "`koodi`" in retention
    assert "~~yliviivattu~~ ja ===" in retention  # no stray backslashes either
    assert "\\" not in soup.get_text()


def test_md_cell_stays_on_one_line():
    from seloste.notices.common import md_cell

    assert md_cell("- a\n- b\n\n1. c") == "\\- a - b 1. c"
    assert "\n" not in md_cell("rivi\nrivi | <b>")


# --- fixed wording -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_intro_has_no_doubled_parentheses(lang):
    registry = load_text(SV_REGISTRY) if lang == "sv" else load_text(FULL_REGISTRY)
    text = render_privacy_notice(registry, lang, LINKS)
    assert "((" not in text
    assert "2016/679" in text


@pytest.mark.parametrize(
    ("lang", "reference"),
    [
        ("fi", r"\(tietosuoja-asetuksen 6 artiklan 1 kohdan [a-f] alakohta\)$"),
        ("en", r"\(GDPR Art\. 6\(1\)\([a-f]\)\)$"),
        ("sv", r"\(artikel 6\.1 [a-f] i dataskyddsförordningen\)$"),
    ],
)
def test_every_legal_basis_names_its_article_the_same_way(lang, reference):
    import re

    bases = wording(lang)["privacy"]["legal_basis"]
    assert len(bases) == 6
    for key, text in bases.items():
        assert re.search(reference, text), (lang, key, text)


def test_transfer_description_stays_one_line_in_its_list():
    loaded = load_text(
        """\
        controller: {name: Siirto Oy}
        registers:
          - name: Asiakasrekisteri
            transfers:
              - recipient: Google
                country: Yhdysvallat
                description: |
                  - tietovarasto
                  - varmuuskopiot
        """,
        ["fi"],
    )
    soup = to_html(render_privacy_notice(loaded, "fi", LINKS))
    details = soup.find(id="transfers").find_next_sibling("ul").find("ul")
    assert details.find_all("li")[-1].get_text() == "- tietovarasto - varmuuskopiot"


# --- the cookies section follows what the site does ----------------------------------------


def cookies_text(registry_text: str, lang: str = "fi") -> str:
    soup = to_html(render_privacy_notice(load_text(registry_text), lang, LINKS))
    return section_text(soup, "cookies")


def test_cookies_section_promises_consent_only_when_consent_is_asked():
    asks = cookies_text(MINIMAL_REGISTRY + "services:\n  - id: google-analytics\n")
    assert "peruuttaa suostumuksesi" in asks
    necessary = cookies_text(
        MINIMAL_REGISTRY
        + """\
cookies:
  - name: __palette
    category: necessary
    technology: local_storage
    duration: persistent
    purpose: {fi: Muistaa värimaailman, en: Remembers the colour scheme}
"""
    )
    assert "Sivustomme käyttää vain välttämättömiä evästeitä; niihin ei tarvita suostumusta." in (
        necessary
    )
    assert "suostumuksesi" not in necessary
    nothing = cookies_text(MINIMAL_REGISTRY + "services: []\n")
    assert "Sivustomme ei käytä evästeitä eikä vastaavia tekniikoita." in nothing
    assert "suostumu" not in nothing
    assert "withdraw" not in cookies_text(MINIMAL_REGISTRY + "services: []\n", "en")
