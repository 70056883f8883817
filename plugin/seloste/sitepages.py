"""The built site's pages as a reader meets them: language, links, the notices' places.

Shared by the audit's publication checks (``audit/publication.py``) and ``seloste inject``
(``generators/inject.py``), so neither stage imports the other for it: both
must agree on which files are pages, which language a page is in and whether
one of its links reaches a notice, whatever the generator and URL style
(``privacy/``, ``privacy.html``, ``/docs/privacy/``, ``https://host/privacy/``).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .fields_repr import FieldsRepr
from .notices.paths import NOTICE_KINDS, page_path

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
_HREF = re.compile(
    r"<a\b[^>]*?\shref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE | re.DOTALL
)
#: Markup that shows a consent banner: Material's (and Zensical's) and Seloste's own.
BANNER_MARKERS = ('data-md-component="consent"', "data-seloste-banner", 'id="seloste-banner"')
_GATING_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?[^\"'>\s]*seloste-consent\.js", re.IGNORECASE
)


def has_gating_script(text: str) -> bool:
    """The gating script is loaded (a ``<script src>``; a mention in other code is not)."""
    return "seloste-consent.js" in text and _GATING_TAG.search(text) is not None


@dataclass(frozen=True, repr=False)
class NoticePlace(FieldsRepr):
    kind: str  # "privacy" or "cookies"
    lang: str
    url: str  # canonical page URL from the site root, e.g. "en/privacy/"


def default_language(languages: Sequence[str]) -> str:
    """The language at the site root, as ``seloste render`` places it."""
    return "fi" if "fi" in languages else languages[0]


def notice_places(
    languages: Sequence[str],
    *,
    default: str | None = None,
    paths: Mapping[str, Mapping[str, str]] | None = None,
    kinds: Sequence[str] = NOTICE_KINDS,
) -> list[NoticePlace]:
    """Where each notice of each language is built: Seloste's default paths unless a site
    moved them (``paths``: kind → language → path, as the plugin's ``paths:`` options)."""
    default = default or default_language(languages)
    return [
        NoticePlace(kind, lang, page_path(kind, lang, default, (paths or {}).get(kind)))
        for lang in languages
        for kind in kinds
    ]


def canonical(path: str) -> str:
    """``/en/privacy/index.html``, ``en/privacy.html``, ``en/privacy`` → ``en/privacy/``."""
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    if path and not path.endswith("/"):
        path += "/"
    return path


def page_url(rel_path: str) -> str:
    """The canonical URL of a built file (``en/privacy/index.html`` → ``en/privacy/``)."""
    return canonical(rel_path)


def notice_file(root: Path, place: NoticePlace, default: str) -> str | None:
    """The built file of a notice (either URL style; the default language may also sit
    under its code, as Hugo's ``defaultContentLanguageInSubdir`` puts it)."""
    urls = [place.url]
    if place.lang == default:
        urls.append(f"{place.lang}/{place.url}")
    for url in urls:
        for rel in (f"{url}index.html", f"{url.rstrip('/')}.html"):
            if (root / rel).is_file():
                return rel
    return None


def html_lang(text: str) -> str | None:
    found = _HTML_LANG.search(text, 0, 4000)
    return found.group(1).lower() if found else None


def is_page(text: str) -> bool:
    """A document a reader sees: not a fragment, not a redirect stub (Hugo aliases)."""
    head = text[:4000]
    return bool(_DOCUMENT.search(head)) and not _REFRESH.search(head)


def hrefs(text: str) -> Iterator[str]:
    for match in _HREF.finditer(text):
        yield html.unescape(next(g for g in match.groups() if g is not None)).strip()


def link_target(href: str, from_url: str) -> str | None:
    """The canonical site path a link leads to, or None (mailto:, a fragment on the page)."""
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if not parts.path:
        return None
    if parts.scheme or parts.path.startswith("/"):
        return canonical(parts.path)
    joined = posixpath.normpath(posixpath.join("/" + from_url, parts.path))
    return canonical(joined)


def reaches(target: str, url: str) -> bool:
    """Whether a link target is the page at ``url``, also when the site is served from a
    subfolder (``docs/en/privacy/`` reaches ``en/privacy/``)."""
    return target == url or target.endswith("/" + url)


def site_pages(root: Path) -> Iterator[tuple[str, Path]]:
    """(POSIX path relative to root, file) of every ``.html`` file, sorted, symlinks skipped."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".html", ".htm")):
                continue
            path = Path(folder, name)
            if path.is_symlink():
                continue
            yield path.relative_to(root).as_posix(), path


def page_language(rel: str, text: str, languages: list[str]) -> str:
    """A page's language: its ``<html lang>``, else its first folder, else the default."""
    lang = html_lang(text)
    if lang in languages:
        return lang
    first = rel.split("/", 1)[0]
    return first if first in languages and "/" in rel else default_language(languages)
