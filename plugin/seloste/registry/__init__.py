"""Registry stage: load and validate the registry YAML (see model.py for the format).

``load_registry(path, languages)`` / ``parse_registry(text, shown, languages)`` return a
``LoadedRegistry`` or raise ``SelosteError`` with every problem as an R1xx finding;
``schema.registry_schema()`` is the JSON Schema editors use (``seloste schema``).

The names below are imported on first use (PEP 562): ``seloste.registry.values`` and
``seloste.registry.loaded`` must stay importable without pydantic, which the loader and
the models need (a build served from the cache never loads them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import DEFAULT_LANGUAGES, load_registry, parse_registry
    from .loaded import LoadedRegistry, format_path
    from .model import Registry
    from .values import Category, LegalBasis, is_language_code, text_in

_WHERE = {
    "DEFAULT_LANGUAGES": "load",
    "load_registry": "load",
    "parse_registry": "load",
    "LoadedRegistry": "loaded",
    "format_path": "loaded",
    "Registry": "model",
    "Category": "values",
    "LegalBasis": "values",
    "is_language_code": "values",
    "text_in": "values",
}

__all__ = [
    "DEFAULT_LANGUAGES",
    "Category",
    "LegalBasis",
    "LoadedRegistry",
    "Registry",
    "format_path",
    "is_language_code",
    "load_registry",
    "parse_registry",
    "text_in",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
