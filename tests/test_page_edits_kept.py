"""A built page's edits (embed placeholders, the gating tag, the settings link, the banner's
links) are kept in the build cache under the page as MkDocs wrote it and the strings they
depend on (``mkdocs_pagekeep``): a later build edits again only the pages whose HTML changed,
also after a registry edit (the shared store), except pages with an embed iframe (their
placeholders depend on the registry). Every built site equals a build without any cache,
byte for byte. Real builds in temporary folders, each in its own process (the number of
pages edited is printed by a counting wrapper)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_REGISTRY, write_site
from seloste.mkdocs_pagekeep import apply_edits, compose, fingerprint

#: Runs `mkdocs build` in the current folder and prints which pages were edited (searched
#: for their edits) and which pages had an embed rewritten.
BUILD = """
import sys
from seloste import mkdocs_plugin
edited, embeds = [], []
steps = mkdocs_plugin.SelostePlugin._page_steps
def counting(self, output, dest_uri, page_url, config, *rest):
    edited.append(dest_uri)
    return steps(self, output, dest_uri, page_url, config, *rest)
mkdocs_plugin.SelostePlugin._page_steps = counting
from seloste import embeds as embeds_module
searches = []
has_iframe = embeds_module.has_iframe
def counting_search(page_html):
    searches.append(1)
    return has_iframe(page_html)
embeds_module.has_iframe = counting_search
from seloste.embeds import EmbedGate
iframes = EmbedGate.iframe_edits
def counting_embeds(self, page_html, lang):
    found = iframes(self, page_html, lang)
    if found:
        embeds.append(len(found))
    return found
EmbedGate.iframe_edits = counting_embeds
from seloste import mkdocs_pagekeep
applied = []
apply_edits = mkdocs_pagekeep.apply_edits
def counting_apply(text, edits):
    applied.append(1)
    return apply_edits(text, edits)
mkdocs_pagekeep.apply_edits = counting_apply
from mkdocs.__main__ import cli
try:
    cli(["build"])
except SystemExit as exc:
    assert not exc.code, exc.code
print("EDITED", len(edited), sorted(edited), file=sys.stderr)
print("EMBEDS", len(embeds), file=sys.stderr)
print("IFRAME_SEARCHES", len(searches), file=sys.stderr)
print("APPLIED", len(applied), file=sys.stderr)
"""

VIDEO = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
    'allowfullscreen onload="x()"></iframe>\n'
)
REGISTRY = MINIMAL_REGISTRY + (
    "services:\n  - id: youtube\n  - id: google-analytics\n    purpose: {fi: Kävijätilastot, "
    "en: Visitor statistics}\n"
)


def _project(root, theme: str = "material", extra: str = ""):
    yml = (
        "site_name: Test\nsite_url: https://example.org/docs/\n"
        f"theme:\n  name: {theme}\n" + ("  font: false\n" if theme == "material" else "") + ""
        "extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF1234\n"
        "plugins:\n  - search\n  - seloste:\n      lint: false\n      fatal: false\n" + extra
    )
    return write_site(
        root,
        {
            "mkdocs.yml": yml,
            "data/registry.yaml": REGISTRY,
            "docs/index.md": "# Etusivu\n\nTervetuloa.\n",
            "docs/video.md": "# Video\n\n" + VIDEO,
            "docs/a/b/syva.md": "# Syvä\n\nKatso [evästeet](/docs/cookies/).\n",
            "docs/yhteystiedot.md": "# Yhteystiedot\n\nSoita meille.\n",
        },
    )


def _build(root) -> tuple[list[str], int]:
    """A build's pages edited and its embeds rewritten."""
    edited, counts = _counts(root)
    return edited, counts["EMBEDS"]


def _counts(root) -> tuple[list[str], dict[str, int]]:
    """A build's pages edited, and its counts (EMBEDS, IFRAME_SEARCHES, APPLIED)."""
    # the mkdocs theme writes the build's date into index.html: the same in every build
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    run = subprocess.run(
        [sys.executable, "-c", BUILD], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    edited = next(line for line in lines if line.startswith("EDITED"))
    counted = ("EMBEDS", "IFRAME_SEARCHES", "APPLIED")
    counts = {x.split()[0]: int(x.split()[1]) for x in lines if x.startswith(counted)}
    return eval(edited.split(" ", 2)[2]), counts  # noqa: S307 - our own list


def _site(root) -> dict[str, bytes]:
    site = root / "site"
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def _from_scratch(root) -> dict[str, bytes]:
    """The site as a build without the cache folder makes it."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    _build(root)
    return _site(root)


def test_unchanged_pages_are_not_edited_again_and_the_site_is_the_same(tmp_path):
    root = _project(tmp_path)
    first, embeds = _build(root)
    assert "video/index.html" in first and "a/b/syva/index.html" in first
    assert embeds == 1
    site = _site(root)
    page = site["video/index.html"].decode()
    assert 'data-src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in page
    assert "seloste-consent.js" in page and "data-seloste-settings" in page
    assert 'href="../../../cookies/"' in site["a/b/syva/index.html"].decode()
    again, embeds_again = _build(root)
    assert again == [] and embeds_again == 0  # every page's edits from the cache
    assert _site(root) == site
    # one page changed: only it is edited again
    (root / "docs" / "yhteystiedot.md").write_text("# Yhteystiedot\n\nKirjoita meille.\n")
    edited, _ = _build(root)
    assert edited == ["yhteystiedot/index.html"]
    assert _site(root) == _from_scratch(root)


def test_each_page_is_searched_for_an_iframe_once(tmp_path):
    """A page's ``<iframe`` test (a search of the whole page) is made once per build, not
    again by the embed step (it was twice a page: ~0.13 ms each on a 150 KB page)."""
    edited, counts = _counts(_project(tmp_path))
    assert len(edited) >= 5
    assert counts["IFRAME_SEARCHES"] == len(edited)


def test_a_first_build_makes_each_page_once(tmp_path):
    """The edits kept of a page without an embed are the ones its page was made from: a
    first build does not apply them again to check them (a second copy of every page).
    Only the video's page, whose embed and consent edits are put together, is checked (its
    placeholders applied, then the check); a later build applies each page's kept edits."""
    root = _project(tmp_path)
    edited, counts = _counts(root)
    assert len(edited) >= 5
    assert counts["APPLIED"] == 2
    again, counts = _counts(root)
    assert again == [] and counts["APPLIED"] == len(edited)


