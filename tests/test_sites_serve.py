"""`mkdocs serve` on a real site (issue #10, finding 6): a tracker pasted into the theme's
custom_dir is picked up, and a registry error keeps the preview alive."""

from __future__ import annotations

from conftest import MINIMAL_REGISTRY
from servekit import mkdocs_serve, wait_for

MAIN_HTML = '{% extends "base.html" %}\n{% block extrahead %}<!-- x -->{% endblock %}\n'
TRACKER = (
    '{% extends "base.html" %}\n{% block extrahead %}'
    '<script async src="https://static.hotjar.com/c/hotjar-1234567.js?sv=6"></script>'
    "{% endblock %}\n"
)


def serve_site(site_factory, registry: str):
    return site_factory(
        {
            "mkdocs.yml": "site_name: Test\ntheme: {name: material, font: false, "
            "custom_dir: overrides}\nplugins:\n  - seloste:\n      lint: false\n",
            "data/registry.yaml": registry,
            "docs/index.md": "# Home\n",
            "overrides/main.html": MAIN_HTML,
        }
    )


def test_serve_watches_custom_dir_and_warns_about_a_pasted_tracker(site_factory):
    root = serve_site(site_factory, MINIMAL_REGISTRY)
    with mkdocs_serve(root) as served:
        url = served.url
        assert wait_for(url, "Home", 60), "the site was not served"
        (root / "overrides/main.html").write_text(TRACKER, encoding="utf-8")
        assert wait_for(url, "hotjar-1234567", 60), "an edit of custom_dir was not picked up"
    assert "T101" in served.output and "Hotjar" in served.output


def test_registry_error_under_serve_keeps_the_preview_alive(site_factory):
    broken = MINIMAL_REGISTRY.replace("  name: Testi Oy\n", "  name: Testi Oy\n  nme: x\n")
    root = serve_site(site_factory, broken)
    with mkdocs_serve(root) as served:
        url = served.url
        assert wait_for(url, "Home", 60), "the preview died on a registry error"
        assert wait_for(url + "privacy/", "the registry has errors", 30)
        assert wait_for(url + "privacy/", "nme", 5)  # the finding, in place
        (root / "data/registry.yaml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
        assert wait_for(url + "privacy/", "Testi Oy", 60), "fixing the registry was not picked up"
    assert "R10" in served.output  # the terminal shows it too
