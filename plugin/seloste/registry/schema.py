"""The registry's JSON Schema, generated from the model so the two cannot drift.

Editors (VS Code's YAML extension) use it for completion, hover help and
red underlines while a marketer types. The shipped copy,
``registry.schema.json``, is checked against this output by the tests;
regenerate it with ``seloste schema -o plugin/seloste/registry/registry.schema.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .model import LANG_RE, Registry
from .terms import terms_for

SCHEMA_ID = "urn:seloste:registry"
#: Draft 7: the newest draft VS Code's YAML extension fully supports (it warns on 2020-12).
#: Pydantic's output only uses draft-7 keywords; ``$defs`` is reached by plain JSON pointers.
DIALECT = "http://json-schema.org/draft-07/schema#"
SHIPPED = "registry.schema.json"

#: What pydantic writes for ``Text`` (``str | dict[str, str]``); replaced by ``$defs/Text``.
_TEXT_ANYOF = [
    {"type": "string"},
    {"additionalProperties": {"type": "string"}, "type": "object"},
]
TEXT_HINT = "Text: one string, or per language {fi: …, en: …}."

_TEXT_DEF: dict[str, Any] = {
    "title": "Text (string or {fi, en…})",
    "description": "A text readers see: one string used in every language, or one per language, "
    "e.g. {fi: Asiakasrekisteri, en: Customer register}. Every language the site builds must be "
    "there.",
    "anyOf": [
        {"type": "string", "title": "one text for every language"},
        {
            "type": "object",
            "title": "per language {fi, en…}",
            "properties": {
                "fi": {"type": "string", "description": "suomeksi"},
                "en": {"type": "string", "description": "in English"},
                "sv": {"type": "string", "description": "på svenska"},
            },
            "propertyNames": {"pattern": LANG_RE.pattern},
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
        },
    ],
    "defaultSnippets": [
        {
            "label": "{fi, en}",
            "description": "a text in Finnish and English",
            "body": {"fi": "$1", "en": "$2"},
        }
    ],
}


#: Fields YAML reads as numbers when written without quotes (``postal_code: 40800``,
#: ``phone: +358501234567``, ``version: 2.1``, a pixel id). The loader keeps every value as
#: written, so ``seloste validate`` accepts them; the editor must not underline them either.
NUMBER_OK = {
    ("Address", "postal_code"),
    ("Contact", "phone"),
    ("Controller", "phone"),
    ("Dates", "version"),
    ("Service", "ids"),
}

#: The words the loader reads as true/false besides true and false (``used: no``); YAML 1.2
#: editors read them as text.
BOOLEAN_WORDS = r"^([Yy]([Ee][Ss])?|[Nn][Oo]?|[Oo]([Nn]|[Ff][Ff])|[Tt]([Rr][Uu][Ee])?|[Ff]([Aa][Ll][Ss][Ee])?|[01])$"


def registry_schema() -> dict[str, Any]:
    """The JSON Schema of the registry file (draft 7)."""
    schema = Registry.model_json_schema()
    defs = schema.pop("$defs", {})
    text_description = _text_field_description()
    schema = _use_text_def(schema, text_description)
    defs = {name: _use_text_def(sub, text_description) for name, sub in defs.items()}
    _describe_enums(schema)
    _describe_enums(defs)
    for name, field in NUMBER_OK:
        defs[name]["properties"][field] = _string_or_number(defs[name]["properties"][field])
    defs["Text"] = _TEXT_DEF
    out: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "Seloste registry",
        "description": "The privacy notice facts of a website: controller, registers, rights, "
        "services and cookies. See the 'Registry format' page of the Seloste documentation.",
    }
    out.update({k: v for k, v in schema.items() if k not in {"title", "description"}})
    out["$defs"] = dict(sorted(defs.items()))
    return _as_the_loader_reads(out)


def schema_json() -> str:
    """The schema as the shipped file holds it (stable key order, trailing newline)."""
    return json.dumps(registry_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_json() -> str:
    return resources.files(__package__).joinpath(SHIPPED).read_text(encoding="utf-8")


def _text_field_description() -> str:
    from .model import Text  # the Annotated alias carries the generic description

    for meta in getattr(Text, "__metadata__", ()):
        description = getattr(meta, "description", None)
        if description:
            return description
    return ""


def _use_text_def(node: Any, generic: str) -> Any:
    """Point every text at ``$defs/Text`` so editors describe it once, the same way."""
    if isinstance(node, list):
        return [_use_text_def(item, generic) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("anyOf") == _TEXT_ANYOF:
        out = {k: v for k, v in node.items() if k not in {"anyOf", "examples"}}
        out["$ref"] = "#/$defs/Text"
        description = out.get("description")
        if description == generic or not description:
            out["description"] = TEXT_HINT
        else:
            out["description"] = f"{description} {TEXT_HINT}"
        return out
    return {key: _use_text_def(value, generic) for key, value in node.items()}


def _describe_enums(node: Any) -> None:
    """Completion lists show each value's Finnish and English words and its GDPR article."""
    if isinstance(node, list):
        for item in node:
            _describe_enums(item)
        return
    if not isinstance(node, dict):
        return
    values = node.get("enum")
    words = terms_for(values) if isinstance(values, list) else {}
    if words and isinstance(values, list):
        node["enumDescriptions"] = [words[v].label() for v in values]
    for value in node.values():
        _describe_enums(value)


def _string_or_number(node: Any) -> Any:
    if isinstance(node, list):
        return [_string_or_number(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "string":
        return {**node, "type": ["string", "number"]}
    return {key: _string_or_number(value) for key, value in node.items()}


def _as_the_loader_reads(node: Any) -> Any:
    """Texts are never empty (``name: ""`` is an error); yes/no are booleans, as for the loader."""
    if isinstance(node, list):
        return [_as_the_loader_reads(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _as_the_loader_reads(value) for key, value in node.items()}
    kind = out.get("type")
    plain = not {"enum", "format", "const", "pattern"} & out.keys()
    if (kind == "string" or (isinstance(kind, list) and "string" in kind)) and plain:
        out.setdefault("minLength", 1)
    if kind == "boolean":
        words = {"type": "string", "pattern": BOOLEAN_WORDS}
        out = {k: v for k, v in out.items() if k != "type"}
        out["anyOf"] = [{"type": "boolean"}, words]
    return out
