"""Each lint rule fires on a minimal registry with its problem, and not on a clean one."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seloste import catalog
from seloste.findings import Severity
from seloste.lint import lint, rule_infos, rules
from seloste.registry import load_registry
from seloste.registry.model import is_valid_business_id

CLEAN: dict = {
    "languages": ["fi", "en"],
    "controller": {
        "name": "Esimerkki Oy",
        "business_id": "1572860-0",
        "address": {"street": "Katu 1", "postal_code": "00100", "city": "Helsinki"},
        "email": "tietosuoja@esimerkki.fi",
        "website": "https://www.esimerkki.fi",
    },
    "dpo": {
        "name": "Maija Meikäläinen",
        "title": {"fi": "Tietosuojavastaava", "en": "Data Protection Officer"},
        "email": "maija@esimerkki.fi",
    },
    "registers": [
        {
            "name": {"fi": "Asiakasrekisteri", "en": "Customer register"},
            "data_categories": [{"fi": "Nimi", "en": "Name"}],
            "sources": [
                {"origin": "data_subject", "description": {"fi": "Asiakas", "en": "Customer"}}
            ],
            "purposes": [
                {
                    "description": {
                        "fi": "Asiakassuhteen hoitaminen",
                        "en": "Managing the customer relationship",
                    },
                    "legal_basis": "contract",
                },
                {
                    "description": {
                        "fi": "Kävijätilastot evästeiden avulla",
                        "en": "Visitor statistics with cookies",
                    },
                    "legal_basis": "consent",
                },
            ],
            "recipients": [{"name": "Google Ireland Limited"}],
            "transfers": [
                {
                    "recipient": "Google LLC",
                    "country": {"fi": "Yhdysvallat", "en": "United States"},
                    "mechanism": "dpf",
                }
            ],
            "retention": {"fi": "Asiakkuuden ajan", "en": "During the customer relationship"},
            "provision": {
                "required": "contract_prerequisite",
                "consequences": {"fi": "Ei sopimusta", "en": "No contract"},
            },
            "automated_decisions": {"used": False},
        }
    ],
    "rights": {"contact_email": "tietosuoja@esimerkki.fi"},
    "dates": {"created": "2024-01-15"},
    "services": [{"id": "google-analytics"}],
}


def write(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "registry.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint_data(tmp_path: Path, data: dict | str, **kwargs):
    return lint(load_registry(write(tmp_path, data)), **kwargs)


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def changed(change: Callable[[dict], None]) -> dict:
    data = copy.deepcopy(CLEAN)
    change(data)
    return data


def reg(data: dict) -> dict:
    return data["registers"][0]


def set_text(field: str, fi: str, en: str = "Text") -> Callable[[dict], None]:
    def change(data: dict) -> None:
        reg(data)[field] = {"fi": fi, "en": en}

    return change


def test_clean_registry_has_no_findings(tmp_path):
    assert lint_data(tmp_path, CLEAN) == []


def test_every_rule_has_metadata_and_a_check():
    infos = rule_infos()
    assert set(rules()) == set(infos) - {"L100"}  # L100 is the settings check of the engine
    for info in infos.values():
        assert info.title["fi"] and info.title["en"] and info.source


CASES: dict[str, Callable[[dict], None]] = {
    "L101": lambda d: d["controller"].pop("address"),
    "L102": lambda d: d["controller"].pop("business_id"),
    "L103": lambda d: (
        d["controller"].pop("email"),
        d.pop("dpo"),
        d["rights"].pop("contact_email"),
    ),
    "L104": lambda d: d["controller"].update(name="Oliver Kuisma"),
    "L105": lambda d: reg(d).update(purposes=[]),
    "L106": lambda d: reg(d)["purposes"][0].pop("legal_basis"),
    "L107": lambda d: reg(d)["purposes"][0].update(legal_basis="legitimate_interests"),
    "L108": lambda d: reg(d).pop("retention"),
    "L109": lambda d: reg(d).pop("provision"),
    "L110": lambda d: reg(d).pop("automated_decisions"),
    "L111": lambda d: (
        reg(d)["sources"].append(
            {"origin": "partner", "description": {"fi": "Kumppani", "en": "Partner"}}
        ),
        reg(d).update(data_categories=[]),
    ),
    "L112": lambda d: reg(d).update(sources=[]),
    "L113": lambda d: reg(d).update(recipients=[]),
    "L114": lambda d: (reg(d).pop("transfers"), d.update(services=[])),
    "L120": set_text(
        "notes", "Tietoja käsitellään henkilötietolain sallimissa rajoissa.", "Processed."
    ),
    "L121": set_text("notes", "Pyyntö tehdään omakätisesti allekirjoitetulla kirjeellä."),
    "L122": set_text(
        "notes", "Kun käytät verkkosivua, hyväksyt evästeiden käytön ja tallentamisen."
    ),
    "L123": set_text("notes", "Voit hallita evästeitä selaimesi asetuksista."),
    "L124": lambda d: (
        set_text(
            "notes",
            "Tietosuojavaltuutettu, Ratapihantie 9, 00521 Helsinki.",
            "Data Protection Ombudsman, Ratapihantie 9, 00521 Helsinki.",  # same facts: no L156
        )(d),
        d.update(lint={"words": ["Ratapihantie"]}),  # a street name: no L157
    ),
    "L125": set_text(
        "notes", "Suosittelemme, että käytte säännöllisesti sivuillamme ja huomioitte muutokset."
    ),
    "L126": set_text("notes", "<p>Teksti</p>"),
    "L127": set_text("notes", "Käytämme Google Adwordsia."),
    "L128": set_text("notes", "Emme käsittele yksityishenkilöiden tietoja."),
    "L130": lambda d: reg(d)["purposes"][1].update(
        legal_basis="legitimate_interests",
        legitimate_interest={"fi": "Markkinointi", "en": "Marketing"},
    ),
    "L131": lambda d: reg(d)["purposes"][1].update(legal_basis="contract"),
    "L132": lambda d: reg(d).update(transfers=[]),
    "L133": lambda d: reg(d)["transfers"][0].pop("mechanism"),
    "L134": lambda d: d["services"].append(
        {"id": "chat-widget", "name": "Chat", "hosts": ["chat.example.com"]}
    ),
    "L135": lambda d: d["services"].append(dict(d["services"][0])),
    "L140": lambda d: d["rights"].update(contact_email="kauppa@kesto-osat.fi"),
    "L141": lambda d: reg(d).update(
        notes={"fi": "- nimi\n- osoite\n- puhelin", "en": "- name\n- address"}
    ),
    "L142": lambda d: d["dpo"].update(
        title={"fi": "Tietosuojavastaava", "en": "Chief Information Officer"}
    ),
    "L143": lambda d: d.pop("dates"),
    "L144": lambda d: d.update(unsorted=[{"fi": "Jotain", "en": "Something"}]),
    "L150": lambda d: d["services"].append(
        {
            "id": "oma-pikseli",
            "name": "Oma pikseli",
            "provider": "Mainos Oy",
            "privacy_url": "https://mainos.example/tietosuoja",
            "category": "marketing",
            "hosts": ["pixel.mainos.example"],
        }
    ),
    "L151": set_text(
        "notes",
        "Emme luovuta henkilötietoja kolmansille osapuolille.",
        "We do not share personal data with third parties.",
    ),
    "L152": set_text(
        "notes", "Pyynnöt on tehtävä kirjallisesti.", "Requests must be made in writing."
    ),
    "L153": set_text("retention", "Säilytämme tiedot pysyvästi.", "We keep the data permanently."),
    "L154": lambda d: reg(d)["provision"].update(required="contractual"),
    "L155": lambda d: reg(d).update(
        recipients=[{"name": {"fi": "Yhteistyökumppanit", "en": "Partners"}}]
    ),
    "L156": set_text("retention", "Kolme vuotta asiakkuuden jälkeen.", "Five years after it."),
    "L157": set_text(
        "notes", "Käsittelyssä noudatetaan tietosuojasetusta.", "Processing follows the GDPR."
    ),
    "L159": set_text(
        "notes",
        "Valituksen voi tehdä, jos tietoja käsitellään tietosuojaselosteen vastaisesti.",
        "You may complain if there has been a violation of privacy policy.",
    ),
    "L158": set_text(
        "notes",
        "Tietoja käsitellään lain sallimissa ja edellyttämässä rajoissa.",
        "Data is processed within the limits the law allows and requires.",
    ),
}


def test_every_rule_has_a_case():
    assert set(CASES) == set(rules())


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_its_problem_only(tmp_path, code):
    found = codes(lint_data(tmp_path, changed(CASES[code])))
    assert code in found
    # The change brings in this problem (L104's and L114's cases trigger nothing else).
    assert found - {code} <= {"L131", "L132", "L130", "L114"}


def test_finding_points_at_the_value(tmp_path):
    text = """\
