"""Where a tracker on the built site came from: the project's own file, line and column.

The scan sees ``site/index.html:112``; the user edits ``overrides/main.html`` (a theme
override), a Markdown page with raw HTML, ``mkdocs.yml`` (``extra.analytics``,
``extra_javascript``), a JS file in ``docs/``, Hugo's ``layouts/`` or Jekyll's
``_includes/``. Templates differ from their output (Jinja, Go and Liquid expressions),
so a source is found by the detection's evidence, not by its line: its tracking ids
first (``GTM-XXXX``, a pixel id), else its host (``connect.facebook.net``).

Nothing is read until a finding asks: a clean build costs nothing, and a build with
findings lists the project's files once and reads each at most once. With a ``memo`` (the
plugin's build cache) an answer is kept with the size and modification time of every
file it was searched in: a later build whose files did not change lists and stats them,
and reads none.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from .fields_repr import FieldsRepr
from .generator_table import GENERATORS

#: Files a site is written in (templates, pages, scripts, styles, configuration).
TEXT_SUFFIXES = frozenset(
    {
        ".html",
        ".htm",
        ".md",
        ".markdown",
        ".mdown",
        ".j2",
        ".jinja",
        ".jinja2",
        ".liquid",
        ".tmpl",
        ".gotmpl",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".css",
        ".scss",
        ".sass",
        ".less",
        ".yml",
        ".yaml",
        ".toml",
        ".json",
        ".xml",
        ".txt",
    }
)
#: A vendor bundle is read, a video is not: larger files are skipped.
MAX_SOURCE_BYTES = 8 * 1024 * 1024
#: Folders that are never a site's source (tools' caches, dependencies, the build itself).
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".cache",
        ".venv",
        "venv",
        "node_modules",
        "vendor",
        "__pycache__",
        ".jekyll-cache",
        ".sass-cache",
        "resources",
    }
)
#: Characters that continue an id: a match next to one is part of another word (an id may
#: follow a hyphen: ``hotjar-3712345.js``).
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
#: Characters that continue a host name.
_HOSTNAME = _ALNUM | frozenset("-_")
#: ``analytics:`` (indented, under ``extra:``) and the first ``property:`` below it, deeper.
_ANALYTICS_YAML = re.compile(
    r"(?m)^(?P<indent> +)analytics:[ \t]*(?:#.*)?\n(?:(?P=indent) +.*\n|[ \t]*(?:#.*)?\n)*?"
    r"(?P=indent) +(?P<key>property):"
)
_ANALYTICS_TOML = re.compile(
    r"(?m)^\[project\.extra\.analytics\][^\[]*?^[ \t]*(?P<key>property)[ \t]*="
)
#: Ids shorter than this (Matomo's site id "3") would match anywhere.
MIN_ID = 4


@dataclass(frozen=True, repr=False)
class SourceHit(FieldsRepr):
    """The first source that shows the evidence, and how many other files do too."""

    path: str  # POSIX, relative to the project
    line: int  # 1-based
    col: int  # 1-based
    more: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "more": self.more}

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, repr=False)
class Place(FieldsRepr):
    """A file or folder to search; a folder's files in name order, recursively."""

    path: Path
    #: For a folder: whether to leave out names starting with "_" (Jekyll's own folders,
    #: searched as places of their own, before the pages).
    skip_underscore: bool = False


