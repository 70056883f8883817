"""The spelling rule's results kept between builds (``lint/spelling_store.py``): the same
findings as linting from scratch, no dictionary asked about a text it answered before, only
the edited texts checked after an edit, no dictionary opened for an edit whose words were
all asked about before (per-word answers), and a damaged store ignored."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT
from seloste import buildcache
from seloste.lint import lint, spelling
from seloste.lint.spelling_store import kept_in, store_path
from seloste.mkdocs_plugin import SelostePlugin
from seloste.registry import load_registry

REGISTRY = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")

needs_both = pytest.mark.skipif(
    spelling.voikko() is None or spelling.hunspell_en() is None,
    reason="needs Voikko and Hunspell (installed in CI by .ci/run)",
)


def _loaded(tmp_path: Path, text: str = REGISTRY):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load_registry(path, ("fi", "en"))


def _shown(findings) -> list[str]:
    return [f"{f.code} {f.line}:{f.col} {f.message} | {f.fix}" for f in findings]


@pytest.fixture
def asked(monkeypatch):
    """What is asked from now on: texts checked (their language), dictionaries opened."""
    spelling._check_text.cache_clear()
    calls: dict[str, list] = {"texts": [], "checkers": []}
    problems, checker = spelling._problems, spelling.checker_for

    def counted_problems(text, lang, allowed, asking):
        calls["texts"].append(lang)
        return problems(text, lang, allowed, asking)

    def counted_checker(lang):
        calls["checkers"].append(lang)
        return checker(lang)

    monkeypatch.setattr(spelling, "_problems", counted_problems)
    monkeypatch.setattr(spelling, "checker_for", counted_checker)
    return calls


def _fresh(loaded) -> list[str]:
    """The findings of a lint without any kept results (its own dictionaries, as always)."""
    spelling._check_text.cache_clear()
    return _shown(lint(loaded))


def _clear(asked) -> None:
    asked["texts"].clear()
    asked["checkers"].clear()


def test_kept_results_give_the_same_findings_without_asking_again(tmp_path, asked) -> None:
    loaded = _loaded(tmp_path)
    fresh = _fresh(loaded)
    with kept_in(tmp_path / "cache"):
        first = _shown(lint(loaded))
    assert first == fresh
    assert store_path(tmp_path / "cache").is_file()
    _clear(asked)
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
    fresh = _fresh(loaded)
    _clear(asked)
    with kept_in(tmp_path / "cache"):
        again = _shown(lint(loaded))
    assert again == fresh
    # the edited English text alone (the Finnish dictionary is not needed at all)
    assert asked["texts"] == ["en"]
    if spelling.hunspell_en() is not None:
        # a word never asked about: English is opened for it (and its suggestions)
        assert set(asked["checkers"]) == {"en"}
        assert any("custmer" in line and "L157" in line for line in again)
    # asked once: the next build (another edit of the same words) opens nothing
    edited_again = edited.replace("managing the custmer", "the custmer managing", 1)
    loaded = _loaded(tmp_path, edited_again)
    fresh = _fresh(loaded)
    _clear(asked)
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == fresh
    assert asked["texts"] == ["en"] and asked["checkers"] == []


@needs_both
def test_an_edit_of_known_words_opens_no_dictionary(tmp_path, asked) -> None:
    with kept_in(tmp_path / "cache"):
        lint(_loaded(tmp_path))
    # English and Finnish texts reworded with words the registry already has
    english = "and managing the customer relationship."
    assert english in REGISTRY
    edited = REGISTRY.replace(english, "and the customer relationship.", 1)
    loaded = _loaded(tmp_path, edited)
    fresh = _fresh(loaded)
    _clear(asked)
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == fresh
    assert asked["texts"] == ["en"]
    assert asked["checkers"] == []  # every word's answer was kept


@needs_both
def test_a_renamed_controller_rechecks_every_text_without_a_dictionary(tmp_path, asked) -> None:
    """The allowed words (the registry's names) are part of each text's key: a new name
    checks every text again, from the words' kept answers and the Finnish texts' kept
    grammar."""
    with kept_in(tmp_path / "cache"):
        lint(_loaded(tmp_path))
    assert "Esimerkki Oy" in REGISTRY
    loaded = _loaded(tmp_path, REGISTRY.replace("Esimerkki Oy", "Muutettu Oy"))
    fresh = _fresh(loaded)
    _clear(asked)
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == fresh
    assert len(asked["texts"]) > 20 and {"fi", "en"} <= set(asked["texts"])
    assert asked["checkers"] == []  # words and Finnish grammar: all kept


@needs_both
def test_the_kept_answers_are_used_and_a_dictionary_change_invalidates_them(
    tmp_path, asked, monkeypatch
) -> None:
    """The store's answers are what the check uses (a wrong kept answer would hide a
    misspelling), so they are kept under the dictionaries installed: another set of
    dictionaries (``buildcache.spelling_environment``) starts from an empty store."""
    with kept_in(tmp_path / "cache"):
        lint(_loaded(tmp_path))
    path = store_path(tmp_path / "cache")
    content = buildcache.read_value(path, path.stem)
    assert "relationship" in content["words"]["en"]
    content["words"]["en"]["custmer"] = True  # as if the dictionary knew it
    assert buildcache.write_value(path, path.stem, content)
    edited = REGISTRY.replace(
        "and managing the customer relationship.", "and managing the custmer relationship.", 1
    )
    loaded = _loaded(tmp_path, edited)
    fresh = _fresh(loaded)
    assert any("custmer" in line for line in fresh)
    with kept_in(tmp_path / "cache"):
        trusted = _shown(lint(loaded))
    assert not any("custmer" in line for line in trusted)  # the kept answer was used

    installed = buildcache.spelling_environment()
    monkeypatch.setattr(buildcache, "spelling_environment", lambda: ("other", installed))
    assert store_path(tmp_path / "cache") != path
    _clear(asked)
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == fresh
    assert {"en", "fi"} <= set(asked["checkers"])  # asked anew


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
    assert _shown(plugin._lint(loaded, config)()) == _shown(lint(loaded))
    assert store_path(tmp_path / ".cache" / "plugin" / "seloste").is_file()


def test_a_dictionary_gone_since_the_store_was_written_is_no_crash(tmp_path, monkeypatch) -> None:
    with kept_in(tmp_path / "cache"):
        lint(_loaded(tmp_path))
    edited = REGISTRY.replace(
        "and managing the customer relationship.", "and managing the custmer relationship.", 1
    )
    loaded = _loaded(tmp_path, edited)
    monkeypatch.setattr(spelling, "checker_for", lambda lang: None)
    spelling._check_text.cache_clear()
    with kept_in(tmp_path / "cache") as kept:
        findings = _shown(lint(loaded))
    assert kept is not None and not kept.available["en"]
    assert not any("custmer" in line for line in findings)


def test_only_the_newest_stores_stay_and_the_entries_are_left_alone(tmp_path) -> None:
    """Each Seloste version or dictionary set writes a store of its own: the folder keeps the
    newest ``KEEP`` of them (this one always), and never touches the build cache's entries."""
    from seloste.lint import spelling_store

    folder = tmp_path / "cache"
    folder.mkdir()
    old = []
    for index in range(spelling_store.KEEP + 2):
        stale = folder / f"{spelling_store.PREFIX}{index:064x}{spelling_store.SUFFIX}"
        stale.write_bytes(b"old")
        os.utime(stale, (1_000_000 + index, 1_000_000 + index))
        old.append(stale)
    entry = folder / f"{'e' * 64}{buildcache.SUFFIX}"
    entry.write_bytes(b"entry")
    os.utime(entry, (1, 1))
    with kept_in(folder):
        lint(_loaded(tmp_path))
    stores = sorted(p.name for p in folder.glob(f"*{spelling_store.SUFFIX}"))
    newest_old = old[-(spelling_store.KEEP - 1) :]
    assert stores == sorted([store_path(folder).name, *(p.name for p in newest_old)])
    assert entry.is_file()
