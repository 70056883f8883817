"""sitesources searches the project as one text and blanks code blocks only where a fence
can open: the same answers as the file-by-file search and the pattern tried at every
character (the way it was done before), pinned here on made-up and real shapes."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from seloste import sitesources
from seloste.sitesources import _ALNUM, _HOSTNAME, MIN_ID, Sources, blank_code_blocks, for_mkdocs


def _old_blank(text: str) -> str:
    return sitesources._FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _old_earliest(text: str, needles, word) -> int:
    best = -1
    for needle in needles:
        at = text.find(needle)
        while at >= 0 and (best < 0 or at < best):
            before = text[at - 1] if at else ""
            end = at + len(needle)
            after = text[end] if end < len(text) else ""
            dotted = (
                word is _HOSTNAME
                and after == "."
                and end + 1 < len(text)
                and text[end + 1] in _ALNUM
            )
            if before not in word and after not in word and not dotted:
                best = at
                break
            at = text.find(needle, at + 1)
    return best


def _old_locate(sources: Sources, ids=(), host: str = ""):
    """``Sources.locate`` as it searched before: each file for each needle."""
    ids = tuple(i for i in dict.fromkeys(ids) if len(i) >= MIN_ID)

    def search(needles, word, skip=0):
        first, files = None, 0
        for shown, path in sources.files():
            text = sources._text(path)
            if not text:
                continue
            at = _old_earliest(text, needles, word)
            if at < 0:
                continue
            files += 1
            if first is None:
                first = (shown, *sitesources._line_col(text, at + skip))
        return None if first is None else (*first, files - 1)

    hit = search(ids, _ALNUM) if ids else None
    if hit is None and host:
        hit = search(("//" + host.lower(),), _HOSTNAME, skip=2)
    return hit


def _new_locate(sources: Sources, ids=(), host: str = ""):
    hit = sources.locate(ids, host)
    return None if hit is None else (hit.path, hit.line, hit.col, hit.more)


FENCED = [
    "# A\n\n```html\n<script src='https://connect.facebook.net/x.js'></script>\n```\n",
    "text ``` inline ``` and ~~~ too\n",
    "   ```\ncode\n   ```\nafter\n",
    "    ```\nfour spaces: no fence\n```\n",
    "````\n```\nstill code\n````\nout\n",
    "~~~~ python\nx\n~~~\nnot closed by fewer\n~~~~~\n",
    "```\nnever closed\n",
    "\t```js\nfbq('init', '123456789012345');\n\t```\n```\nsecond\n```",
    "x\n```a\n```b\n```\n",
    "```\n```\n```\n```\n",
    "  ~~~\n~~~ ```\n```\n~~~",
]


def test_blanking_is_the_pattern_tried_everywhere_on_real_shapes():
    for text in FENCED:
        assert blank_code_blocks(text) == _old_blank(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="`~ \tab\n", max_size=60))
def test_blanking_is_the_pattern_tried_everywhere_on_any_text(text):
    assert blank_code_blocks(text) == _old_blank(text)


PIXEL = "<script>\nfbq('init', '1234567890123');\n</script>\n"
PAGES = {
    "docs/a.md": "# A\n\n" + PIXEL,
    "docs/b.md": "x\n```\n" + PIXEL + "```\n",  # a code sample: never the source
    "docs/c.md": "Text naming connect.facebook.net only.\n",
    "docs/d.md": "<img src='//connect.facebook.net.example.org/p.gif'>\n",
    "docs/e.md": "<img src='https://connect.facebook.net/tr?id=11234567890123'>\n"
    "<script src='https://connect.facebook.net/en_US/fbevents.js'></script>\n" + PIXEL,
    "docs/sub/f.md": "id 1234567890123x and x1234567890123 are other ids\n",
    "docs/sub/g.md": "//static.hotjar.com\n",
    "docs/empty.md": "",
    "overrides/main.html": "{% block x %}\n  " + PIXEL + "{% endblock %}\n",
    "mkdocs.yml": "site_name: x\nextra:\n  analytics:\n    property: G-ABCDEF1234\n",
}


def _project(root: Path, pages: dict[str, str]) -> Sources:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return for_mkdocs(root / "mkdocs.yml", root / "docs", root / "overrides")


ASKED = [
    (["1234567890123"], "connect.facebook.net"),
    ([], "connect.facebook.net"),
    (["123"], "static.hotjar.com"),
    ([], "STATIC.hotjar.com"),
    (["G-ABCDEF1234"], ""),
    (["nowhere-9999"], "nowhere.example"),
    ([], "example.org"),
]


def test_the_one_text_search_answers_as_the_file_by_file_one(tmp_path):
    sources = _project(tmp_path, PAGES)
    for ids, host in ASKED:
        assert _new_locate(sources, ids, host) == _old_locate(sources, ids, host), (ids, host)
    hit = sources.locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and (hit.path, hit.more) == ("overrides/main.html", 2)


def test_a_needle_at_the_very_start_and_end_of_files(tmp_path):
    pages = {
        "docs/a.md": "1234567890123",
        "docs/b.md": "1234567890123\n",
        "docs/c.md": "x1234567890123",
        "docs/d.md": "//connect.facebook.net",
        "docs/e.md": "//connect.facebook.net.",
        "mkdocs.yml": "site_name: x\n",
    }
    sources = _project(tmp_path, pages)
    for ids, host in ASKED:
        assert _new_locate(sources, ids, host) == _old_locate(sources, ids, host), (ids, host)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab1234567890123./:\n`x", max_size=40).map(
            lambda t: t.replace("1", "1234567890123", 1)
        ),
        min_size=1,
        max_size=5,
    )
)
def test_the_one_text_search_on_any_files(tmp_path_factory, texts):
    root = tmp_path_factory.mktemp("project")
    pages = {f"docs/p{i}.md": text for i, text in enumerate(texts)}
    pages["mkdocs.yml"] = "site_name: x\n"
    sources = _project(root, pages)
    for ids, host in [(["1234567890123"], ""), ([], "b.a"), (["0123"], "a.b")]:
        assert _new_locate(sources, ids, host) == _old_locate(sources, ids, host)


def test_a_symlinked_page_is_searched_once_under_its_first_name(tmp_path):
    sources = _project(tmp_path, {"docs/a.md": PIXEL, "mkdocs.yml": "site_name: x\n"})
    (tmp_path / "docs" / "z.md").symlink_to(tmp_path / "docs" / "a.md")
    names = [shown for shown, _ in sources.files()]
    assert names == ["docs/a.md", "mkdocs.yml"]
