"""A loaded registry: the validated model, where each value stands in the file, and the
languages it was checked for. No pydantic here, so stages that only read a registry (and
a build served from the cache, ``buildcache.py``) need not import the loader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..fields_repr import FieldsRepr
from ..findings import Finding
from ..yamlpos import Located, PathKey, Pos

if TYPE_CHECKING:
    from .model import Registry


@dataclass(repr=False)
class LoadedRegistry(FieldsRepr):
    """A validated registry and where each of its values stands in the file."""

    registry: Registry
    path: str
    located: Located
    languages: list[str]
    #: The file's text, for pointing at a phrase inside a long text.
    source: str | None = None

    def where(self, path: PathKey) -> Pos:
        return self.located.pos(path)


def registry_finding(
    code: str, message: str, shown: str, pos: Pos, path: PathKey, fix: str | None = None
) -> Finding:
    """A finding at a value of the registry file: its line and column, its path as the typed
    ``field`` (``lint.ignore`` may name it) and in ``data`` for JSON readers, the code's
    severity from the table."""
    from ..codes import finding

    facts = {"path": path, "field": format_path(path)}
    return finding(
        code, message, shown, pos.line, pos.col, fix, origin="registry", field=path, data=facts
    )


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    if out:
        return out
    from ..messages import msg  # only for the rare finding about the whole file

    return msg("R.top_level")
