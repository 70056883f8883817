"""What Material for MkDocs' own JavaScript bundle loads, and on which pages.

Material's bundle (``assets/javascripts/bundle.<hash>.min.js``) names two URLs on
unpkg.com: Mermaid, fetched when a page has a diagram (``<pre class="mermaid">``, what
pymdownx.superfences writes for a ``mermaid`` fence) and the site loads no Mermaid of its
own (the bundle checks ``typeof mermaid``), and a ResizeObserver polyfill for browsers
without one (none current). Read as URLs in a .js file, they would make every Material
site "load" unpkg.com. So the bundle's URLs are not evidence by themselves; a page with a
diagram is, at the diagram, as the load it triggers.
"""

from __future__ import annotations

import re

from .html import parse_tag

#: Material's bundle (``assets/javascripts/bundle.<hash>.min.js``; 8 hex digits in 9.x),
#: by its file name: the folder may be moved by a theme override.
BUNDLE_PATH_RE = re.compile(r"(?:^|/)bundle\.[0-9a-f]{6,20}\.min\.js$")
_BUNDLE_SRC_RE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{6,20}\.min\.js")
#: The Mermaid build Material's bundle (9.6 and later) fetches for a page with a diagram.
MERMAID_URL = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
_PRE_RE = re.compile(r"<pre\b[^<>]{0,400}>", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"<script\b[^<>]{0,800}>", re.IGNORECASE)


def is_bundle(path: str, text: str) -> bool:
    """Whether a site file is Material's own bundle (its path, and Material's ``__md_`` API)."""
    return bool(BUNDLE_PATH_RE.search(path)) and "__md_" in text


def mermaid_diagram(text: str, skipped: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(start, end) of the first diagram whose Mermaid Material's bundle fetches, or None.

    None unless the page loads Material's bundle, has a ``<pre class="mermaid">`` outside
    comments and scripts (``skipped``), and loads no ``mermaid`` script of its own.
    """
    if "mermaid" not in text or not _BUNDLE_SRC_RE.search(text):
        return None
    diagram = None
    for match in _PRE_RE.finditer(text):
        tag = match.group()
        if "mermaid" not in tag or _inside(skipped, match.start()):
            continue
        attrs, _ = parse_tag(tag, 4)
        if "mermaid" in attrs.get("class", "").lower().split():
            diagram = (match.start(), match.end())
            break
    if diagram is None:
        return None
    for match in _SCRIPT_RE.finditer(text):
        tag = match.group()
        if "mermaid" in tag.lower():
            attrs, _ = parse_tag(tag, 7)
            if "mermaid" in (attrs.get("src", "") + attrs.get("data-src", "")).lower():
                return None  # the site brings its own Mermaid: the bundle fetches nothing
    return diagram


def _inside(ranges: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in ranges)
