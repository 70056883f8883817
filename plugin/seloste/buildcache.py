"""The build cache: a validated registry and what follows from it alone, kept between builds.

Most builds do not change the registry. Validating it needs pydantic and the models'
schemas (the largest part of what the plugin adds to a small build, in time and in
memory), and the notices' Markdown and the lint findings depend on nothing but the
registry, Seloste itself and the message language. So the plugin keeps them under
the project, like Material's plugins do (``.cache/plugin/seloste/``), and a build whose
inputs did not change reads them back instead of working them out again; it then
imports neither pydantic nor the notice and lint modules.

What an entry holds: the ``LoadedRegistry`` (its models stored as ``Record``\\ s, plain
read-only values), the declared view cached on it, and the results the plugin asked
``memo()`` for during the build (notice pages per language and links, lint and
cookie findings).

What makes it safe:

- the **key** is a SHA-256 of everything the cached values depend on: the registry
  file's bytes and its name as shown in messages, the notice languages, the message
  language, Seloste's version and every file of the installed package (code and
  data: catalogue, wording, rules: name, size and modification time), and the Python
  version; any change is another key,
  so an edited registry is never served from an old entry;
- each entry carries the SHA-256 of its payload and its own key: a truncated,
  corrupt or foreign file (another registry's, another version's) is ignored and
  the build loads the registry in full, as without a cache;
- payloads are read with an unpickler that only builds Seloste's own classes and
  a few plain standard types (no functions, no other modules), so an entry cannot
  run code;
- writes go to a temporary file renamed into place: two builds at once never see
  half an entry.

A cache never changes a build's output (``tests/test_build_cache.py`` builds sites
with and without it and compares every byte and every finding).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .fields_repr import FieldsRepr
from .registry.loaded import LoadedRegistry

#: Bump when the payload's shape changes (then old entries are simply not found).
FORMAT = 1
MAGIC = b"seloste-build-cache\n"
SUFFIX = ".pickle"
#: Entries kept per cache directory (one per registry version a site was built with).
KEEP = 8
PACKAGE = Path(__file__).resolve().parent


class Record:
    """A registry model's validated values, read back without pydantic.

    Attribute access as on the model (``service.id``, ``registry.controller.name``);
    ``model_fields_set`` as pydantic has it; equal when model and values are equal.
    Read-only: nothing may change a registry after it was validated.
    """

    __slots__ = ("model_name", "_values", "model_fields_set")

    model_name: str
    _values: dict[str, Any]
    model_fields_set: frozenset[str]

    def __init__(self, model_name: str, values: dict[str, Any], fields_set: frozenset[str]):
        object.__setattr__(self, "model_name", model_name)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "model_fields_set", fields_set)

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(f"{self.model_name} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self.model_name} from the build cache is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self.model_name == other.model_name and self._values == other._values

    __hash__ = None  # type: ignore[assignment]  # like pydantic's (mutable) models

    def __repr__(self) -> str:
        return f"{self.model_name}({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"

    def __reduce__(self) -> tuple:
        return (_record, (self.model_name, self._values, self.model_fields_set))


class RegistryRecord(Record):
    """The whole registry: ``Registry``'s own method too."""

    __slots__ = ()

    def service(self, service_id: str) -> Any:
        return next((s for s in self.services if s.id == service_id), None)


def _record(model_name: str, values: dict[str, Any], fields_set: frozenset[str]) -> Record:
    kind = RegistryRecord if model_name == "Registry" else Record
    return kind(model_name, values, frozenset(fields_set))


@cache
def package_digest() -> str:
    """Every file of the installed package (code, catalogue, wording, rules): its name,
    size and modification time, as Python itself decides whether a ``.pyc`` is stale.
    Installing another version, or editing a file in a development install, changes it."""
    digest = hashlib.sha256()
    _digest_folder(str(PACKAGE), "", digest)
    return digest.hexdigest()


def _digest_folder(folder: str, rel: str, digest: Any) -> None:
    """``package_digest``'s lines for ``folder`` (shown as ``rel``), in ``os.walk``'s order:
    its files by name, then each sub-folder by name (``__pycache__`` and links to folders
    left out). One ``scandir`` a folder instead of a ``stat`` and a ``relpath`` a file."""
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    folders = []
    lines = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name != "__pycache__" and not entry.is_symlink():
                folders.append(entry)
        elif not entry.name.endswith(".pyc"):
            info = entry.stat()
            lines.append(f"{rel}{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n")
    digest.update("".join(lines).encode())
    for entry in folders:
        _digest_folder(entry.path, f"{rel}{entry.name}{os.sep}", digest)


