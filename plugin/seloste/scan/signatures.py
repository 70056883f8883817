"""Tracker signatures: the package's ``catalog/signatures.yaml`` plus a user's own files.

A signature says how a service shows up in built files: the URLs that load it
(host + path), the code its snippet leaves in inline scripts, and the shape of
its tracking ids. User files have the same shape; an id that is already known
gets the user's patterns added to it, a new id becomes a custom service.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..codes import finding
from ..fields_repr import FieldsRepr

if sys.version_info >= (3, 11):  # the regex parser lives in re._parser since 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

from ..findings import Finding, SelosteError
from ..messages import msg
from ..yamlpos import Located, YamlProblem, load_located

#: The longest host name DNS allows.
MAX_HOST = 253
ENTRY_KEYS = ("name", "loaders", "pixels", "markers", "ids")
PATTERN_KEYS = ("host", "path")
SERVICE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HOST_RE = re.compile(r"^(\*|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?)$")


@dataclass(frozen=True, repr=False)
class UrlPattern(FieldsRepr):
    """A URL shape: ``host`` (a domain, its subdomains included; ``*`` = any labels) + ``path``."""

    host: str
    path: str | None = None

    @property
    def key(self) -> str | None:
        """The fixed domain to index this pattern under, or None when the host has wildcards."""
        return None if "*" in self.host else self.host

    def compile(self) -> re.Pattern[str]:
        """Regex over ``host + path?query`` (host lowercased, no scheme, no port)."""
        if self.host == "*":
            host_re = r"[^/?#]+"
        else:
            labels = []
            for label in self.host.split("."):
                labels.append(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*" if label == "*" else re.escape(label))
            host_re = r"(?:[a-z0-9-]+\.)*" + r"\.".join(labels)
        path_re = f"(?:{self.path})" if self.path else r"(?=[/?#]|$)"
        return re.compile(host_re + path_re, re.IGNORECASE)


@dataclass(frozen=True, repr=False)
class Signature(FieldsRepr):
    service: str
    name: str = ""
    loaders: tuple[UrlPattern, ...] = ()
    pixels: tuple[UrlPattern, ...] = ()
    markers: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    source: str = "builtin"

    def merged(self, other: Signature) -> Signature:
        return Signature(
            self.service,
            other.name or self.name,
            self.loaders + other.loaders,
            self.pixels + other.pixels,
            self.markers + other.markers,
            self.ids + other.ids,
            f"{self.source}+{other.source}",
        )


@dataclass(repr=False)
class _CompiledUrl(FieldsRepr):
    """A URL pattern of one service, compiled the first time a URL on its domain is seen:
    a site meets a few of the catalogue's domains, and compiling costs more than matching."""

    service: str
    pattern: UrlPattern
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = self.pattern.compile()
        return self._regex

    def matches(self, host: str, rest: str) -> bool:
        """``regex.match(host + rest)``. A pattern that is a fixed domain alone (most of the
        catalogue's) is answered without compiling its regex when ``host`` has only the
        characters of DNS names and ``rest`` starts where a host ends: the regex then
        matches exactly when ``host`` is the domain or a subdomain of it whose labels are
        not empty (``match_url`` only asks for domains ``host`` ends with)."""
        key = self.pattern.key
        if (
            key is not None
            and self.pattern.path is None
            and (not rest or rest[0] in "/?#")
            and _NAME_CHARS.issuperset(host)
            and _NAME_CHARS.issuperset(key)
        ):
            host, key = host.lower(), key.lower()  # the regex ignores case
            if host == key:
                return True
            if not host.endswith("." + key):
                return False
            return "" not in host[: -len(key) - 1].split(".")
        return self.regex.match(host + rest) is not None

    def __getstate__(self) -> dict:
        # Stored (build cache) without the compiled regex: it is compiled when first needed.
        return {**self.__dict__, "_regex": None}


#: The characters of a host name ``_CompiledUrl.matches`` answers without a regex.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


@dataclass(repr=False)
class _Marker(FieldsRepr):
    """A snippet marker; its regex is compiled once a script holds all its ``needles``."""

    service: str
    pattern: str
    needles: tuple[str, ...]
    leading: str | None
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern)
        return self._regex

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_regex": None}