@dataclass(repr=False)
class Sources(FieldsRepr):
    """The project's source files, searched on demand (each read at most once)."""

    root: Path
    places: Sequence[Place]
    #: Files and folders that are not sources even when inside a place (the built site,
    #: the registry).
    exclude: Sequence[Path] = ()
    #: The mkdocs.yml or zensical.toml whose ``extra.analytics`` Material's theme renders.
    material_config: Path | None = None
    #: ``memo(args, compute)``: ``compute()``, or the value an earlier build kept under
    #: ``args`` (the plugin's build cache). ``args`` holds every file's size and
    #: modification time (``state``): a changed file makes every answer new.
    memo: Callable[[Hashable, Callable[[], Any]], Any] | None = field(default=None, repr=False)
    _state: tuple | None = field(default=None, repr=False)
    _files: list[tuple[str, Path]] | None = field(default=None, repr=False)
    _texts: dict[Path, str | None] = field(default_factory=dict, repr=False)
    _found: dict[tuple, SourceHit | None] = field(default_factory=dict, repr=False)
    #: Every text in one (``_corpus``), where each starts and ends, and their files.
    _joined: tuple[str, list[int]] | None = field(default=None, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)
    _corpus_files: list[tuple[str, Path]] = field(default_factory=list, repr=False)

    # -- what a finding asks ---------------------------------------------------------------

    def locate(self, ids: Iterable[str] = (), host: str = "") -> SourceHit | None:
        """The source of evidence with these ids (first choice) or this host, or None."""
        ids = tuple(i for i in dict.fromkeys(ids) if len(i) >= MIN_ID)
        key = (ids, host.lower())
        if key not in self._found:
            self._found[key] = self._remembered(("locate", key), partial(self._locate, *key))
        return self._found[key]

    def _locate(self, ids: tuple[str, ...], host: str) -> SourceHit | None:
        hit = self._search(ids, _ALNUM) if ids else None
        if hit is None and host:
            # As a URL has it ("https://host", "//host"), so a page that only names the
            # host in its text is not taken for the source.
            hit = self._search(("//" + host,), _HOSTNAME, skip=2)
        return hit

    def _remembered(self, question: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()``, through ``memo`` when there is one."""
        if self.memo is None:
            return compute()
        return self.memo((self.state(), question), compute)

    def state(self) -> tuple:
        """What every answer depends on: the places searched, and each file (in search
        order) with its size and modification time (None: it cannot be read)."""
        if self._state is None:
            config = self.material_config
            self._state = (
                os.fspath(self.root),
                tuple((os.fspath(p.path), p.skip_underscore) for p in self.places),
                tuple(os.fspath(p) for p in self.exclude),
                None if config is None else (os.fspath(config), *_stat(config)),
                tuple((shown, os.fspath(path), *_stat(path)) for shown, path in self.files()),
            )
        return self._state

    def analytics_property(self) -> SourceHit | None:
        """The ``property`` line under ``extra.analytics`` (``[project.extra.analytics]``):
        where Material's analytics come from when the id itself is not in the file
        (``property: !ENV GOOGLE_ANALYTICS_KEY``)."""
        if self.material_config is None:
            return None
        return self._remembered(("analytics_property",), self._analytics_property)

    def _analytics_property(self) -> SourceHit | None:
        config = self.material_config
        assert config is not None  # asked only then
        text = self._text(config)
        if not text:
            return None
        found = _ANALYTICS_YAML.search(text) or _ANALYTICS_TOML.search(text)
        if found is None:
            return None
        return SourceHit(self._shown(config), *_line_col(text, found.start("key")))

    # -- searching -------------------------------------------------------------------------

    def _search(
        self, needles: Sequence[str], word: frozenset[str], skip: int = 0
    ) -> SourceHit | None:
        """The first file with a needle, and how many more; ``skip``: characters of the
        needle before what the column should point at.

        The files are searched as one text (``_corpus``, put together once): one
        ``str.find`` per occurrence of a needle in the whole project instead of one per
        file and needle, and no work at all for the files that do not hold it."""
        corpus, starts = self._corpus()
        first_file = -1
        first_at = -1
        holding: set[int] = set()
        for needle in needles:
            at = corpus.find(needle)
            while at >= 0:
                if _whole(corpus, at, at + len(needle), word):
                    index = bisect.bisect_right(starts, at) - 1
                    holding.add(index)
                    if (
                        first_file < 0
                        or index < first_file
                        or (index == first_file and at < first_at)
                    ):
                        first_file, first_at = index, at
                    # the rest of this file cannot come first nor add a file: skip it
                    at = corpus.find(needle, self._ends[index])
                    continue
                at = corpus.find(needle, at + 1)
        if first_file < 0:
            return None
        shown, path = self._corpus_files[first_file]
        text = corpus[starts[first_file] : self._ends[first_file]]
        line, col = _line_col(text, first_at - starts[first_file] + skip)
        return SourceHit(shown, line, col, len(holding) - 1)

    def _corpus(self) -> tuple[str, list[int]]:
        """Every source's text in search order, joined with a separator no needle holds
        and that continues no word, and where each file starts in it."""
        if self._joined is None:
            parts: list[str] = []
            starts: list[int] = []
            ends: list[int] = []
            kept: list[tuple[str, Path]] = []
            offset = 0
            for shown, path in self.files():
                text = self._text(path)
                if not text:
                    continue
                kept.append((shown, path))
                starts.append(offset)
                parts.append(text)
                offset += len(text)
                ends.append(offset)
                parts.append(_SEPARATOR)
                offset += len(_SEPARATOR)
            self._joined = ("".join(parts), starts)
            self._ends = ends
            self._corpus_files = kept
        return self._joined

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                if path.stat().st_size > MAX_SOURCE_BYTES:
                    self._texts[path] = None
                else:
                    text = path.read_text(encoding="utf-8", errors="replace")
                    if path.suffix.lower() in MARKDOWN_SUFFIXES:
                        text = blank_code_blocks(text)
                    self._texts[path] = text
            except OSError:
                self._texts[path] = None
        return self._texts[path]

    def files(self) -> list[tuple[str, Path]]:
        """(path shown, file) in search order, each file once."""
        if self._files is None:
            excluded = {_real(p) for p in self.exclude}
            seen: set[str] = set()
            files = []
            for place in self.places:
                for path, real, shown in self._walk(place, excluded):
                    if real in seen or real in excluded:
                        continue
                    seen.add(real)
                    files.append((shown, path))
            self._files = files
        return self._files

    def _walk(self, place: Place, excluded: set[str]) -> Iterator[tuple[Path, str, str]]:
        """(file, its real path, the path shown) of a place's files, in search order.

        A folder's real path and shown path are worked out once for all its files (a
        file that is no symbolic link is at its folder's real path, under its name)."""
        path = place.path
        if path.is_file():
            yield path, _real(path), self._shown(path)
            return
        if not path.is_dir():
            return
        for folder, dirs, names in os.walk(path):
            here = Path(folder)
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIP_DIRS
                and not d.startswith(".")
                and not (place.skip_underscore and d.startswith("_"))
                and _real(here / d) not in excluded
            )
            real_folder = shown_folder = None
            for name in sorted(names):
                if os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
                    continue
                file = here / name
                if real_folder is None:
                    real_folder = _real(here)
                    shown_folder = self._shown(here)
                assert shown_folder is not None
                if os.path.islink(file):
                    yield file, _real(file), self._shown(file)
                    continue
                real = os.path.join(real_folder, name)
                yield file, real, name if shown_folder == "." else f"{shown_folder}/{name}"

    def _shown(self, path: Path) -> str:
        try:
            return PurePosixPath(Path(os.path.relpath(path, self.root))).as_posix()
        except ValueError:  # another drive (Windows)
            return path.as_posix()


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
_FENCE = re.compile(r"(?m)^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?[ \t]{0,3}\1[`~]*[ \t]*$")


