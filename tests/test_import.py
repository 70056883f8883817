"""`seloste import`: the five seed notices become registries that load and lose no sentence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seloste.cli import main
from seloste.importer import ImportResult, import_file, import_notice
from seloste.importer.contacts import parse_contact
from seloste.importer.report import flat, text_stream, units_of
from seloste.importer.tables import (
    answer,
    is_label,
    is_legal_basis_answer,
    legal_bases_in,
    match_heading,
)
from seloste.registry import parse_registry

# The five real notices, kept as found (copied from the shared material).
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SEED_FILES = {p.name[:3]: p for p in sorted(SEEDS.glob("0*.txt"))}


def seed(number: str) -> Path:
    if len(SEED_FILES) != 5:
        pytest.skip(f"the five seed notices are not in {SEEDS}")
    return SEED_FILES[number]


_cache: dict[str, ImportResult] = {}


def imported(number: str) -> ImportResult:
    if number not in _cache:
        _cache[number] = import_file(seed(number))
    return _cache[number]


def languages_of(number: str) -> list[str]:
    return ["fi", "en"] if number == "000" else ["fi"]


# --- "no sentence is lost" --------------------------------------------------------------------

_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def cells_of(original: str) -> list[str]:
    """The notice line by line (table rows cell by cell), HTML tags stripped.

    Lines first, because a line break in these notices is structure (contact
    blocks, table rows); a sentence continued on a tab-indented line is checked
    as its two halves.
    """
    cells = [c for line in original.splitlines() for c in line.split("\t")]
    cleaned = (flat(html.unescape(re.sub(r"<[^>]*>", " ", c))) for c in cells)
    return [c for c in cleaned if c]


def consumed_ok(text: str, kind: str) -> bool:
    """A consumed piece is a known heading, label or answer: never an ordinary sentence."""
    return {
        "heading": lambda t: match_heading(t) is not None,
        "label": is_label,
        "legal_basis": is_legal_basis_answer,
        "answer": lambda t: answer(t) is not None,
    }[kind](text)


def lost_units(original: str, result: ImportResult) -> list[str]:
    stream = text_stream(result.data)
    consumed = sorted({flat(c.text) for c in result.consumed}, key=len, reverse=True)

    def kept(unit: str) -> bool:
        iso = _DATE.sub(lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", unit)
        if not unit or unit in stream or iso in stream:
            return True
        # In a contact line ("Maija Meikäläinen, maija@esimerkki.fi") a comma only separates
        # the details, which become fields of their own.
        return "@" in unit and re.sub(r"\s*[,;|]\s*", " ", unit) in stream

    lost: list[str] = []
    for cell in cells_of(original):
        # A heading or label ("Laatimispäivä", "p.", "Y-tunnus:") may be consumed as a field
        # name; the rest of its line must be kept.
        piece = next((p for p in consumed if cell == p or cell.startswith(p + " ")), None)
        rest = cell[len(piece) :].strip(" :") if piece else cell
        lost += [unit for unit in units_of(rest) if not kept(unit)]
    return lost


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_sentence_of_the_seed_is_kept(number: str) -> None:
    original = seed(number).read_text(encoding="utf-8")
    result = imported(number)
    assert lost_units(original, result) == []
    for piece in result.consumed:
        assert consumed_ok(piece.text, piece.kind), piece


def test_the_sentence_check_notices_a_lost_sentence() -> None:
    original = seed("004").read_text(encoding="utf-8")
    result = imported("004")
    gone = "Oikaisemme tai hävitämme tällaiset tiedot viipymättä."
    data = yaml.safe_load(result.yaml.replace(gone, ""))
    damaged = ImportResult(result.yaml, data, result.languages, result.services, result.consumed)
    assert lost_units(original, damaged) == [gone]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_the_draft_loads_in_the_notice_languages(number: str) -> None:
    result = imported(number)
    assert result.languages == languages_of(number)
    loaded = parse_registry(result.yaml, f"{number}.yaml", languages_of(number), draft=True)
    assert loaded.registry.registers
    assert "<p>" not in result.yaml and "<ul" not in result.yaml
    assert "# TODO" in result.yaml


# --- fields per seed --------------------------------------------------------------------------


def registry(number: str):
    return parse_registry(
        imported(number).yaml, "x.yaml", languages_of(number), draft=True
    ).registry


@pytest.mark.parametrize(
    ("number", "services"),
    [
        ("000", ["google-analytics", "google-ads", "meta-pixel", "linkedin-insight"]),
        ("001", ["google-analytics"]),
        ("002", []),
        ("003", []),
        ("004", ["google-analytics"]),
    ],
)
def test_named_services_are_declared(number: str, services: list[str]) -> None:
    assert imported(number).services == services


def test_seed_000_splits_into_finnish_and_english() -> None:
    reg = registry("000")
    register = reg.registers[0]
    assert register.name == {"fi": "Asiakasrekisteri", "en": "Customer registry"}
    purpose = register.purposes[0]
    assert purpose.description["fi"].startswith("Rekisterin käyttötarkoitus on")
    assert purpose.description["en"].startswith("The purpose of the registry is")
    assert purpose.legal_basis.value == "legitimate_interests"
    assert purpose.legitimate_interest == {
        "fi": "Asiakassuhde ja/tai käsittely suoramarkkinointi- tai tilastotarkoituksessa.",
        "en": "Customer relation handling and marketing/statistics.",
    }
    assert "15 vuotta" in register.retention["fi"] and "15 years" in register.retention["en"]
    assert register.transfers == []  # "Ei" / "No"
    assert register.automated_decisions.used is False
    assert reg.rights.notes["complaint"]["en"].startswith("Every registrant has a right")
    assert reg.controller.name == "Kespet Oy"
    assert reg.controller.address.street == "Misukantie 3"
    assert reg.controller.address.postal_code == "40800"
    assert reg.controller.email == "sales@kespet.fi"
    assert reg.dpo.email == "susanna.sole@kespet.fi" and reg.dpo.phone == "+358504130787"
    assert reg.dpo.title == {"fi": "Tietosuojavastaava", "en": "Chief Information Officer"}
    assert str(reg.dates.created) == "2021-03-09"
    cookie_text = next(u for u in reg.unsorted if isinstance(u, dict) and "Evästeet" in u["fi"])
    assert "By using our website you agree" in cookie_text["en"]


def test_seed_001_table_with_html_values() -> None:
    reg = registry("001")
    register = reg.registers[0]
    assert str(reg.dates.created) == "2020-03-02"
    assert reg.controller.name == "Oliver Kuisma"  # a person: the draft says so in a TODO
    assert "does not look like a company" in imported("001").yaml
    assert reg.controller.email == "sales@finnprotec.fi"
    assert reg.privacy_contact.phone == "358 (0)40 554 4414"
    assert [c["fi"] for c in register.data_categories] == [
        "Henkilön etu- ja sukunimi",
        "Edustamansa yhteisö",
        "Sähköpostiosoite",
        "Postiosoite",
        "Puhelinumero",
        "Tiedot aikaisemmista tilauksista",
    ]
    assert register.purposes[0].legal_basis.value == "contract"  # "Käsittely perustuu sopimukseen."
    assert register.retention == {"fi": "10 vuotta asiakkuuden päättymisestä lukien."}
    assert "Ratapihantie 9" in reg.rights.notes["complaint"]["fi"]
    assert set(imported("001").empty_headings) == {
        "Suostumus",
        "Automaattinen käsittely ja profilointi",
    }


def test_seed_002_dates_and_one_line_address() -> None:
    reg = registry("002")
    assert str(reg.dates.created) == "2019-03-21"  # written 21.03.2019
    assert reg.controller.name == "K&K Kivinen Oy"
    address = reg.controller.address
    assert (address.street, address.postal_code, address.city) == (
        "Neliökuja 5",
        "04300",
        "Tuusula",
    )
    assert reg.controller.email == "myynti@kkkivinen.fi"
    assert reg.registers[0].purposes[0].legal_basis is None
    assert imported("002").empty_headings == ["Evästeet"]


def test_seed_003_numbered_sections_and_processors() -> None:
    reg = registry("003")
    register = reg.registers[0]
    assert reg.controller.business_id == "3015907-1"
    assert reg.privacy_contact.email == "johanna.nykanen@jnqualityexpert.fi"
    assert [r.name for r in register.recipients] == [
        "MyCashFlow",
        "Shipit",
        "Klarna",
        "Campaign Monitor",
        "EmCe",
    ]
    assert [p.description["fi"] for p in register.purposes] == [
        "asiakassuhteen hoitaminen",
        "palveluistamme kertominen",
    ]
    assert reg.rights.contact_email == "kauppa@kesto-osat.fi"
    assert set(reg.rights.notes) >= {"access", "rectification", "objection", "erasure"}
    assert "Suoramarkkinointiin" not in reg.rights.notes["objection"]["fi"]
    assert register.data_categories[0] == {
        "fi": "Yhteystiedot: nimi, osoite, sähköposti, puhelinnumero"
    }
    assert register.automated_decisions.used is False
    assert reg.dates.created is None and reg.dates.updated is None


def test_seed_004_changelog_and_combined_heading() -> None:
    reg = registry("004")
    register = reg.registers[0]
    assert reg.controller.phone == "044 523 4645"  # "p. 044 523 4645"
    assert reg.controller.address.street == "Sienitie 18 B"
    assert [str(c.date) for c in reg.changelog] == ["2019-01-22"]
    # "7 Tietojen suojaus ja säilyttäminen" holds both fields
    assert register.retention["fi"].startswith("Säilytämme tietoja asiakassuhteen ajan")
    assert "palomuurein" in register.security["fi"]
    # the last sentences of "4 Tiedot, joita käsittelemme" say whether the data is required
    assert register.provision.consequences["fi"].startswith(
        "Henkilötietojen antaminen on edellytys"
    )
    assert "edellytys" not in register.data_categories[0]["fi"]
    assert any("(jäljempänä ”me”)" in str(u) for u in reg.unsorted)


# --- lint on the drafts: each seed's known problems (notice-content.md §4) -----------------

KNOWN_PROBLEMS = {
    # no Y-tunnus; dpo "Chief Information Officer"; only "yhteistyökumppanit"; henkilötietolaki;
    # "by using the site you agree"; browser settings; "Google Adwords"; legitimate interest
    # for ad cookies; no consent to withdraw; "Ei" transfers although GA/Ads/pixels; unsorted
    "000": {"L102", "L142", "L113", "L120", "L122", "L123", "L127", "L130", "L131", "L132", "L144"},
    # a person as the controller, no address; old-law formulas; browser settings only;
    # Ratapihantie 9; GA without consent basis or transfer entry
    "001": {"L101", "L102", "L104", "L121", "L123", "L124", "L131", "L132"},
    # henkilötietolain + formulas; no legal basis; no retention
    "002": {"L102", "L106", "L108", "L120", "L121"},
    # no address; bases not GDPR names; old Ombudsman URL; requests to another domain; undated
    "003": {"L101", "L106", "L124", "L140", "L143"},
    # no Y-tunnus; no legal basis; browser settings; GA without transfer; "no personal data";
    # "check regularly"
    "004": {"L102", "L106", "L123", "L125", "L128", "L131", "L132"},
}


@pytest.mark.parametrize("number", sorted(KNOWN_PROBLEMS))
def test_lint_reports_the_seeds_known_problems(number: str) -> None:
    from seloste.lint import lint

    loaded = parse_registry(
        imported(number).yaml, f"{number}.yaml", languages_of(number), draft=True
    )
    codes = {f.code for f in lint(loaded)}
    assert KNOWN_PROBLEMS[number] <= codes, KNOWN_PROBLEMS[number] - codes
    assert "L126" not in codes  # the importer strips the pasted HTML


# --- contact blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "items", "leftover"),
    [
        (
            ["K&K Kivinen Oy Neliökuja 5 04300 Tuusula myynti@kkkivinen.fi"],
            [
                ("name", "K&K Kivinen Oy"),
                ("street", "Neliökuja 5"),
                ("postal_code", "04300"),
                ("city", "Tuusula"),
                ("email", "myynti@kkkivinen.fi"),
            ],
            [],
        ),
        (
            ["Jesoy Oy", "Sienitie 18 B", "00760 Helsinki", "p. 044 523 4645", "(jäljempänä ”me”)"],
            [
                ("name", "Jesoy Oy"),
                ("street", "Sienitie 18 B"),
                ("postal_code", "00760"),
                ("city", "Helsinki"),
                ("phone", "044 523 4645"),
            ],
            ["(jäljempänä ”me”)"],
        ),
        (["Kespet Oy, Misukantie 3"], [("name", "Kespet Oy")], ["Misukantie 3"]),
        (
            ["Oliver Kuisma 358 (0)40 554 4414"],
            [("name", "Oliver Kuisma"), ("phone", "358 (0)40 554 4414")],
            [],
        ),
    ],
)
def test_contact_blocks(lines: list[str], items: list, leftover: list[str]) -> None:
    parsed = parse_contact(lines)
    assert parsed.items == items
    assert parsed.leftover == leftover


# --- the vocabulary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "basis"),
    [
        ("Oikeutetut edut", "legitimate_interests"),
        ("Justified interests", "legitimate_interests"),
        ("Sopimus", "contract"),
        ("Käsittely perustuu sopimukseen.", "contract"),
        ("Suostumus", "consent"),
        ("Henkilötietoja käsitellään suostumuksen perusteella", "consent"),
        ("Lakisääteinen velvoite", "legal_obligation"),
    ],
)
def test_legal_basis_words(words: str, basis: str) -> None:
    assert legal_bases_in(words) == [basis]


def test_a_sentence_is_not_a_legal_basis_answer() -> None:
    assert is_legal_basis_answer("Oikeutetut edut")
    assert not is_legal_basis_answer("Käsittely perustuu sopimukseen.")


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("1. Rekisterinpitäjä", "controller"),
        ("3 Henkilötietojen käsittelyn oikeusperuste ja tarkoitus", "purposes"),
        ("Käsittelyperuste:", "legal_basis"),
        ("Is information transferred outside EU and ETA?", "transfers"),
        ("Tarkastusoikeus, eli oikeus saada pääsy henkilötietoihin.", "right_access"),
        ("## Henkilötietojen säilytysaika", "retention"),
    ],
)
def test_heading_variants(heading: str, field: str) -> None:
    assert match_heading(heading).fields[0] == field


# --- HTML and Markdown notices ----------------------------------------------------------------

HTML_NOTICE = """<!doctype html><html lang="fi"><head><title>Tietosuoja</title>
<script>gtag('config', 'G-XXXX')</script></head><body><nav>Etusivu</nav><main>
<h1>Tietosuojaseloste</h1>
<p>Päivitetty 5.2.2024</p>
<h2>1. Rekisterinpitäjä</h2>
<p>Esimerkki Oy<br>Y-tunnus: 1572860-0<br>Mannerheimintie 1<br>00100 Helsinki<br>info@esimerkki.fi</p>
<h2>2. Henkilötietojen käsittelyn tarkoitus</h2>
<ul><li>Asiakassuhteen hoitaminen</li><li>Uutiskirjeen lähettäminen</li></ul>
<h2>Käsittelyperuste</h2><p>Sopimus</p>
<table><tr><th>Säilytysaika</th><td><p>Kaksi vuotta.</p><p>Laskut <b>kymmenen</b> vuotta.</p></td></tr></table>
<h2>Evästeet</h2>
<p>Käytämme Google Analyticsia. Kun käytät sivustoa, hyväksyt evästeet.</p>
</main></body></html>
"""

WORDPRESS_NOTICE = """<html><body><div class="entry-content">
<p><strong>Tietosuojaseloste</strong></p>
<p><strong>1. Rekisterinpitäjä</strong><br>Kespet Oy<br>Misukantie 3<br>40800 Vaajakoski</p>
<p><strong>Yhteyshenkilö rekisteriä koskevissa asioissa:</strong> Susanna Sole, susanna.sole@kespet.fi</p>
<p><strong>Henkilötietojen säilytysaika</strong></p><p>Kaksi vuotta.</p>
</div></body></html>"""


def test_wordpress_shapes_bold_headings_and_br_lines(tmp_path: Path) -> None:
    path = tmp_path / "tietosuojaseloste.htm"
    path.write_text(WORDPRESS_NOTICE, encoding="utf-8")
    reg = parse_registry(import_file(path).yaml, "x", ["fi"], draft=True).registry
    assert reg.controller.name == "Kespet Oy"
    assert reg.controller.address.city == "Vaajakoski"
    assert reg.privacy_contact.name == "Susanna Sole"
    assert reg.privacy_contact.email == "susanna.sole@kespet.fi"
    assert reg.registers[0].retention == {"fi": "Kaksi vuotta."}


MARKDOWN_NOTICE = """# Tietosuojaseloste

