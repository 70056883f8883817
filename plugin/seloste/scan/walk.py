"""Walking a built site: every page and the site's own scripts and stylesheets, one at a time.

Files are read, scanned and dropped one by one, so memory stays flat however
large the site grows; only the (small) detections accumulate.

Nothing on the filesystem makes the walk fail: a file or folder that cannot be
read, a broken symbolic link or a link loop becomes a finding (``S103``–``S105``)
in ``ScanResult.problems``, so a command can say the scan is incomplete (exit 2)
instead of passing on part of the site.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from ..codes import finding
from ..findings import Finding
from ..messages import msg
from .model import ScanResult
from .scanner import Scanner
from .text import decode

HTML_SUFFIXES = (".html", ".htm")
ASSET_SUFFIXES = (".js", ".mjs", ".css")
#: Directories of tooling, never served as part of the site.
SKIPPED_DIRS = frozenset({".git", "node_modules", "__pycache__"})


def unreadable(path: str, exc: OSError | None, *, folder: bool = False) -> Finding:
    """The finding for a site entry the scanner could not read (S103 file, S104 folder)."""
    reason = (exc.strerror or str(exc)) if exc is not None else msg("S.unknown_reason")
    if folder:
        code, message, fix = "S104", msg("S104.folder", reason=reason), msg("S104.folder.fix")
    else:
        code, message, fix = "S103", msg("S103.file", reason=reason), msg("S103.file.fix")
    return finding(code, message, path, fix=fix, origin="input")


def broken_link(path: str, loop: bool) -> Finding:
    """S105: a symbolic link the scanner cannot follow."""
    return finding(
        "S105",
        msg("S105.loop") if loop else msg("S105.broken"),
        path,
        fix=msg("S105.link.fix"),
        origin="input",
    )


def site_files(
    root: str | Path, problems: list[Finding] | None = None
) -> Iterator[tuple[str, Path]]:
    """(POSIX path relative to ``root``, absolute path) of every file the scanner reads, sorted.

    Search indexes, sitemaps, source maps, images and fonts are text about the site
    or binary data, never code that loads something: they are not read at all.
    The order is ``os.walk``'s (a directory's files, then its subdirectories, by name;
    symlinked directories are not entered), with one ``scandir`` per directory and the
    relative paths joined as text: a 1,000-page site has 1,000 directories.

    Entries that cannot be followed (broken links, loops, unreadable folders) are left
    out; when ``problems`` is given, a finding for each is added to it.
    """
    yield from _walk(os.fspath(root), "", problems)


def _walk(
    directory: str, prefix: str, problems: list[Finding] | None
) -> Iterator[tuple[str, Path]]:
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError as exc:
        if problems is not None:
            problems.append(unreadable(prefix.rstrip("/") or ".", exc, folder=True))
        return
    files: list[tuple[str, str]] = []
    subdirs: list[tuple[str, str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name not in SKIPPED_DIRS:
                try:
                    if not entry.is_symlink():
                        subdirs.append((entry.name, entry.path))
                except OSError:
                    continue
            continue
        lower = entry.name.lower()
        if not (lower.endswith(HTML_SUFFIXES) or lower.endswith(ASSET_SUFFIXES)):
            continue
        if _is_broken_link(entry):
            if problems is not None:
                problems.append(broken_link(prefix + entry.name, _is_loop(entry.path)))
            continue
        files.append((entry.name, entry.path))
    for name, path in sorted(files):
        yield prefix + name, Path(path)
    for name, path in sorted(subdirs):
        yield from _walk(path, prefix + name + "/", problems)


def _is_broken_link(entry: os.DirEntry) -> bool:
    try:
        if not entry.is_symlink():
            return False
        os.stat(entry.path)  # follows the link
    except OSError:
        return True
    return False


def _is_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def read_site_file(rel: str, full: Path, problems: list[Finding]) -> bytes | None:
    """A site file's bytes, or None with a finding added when it cannot be read."""
    try:
        return full.read_bytes()
    except OSError as exc:
        problems.append(_read_problem(rel, exc))
        return None


def site_file_digest(rel: str, full: Path, problems: list[Finding]) -> str | None:
    """The SHA-256 of a site file's bytes (``hashlib.sha256(read_site_file(…)).hexdigest()``),
    read in 64 KiB pieces so a big script is never held whole; None with a finding added
    when it cannot be read."""
    digest = hashlib.sha256()
    buffer = bytearray(1 << 16)
    view = memoryview(buffer)
    try:
        with open(full, "rb", buffering=0) as handle:
            while size := handle.readinto(buffer):
                digest.update(view[:size])
    except OSError as exc:
        problems.append(_read_problem(rel, exc))
        return None
    return digest.hexdigest()


def _read_problem(rel: str, exc: OSError) -> Finding:
    if exc.errno == errno.ELOOP:
        return broken_link(rel, True)
    if exc.errno == errno.ENOENT:
        return broken_link(rel, False)
    return unreadable(rel, exc)


def scan_directory(root: str | Path, scanner: Scanner | None = None) -> ScanResult:
    """Scan a built site directory (MkDocs ``site/``, Hugo ``public/``…).

    What could not be read is in ``result.problems`` (the rest is scanned all the same).
    """
    scanner = scanner or Scanner()
    result = ScanResult()
    problems = result.problems
    for rel, full in site_files(root, problems):
        data = read_site_file(rel, full, problems)
        if data is None:
            continue
        if rel.lower().endswith(HTML_SUFFIXES):
            result.extend(scanner.scan_html(rel, decode(data), nbytes=len(data)))
        else:
            result.extend(scanner.scan_asset(rel, data))
    return result
