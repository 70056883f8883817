"""YAML for every stage: libyaml's C parser when present, and package data read once.

The catalogue, the signatures, the cookie facts, the wording and the rule
tables are YAML files shipped with the package. The pure-Python parser costs
about 0.4 s per build on them; libyaml (``CSafeLoader``, in PyYAML's wheels)
parses the same files several times faster with the same result. Each file is
read once per process (``mkdocs serve`` rebuilds reuse it).

The package's files are also shipped as JSON (``compiled/<path>.json``, written by
``python -m seloste.compile_data``): a first build (no build cache yet: a fresh CI
clone) reads them with the json module's C parser, ~30 times faster than libyaml.
Each JSON file names the SHA-256 of the YAML text it was made from and is used only
when that is the text on disk now, so an edited YAML file is parsed as before until
the JSON is written again (tests/test_compiled_data.py keeps them equal).

The registry itself is read by ``yamlpos.py``, which needs the
position of every value and so composes nodes itself.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml: same results as SafeLoader, several times faster
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]


def load_yaml(text: str) -> Any:
    """Parse trusted YAML text (package data) into plain Python values."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


#: Package data files parsed in this process, by path (not kept in the build cache: their
#: JSON form is read about as fast as a pickle, and a value kept there would be held through
#: every later build, also the files that build never needs).
_FILES: dict[Path, Any] = {}
PACKAGE = Path(__file__).resolve().parent
#: The package's YAML files as JSON (``compiled/catalog/services.yaml.json``).
COMPILED = PACKAGE / "compiled"


def load_yaml_file(path: Path, *, keep: bool = True) -> Any:
    """A package data file, parsed once per process. ``keep=False`` for a caller that makes
    (and keeps) its own form of the file, e.g. the catalogue's ``ServiceInfo``\\ s: the value
    is parsed for it and not held here too, through the rest of the build (issue #9)."""
    try:
        return _FILES[path]
    except KeyError:
        data = path.read_bytes()
        value = compiled_value(path, data)
        if value is _MISSING:
            value = load_yaml(data.decode("utf-8"))
        if keep:
            _FILES[path] = value
        return value


_MISSING = object()


def compiled_path(path: Path) -> Path | None:
    """Where the JSON form of the package file ``path`` is (None: not a package file)."""
    try:
        rel = path.resolve().relative_to(PACKAGE).as_posix()
    except ValueError:
        return None
    return COMPILED / (rel + ".json")


def source_digest(data: bytes) -> str:
    """What a compiled file names its source by: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


def compiled_value(path: Path, data: bytes) -> Any:
    """The parsed value of ``path`` (whose bytes are ``data``) from its JSON form, or
    ``_MISSING`` when there is none made from exactly these bytes."""
    where = compiled_path(path)
    if where is None:
        return _MISSING
    try:
        stored = json.loads(where.read_bytes())
    except (OSError, ValueError):
        return _MISSING
    if not isinstance(stored, dict) or stored.get("source_sha256") != source_digest(data):
        return _MISSING
    return stored.get("value", _MISSING)