**Laatimispäivä:** 1.6.2022

## Rekisterinpitäjä

Esimerkki Oy
Mannerheimintie 1
00100 Helsinki

## Rekisterin tietosisältö

* nimi
* sähköpostiosoite

## Henkilötietojen säilytysaika

Tietoja säilytetään **kaksi** vuotta asiakkuuden päättymisestä.

| Tietolähde | Asiakkaalta itseltään |
|---|---|

Some paragraph the importer cannot place. [Lue lisää](https://example.fi/lisaa).
"""


def test_html_notice(tmp_path: Path) -> None:
    path = tmp_path / "tietosuoja.html"
    path.write_text(HTML_NOTICE, encoding="utf-8")
    result = import_file(path)
    reg = parse_registry(result.yaml, "x", ["fi"], draft=True).registry
    assert reg.controller.name == "Esimerkki Oy"
    assert reg.controller.business_id == "1572860-0"
    assert reg.controller.address.city == "Helsinki"
    assert str(reg.dates.updated) == "2024-02-05"
    register = reg.registers[0]
    assert [p.description["fi"] for p in register.purposes] == [
        "Asiakassuhteen hoitaminen",
        "Uutiskirjeen lähettäminen",
    ]
    assert {p.legal_basis.value for p in register.purposes} == {"contract"}
    assert register.retention == {"fi": "Kaksi vuotta.\n\nLaskut kymmenen vuotta."}
    assert result.services == ["google-analytics"]
    assert any("hyväksyt evästeet" in str(u) for u in reg.unsorted)
    assert "Etusivu" not in result.yaml and "gtag" not in result.yaml  # navigation and scripts


def test_markdown_notice(tmp_path: Path) -> None:
    path = tmp_path / "seloste.md"
    path.write_text(MARKDOWN_NOTICE, encoding="utf-8")
    result = import_file(path)
    reg = parse_registry(result.yaml, "x", ["fi"], draft=True).registry
    assert str(reg.dates.created) == "2022-06-01"
    assert reg.controller.address.street == "Mannerheimintie 1"
    register = reg.registers[0]
    assert register.data_categories == [{"fi": "nimi"}, {"fi": "sähköpostiosoite"}]
    assert register.retention == {
        "fi": "Tietoja säilytetään kaksi vuotta asiakkuuden päättymisestä."
    }
    assert register.sources[0].description == {"fi": "Asiakkaalta itseltään"}
    assert any("(https://example.fi/lisaa)" in str(u) for u in reg.unsorted)


OMBUDSMAN_TEMPLATE = """Rekisteri- ja tietosuojaseloste

1. Rekisterinpitäjä

Esimerkki Oy
Y-tunnus 1572860-0

2. Yhteyshenkilö rekisteriä koskevissa asioissa

Maija Meikäläinen, maija@esimerkki.fi

3. Rekisterin nimi

Asiakasrekisteri

4. Oikeusperuste ja henkilötietojen käsittelyn tarkoitus

Asiakassuhteen hoitaminen ja laskutus.

Käsittely perustuu sopimukseen.

7. Tietojen säännönmukaiset luovutukset ja tietojen siirto EU:n tai ETA:n ulkopuolelle

Tietoja luovutetaan kirjanpitotoimistolle.

Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.

9. Tarkastusoikeus ja oikeus vaatia tiedon korjaamista

Rekisteröidyllä on oikeus tarkastaa tietonsa.

Virheellinen tieto korjataan pyynnöstä.
"""


def test_the_ombudsmans_old_template() -> None:
    result = import_notice(OMBUDSMAN_TEMPLATE, source_name="seloste.txt")
    reg = parse_registry(result.yaml, "x", ["fi"], draft=True).registry
    register = reg.registers[0]
    assert reg.controller.business_id == "1572860-0"  # "Y-tunnus 1572860-0": label consumed
    assert reg.privacy_contact.email == "maija@esimerkki.fi"
    assert register.purposes[0].description == {"fi": "Asiakassuhteen hoitaminen ja laskutus."}
    assert register.purposes[0].legal_basis.value == "contract"
    assert any("kirjanpitotoimistolle" in str(u) for u in reg.unsorted)
    assert any("Tietoja ei siirretä EU:n tai ETA:n" in str(u) for u in reg.unsorted)
    assert register.transfers is None  # a sentence, not a plain "Ei": the marketer decides
    assert reg.rights.notes["access"] == {"fi": "Rekisteröidyllä on oikeus tarkastaa tietonsa."}
    assert reg.rights.notes["rectification"] == {"fi": "Virheellinen tieto korjataan pyynnöstä."}
    assert lost_units(OMBUDSMAN_TEMPLATE, result) == []


def test_bilingual_lists_and_their_lead_ins_are_paired() -> None:
    text = (
        "Tietosuojaseloste\n\nRekisterin nimi:\tAsiakasrekisteri\n"
        "Rekisterin tietosisältö:\tRekisteri sisältää: <ul><li>nimi</li><li>puhelin</li></ul>\n"
        "Rekisterinpitäjä:\tEsimerkki Oy\n\n"
        "Privacy Policy\n\nRegistry name:\tCustomer register\n"
        "Registry informational content:\tThe register holds: <ul><li>name</li><li>phone</li></ul>\n"
        "Registry holder:\tEsimerkki Oy\n"
    )
    result = import_notice(text, source_name="n.txt")
    reg = parse_registry(result.yaml, "x", ["fi", "en"], draft=True).registry
    assert reg.registers[0].data_categories == [
        {"fi": "nimi", "en": "name"},
        {"fi": "puhelin", "en": "phone"},
    ]
    assert reg.unsorted == [{"fi": "Rekisteri sisältää:", "en": "The register holds:"}]


def test_an_english_only_notice() -> None:
    text = (
        "Privacy Policy\n\nController:\tExample Ltd, 1 Main Street\n"
        "Purposes of processing:\tCustomer service.\nLegal basis:\tConsent\n"
        "Retention period:\tTwo years.\n"
    )
    result = import_notice(text, source_name="notice.txt")
    assert result.languages == ["en"]
    reg = parse_registry(result.yaml, "x", ["en"], draft=True).registry
    assert reg.registers[0].purposes[0].legal_basis.value == "consent"
    assert reg.registers[0].retention == {"en": "Two years."}


# --- the command ------------------------------------------------------------------------------


def test_cli_writes_the_draft_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "data" / "registry.yaml"
    runner = CliRunner()
    first = runner.invoke(main, ["import", str(seed("003")), "-o", str(out)])
    assert first.exit_code == 0, first.output
    written = out.read_text(encoding="utf-8")
    assert (
        parse_registry(written, str(out), ["fi"], draft=True).registry.controller.business_id
        == "3015907-1"
    )
    assert str(out) in first.output
    assert "L140" in first.output  # lint findings on the draft are shown, exit code still 0

    out.write_text("# my own edits\n", encoding="utf-8")
    second = runner.invoke(main, ["import", str(seed("003")), "-o", str(out)])
    assert second.exit_code == 2
    assert "--force" in second.output
    assert out.read_text(encoding="utf-8") == "# my own edits\n"  # nothing a user wrote is lost

    forced = runner.invoke(main, ["import", str(seed("003")), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8") == written


def test_cli_missing_notice_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "r.yaml")]
    )
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "not found" in result.output
    assert not (tmp_path / "r.yaml").exists()


# --- any text at all: the draft always loads -------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "Rekisterinpitäjä", "Rekisterin nimi\t", "Käsittelyperuste:\t", "Privacy Policy", "1. ",
        "\t", "\n", "\n\n", ":", "<p>", "</p>", '<ul style="x">', "<li>", "<h2>", "</h2>", "- ",
        "Ei", "No", "yes", "null", "~", "Oikeutetut edut", "sales@kespet.fi", "9.3.2021",
        "31.2.2020", "Y-tunnus: 1234567-1", "00100 Helsinki", "Kespet Oy", "Google Analytics",
        "Klarna", "#", "'", '"', "&amp;", "{", "[", "|", ">", "*", "%", "@", "**", "## ",
        "| a | b |", "\u2028", "\x7f", "\r\n", "Päivitykset ja muutokset\n\n1.1.2020 Julkaistu",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=30),
    st.sampled_from(["n.txt", "n.html", "n.md"]),
)
def test_any_text_imports_into_a_draft_that_loads(parts: list[str], name: str) -> None:
    result = import_notice("".join(parts), source_name=name)  # raises I103 if it would not load
    assert parse_registry(result.yaml, name, result.languages, draft=True).registry.registers


def test_the_same_notice_gives_the_same_draft() -> None:
    text = seed("000").read_text(encoding="utf-8")
    first = import_notice(text, source_name="a.txt").yaml
    assert import_notice(text, source_name="a.txt").yaml == first


def test_a_windows_encoded_notice_is_read(tmp_path: Path) -> None:
    path = tmp_path / "vanha.txt"
    path.write_bytes(
        "Rekisterinpitäjä\tÄänekosken Kone Oy\nSäilytysaika\tViisi vuotta.\n".encode("cp1252")
    )
    reg = parse_registry(import_file(path).yaml, "x", ["fi"], draft=True).registry
    assert reg.controller.name == "Äänekosken Kone Oy"
    assert reg.registers[0].retention == {"fi": "Viisi vuotta."}


def test_cli_empty_notice_is_an_input_error(tmp_path: Path) -> None:
    notice = tmp_path / "empty.txt"
    notice.write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(notice), "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 2
    assert "I102" in result.output and "empty" in result.output
    assert not (tmp_path / "r.yaml").exists()
