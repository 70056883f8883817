"""The scanner's literal prefilters find exactly what the full regexes find.

Three regexes of the asset scan open with alternatives (``_LOAD_CONTEXT_RE``,
``_BODY_URL_RE``, ``_CSS_URL_RE``), so the regex engine tried them at every character of a
big minified file; they now run only where a match can start, and the snippet markers'
substring tests run once per needle. Each is compared here with the plain regex on
generated texts, and every built-in signature's evidence (a text generated from its
marker or URL pattern) is still found: a prefilter that misses a literal fails here.
"""

from __future__ import annotations

import random
import re
from re import _parser as parser  # type: ignore[attr-defined]

import pytest

from seloste.scan import Scanner, builtin_signatures, jsurls
from seloste.scan import scanner as scanner_module
from seloste.scan.jsurls import _LOAD_CONTEXT_RE, _load_contexts
from seloste.scan.scanner import _BODY_URL_RE, _BODY_URL_SLASHES_RE, _CSS_URL_RE, _css_urls
from seloste.scan.signatures import Signatures
from test_catalogue_additions import SCAN_SERVICE_CASES


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


LOAD_PIECES = [
    ".src",
    ".src=",
    ".src ==",
    ".href = ",
    "x.href=",
    "setAttribute(",
    "setAttribute( 'src' ,",
    'setAttribute("data-src",',
    "setAttribute('href',",
    "getScript(",
    "getScript ( [",
    "loadScript(",
    "loadJS(",
    "loadJs(",
    "importScripts(",
    "injectScript(",
    "addScript(",
    "appendScript(",
    "loadExternalScript(",
    "myloadScript(",
    "_getScript(",
    "'https://a.example.com/x.js'",
    '"//b.example.org/y"',
    ";",
    "\n",
    " ",
    "x",
    "(",
    "[",
]
CSS_PIECES = [
    "url(",
    "URL(",
    "Url(",
    "uRl( ",
    "@import ",
    "@IMPORT ",
    "@Import url(",
    "@ımport ",
    "İ",
    "ſ",
    '"https://fonts.example.com/a.css"',
    "'//c.example.net/b.png'",
    "data:x",
    ")",
    ";",
    " ",
    "{",
    "a",
    "@media",
]
BODY_PIECES = [
    "//",
    "https://",
    "a.example.com",
    "x.y.example.org:8080",
    "/path/",
    "\\/",
    "?q=1",
    '"',
    " ",
    "// comment\n",
    "http:",
    "1.2",
    "-",
]


def _texts(pieces: list[str], count: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(count)]


def test_load_contexts_are_the_regex_matches():
    for text in _texts(LOAD_PIECES) + [case[2] + case[3] for case in SCAN_SERVICE_CASES]:
        assert _spans(_load_contexts(text)) == _spans(_LOAD_CONTEXT_RE.finditer(text)), text


def test_css_urls_are_the_regex_matches():
    for text in _texts(CSS_PIECES):
        assert _spans(_css_urls(text)) == _spans(_CSS_URL_RE.finditer(text)), text


def test_body_urls_without_escaped_slashes_are_the_regex_matches():
    for text in _texts(BODY_PIECES) + [case[2] + case[3] for case in SCAN_SERVICE_CASES]:
        if "\\/\\/" in text:
            continue
        assert _spans(_BODY_URL_SLASHES_RE.finditer(text)) == _spans(_BODY_URL_RE.finditer(text))


def _markers_one_by_one(signatures: Signatures, text: str) -> list[tuple[str, int, int]]:
    """``find_markers`` as it was: every marker's needles tested on their own."""
    out = []
    for marker in signatures._markers:
        if any(needle not in text for needle in marker.needles):
            continue
        match = marker.regex.search(text)
        if match:
            out.append((marker.service, match.start(), match.end()))
    return sorted(out, key=lambda item: item[1])


# -- texts generated from the signatures -------------------------------------------------------


def _sample(pattern: str) -> str | None:
    """A short text the regex ``pattern`` matches, or None when this generator cannot
    write one (the caller checks that the pattern really matches it)."""
    try:
        return _write(parser.parse(pattern))
    except _Unwritable:
        return None


class _Unwritable(Exception):
    pass


_CATEGORY = {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a"}


def _write(items) -> str:
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("x" if chr(arg) != "x" else "y")
        elif name == "ANY":
            out.append("x")
        elif name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            continue
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, item = arg
            out.append(_write(item) * max(low, 1 if low == 0 and _needs_one(item) else low))
        elif name == "SUBPATTERN":
            out.append(_write(arg[-1]))
        elif name == "BRANCH":
            out.append(_write(arg[1][0]))
        elif name == "IN":
            out.append(_first_in(arg))
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(arg), "a"))
        else:
            raise _Unwritable(name)
    return "".join(out)


