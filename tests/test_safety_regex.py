"""Every regex that reads registry text runs in linear time (issue #8, point 4).

Each pattern of the lint phrases and every compiled pattern of the lint, registry,
notice and escaping modules is fed 1 MB of input built to hurt it: no full stop,
the pattern's own words without its last one, long runs of its first word and of
the characters patterns stop at. A pattern that backtracks over the text at every
position (``[^.!?]*`` at a pattern's start took 40 s on an 800-item list) needs
minutes for one such input; a linear one needs milliseconds. The guard is generous
(seconds), for a shared, noisy machine.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest

from conftest import MINIMAL_REGISTRY
from seloste.lint import lint
from seloste.lint.rulebook import phrases
from seloste.registry.load import parse_registry

MB = 1_000_000
#: Seconds one pattern may take on 1 MB; quadratic ones take minutes.
GUARD = 5.0
#: Modules whose compiled patterns read registry text.
MODULES = [
    "seloste.markup",
    "seloste.notices.confine",
    "seloste.notices.privacy",
    "seloste.registry.load",
    "seloste.registry.model",
    "seloste.registry.textcheck",
    "seloste.lint.checks_wording",
    "seloste.lint.checks_completeness",
    "seloste.lint.checks_consistency",
    "seloste.lint.checks_cookies",
    "seloste.lint.context",
    "seloste.lint.prefilter",
    "seloste.lint.spelling",
]
#: Every module of these packages too, so a new lint or registry module is never left out
#: (spelling.py's blanking pattern, added later, took 23 s on 50 KB until it was listed).
PACKAGES = ["seloste.lint", "seloste.registry", "seloste.notices"]
for _package in PACKAGES:
    _path = importlib.import_module(_package).__path__
    MODULES += [
        m.name for m in pkgutil.iter_modules(_path, _package + ".") if m.name not in MODULES
    ]


def phrase_patterns() -> Iterator[tuple[str, str]]:
    for name, items in phrases().items():
        for item in items:
            if isinstance(item, str):
                yield name, item
            elif isinstance(item, list):
                yield from ((name, part) for part in item)
            elif isinstance(item, dict) and "pattern" in item:
                yield name, item["pattern"]


def module_patterns() -> Iterator[tuple[str, str, int]]:
    for module_name in MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{module_name}.{attr}", value.pattern, value.flags


def adversarial(pattern: str) -> str:
    """1 MB without a full stop: the pattern's words but its last, its first word run
    together, a natural text, and runs of the characters patterns look for or stop at."""
    words = [w for w in re.findall(r"[a-zäöå]{3,}", pattern.lower())]
    parts = []
    if len(words) > 1:
        parts.append(" ".join(words[:-1]) + " ")
    if words:
        parts.append(words[0])
    parts.append("tietoja käsitellään asiakassuhteen ajan ja sen jälkeen ")
    segment = MB // 5
    text = "".join((part * (segment // len(part) + 1))[:segment] for part in parts)
    runs = " <a-:@\n\t/#*|`[{"
    rest = MB - len(text)
    text += "".join(char * (rest // len(runs)) for char in runs)
    return text.replace(".", " ")


PATTERNS = [(f"phrases.{n}", p, re.IGNORECASE) for n, p in phrase_patterns()]
PATTERNS += list(module_patterns())


@pytest.mark.parametrize(
    ("name", "pattern", "flags"), PATTERNS, ids=[f"{n}:{i}" for i, (n, _, _) in enumerate(PATTERNS)]
)
def test_each_pattern_is_linear_on_a_megabyte_of_adversarial_text(name, pattern, flags):
    compiled = re.compile(pattern, flags)
    text = adversarial(pattern)
    started = time.perf_counter()
    compiled.search(text)
    for count, _ in enumerate(compiled.finditer(text[: MB // 4])):
        if count > 10_000:
            break
    took = time.perf_counter() - started
    assert took < GUARD, f"{name} took {took:.1f} s on 1 MB: {pattern}"


def test_the_patterns_are_all_found():
    """The collection above is not empty by accident: phrases and module patterns."""
    names = {name.split(".")[1] if name.startswith("phrases.") else "" for name, _, _ in PATTERNS}
    assert {"check_regularly", "check_regularly_sequences", "implied_consent"} <= names
    assert any(n.startswith("seloste.markup.") for n, _, _ in PATTERNS)
    assert any(n.startswith("seloste.registry.textcheck.") for n, _, _ in PATTERNS)


def registry_with(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return MINIMAL_REGISTRY + f'unsorted:\n  - "{quoted}"\n'


@pytest.mark.parametrize(
    "text",
    [
        # an 800-item list without full stops took 40 s to lint
        "\n".join(f"- tarkista tiedot {i} ja suosittelemme asiakkaalle" for i in range(800)),
        # a text without a full stop: 100 KB made the build take 7 minutes
        ("Suosittelemme että tarkistatte tietonne ja please check " * 2000)[:100_000],
    ],
    ids=["800-items", "100KB-no-full-stop"],
)
def test_lint_of_texts_without_full_stops_is_quick(text):
    loaded = parse_registry(registry_with(text), "r.yaml", ["fi"])
    started = time.perf_counter()
    lint(loaded)
    assert time.perf_counter() - started < GUARD


def test_a_sentence_is_still_found_after_a_long_text():
    text = "a " * 50_000 + ". Suosittelemme, että käytte säännöllisesti sivuillamme. Muuta."
    loaded = parse_registry(registry_with(text), "r.yaml", ["fi"])
    hits = [f for f in lint(loaded) if f.code == "L125"]
    assert len(hits) == 1
    assert "Suosittelemme, että käytte säännöllisesti sivuillamme" in hits[0].message
    assert "Muuta" not in hits[0].message
