"""Which pages of a built site ``seloste verify`` opens.

Every notice page (where a visitor reads before choosing), plus a sample of each
*template*: pages that load the same things. Two pages share a template when their
scripts, iframes, embeds and third-party resources are the same once page-specific
relative paths are left out, so a page where someone pasted a snippet is a template
of its own and is always opened, however large the site.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..fields_repr import FieldsRepr
from ..notices.paths import page_path
from ..scan.text import decode
from ..scan.walk import HTML_SUFFIXES, site_files

#: Tags that decide what a page loads; their text (minus relative paths) is the template.
_LOADING_RE = re.compile(
    r"<(script|iframe|embed|object|img|link|video|audio|source)\b[^>]{0,4096}>", re.IGNORECASE
)
_SCRIPT_BODY_RE = re.compile(r"<script\b[^>]{0,4096}>", re.IGNORECASE)
#: Relative URLs and paths in quotes ("../assets/x.js", '.', "/"): they differ by page depth.
_RELATIVE_RE = re.compile(r"""(["'])(?![a-z][a-z0-9+.-]*:|//)[^"'<>\s]{0,300}\1""", re.IGNORECASE)
_TITLE_ATTRS_RE = re.compile(r"""\s(?:alt|title|id|class)=(["']).{0,300}?\1""", re.IGNORECASE)
_LOADING_REL_RE = re.compile(
    r"""\brel=["']?[^"'>]{0,80}\b(?:stylesheet|preconnect|dns-prefetch|preload|prefetch|"""
    r"""modulepreload|icon|manifest)\b""",
    re.IGNORECASE,
)
_JSON_TYPES = ("application/json", "application/ld+json")


@dataclass(frozen=True, repr=False)
class PagePlan(FieldsRepr):
    #: Page paths relative to the site (POSIX, e.g. "en/cookies/index.html"), in visit order.
    pages: tuple[str, ...]
    #: How many templates the site's pages fall into.
    templates: int
    #: How many HTML pages the site has.
    total: int


def notice_pages(site: Path, languages: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """The privacy and cookie notice pages that exist in ``site``, for every language."""
    langs = list(languages)
    default = "fi" if "fi" in langs else (langs[0] if langs else "fi")
    found: list[str] = []
    for lang in langs:
        for kind in ("privacy", "cookies"):
            url = page_path(kind, lang, default)
            for candidate in (url + "index.html", url.rstrip("/") + ".html"):
                if (site / candidate).is_file() and candidate not in found:
                    found.append(candidate)
    for page in extra:
        page = normalise(page)
        if (site / page).is_file() and page not in found:
            found.append(page)
    return found


def normalise(page: str) -> str:
    """A page as given by a user (``/en/``, ``en/cookies``, ``x.html``) → its file path."""
    page = page.strip().lstrip("/")
    if not page or page.endswith("/"):
        return page + "index.html"
    if page.lower().endswith(HTML_SUFFIXES):
        return page
    return page + "/index.html"


def template_key(html: str) -> str:
    """A fingerprint of what a page loads (see the module's docstring)."""
    parts: list[str] = []
    for match in _LOADING_RE.finditer(html):
        tag = match.group(0)
        if match.group(1).lower() == "script":
            if any(t in tag.lower() for t in _JSON_TYPES):
                continue
            end = html.find("</script", match.end())
            body = html[match.end() : end if end >= 0 else match.end()]
            tag += body
        elif match.group(1).lower() == "link" and not _LOADING_REL_RE.search(tag):
            continue  # canonical, alternate, prev/next: links, not loads (and differ by page)
        elif match.group(1).lower() in ("img", "link", "source") and "//" not in tag:
            continue  # the site's own images and stylesheets load nothing third-party
        tag = _TITLE_ATTRS_RE.sub("", tag)
        parts.append(_RELATIVE_RE.sub('""', tag))
    return hashlib.sha1("\n".join(parts).encode("utf-8", "replace")).hexdigest()


def plan_pages(
    site: Path,
    languages: Iterable[str],
    *,
    pages: Iterable[str] = (),
    per_template: int = 1,
    max_pages: int = 50,
    every_page: bool = False,
) -> PagePlan:
    """Notice pages and the user's ``pages`` first, then ``per_template`` pages of each
    template (home pages before deeper ones), at most ``max_pages`` in all (notice and
    named pages always count)."""
    chosen = notice_pages(site, languages, pages)
    groups: dict[str, list[str]] = {}
    total = 0
    for rel, full in site_files(site):
        if not rel.lower().endswith(HTML_SUFFIXES) or rel.endswith("404.html"):
            continue
        total += 1
        try:
            html = decode(full.read_bytes())
        except OSError:
            continue
        groups.setdefault(template_key(html), []).append(rel)
    already = set(chosen)
    for group in groups.values():
        group.sort(key=lambda p: (p.count("/"), p))
        taken = sum(1 for p in group if p in already)
        for page in group:
            if len(chosen) >= max(max_pages, len(already)):
                break
            if not every_page and taken >= per_template:
                break
            if page not in already:
                chosen.append(page)
                already.add(page)
                taken += 1
    return PagePlan(tuple(chosen), len(groups), total)