def _needs_one(item) -> bool:
    return False


def _first_in(arg) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in arg)
    if negate:
        banned = {chr(a) for op, a in arg if str(op) == "LITERAL"}
        for candidate in "xyz1":
            if candidate not in banned:
                return candidate
        raise _Unwritable("NEGATE")
    for op, a in arg:
        if str(op) == "LITERAL":
            return chr(a)
        if str(op) == "RANGE":
            return chr(a[0])
        if str(op) == "CATEGORY":
            return _CATEGORY.get(str(a), "a")
    raise _Unwritable("IN")


SIGNATURES = builtin_signatures()


def _marker_cases() -> list[tuple[str, str]]:
    cases = []
    for marker in SIGNATURES._markers:
        sample = _sample(marker.pattern)
        if sample is not None and re.search(marker.pattern, " " + sample + " "):
            cases.append((marker.service, " " + sample + " "))
    return cases


def _url_cases() -> list[tuple[str, str]]:
    cases = []
    for signature in SIGNATURES.by_service.values():
        for pattern in signature.loaders + signature.pixels:
            host = pattern.host.replace("*.", "x.").replace(".*", ".com").replace("*", "x.com")
            path = _sample(pattern.path) if pattern.path else "/a.js"
            if path is None or not path.startswith("/"):
                continue
            if signature.service in SIGNATURES.match_url(host, path):
                cases.append((signature.service, f"https://{host}{path}"))
    return cases


MARKER_CASES = _marker_cases()
URL_CASES = _url_cases()


def test_most_signatures_have_generated_evidence():
    assert len({service for service, _ in MARKER_CASES}) >= 0.8 * len(
        {m.service for m in SIGNATURES._markers}
    )
    with_urls = {s.service for s in SIGNATURES.by_service.values() if s.loaders or s.pixels}
    assert len({service for service, _ in URL_CASES}) >= 0.8 * len(with_urls)


@pytest.mark.parametrize(("service", "text"), MARKER_CASES)
def test_every_marker_is_found_in_a_script_file(service, text):
    assert SIGNATURES.find_markers(text) == _markers_one_by_one(SIGNATURES, text)
    assert service in {found[0] for found in SIGNATURES.find_markers(text)}
    result = Scanner(SIGNATURES).scan_asset("assets/site.js", text.encode())
    assert service in {d.service for d in result.detections}, text


@pytest.mark.parametrize(("service", "url"), URL_CASES)
def test_every_url_signature_is_found_in_scripts_and_stylesheets(service, url):
    scanner = Scanner(SIGNATURES)
    escaped = url.replace("/", "\\/")  # JSON's https:\/\/host\/path
    scripts = [
        f'var s = document.createElement("script"); s.src = "{url}";',
        f's.setAttribute("src", "{url}")',
        f'loadScript("{url}")',
        f'fetch("{url}")',
        f'x = "{escaped}";',
    ]
    for js in scripts:
        found = {d.service for d in scanner.scan_asset("assets/site.js", js.encode()).detections}
        assert service in found, js
    for css in (f'@import url("{url}");', f"a{{background:URL({url})}}", f'@IMPORT "{url}";'):
        found = {d.service for d in scanner.scan_asset("assets/site.css", css.encode()).detections}
        assert service in found, css


def test_fast_and_plain_scans_agree_on_every_vendor_snippet(monkeypatch):
    """Each snippet as a page, and its scripts as a .js file: the same result with the
    regexes run the plain way."""
    pages = []
    for _name, _service, head, body, _ids, _others in SCAN_SERVICE_CASES:
        page = f"<html><head>{head}</head><body>{body}</body></html>"
        scripts = "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", page, re.S))
        pages.append((page, scripts))

    def results():
        scanner = Scanner(builtin_signatures())
        out = []
        for page, scripts in pages:
            out.append(scanner.scan_html("index.html", page))
            out.append(scanner.scan_asset("assets/a.js", scripts.encode()))
            out.append(scanner.scan_asset("assets/a.css", page.encode()))
        return [(r.detections, r.unknown_hosts) for r in out]

    fast = results()
    monkeypatch.setattr(jsurls, "_load_contexts", lambda b: list(_LOAD_CONTEXT_RE.finditer(b)))
    monkeypatch.setattr(scanner_module, "_css_urls", _CSS_URL_RE.finditer)
    monkeypatch.setattr(scanner_module, "_BODY_URL_SLASHES_RE", _BODY_URL_RE)
    monkeypatch.setattr(Signatures, "find_markers", _markers_one_by_one)
    plain = results()
    assert fast == plain
    assert sum(len(d) for d, _ in fast) > len(pages)
