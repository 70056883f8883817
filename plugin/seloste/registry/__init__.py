"""Registry stage: load and validate the registry YAML (see model.py for the format).

``load_registry(path, languages)`` / ``parse_registry(text, shown, languages)`` return a
``LoadedRegistry`` or raise ``SelosteError`` with every problem as an R1xx finding;
``schema.registry_schema()`` is the JSON Schema editors use (``seloste schema``).
"""

from .load import DEFAULT_LANGUAGES, LoadedRegistry, format_path, load_registry, parse_registry
from .model import Category, LegalBasis, Registry, is_language_code, text_in

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
