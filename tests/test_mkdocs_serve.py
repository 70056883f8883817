"""`mkdocs serve` picks up edits of the registry (live reload)."""

from __future__ import annotations

from conftest import MINIMAL_REGISTRY
from servekit import mkdocs_serve, wait_for
from test_mkdocs_plugin import folder_site


def test_serve_rebuilds_when_registry_changes(site_factory):
    root = folder_site(site_factory)
    with mkdocs_serve(root) as served:
        url = served.url + "tietosuojaseloste/"
        assert wait_for(url, "Testi Oy", 60), "the privacy notice was not served"
        registry = root / "data/registry.yaml"
        registry.write_text(MINIMAL_REGISTRY.replace("Testi Oy", "Muokattu Oy"), encoding="utf-8")
        assert wait_for(url, "Muokattu Oy", 60), "the edit of the registry was not picked up"