languages: [fi]
controller:
  name: Esimerkki Oy
  business_id: 1572860-0
  address: {street: Katu 1, postal_code: "00100", city: Helsinki}
  email: info@esimerkki.fi
registers:
  - name: Asiakasrekisteri
    purposes:
      - description: Asiakassuhde
        legal_basis: contract
      - description: Uutiskirje
        legal_basis: legitimate_interests
    retention: Kaksi vuotta
    provision: {required: voluntary, consequences: Ei uutiskirjettä}
    automated_decisions: {used: false}
    sources: [{description: Asiakas}]
    recipients: [{name: Postitus Oy}]
    transfers: []
    notes: |-
      Ensimmäinen kappale.

      Tietoja käsitellään henkilötietolain mukaan.
dates: {created: 2024-01-01}
"""
    findings = lint_data(tmp_path, text)
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"L107", "L120"}
    assert (by_code["L107"].line, by_code["L107"].col) == (13, 22)
    assert by_code["L107"].path.endswith("registry.yaml")
    # The phrase itself, inside a block text, not just the start of the text.
    assert (by_code["L120"].line, by_code["L120"].col) == (23, 27)
    assert (
        by_code["L120"]
        .one_line()
        .endswith(
            "registry.yaml:23:27: L120 registers[0].notes: 'henkilötietolain' refers to the "
            "Personal Data Act (henkilötietolaki 523/1999), repealed on 1.1.2019"
        )
    )
    assert "tietosuojalaki 1050/2018" in by_code["L120"].fix


def test_missing_item_points_at_its_register(tmp_path):
    data = changed(lambda d: reg(d).pop("retention"))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (finding,) = lint_data(tmp_path, text)
    line = text.splitlines().index("registers:") + 2
    assert (finding.code, finding.line, finding.col) == ("L108", line, 3)
    assert "register 'Asiakasrekisteri'" in finding.message


def test_default_severities(tmp_path):
    findings = lint_data(
        tmp_path, changed(lambda d: (d["controller"].pop("business_id"), d.pop("dates")))
    )
    assert {f.code: f.severity for f in findings} == {
        "L102": Severity.warning,
        "L143": Severity.warning,
    }
    assert rule_infos()["L120"].severity is Severity.error
    assert rule_infos()["L127"].severity is Severity.info


def test_severity_override_in_registry(tmp_path):
    data = changed(lambda d: d["controller"].pop("business_id"))
    data["lint"] = {"severity": {"L102": "error"}}
    (finding,) = lint_data(tmp_path, data)
    assert (finding.code, finding.severity) == ("L102", Severity.error)


def test_severity_override_from_site_config_wins(tmp_path):
    data = changed(lambda d: d["controller"].pop("business_id"))
    data["lint"] = {"severity": {"L102": "error"}}
    (finding,) = lint_data(tmp_path, data, config={"severity": {"L102": "info"}})
    assert finding.severity is Severity.info


def test_ignore_with_reason_switches_a_rule_off(tmp_path):
    data = changed(lambda d: d["controller"].update(name="Oliver Kuisma"))
    data["lint"] = {"ignore": [{"code": "L104", "reason": "Toiminimi: the name is registered"}]}
    assert lint_data(tmp_path, data) == []


def test_ignore_needs_a_reason(tmp_path):
    from seloste.findings import SelosteError

    data = changed(lambda d: None)
    data["lint"] = {"ignore": [{"code": "L104"}]}
    with pytest.raises(SelosteError, match="reason"):
        lint_data(tmp_path, data)


def test_unknown_code_in_settings_is_reported(tmp_path):
    data = changed(lambda d: None)
    data["lint"] = {
        "ignore": [{"code": "L999", "reason": "typo"}, {"code": "T102", "reason": "audit code"}],
        "severity": {"L998": "info"},
    }
    findings = lint_data(tmp_path, data)
    assert [(f.code, f.data["code"]) for f in findings] == [("L100", "L999"), ("L100", "L998")]
    assert all(f.line for f in findings)


def test_consent_rules_follow_the_services(tmp_path):
    # No consent-requiring service and no consent purpose: nothing to withdraw.
    data = changed(lambda d: (d.update(services=[]), reg(d)["purposes"].pop(1)))
    assert lint_data(tmp_path, data) == []
    # A necessary-only service (reCAPTCHA is 'necessary') needs no consent either.
    data["services"] = [{"id": "recaptcha"}]
    assert "L131" not in codes(lint_data(tmp_path, data))
    # A marketing cookie of the site's own needs consent.
    data["services"] = []
    data["cookies"] = [{"name": "promo", "category": "marketing"}]
    assert "L131" in codes(lint_data(tmp_path, data))


def test_legitimate_interest_with_trackers_but_no_tracking_words(tmp_path):
    """Ads declared, every purpose on legitimate interest: flagged even without keywords."""

    def change(d):
        reg(d)["purposes"] = [
            {
                "description": {"fi": "Asiakassuhde", "en": "Customer relationship"},
                "legal_basis": "legitimate_interests",
                "legitimate_interest": {"fi": "Asiakkuus", "en": "Customer"},
            }
        ]
        d["services"] = [{"id": "google-analytics"}]

    found = lint_data(tmp_path, changed(change))
    l130 = [f for f in found if f.code == "L130"]
    assert len(l130) == 1 and "Google Analytics" in l130[0].message
    assert "L131" in codes(found)


def test_transfer_says_nothing_vs_says_none(tmp_path):
    none = lint_data(tmp_path, changed(lambda d: reg(d).update(transfers=[])))
    assert "says there are no transfers" in next(f for f in none if f.code == "L132").message
    unsaid = lint_data(tmp_path, changed(lambda d: reg(d).pop("transfers")))
    l132 = next(f for f in unsaid if f.code == "L132")
    assert "does not list" in l132.message
    assert "mechanism: dpf" in l132.fix


def test_transfer_finding_names_the_service_as_the_registry_does(tmp_path):
    """L132 speaks of the service by the registry's `name:` (the declared view's), the name
    the notices show, not the catalogue's."""

    def change(d: dict) -> None:
        reg(d).pop("transfers")
        d["services"][0]["name"] = {"fi": "Sivustoanalytiikka", "en": "Site analytics"}

    l132 = next(f for f in lint_data(tmp_path, changed(change)) if f.code == "L132")
    assert l132.message.startswith("Site analytics sends data to United States (Google LLC)")


