"""Embeds written by others (issue #10, finding 9): a YouTube iframe that mkdocs-video or a
pasted snippet writes becomes a consent placeholder in the page's language; the audit then
reads it as gated. The browser test shows the placeholder, and the video after consent."""

from __future__ import annotations

import pytest

from browserkit import chromium, require_browser, serve
from conftest import MINIMAL_REGISTRY, build_site

YT = MINIMAL_REGISTRY + "services:\n  - id: youtube\n"
VIDEO = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
    'allowfullscreen onload="x()"></iframe>\n'
)


def embed_site(site_factory, seloste: str = ""):
    return site_factory(
        {
            "mkdocs.yml": "site_name: Test\nsite_url: https://example.org/\n"
            "theme: {name: material, font: false, language: fi}\n"
            "plugins:\n  - search\n  - seloste:\n      lint: false\n" + seloste,
            "data/registry.yaml": YT,
            "docs/index.md": "# Etusivu\n",
            "docs/video.md": "# Video\n\n" + VIDEO,
        }
    )


def test_youtube_iframe_becomes_a_placeholder_in_the_page_language(site_factory):
    build = build_site(embed_site(site_factory), "--strict")
    assert build.returncode == 0, build.output  # gated: no T106
    page = build.page("video/index.html")
    assert ' src="https://www.youtube.com' not in page
    assert 'data-src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in page
    assert 'data-category="marketing"' in page
    assert "onload" not in page  # no handler of the original survives
    assert "Tämä sisältö tulee palvelusta YouTube" in page
    assert "markkinointievästeet" in page
    assert "Lataa sisältö" in page
    assert '<script src="../assets/javascripts/seloste-embeds.js" defer>' in page
    assert (build.site / "assets/stylesheets/seloste-embeds.css").is_file()
    # only pages with embeds get the asset
    assert "seloste-embeds.js" not in build.page("index.html")


def test_gate_embeds_false_leaves_the_iframe_and_the_audit_reports_it(site_factory):
    build = build_site(embed_site(site_factory, "      gate_embeds: false\n"), "--strict")
    assert build.returncode != 0
    assert "T106" in build.output and "YouTube" in build.output
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in build.page("video/index.html")


# -- in Chromium --------------------------------------------------------------------------


@pytest.mark.browser
def test_placeholder_then_video_after_consent_in_chromium(site_factory):
    sync_api = require_browser()
    build = build_site(embed_site(site_factory))
    assert build.returncode == 0, build.output
    with serve(build.site) as base, chromium(sync_api) as browser:
        page = browser.new_page()
        video_requests: list[str] = []

        def fake_youtube(route):
            video_requests.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<p>VIDEO</p>")

        page.route("https://www.youtube.com/**", fake_youtube)
        page.route(
            lambda url: not url.startswith(base) and "youtube.com" not in url,
            lambda route: route.abort(),
        )
        page.goto(base + "/video/")
        notice = page.locator(".seloste-embed__notice")
        notice.wait_for(state="visible")
        assert "YouTube" in notice.inner_text()
        assert not video_requests  # nothing loads before consent
        # accept everything in Material's banner (the page reloads)
        page.locator("form[name=consent]").get_by_role("button", name="Hyväksy").click()
        page.wait_for_load_state("load")
        frame = page.locator(".seloste-embed iframe")
        frame.wait_for(state="visible")
        assert frame.get_attribute("src") == "https://www.youtube.com/embed/dQw4w9WgXcQ"
        assert not notice.is_visible()
        assert video_requests