def test_a_registry_edit_edits_only_changed_pages_and_those_with_embeds(tmp_path):
    """After a registry edit, the pages whose HTML did not change keep their edits (the
    shared store); the notices changed, and the video's placeholder depends on the
    registry (the service's name): they are edited again."""
    root = _project(tmp_path)
    first, _ = _build(root)
    registry = root / "data" / "registry.yaml"
    registry.write_text(
        registry.read_text().replace("customer relationship}", "customer relationship and a year}")
    )
    edited, embeds = _build(root)
    assert "index.html" not in edited and "a/b/syva/index.html" not in edited
    assert "video/index.html" in edited and embeds == 1
    assert "privacy/index.html" in edited
    assert 0 < len(edited) < len(first)
    assert _site(root) == _from_scratch(root)


def test_what_the_edits_depend_on_is_part_of_the_key(tmp_path):
    """The settings link switched off, embeds not gated: every page is edited anew, and the
    site is what a build without the cache makes."""
    root = _project(tmp_path)
    _build(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      settings_link: false\n")
    edited, _ = _build(root)
    assert "index.html" in edited
    site = _site(root)
    assert "data-seloste-settings" not in site["index.html"].decode()
    assert site == _from_scratch(root)
    config.write_text(config.read_text() + "      gate_embeds: false\n")
    edited, embeds = _build(root)
    assert "index.html" in edited and embeds == 0
    site = _site(root)
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in site["video/index.html"].decode()
    assert site == _from_scratch(root)


def test_own_banner_pages_are_the_same_with_the_cache(tmp_path):
    """A theme without Material's banner gets Seloste's own (edited on every build)."""
    root = _project(tmp_path, theme="mkdocs")
    _build(root)
    site = _site(root)
    assert "data-seloste-banner" in site["index.html"].decode()
    _build(root)
    assert _site(root) == site == _from_scratch(root)


def test_without_the_cache_every_page_is_edited(tmp_path):
    root = _project(tmp_path, extra="      cache: false\n")
    first, _ = _build(root)
    again, _ = _build(root)
    assert first == again and "index.html" in first


# -- the pieces ---------------------------------------------------------------------------


def _edits(text_size: int):
    """Sorted edits of a text of ``text_size`` characters (insertions and replacements),
    none overlapping."""

    @st.composite
    def edits(draw):
        starts = draw(st.lists(st.integers(0, text_size), max_size=6, unique=True))
        result, last = [], 0
        for start in sorted(starts):
            if start < last:
                continue
            end = min(text_size, start + draw(st.integers(0, 3)))
            result.append((start, end, draw(st.text("xyz<>", max_size=4))))
            last = end + draw(st.integers(0, 1))
        return result

    return edits()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_compose_is_the_edits_one_after_the_other(data):
    text = data.draw(st.text("abcdefgh", max_size=30))
    first = data.draw(_edits(len(text)))
    middle = apply_edits(text, first)
    second = data.draw(_edits(len(middle)))
    both = compose(first, second)
    if both is None:
        return  # the steps then run one after the other
    starts = [start for start, _, _ in both]
    assert starts == sorted(starts)
    assert apply_edits(text, both) == apply_edits(middle, second)


def test_compose_refuses_edits_that_meet():
    text = "0123456789"
    first = [(2, 4, "ab")]
    assert compose(first, [(3, 3, "x")]) is None  # inside the replacement
    assert compose(first, [(4, 4, "x")]) is None  # at its end
    assert compose(first, [(2, 2, "x")]) is None  # at its start
    assert compose(first, [(5, 6, "x")]) == [(2, 4, "ab"), (5, 6, "x")]
    assert apply_edits(text, [(2, 4, "ab"), (5, 6, "x")]) == "01ab4x6789"


def test_fingerprint_tells_texts_apart():
    assert fingerprint("abc") == fingerprint("ab" + "c")
    assert fingerprint("abc") != fingerprint("abd")
    # Latin-1 where every code point is below 256, UTF-8 otherwise: never the same bytes
    # for two texts of one length
    assert fingerprint("äö")[0] == 1 and fingerprint("ä—")[0] == 8
    assert fingerprint("ä—") != fingerprint("ä\u2015")
