"""The plugin option `verify: true` runs `seloste verify` on the site it has just built."""

from __future__ import annotations

import pytest

from browserkit import HOTJAR, require_browser
from conftest import MINIMAL_REGISTRY, build_site

pytestmark = pytest.mark.browser
require_browser()


def test_verify_option_reports_what_the_browser_sees(site_factory):
    root = site_factory(
        {
            "mkdocs.yml": """\
                site_name: Testi
                theme: {name: material, font: false}
                plugins:
                  - seloste: {language: fi, lint: false, fatal: false, verify: true}
                """,
            "data/registry.yaml": MINIMAL_REGISTRY
            + "services:\n  - id: hotjar\n    ids: ['3712345']\n",
            "docs/index.md": "# Etusivu\n\n" + HOTJAR + "\n",
        }
    )
    build = build_site(root)
    assert build.returncode == 0, build.output  # fatal: false: reported, not stopped
    v101 = [line for line in build.output.splitlines() if " V101 " in line]
    assert v101 and "Hotjar" in v101[0], build.output
    assert "static.hotjar.com" in build.output
    # The page as the build's other findings name it: under the site folder.
    assert "seloste: site/index.html: V101 " in v101[0] and "on site/index.html" in v101[0]
