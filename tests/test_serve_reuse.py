"""Under `mkdocs serve`, a rebuild whose registry did not change reuses the loaded registry,
its declared view and the lint result; a changed registry is read again."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import MINIMAL_REGISTRY
from seloste.declared import resolve
from seloste.mkdocs_plugin import SelostePlugin


def plugin_for(tmp_path):
    plugin = SelostePlugin()
    errors, warnings = plugin.load_config({"registry": "data/registry.yaml"})
    assert not errors
    plugin.plan = SimpleNamespace(notices=["fi", "en"])  # type: ignore[assignment]
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    return plugin, config


def test_unchanged_registry_is_reused_with_its_view_and_lint(tmp_path):
    (tmp_path / "data").mkdir()
    registry = tmp_path / "data" / "registry.yaml"
    registry.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    plugin, config = plugin_for(tmp_path)
    first = plugin._load_registry(config)
    lint_first = plugin._lint(first)()
    again = plugin._load_registry(config)
    assert again is first
    assert resolve(again) is resolve(first)
    assert plugin._entry is not None and plugin._entry.loaded is first
    assert any(slot[0] == "lint" for slot in plugin._entry.memo)
    assert plugin._lint(again)() == lint_first

    registry.write_text(MINIMAL_REGISTRY.replace("Testi Oy", "Toinen Oy"), encoding="utf-8")
    changed = plugin._load_registry(config)
    assert changed is not first
    assert changed.registry.controller.name == "Toinen Oy"
    assert plugin._entry.loaded is changed
    assert not any(slot[0] == "lint" for slot in plugin._entry.memo)
