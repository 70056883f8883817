"""Registry loading and validation: every message names file:line:col, the field and the fix."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from seloste.findings import SelosteError
from seloste.registry import load_registry, parse_registry, text_in
from seloste.registry.model import is_valid_business_id

FILE = "data/registry.yaml"

BASE = """\
controller:
  name: Testi Oy
  business_id: "1572860-0"
  email: info@testi.fi
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
    purposes:
      - description: {fi: Asiakassuhde, en: Customer relationship}
        legal_basis: contract
"""


def y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def errors(text: str, languages: list[str] | None = None) -> list[str]:
    """The one-line messages parse_registry raises for ``text`` (fails if it does not raise)."""
    with pytest.raises(SelosteError) as info:
        parse_registry(text, FILE, languages)
    return [f.one_line() for f in info.value.findings]


def only_error(text: str, languages: list[str] | None = None) -> str:
    found = errors(text, languages)
    assert len(found) == 1, found
    return found[0]


def fixes(text: str) -> list[str | None]:
    with pytest.raises(SelosteError) as info:
        parse_registry(text, FILE)
    return [f.fix for f in info.value.findings]


# --- valid files --------------------------------------------------------------------------


def test_minimal_registry_loads_with_positions():
    loaded = parse_registry(BASE, FILE)
    assert loaded.registry.controller.name == "Testi Oy"
    assert loaded.languages == ["fi", "en"]
    assert loaded.path == FILE
    purpose = loaded.registry.registers[0].purposes[0]
    assert purpose.legal_basis.value == "contract"
    assert text_in(purpose.description, "en") == "Customer relationship"
    assert loaded.where(("registers", 0, "purposes", 0, "legal_basis")).line == 9
    assert loaded.where(("controller", "email")).col == 10


def test_scalars_stay_as_written():
    """YAML 1.1 would turn these into an int, an octal number, false and a crash."""
    loaded = parse_registry(
        y("""
        controller:
          name: Testi Oy
          phone: +358501234567
          address: {street: PL 800, postal_code: 00530, city: Helsinki, country: NO}
        registers:
          - name: Rekisteri
            automated_decisions: {used: no}
        dates: {created: 2021-03-09}
        """),
        FILE,
    )
    controller = loaded.registry.controller
    assert controller.phone == "+358501234567"
    assert controller.address.postal_code == "00530"
    assert controller.address.country == "NO"
    assert loaded.registry.registers[0].automated_decisions.used is False
    assert loaded.registry.dates.created == dt.date(2021, 3, 9)


def test_languages_from_site_win_over_registry():
    text = "languages: [fi]\n" + BASE.replace(
        "{fi: Asiakasrekisteri, en: Customer register}", "{fi: A}"
    )
    assert parse_registry(
        text.replace("{fi: Asiakassuhde, en: Customer relationship}", "{fi: B}"), FILE
    ).languages == ["fi"]
    assert "R109" in errors(text, ["fi", "en"])[0]


def test_plain_text_serves_every_language():
    text = BASE.replace("{fi: Asiakasrekisteri, en: Customer register}", "Asiakasrekisteri")
    text = text.replace("{fi: Asiakassuhde, en: Customer relationship}", "{fi: a, en: b, sv: c}")
    loaded = parse_registry(text, FILE, ["fi", "en", "sv"])
    assert text_in(loaded.registry.registers[0].name, "sv") == "Asiakasrekisteri"
    assert loaded.languages == ["fi", "en", "sv"]


def test_aliases_are_allowed():
    text = BASE.replace(
        "{fi: Asiakassuhde, en: Customer relationship}",
        "&d {fi: Asiakassuhde, en: Customer relationship}",
    )
    text += "      - description: *d\n        legal_basis: consent\n"
    loaded = parse_registry(text, FILE)
    assert len(loaded.registry.registers[0].purposes) == 2


def test_comments_and_byte_order_mark(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_bytes("\ufeff# yaml-language-server: $schema=x.json\n".encode() + BASE.encode())
    assert load_registry(path).registry.controller.name == "Testi Oy"


# --- unknown keys ----------------------------------------------------------------------------


def test_unknown_key_at_top_level():
    found = errors(BASE + "dpo:\n  name: Susanna\nregisterz: []\n")
    assert found == [
        "data/registry.yaml:12:1: R103 registerz: unknown key 'registerz'; did you mean 'registers'?"
    ]


def test_unknown_key_in_mapping():
    text = BASE + "dpo:\n  name: Susanna Sole\n  emial: s@kespet.fi\n"
    assert only_error(text) == (
        "data/registry.yaml:12:3: R103 dpo.emial: unknown key 'emial'; did you mean 'email'?"
    )
    assert fixes(text) == ["rename it to 'email'"]


def test_unknown_key_inside_lists():
    text = (
        BASE
        + "      - description: {fi: Uutiskirje, en: Newsletter}\n        legal_bsis: consent\n"
    )
    assert only_error(text) == (
        "data/registry.yaml:11:9: R103 registers[0].purposes[1].legal_bsis: unknown key "
        "'legal_bsis'; did you mean 'legal_basis'?"
    )


def test_unknown_key_without_a_close_match_lists_the_allowed():
    message = only_error(BASE + "dates:\n  julkaistu: 2021-03-09\n")
    assert message.startswith(
        "data/registry.yaml:11:3: R103 dates.julkaistu: unknown key 'julkaistu'; "
    )
    assert "allowed here: created, updated, version" in message


def test_unknown_right_in_rights_notes():
    message = only_error(BASE + "rights:\n  notes:\n    acces: {fi: a, en: b}\n")
    assert message == (
        "data/registry.yaml:12:5: R103 rights.notes.acces: unknown key 'acces'; "
        "did you mean 'access'?"
    )


# --- duplicate keys --------------------------------------------------------------------------


def test_duplicate_top_level_key():
    assert only_error(BASE + "controller:\n  name: Y\n") == (
        "data/registry.yaml:10:1: R102 duplicate key 'controller' (first at line 1); YAML would "
        "silently keep only the last one"
    )


def test_duplicate_nested_key_inside_a_list():
    text = BASE + "        legal_basis: consent\n"
    assert only_error(text) == (
        "data/registry.yaml:10:9: R102 duplicate key 'legal_basis' (first at line 9); YAML "
        "would silently keep only the last one"
    )


def test_duplicate_language_in_flow_mapping():
    text = BASE.replace("{fi: Asiakasrekisteri, en: Customer register}", "{fi: A, fi: B}")
    assert only_error(text).startswith(
        "data/registry.yaml:6:19: R102 duplicate key 'fi' (first at line 6)"
    )


# --- syntax errors -----------------------------------------------------------------------


def test_tab_indentation():
    assert only_error("controller:\n\tname: X\n") == (
        "data/registry.yaml:2:1: R101 YAML syntax error: a tab character; YAML indents with "
        "spaces only"
    )


def test_line_indented_too_far():
    message = only_error("controller:\n  name: X\n   email: y@x.fi\n")
    assert message.startswith(
        "data/registry.yaml:3:9: R101 YAML syntax error: a ':' that YAML cannot place"
    )


def test_line_indented_too_little():
    message = only_error("controller:\n  name: X\n email: y@x.fi\n")
    assert message == (
        "data/registry.yaml:3:2: R101 YAML syntax error: the indentation of this line does not "
        "match the lines above (the block starts at line 1)"
    )


def test_list_item_misaligned():
    message = only_error("registers:\n- name: a\n  - x\n")
    assert message.startswith("data/registry.yaml:3:3: R101 YAML syntax error: the indentation")


def test_colon_in_unquoted_text():
    message = only_error("controller:\n  name: Kespet: Oy\n")
    assert message.startswith("data/registry.yaml:2:15: R101 YAML syntax error: a ':'")
    assert 'quote the text (name: "Kespet: Oy")' in fixes("controller:\n  name: Kespet: Oy\n")[0]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_points_at_the_opening_quote(quote):
    text = f"controller:\n  name: {quote}Kespet Oy\n  email: a@b.fi\n"
    assert only_error(text) == (
        "data/registry.yaml:2:9: R101 YAML syntax error: the quote that starts here is never closed"
    )


def test_unclosed_bracket():
    assert only_error("languages: [fi, en\ncontroller:\n  name: x\n") == (
        "data/registry.yaml:1:12: R101 YAML syntax error: a list started with '[' on line 1 is "
        "never closed with ']' (the text breaks off at line 2, column 11)"
    )


def test_unclosed_brace():
    assert only_error("registers:\n  - name: {fi: a, en: b\n    purposes: []\n") == (
        "data/registry.yaml:2:11: R101 YAML syntax error: a mapping started with '{' on line 2 is "
        "never closed with '}' (the text breaks off at line 3, column 13)"
    )


@pytest.mark.parametrize("end", ["[fi, en,\n", "[\n", "[fi,", "{fi: a, en:", "{\n"])
def test_unclosed_bracket_at_the_end_of_the_file(end):
    """PyYAML says only "expected the node content, but found '<stream end>'" here."""
    bracket, closer, what = ("[", "]", "a list") if end[0] == "[" else ("{", "}", "a mapping")
    text = BASE.replace("  email: info@testi.fi\n", "") + "languages: " + end
    with pytest.raises(SelosteError) as info:
        parse_registry(text, FILE)
    (finding,) = info.value.findings
    assert finding.one_line() == (
        f"data/registry.yaml:9:12: R101 YAML syntax error: {what} started with "
        f"'{bracket}' on line 9 is never closed with '{closer}' (the file ends before it)"
    )
    assert finding.fix.startswith(f"close it with '{closer}' on the same line")
    assert "<stream end>" not in finding.message


def test_two_documents():
    assert only_error(BASE + "---\nx: 1\n").startswith(
        "data/registry.yaml:10:1: R101 YAML syntax error: the file holds more than one document"
    )


def test_control_character():
    assert only_error("controller:\n  name: Ke\x00spet\n") == (
        "data/registry.yaml:2:11: R101 YAML syntax error: the file contains U+0000, a character "
        "YAML does not allow"
    )


def test_merge_keys_and_complex_keys_are_refused():
    assert "merge keys" in only_error("a: &a {x: 1}\nb:\n  <<: *a\n")
    assert "a key must be a word" in only_error("? [a, b]\n: c\n")


def test_recursive_alias_and_alias_bombs_stop():
    assert "R101" in only_error("a: &a [*a]\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    assert "more than 200000 values" in only_error(bomb)


def test_deep_nesting_is_a_message_not_a_crash():
    assert "nested too deeply" in only_error("a: " + "[" * 5000 + "]" * 5000 + "\n")


# --- wrong types ---------------------------------------------------------------------------


def test_list_expected():
    text = BASE + "    data_categories: Nimi, osoite\n"
    assert only_error(text) == (
        "data/registry.yaml:10:22: R108 registers[0].data_categories: expected a list (lines "
        "starting with '- '), got 'Nimi, osoite'"
    )


def test_mapping_expected_names_the_keys():
    text = BASE.replace("  email: info@testi.fi\n", "  address: Misukantie 3, Vaajakoski\n")
    assert only_error(text) == (
        "data/registry.yaml:4:12: R108 controller.address: expected a mapping of keys (street, "
        "postal_code, city, country), got 'Misukantie 3, Vaajakoski'"
    )


def test_registers_as_mapping():
    text = "controller: {name: X}\nregisters:\n  name: Rekisteri\n"
    assert only_error(text) == (
        "data/registry.yaml:3:3: R108 registers: expected a list (lines starting with '- '), "
        "got a mapping"
    )


def test_text_expected():
    text = BASE.replace("{fi: Asiakasrekisteri, en: Customer register}", "[Asiakasrekisteri]")
    assert only_error(text) == (
        "data/registry.yaml:6:11: R108 registers[0].name: expected a text or {fi: …, en: …}, "
        "got a list"
    )


def test_text_inside_language_must_be_text():
    text = BASE.replace("{fi: Asiakasrekisteri, en: Customer register}", "{fi: [a], en: b}")
    assert only_error(text) == (
        "data/registry.yaml:6:16: R108 registers[0].name.fi: expected a text, got a list"
    )


def test_boolean_expected():
    assert only_error(BASE + "    automated_decisions:\n      used: ei\n") == (
        "data/registry.yaml:11:13: R108 registers[0].automated_decisions.used: expected true or "
        "false, got 'ei'"
    )


def test_empty_registers_list():
    assert only_error("controller: {name: X}\nregisters: []\n") == (
        "data/registry.yaml:2:12: R108 registers: the list is empty; add at least one register "
        "(see the registry page)"
    )
    assert fixes("controller: {name: X}\nregisters: []\n")[0].startswith(
        "write one register under `registers:`, starting with `- name: …`"
    )


def test_section_left_empty():
    assert only_error(
        BASE.replace(
            'controller:\n  name: Testi Oy\n  business_id: "1572860-0"\n  email: info@testi.fi\n',
            "controller:\n",
        )
    ) == (
        "data/registry.yaml:1:1: R108 controller: expected a mapping of keys (name, "
        "business_id, address, email, phone, website), got nothing"
    )


# --- values: enums, dates, e-mail, Y-tunnus -------------------------------------------------


def test_legal_basis_not_in_the_list_suggests_the_finnish_meaning():
    text = BASE.replace("legal_basis: contract", "legal_basis: oikeutettu")
    assert only_error(text) == (
        "data/registry.yaml:9:22: R105 registers[0].purposes[0].legal_basis: 'oikeutettu' is not "
        "one of consent, contract, legal_obligation, vital_interests, public_task, "
        "legitimate_interests; did you mean 'legitimate_interests' (oikeutettu etu)?"
    )
    assert fixes(text) == ["write `legal_basis: legitimate_interests`"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("suostumus", "consent"),
        ("Sopimus", "contract"),
        ("lakisääteinen velvoite", "legal_obligation"),
        ("legitimate interest", "legitimate_interests"),
    ],
)
def test_finnish_legal_bases_are_recognised(written, meant):
    assert f"did you mean '{meant}'" in only_error(
        BASE.replace("legal_basis: contract", f"legal_basis: {written}")
    )


def test_literal_values():
    text = BASE + "    provision: {required: pakollinen, consequences: x}\n"
    message = only_error(text)
    assert message.startswith(
        "data/registry.yaml:10:27: R105 registers[0].provision.required: 'pakollinen' is not one "
        "of statutory, contractual, contract_prerequisite, voluntary"
    )


def test_finnish_date_gets_the_iso_form():
    text = BASE + "dates:\n  created: 9.3.2021\n"
    assert only_error(text) == (
        "data/registry.yaml:11:12: R106 dates.created: '9.3.2021' is not a date in the form "
        "YYYY-MM-DD"
    )
    assert fixes(text) == ["write 2021-03-09 (year-month-day)"]


def test_impossible_date_and_changelog_date():
    found = errors(
        BASE + "dates:\n  updated: 2021-13-01\nchangelog:\n  - date: eilen\n    change: x\n"
    )
    assert found == [
        "data/registry.yaml:11:12: R106 dates.updated: '2021-13-01' is not a date in the form YYYY-MM-DD",
        "data/registry.yaml:13:11: R106 changelog[0].date: 'eilen' is not a date in the form YYYY-MM-DD",
    ]


@pytest.mark.parametrize(
    "address", ["info(at)testi.fi", "info@testi", "Testi <info@testi.fi>", "info @testi.fi"]
)
def test_bad_email(address):
    text = BASE.replace("email: info@testi.fi", f'email: "{address}"')
    assert only_error(text) == (
        f"data/registry.yaml:4:10: R107 controller.email: '{address}' is not an e-mail address; "
        "write e.g. tietosuoja@example.fi"
    )


def test_bad_email_in_contacts_and_rights():
    found = errors(BASE + "dpo: {email: susanna}\nrights: {contact_email: x@}\n")
    assert [f.split(": R")[1][:3] for f in found] == ["107", "107"]
    assert found[0].startswith("data/registry.yaml:10:14: R107 dpo.email:")
    assert found[1].startswith("data/registry.yaml:11:25: R107 rights.contact_email:")


def test_business_id_format():
    text = BASE.replace('"1572860-0"', "15728600")
    assert only_error(text) == (
        "data/registry.yaml:3:16: R111 controller.business_id: '15728600' is not a Y-tunnus: "
        "write seven digits, a hyphen and the check digit, e.g. '1572860-0' (find yours at ytj.fi)"
    )


def test_business_id_check_digit():
    text = BASE.replace('"1572860-0"', "1572860-1")
    assert only_error(text) == (
        "data/registry.yaml:3:16: R111 controller.business_id: '1572860-1' is not a valid "
        "Y-tunnus: its check digit does not match (a typo?); copy it from ytj.fi"
    )


def test_business_id_check_digit_rule():
    assert is_valid_business_id("0112038-9")  # Nokia Oyj
    assert is_valid_business_id("1572860-0")
    assert not is_valid_business_id("0112038-8")
    assert not is_valid_business_id("112038-9")
    assert not is_valid_business_id("3141592-0")  # remainder 1: never issued


# --- languages -------------------------------------------------------------------------------


def test_text_missing_a_language_the_site_builds():
    found = errors(BASE, ["fi", "en", "sv"])
    assert found == [
        "data/registry.yaml:6:11: R109 registers[0].name: text has no sv version (has fi, en; "
        "the site is built in fi, en, sv)",
        "data/registry.yaml:8:22: R109 registers[0].purposes[0].description: text has no sv "
        "version (has fi, en; the site is built in fi, en, sv)",
    ]


def test_empty_translation_counts_as_missing():
    text = BASE.replace(
        "{fi: Asiakassuhde, en: Customer relationship}", '{fi: Asiakassuhde, en: ""}'
    )
    assert only_error(text) == (
        "data/registry.yaml:8:22: R109 registers[0].purposes[0].description: text has no en "
        "version (has fi; the site is built in fi, en)"
    )


def test_misspelt_language_code():
    text = BASE.replace("en: Customer register", "em: Customer register")
    assert errors(text) == [
        "data/registry.yaml:6:11: R109 registers[0].name: text has no en version (has fi, em; "
        "the site is built in fi, en)",
        "data/registry.yaml:6:34: R112 registers[0].name.em: 'em' is not a language code; did "
        "you mean 'en'?",
    ]


def test_three_letter_code_is_suggested_as_a_rename():
    text = BASE.replace("en: Customer register", "eng: Customer register")
    assert only_error(text).endswith("rename 'eng' to 'en'?")


def test_unknown_language_in_languages_list():
    assert only_error("languages: [fi, english]\n" + BASE) == (
        "data/registry.yaml:1:17: R112 languages: 'english' is not a language code; write two "
        "letters such as fi, en, sv"
    )


# --- whole-file problems ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text):
    assert only_error(text) == "data/registry.yaml:1:1: R114 the registry file is empty"


def test_file_that_is_a_list():
    assert only_error("- controller: x\n- registers: []\n") == (
        "data/registry.yaml:1:1: R114 the registry is a list (lines starting with '- '), not a "
        "mapping of keys"
    )


def test_file_that_is_one_text():
    assert "R114 the registry is a single text ('Kespet Oy')" in only_error("Kespet Oy\n")


def test_missing_required_keys():
    assert errors("controller:\n  email: a@b.fi\n") == [
        "data/registry.yaml:1:1: R104 registers: required key 'registers' is missing",
        "data/registry.yaml:2:3: R104 controller.name: required key 'name' is missing",
    ]


def test_missing_required_key_in_list_item():
    message = only_error(BASE + "    transfers:\n      - recipient: Google LLC\n")
    assert message == (
        "data/registry.yaml:11:9: R104 registers[0].transfers[0].country: required key "
        "'country' is missing"
    )


def test_all_problems_together_sorted_by_line():
    text = y("""
        controller:
          name: Testi Oy
          business_id: 1234567-8
          email: info(at)testi.fi
        dpo:
          emial: s@testi.fi
        registers:
          - name: {fi: Rekisteri}
            purposes:
              - description: {fi: Tarkoitus, en: Purpose}
                legal_basis: suostumus
        services:
          - id: google-analytic
        dates:
          created: 9.3.2021
        """)
    found = errors(text)
    assert [f.split(" ")[0] + " " + f.split(" ")[1] for f in found] == [
        "data/registry.yaml:3:16: R111",
        "data/registry.yaml:4:10: R107",
        "data/registry.yaml:6:3: R103",
        "data/registry.yaml:8:11: R109",
        "data/registry.yaml:11:22: R105",
        "data/registry.yaml:13:9: R113",
        "data/registry.yaml:15:12: R106",
    ]


# --- services --------------------------------------------------------------------------------


def test_unknown_service_suggests_the_catalogue_id():
    assert only_error(BASE + "services:\n  - id: google-analytic\n") == (
        "data/registry.yaml:11:9: R113 services[0].id: 'google-analytic' is not in Seloste's "
        "service catalogue; did you mean 'google-analytics'?"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Facebook pixel", "meta-pixel"),
        ("Google Adwords", "google-ads"),
        ("LinkedIn Insight", "linkedin-insight"),
    ],
)
def test_service_names_and_aliases_are_recognised(written, meant):
    assert f"did you mean '{meant}'" in only_error(BASE + f"services:\n  - id: {written}\n")


def test_custom_service_needs_name_and_hosts():
    ok = (
        BASE
        + "services:\n  - id: varaamo\n    name: Varaamo\n    hosts: [widget.varaamo.example]\n"
    )
    assert parse_registry(ok, FILE).registry.services[0].hosts == ["widget.varaamo.example"]
    assert only_error(BASE + "services:\n  - id: varaamo\n    name: Varaamo\n") == (
        "data/registry.yaml:11:9: R113 services[0].id: 'varaamo' is not in the catalogue, and a "
        "custom service needs `hosts:`"
    )
    assert only_error(BASE + "services:\n  - id: varaamo\n").endswith(
        "R113 services[0].id: 'varaamo' is not in Seloste's service catalogue"
    )


def test_catalogue_service_loads():
    loaded = parse_registry(
        BASE + "services:\n  - id: google-analytics\n    ids: [G-ABC123]\n", FILE
    )
    assert loaded.registry.service("google-analytics").ids == ["G-ABC123"]


# --- files -----------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(SelosteError) as info:
        load_registry(tmp_path / "nope.yaml", display_path="data/registry.yaml")
    assert info.value.findings[0].one_line() == "data/registry.yaml: R100 registry file not found"


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(SelosteError) as info:
        load_registry(tmp_path)
    assert "R100 this is a folder, not a registry file" in info.value.findings[0].one_line()


def test_not_utf8(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_bytes(BASE.encode() + "dpo: {name: Sööderström}\n".encode("latin-1"))
    with pytest.raises(SelosteError) as info:
        load_registry(path, display_path=FILE)
    assert info.value.findings[0].one_line() == (
        "data/registry.yaml:10: R100 the file is not UTF-8 text (byte 0xf6 on line 10 is not "
        "valid UTF-8)"
    )


# --- more help with keys ------------------------------------------------------------------


def test_every_duplicate_key_is_reported_at_once():
    text = BASE.replace("  email: info@testi.fi\n", "  email: info@testi.fi\n  name: Toinen Oy\n")
    text += "      - description: {fi: a, en: b, fi: c}\n"
    assert [line.split(" (first")[0] for line in errors(text)] == [
        "data/registry.yaml:5:3: R102 duplicate key 'name'",
        "data/registry.yaml:11:37: R102 duplicate key 'fi'",
    ]


def test_key_indented_one_level_too_deep():
    text = BASE + "        retention: {fi: 6 vuotta, en: 6 years}\n"
    assert only_error(text) == (
        "data/registry.yaml:10:9: R103 registers[0].purposes[0].retention: unknown key "
        "'retention'; 'retention' belongs under registers[0], not here"
    )
    assert fixes(text)[0].startswith("check the indentation")


def test_finnish_key_suggests_the_english_one():
    text = BASE.replace("  email: info@testi.fi\n", "  sähköposti: info@testi.fi\n")
    assert only_error(text) == (
        "data/registry.yaml:4:3: R103 controller.sähköposti: unknown key 'sähköposti'; did you "
        "mean 'email'?"
    )
    assert fixes(text) == ["rename it to 'email' (keys are in English)"]
    assert "did you mean 'retention'" in only_error(BASE + "    säilytysaika: 6 vuotta\n")


def test_loaded_registry_keeps_its_text():
    assert parse_registry(BASE, FILE).source == BASE


def test_empty_values_say_what_to_write():
    text = (
        BASE
        + "    recipients:\n      - name: Posti Oy\n        role:\nchangelog:\n  - date:\n    change: x\n"
    )
    assert errors(text) == [
        "data/registry.yaml:12:9: R105 registers[0].recipients[0].role: is empty; write one of "
        "processor, controller, joint_controller, authority, internal",
        "data/registry.yaml:14:5: R106 changelog[0].date: is empty; write a date in the form "
        "YYYY-MM-DD",
    ]


def test_windows_line_endings():
    loaded = parse_registry(BASE.replace("\n", "\r\n"), FILE)
    assert loaded.where(("registers", 0, "purposes", 0, "legal_basis")).line == 9


def test_every_registry_code_is_documented_in_both_languages():
    root = Path(__file__).resolve().parent.parent
    sources = [*sorted((root / "plugin/seloste/registry").glob("*.py"))]
    sources.append(root / "plugin/seloste/notices/common.py")  # R110: no wording for a language
    sources.append(root / "plugin/seloste/yamlpos.py")  # R101: YAML that cannot be read
    codes = set()
    for source in sources:
        codes |= set(re.findall(r'"(R1\d\d)"', source.read_text(encoding="utf-8")))
    assert {"R100", "R101", "R109", "R113", "R114"} <= codes
    for lang in ("fi", "en"):
        page = (root / "docs" / lang / "registry.md").read_text(encoding="utf-8")
        documented = set(re.findall(r"^### (R1\d\d) .+ \{#\1\}$", page, re.M))
        assert codes <= documented, f"docs/{lang}/registry.md lacks {sorted(codes - documented)}"


# --- empty values and placeholders -----------------------------------------------------------


def test_empty_controller_name_is_an_error():
    """`name: ""` used to pass, and the notice read "miten  käsittelee"."""
    text = BASE.replace("  name: Testi Oy\n", '  name: ""\n')
    assert only_error(text) == (
        "data/registry.yaml:2:9: R104 controller.name: required value is empty"
    )
    assert fixes(text) == ["write `name: …` here: Legal name of the company, e.g. 'Kespet Oy'"]


@pytest.mark.parametrize("blank", ['""', "''", '"   "', "' \t '"])
def test_blank_required_texts_are_errors(blank):
    text = y(f"""
        controller:
          name: Testi Oy
        registers:
          - name: {blank}
            purposes:
              - description: {blank}
        services:
          - id: {blank}
            cookies:
              - name: {blank}
        """)
    assert errors(text) == [
        "data/registry.yaml:4:11: R104 registers[0].name: required value is empty",
        "data/registry.yaml:6:22: R104 registers[0].purposes[0].description: required value "
        "is empty",
        "data/registry.yaml:8:9: R104 services[0].id: required value is empty",
        "data/registry.yaml:10:15: R104 services[0].cookies[0].name: required value is empty",
    ]


def test_null_required_text_reads_the_same_as_an_empty_one():
    text = BASE.replace("  name: Testi Oy\n", "  name:\n")
    assert (
        only_error(text) == "data/registry.yaml:2:3: R104 controller.name: required value is empty"
    )


def test_empty_optional_values_and_list_items():
    text = BASE + '    retention: ""\n    data_subjects: [Asiakkaat, " "]\n'
    assert errors(text) == [
        "data/registry.yaml:10:16: R104 registers[0].retention: is empty",
        "data/registry.yaml:11:32: R104 registers[0].data_subjects[1]: list item is empty",
    ]
    assert fixes(text) == [
        "write `retention: …` (How long the data is kept, or the criteria (Säilytysaika), "
        "Art. 13(2)(a)) or delete the line",
        "write the item's text, or delete the line",
    ]


def test_empty_text_of_a_language_the_site_builds_is_r109():
    text = BASE.replace("{fi: Asiakasrekisteri, en: Customer register}", '{fi: "  ", en: x}')
    assert only_error(text) == (
        "data/registry.yaml:6:11: R109 registers[0].name: text has no fi version (has en; the "
        "site is built in fi, en)"
    )


def test_empty_text_of_another_language_is_r104():
    text = BASE.replace("en: Customer register}", 'en: Customer register, sv: ""}')
    assert (
        only_error(text)
        == "data/registry.yaml:6:61: R104 registers[0].name.sv: the sv text is empty"
    )
    assert fixes(text) == ["write the sv translation, or delete the `sv:` line"]


def test_empty_enum_and_date_say_what_to_write():
    text = BASE.replace("legal_basis: contract", 'legal_basis: ""') + 'dates: {created: " "}\n'
    assert errors(text) == [
        "data/registry.yaml:9:22: R105 registers[0].purposes[0].legal_basis: is empty; write one "
        "of consent, contract, legal_obligation, vital_interests, public_task, "
        "legitimate_interests",
        "data/registry.yaml:10:18: R106 dates.created: is empty; write a date in the form "
        "YYYY-MM-DD",
    ]


def test_a_draft_may_leave_texts_empty():
    """`seloste import` writes `name: ""` for what the old notice does not say."""
    text = BASE.replace("  name: Testi Oy\n", '  name: ""  # TODO\n')
    assert parse_registry(text, FILE, draft=True).registry.controller.name == ""
    assert "R104 controller.name: required value is empty" in only_error(text)
    assert "R115" in only_error(text.replace('""', "…"))  # a placeholder is never a draft's


@pytest.mark.parametrize("placeholder", ["…", "...", '"…"', "' ... '", "……"])
def test_placeholder_copied_from_a_fix_is_an_error(placeholder):
    text = BASE.replace("  name: Testi Oy\n", f"  name: {placeholder}\n")
    shown = placeholder.strip("\"' ")
    assert only_error(text) == (
        f"data/registry.yaml:2:9: R115 controller.name: replace the placeholder '{shown}' with "
        "the real value"
    )
    assert fixes(text) == ["write it here: Legal name of the company, e.g. 'Kespet Oy'"]


def test_placeholders_anywhere():
    text = (
        BASE.replace("en: Customer register", "en: …")
        .replace("legal_basis: contract", "legal_basis: ...")
        .replace("email: info@testi.fi", "email: …")
        + "    data_categories: [Nimi, …]\n"
        + "dates: {created: …}\n"
    )
    assert errors(text) == [
        "data/registry.yaml:4:10: R115 controller.email: replace the placeholder '…' with the "
        "real value",
        "data/registry.yaml:6:38: R115 registers[0].name.en: replace the placeholder '…' with "
        "the en text",
        "data/registry.yaml:9:22: R115 registers[0].purposes[0].legal_basis: replace the "
        "placeholder '...' with the real value",
        "data/registry.yaml:10:29: R115 registers[0].data_categories[1]: replace the "
        "placeholder '…' with the real value",
        "data/registry.yaml:11:18: R115 dates.created: replace the placeholder '…' with the "
        "real value",
    ]


def test_an_ellipsis_inside_a_text_is_fine():
    text = BASE.replace("name: Testi Oy", "name: Testi… Oy").replace(
        "Customer register", "Customers..."
    )
    assert parse_registry(text, FILE).registry.controller.name == "Testi… Oy"


# --- a whole language missing ----------------------------------------------------------------


def test_a_language_missing_from_many_texts_is_summed_up_first():
    text = (
        "languages: [fi, en, sv]\n"
        + BASE
        + y("""
        retention: {fi: Kuusi vuotta, en: Six years}
        security: {fi: Salasanat, en: Passwords}
        """)
        .replace("retention", "    retention")
        .replace("security", "    security")
    )
    found = errors(text)
    assert found[0] == (
        "data/registry.yaml:1:21: R109 4 texts have no sv version; add sv to each, or remove sv "
        "from `languages:` (line 1)"
    )
    assert len(found) == 5  # every text still has its own line
    assert all("text has no sv version" in line for line in found[1:])
    with pytest.raises(SelosteError) as info:
        parse_registry(text, FILE)
    assert info.value.findings[0].fix == (
        "write `sv: …` with the translation in each text listed below"
    )


def test_the_summary_names_the_site_when_the_site_sets_the_languages():
    text = BASE + "    retention: {fi: Kuusi vuotta, en: Six years}\n"
    assert errors(text, ["fi", "en", "sv"])[0] == (
        "data/registry.yaml:6:11: R109 3 texts have no sv version; add sv to each, or build "
        "the site without sv"
    )


def test_two_texts_without_a_language_need_no_summary():
    assert len(errors(BASE, ["fi", "en", "sv"])) == 2


# --- a key that lost its indentation ---------------------------------------------------------


def test_key_under_an_empty_section_above_it():
    text = BASE + "    automated_decisions:\n    used: false\n    description: x\n"
    assert errors(text) == [
        "data/registry.yaml:11:5: R103 registers[0].used: unknown key 'used'; indent `used:` "
        "under `automated_decisions:` (line 10)",
        "data/registry.yaml:12:5: R103 registers[0].description: unknown key 'description'; "
        "indent `description:` under `automated_decisions:` (line 10)",
    ]
    assert fixes(text)[0] == (
        "add two spaces in front of `used:`, so that it is inside `automated_decisions:` (now "
        "`automated_decisions:` is empty)"
    )


def test_controller_keys_at_the_left_edge():
    text = "controller:\nname: Testi Oy\nregisters:\n  - name: R\n"
    assert errors(text) == [
        "data/registry.yaml:1:1: R108 controller: expected a mapping of keys (name, "
        "business_id, address, email, phone, website), got nothing",
        "data/registry.yaml:2:1: R103 name: unknown key 'name'; indent `name:` under "
        "`controller:` (line 1)",
    ]


def test_a_section_with_content_is_not_blamed():
    text = BASE + "    automated_decisions:\n      used: false\n    description: x\n"
    assert "indent" not in only_error(text)
