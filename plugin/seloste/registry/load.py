"""Load a registry file and turn every problem into a message a marketer can act on.

Each error names the file, line and column, the field path
(``registers[0].purposes[1].legal_basis``) and what to write instead.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..findings import Finding, SelosteError, Severity
from .model import Registry
from .yamlpos import Located, PathKey, Pos, YamlProblem, load_located


@dataclass
class LoadedRegistry:
    """A validated registry and where each of its values stands in the file."""

    registry: Registry
    path: str
    located: Located
    languages: list[str]

    def where(self, path: PathKey) -> Pos:
        return self.located.pos(path)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def load_registry(
    path: str | Path, languages: Sequence[str] | None = None, display_path: str | None = None
) -> LoadedRegistry:
    """Load and validate ``path``; raise SelosteError with every problem found.

    ``languages`` are the languages the site builds; every text must have them.
    The registry's own ``languages:`` wins when the site does not say.
    """
    shown = display_path or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SelosteError(
            [
                Finding(
                    "R100",
                    Severity.error,
                    "registry file not found",
                    shown,
                    fix="create it (see the registry format page) or set the plugin's "
                    "`registry:` option to where yours is",
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        raise SelosteError(
            [
                Finding(
                    "R101",
                    Severity.error,
                    f"not UTF-8 text ({exc.reason})",
                    shown,
                    fix="save the file as UTF-8",
                )
            ]
        ) from None
    return parse_registry(text, shown, languages)


def parse_registry(text: str, shown: str, languages: Sequence[str] | None = None) -> LoadedRegistry:
    try:
        located = load_located(text)
    except YamlProblem as exc:
        raise SelosteError(
            [
                Finding(
                    exc.code, Severity.error, exc.message, shown, exc.pos.line, exc.pos.col, exc.fix
                )
            ]
        ) from None
    if not isinstance(located.data, dict):
        raise SelosteError(
            [
                Finding(
                    "R103",
                    Severity.error,
                    "the registry must be a mapping of keys such as 'controller:' and 'registers:'",
                    shown,
                    1,
                    1,
                )
            ]
        )
    try:
        registry = Registry.model_validate(located.data)
    except ValidationError as exc:
        raise SelosteError(_translate(exc, located, shown)) from None
    langs = list(languages or registry.languages or ["fi", "en"])
    missing = list(_missing_translations(located.data, (), langs, located, shown))
    if missing:
        raise SelosteError(missing)
    return LoadedRegistry(registry, shown, located, langs)


# --- pydantic errors -> findings -------------------------------------------------------------


def _translate(exc: ValidationError, located: Located, shown: str) -> list[Finding]:
    findings: dict[PathKey, Finding] = {}
    for err in exc.errors():
        data_path, tags = _data_path(located.data, err["loc"])
        if data_path in findings and err["type"] != "extra_forbidden":
            continue  # a union reports every branch; one message per place is enough
        finding = _finding_for(err, data_path, tags, located, shown)
        findings.setdefault(data_path, finding)
    return sorted(findings.values(), key=lambda f: (f.line or 0, f.col or 0))


def _data_path(data: Any, loc: tuple) -> tuple[PathKey, list[str]]:
    """Drop pydantic's union-branch tags from a loc, keeping only real data keys."""
    path: list[str | int] = []
    tags: list[str] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and not isinstance(part, int)
            and len(tags) == 0
            and (part not in node)
            and _looks_like_field(part)
        ):
            path.append(part)  # a missing key
            node = None
        else:
            tags.append(str(part))
    return tuple(path), tags


def _looks_like_field(part: Any) -> bool:
    return isinstance(part, str) and part.isidentifier() and part not in {"str", "dict", "list"}