def blank_code_blocks(text: str) -> str:
    """A Markdown page with its fenced code blocks blanked (lines kept): a snippet shown as
    an example is printed as text on the site, never loaded, so it is never the source.

    ``_FENCE`` is tried only where a block can open: at the start of a line with ````` ``
    or ``~~~`` after at most three spaces or tabs (tried at every character, as
    ``_FENCE.sub`` does, it cost ~100 instructions a character of every page)."""
    fences = _Fences(text)
    at = fences.next(0)
    if at < 0:
        return text  # no fence (the pattern needs three of either): nothing to blank
    pieces: list[str] = []
    last = 0  # the end of the last block blanked: the text before a match is kept
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start >= last and at - line_start <= 3 and not text[line_start:at].strip(" \t"):
            found = _FENCE.match(text, line_start)
            if found is not None:
                pieces.append(text[last:line_start])
                # every character but the line breaks becomes a space
                lines = found.group(0).split("\n")
                pieces.append("\n".join([" " * len(line) for line in lines]))
                last = found.end()
                at = fences.next(last)
                continue
        # No block opens on this line: go on from the next one.
        line_end = text.find("\n", at)
        if line_end < 0:
            break
        at = fences.next(line_end + 1)
    pieces.append(text[last:])
    return "".join(pieces)


