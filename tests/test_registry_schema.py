"""The shipped JSON Schema is the model's own, and real registries validate against it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from seloste.cli import main
from seloste.registry import parse_registry
from seloste.registry.schema import registry_schema, schema_json, shipped_schema_json

ROOT = Path(__file__).resolve().parent.parent


class EditorLoader(yaml.SafeLoader):
    """Reads YAML the way VS Code's YAML extension does: dates stay text (YAML 1.2 core)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def doc_example(lang: str) -> str:
    """The complete annotated example of docs/<lang>/registry.md."""
    page = (ROOT / "docs" / lang / "registry.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    return next(block for block in blocks if "controller:" in block and "registers:" in block)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = registry_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_shipped_schema_is_generated_from_the_model():
    assert shipped_schema_json() == schema_json(), (
        "registry.schema.json is stale: run "
        "`seloste schema -o plugin/seloste/registry/registry.schema.json`"
    )


def test_schema_identity():
    schema = json.loads(shipped_schema_json())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # VS Code's YAML
    assert schema["$id"] == "urn:seloste:registry"
    assert schema["title"] == "Seloste registry"
    assert set(schema["required"]) == {"controller", "registers"}
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_documented_example_is_valid_for_loader_and_schema(lang, validator):
    text = doc_example(lang)
    loaded = parse_registry(text, f"docs/{lang}/registry.md", ["fi", "en"])
    assert loaded.registry.registers[0].purposes[3].legal_basis.value == "legitimate_interests"
    validator.validate(yaml.load(text, EditorLoader))


def test_demo_registry_is_valid_for_schema(validator):
    path = ROOT / "data" / "registry.yaml"
    if not path.exists():
        pytest.skip("no demo registry yet")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    parse_registry(text, "data/registry.yaml")
    validator.validate(yaml.load(text, EditorLoader))


def test_schema_rejects_what_the_loader_rejects(validator):
    data = yaml.load(doc_example("en"), EditorLoader)
    data["controler"] = {"name": "X"}
    data["registers"][0]["purposes"][0]["legal_basis"] = "oikeutettu"
    data["registers"][0]["name"] = ["a list"]
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert any("'controler' was unexpected" in m for m in messages)
    assert any("'oikeutettu'" in m for m in messages)
    assert any("['a list']" in m for m in messages)


def test_texts_are_string_or_language_mapping():
    schema = registry_schema()
    text = schema["$defs"]["Text"]
    assert text["title"] == "Text (string or {fi, en…})"
    string, per_language = text["anyOf"]
    assert string["type"] == "string"
    assert set(per_language["properties"]) >= {"fi", "en", "sv"}
    assert text["defaultSnippets"][0]["body"] == {"fi": "$1", "en": "$2"}
    name = schema["$defs"]["Register"]["properties"]["name"]
    assert name["$ref"] == "#/$defs/Text"
    assert "Asiakasrekisteri" in name["description"]
    assert name["description"].endswith("Text: one string, or per language {fi: …, en: …}.")
    # no text field is left with pydantic's anonymous union
    assert '{"additionalProperties": {"type": "string"}, "type": "object"}' not in json.dumps(
        schema, sort_keys=True
    )


def test_enum_values_carry_finnish_words():
    legal = registry_schema()["$defs"]["LegalBasis"]
    assert legal["enum"][0] == "consent"
    assert legal["enumDescriptions"][0] == "suostumus / consent (GDPR 6(1)(a))"
    assert "oikeutettu etu / legitimate interests (GDPR 6(1)(f))" in legal["enumDescriptions"]


def test_every_field_has_a_description():
    undocumented = []
    for name, definition in registry_schema()["$defs"].items():
        if definition.get("enum") or name == "Text":
            continue
        assert definition.get("description"), f"{name} has no description"
        for key, prop in definition.get("properties", {}).items():
            if not prop.get("description") and "$ref" not in str(prop.get("anyOf", "")):
                undocumented.append(f"{name}.{key}")
    assert undocumented == []


def test_cli_prints_and_writes_the_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0
    assert printed.output == schema_json()
    target = tmp_path / ".vscode" / "seloste-registry.schema.json"
    written = runner.invoke(main, ["schema", "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == shipped_schema_json()


def test_schema_accepts_the_numbers_the_loader_keeps_as_written(validator):
    """VS Code reads `postal_code: 40800` as a number; `seloste validate` keeps it as text."""
    text = (
        "controller:\n"
        "  name: Testi Oy\n"
        "  phone: +358501234567\n"
        "  address: {street: PL 800, postal_code: 40800, city: Vaajakoski}\n"
        "privacy_contact: {name: Susanna Sole, phone: 0501234567}\n"
        "registers:\n"
        "  - name: Rekisteri\n"
        "    automated_decisions: {used: no}\n"
        "dates: {version: 2.1}\n"
        "services:\n"
        "  - id: meta-pixel\n"
        "    ids: [1234567890]\n"
    )
    loaded = parse_registry(text, "r.yaml")
    assert loaded.registry.controller.address.postal_code == "40800"
    assert loaded.registry.services[0].ids == ["1234567890"]
    assert loaded.registry.registers[0].automated_decisions.used is False
    assert list(validator.iter_errors(yaml.load(text, EditorLoader))) == []


def test_schema_rejects_empty_texts_like_the_loader(validator):
    data = yaml.load(doc_example("en"), EditorLoader)
    data["controller"]["name"] = ""
    data["registers"][0]["name"] = {"fi": "", "en": "Customers"}
    messages = [error.message for error in validator.iter_errors(data)]
    assert messages == [
        "'' should be non-empty",
        "{'fi': '', 'en': 'Customers'} is not valid under any of the given schemas",
    ]
