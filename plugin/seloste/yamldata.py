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

from functools import cache
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


@cache
def load_yaml_file(path: Path) -> Any:
    """A package data file, parsed once per process."""
    return load_yaml(path.read_text(encoding="utf-8"))
