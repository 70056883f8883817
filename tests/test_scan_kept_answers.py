"""The scanner keeps answers that depend on a stretch of text alone (a theme's script is
the same on every page): kept or worked out anew, the answer is the same. The old way is
copied here and compared on real shapes and on made-up texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seloste.scan import jsurls
from seloste.scan.jsurls import (
    _CONSENT_ATTR_RE,
    _CONSENT_BLOCK_RE,
    _SCRIPT_END_RE,
    GATE_REACH,
    site_code_gate,
)


def _old_site_code_gate(body: str, offset: int) -> bool:
    floor = max(0, offset - GATE_REACH)
    for end in _SCRIPT_END_RE.finditer(body, floor, offset):
        floor = end.end()
    after = _SCRIPT_END_RE.search(body, offset, min(len(body), offset + GATE_REACH))
    ceiling = after.start() if after else min(len(body), offset + GATE_REACH)
    for match in _CONSENT_BLOCK_RE.finditer(body, floor, offset):
        between = body[match.end() : offset]
        if between.count("{") > between.count("}"):
            return True
    return bool(_CONSENT_ATTR_RE.search(body, floor, ceiling))


MATERIAL_ANALYTICS = (
    '<script id="__analytics">function __md_analytics(){function e(){dataLayer.push('
    'arguments)}window.dataLayer=window.dataLayer||[],e("js",new Date),e("config",'
    '"G-7QK2LMN3PZ")}</script><script>if("undefined"!=typeof __md_analytics){var consent='
    '__md_get("__consent");consent&&consent.analytics&&__md_analytics()}</script>'
)
HOTJAR = (
    "<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push("
    "arguments)};a=o.getElementsByTagName('head')[0];r=o.createElement('script');"
    "r.src=t+h._hjSettings.hjid+j;a.appendChild(r);})(window,document,"
    "'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>"
)
GATED = (
    "<script>if (window.cookieConsent && consent.analytics) { var s=document.createElement"
    "('script'); s.src='https://static.hotjar.com/c/hotjar-1.js'; }</script>"
)
ATTR = (
    "<script>var s=document.createElement('script');s.setAttribute('data-category',"
    "'statistics');s.src='https://static.hotjar.com/c/x.js'</script>"
)
SHAPES = [
    "<p>text</p>" + MATERIAL_ANALYTICS + HOTJAR,
    "<p>if (consent) { shown as text</p>" + HOTJAR,
    GATED + HOTJAR,
    "x" * 2990 + HOTJAR,
    ATTR,
    "<SCRIPT>if(accept){</SCRIPT>" + HOTJAR.upper(),
    "onAccept" + HOTJAR,
    "a" + GATED,
    " " * 5000 + GATED + " " * 5000,
]


def _offsets(text: str) -> list[int]:
    found = [i for i in range(len(text)) if text.startswith(("https://", "__md_analytics"), i)]
    return found + [0, len(text) // 2, max(0, len(text) - 1)]


def test_kept_answers_are_the_answers_on_real_shapes():
    for text in SHAPES:
        for offset in _offsets(text):
            jsurls._GATES.clear()
            first = site_code_gate(text, offset)
            assert first == site_code_gate(text, offset) == _old_site_code_gate(text, offset)


def test_the_same_script_on_two_pages_is_worked_out_once():
    jsurls._GATES.clear()
    # the text before the script element differs, the script does not
    pages = [f"<h1>{title}</h1><script>x</script>" + MATERIAL_ANALYTICS for title in ("A", "BB")]
    for page in pages:
        offset = page.index("__md_analytics()")
        assert site_code_gate(page, offset) == _old_site_code_gate(page, offset)
    assert len(jsurls._GATES) == 1


PIECES = st.sampled_from(
    [
        "if (consent) {",
        "}",
        "{",
        "</script>",
        "</SCRIPT >",
        "<script>",
        "onAccept()",
        "\n",
        "https://static.hotjar.com/c/x.js",
        "setAttribute('data-name','x')",
        "x",
        "a" * 900,
        ".type = 'text/plain'",
        "ifconsent(",
        " if(allow",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14), st.data())
def test_kept_answers_are_the_answers_on_any_text(pieces, data):
    text = "".join(pieces)
    offset = data.draw(st.integers(0, len(text)))
    assert site_code_gate(text, offset) == _old_site_code_gate(text, offset)
    assert site_code_gate(text, offset) == _old_site_code_gate(text, offset)  # kept
