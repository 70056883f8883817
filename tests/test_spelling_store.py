"""The spelling rule's results kept between builds (``lint/spelling_store.py``): the same
findings as linting from scratch, no dictionary asked about a text it answered before, only
the edited texts checked after an edit, and a damaged store ignored."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT
from seloste.lint import lint, spelling
from seloste.lint.spelling_store import kept_in, store_path
from seloste.mkdocs_plugin import SelostePlugin
from seloste.registry import load_registry

REGISTRY = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")


def _loaded(tmp_path: Path, text: str = REGISTRY):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load_registry(path, ("fi", "en"))


def _shown(findings) -> list[str]:
    return [f"{f.code} {f.line}:{f.col} {f.message}" for f in findings]


@pytest.fixture
def asked(monkeypatch):
    """What the dictionaries are asked from now on: texts checked, checkers opened."""
    spelling._check_text.cache_clear()
    calls: dict[str, list] = {"texts": [], "checkers": []}
    check, checker = spelling._check_text, spelling.checker_for

    def counted_check(text, lang, allowed):
        calls["texts"].append(lang)
        return check(text, lang, allowed)

    def counted_checker(lang):
        calls["checkers"].append(lang)
        return checker(lang)

    monkeypatch.setattr(spelling, "_check_text", counted_check)
    monkeypatch.setattr(spelling, "checker_for", counted_checker)
    return calls


def test_kept_results_give_the_same_findings_without_asking_again(tmp_path, asked) -> None:
    loaded = _loaded(tmp_path)
    fresh = _shown(lint(loaded))
    with kept_in(tmp_path / "cache"):
        first = _shown(lint(loaded))
    assert first == fresh
    assert store_path(tmp_path / "cache").is_file()
    asked["texts"].clear()
    asked["checkers"].clear()
    with kept_in(tmp_path / "cache") as kept:
        again = _shown(lint(loaded))
    assert again == fresh
    assert asked == {"texts": [], "checkers": []}  # no dictionary opened or asked
    assert kept is not None and not kept.changed


def test_after_an_edit_only_the_edited_text_is_checked(tmp_path, asked) -> None:
    with kept_in(tmp_path / "cache"):
        lint(_loaded(tmp_path))
    english = "and managing the customer relationship."
    assert english in REGISTRY
    edited = REGISTRY.replace(english, "and managing the custmer relationship.", 1)
    loaded = _loaded(tmp_path, edited)
    fresh = _shown(lint(loaded))
    asked["texts"].clear()
    asked["checkers"].clear()
    with kept_in(tmp_path / "cache"):
        again = _shown(lint(loaded))
    assert again == fresh
    assert asked["checkers"] == []
    # the edited English text alone (the Finnish dictionary is not needed at all)
    if spelling.hunspell_en() is not None:
        assert asked["texts"] == ["en"]
        assert any("custmer" in line for line in again)


def test_a_damaged_store_is_ignored(tmp_path) -> None:
    loaded = _loaded(tmp_path)
    fresh = _shown(lint(loaded))
    path = store_path(tmp_path / "cache")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"seloste-build-cache\n" + b"0" * 64 + b"\nnot a pickle")
    spelling._check_text.cache_clear()
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == fresh
    with kept_in(tmp_path / "cache") as kept:  # written anew, readable
        assert kept is not None and kept.results


def test_the_plugin_keeps_them_in_its_cache_folder(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    plugin = SelostePlugin()
    errors, _ = plugin.load_config({"registry": "data/registry.yaml"})
    assert not errors
    plugin.plan = SimpleNamespace(notices=["fi", "en"])  # type: ignore[assignment]
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    loaded = plugin._load_registry(config)
    assert _shown(plugin._lint(loaded, config)) == _shown(lint(loaded))
    assert store_path(tmp_path / ".cache" / "plugin" / "seloste").is_file()
