"""The build's validation without pydantic (registry/quick.py) gives what pydantic gives.

- ``quick_spec.json`` is exactly what ``quick_spec.spec()`` derives from the models now;
- for every registry the tests, examples and docs hold, the seeds' imported drafts and
  data/registry.yaml, ``parse_registry(quick=True)`` returns the same values as the
  models (as the build cache's Records) or raises the very same findings;
- variants of them (every value replaced by awkward ones, every key dropped, unknown
  keys added) give either pydantic's result or a fall back to pydantic, never another
  result;
- the characters stripped, the yes/no words, dates and the ``expiry`` pattern agree with
  pydantic character by character;
- what the messages ask of the types (``_expects_text``/``_expects_string``) is the same
  on quick_spec as on the models, for every path;
- a cold build of a valid registry imports no pydantic.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import re
import types
import typing
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from conftest import BARE_REGISTRY, MINIMAL_REGISTRY, ROOT, modules_after_build, write_site
from seloste import buildcache
from seloste.findings import SelosteError
from seloste.registry import load, quick, quick_spec
from seloste.registry.load import parse_registry
from seloste.registry.model import Registry, Strict
from seloste.yamlpos import load_located

TESTS = Path(__file__).resolve().parent
QUICK = quick._Validator(buildcache._record)


# --- the registries -----------------------------------------------------------------------------


def _is_registry(text: str) -> bool:
    try:
        data = load_located(text).data
    except Exception:
        return False
    return isinstance(data, dict) and ("controller" in data or "registers" in data)


@cache
def _files() -> dict[str, str]:
    """Registry files: data/, the examples, every YAML fixture of the tests."""
    paths = [
        ROOT / "data" / "registry.yaml",
        *sorted((ROOT / "examples").glob("*/data/registry.yaml")),
        *sorted((TESTS / "fixtures").rglob("*.yaml")),
    ]
    out = {}
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        if _is_registry(text):
            out[str(path.relative_to(ROOT))] = text
    return out


@cache
def _drafts() -> dict[str, str]:
    """What ``seloste import`` makes of each seed notice and of the import corpus."""
    from seloste.importer import import_file

    notices = [
        *sorted((TESTS / "fixtures" / "seeds").glob("0*.txt")),
        *sorted(
            path
            for path in (TESTS / "fixtures" / "import-corpus").iterdir()
            if path.suffix in {".txt", ".md", ".html"}
        ),
    ]
    return {f"draft of {path.name}": import_file(path).yaml for path in notices}


@cache
def _inline() -> dict[str, str]:
    """Every string in the tests' code and every ```yaml block of the docs that is a
    registry (most of them made to be wrong in one way)."""
    out = {"MINIMAL_REGISTRY": MINIMAL_REGISTRY, "BARE_REGISTRY": BARE_REGISTRY}
    for path in sorted(TESTS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ("controller" in node.value or "registers" in node.value)
                and "\n" in node.value
                and _is_registry(node.value)
            ):
                out[f"{path.name}:{node.lineno}"] = node.value
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S)):
            if _is_registry(block):
                out[f"{path.relative_to(ROOT)}#{index}"] = block
    return out


def _all() -> dict[str, str]:
    return {**_files(), **_drafts(), **_inline()}


# --- pydantic's result, as the build cache stores it ----------------------------------------------


def as_records(value: Any) -> Any:
    """pydantic's models as Records, exactly as ``buildcache._Pickler`` stores them."""
    if isinstance(value, BaseModel):
        values = {name: as_records(item) for name, item in value.__dict__.items()}
        kind = buildcache.RegistryRecord if type(value) is Registry else buildcache.Record
        return kind(type(value).__name__, values, frozenset(value.model_fields_set))
    if isinstance(value, list):
        return [as_records(item) for item in value]
    if isinstance(value, dict):
        return {as_records(key): as_records(item) for key, item in value.items()}
    return value