def entry_key(registry_bytes: bytes, *parts: object) -> str:
    """The key of everything derived from this registry text under these conditions."""
    from . import __version__

    digest = hashlib.sha256()
    for part in (
        FORMAT,
        __version__,
        package_digest(),
        sys.version_info[:2],
        pickle.HIGHEST_PROTOCOL,
        *parts,
    ):
        digest.update(repr(part).encode() + b"\0")
    digest.update(hashlib.sha256(registry_bytes).digest())
    return digest.hexdigest()


#: Where Voikko and Hunspell (through Enchant) find their dictionaries on Debian and as
#: their documentation lists; a dictionary installed or removed changes a folder's time.
_DICTIONARY_DIRS = (
    "/usr/lib/voikko",
    "/usr/share/voikko",
    "/etc/voikko",
    "~/.voikko",
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/lib/x86_64-linux-gnu/enchant-2",
)
_DICTIONARY_ENV = ("VOIKKO_DICTIONARY_PATH", "DICPATH", "ENCHANT_CONFIG_DIR", "ENCHANT_DATA_DIR")


def spelling_environment() -> tuple:
    """What the spelling rules' results depend on outside the registry and Seloste: whether
    the Voikko and Enchant bindings are installed and the dictionary folders (lint findings
    are remembered under this, so installing a dictionary is seen on the next build)."""
    from importlib.util import find_spec

    bindings = tuple(
        (name, getattr(find_spec(name), "origin", None)) for name in ("libvoikko", "enchant")
    )
    folders = []
    for folder in _DICTIONARY_DIRS:
        try:
            info = os.stat(os.path.expanduser(folder))
        except OSError:
            continue
        folders.append((folder, info.st_mtime_ns))
    return (bindings, tuple(folders), tuple(os.environ.get(v) for v in _DICTIONARY_ENV))


@dataclass(repr=False)
class Entry(FieldsRepr):
    """One build's registry and what was derived from it, under one key."""

    key: str
    loaded: LoadedRegistry
    memo: dict[tuple, Any] = field(default_factory=dict)
    #: Whether ``memo`` gained values since the entry was read (then it is written again).
    changed: bool = True
    #: The slots this build asked for: only they are written (a theme file that changed,
    #: a notice option that was turned off, leave no stale values behind).
    used: set[tuple] = field(default_factory=set)

    def start_build(self) -> None:
        """The same entry serves another build (``mkdocs serve``)."""
        self.used = set()

    def needs_writing(self) -> bool:
        return self.changed or len(self.used) != len(self.memo)

    def has(self, name: str, args: Hashable) -> bool:
        """Whether ``get(name, args, …)`` has its value without computing it."""
        return (name, args) in self.memo

    def get(self, name: str, args: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value, remembered under (name, args) for later builds."""
        slot = (name, args)
        self.used.add(slot)
        if slot in self.memo:
            return self.memo[slot]
        value = compute()
        self.memo[slot] = value
        self.changed = True
        return value


#: Values of a build that depend on Seloste alone, never on the registry: the package's
#: parsed data files, the built-in signatures, the scans of the theme's JS/CSS (their key
#: holds everything of the registry the scanner reads). Kept besides the entries, so a
#: build after a registry edit (a new entry) does not work them out again.
SHARED_SUFFIX = ".shared"
#: Shared stores kept per folder (one per Seloste version a site was built with).
SHARED_KEEP = 2


def shared_key() -> str:
    """The key of the values that depend on Seloste (its files, version) and Python alone."""
    return entry_key(b"", "shared")


@dataclass(repr=False)
class Shared(FieldsRepr):
    """The registry-independent values of the last build (``SHARED_SUFFIX``)."""

    key: str
    memo: dict[tuple, Any] = field(default_factory=dict)
    changed: bool = False
    used: set[tuple] = field(default_factory=set)

    def get(self, name: str, args: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value, or the one stored under (name, args) by an earlier build."""
        slot = (name, args)
        self.used.add(slot)
        if slot in self.memo:
            return self.memo[slot]
        value = self.memo[slot] = compute()
        self.changed = True
        return value


def read_shared(directory: str | Path) -> Shared:
    """The shared values stored in ``directory`` for this Seloste (empty when none can be
    trusted: missing, damaged, another version's)."""
    key = shared_key()
    content = read_value(Path(directory) / (key + SHARED_SUFFIX), key)
    memo = content.get("memo") if isinstance(content, dict) else None
    return Shared(key, memo if isinstance(memo, dict) else {})


def write_shared(directory: str | Path, shared: Shared) -> bool:
    """Store the values this build used (atomically); False when it could not be."""
    folder = Path(directory)
    memo = {slot: value for slot, value in shared.memo.items() if slot in shared.used}
    path = folder / (shared.key + SHARED_SUFFIX)
    if not write_value(path, shared.key, {"format": FORMAT, "memo": memo}):
        return False
    shared.memo, shared.changed = memo, False
    prune(folder, path.stem, SHARED_SUFFIX, SHARED_KEEP)
    return True


def read(directory: str | Path, key: str) -> Entry | None:
    """The entry stored under ``key``, or None when there is none or it cannot be trusted."""
    content = read_value(Path(directory) / (key + SUFFIX), key)
    if (
        not isinstance(content, dict)
        or content.get("format") != FORMAT
        or not isinstance(content.get("loaded"), LoadedRegistry)
        or not isinstance(content.get("memo"), dict)
    ):
        return None
    return Entry(key, content["loaded"], content["memo"], changed=False)


def read_value(path: Path, key: str) -> Any:
    """What ``write_value`` stored at ``path`` under ``key``; None when the file is missing,
    damaged, another key's, or would build anything but Seloste's classes and plain types."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + 65  # magic, 64 hex digits, newline
    if not data.startswith(MAGIC) or len(data) <= header or data[header - 1 : header] != b"\n":
        return None
    stored_digest, payload = data[len(MAGIC) : header - 1], data[header:]
    if hashlib.sha256(payload).hexdigest().encode() != stored_digest:
        return None
    try:
        content = _SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a foreign or damaged payload: rebuild it, never trust it
        return None
    if not isinstance(content, dict) or content.get("key") != key:
        return None
    return content


def write(directory: str | Path, entry: Entry) -> bool:
    """Store ``entry`` (atomically); False when it could not be (the build goes on)."""
    folder = Path(directory)
    memo = {slot: value for slot, value in entry.memo.items() if slot in entry.used}
    content = {"format": FORMAT, "loaded": entry.loaded, "memo": memo}
    if not write_value(folder / (entry.key + SUFFIX), entry.key, content):
        return False
    entry.memo = memo
    entry.changed = False
    prune(folder, keep=entry.key)
    return True


def write_value(path: Path, key: str, content: dict[str, Any]) -> bool:
    """Store ``content`` with its ``key`` at ``path``, atomically; False when it could not be.

    The payload is pickled straight into the file, frame by frame (the end of a build is
    when its memory peaks: the payload is never held whole in memory), through a writer
    that hashes what passes; the header's digest is written last, in its place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        try:
            with open(temp, "wb") as out:
                out.write(MAGIC + b"0" * 64 + b"\n")
                hashing = _HashingWriter(out)
                _Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL).dump({**content, "key": key})
                out.seek(len(MAGIC))
                out.write(hashing.digest.hexdigest().encode())
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except Exception:  # unwritable folder, a value that cannot be stored: no cache
        return False
    return True


