"""The scanner: evidence of trackers in one built file (HTML page, .js or .css asset).

What counts as evidence is what makes a browser load something: ``<script src>``
and the code of inline scripts, ``<img>``/``<iframe>`` (also inside
``<noscript>``), loading ``<link>``s, CSS ``@import``/``url()`` (in ``<style>``,
``style=""`` attributes and .css files), and the site's own scripts. Plain ``<a href>`` links, comments, ``<textarea>``, JSON-LD and
text in code samples (which MkDocs escapes as ``&lt;script``) never load
anything and are never reported.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..fields_repr import FieldsRepr
from . import material
from .html import (
    ANYCASE_TAG_RE,
    INTERESTING_RE,
    PARSED_TAG_SIZE,
    TAG_NAME_RE,
    LineIndex,
    excerpt,
    find_close,
    has_url_call,
    parse_tag,
    parse_tag_cached,
    split_url,
    srcset_urls,
    tag_excerpt,
    utf8_length,
)
from .jsurls import LoadUrl, in_csp, load_urls, site_code_gate
from .model import Detection, ScanResult, UnknownHost
from .signatures import Signatures, load_signatures
from .starts import matches_from, occurrences
from .text import decode

#: <link rel> values that make the browser contact the host.
LOADING_RELS = frozenset(
    {
        "stylesheet",
        "preconnect",
        "dns-prefetch",
        "preload",
        "prefetch",
        "modulepreload",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "manifest",
        "prerender",
    }
)
#: Hints that only open a connection: attributed when a signature names the host alone.
CONNECTION_HINTS = frozenset({"preconnect", "dns-prefetch"})
#: Script types whose body is data, not code.
DATA_SCRIPT_TYPES = frozenset(
    {
        "application/ld+json",
        "application/json",
        "importmap",
        "speculationrules",
        "text/x-template",
        "text/template",
        "text/html",
    }
)
#: Types consent managers put on a script so it does not run before consent.
BLOCKED_TYPES = frozenset({"text/plain", "opt-in", "text/x-opt-in"})
GOOGLE_SERVICES = frozenset({"google-analytics", "google-ads", "google-tag-manager"})

# Anchored on "//" (or JSON's "\/\/") so the regex engine can skip ahead; the scheme
# in front does not matter.
_BODY_URL_RE = re.compile(
    r"""(?://|\\/\\/)([A-Za-z0-9](?:[A-Za-z0-9-]*\.)+[A-Za-z]{2,})(?::\d+)?"""
    r"""((?:\\?/[^\s"'`<>()\\,;+]*)*(?:\?[^\s"'`<>()\\,;+]*)?)"""
)
#: ``_BODY_URL_RE`` for a script without ``\/\/``: the same matches, found much faster (a
#: pattern that opens with a literal lets the engine skip ahead to it; one that opens with
#: two alternatives is tried at every character: ~60 instructions a character of a script).
_BODY_URL_SLASHES_RE = re.compile(_BODY_URL_RE.pattern.replace(r"(?://|\\/\\/)", "//", 1))
_CSS_URL_RE = re.compile(
    r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""", re.IGNORECASE
)
_STYLE_ATTR_RE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LINK_START_RE = re.compile(r"<link(?=[\s/])", re.IGNORECASE)
_MD_ANALYTICS_DEF_RE = re.compile(r"function\s+__md_analytics\s*\(")
_MD_CONSENT_CALL_RE = re.compile(
    r"""__md_get\(\s*["']__consent["']\s*\)[^<]{0,200}?consent\.analytics[^<]{0,40}?"""
    r"""__md_analytics\(\)"""
)
_CONSENT_DEFAULT_RE = re.compile(r"""\(\s*["']consent["']\s*,\s*["']default["']""")


def site_hosts(host: str) -> set[str]:
    """The site's own host, and its parent domain when it is www.* (cdn.kespet.fi is ours too)."""
    host = host.strip().lower().strip(".")
    return {host, host[4:]} if host.startswith("www.") and host.count(".") >= 2 else {host}


def _inside(ranges: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of the ascending, non-overlapping ``ranges``."""
    index = bisect.bisect_right(ranges, (at, 1 << 62)) - 1
    return index >= 0 and ranges[index][0] <= at < ranges[index][1]


#: The file name of Seloste's gating script: a page that loads it is gated by Seloste.
SELOSTE_SCRIPT = "seloste-consent.js"


@dataclass(frozen=True, repr=False)
class Gate(FieldsRepr):
    gated: bool = False
    convention: str = ""
    category: str = ""


NOT_GATED = Gate()
#: The loader runs inside the site's own consent check: only a browser can tell.
SITE_CODE = "site-code"
SITE_CODE_GATE = Gate(False, SITE_CODE, "")
TARTEAUCITRON = "tarteaucitron"
_TARTEAUCITRON_JOB_RE = re.compile(r"""\.push\(\s*["'](\w{1,40})["']""")


def script_gate(attrs: dict[str, str]) -> Gate:
    """Whether a <script>'s markup keeps it from running until consent, and by which convention."""
    if attrs.get("type", "").strip().lower() not in BLOCKED_TYPES:
        return NOT_GATED
    return _markup_gate(attrs)


def element_gate(attrs: dict[str, str]) -> Gate:
    """<img>/<iframe> gated: no ``src`` yet, the URL waits in ``data-src`` for consent."""
    if _loads(attrs.get("src", "")) or not (
        attrs.get("data-src") or attrs.get("data-cookieblock-src")
    ):
        return NOT_GATED
    return _markup_gate(attrs)


def _loads(src: str) -> bool:
    """Whether a ``src`` value fetches anything (``about:blank`` placeholders do not)."""
    src = src.strip().lower()
    return bool(src) and not src.startswith(("about:", "data:", "javascript:", "#"))


def _markup_gate(attrs: dict[str, str]) -> Gate:
    if "data-cookieconsent" in attrs:
        categories = attrs["data-cookieconsent"].strip()
        if categories.lower() == "ignore":
            return Gate(False, "cookiebot", "")
        return Gate(True, "cookiebot", categories)
    if "data-cookiecategory" in attrs:  # vanilla-cookieconsent v2
        return Gate(True, "vanilla-cookieconsent", attrs["data-cookiecategory"].strip())
    if "data-category" in attrs:  # vanilla-cookieconsent v3, and Seloste's own convention
        category = attrs["data-category"].strip()
        if category.startswith("!"):  # runs when the category is *rejected*
            return Gate(False, "vanilla-cookieconsent-optout", category)
        return Gate(True, "vanilla-cookieconsent", category)
    if "data-name" in attrs:
        return Gate(True, "klaro", attrs["data-name"].strip())
    return NOT_GATED


#: How far back a style="" attribute may be from its tag's '<'.
TAG_REACH = 16384
#: Where a page's canonical <link> may be (it sits in <head>).
CANONICAL_REACH = 20000
#: Inline scripts whose analysis is remembered (theme boilerplate repeats on every page).
CACHED_SCRIPTS = 512
CACHED_SCRIPT_SIZE = 64 * 1024
#: (service, start, end, host, ids) of one service's evidence in a script, offsets in the script.
_CodeHit = tuple[str, int, int, str, tuple[str, ...]]
#: Tags whose URL evidence is remembered (see Scanner._url).
CACHED_TAGS = 1024
CACHED_TAG_SIZE = 4096
#: ((service, evidence, ids) per service, evidence of an unknown host or None) of one URL.
_UrlFacts = tuple[tuple[tuple[str, str, tuple[str, ...]], ...], str | None]
#: (host, start, end) of a URL the code loads that no signature explains.
_CodeLoad = tuple[str, int, int]
#: (evidence, Material's consent check, Consent Mode default, Material's analytics function,
#: unexplained loads)
_ScriptFacts = tuple[tuple[_CodeHit, ...], bool, bool, bool, tuple[_CodeLoad, ...]]


@dataclass(repr=False)
class _Hit(FieldsRepr):
    service: str
    offset: int
    evidence: str
    kind: str
    gate: Gate
    ids: list[str]
    host: str = ""
    material: bool = False  # inside Material's __md_analytics: gating decided per page


@dataclass(repr=False)
class _Page(FieldsRepr):
    """State while scanning one file."""

    path: str
    text: str
    lines: LineIndex
    hits: list[_Hit] = field(default_factory=list)
    unknown: list[UnknownHost] = field(default_factory=list)
    material_gated: bool = False
    consent_default: bool = False
    cookiebot_auto: bool = False
    first_party: frozenset[str] = frozenset()
    #: Comments, <textarea> and script/style bodies: no style="" attribute lives there.
    skipped: list[tuple[int, int]] = field(default_factory=list)


class Scanner:
    """Finds trackers in built files. One instance serves a whole site (it keeps no pages)."""

    def __init__(
        self,
        signatures: Signatures | None = None,
        first_party_hosts: Iterable[str] = (),
        site_host: str | None = None,
    ):
        self.signatures = signatures or load_signatures()
        hosts = {h.strip().lower().strip(".") for h in first_party_hosts if h and h.strip()}
        if site_host:
            hosts |= site_hosts(site_host)
        self.site_host = site_host.lower() if site_host else None
        self.first_party_hosts = frozenset(hosts)
        self._code_cache: dict[str, _ScriptFacts] = {}
        self._url_cache: dict[tuple, _UrlFacts] = {}

    # -- public API ---------------------------------------------------------------------------

    def scan_html(self, path: str, text: str, nbytes: int | None = None) -> ScanResult:
        """One page's HTML; ``path`` is POSIX, relative to the site root."""
        page = _Page(path, text, LineIndex(text), first_party=self._page_first_party(text))
        self._walk_html(page)
        if has_url_call(text, page.skipped):
            self._style_attributes(page)
        diagram = material.mermaid_diagram(text, page.skipped)
        if diagram is not None:  # Material's bundle fetches Mermaid for it (see material.py)
            start, end = diagram
            self._url(page, material.MERMAID_URL, start, end, "js-file", NOT_GATED, True)
        return self._finish(page, nbytes)

    def scan_asset(self, path: str, data: bytes | str) -> ScanResult:
        """One of the site's own .js or .css files."""
        nbytes = len(data) if isinstance(data, bytes) else None
        text = decode(data) if isinstance(data, bytes) else data
        page = _Page(path, text, LineIndex(text), first_party=self.first_party_hosts)
        if path.lower().endswith(".css"):
            self._scan_css(page, text, 0, "css", NOT_GATED)
        elif not material.is_bundle(path, text):  # its loads are found on the pages instead
            self._scan_code(page, text, 0, "js-file", NOT_GATED)
        return self._finish(page, nbytes)

    def is_first_party(self, host: str, first_party: frozenset[str]) -> bool:
        return any(host == h or host.endswith("." + h) for h in first_party)

    # -- HTML ---------------------------------------------------------------------------------

    def _page_first_party(self, text: str) -> frozenset[str]:
        if self.site_host:
            return self.first_party_hosts
        # Without a known site URL, the page's own canonical URL names the site's host.
        for match in _LINK_START_RE.finditer(text, 0, CANONICAL_REACH):
            # each <link is read up to its own '>' only (a run of unclosed <link is linear)
            begin = match.end()
            close = text.find(">", begin, begin + PARSED_TAG_SIZE)
            if close < 0:
                close = begin + PARSED_TAG_SIZE
            following = text.find("<", begin, close)  # an unclosed tag ends at the next one
            tag = text[begin : close if following < 0 else following]
            if "canonical" not in tag.lower():
                continue
            attrs, _ = parse_tag(tag, 0)
            if "canonical" not in attrs.get("rel", "").lower().split():
                continue
            parts = split_url(attrs.get("href", ""))
            if parts:
                return self.first_party_hosts | site_hosts(parts[0])
        return self.first_party_hosts

    def _walk_html(self, page: _Page) -> None:
        text = page.text
        pos = 0
        noscript_end = noscript_close = -1
        search = INTERESTING_RE.search
        name_match = TAG_NAME_RE.match
        skipped = page.skipped
        # attributes are shared between pages (parse_tag_cached): nothing below changes them
        while True:
            match = search(text, pos)
            if not match:
                return
            start = match.start()
            if "A" <= text[start + 1] <= "Z":  # <SCRIPT, <Img…: rare, so checked here
                upper = ANYCASE_TAG_RE.match(text, start)
                if not upper:
                    pos = start + 1
                    continue
                name, name_end = upper.group(1).lower(), upper.end()
            else:
                match = name_match(text, start)
                if not match:  # <lin…, <scr… that are no such tag after all
                    pos = start + 1
                    continue
                name_end = match.end()
                name = match.group()[1:]
                if name == "!--":  # <!-- comment -->
                    close = text.find("-->", name_end)
                    pos = len(text) if close < 0 else close + 3
                    skipped.append((start, pos))
                    continue
            if name == "textarea":
                pos = find_close(text, "textarea", name_end)[1]
                skipped.append((start, pos))
                continue
            if name == "script":
                attrs, tag_end = parse_tag_cached(text, name_end)
                pos = self._script(page, attrs, start, tag_end)
                skipped.append((tag_end, pos))
                continue
            if name == "style":
                tag_end = parse_tag_cached(text, name_end)[1]
                body_end, pos = find_close(text, "style", tag_end)
                if body_end > tag_end:
                    self._scan_css(page, text[tag_end:body_end], tag_end, "css", NOT_GATED)
                skipped.append((tag_end, pos))
                continue
            if name == "noscript":
                pos = parse_tag_cached(text, name_end)[1]
                if pos > noscript_close:  # the </noscript> found last time is behind us
                    noscript_close = find_close(text, "noscript", pos)[0]
                # (else the same close applies: 100,000 unclosed <noscript> search once)
                noscript_end = noscript_close
                continue
            if not self._may_hold_url(text, name_end):
                pos = name_end
                continue
            attrs, pos = parse_tag_cached(text, name_end)
            self._element(page, name, attrs, start, pos, start < noscript_end)

    @staticmethod
    def _may_hold_url(text: str, pos: int) -> bool:
        """Cheap test before parsing attributes: no ``//`` in the tag, no absolute URL."""
        end = text.find(">", pos, pos + 16384)
        if end < 0:  # a huge (data: URI) or unterminated tag: let the parser decide
            return True
        if text.find("//", pos, end) >= 0:
            return True
        # a '>' inside a quoted value cut the tag short: look at the whole tag
        return text.count('"', pos, end) % 2 == 1 or text.count("'", pos, end) % 2 == 1

    def _script(self, page: _Page, attrs: dict[str, str], start: int, tag_end: int) -> int:
        text = page.text
        body_end, after = find_close(text, "script", tag_end)
        gate = script_gate(attrs)
        src = attrs.get("src") or attrs.get("data-src") or ""
        if src:
            self._url(page, src, start, tag_end, "script-src", gate, resource=True)
            if (
                "data-blockingmode" in attrs
                and attrs["data-blockingmode"].strip().lower() == "auto"
                and "cookiebot" in src.lower()
            ):
                page.cookiebot_auto = True
        script_type = attrs.get("type", "").strip().lower()
        if script_type in DATA_SCRIPT_TYPES or body_end <= tag_end:
            return after
        body = text[tag_end:body_end]
        if body.isspace():
            return after
        found, material_consent, consent_default, material, loads = self._inline_script(body)
        if not gate.gated:
            if material_consent:
                page.material_gated = True
            if consent_default:
                page.consent_default = True
        if any(not ids for *_, ids in found):
            # ids given as attributes of the script itself (data-partner-id="…")
            opening = text[start:tag_end]
            found = tuple(
                (service, s, e, host, ids or tuple(self.signatures.find_ids(service, opening)))
                for service, s, e, host, ids in found
            )
        self._code_hits(page, found, tag_end, "inline-script", gate, material)
        self._code_loads(page, loads, tag_end, "inline-script", gate)
        return after

    def _element(
        self,
        page: _Page,
        name: str,
        attrs: dict[str, str],
        start: int,
        tag_end: int,
        in_noscript: bool,
    ) -> None:
        if name == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if not rels & LOADING_RELS:
                return
            hint_only = rels <= CONNECTION_HINTS
            href = attrs.get("href", "")
            if href:
                kind = "noscript" if in_noscript else "link"
                self._url(page, href, start, tag_end, kind, NOT_GATED, True, hint_only)
            return
        if name == "form":  # posting a form is no load: signatures only, never "unknown"
            action = attrs.get("action", "")
            if action:
                self._url(page, action, start, tag_end, "form", NOT_GATED, resource=False)
            return
        if name == "input" and attrs.get("type", "").lower() != "image":
            return
        gate = element_gate(attrs)
        kind = "noscript" if in_noscript else ("iframe" if name == "iframe" else "img")
        urls: list[str] = []
        for attr in ("src", "data-src", "data-cookieblock-src", "poster", "data"):
            value = attrs.get(attr)
            if value and (attr != "data" or name == "object"):
                urls.append(value)
        for attr in ("srcset", "data-srcset"):
            if attrs.get(attr):
                urls.extend(srcset_urls(attrs[attr]))
        for url in urls:
            self._url(page, url, start, tag_end, kind, gate, resource=True)

    def _url(
        self,
        page: _Page,
        url: str,
        start: int,
        end: int,
        kind: str,
        gate: Gate,
        resource: bool,
        hint_only: bool = False,
    ) -> None:
        parts = split_url(url)
        if parts is None:  # relative: the site's own file, scanned on its own
            return
        if kind == "css":  # the evidence is the line around it, not the tag alone
            facts = self._url_facts(page, parts, start, end, kind, resource, hint_only)
        else:
            # A theme's tags (fonts, its analytics loader) are the same on every page, and
            # what a tag shows depends on its text alone: work that out once per text.
            key = (page.text[start:end], url, kind, resource, hint_only, page.first_party)
            cached = self._url_cache.get(key)
            if cached is not None:
                facts = cached
            else:
                facts = self._url_facts(page, parts, start, end, kind, resource, hint_only)
                if len(key[0]) <= CACHED_TAG_SIZE:
                    if len(self._url_cache) >= CACHED_TAGS:
                        self._url_cache.clear()
                    self._url_cache[key] = facts
        found, unknown = facts
        host = parts[0]
        for service, evidence, ids in found:
            page.hits.append(_Hit(service, start, evidence, kind, gate, list(ids), host))
        if unknown is not None:
            page.unknown.append(
                UnknownHost(host, page.path, page.lines.line_at(start), unknown, kind, gate.gated)
            )

    def _url_facts(
        self,
        page: _Page,
        parts: tuple[str, str],
        start: int,
        end: int,
        kind: str,
        resource: bool,
        hint_only: bool,
    ) -> _UrlFacts:
        """((service, evidence, ids) per service the URL belongs to, evidence of an unknown
        host or None), for a URL in ``page.text[start:end]``."""
        host, rest = parts
        services = self.signatures.match_url(host, rest)
        show = excerpt if kind == "css" else tag_excerpt
        if services:
            tag = page.text[start:end]
            evidence = show(page.text, start, end)
            found = tuple(
                (service, evidence, tuple(self.signatures.find_ids(service, tag)))
                for service in services
            )
            return found, None
        if not resource or self.is_first_party(host, page.first_party):
            return (), None
        if hint_only and self.signatures.knows_host(host):
            return (), None  # a preconnect to a vendor's shared host; the loader is reported
        return (), show(page.text, start, end)

    def _style_attributes(self, page: _Page) -> None:
        """``style="background: url(https://…)"`` on any element loads that URL too."""
        text = page.text
        for match in _STYLE_ATTR_RE.finditer(text):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            if "url(" not in value:
                continue
            at = match.start()
            # only inside a tag (not text in <code>), and not in a comment or a script
            # (looked for within one tag's reach: a page of text without '<' costs nothing)
            window = max(0, at - TAG_REACH)
            if text.rfind("<", window, at) < text.rfind(">", window, at) or (
                text.rfind("<", window, at) < 0
            ):
                continue
            if _inside(page.skipped, at):
                continue
            if "&" in value:
                value = html.unescape(value)
            base = match.start(1) if match.group(1) is not None else match.start(2)
            self._scan_css(page, value, base, "css", NOT_GATED)

    # -- code and CSS -------------------------------------------------------------------------

    def _scan_code(self, page: _Page, body: str, base: int, kind: str, gate: Gate) -> None:
        """URLs and snippet markers in JavaScript: one hit per service and script."""
        loads = load_urls(body)  # for both uses (the text is not kept: it may be a 1 MB file)
        self._code_hits(page, self._code_evidence(body, loads), base, kind, gate, False)
        self._code_loads(page, self._unexplained_loads(loads), base, kind, gate)

    def _code_loads(
        self, page: _Page, loads: tuple[_CodeLoad, ...], base: int, kind: str, gate: Gate
    ) -> None:
        """Hosts the code loads from that no signature explains: unknown third parties."""
        for host, start, end in loads:
            if self.is_first_party(host, page.first_party):
                continue
            at = base + start
            page.unknown.append(
                UnknownHost(
                    host,
                    page.path,
                    page.lines.line_at(at),
                    excerpt(page.text, at, base + end),
                    kind,
                    gate.gated,
                )
            )

    def _unexplained_loads(self, loads: list[LoadUrl]) -> tuple[_CodeLoad, ...]:
        """The loads of a script (``load_urls``) whose host no signature explains."""
        return tuple(
            (load.host, load.start, load.end)
            for load in loads
            if not self.signatures.match_url(load.host, load.rest)
        )

    def _inline_script(self, body: str) -> _ScriptFacts:
        """What an inline script holds: its evidence, and whether it is Material's consent
        check, a Consent Mode default or Material's analytics function.

        A theme's inline scripts are the same on every page: each text is analysed once.
        """
        facts = self._code_cache.get(body)
        if facts is None:
            loads = load_urls(body)
            facts = (
                self._code_evidence(body, loads),
                "__md_" in body and bool(_MD_CONSENT_CALL_RE.search(body)),
                "consent" in body and bool(_CONSENT_DEFAULT_RE.search(body)),
                "__md_analytics" in body and bool(_MD_ANALYTICS_DEF_RE.search(body)),
                self._unexplained_loads(loads),
            )
            if len(body) <= CACHED_SCRIPT_SIZE:
                if len(self._code_cache) >= CACHED_SCRIPTS:
                    self._code_cache.clear()
                self._code_cache[body] = facts
        return facts

    @staticmethod
    def _code_hits(
        page: _Page,
        found: tuple[_CodeHit, ...],
        base: int,
        kind: str,
        gate: Gate,
        material: bool,
    ) -> None:
        for service, m_start, m_end, host, ids in found:
            hit_gate = gate
            if not gate.gated and not material:
                hit_gate = Scanner._code_gate(page.text, base, m_start, m_end) or gate
            page.hits.append(
                _Hit(
                    service,
                    base + m_start,
                    excerpt(page.text, base + m_start, base + m_end),
                    kind,
                    hit_gate,
                    list(ids),
                    host,
                    material,
                )
            )

    @staticmethod
    def _code_gate(text: str, base: int, m_start: int, m_end: int) -> Gate | None:
        """A gate the code itself shows: a tarteaucitron job (runs once its service is
        accepted), or the site's own consent check around the loader (see jsurls)."""
        evidence = text[base + m_start : base + m_end + 80]
        if "tarteaucitron" in evidence:
            job = _TARTEAUCITRON_JOB_RE.search(evidence)
            return Gate(True, TARTEAUCITRON, job.group(1) if job else "")
        if site_code_gate(text, base + m_start):
            return SITE_CODE_GATE
        return None

    def _code_evidence(self, body: str, loads: list[LoadUrl]) -> tuple[_CodeHit, ...]:
        """(service, start, end, host, ids) per service found in a script (``loads``: its
        ``load_urls``).

        The evidence sits on the most telling line: one that shows a tracking id
        (``fbq('init', '…')``), else the loader URL, else the first marker.
        """
        candidates: dict[str, list[tuple[int, int, str]]] = {}
        literal_hosts: list[str] = []  # hosts of URLs no signature explains, in order
        if "//" in body or "\\/\\/" in body:  # JSON-style escaped slashes: https:\/\/…
            may_have_csp = "-src" in body or "Security-Policy" in body  # once, not per URL
            urls = _BODY_URL_RE if "\\/\\/" in body else _BODY_URL_SLASHES_RE
            for match in urls.finditer(body):
                host = match.group(1).lower()
                rest = match.group(2).replace("\\/", "/") or "/"
                if may_have_csp and in_csp(body, match.start()):
                    continue  # a CSP allowlist names hosts it allows, it loads nothing
                services = self.signatures.match_url(host, rest)
                if not services and len(literal_hosts) < 8:
                    literal_hosts.append(host)
                for service in services:
                    found = candidates.setdefault(service, [])
                    if not found:  # the first URL of a service is enough
                        found.append((match.start(), match.end(), host))
        for load in loads:  # URLs built by concatenation: ('…ssl' : '…www') + '.x.com/…'
            if load.partial:
                for service in self.signatures.match_url(load.host, load.rest):
                    candidates.setdefault(service, []).append((load.start, load.end, load.host))
        for service, m_start, m_end in self.signatures.find_markers(body):
            candidates.setdefault(service, []).append((m_start, m_end, ""))
        out = []
        for service, found in candidates.items():
            ids = tuple(self.signatures.find_ids(service, body))
            m_start, m_end, _ = self._most_telling(service, body, found, bool(ids))
            host = next((h for _, _, h in found if h), "")
            if not host and literal_hosts:
                # a self-hosted tool found by its snippet (Matomo's _paq): its URL is a
                # variable's value, e.g. var u="//stats.example.fi/"
                host = literal_hosts[0]
            out.append((service, m_start, m_end, host, ids))
        return tuple(out)

    def _most_telling(
        self, service: str, body: str, found: list[tuple[int, int, str]], has_ids: bool
    ) -> tuple[int, int, str]:
        if has_ids:
            for candidate in sorted(found):
                line_start = body.rfind("\n", 0, candidate[0]) + 1
                line_end = body.find("\n", candidate[1])
                line = body[line_start : line_end if line_end >= 0 else len(body)]
                if self.signatures.find_ids(service, line):
                    return candidate
        urls = [c for c in found if c[2]]
        return min(urls or found)

    def _scan_css(self, page: _Page, css: str, base: int, kind: str, gate: Gate) -> None:
        if "//" not in css:
            return
        for match in _css_urls(css):
            url = match.group(1) or match.group(2)
            if url.lower().startswith("data:"):
                continue
            self._url(page, url, base + match.start(), base + match.end(), kind, gate, True)

    # -- results ------------------------------------------------------------------------------

    def _finish(self, page: _Page, nbytes: int | None) -> ScanResult:
        result = ScanResult(files_scanned=1)
        result.bytes_scanned = utf8_length(page.text) if nbytes is None else nbytes
        seen: set[tuple[str, int, str]] = set()
        seloste_page: bool | None = None  # looked for in the page on the first need only
        for hit in sorted(page.hits, key=lambda h: h.offset):
            line = page.lines.line_at(hit.offset)
            key = (hit.service, line, hit.kind)
            if key in seen:
                continue
            seen.add(key)
            gate = self._final_gate(page, hit)
            if gate.convention == "vanilla-cookieconsent" and seloste_page is None:
                seloste_page = SELOSTE_SCRIPT in page.text
            if gate.convention == "vanilla-cookieconsent" and seloste_page:
                # Seloste's gating script uses cookieconsent's markup: name what really gates.
                gate = Gate(True, "seloste", gate.category)
            result.detections.append(
                Detection(
                    service=hit.service,
                    path=page.path,
                    line=line,
                    evidence=hit.evidence,
                    # None: decided by the site's own code at run time (`seloste verify`)
                    consent_gated=None if gate.convention == SITE_CODE else gate.gated,
                    ids=tuple(hit.ids),
                    kind=hit.kind,
                    gating=gate.convention,
                    host=hit.host,
                    consent_category=gate.category,
                )
            )
        result.unknown_hosts.extend(sorted(page.unknown, key=lambda u: u.line))
        return result

    @staticmethod
    def _final_gate(page: _Page, hit: _Hit) -> Gate:
        if hit.gate.gated:
            return hit.gate
        if hit.material:
            if page.material_gated:
                return Gate(True, "material-consent", "analytics")
            return hit.gate
        if hit.service in GOOGLE_SERVICES and page.consent_default:
            # Consent Mode "advanced" loads the tag before consent and sends cookieless pings.
            return Gate(False, "consent-mode-advanced", "")
        if page.cookiebot_auto and hit.kind != "noscript":
            # Cookiebot's automatic blocking happens at run time: nothing to prove statically.
            return Gate(False, "cookiebot-auto", "")
        return hit.gate


def _css_urls(css: str) -> Iterable[re.Match[str]]:
    """``_CSS_URL_RE.finditer(css)``, the pattern tried only where a match can start.

    It ignores case and opens with two alternatives, so the engine tried it at every
    character (~200 instructions a character of a stylesheet). A match starts at an ``@``
    or where ``url(`` is in the lower-cased text (no other characters match ``u``, ``r``,
    ``l`` when case is ignored), in order, each after the end of the one before; when
    lower-casing changes the length (``İ``), positions would not agree: the plain way."""
    lowered = css.lower()
    if len(lowered) != len(css):
        return _CSS_URL_RE.finditer(css)
    return matches_from(_CSS_URL_RE, css, [*occurrences(css, "@"), *occurrences(lowered, "url(")])
