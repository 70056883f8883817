"""The phrases' literals shipped with the package (``lint/phrase_literals.json``): a phrase
is compiled only when a text holds what every match of it needs (issue #9: compiling all
~170 phrases was ~25 ms of every cold build), with the very findings of compiling them all
(tests/test_lint_prefilter.py compares every phrase and whole lint runs with the plain
regexes on the seeds, the import corpus and the examples)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from seloste.lint import checks_wording, context, lint, prefilter
from seloste.lint.prefilter import Phrase
from seloste.lint.rulebook import phrases
from seloste.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRIES = [
    ROOT / "data" / "registry.yaml",
    *sorted(ROOT.glob("examples/*/data/registry.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "lint").glob("*.yaml")),
]


def _strings(node) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def test_the_shipped_literals_are_those_of_the_phrases() -> None:
    """After editing phrases.yaml: ``prefilter.write_literals`` with its strings."""
    import json

    shipped = json.loads(prefilter.LITERALS_FILE.read_text(encoding="utf-8"))
    expected = prefilter.literals_table(list(_strings(phrases())))
    assert shipped == expected, "run prefilter.write_literals(all strings of phrases.yaml)"
    # so no phrase is compiled before a text needs it
    assert all(Phrase.compile(p)._regex is None for p in _strings(phrases()))


def test_another_engine_parses_the_phrases_itself(monkeypatch) -> None:
    prefilter._known_literals.cache_clear()
    monkeypatch.setattr(prefilter, "_engine", lambda: ["another", "0.0"])
    try:
        assert prefilter._known_literals() == {}
        phrase = Phrase.compile(r"\bhenkilötietolaki\b")
        assert phrase._regex is not None
        assert phrase.search("Henkilötietolaki kumottiin.")
    finally:
        prefilter._known_literals.cache_clear()


def _fresh_phrases(monkeypatch) -> None:
    monkeypatch.setattr(context, "_CACHE", {})
    checks_wording._sequences.cache_clear()


def _shown(findings) -> list[str]:
    return [repr(f) for f in findings]


def test_a_lint_compiles_only_the_phrases_a_text_can_match(monkeypatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(pattern, flags=0):
        if isinstance(pattern, str) and flags == re.IGNORECASE:
            compiled.append(pattern)
        return real(pattern, flags)

    every = set(_strings(phrases()))
    _fresh_phrases(monkeypatch)
    monkeypatch.setattr(prefilter.re, "compile", counting)
    lazy = [_shown(lint(load_registry(path))) for path in REGISTRIES]
    monkeypatch.undo()
    used = [p for p in compiled if p in every]
    assert len(set(used)) < len(every) / 2, len(set(used))

    # the same findings with every phrase compiled first
    _fresh_phrases(monkeypatch)
    monkeypatch.setattr(prefilter, "_known_literals", lambda: {})
    eager = [_shown(lint(load_registry(path))) for path in REGISTRIES]
    assert lazy == eager
    assert any(any("L120" in f for f in found) for found in lazy)  # phrases did match
    _fresh_phrases(monkeypatch)