def test_transfer_needs_the_recipient_not_only_the_country(tmp_path):
    named = changed(lambda d: reg(d)["transfers"][0].update(recipient="Google", country="USA"))
    assert lint_data(tmp_path, named) == []
    anonymous = changed(
        lambda d: reg(d)["transfers"][0].update(recipient="Analytiikka", country="USA")
    )
    (finding,) = lint_data(tmp_path, anonymous)
    assert finding.code == "L132"
    assert "the transfers to United States name other recipients (Analytiikka)" in finding.message


def test_transfer_to_the_provider_but_another_country(tmp_path):
    data = changed(
        lambda d: reg(d)["transfers"][0].update(country={"fi": "Irlanti", "en": "Ireland"})
    )
    (finding,) = lint_data(tmp_path, data)
    assert finding.code == "L132"
    assert "names 'Irlanti', not United States" in finding.message


def test_transfer_covers_only_its_own_provider(tmp_path):
    """A US transfer for Google covers YouTube (Google too), not TikTok, Meta or LinkedIn."""

    def change(d):
        reg(d)["transfers"] = [
            {
                "recipient": "Google LLC (Google Analytics)",
                "country": "US",
                "mechanism": "dpf",
            }
        ]
        d["services"] = [
            {"id": service}
            for service in ("google-analytics", "tiktok-pixel", "youtube", "meta-pixel")
        ] + [{"id": "linkedin-insight"}]

    found = [f for f in lint_data(tmp_path, changed(change)) if f.code == "L132"]
    assert {f.data["service"] for f in found} == {"tiktok-pixel", "meta-pixel", "linkedin-insight"}