class _Fences:
    """Where the next ````` `` or ``~~~`` is, each looked for again only once passed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tick = self.tilde = -2  # -2: not looked for yet; -1: none from there on

    def next(self, start: int) -> int:
        """The first of the two at or after ``start``, or -1."""
        if self.tick != -1 and self.tick < start:
            self.tick = self.text.find("```", start)
        if self.tilde != -1 and self.tilde < start:
            self.tilde = self.text.find("~~~", start)
        if self.tick < 0 or 0 <= self.tilde < self.tick:
            return self.tilde
        return self.tick


def _stat(path: Path) -> tuple[int | None, int | None]:
    """A file's size and modification time (ns), or (None, None) when it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None, None
    return info.st_size, info.st_mtime_ns


def _line_col(text: str, at: int) -> tuple[int, int]:
    """The 1-based line and column of offset ``at``."""
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _real(path: Path) -> str:
    """The real path of ``path`` (symbolic links followed), as text."""
    try:
        return os.path.realpath(path)
    except OSError:
        return os.fspath(path)


#: Between two files in ``Sources._corpus``: no needle holds it, no word continues into it.
_SEPARATOR = "\n\x00\n"


def _whole(text: str, at: int, end: int, word: frozenset[str]) -> bool:
    """Whether ``text[at:end]`` is a whole word: no ``word`` character on either side (and,
    for a host, no ``.label`` after it: facebook.net.example.org is another host)."""
    if at and text[at - 1] in word:
        return False
    after = text[end] if end < len(text) else ""
    if after in word and after:
        return False
    return not (
        word is _HOSTNAME and after == "." and end + 1 < len(text) and text[end + 1] in _ALNUM
    )


# -- the project of a site -----------------------------------------------------------------

#: Configuration files per generator, in the table's order (the first found decides).
CONFIG_FILES = tuple((g.name, g.config_files) for g in GENERATORS.values())


def for_mkdocs(
    config_file: str | Path,
    docs_dir: str | Path,
    custom_dir: str | Path | None,
    *,
    exclude: Sequence[str | Path] = (),
    memo: Callable[[Hashable, Callable[[], Any]], Any] | None = None,
) -> Sources:
    """An MkDocs (or Zensical) project: theme overrides, then docs_dir, then the config file
    (``extra.analytics``, ``extra_javascript`` and ``extra_css`` URLs are lines of it).
    ``memo``: see ``Sources.memo``."""
    config = Path(config_file)
    places = [Place(Path(custom_dir))] if custom_dir else []
    places += [Place(Path(docs_dir)), Place(config)]
    exclude_paths = tuple(Path(p) for p in exclude)
    return Sources(config.parent, places, exclude_paths, material_config=config, memo=memo)


