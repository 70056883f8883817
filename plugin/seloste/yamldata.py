"""YAML for every stage: libyaml's C parser when present, and package data read once.

The catalogue, the signatures, the cookie facts, the wording and the rule
tables are YAML files shipped with the package. The pure-Python parser costs
about 0.4 s per build on them; libyaml (``CSafeLoader``, in PyYAML's wheels)
parses the same files several times faster with the same result. Each file is
read once per process (``mkdocs serve`` rebuilds reuse it).

The registry itself is read by ``registry/yamlpos.py``, which needs the
position of every value and so composes nodes itself.
"""

from __future__ import annotations

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


#: Package data files parsed in this process, by path.
_FILES: dict[Path, Any] = {}
PACKAGE = Path(__file__).resolve().parent


def load_yaml_file(path: Path) -> Any:
    """A package data file, parsed once per process (or handed over by ``preload``)."""
    try:
        return _FILES[path]
    except KeyError:
        value = _FILES[path] = load_yaml(path.read_text(encoding="utf-8"))
        return value


def parsed_files() -> dict[str, Any]:
    """The package's data files parsed so far, by their path inside the package."""
    out = {}
    for path, value in _FILES.items():
        try:
            out[path.resolve().relative_to(PACKAGE).as_posix()] = value
        except ValueError:
            continue  # not a file of the package: never handed over
    return out


def preload(files: dict[str, Any]) -> None:
    """Take ``parsed_files()`` of an earlier build of this very package (the MkDocs plugin
    keeps them in its build cache entry, whose key covers every package file): each is
    then not parsed again. Files parsed in this process already are kept as they are."""
    for rel, value in files.items():
        _FILES.setdefault(PACKAGE / rel, value)