def test_demo_registry_transfers_cover_its_services():
    demo = Path(__file__).resolve().parent.parent / "data" / "registry.yaml"
    assert [f for f in lint(load_registry(demo)) if f.code == "L132"] == []


def suggested_item(finding) -> dict:
    match = re.search(r"an item `(\{.*\})`", finding.fix)
    assert match, finding.fix
    return yaml.safe_load(match.group(1))


def suggested_items(finding) -> list[dict]:
    """Every item a fix suggests: one (`an item `{…}``) or several (`the items `{…}`; `{…}``)."""
    items = re.findall(r"`(\{recipient:[^`]*\})`", finding.fix)
    assert items, finding.fix
    return [yaml.safe_load(item) for item in items]


TRANSFERRING = sorted(i for i, info in catalog.services().items() if info.transfer)


@pytest.mark.parametrize("service", TRANSFERRING)
def test_suggested_transfer_item_fixes_the_finding(tmp_path, service):
    data = changed(lambda d: (reg(d).update(transfers=[]), d.update(services=[{"id": service}])))
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L132"]
    items = suggested_items(finding)
    assert len(items) == len(catalog.service(service).transfers)  # TikTok: US, CN, SG, MY
    for item in items:
        assert set(item["country"]) == {"fi", "en"}  # the registry's languages, not a code
        assert item["country"]["fi"] != catalog.service(service).transfer.country
        assert "Ireland" not in item["recipient"]  # the EU entity does not receive it
    reg(data)["transfers"] = items
    assert "L132" not in codes(lint_data(tmp_path, data))