def _finding_for(
    err: dict, path: PathKey, tags: list[str], located: Located, shown: str
) -> Finding:
    kind = err["type"]
    where = format_path(path)
    value = err.get("input")
    if kind == "extra_forbidden":
        pos = located.key_pos(path)
        key = path[-1] if path else "?"
        allowed = _allowed_keys(path[:-1])
        guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else f"allowed keys: {', '.join(allowed)}"
        return Finding(
            "R103",
            Severity.error,
            f"{where}: unknown key '{key}'; {hint}",
            shown,
            pos.line,
            pos.col,
            fix=f"rename it to '{guess[0]}'"
            if guess
            else "remove it or move its text to a field listed above",
        )
    if kind == "missing":
        pos = located.pos(path[:-1])
        return Finding(
            "R104",
            Severity.error,
            f"{where}: required key '{path[-1]}' is missing",
            shown,
            pos.line,
            pos.col,
            fix=f"add `{path[-1]}: …` here",
        )
    pos = located.pos(path)
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "").replace("'", "")
        return Finding(
            "R105",
            Severity.error,
            f"{where}: '{value}' is not one of {expected}",
            shown,
            pos.line,
            pos.col,
            fix=f"write one of: {expected}",
        )
    if kind in {
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    }:
        return Finding(
            "R106",
            Severity.error,
            f"{where}: '{value}' is not a date",
            shown,
            pos.line,
            pos.col,
            fix="write dates as YYYY-MM-DD, e.g. 2021-03-09 for 9.3.2021",
        )
    if kind == "value_error":
        message = str(err.get("ctx", {}).get("error", err["msg"]))
        return Finding("R107", Severity.error, f"{where}: {message}", shown, pos.line, pos.col)
    if (
        "str" in tags
        and "dict[str,str]" in tags
        or kind in {"string_type", "dict_type"}
        and (_expects_text(path))
    ):
        return Finding(
            "R108",
            Severity.error,
            f"{where}: expected a text or {{fi: …, en: …}}, got {_describe(value)}",
            shown,
            pos.line,
            pos.col,
            fix="write the text per language, e.g. `{fi: Asiakasrekisteri, en: Customer register}`",
        )
    expected = {
        "list_type": "a list (lines starting with '- ')",
        "dict_type": "a mapping of keys",
        "model_type": "a mapping of keys",
        "model_attributes_type": "a mapping of keys",
        "string_type": "a text",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "int_type": "a whole number",
        "too_short": "at least one item",
    }.get(kind)
    if expected:
        return Finding(
            "R108",
            Severity.error,
            f"{where}: expected {expected}, got {_describe(value)}",
            shown,
            pos.line,
            pos.col,
        )
    return Finding("R108", Severity.error, f"{where}: {err['msg']}", shown, pos.line, pos.col)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _expects_text(path: PathKey) -> bool:
    return _is_text_type(_field_type(path))


def _field_type(path: PathKey) -> Any:
    """The annotation the model expects at ``path`` (None when unknown)."""
    current: Any = Registry
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
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


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X; models win over plain types in a union."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        for arg in args:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
        for arg in args:
            if typing.get_origin(arg) is list:
                return arg
        return args[0] if len(args) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _allowed_keys(path: PathKey) -> list[str]:
    model = _unwrap(_field_type(path))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    if typing.get_origin(model) is dict:
        key_type = typing.get_args(model)[0]
        if isinstance(key_type, type) and issubclass(key_type, Enum):
            return [m.value for m in key_type]
    return []


# --- languages ------------------------------------------------------------------------------


def _missing_translations(node: Any, path: PathKey, langs: list[str], located: Located, shown: str):
    """A ``{fi: …}`` text without ``en`` (or any language the site builds) is an error."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _missing_translations(item, (*path, index), langs, located, shown)
        return
    if not isinstance(node, dict):
        return
    if _is_text_mapping(node, path):
        missing = [lang for lang in langs if not str(node.get(lang) or "").strip()]
        if missing:
            pos = located.pos(path)
            have = ", ".join(k for k in node if node.get(k))
            yield Finding(
                "R109",
                Severity.error,
                f"{format_path(path)}: text has no {', '.join(missing)} version (has {have or 'none'})",
                shown,
                pos.line,
                pos.col,
                fix=f"add `{missing[0]}: …` with the translation",
            )
        return
    for key, value in node.items():
        yield from _missing_translations(value, (*path, key), langs, located, shown)


def _is_text_mapping(node: dict, path: PathKey) -> bool:
    return _is_text_type(_field_type(path))


def _is_text_type(annotation: Any) -> bool:
    """True for ``Text`` (``str | dict[str, str]``), also inside Optional or Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_text_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if str in args and dict[str, str] in args:
            return True
        return len(args) == 1 and _is_text_type(args[0])
    return False
