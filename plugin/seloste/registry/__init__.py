"""Registry stage: load and validate the registry YAML (see model.py for the format)."""

from .load import LoadedRegistry, format_path, load_registry, parse_registry
from .model import Category, LegalBasis, Registry, text_in

__all__ = [
    "Category",
    "LegalBasis",
    "LoadedRegistry",
    "Registry",
    "format_path",
    "load_registry",
    "parse_registry",
    "text_in",
]
