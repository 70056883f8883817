"""``attr_list`` for the notice pages only: the plugin no longer turns it on for the site.

The notices' headings carry stable ids (``{#controller}``) that links rely on, so their
pages are converted with ``attr_list`` (``mkdocs_render.NoticePage``). The user's own
pages are converted with the extensions the user chose: without ``attr_list`` in
``mkdocs.yml`` a ``{: .x }`` stays text, as it would without Seloste; with it, it works.
"""

from __future__ import annotations

import pytest

from conftest import MINIMAL_REGISTRY, build_site

USER_PAGE = "# Etusivu\n\nTeksti.\n{: .korostus }\n\n## Osa {#oma-osa}\n"


def _site(site_factory, *, extensions: str = "", seloste: str = ""):
    return site_factory(
        {
            "mkdocs.yml": (
                "site_name: Testi\nsite_url: https://testi.example/\n"
                "theme: {name: material, font: false}\n"
                + extensions
                + "plugins:\n  - search\n  - seloste:\n      audit: false\n      lint: false\n"
                + seloste
            ),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": USER_PAGE,
        }
    )


def _notice_has_its_ids(html: str) -> None:
    assert 'id="controller"' in html
    assert "{#controller}" not in html


@pytest.mark.parametrize("seloste", ["", "      cache: false\n"], ids=["cache", "no-cache"])
def test_user_pages_are_not_converted_with_attr_list_by_the_plugin(site_factory, seloste):
    root = _site(site_factory, seloste=seloste)
    for build_number in range(2):  # the second build takes the notices from the cache entry
        build = build_site(root)
        assert build.returncode == 0, build.output
        user = build.page("index.html")
        assert "{: .korostus }" in user, build_number
        assert 'class="korostus"' not in user
        assert "{#oma-osa}" in user
        _notice_has_its_ids(build.page("privacy/index.html"))


def test_a_site_that_enables_attr_list_keeps_it(site_factory):
    root = _site(site_factory, extensions="markdown_extensions:\n  - attr_list\n")
    build = build_site(root)
    assert build.returncode == 0, build.output
    user = build.page("index.html")
    assert 'class="korostus"' in user and "{: .korostus }" not in user
    assert 'id="oma-osa"' in user
    _notice_has_its_ids(build.page("privacy/index.html"))