def assert_same(expected: Any, got: Any, where: str = "") -> None:
    """Equal, of the very same types, keys in the same order (``==`` alone would take
    ``Category.marketing`` for ``"marketing"``)."""
    assert type(got) is type(expected), (where, expected, got)
    if isinstance(expected, buildcache.Record):
        assert got.model_name == expected.model_name, where
        assert got.model_fields_set == expected.model_fields_set, (where, expected, got)
        expected_values = object.__getattribute__(expected, "_values")
        got_values = object.__getattribute__(got, "_values")
        assert list(got_values) == list(expected_values), where
        for key, item in expected_values.items():
            assert_same(item, got_values[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(got) == len(expected), (where, expected, got)
        for index, (a, b) in enumerate(zip(expected, got, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(expected, dict):
        assert list(got) == list(expected), (where, expected, got)
        for (key_a, a), (key_b, b) in zip(expected.items(), got.items(), strict=True):
            assert_same(key_a, key_b, f"{where} key")
            assert_same(a, b, f"{where}.{key_a}")
    elif isinstance(expected, Enum):
        assert got is expected, where
    else:
        assert got == expected, (where, expected, got)


def pydantic_result(data: Any) -> Any:
    """pydantic's validated registry as Records, or None when it reports an error."""
    try:
        return as_records(Registry.model_validate(data))
    except ValidationError:
        return None


def check_data(data: Any, where: str) -> Any:
    """quick.validate gives pydantic's result or falls back (None); returns its result."""
    expected = pydantic_result(data)  # neither changes its input
    got = quick.validate(data, buildcache._record)
    if got is not None:
        assert expected is not None, f"{where}: quick accepted what pydantic rejects"
        assert_same(expected, got, where)
    return got


# --- the spec -------------------------------------------------------------------------------------


def test_quick_spec_json_is_derived_from_the_models_as_they_are():
    """After an edit of model.py: ``python -m seloste.registry.quick_spec``."""
    assert quick_spec.SPEC_FILE.read_text(encoding="utf-8") == quick_spec.dumps(quick_spec.spec())


def test_quick_spec_refuses_what_quick_does_not_implement():
    from pydantic import Field, field_validator, model_validator

    class Coerced(Strict):
        count: int = 0

    class Validated(Strict):
        name: str = ""

        @field_validator("name")
        @classmethod
        def _upper(cls, value: str) -> str:
            return value.upper()

    class Whole(Strict):
        name: str = ""

        @model_validator(mode="after")
        def _check(self) -> Whole:
            return self

    class Limited(Strict):
        name: str = Field("", max_length=3)

    for model in (Coerced, Validated, Whole, Limited):
        with pytest.raises(quick_spec.Unsupported):
            quick_spec._model(model, [])


# --- every registry in the repository ---------------------------------------------------------------


def test_the_registries_are_found():
    assert len(_files()) >= 9 and len(_drafts()) >= 12 and len(_inline()) >= 40


@pytest.mark.parametrize("name", sorted(_files()) + sorted(_drafts()))
def test_quick_validates_every_registry_file_and_draft_as_pydantic_does(name: str):
    data = load_located(_all()[name]).data
    expected = pydantic_result(copy.deepcopy(data))
    got = check_data(data, name)
    if expected is not None:
        assert got is not None, f"{name}: valid, but quick.py fell back to pydantic"


def _outcome(text: str, languages: list[str] | None, *, quick_: bool) -> Any:
    try:
        loaded = parse_registry(
            text, "registry.yaml", languages, records=buildcache._record if quick_ else None
        )
    except SelosteError as exc:
        return [(f, f.data) for f in exc.findings]
    return loaded


@pytest.mark.parametrize("languages", [None, ["fi", "en"], ["fi", "en", "sv"]])
def test_parse_registry_quick_gives_the_same_registry_or_the_same_findings(languages):
    """Everything the tests, docs and examples hold, valid or not: with ``quick`` the
    same values, or exactly the same messages (which only pydantic's path writes)."""
    quick_used = 0
    for name, text in _all().items():
        slow = _outcome(text, languages, quick_=False)
        fast = _outcome(text, languages, quick_=True)
        if isinstance(slow, list):
            assert fast == slow, name
            continue
        assert not isinstance(fast, list), (name, fast)
        assert_same(as_records(slow.registry), as_records(fast.registry), name)
        assert (fast.path, fast.languages, fast.source) == (slow.path, slow.languages, slow.source)
        assert fast.located.values == slow.located.values
        quick_used += isinstance(fast.registry, buildcache.Record)
    assert quick_used >= 10


# --- variants -------------------------------------------------------------------------------------

AWKWARD = [
    None,
    "",
    " padded text \n",
    "true",
    "yes",
    "2021-03-09",
    "2024-02-30",
    " 1 year ",
    "necessary",
    " necessary",
    "first",
    "fi",
    "\x1ftext",
    "1572860-1",
    "e@x",
    "…",
    [],
    ["fi"],
    {},
    {"fi": " a ", "en": "b"},
    {"fi": "a", "en": None},
    {" fi": "a"},
]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*path, index))
    return out


BASES = ["data/registry.yaml", "tests/fixtures/lint/seed000-fixed.yaml", "MINIMAL_REGISTRY"]


@pytest.mark.parametrize("base", BASES)
def test_variants_give_pydantic_s_result_or_fall_back(base: str):
    """Each value replaced by each awkward one, each key dropped, an unknown key added,
    ``register`` by its Python name: changed in place, checked, put back."""
    data = load_located(_all()[base]).data
    accepted = 0
    shapes = set()
    for path in _paths(data):
        shape = tuple("#" if isinstance(part, int) else part for part in path)
        if not path or shape in shapes:
            continue  # the other items of a list: one of each kind of place is enough
        shapes.add(shape)
        parent, key = _node(data, path[:-1]), path[-1]
        original = parent[key]
        for value in AWKWARD:
            parent[key] = copy.deepcopy(value)
            accepted += check_data(data, f"{base} {path} = {value!r}") is not None
        parent[key] = original
        if isinstance(parent, dict):
            items = list(parent.items())
            del parent[key]
            accepted += check_data(data, f"{base} {path} dropped") is not None
            parent["unknown_key"] = "x"
            accepted += check_data(data, f"{base} {path[:-1]} unknown key") is not None
            del parent["unknown_key"]
            if key == "register":
                parent["register_id"] = original
                accepted += check_data(data, f"{base} {path} as register_id") is not None
            parent.clear()
            parent.update(items)
        else:
            del parent[key]
            accepted += check_data(data, f"{base} {path} dropped") is not None
            parent.insert(key, original)
    assert accepted > 0
    assert pydantic_result(data) is None or check_data(data, base) is not None


def _node(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


# --- character by character -------------------------------------------------------------------------


class _Strings(Strict):
    items: list[str]


def test_stripping_agrees_with_pydantic_for_every_character():
    strings = [f"{chr(c)}a{chr(c)}" for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    validated = _Strings.model_validate({"items": strings}).items
    sure = 0
    for text, expected in zip(strings, validated, strict=True):
        try:
            got = QUICK.value(["str"], text)
        except quick._Unsure:
            continue
        sure += 1
        assert got == expected, repr(text)
    assert sure > 0x10000


class _Settings(Strict):
    used: bool | None = None
    date: dt.date | None = None


@pytest.mark.parametrize(
    "field, value",
    [
        ("used", v)
        for v in (
            *("true", "false", "True", "FALSE", "tRuE", "yes", "Yes", "no", "NO", "y", "n"),
            *("on", "OFF", "t", "f", "1", "0", "2", "-1", "1.0", "ye", " true", "true ", ""),
            *("yes\n", "\u0130", "K", "\u212a"),
        )
    ]
    + [
        ("date", v)
        for v in (
            "2021-03-09",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "2021-3-9",
            "20210309",
            "2021-03-09T00:00:00",
            "2021-03-09 ",
            "１９９９-01-01",
            "1700000000",
        )
    ],
)
def test_yes_no_words_and_dates_agree_with_pydantic(field: str, value: str):
    kind = {"used": ["bool"], "date": ["date"]}[field]
    try:
        got = QUICK.value(kind, value)
    except quick._Unsure:
        return
    assert _Settings.model_validate({field: value}).__dict__[field] == got
    assert type(got) is type(_Settings.model_validate({field: value}).__dict__[field])


@pytest.mark.parametrize(
    "expiry",
    [
        "12 months",
        " 12 months ",
        "1 year",
        "1 years",
        "0 days",
        "9999 weeks",
        "10000 days",
        "12  months",
        "12months",
        "12 months\n",
        "12\u00a0months",
        "12\x0bmonths",
        "１２ months",
        "12 Months",
        "",
    ],
)
def test_the_expiry_pattern_agrees_with_pydantic(expiry: str):
    data = load_located(MINIMAL_REGISTRY).data
    data["consent"] = {"expiry": expiry}
    check_data(data, repr(expiry))


# --- what the models expect where -------------------------------------------------------------------


# The models' own answers (pydantic annotations): what load.py asked of them before it asked
# quick_spec, kept here as the oracle of quick.py's answers.


def _field_type(path: tuple) -> Any:
    """The annotation the models expect at ``path`` (None when unknown)."""
    current: Any = Registry
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current) if typing.get_origin(current) is list else ()
            current = args[0] if args else None
        elif _is_model(current):
            field = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            current = field.annotation if field else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
        if current is None:
            return None
    return current


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X; models win over plain types in a union."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        for arg in args:
            if _is_model(arg):
                return arg
        for arg in args:
            if typing.get_origin(arg) is list:
                return arg
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _allowed_keys(path: tuple) -> list[str]:
    model = _unwrap(_field_type(path))
    if _is_model(model):
        return [f.alias or name for name, f in model.model_fields.items()]
    if typing.get_origin(model) is dict:
        key_type = typing.get_args(model)[0]
        if isinstance(key_type, type) and issubclass(key_type, Enum):
            return [m.value for m in key_type]
    return []


def _allowed_values(path: tuple) -> list[str]:
    annotation = _unwrap(_field_type(path))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [m.value for m in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return []


def _model_field(path: tuple, by_alias: bool) -> Any:
    model = _unwrap(_field_type(path[:-1])) if path else None
    if not _is_model(model):
        return None
    field = model.model_fields.get(str(path[-1]))
    if field is None and by_alias:
        field = next((f for f in model.model_fields.values() if f.alias == path[-1]), None)
    return field


def _type_paths() -> list[tuple]:
    """Every path into the models' types (each field by name and by alias, list items,
    mapping values), and from each one step off it (a wrong key, an index, None)."""
    wrong: list[Any] = [0, 3, "fi", "access", "x", "name", None]
    paths: list[tuple] = []
    frontier: list[tuple] = [()]
    while frontier:
        paths += frontier
        following = []
        for path in frontier:
            annotation = _unwrap(_field_type(path))
            parts = list(wrong)
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                for name, field in annotation.model_fields.items():
                    parts += [name, field.alias]
            following += [
                (*path, part)
                for part in dict.fromkeys(parts)
                if _field_type((*path, part)) is not None
            ]
            paths += [(*path, part) for part in wrong]
        frontier = following
    return paths


def _is_text_type(annotation: Any) -> bool:
    """The models' answer (pydantic annotations), the oracle of quick.py's: True for ``Text`` (``str | dict[str, str]``), also inside Optional or Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_text_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if str in args and dict[str, str] in args:
            return True
        return len(args) == 1 and _is_text_type(args[0])
    return False


def test_expects_text_and_string_agree_with_the_models_on_every_path():
    paths = _type_paths()
    assert len(paths) > 1_000
    for path in paths:
        annotation = _field_type(path)
        assert quick.expects_text(path) == _is_text_type(annotation), path
        assert quick.expects_string(path) == (
            _is_text_type(annotation) or _unwrap(annotation) is str
        ), path


def test_the_error_messages_questions_agree_with_the_models_on_every_path():
    """load.py's messages ask quick_spec which keys and values a place allows, whether a
    field is required and what its description says: the models' answers, on every path."""
    paths = _type_paths()
    for path in paths:
        assert quick.allowed_keys(path) == _allowed_keys(path), path
        assert quick.allowed_values(path) == _allowed_values(path), path
        field = _model_field(path, by_alias=True)
        assert load._is_required(path) == bool(field and field.is_required()), path
        described = _model_field(path, by_alias=False)
        expected = ""
        if described is not None and described.description:
            model = _unwrap(_field_type(path[:-1])).__name__
            expected = load.field_help(model, str(path[-1]), described.description).rstrip(".")
        assert load._field_help(path) == expected, path
    assert any(quick.allowed_values(path) for path in paths)
    assert any(load._field_help(path) for path in paths)
    assert any(load._is_required(path) for path in paths)
    assert any(path and quick.allowed_keys(path[:-1]) and path[-1] == "access" for path in paths)


# --- the build --------------------------------------------------------------------------------------

MKDOCS = """\
site_name: Nopea
site_url: https://quick.example/
plugins:
  - seloste:
      fatal: false
"""


def test_a_cold_build_of_a_valid_registry_imports_no_pydantic(tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "mkdocs.yml": MKDOCS,
            "docs/index.md": "# Etusivu\n",
            "data/registry.yaml": (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"),
        },
    )
    assert (
        modules_after_build(root, "pydantic") == []
    )  # no cache entry: validated, linted, rendered
    assert (root / "site" / "index.html").is_file()
