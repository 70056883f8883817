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
    """
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for filename in sorted(filenames):
            lower = filename.lower()
            if lower.endswith(HTML_SUFFIXES) or lower.endswith(ASSET_SUFFIXES):
                full = Path(dirpath) / filename
                yield full.relative_to(root).as_posix(), full


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
