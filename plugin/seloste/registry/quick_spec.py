"""What ``quick.py`` validates against, derived from the pydantic models (model.py).

The models stay the one definition of the registry: ``spec()`` reads them (their fields,
types, defaults, constraints, field validators and descriptions) and writes them down as
plain data, which ``quick.py`` interprets without pydantic, and which load.py's error
messages consult (what a field expects, which keys and values it allows, its help). The package keeps the result in
``quick_spec.json`` (a build must not import the models to read it), and
``tests/test_registry_quick.py`` checks that the file is exactly what ``spec()`` gives
for the models as they are now. Regenerate it after changing model.py:

    python -m seloste.registry.quick_spec

Anything in the models that this module does not know how to write down (a new kind
of type, constraint, validator or model setting) is an error here, not a silently
weaker check there.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import values

SPEC_FILE = Path(__file__).with_name("quick_spec.json")

#: The only model settings ``quick.py`` knows (model.py's ``Strict``).
CONFIG = {"extra": "forbid", "populate_by_name": True, "str_strip_whitespace": True}
#: What an ``Annotated`` text's own ``Field`` may set: documentation, nothing validated.
_DOC_ONLY = {"description", "json_schema_extra", "examples", "title"}


class Unsupported(TypeError):
    """The models use something ``quick.py`` does not implement."""


def spec() -> dict[str, Any]:
    """The registry's models as plain data (see ``quick.py`` for the meaning)."""
    from .model import Registry

    models: dict[str, Any] = {}
    todo: list[type[BaseModel]] = [Registry]
    while todo:
        model = todo.pop()
        if model.__name__ not in models:
            models[model.__name__] = _model(model, todo)
    return {"root": "Registry", "models": dict(sorted(models.items()))}


def write(path: Path = SPEC_FILE) -> None:
    path.write_text(dumps(spec()), encoding="utf-8")


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _model(model: type[BaseModel], todo: list[type[BaseModel]]) -> dict[str, Any]:
    name = model.__name__
    if dict(model.model_config) != CONFIG:
        raise Unsupported(f"{name}: model_config {dict(model.model_config)} is not {CONFIG}")
    decorators = model.__pydantic_decorators__
    for kind in (
        "validators",
        "root_validators",
        "model_validators",
        "field_serializers",
        "model_serializers",
        "computed_fields",
    ):
        if getattr(decorators, kind):
            raise Unsupported(f"{name}: {kind} are not implemented in quick.py")
    if model.__private_attributes__ or model.model_post_init is not BaseModel.model_post_init:
        raise Unsupported(f"{name}: private attributes or model_post_init")
    checks: dict[str, list[str]] = {}
    for decorator in decorators.field_validators.values():
        func = getattr(decorator.func, "__func__", decorator.func)
        check = getattr(func, "quick_check", None)
        if decorator.info.mode != "after" or check not in values.QUICK_CHECKS:
            raise Unsupported(f"{name}: field validator {func!r} names no check of QUICK_CHECKS")
        for field in decorator.info.fields:
            if field not in model.model_fields:
                raise Unsupported(f"{name}: validator of unknown field {field}")
            checks.setdefault(field, []).append(check)
    fields = []
    for field_name, info in model.model_fields.items():
        fields.append(_field(name, field_name, info, checks.get(field_name, []), todo))
    return {"fields": fields}


def _field(
    model: str, name: str, info: FieldInfo, checks: list[str], todo: list[type[BaseModel]]
) -> dict[str, Any]:
    where = f"{model}.{name}"
    if (
        getattr(info, "strict", None) is not None  # pydantic keeps it in metadata now
        or info.validate_default is not None
        or info.discriminator is not None
        or info.validation_alias not in (None, info.alias)
        or info.default_factory_takes_validated_data
    ):
        raise Unsupported(f"{where}: a field setting quick.py does not implement")
    kind = _type(info.annotation, todo)
    out: dict[str, Any] = {"name": name, "alias": info.alias, "type": kind}
    if info.description:
        out["description"] = info.description  # load.py's messages show it (field_help)
    constraints: dict[str, Any] = {}
    for meta in info.metadata:
        if type(meta).__name__ == "MinLen" and kind[0] == "list":
            constraints["min_length"] = meta.min_length
        elif type(meta).__name__ == "_PydanticGeneralMetadata" and kind == ["str"]:
            extra = dict(vars(meta))
            if set(extra) != {"pattern"}:
                raise Unsupported(f"{where}: constraint {extra}")
            constraints["pattern"] = extra["pattern"]
        else:
            raise Unsupported(f"{where}: constraint {meta!r}")
    if constraints:
        out["constraints"] = constraints
    if checks:
        out["checks"] = checks
    if info.default_factory is not None:
        factory = info.default_factory
        if factory is list or factory is dict:
            out["factory"] = factory.__name__
        elif isinstance(factory, type) and issubclass(factory, BaseModel):
            todo.append(factory)
            out["factory"] = ["model", factory.__name__]
        else:
            raise Unsupported(f"{where}: default_factory {factory!r}")
    elif info.default is PydanticUndefined:
        out["required"] = True
    else:
        out["default"] = _default(where, info.default)
    return out


def _default(where: str, value: Any) -> Any:
    if value is None or type(value) is str:
        return ["value", value]
    if isinstance(value, Enum):
        return ["enum", _enum_name(type(value)), value.value]
    raise Unsupported(f"{where}: default {value!r}")


def _enum_name(cls: type[Enum]) -> str:
    if getattr(values, cls.__name__, None) is not cls or not issubclass(cls, str):
        raise Unsupported(f"enum {cls!r} is not a str enum of registry/values.py")
    return cls.__name__


def _type(annotation: Any, todo: list[type[BaseModel]]) -> list[Any]:
    """One annotation as a nested list: ``["union", [...]]``, ``["list", item]``…"""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is type(None):
        return ["none"]
    if annotation is str:
        return ["str"]
    if annotation is bool:
        return ["bool"]
    if annotation is dt.date:
        return ["date"]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ["enum", _enum_name(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        todo.append(annotation)
        return ["model", annotation.__name__]
    if origin is typing.Literal:
        if not all(type(arg) is str for arg in args):
            raise Unsupported(f"Literal of other than strings: {annotation!r}")
        return ["literal", list(args)]
    if origin is list:
        return ["list", _type(args[0], todo)]
    if origin is dict:
        return ["dict", _type(args[0], todo), _type(args[1], todo)]
    if origin in (typing.Union, types.UnionType):
        return ["union", [_type(arg, todo) for arg in args]]
    if origin is typing.Annotated:
        for meta in annotation.__metadata__:
            if not isinstance(meta, FieldInfo) or meta.metadata:
                raise Unsupported(f"Annotated with {meta!r}")
            if set(meta._attributes_set) - _DOC_ONLY:
                raise Unsupported(f"Annotated with a Field that validates: {meta!r}")
        return ["annotated", _type(args[0], todo)]
    raise Unsupported(f"annotation {annotation!r}")


if __name__ == "__main__":
    write()
    print(f"wrote {SPEC_FILE}")