def test_suggested_transfer_names_the_us_company_in_the_notice_languages(tmp_path):
    data = changed(lambda d: reg(d).update(transfers=[]))
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L132"]
    assert suggested_item(finding) == {
        "recipient": "Google LLC (Google Analytics)",
        "country": {"fi": "Yhdysvallat", "en": "United States"},
        "mechanism": "dpf",
    }
    data["services"] = [{"id": "meta-pixel"}]
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L132"]
    assert suggested_item(finding)["recipient"] == "Meta Platforms, Inc. (Meta Pixel)"
    # A Finnish-only notice gets the Finnish country name only.
    text = yaml.safe_dump(
        changed(lambda d: (d.update(languages=["fi"]), reg(d).update(transfers=[])))
    )
    (finding,) = [f for f in lint(load_registry(write(tmp_path, text), ["fi"])) if f.code == "L132"]
    assert suggested_item(finding)["country"] == {"fi": "Yhdysvallat"}


def test_business_id_fix_is_a_valid_y_tunnus(tmp_path):
    (finding,) = lint_data(tmp_path, changed(lambda d: d["controller"].pop("business_id")))
    (example,) = re.findall(r"\d{7}-\d", finding.fix)
    assert is_valid_business_id(example)
    assert "your own Y-tunnus" in finding.fix and "ytj.fi" in finding.fix


def test_custom_service_without_provider_or_privacy_url(tmp_path):
    custom = {"id": "chat-widget", "name": "Chat", "hosts": ["chat.example.com"]}
    data = changed(lambda d: d["services"].append(custom))
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L134"]
    assert "cannot name who receives the data" in finding.message
    assert "privacy_url" in finding.message and finding.data["service"] == "chat-widget"
    custom["provider"] = "Chat Oy"
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L134"]
    assert "provider" not in finding.message.replace("provider's", "")
    custom["privacy_url"] = "https://chat.example.com/privacy"
    assert "L134" not in codes(lint_data(tmp_path, data))


def test_email_domain_of_contact_people_when_the_controller_has_none(tmp_path):
    def change(d):
        d["controller"].pop("email")
        d["controller"].pop("website")
        d["rights"]["how_to_exercise"] = {
            "fi": "Pyynnöt osoitteeseen kauppa@kesto-osat.fi",
            "en": "Requests to kauppa@kesto-osat.fi",
        }

    findings = [f for f in lint_data(tmp_path, changed(change)) if f.code == "L140"]
    assert {f.data["domain"] for f in findings} == {"kesto-osat.fi"}
    assert "esimerkki.fi" in findings[0].message


def test_authority_address_in_text_is_not_a_foreign_domain(tmp_path):
    data = changed(
        set_text("notes", "Valitukset: tietosuoja@om.fi", "Complaints: tietosuoja@om.fi")
    )
    assert lint_data(tmp_path, data) == []


