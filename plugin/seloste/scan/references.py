"""Which of a built site's JS and CSS files nothing loads.

A vendor bundle left in ``docs/assets/old/`` is copied to the site and scanned, but no
page loads it: a tracker in it is dead code, not a live tracker. The rule is
conservative, so nothing is under-reported: a file counts as loaded when any other
built HTML, JS or CSS file names it by its file name as a URL would (``src="x.js"``,
``../js/x.js?v=3``, ``import "./x.js"``, ``importScripts('x.js')``, ``@import "x.css"``,
``url(x.css)``). A file loaded by a path built at run time cannot be seen; its findings
are only downgraded (audit T116), never dropped.

Only files that hold evidence are asked about, so a site without such files costs nothing;
the walk stops as soon as every one is found referenced (usually on the first page).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from .text import decode
from .walk import ASSET_SUFFIXES, HTML_SUFFIXES, read_site_file, site_files

#: Files that can be loaded by another file (and whose tracker evidence is then live).
LOADABLE = (*ASSET_SUFFIXES, ".cjs")


def is_asset(path: str) -> bool:
    return path.lower().endswith(LOADABLE)


def _reference(name: str) -> re.Pattern[str]:
    """``name`` where a URL or import would have it: not inside a longer file name
    (``old.x.js``, ``x.js.map``), with a query, a fragment or the end of the URL after it."""
    return re.compile(r"(?<![\w.\-%])" + re.escape(name) + r"(?![\w\-]|\.\w)")


def unreferenced(root: str | Path, candidates: Iterable[str]) -> set[str]:
    """Of ``candidates`` (POSIX paths relative to ``root``), those no other built HTML, JS
    or CSS file references; a file that cannot be read counts as referencing everything."""
    waiting = {path: _reference(posixpath.basename(path)) for path in candidates if is_asset(path)}
    if not waiting:
        return set()
    for rel, full in site_files(root):
        if not waiting:
            break
        if not rel.lower().endswith((*HTML_SUFFIXES, *LOADABLE)):
            continue
        data = read_site_file(rel, full, [])
        if data is None:
            return set()  # part of the site unread: assume everything is loaded
        text = decode(data)
        for path, pattern in list(waiting.items()):
            if path != rel and pattern.search(text):
                del waiting[path]
    return set(waiting)
