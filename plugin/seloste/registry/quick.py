"""The registry validated without pydantic, when that is certain to give what pydantic gives.

Importing pydantic and building the models' schemas costs a build more time and memory
than everything else the plugin does for a small site. Most registries are valid and
written plainly, so a build first tries this: the models' fields, types, defaults,
constraints and validators as ``quick_spec.py`` wrote them down from model.py
(``quick_spec.json``), applied to the parsed YAML by a small interpreter that accepts
only what it knows pydantic accepts, and produces the same values.

It gives up (``None``) at the first thing it is not sure of: a value of another type
than the field's (``"yes"`` for a yes/no, a number for a text), an unknown or missing
key, a check that fails, a string with characters Python and pydantic strip
differently. Then the caller validates with pydantic, whose errors become the
messages users see; this module never reports anything itself.

What it returns is the validated registry made of the caller's ``records(model name,
field values, fields set)``: the build passes ``buildcache._record``, so it gets the same
read-only values a build served from the cache has (``model_fields_set`` included).
``tests/test_registry_quick.py`` proves it equal to pydantic's result for every
registry in the tests, the seeds' drafts and data/registry.yaml, and that variants of
them either give pydantic's result or fall back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ..yamlpos import PathKey
from . import values

SPEC_FILE = Path(__file__).with_name("quick_spec.json")


#: Makes one validated model: its name, its fields' values in order, the fields given.
Records = Callable[[str, dict[str, Any], frozenset[str]], Any]


class _Unsure(Exception):
    """Not certain what pydantic makes of this: let pydantic validate."""


@cache
def spec() -> dict[str, Any]:
    """``quick_spec.json``: the models as ``quick_spec.spec()`` wrote them down."""
    data: dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    return data


@cache
def _fields(model: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """A model's fields in order, and each by the key the YAML writes (its alias)."""
    fields = spec()["models"][model]["fields"]
    return fields, {field["alias"] or field["name"]: field for field in fields}


def validate(data: Any, records: Records) -> Any:
    """The validated registry made of ``records``, or None when only pydantic can say."""
    try:
        return _Validator(records).model(spec()["root"], data)
    except _Unsure:
        return None
    except RecursionError:
        return None


# --- values -----------------------------------------------------------------------------------

#: Python's str.strip() removes these, pydantic's (Rust's ``trim``) does not; lone surrogates
#: are an error there. Strings with either are left to pydantic.
_UNSURE_CHARS = re.compile("[\x1c-\x1f\ud800-\udfff]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The characters a ``pattern`` is tried on here: printable ASCII, where Python's ``re``
#: and pydantic's regex engine agree on ``\s``, ``$`` and the rest.
_PLAIN = re.compile(r"[ -~]*")
#: The words pydantic takes for yes and no, in any case (ASCII: its lower case is Python's).
_BOOLS = {
    **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True),
    **dict.fromkeys(("0", "off", "f", "false", "n", "no"), False),
}