@dataclass(repr=False)
class Signatures(FieldsRepr):
    """A set of signatures compiled for fast matching (each regex when first needed)."""

    by_service: dict[str, Signature]
    _by_domain: dict[str, list[_CompiledUrl]] = field(init=False, repr=False)
    _wild: list[_CompiledUrl] = field(init=False, repr=False)
    _markers: list[_Marker] = field(init=False, repr=False)
    _ids: dict[str, list[re.Pattern[str]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_domain = {}
        self._wild = []
        self._markers = []
        self._ids = {}
        for sig in self.by_service.values():
            for pattern in sig.loaders + sig.pixels:
                compiled = _CompiledUrl(sig.service, pattern)
                if pattern.key is None:
                    self._wild.append(compiled)
                else:
                    self._by_domain.setdefault(pattern.key, []).append(compiled)
            for marker in sig.markers:
                self._markers.append(_Marker(sig.service, marker, *_marker_literals(marker)))

    @property
    def services(self) -> list[str]:
        return list(self.by_service)

    def match_url(self, host: str, rest: str) -> list[str]:
        """Services whose loader or pixel matches ``host`` (lowercase) + ``rest`` (path?query)."""
        if len(host) > MAX_HOST:  # no DNS name is that long
            return []
        target = host + rest
        found: list[str] = []
        candidate = host
        while True:
            for compiled in self._by_domain.get(candidate, ()):
                if compiled.service not in found and compiled.matches(host, rest):
                    found.append(compiled.service)
            dot = candidate.find(".")
            if dot < 0:
                break
            candidate = candidate[dot + 1 :]
        for compiled in self._wild:
            if compiled.service not in found and compiled.regex.match(target):
                found.append(compiled.service)
        return found

    def knows_host(self, host: str) -> bool:
        """Whether ``host`` is (a subdomain of) a domain some signature names."""
        candidate = host
        while True:
            if candidate in self._by_domain:
                return True
            dot = candidate.find(".")
            if dot < 0:
                return False
            candidate = candidate[dot + 1 :]

    def find_markers(self, text: str) -> list[tuple[str, int, int]]:
        """(service, start, end) of the first match of every marker found in ``text``."""
        out: list[tuple[str, int, int]] = []
        # Plain substring tests (C speed) rule most scripts out before any regex runs; each
        # needle once per text (17 markers need "tarteaucitron.job": one pass of a big file).
        present: dict[str, bool] = {}
        for marker in self._markers:
            for needle in marker.needles:
                found = present.get(needle)
                if found is None:
                    found = present[needle] = needle in text
                if not found:
                    break
            else:
                found = True
            if not found:
                continue
            if marker.leading:
                match = _search_from(marker.regex, text, marker.leading)
            else:
                match = marker.regex.search(text)
            if match:
                out.append((marker.service, match.start(), match.end()))
        return sorted(out, key=lambda item: item[1])

    def find_ids(self, service: str, text: str) -> list[str]:
        regexes = self._ids.get(service)
        if regexes is None:
            sig = self.by_service.get(service)
            regexes = self._ids[service] = [re.compile(r) for r in (sig.ids if sig else ())]
        ids: list[str] = []
        for regex in regexes:
            for match in regex.finditer(text):
                value = match.group(1) if regex.groups else match.group(0)
                if value and value not in ids:
                    ids.append(value)
        return ids

    def name_of(self, service: str) -> str:
        sig = self.by_service.get(service)
        return (sig.name if sig else "") or service

    def extended(self, extra: Iterable[Signature]) -> Signatures:
        """A new set with ``extra`` added: patterns of a known id are appended to it."""
        merged = dict(self.by_service)
        for sig in extra:
            merged[sig.service] = merged[sig.service].merged(sig) if sig.service in merged else sig
        return Signatures(merged)

    def with_hosts(
        self, service: str, hosts: Iterable[str], source: str = "registry"
    ) -> Signatures:
        """A new set where every URL on ``hosts`` counts as ``service`` (a registry's custom service)."""
        patterns = tuple(UrlPattern(h.strip().lower()) for h in hosts if h.strip())
        if not patterns:
            return self
        return self.extended([Signature(service, loaders=patterns, source=source)])


def required_literal(pattern: str, shortest: int = 3) -> str | None:
    """The longest plain text every match of ``pattern`` must contain, if one is long enough.

    Read from the parsed regex: only literals in its top-level sequence (and in
    groups that sequence requires) count; alternatives, classes and repeats end a run.
    """
    runs = _literal_runs(pattern)
    best = max(runs, key=len) if runs else ""
    return best if len(best) >= shortest else None


def required_literals(pattern: str, shortest: int = 3) -> tuple[str, ...]:
    r"""Every plain text (``shortest`` characters or more) each match must contain, longest
    first: ``\bga\(\s*["']create["']`` needs both ``create`` and ``ga(``."""
    runs = [run for run in _literal_runs(pattern) if len(run) >= shortest]
    return tuple(sorted(dict.fromkeys(runs), key=len, reverse=True))


def _literal_runs(pattern: str) -> list[str]:
    """The runs of plain text in the pattern's required sequence, in order (see above)."""
    parsed = _parse(pattern)
    if parsed is None:
        return []
    runs: list[str] = []
    current: list[str] = []

    def walk(items) -> None:
        nonlocal current
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                current.append(chr(arg))
            elif name == "AT":  # \b, ^, $: zero-width, the run goes on
                continue
            elif name == "SUBPATTERN" and not (arg[1] & re.IGNORECASE):
                walk(arg[3])
            else:
                runs.append("".join(current))
                current = []

    walk(parsed)
    runs.append("".join(current))
    return runs


#: Markers' (required_literals, leading_literal) worked out in this process, or read
#: with the built-in signatures' compiled form (``_compiled_builtin``).
_LITERALS: dict[str, tuple[tuple[str, ...], str | None]] = {}


def _marker_literals(pattern: str) -> tuple[tuple[str, ...], str | None]:
    """(required_literals, leading_literal) of a marker, worked out once per process."""
    try:
        return _LITERALS[pattern]
    except KeyError:
        found = _LITERALS[pattern] = (required_literals(pattern), leading_literal(pattern))
        return found


def leading_literal(pattern: str) -> str | None:
    r"""The text every match starts with, when the pattern opens with ``\b``/``^``.

    Python's regex engine skips ahead to a literal the pattern starts with, but not past
    a ``\b``: it then tries the whole pattern at every character (``\bga\(`` on a
    600 kB script: 10 ms). ``_search_from`` jumps between occurrences of this text instead.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    items = list(parsed)
    index = 0
    while index < len(items) and str(items[index][0]) == "AT":
        index += 1
    if index == 0:  # starts with a literal (the engine's own fast path) or something else
        return None
    chars = []
    for op, arg in items[index:]:
        if str(op) != "LITERAL":
            break
        chars.append(chr(arg))
    return "".join(chars) if len(chars) >= 2 else None


def _parse(pattern: str):
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return parsed


def _search_from(regex: re.Pattern[str], text: str, leading: str) -> re.Match[str] | None:
    """``regex.search(text)``, trying the pattern only where ``leading`` occurs: every match
    starts there (after zero-width assertions), so the first one that matches is the first
    match. Many occurrences: the engine searches on from the last one tried."""
    find = text.find
    at = find(leading)
    for _ in range(256):
        if at < 0:
            return None
        match = regex.match(text, at)
        if match:
            return match
        at = find(leading, at + 1)
    return regex.search(text, at) if at >= 0 else None


# -- loading -----------------------------------------------------------------------------------


def _error(path: str, line: int, col: int, message: str, fix: str, code: str = "S101") -> Finding:
    return finding(code, message, path, line, col, fix, origin="input")


def parse_signatures(text: str, display_path: str, source: str = "user") -> list[Signature]:
    """Validate one signature file's text; raise SelosteError naming file:line for each problem."""
    try:
        located = load_located(text)
    except YamlProblem as exc:
        raise SelosteError(
            [_error(display_path, exc.pos.line, exc.pos.col, exc.message, exc.fix or "")]
        ) from None
    problems: list[Finding] = []
    out = _read_entries(located, display_path, source, problems)
    if problems:
        raise SelosteError(problems)
    return out


def _read_entries(
    located: Located, shown: str, source: str, problems: list[Finding]
) -> list[Signature]:
    data = located.data

    def report(
        path: tuple, message: str, fix: str, *, at_key: bool = False, code: str = "S101"
    ) -> None:
        # problems with a service id or a key point at the key, others at the value
        pos = located.key_pos(path) if at_key or len(path) == 1 else located.pos(path)
        problems.append(_error(shown, pos.line, pos.col, message, fix, code))

    if not isinstance(data, dict):
        report((), msg("S101.not_mapping"), msg("S101.example"))
        return []
    out: list[Signature] = []
    for service, entry in data.items():
        if not isinstance(service, str) or not SERVICE_ID_RE.match(service):
            report((service,), msg("S101.not_id", id=service), msg("S101.not_id.fix"))
            continue
        if not isinstance(entry, dict):
            report((service,), msg("S101.entry_mapping", id=service), msg("S101.example"))
            continue
        for key in entry:
            if key not in ENTRY_KEYS:
                report(
                    (service, key),
                    msg("S101.unknown_key", key=key, id=service),
                    msg("S101.unknown_key.fix", keys=", ".join(ENTRY_KEYS)),
                    at_key=True,
                )
        loaders = _read_patterns(entry, (service, "loaders"), report)
        pixels = _read_patterns(entry, (service, "pixels"), report)
        markers = _read_regexes(entry, (service, "markers"), report, need_group=False)
        ids = _read_regexes(entry, (service, "ids"), report, need_group=True)
        name = entry.get("name") or ""
        if not isinstance(name, str):
            report((service, "name"), msg("S101.name"), msg("S101.name.fix"))
            name = ""
        if not any(entry.get(key) for key in ("loaders", "pixels", "markers")):
            report(
                (service,),
                msg("S101.nothing", id=service),
                msg("S101.nothing.fix"),
                at_key=True,
            )
        out.append(Signature(service, name, loaders, pixels, markers, ids, source))
    return out


def _read_patterns(entry: dict, path: tuple, report) -> tuple[UrlPattern, ...]:
    items = entry.get(path[-1])
    if items is None:
        return ()
    if not isinstance(items, list):
        report(path, msg("S101.list", key=path[-1]), msg("S101.patterns.fix"))
        return ()
    out = []
    for index, item in enumerate(items):
        where = (*path, index)
        if isinstance(item, str):
            item = {"host": item}
        if not isinstance(item, dict) or "host" not in item:
            report(where, msg("S101.no_host"), msg("S101.no_host.fix"))
            continue
        unknown = [k for k in item if k not in PATTERN_KEYS]
        if unknown:
            report(
                (*where, unknown[0]),
                msg("S101.pattern_key", key=unknown[0]),
                msg("S101.pattern_key.fix"),
                at_key=True,
            )
            continue
        host = str(item["host"]).strip().lower()
        if not HOST_RE.match(host):
            report(
                (*where, "host"),
                msg("S101.host", host=item["host"]),
                msg("S101.host.fix"),
            )
            continue
        path_re = item.get("path")
        if path_re is not None:
            path_re = str(path_re)
            if not path_re.startswith(("/", "\\/", "(", "[")):
                report(
                    (*where, "path"),
                    msg("S101.path", path=path_re),
                    msg("S101.path.fix"),
                )
                continue
            if not _compiles(path_re, (*where, "path"), report):
                continue
        out.append(UrlPattern(host, path_re))
    return tuple(out)


def _read_regexes(entry: dict, path: tuple, report, need_group: bool) -> tuple[str, ...]:
    items = entry.get(path[-1])
    if items is None:
        return ()
    if not isinstance(items, list):
        report(path, msg("S101.list", key=path[-1]), msg("S101.regexes.fix"))
        return ()
    out = []
    for index, item in enumerate(items):
        where = (*path, index)
        if not isinstance(item, str) or not item:
            report(where, msg("S101.pattern_text"), msg("S101.pattern_text.fix"))
            continue
        if not _compiles(item, where, report):
            continue
        if need_group and re.compile(item).groups != 1:
            report(
                where,
                msg("S101.id_group", pattern=item),
                msg("S101.id_group.fix"),
            )
            continue
        out.append(item)
    return tuple(out)


def _compiles(regex: str, where: tuple, report) -> bool:
    try:
        re.compile(regex)
    except re.error as exc:
        report(
            where,
            msg("S101.regex", regex=regex, problem=exc.msg, pos=exc.pos),
            msg("S101.regex.fix"),
        )
        return False
    risky = backtracking_risk(regex)
    if risky:
        what = (
            msg("S106.repeating_group")
            if risky.startswith("a group that")
            else msg("S106.alternatives")
        )
        report(
            where,
            msg("S106.backtracking", regex=regex, what=what),
            msg("S106.backtracking.fix"),
            code="S106",
        )
        return False
    return True


_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def backtracking_risk(pattern: str) -> str | None:
    """What makes ``pattern`` need exponential time on some text, or None.

    Python's regex engine backtracks: a repeated group that itself holds a repetition
    (``(x+x+)+y``) or alternatives (``(a|ab)*c``) can be split in exponentially many ways
    before the match fails. Such patterns are refused instead of being run with a time
    limit: signatures are checked on every page, and a limit would make results depend
    on the machine's speed.
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None

    def inner(items) -> str | None:
        """Repetition or alternatives anywhere in ``items``."""
        for op, arg in items:
            name = str(op)
            if name in _REPEATS and arg[1] > 1:
                return "a group that itself repeats"
            if name == "BRANCH":
                return "a group with alternatives (|)"
            for sub in _children(name, arg):
                found = inner(sub)
                if found:
                    return found
        return None

    def outer(items) -> str | None:
        for op, arg in items:
            name = str(op)
            if name in _REPEATS and arg[1] > 1:
                found = inner(arg[2])
                if found:
                    return found
            for sub in _children(name, arg):
                found = outer(sub)
                if found:
                    return found
        return None

    return outer(parsed)


def _children(name: str, arg) -> list:
    """The sub-patterns of one parsed regex item."""
    if name in _REPEATS:
        return [arg[2]]
    if name == "SUBPATTERN":
        return [arg[3]]
    if name == "BRANCH":
        return list(arg[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [arg[1]]
    if name == "ATOMIC_GROUP":
        return [arg]
    if name == "GROUPREF_EXISTS":
        return [a for a in arg[1:] if a is not None]
    return []


def read_signature_file(path: str | Path) -> list[Signature]:
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SelosteError(
            [
                finding(
                    "S100",
                    msg("S100.not_found"),
                    shown,
                    fix=msg("S100.not_found.fix"),
                    origin="input",
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        raise SelosteError(
            [
                finding(
                    "S100",
                    msg("S100.not_utf8", reason=exc.reason),
                    shown,
                    fix=msg("S100.not_utf8.fix"),
                    origin="input",
                )
            ]
        ) from None
    return parse_signatures(text, shown)


#: The built-in signatures as ``compiled_builtin`` wrote them (``python -m seloste.compile_data``).
COMPILED_BUILTIN = Path(__file__).resolve().parent.parent / "compiled" / "builtin_signatures.json"
BUILTIN_SHOWN = "seloste/catalog/signatures.yaml"


@cache
def builtin_signatures() -> Signatures:
    data = resources.files("seloste.catalog").joinpath("signatures.yaml").read_bytes()
    entries = _compiled_builtin(data)
    if entries is None:
        entries = parse_signatures(data.decode("utf-8"), BUILTIN_SHOWN, source="builtin")
    return with_catalogue_names(entries)


def with_catalogue_names(entries: list[Signature]) -> Signatures:
    """The built-in ``entries`` as a build uses them: each named as the catalogue names its
    service where the signature file gives no name."""
    from ..catalog import services

    names = services()
    with_names = [
        Signature(
            s.service,
            s.name or (names[s.service].name if s.service in names else ""),
            s.loaders,
            s.pixels,
            s.markers,
            s.ids,
            s.source,
        )
        for s in entries
    ]
    return Signatures({s.service: s for s in with_names})


def compiled_builtin(data: bytes) -> dict:
    """The built-in signature file (its bytes ``data``), validated and with its markers'
    literals worked out, as plain JSON values: a build reads this instead of checking
    and parsing every regex of the file (``COMPILED_BUILTIN``, kept equal to the file by
    tests/test_compiled_data.py). Raises SelosteError when the file has problems."""
    from ..yamldata import source_digest

    entries = parse_signatures(data.decode("utf-8"), BUILTIN_SHOWN, source="builtin")
    markers = dict.fromkeys(m for s in entries for m in s.markers)
    return {
        "source_sha256": source_digest(data),
        "signatures": [
            [
                s.service,
                s.name,
                [[p.host, p.path] for p in s.loaders],
                [[p.host, p.path] for p in s.pixels],
                list(s.markers),
                list(s.ids),
            ]
            for s in entries
        ],
        # worked out here, not taken from _LITERALS (which a compiled file may have filled)
        "marker_literals": [[m, required_literals(m), leading_literal(m)] for m in markers],
    }


def _compiled_builtin(data: bytes) -> list[Signature] | None:
    """The built-in signatures from ``COMPILED_BUILTIN`` when it was made from exactly
    ``data`` (else None: the file is parsed and checked)."""
    import json

    from ..yamldata import source_digest

    try:
        stored = json.loads(COMPILED_BUILTIN.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("source_sha256") != source_digest(data):
        return None
    for marker, needles, leading in stored["marker_literals"]:
        _LITERALS.setdefault(marker, (tuple(needles), leading))
    return [
        Signature(
            service,
            name,
            tuple(UrlPattern(host, path) for host, path in loaders),
            tuple(UrlPattern(host, path) for host, path in pixels),
            tuple(markers),
            tuple(ids),
            "builtin",
        )
        for service, name, loaders, pixels, markers, ids in stored["signatures"]
    ]


def load_signatures(files: Sequence[str | Path] = (), base: Signatures | None = None) -> Signatures:
    """The built-in signatures (or ``base``: the same, read back from the build cache) plus
    every user file in ``files`` (errors from all files at once)."""
    base = base or builtin_signatures()
    if not files:
        return base
    extra: list[Signature] = []
    problems: list[Finding] = []
    for path in files:
        try:
            extra.extend(read_signature_file(path))
        except SelosteError as exc:
            problems.extend(exc.findings)
    if problems:
        raise SelosteError(problems)
    return base.extended(extra)
