"""A language's spelling step in a forked child (``spelling.check_texts``, issue #9): the
build's process never loads a dictionary or its libraries, and the findings and the kept
answers are exactly those of checking in the process itself."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from seloste import buildcache
from seloste import forked as forking
from seloste.lint import lint, spelling
from seloste.lint.spelling_store import kept_in, store_path
from seloste.registry import load_registry

REGISTRY = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
#: An English and a Finnish misspelling, a Finnish number fault.
FAULTY = (
    REGISTRY.replace(
        "and managing the customer relationship.", "and managing the custmer relationship."
    )
    .replace("sekä asiakassuhteen hoitaminen.", "sekä asiakasuhteen hoitaminen.")
    .replace("sallimissa ja edellyttämissä rajoissa.", "sallimissa ja edellyttämässä rajoissa.")
)

needs_both = pytest.mark.skipif(
    spelling.voikko() is None or spelling.hunspell_en() is None,
    reason="needs Voikko and Hunspell (installed in CI by .ci/run)",
)
needs_fork = pytest.mark.skipif(
    not forking.can_fork(), reason="forks only on Linux, in a process with one thread"
)


def _loaded(tmp_path: Path, text: str):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load_registry(path, ("fi", "en"))


def _shown(findings) -> list[str]:
    return [f"{f.code} {f.line}:{f.col} {f.message} | {f.fix}" for f in findings]


def _stored(folder: Path) -> dict:
    path = store_path(folder)
    return buildcache.read_value(path, path.stem)


@pytest.fixture
def forks(monkeypatch):
    """The children forked from now on (their pids)."""
    if not forking.can_fork():  # a thread another test left running
        pytest.skip("forks only in a process with one thread")
    pids: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(forking.os, "fork", counted)
    return pids


def _builds(tmp_path: Path, name: str, texts: list[str]) -> tuple[list[list[str]], list[dict]]:
    """Lint each registry text in turn with the answers kept in one folder (as builds after
    edits do): the findings and the store after each."""
    folder = tmp_path / name
    shown, stores = [], []
    for index, text in enumerate(texts):
        spelling._check_text.cache_clear()
        (tmp_path / f"{name}-{index}").mkdir()
        loaded = _loaded(tmp_path / f"{name}-{index}", text)
        with kept_in(folder):
            shown.append(_shown(lint(loaded)))
        stores.append(_stored(folder))
    return shown, stores


@needs_both
@needs_fork
def test_forked_checks_give_the_findings_and_store_of_checking_here(
    tmp_path, monkeypatch, forks
) -> None:
    edits = [
        FAULTY,
        FAULTY.replace("custmer relationship", "custmer relashionship"),  # a new English word
        FAULTY.replace("asiakasuhteen hoitaminen", "asiakasuhteen hoitamiset"),  # Finnish
        FAULTY.replace("Esimerkki Oy", "Muutettu Oy"),  # a new name: every text again
        FAULTY,
    ]
    spelling.release("en")
    spelling.release("fi")
    forked = _builds(tmp_path, "forked", edits)
    assert forks  # the dictionaries were asked in children
    assert spelling.hunspell_en.cache_info().currsize == 0
    assert spelling.voikko.cache_info().currsize == 0  # never opened here
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    here = _builds(tmp_path, "here", edits)
    assert forked == here
    assert any("custmer" in line for line in forked[0][0])
    assert any("edellyttämässä" in line and "L158" in line for line in forked[0][0])


@needs_both
@needs_fork
def test_a_step_the_kept_answers_give_forks_nothing(tmp_path, forks) -> None:
    loaded = _loaded(tmp_path, FAULTY)
    with kept_in(tmp_path / "cache"):
        first = _shown(lint(loaded))
    assert len(forks) == 2  # English, then Finnish
    forks.clear()
    spelling._check_text.cache_clear()
    with kept_in(tmp_path / "cache"):
        assert _shown(lint(loaded)) == first
    assert forks == []


@needs_both
def test_a_failed_child_leaves_the_check_to_this_process(tmp_path, monkeypatch) -> None:
    loaded = _loaded(tmp_path, FAULTY)
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    with kept_in(tmp_path / "here"):
        here = _shown(lint(loaded))
    monkeypatch.setattr(forking, "can_fork", lambda: True)
    monkeypatch.setattr(forking, "in_child", lambda work: None)
    spelling._check_text.cache_clear()
    with kept_in(tmp_path / "failed"):
        assert _shown(lint(loaded)) == here
    assert _stored(tmp_path / "failed") == _stored(tmp_path / "here")
    spelling.release("en")
    spelling.release("fi")


def test_no_fork_in_a_process_with_threads() -> None:
    """``mkdocs serve`` runs its server in threads: a fork there could inherit a lock
    another thread holds, so the check stays in the process."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forking.can_fork()
    finally:
        stop.set()
        thread.join()
