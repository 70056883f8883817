"""The notices read well on a phone and a desktop: nothing wider than the screen or its column.

Headless Debian chromium (Playwright) on the demo registry's notices, built with Material and
mkdocs-static-i18n like a real site. Cookie tables used to overflow their column (six columns,
the service repeated in every row); now each service is named once above a four-column table.
"""

from __future__ import annotations

import shutil

import pytest

from browserkit import require_browser, serve
from conftest import ROOT, build_site, write_site

pytestmark = pytest.mark.browser
require_browser()

PAGES = ["evasteet/", "en/cookies/", "tietosuojaseloste/", "en/privacy/"]

#: Each notice table's width against the column (scroll wrapper) Material puts it in, and the
#: article's against the screen. (Material's own hidden language menu is wider than a phone
#: screen on every page; that is the theme's, not the notice's, so the article is measured.)
MEASURE = """() => {
  const article = document.querySelector('article');
  const tables = [...article.querySelectorAll('table')].map(t => ({
    width: Math.round(t.getBoundingClientRect().width),
    column: (t.closest('.md-typeset__scrollwrap') || article).clientWidth,
  }));
  return {article: article.scrollWidth, screen: window.innerWidth, tables};
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("layout")
    shutil.copytree(ROOT / "data", root / "data")
    write_site(
        root,
        {
            "mkdocs.yml": """\
                site_name: Esimerkki
                theme: {name: material, font: false}
                plugins:
                  - i18n:
                      docs_structure: folder
                      languages:
                        - {locale: fi, name: Suomi, default: true, build: true}
                        - {locale: en, name: English, build: true}
                  - seloste: {audit: false, lint: false}
                """,
            "docs/fi/index.md": "# Etusivu\n",
            "docs/en/index.md": "# Home\n",
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url + "/"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow(browser, base_url, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base_url) else route.abort()
            ),
        )
        page.goto(base_url + path)
        measured = page.evaluate(MEASURE)
    finally:
        page.close()
    assert measured["article"] <= measured["screen"], measured
    for table in measured["tables"]:
        assert table["width"] <= table["column"], (path, width, table)
    if path in ("evasteet/", "en/cookies/"):
        assert len(measured["tables"]) >= 5, measured  # the demo's cookie tables were measured
