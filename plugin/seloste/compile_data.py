"""Write the package data's compiled forms: ``python -m seloste.compile_data``.

Run it after editing a YAML file of the package (tests/test_compiled_data.py fails
until then; a build stays right meanwhile, it parses the edited YAML itself):

- ``compiled/<path>.yaml.json`` for every YAML file of the package a build reads through
  ``yamldata.load_yaml_file`` (``SOURCES``): its parsed value, read with the json
  module instead of libyaml;
- ``compiled/builtin_signatures.json``: ``catalog/signatures.yaml`` validated, with its
  markers' required literals (``scan.signatures.compiled_builtin``), so a build neither
  checks nor parses the built-in regexes.

Each names the SHA-256 of the YAML bytes it was made from; a build uses it only when the
YAML on disk has exactly those bytes. A YAML file whose value JSON cannot hold as it is
(dates, keys that are not strings) gets no JSON form and is parsed as YAML.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .yamldata import COMPILED, PACKAGE, compiled_path, load_yaml, source_digest

#: The package's YAML files read through ``yamldata.load_yaml_file`` (the catalogue, the
#: codes, the lint tables, the messages, the notices' wording). The importer's tables and
#: the registry's terms are read otherwise, the signatures by ``compiled_builtin``.
SOURCES = (
    "catalog/cookies.yaml",
    "catalog/services.yaml",
    "codes.yaml",
    "lint/*.yaml",
    "messages/*.yaml",
    "notices/wording/*/*.yaml",
)


def yaml_files() -> list[Path]:
    """The YAML files of ``SOURCES``, sorted."""
    return sorted({path for pattern in SOURCES for path in PACKAGE.glob(pattern)})


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def compiled_yaml(path: Path) -> str | None:
    """The JSON form of one YAML file of the package, or None when JSON cannot hold it."""
    data = path.read_bytes()
    value = load_yaml(data.decode("utf-8"))
    try:
        text = dumps({"source_sha256": source_digest(data), "value": value})
    except (TypeError, ValueError):
        return None
    return text if _same(json.loads(text)["value"], value) else None


def compiled_files() -> dict[Path, str]:
    """Every compiled file as it should be now: its path → its text."""
    from .scan.signatures import COMPILED_BUILTIN, compiled_builtin

    out: dict[Path, str] = {}
    for path in yaml_files():
        text = compiled_yaml(path)
        where = compiled_path(path)
        if text is not None and where is not None:
            out[where] = text
    signatures = PACKAGE / "catalog" / "signatures.yaml"
    out[COMPILED_BUILTIN] = dumps(compiled_builtin(signatures.read_bytes()))
    return out


def write() -> list[Path]:
    """Write every compiled file and remove those of YAML files that are gone."""
    wanted = compiled_files()
    for stale in COMPILED.rglob("*.json"):
        if stale not in wanted:
            stale.unlink()
    changed = []
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for written in write():
        print(written.relative_to(PACKAGE), file=sys.stderr)