@pytest.mark.parametrize(
    ("fi", "en", "problem"),
    [
        ("Yksi.\n\nKaksi.\n\nKolme.", "One.", "paragraphs"),
        ("Tämä teksti on vain suomeksi, eikä sitä ole käännetty.", None, "not translated"),
        (
            "Pitkä teksti, jossa on monta sanaa ja useita lauseita, jotka puuttuvat toisesta "
            "kieliversiosta kokonaan, koska niitä ei ole käännetty.",
            "Short text.",
            "untranslated",
        ),
    ],
)
def test_translation_structure(tmp_path, fi, en, problem):
    data = changed(set_text("notes", fi, en if en is not None else fi))
    (finding,) = lint_data(tmp_path, data)
    assert finding.code == "L141" and problem in finding.message


def test_single_language_site_skips_language_comparison(tmp_path):
    text = yaml.safe_dump(changed(lambda d: d.update(languages=["fi"])), allow_unicode=True)
    assert lint(load_registry(write(tmp_path, text), ["fi"])) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "Käyttämällä sivustoa hyväksyt evästeet.",
        "By continuing to browse you accept cookies.",
        "By using this site you consent to our use of cookies.",
        "Hyväksyt evästeiden käytön jatkamalla sivuston selaamista.",
        "You accept cookies by continuing to use the site.",
        "Jatkamalla sivuston käyttöä hyväksyt evästeet.",
        "If you continue to use this site we will assume that you are happy with it.",
    ],
)
def test_implied_consent_variants(tmp_path, phrase):
    data = changed(set_text("notes", phrase, phrase))
    assert "L122" in codes(lint_data(tmp_path, data))


@pytest.mark.parametrize(
    "phrase",
    [
        "Please check this page regularly for changes.",
        "Check this page regularly for updates.",
        "Tarkista tämä sivu säännöllisesti muutosten varalta.",
        "Suosittelemme, että käytte säännöllisesti sivuillamme ja huomioitte muutokset.",
    ],
)
def test_check_regularly_variants(tmp_path, phrase):
    data = changed(set_text("notes", phrase, phrase))
    assert "L125" in codes(lint_data(tmp_path, data))


@pytest.mark.parametrize(
    "harmless",
    [
        "Henkilötietolainsäädäntö muuttui vuonna 2018.",  # legislation in general
        "Arvioimme säilyttämisen tarpeellisuutta säännöllisesti.",  # regularly, no changes
        "Selaimen asetuksista voit valita kielen.",  # browser settings, not about cookies
        "Lähetämme suoramarkkinointia oikeutetun edun perusteella.",
        "Voit hyväksyä tai hylätä evästeet käyttämällä evästeasetuksia.",
        "You can withdraw your consent by using the Cookie settings link.",
        "Päivitämme selostetta säännöllisesti lainsäädännön muutosten vuoksi.",
        "We review this notice regularly and record every change below.",
        "Emme kerää henkilötietoja ilman suostumustasi.",
        "We do not collect personal data without your consent.",
    ],
)
def test_harmless_wording_is_not_flagged(tmp_path, harmless):
    data = changed(set_text("notes", harmless, harmless))
    assert codes(lint_data(tmp_path, data)) <= {"L141"}


def test_ignore_for_one_field_or_one_service(tmp_path):
    def change(d):
        reg(d)["notes"] = {"fi": "<p>Teksti</p>", "en": "<p>Text</p>"}
        d["rights"]["how_to_exercise"] = {"fi": "<b>Sähköpostilla</b>", "en": "<b>By e-mail</b>"}
        reg(d)["transfers"] = []
        d["services"].append({"id": "meta-pixel"})

    data = changed(change)
    data["lint"] = {
        "ignore": [
            {"code": "L126:registers[0].notes", "reason": "kept as published"},
            {"code": "l132:Meta-Pixel", "reason": "pixel removed next week"},
        ]
    }
    found = lint_data(tmp_path, data)
    assert {tuple(f.data["path"][:2]) for f in found if f.code == "L126"} == {
        ("rights", "how_to_exercise")
    }
    assert {f.data["service"] for f in found if f.code == "L132"} == {"google-analytics"}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_code_is_documented(lang):
    import re

    page = Path(__file__).parent.parent / "docs" / lang / "codes-lint.md"
    documented = re.findall(
        r"^## (L\d{3}) .* \{#(L\d{3})\}$", page.read_text(encoding="utf-8"), re.M
    )
    assert all(a == b for a, b in documented)
    assert [a for a, _ in documented] == sorted(rule_infos())