def for_project(
    site_dir: str | Path,
    *,
    config_file: str | Path | None = None,
    generator: str | None = None,
    exclude: Sequence[str | Path] = (),
) -> Sources | None:
    """The sources of the project that built ``site_dir``, found the way the CLI finds a
    project elsewhere: the given config file's folder, else the site folder's parent, else
    the working directory, whichever holds a generator's configuration; None if none does."""
    site = _resolved(Path(site_dir))
    found = _project_config(site, config_file, generator)
    if found is None:
        return None
    gen, config = found
    root = config.parent
    skip = (site, *(Path(p) for p in exclude))
    if gen in ("mkdocs", "zensical"):
        docs, custom = _mkdocs_dirs(config) if gen == "mkdocs" else _zensical_dirs(config)
        return for_mkdocs(config, root / docs, root / custom if custom else None, exclude=skip)
    if gen == "hugo":
        places = [Place(root / "layouts")]
        themes = root / "themes"
        if themes.is_dir():
            places += [Place(t / "layouts") for t in sorted(themes.iterdir()) if t.is_dir()]
        places += [Place(root / d) for d in ("content", "static", "assets")]
        if themes.is_dir():
            places += [Place(t / "static") for t in sorted(themes.iterdir()) if t.is_dir()]
        places += [Place(config), Place(root / "config")]
        return Sources(root, places, skip)
    # Jekyll: includes and layouts, then the pages (and assets) of the project folder.
    places = [Place(root / "_includes"), Place(root / "_layouts"), Place(root / "_posts")]
    places += [Place(root, skip_underscore=True), Place(config)]
    return Sources(root, places, skip)


def _project_config(
    site: Path, config_file: str | Path | None, generator: str | None
) -> tuple[str, Path] | None:
    if config_file is not None:
        config = Path(config_file).resolve()
        name = config.name
        gen = next((g for g, names in CONFIG_FILES if name in names), generator or "mkdocs")
        return (gen, config) if config.is_file() else None
    candidates = [site.parent]
    cwd = Path.cwd().resolve()
    if cwd != site.parent and cwd in site.parents:
        candidates.append(cwd)
    for folder in candidates:
        for gen, names in CONFIG_FILES:
            if generator and gen != generator:
                continue
            for name in names:
                if (folder / name).is_file():
                    return gen, folder / name
    return None


def _mkdocs_dirs(config: Path) -> tuple[str, str | None]:
    """docs_dir and theme.custom_dir of an mkdocs.yml (MkDocs' own tags read as nothing)."""
    import yaml

    from .yamldata import SafeLoader

    class Tolerant(SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8-sig"), Loader=Tolerant)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        return "docs", None
    docs = data.get("docs_dir")
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (
        docs if isinstance(docs, str) else "docs",
        custom if isinstance(custom, str) else None,
    )


_TOML_STRING = r"""\s*=\s*["']([^"']+)["']"""


def _zensical_dirs(config: Path) -> tuple[str, str | None]:
    """``[project] docs_dir`` and ``[project.theme] custom_dir`` of a zensical.toml."""
    try:
        text = config.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return "docs", None
    docs = re.search(r"(?m)^\s*docs_dir" + _TOML_STRING, text)
    custom = re.search(r"(?m)^\s*custom_dir" + _TOML_STRING, text)
    return (docs.group(1) if docs else "docs", custom.group(1) if custom else None)


# -- findings moved to their source ----------------------------------------------------------


def at_source(finding: Any, hit: SourceHit | None, site_prefix: str = "") -> Any:
    """``finding`` (located on a built page) located at its source instead, the built page
    kept in the message and in ``data["built"]``; unchanged when no source shows it."""
    if hit is None or not finding.path:
        return finding
    from dataclasses import replace

    from .findings import location
    from .messages import msg

    built_path = site_prefix + finding.path
    built = location(built_path, finding.line, None)
    if hit.more == 1:
        where = msg("T.source.more-one", more=hit.more, built=built)
    elif hit.more:
        where = msg("T.source.more-many", more=hit.more, built=built)
    else:
        where = msg("T.source.built", built=built)
    data = {
        **finding.data,
        "located_in": "source",
        "source": hit.to_dict(),
        "built": {"path": built_path, "line": finding.line},
    }
    config = PurePosixPath(hit.path).name in {n for _, names in CONFIG_FILES for n in names}
    return replace(
        finding,
        message=f"{finding.message} ({where})",
        path=hit.path,
        line=hit.line,
        col=hit.col,
        data=data,
        origin="config" if config else "input",
    )
