"""Zensical's configuration in its own format: ``zensical.toml`` tables.

Zensical reads Material's ``extra.consent`` under ``[project.extra.consent]``.
Seloste only needs to write strings, booleans, lists of strings and nested
tables, so a small emitter does (no TOML writer dependency for twelve lines).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key, ensure_ascii=False)


def toml_tables(name: str, table: Mapping[str, Any]) -> str:
    """``table`` as ``[name]`` with its scalars, then ``[name.sub]`` for each nested table."""
    lines = [f"[{name}]"]
    nested = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            nested.append((key, value))
        else:
            lines.append(f"{toml_key(key)} = {toml_value(value)}")
    out = "\n".join(lines) + "\n"
    for key, value in nested:
        out += "\n" + toml_tables(f"{name}.{toml_key(key)}", value)
    return out


def zensical_consent(consent: Mapping[str, Any]) -> str:
    """``extra.consent`` as zensical.toml tables."""
    return toml_tables("project.extra.consent", consent)
