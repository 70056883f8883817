"""The scanner never crashes, whatever bytes a built site holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seloste.scan import Scanner

SCANNER = Scanner()

FRAGMENTS = [
    "<script",
    "<script>",
    "</script>",
    "<script src=",
    "<noscript>",
    "</noscript>",
    "<img",
    "<iframe",
    "<link rel=stylesheet href=",
    "<style>",
    "</style>",
    "<textarea>",
    "<!--",
    "-->",
    "<form action=",
    '"',
    "'",
    "=",
    ">",
    "/",
    " ",
    "\n",
    "//",
    "https://",
    "\\/\\/",
    "www.googletagmanager.com/gtag/js?id=G-ABCDEFGH",
    "connect.facebook.net/fi_FI/fbevents.js",
    "fbq('init','123456789012')",
    "data-src=",
    'type="text/plain"',
    "data-category=",
    "url(",
    "@import ",
    "&amp;",
    "&lt;",
    "srcset=",
    "fonts.gstatic.com",
    "\x00",
    "\ufffd",
    "ä",
]


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60))
def test_html_made_of_tag_fragments(parts):
    text = "".join(parts)
    result = SCANNER.scan_html("p.html", text)
    lines = text.count("\n") + 1
    for d in result.detections + result.unknown_hosts:
        assert 1 <= d.line <= lines
        assert len(d.evidence) <= 120


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text())
def test_arbitrary_text(text):
    SCANNER.scan_html("p.html", text)
    SCANNER.scan_asset("a.js", text)
    SCANNER.scan_asset("a.css", text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary())
def test_bytes_that_are_not_utf8(data):
    SCANNER.scan_asset("a.js", data)
    SCANNER.scan_asset("a.css", data)
    result = SCANNER.scan_html("p.html", data.decode("utf-8", "replace"), nbytes=len(data))
    assert result.bytes_scanned == len(data)


def test_pathological_input_stays_linear():
    import time

    for piece in (
        "<img ",
        "<script>",
        "<!--",
        "<link rel=stylesheet href=//a.example/",
        "<noscript>",
    ):
        text = piece * 20000
        started = time.process_time()
        SCANNER.scan_html("p.html", text)
        assert time.process_time() - started < 2.0, piece
