"""The plugin's one-pass page edits (``mkdocs_pageedit.edit_page``) give exactly the page the
three steps give one after the other: the gating tag (``ConsentScript.insert``), the footer's
settings link (``insert_settings_link``) and the banner's links made relative
(``make_links_relative``). Checked on real Material pages and on pages made to reach every
branch (no ``__md_scope``, no footer, a link already there, edits meeting at one place)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_site, write_site
from seloste.consent.banner import insert_settings_link
from seloste.consent.gating import insert_tag, script_tag
from seloste.mkdocs_links import make_links_relative
from seloste.mkdocs_pageedit import edit_page
from seloste.textedits import apply_edits

TAG = script_tag(
    "../assets/javascripts/seloste-consent.js", "r1", "Tallenna", {"analytics": ["_ga"]}
)

LINKS = {"/evasteet/": "evasteet/", "/tietosuojaseloste/": "tietosuojaseloste/"}
SUBFOLDER_LINKS = {"/docs/en/cookies/": "en/cookies/", "/docs/en/privacy/": "en/privacy/"}


def one_by_one(page: str, tag: str, lang: str | None, links: dict, url: str) -> str:
    page = insert_tag(page, tag)
    if lang is not None:
        page = insert_settings_link(page, lang)
    return make_links_relative(page, links, url)


def check(page: str, links: dict = LINKS, urls=("", "sivu/", "a/b/", "sivu.html")) -> None:
    for url, lang in itertools.product(urls, ("fi", "en", None)):
        expected = one_by_one(page, TAG, lang, links, url)
        got, edits = edit_page(page, TAG, settings_lang=lang, links=links, page_url=url)
        assert got == expected, (url, lang)
        assert edits is None or apply_edits(page, edits) == got, (url, lang)


MATERIAL_LIKE = (
    "<!doctype html><html><head><title>t</title>"
    '<script>__md_scope=new URL("..",location),__md_hash=e=>0</script>{head}</head>'
    "<body>{body}"
    '<footer><div class="md-footer-meta md-typeset">'
    '<div class="md-footer-meta__inner md-grid">{footer}</div></div></footer>'
    '<div class="md-consent" data-md-component="consent">'
    '<p>Lue <a href="/evasteet/">evästeistä</a> ja <a href="/tietosuojaseloste/">'
    "tietosuojasta</a>.</p></div></body></html>"
)


@pytest.mark.parametrize(
    "page",
    [
        MATERIAL_LIKE.format(head="", body="<p>Hei</p>", footer=""),
        # the user's own absolute links to the notices are made relative too, as before
        MATERIAL_LIKE.format(
            head="", body='<a href="/evasteet/">x</a><a href="/evasteet/x">y</a>', footer=""
        ),
        # a link written right where the tag goes, a settings link already on the page
        MATERIAL_LIKE.format(head='<a href="/evasteet/">', body="", footer=""),
        MATERIAL_LIKE.format(head="", body='<a href="#" data-seloste-settings>s</a>', footer=""),
        # links right after the footer's place
        MATERIAL_LIKE.format(head="", body="", footer='<a href="/tietosuojaseloste/">p</a>'),
        # no __md_scope script: before </head>; no head at all: no tag
        "<html><head></head><body><footer></footer>"
        '<div data-md-component="consent"><a href="/evasteet/">e</a></div></body></html>',
        "<html><body><footer>a</footer><footer>b</footer></body></html>",
        "<html><body><p>no footer</p></BODY ></html>",
        "<p>neither body nor footer</p>",
        # the tag's and the settings link's places meet (both right before </head>)
        '<html><head><div class="md-footer-meta__inner md-grid"></head><body></body></html>',
        # an unclosed href at the end
        MATERIAL_LIKE.format(head="", body="", footer="") + '<a href="/evasteet/',
        "",
    ],
)
def test_made_pages(page: str) -> None:
    check(page)
    check(page, links={})
    check(page.replace('href="/', 'href="/docs/en/'), links=SUBFOLDER_LINKS)


def test_links_the_one_pass_cannot_vouch_for_go_one_by_one() -> None:
    page = MATERIAL_LIKE.format(head="", body='<a href="/a"b/">x</a>', footer="")
    check(page, links={'/a"b/': "ab/", **LINKS})
    check(page, links={"relative/": "relative/"})


@pytest.fixture(scope="module")
def material_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A real Material build (without Seloste) with a consent banner linking to the notices."""
    root = tmp_path_factory.mktemp("material")
    write_site(
        root,
        {
            "mkdocs.yml": """\
                site_name: Sivut
                site_url: https://example.fi/
                theme: {name: material, language: fi, font: false}
                extra:
                  consent:
                    title: Evästeet
                    description: >-
                      Lue <a href="/evasteet/">evästeistä</a> ja
                      <a href="/tietosuojaseloste/">tietosuojasta</a>.
                """,
            "docs/index.md": "# Etusivu\n\n[Evästeet](/evasteet/)\n",
            "docs/sivu/index.md": "# Sivu\n\n<iframe src='https://example.org/'></iframe>\n",
            "docs/evasteet.md": "# Evästeet\n",
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    pages = [p.read_text(encoding="utf-8") for p in sorted(Path(build.site).rglob("*.html"))]
    assert pages and all('data-md-component="consent"' in p for p in pages)
    return pages


def test_real_material_pages(material_pages: list[str]) -> None:
    for page in material_pages:
        check(page)
        # a page edited once already (its settings link there, its links relative)
        once = edit_page(page, TAG, settings_lang="fi", links=LINKS, page_url="sivu/")[0]
        check(once)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_settings_label_the_plugin_passes_is_the_wordings(lang: str) -> None:
    """The plugin hands edit_page the gating script's settings label instead of reading the
    wording again: they must be the same words, and give the same page."""
    from conftest import ROOT
    from seloste.consent import ConsentScript
    from seloste.registry import load_registry
    from seloste.wording import wording

    loaded = load_registry(ROOT / "data" / "registry.yaml", ("fi", "en"))
    label = ConsentScript.for_language(loaded, lang).settings_label
    assert label == wording(lang)["consent"]["settings"]
    page = MATERIAL_LIKE.format(head="", body="", footer="")
    assert edit_page(page, TAG, settings_lang=lang, links=LINKS, page_url="", settings_label=label)[
        0
    ] == one_by_one(page, TAG, lang, LINKS, "")


@pytest.mark.parametrize(
    "folder",
    ["", "sivu", "en", "en/sivu-0001", "a/b/c", "assets", "assets/javascripts", "assetsx/y"]
    + ["assets/stylesheets/x", "x/assets", ".", "a/./b", "a/../b", "a//b", "en/cookies"],
)
def test_script_path_from_a_page_folder_is_relpaths(folder: str) -> None:
    import posixpath

    from seloste.consent.gating import ASSET_PATH
    from seloste.mkdocs_plugin import _asset_from

    assert _asset_from(folder) == posixpath.relpath(ASSET_PATH, folder or ".")


@pytest.mark.parametrize("close", ["</iframe>", "</IFRAME>", "</IfRaMe>", ""])
def test_an_embed_is_replaced_up_to_its_closing_tag_in_any_case(close: str) -> None:
    from conftest import ROOT
    from seloste.embeds import EmbedGate
    from seloste.registry import load_registry
    from seloste.scan.signatures import load_signatures

    gate = EmbedGate(
        load_registry(ROOT / "data" / "registry.yaml", ("fi", "en")), load_signatures()
    )
    iframe = '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ">'
    before, after = "<p>Ääkköset ennen</p>", "<p>jälkeen</p>"
    page, count = gate.rewrite(before + iframe + close + after, "fi")
    assert count == 1
    placeholder, _ = gate.rewrite(iframe + "</iframe>", "fi")
    assert page == before + placeholder + after


MD_SCOPE_SHAPES = [
    '<script>__md_scope=new URL("..",location)</script>',
    "<script>\n  __md_scope = 1\n</script>",
    "<script>__md_scope</script>",
    "<script>__md_scope=",
    "<script >__md_scope=1</script>",
    "<script>x;__md_scope=1</script>",
    "__md_scope=1</script>",
    "<script>\u2003__md_scope\x1f=</script>",
    "",
]


@pytest.mark.parametrize("shape", MD_SCOPE_SHAPES)
@pytest.mark.parametrize("start", [-1, 0, 3])
def test_material_script_test_is_the_pattern(shape: str, start: int) -> None:
    from seloste.consent.gating import _MD_BASE_SCRIPT, _md_base_script_at

    page = "<p>" + shape if start == 3 else shape
    expected = _MD_BASE_SCRIPT.match(page, start) is not None
    assert _md_base_script_at(page, start) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["<script>", "__md_scope", " ", "\n", "=", "</script>", "x"])))
def test_material_script_test_is_the_pattern_on_any_text(pieces: list[str]) -> None:
    from seloste.consent.gating import _MD_BASE_SCRIPT, _md_base_script_at

    page = "".join(pieces)
    for start in range(-1, len(page) + 1):
        assert _md_base_script_at(page, start) == (_MD_BASE_SCRIPT.match(page, start) is not None)