class _Validator:
    """Walks the data along the spec; raises _Unsure at the first doubt."""

    def __init__(self, records: Records):
        self.records = records

    def value(self, kind: list[Any], value: Any) -> Any:
        tag = kind[0]
        if tag == "str":
            if type(value) is not str or _UNSURE_CHARS.search(value):
                raise _Unsure
            return value.strip()
        if tag == "union":
            return self.union(kind[1], value)
        if tag == "annotated":
            return self.value(kind[1], value)
        if tag == "none":
            if value is not None:
                raise _Unsure
            return None
        if tag == "list":
            if type(value) is not list:
                raise _Unsure
            return [self.value(kind[1], item) for item in value]
        if tag == "dict":
            if type(value) is not dict:
                raise _Unsure
            return {
                self.key(kind[1], key): self.value(kind[2], item) for key, item in value.items()
            }
        if tag == "model":
            return self.model(kind[1], value)
        if tag == "enum":
            cls = getattr(values, kind[1])
            if type(value) is not str or value not in cls._value2member_map_:
                raise _Unsure
            return cls(value)
        if tag == "literal":
            if type(value) is not str or value not in kind[1]:
                raise _Unsure
            return value
        if tag == "bool":
            if type(value) is not str or not value.isascii() or value.lower() not in _BOOLS:
                raise _Unsure
            return _BOOLS[value.lower()]
        if tag == "date":
            if type(value) is not str or not _DATE.fullmatch(value):
                raise _Unsure
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _Unsure from None
        raise _Unsure  # a kind this interpreter does not know (a newer spec)

    def key(self, kind: list[Any], key: Any) -> Any:
        """A mapping key: taken as it is written, or not at all (no stripping, no merging)."""
        converted = self.value(kind, key)
        if converted != key:
            raise _Unsure
        return converted

    def union(self, kinds: list[list[Any]], value: Any) -> Any:
        """Exactly one member takes the value: pydantic's choice too. Two would be a guess."""
        found: list[Any] = []
        for kind in kinds:
            try:
                found.append(self.value(kind, value))
            except _Unsure:
                continue
        if len(found) != 1:
            raise _Unsure
        return found[0]

    def model(self, model: str, value: Any) -> Any:
        if type(value) is not dict:
            raise _Unsure
        fields, by_key = _fields(model)
        for key in value:
            if type(key) is not str or key not in by_key:
                raise _Unsure  # unknown, or by its Python name instead of its alias
        validated: dict[str, Any] = {}
        given: set[str] = set()
        for field in fields:
            name = field["name"]
            key = field["alias"] or name
            if key in value:
                validated[name] = self.field(field, value[key])
                given.add(name)
            elif field.get("required"):
                raise _Unsure
            else:
                validated[name] = self.default(field)
        return self.records(model, validated, frozenset(given))

    def field(self, field: dict[str, Any], value: Any) -> Any:
        result = self.value(field["type"], value)
        constraints = field.get("constraints", {})
        if "min_length" in constraints and len(result) < constraints["min_length"]:
            raise _Unsure
        if "pattern" in constraints and not (
            _PLAIN.fullmatch(result) and _pattern(constraints["pattern"]).search(result)
        ):
            raise _Unsure
        for check in field.get("checks", ()):
            if not values.QUICK_CHECKS[check](result):
                raise _Unsure
        return result

    def default(self, field: dict[str, Any]) -> Any:
        factory = field.get("factory")
        if factory == "list":
            return []
        if factory == "dict":
            return {}
        if factory is not None:
            return self.model(factory[1], {})
        how, *args = field["default"]
        if how == "enum":
            return getattr(values, args[0])(args[1])
        return args[0]


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- what the models expect where (load.py's messages ask this of every value) ----------------
# tests/test_registry_quick.py proves each answer equal to the pydantic models' own for every
# path into them, so the error path needs no second walk over the models' annotations.


def model_field(path: PathKey, by_alias: bool = True) -> dict[str, Any] | None:
    """The field ``path`` names in the model that holds it (by name, then by alias)."""
    if not path:
        return None
    parent = _unwrap(field_kind(path[:-1]))
    if not parent or parent[0] != "model":
        return None
    fields, _ = _fields(parent[1])
    found = next((f for f in fields if f["name"] == path[-1]), None)
    if found is None and by_alias:
        found = next((f for f in fields if f["alias"] == path[-1]), None)
    return found


def model_name(path: PathKey) -> str | None:
    """The model expected at ``path``, if a model is."""
    kind = _unwrap(field_kind(path))
    return kind[1] if kind and kind[0] == "model" else None


def allowed_keys(path: PathKey) -> list[str]:
    """The keys the mapping at ``path`` may have: a model's fields (as the YAML writes
    them), or an enum's values when the mapping is keyed by one."""
    kind = _unwrap(field_kind(path))
    if kind and kind[0] == "model":
        return [field["alias"] or field["name"] for field in _fields(kind[1])[0]]
    if kind and kind[0] == "dict" and kind[1][0] == "enum":
        return [member.value for member in getattr(values, kind[1][1])]
    return []


def allowed_values(path: PathKey) -> list[str]:
    """The values a field of an enum or ``Literal`` type may have."""
    kind = _unwrap(field_kind(path))
    if kind and kind[0] == "enum":
        return [member.value for member in getattr(values, kind[1])]
    if kind and kind[0] == "literal":
        return list(kind[1])
    return []


def field_kind(path: PathKey) -> list[Any] | None:
    """The type the models expect at ``path``: ``load._field_type`` on ``quick_spec``."""
    current: list[Any] | None = ["model", spec()["root"]]
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            current = current[1] if current and current[0] == "list" else None
        elif current and current[0] == "model":
            fields, _ = _fields(current[1])
            field = next((f for f in fields if f["name"] == part), None) or next(
                (f for f in fields if f["alias"] == part), None
            )
            current = field["type"] if field else None
        elif current and current[0] == "dict":
            current = current[2]
        else:
            return None
        if current is None:
            return None
    return current


def _unwrap(kind: list[Any] | None) -> list[Any] | None:
    """Optional[X] -> X; models win over plain types in a union (``load._unwrap``)."""
    if kind is None:
        return None
    if kind[0] == "union":
        args = [a for a in kind[1] if a[0] != "none"]
        for arg in args:
            if arg[0] == "model":
                return arg
        for arg in args:
            if arg[0] == "list":
                return arg
        return _unwrap(args[0]) if len(args) == 1 else kind
    if kind[0] == "annotated":
        return _unwrap(kind[1])
    return kind


def is_text_kind(kind: list[Any] | None) -> bool:
    """``Text`` (``str | dict[str, str]``), also inside Optional or Annotated."""
    if kind is None:
        return False
    if kind[0] == "annotated":
        return is_text_kind(kind[1])
    if kind[0] == "union":
        args = [a for a in kind[1] if a[0] != "none"]
        if ["str"] in args and ["dict", ["str"], ["str"]] in args:
            return True
        return len(args) == 1 and is_text_kind(args[0])
    return False


@cache
def expects_text(path: PathKey) -> bool:
    return is_text_kind(field_kind(path))


@cache
def expects_string(path: PathKey) -> bool:
    kind = field_kind(path)
    return is_text_kind(kind) or _unwrap(kind) == ["str"]