def test_position_never_taken_from_another_file(tmp_path):
    """Under MkDocs the shown path is relative to mkdocs.yml; another file there is not used."""
    text = "\n".join(
        [
            "languages: [fi]",
            "controller: {name: Esimerkki Oy, business_id: 1572860-0, email: a@esimerkki.fi,",
            "  address: {street: Katu 1, postal_code: '00100', city: Helsinki}}",
            "dates: {created: 2024-01-01}",
            "registers:",
            "  - name: Asiakkaat",
            "    purposes: [{description: Asiakkuus, legal_basis: contract}]",
            "    retention: Vuosi",
            "    provision: {required: voluntary, consequences: Ei mitään}",
            "    automated_decisions: {used: false}",
            "    sources: [{description: Asiakas}]",
            "    recipients: [{name: Posti}]",
            "    transfers: []",
            "    notes: |-",
            "      Käsittely henkilötietolain mukaan.",
        ]
    )
    real = tmp_path / "real.yaml"
    real.write_text(text, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("\n" * 30 + "x: henkilötietolain\n" + text, encoding="utf-8")
    loaded = load_registry(real, display_path=str(other))
    (finding,) = lint(loaded)
    # The phrase in real.yaml when the loader keeps the text, else the text's own start.
    expected = 15 if getattr(loaded, "source", None) else 14
    assert (finding.code, finding.line) == ("L120", expected)
    (finding,) = lint(load_registry(real))
    assert (finding.code, finding.line, finding.col) == ("L120", 15, 17)


def test_prose_written_once_in_a_bilingual_registry(tmp_path):
    def change(d):
        reg(d)["retention"] = "Asiakkuuden ajan"
        reg(d)["data_categories"].append("Puhelinnumero")
        d["rights"]["notes"] = {"access": "Pyydä sähköpostilla"}
        reg(d)["recipients"][0]["name"] = "Posti Oy"  # a name: the same in every language

    found = [f for f in lint_data(tmp_path, changed(change)) if f.code == "L141"]
    assert sorted(tuple(f.data["path"]) for f in found) == [
        ("registers", 0, "data_categories", 1),
        ("registers", 0, "retention"),
        ("rights", "notes", "access"),
    ]
    assert "the en page shows it untranslated" in found[0].message


PHRASES = [
    "henkilötietolain",
    "Kun käytät verkkosivua, hyväksyt evästeet",
    "selaimesi asetuksista evästeet",
    "Ratapihantie 9",
    "<p>",
    "Google Adwords",
    "kauppa@kesto-osat.fi",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.sampled_from(["Teksti", "on", "tässä", "ja", "toinen", "lause.", *PHRASES]),
        min_size=1,
        max_size=40,
    ),
    width=st.integers(min_value=20, max_value=90),
)
def test_text_findings_always_point_inside_their_text(tmp_path, words, width):
    """Whatever the wording and wrapping, a phrase finding lands on a line of its own text."""
    import textwrap

    body = textwrap.wrap(" ".join(words), width) or ["x"]
    data = changed(lambda d: None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text += "unsorted:\n  - |-\n" + "".join(f"    {line}\n" for line in body)
    path = write(tmp_path, text)
    total = len(text.splitlines())
    first = total - len(body) + 1
    for finding in lint(load_registry(path, ["fi"])):
        if finding.data.get("path", [None])[0] != "unsorted":
            continue
        assert first - 1 <= finding.line <= total, finding.one_line()
        assert 1 <= finding.col <= len(text.splitlines()[finding.line - 1]) + 1


def test_duplicate_service_names_the_first_line(tmp_path):
    data = changed(lambda d: d["services"].append(dict(d["services"][0])))
    (finding,) = [f for f in lint_data(tmp_path, data) if f.code == "L135"]
    assert "is declared twice (first at line" in finding.message
    assert finding.line is not None and "merge the two" in finding.fix
