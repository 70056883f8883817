"""Just enough HTML and URL handling for the scanner, written for speed.

A full parse of every page costs several times an MkDocs build, so the scanner
jumps from one interesting tag to the next with a single regex and only reads
the attributes of those tags. Everything here is tolerant: malformed or
truncated markup yields fewer attributes, never an exception.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence


def _any_but_ascii(allowed: str) -> str:
    """A character set of ``allowed`` plus every non-ASCII character, written as a negated
    set: a range up to U+10FFFF costs the regex compiler ~3 ms at every start-up."""
    banned = "".join(chr(c) for c in range(128) if chr(c) not in allowed)
    return "[^" + re.escape(banned) + "]"


#: Where the tags the scanner looks at may start; comments and <textarea> are found so they
#: can be skipped. A cheap filter on the first three characters: Material's nav has
#: thousands of ``</…``, ``<a``, ``<li>`` and ``<span`` a page, and each ``<`` the regex
#: engine stops at costs a call into its matcher, so the filter is three plain character
#: sets (no alternatives, lookahead or group) that let through every comment and every
#: name below in any case (non-ASCII too: ``ſ`` and ``ı`` match ``s`` and ``i`` when case
#: is ignored). ``TAG_NAME_RE`` (lowercase) or ``ANYCASE_TAG_RE`` (a capital first
#: letter) then decides. Case-sensitive regexes are four times faster than IGNORECASE.
INTERESTING_RE = re.compile(
    "<[!sniltefvaoSNILTEFVAO]"
    + _any_but_ascii("-cmfnitoebuCMFNITOEBU")
    + _any_but_ascii("-ryusgpnxbjdRYUSGPNXBJD")
)
#: A comment, or a lowercase tag name the scanner looks at (the match is ``<!--``/``<name``).
TAG_NAME_RE = re.compile(
    r"<(?:!--|(?:s(?:cript|tyle|ource)|noscript|i(?:mg|frame|nput)|link|textarea|embed|object|"
    r"form|video|audio)(?=[\s/>]))"
)
ANYCASE_TAG_RE = re.compile(
    r"<(script|noscript|img|iframe|link|style|textarea|source|embed|object|form|video|audio|"
    r"input)(?=[\s/>])",
    re.IGNORECASE,
)
#: One step through a tag's attributes: the end (``>``), an attribute (name, then its value
#: double-quoted, single-quoted or bare), a stray quote or ``=`` (skipped, like a browser
#: does), or the end of the text. Every character can start one of them, so it always matches.
_TAG_STEP_RE = re.compile(
    r"""[\s/]*(?:(>)|([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?|["'=]|\Z)"""
)
_CLOSE_RES: dict[str, re.Pattern[str]] = {}


def parse_tag(text: str, pos: int) -> tuple[dict[str, str], int]:
    """Attributes of the tag whose name ends at ``pos``, and the index just after its ``>``.

    Names are lowercased, entities in values decoded; the first of duplicate names wins
    (as in browsers).
    """
    attrs, end, _ = _parse_tag(text, pos)
    return attrs, end


def _parse_tag(text: str, pos: int) -> tuple[dict[str, str], int, bool]:
    """``parse_tag``, and whether the result depends only on ``text[pos:end]``.

    It does unless a quote opened a value and never closed: the value then ran as a bare
    one, and text after the tag (another quote) could have changed that.
    """
    attrs: dict[str, str] = {}
    step = _TAG_STEP_RE.match
    local = True
    while True:
        match = step(text, pos)
        assert match is not None  # the step pattern matches (possibly empty) anywhere
        pos = match.end()
        end, name, double, single, bare = match.groups()
        if name is not None:
            if double is not None:
                value = double
            elif single is not None:
                value = single
            elif bare:
                value = bare
                if value[0] in "\"'":
                    local = False
            else:
                value = ""
            if "&" in value:
                value = html.unescape(value)
            name = name.lower()
            if name not in attrs:
                attrs[name] = value
        elif end is not None:
            return attrs, pos, local
        elif pos >= len(text):
            return attrs, len(text), local


#: Tags parsed before, by their text: a theme writes the same tags on every page.
_PARSED_TAGS: dict[str, dict[str, str]] = {}
PARSED_TAGS = 1024
PARSED_TAG_SIZE = 4096


def parse_tag_cached(text: str, pos: int) -> tuple[dict[str, str], int]:
    """``parse_tag``, remembering tags seen before. The attributes are shared: read only.

    A tag is remembered only when its parse ended at its first ``>`` and depended on
    nothing after it, so the same text up to that ``>`` always parses the same.
    """
    close = text.find(">", pos, pos + PARSED_TAG_SIZE)
    if close < 0:
        return parse_tag(text, pos)
    key = text[pos:close]
    attrs = _PARSED_TAGS.get(key)
    if attrs is not None:
        return attrs, close + 1
    attrs, end, local = _parse_tag(text, pos)
    if local and end == close + 1:
        if len(_PARSED_TAGS) >= PARSED_TAGS:
            _PARSED_TAGS.clear()
        _PARSED_TAGS[key] = attrs
    return attrs, end


def find_close(text: str, tag: str, pos: int) -> tuple[int, int]:
    """(start of ``</tag``, index after its ``>``), or (len, len) when the tag is never closed."""
    regex = _CLOSE_RES.get(tag)
    if regex is None:
        regex = _CLOSE_RES[tag] = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    match = regex.search(text, pos)
    if not match:
        return len(text), len(text)
    return match.start(), match.end()


_URL_RE = re.compile(
    r"^\s*(?:(?P<scheme>[a-z][a-z0-9+.-]*):)?(?:\\?/){2}(?P<host>[^/?#\s\\]*)(?P<rest>[^#\s]*)",
    re.IGNORECASE,
)


#: The longest host name DNS allows; longer ones are no host (and would make the
#: wildcard host patterns, e.g. google.*, backtrack over megabytes).
MAX_HOST = 253


def split_url(url: str) -> tuple[str, str] | None:
    """(lowercase host, path?query) of an absolute or protocol-relative http(s) URL, else None."""
    if "//" not in url and "\\/\\/" not in url:
        return None
    match = _URL_RE.match(url)
    if not match:
        return None
    scheme = (match.group("scheme") or "").lower()
    if scheme not in ("", "http", "https"):
        return None
    host = match.group("host").rpartition("@")[2]
    # an IPv6 literal keeps its brackets; otherwise drop the port
    host = host.split("]")[0] + "]" if host.startswith("[") else host.split(":")[0]
    host = host.strip(".").lower()
    if not host or "." not in host and host != "localhost" or len(host) > MAX_HOST:
        return None
    rest = match.group("rest").replace("\\/", "/") or "/"
    if rest[0] != "/":
        rest = "/" + rest
    return host, rest


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value (``url 1x, url 2x``)."""
    return [part.split()[0] for part in value.split(",") if part.strip()]


_WS_RE = re.compile(r"\s+")


def excerpt(text: str, start: int, end: int, limit: int = 120) -> str:
    """A one-line excerpt of text[start:end], at most ``limit`` characters.

    A short line is shown whole; in a long (minified) line the excerpt starts at the
    evidence itself, so the id or URL is what the reader sees first.
    """
    # Lines are looked for within reach of the evidence only: in a 10 MB one-line CSS
    # file, 250,000 excerpts must not each scan the whole line.
    reach = 4 * limit
    floor = max(0, start - reach)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    line_end = text.find("\n", end, end + reach)
    if line_end < 0:
        line_end = min(len(text), end + reach)
    if line_end - line_start <= limit:
        before, after = line_start, line_end
    else:
        # back up to the start of the expression: e("config",… rather than ("config",…
        window = text[max(line_start, start - 24) : start]
        cut = max(window.rfind(c) for c in ",;{}= ")
        before = start - len(window) + cut + 1 if cut >= 0 else start
        after = min(line_end, max(end, before + limit))
    snippet = _WS_RE.sub(" ", text[before:after]).strip()
    if len(snippet) > limit or after < line_end:
        snippet = snippet[: limit - 1].rstrip() + "…"
    return snippet


def tag_excerpt(text: str, start: int, end: int, limit: int = 120) -> str:
    """A whole tag (which may span lines) on one line, at most ``limit`` characters."""
    snippet = _WS_RE.sub(" ", text[start : min(end, start + 4 * limit)]).strip()
    return snippet if len(snippet) <= limit else snippet[: limit - 1].rstrip() + "…"


#: Pieces of a non-ASCII page whose UTF-8 length is counted one at a time (see utf8_length).
_UTF8_PIECE = 4096


def utf8_length(text: str) -> int:
    """``len(text.encode("utf-8", "replace"))``, without encoding all of it.

    A page with one curly quote is stored as 2 bytes a character, and Python encodes such
    text to UTF-8 several times slower than 1-byte text. A slice holding only ASCII (or
    Latin-1) characters is stored compactly again, so the page is measured in pieces:
    ASCII pieces by their length, the others by encoding just them. The total is exact:
    every code point has the same UTF-8 length wherever the text is cut.
    """
    if text.isascii():
        return len(text)
    size = len(text)
    if size <= _UTF8_PIECE:
        return len(text.encode("utf-8", "replace"))
    total = 0
    for start in range(0, size, _UTF8_PIECE):
        piece = text[start : start + _UTF8_PIECE]
        total += len(piece) if piece.isascii() else len(piece.encode("utf-8", "replace"))
    return total


def has_url_call(text: str, skipped: Sequence[tuple[int, int]] = ()) -> bool:
    """``"url(" in text``, found faster in HTML.

    ``(`` is rare in markup and finding one character runs at ``memchr`` speed, while a
    4-character search steps through the whole page. Inline scripts are full of ``(``:
    the ascending, non-overlapping ``skipped`` ranges (script bodies, comments…) are
    searched for ``url(`` as a whole instead. Exact: an occurrence counts where its
    ``(`` is, in a gap or in a range.
    """
    find = text.find
    gap = 0
    for begin, end in (*skipped, (len(text), len(text))):
        if begin < gap:  # not ascending after all: search the plain way
            return find("url(") >= 0
        at = find("(", max(gap, 3), begin)
        for _ in range(64):
            if at < 0:
                break
            if text.startswith("url", at - 3):
                return True
            at = find("(", at + 1, begin)
        else:  # many "(" in the gap: the substring search does the rest of it
            if at >= 0 and find("url(", at - 3, begin) >= 0:
                return True
        if end > begin and find("url(", max(begin - 3, 0), end) >= 0:
            return True
        gap = end
    return False


class LineIndex:
    """1-based line numbers for offsets, counted incrementally (offsets mostly ascend)."""

    def __init__(self, text: str):
        self._text = text
        self._pos = 0
        self._line = 1

    def line_at(self, pos: int) -> int:
        if pos < self._pos:
            self._pos, self._line = 0, 1
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line