class _HashingWriter:
    """A file's ``write`` that also feeds what it writes to a SHA-256 (the payload's)."""

    __slots__ = ("_out", "digest")

    def __init__(self, out: Any) -> None:
        self._out = out
        self.digest = hashlib.sha256()

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return self._out.write(data)


def prune(folder: Path, keep: str, suffix: str = SUFFIX, count: int = KEEP) -> None:
    """Only the newest ``count`` files of ``suffix`` stay (each registry edit makes a new
    entry, each Seloste or site-theme change a new shared store, each dictionary set a new
    spelling store); ``keep`` (a stem) always."""
    try:
        entries = sorted(
            (p for p in folder.glob("*" + suffix) if not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[count:]:
            if old.stem != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass


class _Pickler(pickle.Pickler):
    """Stores registry models as ``Record``\\ s, so reading them back needs no pydantic."""

    def reducer_override(self, obj: Any) -> Any:
        pydantic = sys.modules.get("pydantic")  # no models exist unless it was imported
        if pydantic is not None and isinstance(obj, pydantic.BaseModel):
            return (
                _record,
                (type(obj).__name__, dict(obj.__dict__), frozenset(obj.model_fields_set)),
            )
        return NotImplemented


#: Plain standard types an entry may hold, besides Seloste's own classes.
_ALLOWED = {
    ("builtins", name)
    for name in ("set", "frozenset", "slice", "complex", "range", "bytearray", "list", "dict")
} | {
    ("builtins", "tuple"),
    ("builtins", "str"),
    ("builtins", "int"),
    ("builtins", "float"),
    ("builtins", "bool"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("re", "_compile"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PosixPath"),
    ("seloste.buildcache", "_record"),
}


class _SafeUnpickler(pickle.Unpickler):
    """Builds only Seloste's classes and the plain types above: an entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module.startswith("seloste.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a build cache entry")
