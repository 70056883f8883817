"""Walking a built site: every page and the site's own scripts and stylesheets, one at a time.

Files are read, scanned and dropped one by one, so memory stays flat however
large the site grows; only the (small) detections accumulate.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .model import ScanResult
from .scanner import Scanner

HTML_SUFFIXES = (".html", ".htm")
ASSET_SUFFIXES = (".js", ".mjs", ".css")
#: Directories of tooling, never served as part of the site.
SKIPPED_DIRS = frozenset({".git", "node_modules", "__pycache__"})


def site_files(root: str | Path) -> Iterator[tuple[str, Path]]:
    """(POSIX path relative to ``root``, absolute path) of every file the scanner reads, sorted.

    Search indexes, sitemaps, source maps, images and fonts are text about the site
    or binary data, never code that loads something: they are not read at all.
    The order is ``os.walk``'s (a directory's files, then its subdirectories, by name;
    symlinked directories are not entered), with one ``scandir`` per directory and the
    relative paths joined as text: a 1,000-page site has 1,000 directories.
    """
    yield from _walk(os.fspath(root), "")


def _walk(directory: str, prefix: str) -> Iterator[tuple[str, Path]]:
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError:  # unreadable: skipped, as os.walk does
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
        if lower.endswith(HTML_SUFFIXES) or lower.endswith(ASSET_SUFFIXES):
            files.append((entry.name, entry.path))
    for name, path in sorted(files):
        yield prefix + name, Path(path)
    for name, path in sorted(subdirs):
        yield from _walk(path, prefix + name + "/")


def scan_directory(root: str | Path, scanner: Scanner | None = None) -> ScanResult:
    """Scan a built site directory (MkDocs ``site/``, Hugo ``public/``…)."""
    scanner = scanner or Scanner()
    result = ScanResult()
    for rel, full in site_files(root):
        data = full.read_bytes()
        if rel.lower().endswith(HTML_SUFFIXES):
            text = data.decode("utf-8", "replace")
            result.extend(scanner.scan_html(rel, text, nbytes=len(data)))
        else:
            result.extend(scanner.scan_asset(rel, data))
    return result
