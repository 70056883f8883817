"""Zensical, Hugo and Jekyll: a bilingual site gets both notices under the right ``lang``,
linked as translations, the consent script, banner and settings link on every page,
``seloste check`` passes, and an undeclared tracker fails it (issue #14).

Real builds (see generator_sites.py); one build per generator per module.
"""

from __future__ import annotations

import re

import pytest

from generator_sites import REGISTRY, build, copy_fixture, seloste

GENERATORS = ("hugo", "jekyll", "zensical")
NOTICES = {
    ("privacy", "fi"): "tietosuojaseloste/index.html",
    ("cookies", "fi"): "evasteet/index.html",
    ("privacy", "en"): "en/privacy/index.html",
    ("cookies", "en"): "en/cookies/index.html",
}
TITLES = {"fi": ("Tietosuojaseloste", "Evästeseloste"), "en": ("Privacy notice", "Cookie notice")}
HOTJAR = (
    "<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};"
    "h._hjSettings={hjid:3712345,hjsv:6};a=o.getElementsByTagName('head')[0];"
    "r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');"
    "</script>"
)


@pytest.fixture(scope="module", params=GENERATORS)
def built(request, tmp_path_factory):
    project = copy_fixture(request.param, tmp_path_factory.mktemp(request.param))
    return build(request.param, project)


def html_lang(page: str) -> str:
    return re.search(r"<html[^>]*\blang=\"([a-z]+)", page).group(1)


def test_both_notices_in_both_languages_under_the_right_lang(built):
    for (kind, lang), rel in NOTICES.items():
        page = built.page(rel)
        assert html_lang(page) == lang, (built.generator, rel)
        title = TITLES[lang][0 if kind == "privacy" else 1]
        assert f"<title>{title}" in page, (built.generator, rel)
    # The English notice is English (Hugo's filename languages once made it Finnish).
    assert "Controller and contact details" in built.page(NOTICES[("privacy", "en")])
    assert "Rekisterinpitäjä" in built.page(NOTICES[("privacy", "fi")])


def test_notices_are_linked_as_translations(built):
    """hreflang links (Hugo translationKey, Jekyll ref, Zensical via inject) and the
    site's language switcher lead from each notice to the same notice in the other language."""
    for (kind, lang), rel in NOTICES.items():
        other = "en" if lang == "fi" else "fi"
        target = "/" + NOTICES[(kind, other)].removesuffix("index.html")
        page = built.page(rel)
        alternates = re.findall(rf'<link[^>]*hreflang="{other}"[^>]*>', page)
        assert alternates and all(target in a for a in alternates), (built.generator, rel)
        switcher = re.findall(rf'<a[^>]*hreflang="{other}"[^>]*>', page)
        assert switcher and all(target in a for a in switcher), (built.generator, rel)


def test_the_notices_link_each_other_after_the_build(built):
    fi_cookies = built.page(NOTICES[("cookies", "fi")])
    en_privacy = built.page(NOTICES[("privacy", "en")])
    assert re.search(r'href="(\.\./tietosuojaseloste/|/tietosuojaseloste/)"', fi_cookies)
    assert re.search(r'href="(\.\./cookies/|/en/cookies/)"', en_privacy)
    # Hugo drops raw HTML without `unsafe`: nothing of the notice may vanish there.
    assert "raw HTML omitted" not in built.page(NOTICES[("cookies", "en")])


def test_every_page_gets_the_gating_script_first_and_the_settings_link(built):
    pages = [p for p in built.site.rglob("*.html") if "http-equiv" not in p.read_text()]
    assert len(pages) >= 6
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert len(re.findall(r'<script src="[^"]*seloste-consent.js"', page)) == 1, path
        head = page[: page.index("</head>")]
        first_script = re.search(r"<script\b[^>]*>", head).group(0)
        assert "seloste-consent.js" in first_script or "__md_scope" in head, path
        assert "#__consent" in page or "&#35;__consent" in page, path
    assert (built.site / "assets/javascripts/seloste-consent.js").is_file()


def test_inject_twice_changes_nothing(built):
    before = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    again = seloste("inject", built.site, "-r", REGISTRY)
    assert again.exit_code == 0 and " 0 changed" in again.output, again.output
    after = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    assert after == before


def test_check_passes(built):
    result = seloste("check", built.site, "-r", REGISTRY)
    assert result.exit_code == 0, result.output
    assert " T112 " not in result.output and " T113 " not in result.output
    assert " T114 " not in result.output


def test_every_page_shows_a_banner(built):
    from seloste.generators.inject import banner_provider

    if built.generator != "zensical" and banner_provider() is None:
        pytest.skip("Seloste's own banner (#11) is not in this version")
    for path in built.site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if "http-equiv" in page:
            continue
        theirs = 'data-md-component="consent"' in page
        ours = len(re.findall(r"<div[^>]*\bdata-seloste-banner\b", page)) == 1
        assert theirs != ours, path  # exactly one banner: the theme's or Seloste's
    result = seloste("check", built.site, "-r", REGISTRY, "--strict")
    assert " T115 " not in result.output, result.output


def test_an_undeclared_tracker_fails_check(built, tmp_path):
    page = built.site / "en" / "index.html"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("</head>", HOTJAR + "</head>"), encoding="utf-8")
        result = seloste("check", built.site, "-r", REGISTRY)
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert " T101 " in result.output and "hotjar" in result.output


def test_a_missing_notice_language_fails_check(built, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(built.site, copy)
    shutil.rmtree(copy / "en" / "cookies")
    result = seloste("check", copy, "-r", REGISTRY)
    assert result.exit_code == 1, result.output
    t112 = next(line for line in result.output.splitlines() if " T112 " in line)
    assert "cookie notice in 'en'" in t112 and "en/cookies/" in t112
    assert f"--generator {built.generator}" in result.output
