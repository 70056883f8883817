"""The banner's HTML in Latin-1 characters: what it says is unchanged, only how it is written.

The banner is on every page. The wording's quotation marks (``”Evästeasetukset”``) made
Python hold every page two bytes a character, and every later pass over the page paid for
it. ``consent.layers.latin1_html`` writes characters beyond Latin-1 as references
(``&#8221;``); a browser decodes them to the same characters, which ``html.unescape``
shows here for every language and for registry texts with such characters.
"""

from __future__ import annotations

import textwrap
from html import unescape
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY
from seloste.consent import consent_config
from seloste.consent.layers import (
    _category_details_html,
    _first_layer_html,
    banner_content,
    category_details_html,
    category_label_html,
    first_layer_html,
    latin1_html,
)
from seloste.registry.load import load_registry

SERVICES = """\
services:
  - id: google-analytics
  - id: google-ads
  - id: meta-pixel
"""


def _loaded(tmp_path: Path, languages: list[str]):
    path = tmp_path / "registry.yaml"
    text = MINIMAL_REGISTRY.replace("Testi Oy", "Testi – “Oy” €")
    path.write_text(text + textwrap.dedent(SERVICES), encoding="utf-8")
    return load_registry(path, languages)


def _latin1(text: str) -> bool:
    return all(ord(c) <= 0xFF for c in text)


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_banner_html_is_latin1_and_reads_the_same(tmp_path, lang):
    loaded = _loaded(tmp_path, ["fi", "en"])  # sv: the wording's own characters
    content = banner_content(loaded, lang, privacy_url="/p/", cookie_url="/c/")
    plain = _first_layer_html(content)
    written = first_layer_html(content)
    assert not _latin1(plain)  # the wording's quotation marks, the registry's dash and €
    assert _latin1(written)
    assert unescape(written) == unescape(plain)
    assert "&#" in written
    for facts in content.categories:
        assert _latin1(category_label_html(facts, lang))
        details = category_details_html(facts, lang)
        assert _latin1(details)
        assert unescape(details) == unescape(_category_details_html(facts, lang))
    config = consent_config(loaded, lang, "/c/", "/p/")
    assert config["description"] == written
    assert all(_latin1(cookie["name"]) for cookie in config["cookies"].values())


def test_latin1_html_leaves_latin1_text_alone():
    assert latin1_html('Hyväksy <a href="/x/">tästä</a> &amp; é') == (
        'Hyväksy <a href="/x/">tästä</a> &amp; é'
    )
    assert (
        latin1_html("kohdasta ”Asetukset” – €")
        == "kohdasta &#8221;Asetukset&#8221; &#8211; &#8364;"
    )
