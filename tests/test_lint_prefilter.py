"""The literal prefilter of the lint phrases changes nothing but the time (issue #8).

Each phrase pattern runs only on texts that hold the literals every match of it needs
(``seloste.lint.prefilter``). These tests hold it to giving exactly the plain regex's
result: on every text of the seeds, the import corpus and the examples (as written, and
in other cases and with the characters IGNORECASE treats as equal), for the whole lint
run, and character by character for case folding over all of Unicode.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seloste.findings import SelosteError
from seloste.importer import import_file
from seloste.lint import lint, prefilter
from seloste.lint.prefilter import Phrase, fold, required_literals
from seloste.lint.rulebook import phrases
from seloste.registry import load_registry
from seloste.registry.load import parse_registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("0*.txt"))
CORPUS = sorted(p for p in (FIXTURES / "import-corpus").iterdir() if ".expected." not in p.name)
REGISTRIES = sorted(ROOT.glob("examples/*/data/*.yaml")) + [
    *sorted((FIXTURES / "lint").glob("*.yaml")),
    ROOT / "data" / "registry.yaml",
]

sys.path.insert(0, str(ROOT / "bench"))


def phrase_patterns() -> list[str]:
    out: list[str] = []
    for items in phrases().values():
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, list):
                out.extend(item)
            elif isinstance(item, dict) and "pattern" in item:
                out.append(item["pattern"])
    return out


def strings(node) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def drafts():
    for path in [*SEEDS, *CORPUS]:
        try:
            yield path, import_file(path)
        except Exception:  # noqa: BLE001 - a corpus file the importer refuses has no texts
            continue


def corpus_texts() -> list[str]:
    """Every text a real notice gave us: whole seed notices, each value of their drafts,
    of the import corpus and of the example registries."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for _, result in drafts():
        texts += strings(result.extracted)
    for path in REGISTRIES:
        texts += strings(load_registry(path).located.data)
    texts = [t for t in texts if t.strip()]
    return sorted(set(texts + [" ".join(t.split()) for t in texts]))


def variants(text: str) -> list[str]:
    """The text as written and as IGNORECASE still matches it: upper case, the long s,
    the dotless i, the dotted capital I (whose str.lower() is two characters)."""
    return [
        text,
        text.upper(),
        text.replace("s", "ſ").replace("i", "ı"),
        text.upper().replace("I", "\u0130"),
    ]


@pytest.fixture(autouse=True)
def prefilter_every_text(monkeypatch):
    """The prefilter is used from PREFILTER_FROM characters on; here on every text."""
    monkeypatch.setattr(prefilter, "PREFILTER_FROM", 0)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [v for text in corpus_texts() for v in variants(text)]


def test_the_corpus_holds_matches_of_many_phrases(texts):
    """Equality on texts nothing matches would prove nothing."""
    matched = {p for p in phrase_patterns() if any(re.search(p, t, re.I) for t in texts[::5])}
    assert len(matched) >= 40, sorted(matched)


def test_each_phrase_finds_exactly_what_the_plain_regex_finds(texts):
    differ = []
    for pattern in phrase_patterns():
        phrase = Phrase.compile(pattern)
        plain = re.compile(pattern, re.IGNORECASE)
        for text in texts:
            a, b = phrase.search(text), plain.search(text)
            if (a and a.span()) != (b and b.span()):
                differ.append((pattern, text[:80]))
    assert differ == []


def test_most_phrases_have_a_prefilter():
    patterns = phrase_patterns()
    with_literals = [p for p in patterns if required_literals(p, re.IGNORECASE)]
    assert len(with_literals) >= 0.8 * len(patterns)
    assert required_literals(r"\bpersonuppgiftslag(en)?\b") == (frozenset({"personuppgiftslag"}),)
    # Alternatives give a set of strings; an optional group gives nothing.
    assert frozenset({"käsittely", "luovuttaminen"}) in required_literals(
        r"\bkieltää tietojensa (käsittely|luovuttaminen)"
    )
    assert required_literals(r"(foo)?bar\w*") == (frozenset({"bar"}),)
    assert required_literals(r"(foo|x)bar") == (frozenset({"bar"}),)  # 'x' is too short


def test_folding_agrees_with_ignorecase_for_every_character():
    """For every character of every literal a prefilter tests, each code point that the
    regex engine matches case-insensitively folds to the same character."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded = fold(everything)
    assert len(folded) == len(everything)
    chars = {
        c
        for p in phrase_patterns()
        for factor in required_literals(p, re.IGNORECASE)
        for literal in factor
        for c in literal
    }
    assert {"a", "i", "s", "k", "ä", "ö"} <= chars
    wrong = [
        (c, m.group())
        for c in sorted(chars)
        for m in re.finditer(re.escape(c), everything, re.IGNORECASE)
        if folded[m.start()] != fold(c)
    ]
    assert wrong == []


def plain_lint(loaded, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(Phrase, "possible", lambda self, text: True)
        return lint(loaded)


def loadable_registries() -> Iterator[tuple[str, object]]:
    for path in REGISTRIES:
        yield path.name, load_registry(path)
    for path, result in drafts():
        try:
            yield path.name, parse_registry(result.yaml, path.name, None)
        except SelosteError:
            continue


def test_lint_findings_are_identical_with_and_without_the_prefilter(monkeypatch):
    compared = 0
    for name, loaded in loadable_registries():
        fast, plain = lint(loaded), plain_lint(loaded, monkeypatch)
        assert [repr(f) for f in fast] == [repr(f) for f in plain], name
        compared += bool(fast)
    assert compared >= 8


def test_on_a_megabyte_of_prose_few_phrase_regexes_run(monkeypatch):
    """The point of it: most phrases never search a text that cannot hold them."""
    from lint_megabyte import SENTENCES, registry

    text = (SENTENCES * (1_000_000 // len(SENTENCES) + 1))[:1_000_000]
    loaded = parse_registry(registry(text), "r.yaml", ["fi"])
    asked, ran = [], []
    possible = Phrase.possible

    def counting(self, text):
        result = possible(self, text)
        if len(text) > 100_000:
            asked.append(self.pattern)
            if result:
                ran.append(self.pattern)
        return result

    monkeypatch.setattr(Phrase, "possible", counting)
    fast = lint(loaded)
    assert len(asked) >= 60 and len(ran) <= 3, ran
    assert [repr(f) for f in fast] == [repr(f) for f in plain_lint(loaded, monkeypatch)]


#: Letters, digits, the underscore, spaces and punctuation, Finnish and Greek letters, a
#: combining accent and a non-breaking space: what ``\w`` and its neighbours tell apart.
WORD_TEXT = st.text(alphabet="ab_1 .-äÖσ\u0301\u00a0", max_size=12)


@given(WORD_TEXT, WORD_TEXT)
@settings(max_examples=400, deadline=None)
def test_has_word_answers_as_the_whole_word_regex(text, word):
    """``checks_cookies.has_word`` (no pattern compiled per word) is the regex it replaced."""
    from seloste.lint.checks_cookies import has_word

    expected = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
    assert has_word(text, word) == expected


def test_has_word_on_the_shapes_of_the_transfer_checks():
    from seloste.lint.checks_cookies import has_word

    assert has_word("google analytics, usa", "usa")
    assert not has_word("google analyticsusa", "usa")
    assert not has_word("musa ja usa_x", "usa")
    assert has_word("(usa)", "usa") and has_word("usa", "usa")
    assert not has_word("yhdysvaltoihinkin", "yhdysvaltoihin")
