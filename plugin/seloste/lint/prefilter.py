"""Phrase patterns that skip texts they cannot match, with the very same results.

Every lint phrase is a case-insensitive regex searched in every registry text. Most
start with ``\\b`` or a group of alternatives, which gives Python's engine no literal
to jump to: each pattern tries every position of the text (about 20 ms per pattern
on 1 MB, ~60 patterns). Yet every match of ``\\bpersonuppgiftslag(en)?\\b`` contains
``personuppgiftslag``: if the text does not, the regex need not run.

``required_literals`` reads the pattern's parse tree for such facts: a list of
*factors*, each a set of strings one of which every match contains. ``Phrase.search``
tests them with ``in`` on the text folded the way the engine's IGNORECASE compares
characters (``fold``), and runs the regex only when every factor is there. The test
never says "no" for a text the regex matches, so findings are identical; it only
saves the searches that would have found nothing.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

# The engine's own parser and case tables (private modules, renamed in Python 3.11).
if sys.version_info >= (3, 11):
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
    _EXTRA_CASES: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
else:  # Python 3.10
    _parser = importlib.import_module("sre_parse")
    _constants = importlib.import_module("sre_constants")
    _EXTRA_CASES = importlib.import_module("sre_compile")._ignorecase_fixes

#: Characters that IGNORECASE treats as equal although their lower case differs
#: (``ſ`` and ``s``, ``ı`` and ``i``, ``µ`` and ``μ``…): each mapped to one of its class.
_FIXES = {
    key: min(key, *others) for key, others in _EXTRA_CASES.items() if min(key, *others) != key
}
_FIX_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FIXES)) + "]")
_DOTTED_CAPITAL_I = "\u0130"  # its str.lower() is two characters, the engine's is "i"

#: A factor made only of strings this short says too little to be worth a test.
MIN_LITERAL = 3


def fold(text: str) -> str:
    """``text`` in one case, so that ``lit in fold(text)`` whenever an IGNORECASE regex
    with the literal ``lit`` matches it (as ``fold(lit)``). Same length as ``text``."""
    if _DOTTED_CAPITAL_I in text:
        text = text.replace(_DOTTED_CAPITAL_I, "i")
    low = text.lower()
    if _FIX_CHARS.search(low):
        low = low.translate(_FIXES)
    return low


class _Folded:
    """A text folded once, and which literals it holds (asked once each: ~60 phrases
    share words such as 'tietoja' or 'emme')."""

    __slots__ = ("text", "known")

    def __init__(self, text: str):
        self.text = fold(text)
        self.known: dict[str, bool] = {}

    def has(self, literal: str) -> bool:
        found = self.known.get(literal)
        if found is None:
            found = self.known[literal] = literal in self.text
        return found


@lru_cache(maxsize=8)
def _folded(text: str) -> _Folded:
    # Every phrase asks about the same (possibly 1 MB) text in turn. A str caches its
    # hash and the cache compares the very same object first, so a hit is cheap.
    return _Folded(text)


Factor = frozenset[str]


def required_literals(pattern: str, flags: int = 0) -> tuple[Factor, ...]:
    """Factors every match of ``pattern`` satisfies: each is a set of folded strings, one
    of which the matched text contains. Empty when nothing useful is certain."""
    try:
        tree = _parser.parse(pattern, flags)
        factors = _sequence(list(tree))
    except Exception:  # noqa: BLE001 - an unknown construct only costs the shortcut
        return ()
    useful = [frozenset(fold(s) for s in f) for f in factors if min(map(len, f)) >= MIN_LITERAL]
    # The factor with the fewest strings first: most texts fail on the first one tested.
    return tuple(sorted(useful, key=len))


def _sequence(items: list[tuple[Any, Any]]) -> list[Factor]:
    """Factors of a sequence of parse-tree nodes: every literal run, and the factors
    of every group or repeat that must occur."""
    out: list[Factor] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero width: the literals on either side are adjacent in the text
        flush()
        if op is _constants.SUBPATTERN:
            out += _sequence(list(av[-1]))
        elif op is _constants.BRANCH:
            alternatives = [_best(_sequence(list(branch))) for branch in av[1]]
            if all(alternatives):
                out.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            out += _sequence(list(av[2]))
        elif op is getattr(_constants, "ATOMIC_GROUP", None):
            out += _sequence(list(av))
    flush()
    return out


_REPEATS = tuple(
    getattr(_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_constants, name)
)


def _best(factors: list[Factor]) -> Factor | None:
    """The most telling factor: the longest shortest string, then the fewest strings."""
    if not factors:
        return None
    return max(factors, key=lambda f: (min(map(len, f)), -len(f)))


#: Shorter texts are searched directly: the regex is quick on them, and a process that
#: never sees a long text never parses the patterns for their literals.
PREFILTER_FROM = 2000


#: ``required_literals`` of every phrase of the package (``phrases.yaml``), worked out when
#: the package is made (``write_literals``; a test keeps it equal): a phrase is compiled only
#: when a text holds its literals, and most phrases match no text of a registry.
LITERALS_FILE = Path(__file__).resolve().parent / "phrase_literals.json"


@cache
def _known_literals() -> dict[str, tuple[Factor, ...]]:
    """The shipped ``required_literals`` (IGNORECASE) by pattern; empty when they were worked
    out by another engine or Unicode version than this Python's (then each is parsed)."""
    try:
        data = json.loads(LITERALS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("engine") != _engine():
        return {}
    return {
        pattern: tuple(frozenset(factor) for factor in factors)
        for pattern, factors in data["literals"].items()
    }


def _engine() -> list:
    """What ``required_literals`` depends on besides the pattern: the regex engine's parser
    and Python's Unicode tables (case folding)."""
    return [_constants.MAGIC, unicodedata.unidata_version]


def literals_table(patterns: list[str]) -> dict[str, Any]:
    """``LITERALS_FILE``'s content for ``patterns`` (case-insensitive, as phrases are)."""
    return {
        "engine": _engine(),
        "literals": {
            p: [sorted(factor) for factor in required_literals(p, re.IGNORECASE)]
            for p in sorted(set(patterns))
        },
    }


def write_literals(patterns: list[str]) -> None:
    """Write ``LITERALS_FILE`` for ``patterns`` (run by the test that checks it)."""
    text = json.dumps(literals_table(patterns), ensure_ascii=False, indent=1, sort_keys=True)
    LITERALS_FILE.write_text(text + "\n", encoding="utf-8")


class Phrase:
    """A phrase pattern that first checks, in a long text, the literals it needs.

    A phrase made by ``Phrase.compile`` whose literals the package ships is compiled only
    when a text it is searched in holds them (every text, short or long, is tested until
    then): compiling the ~170 phrases cost ~25 ms of every cold build, and most of them
    never match.
    """

    __slots__ = ("_regex", "_factors", "_source", "_flags")

    def __init__(self, regex: re.Pattern[str] | None, source: str = "", flags: int = 0):
        self._regex = regex
        self._factors: tuple[Factor, ...] | None = None
        self._source = regex.pattern if regex is not None else source
        self._flags = regex.flags if regex is not None else flags

    @classmethod
    def compile(cls, pattern: str, flags: int = re.IGNORECASE) -> Phrase:
        known = _known_literals().get(pattern) if flags == re.IGNORECASE else None
        if known is None:
            return cls(re.compile(pattern, flags))
        phrase = cls(None, pattern, flags)
        phrase._factors = known
        return phrase

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self._source, self._flags)
        return self._regex

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def factors(self) -> tuple[Factor, ...]:
        """``required_literals`` of the pattern, worked out the first time they are needed."""
        if self._factors is None:
            self._factors = required_literals(self.regex.pattern, self.regex.flags)
        return self._factors

    def possible(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in ``text``."""
        if self._regex is not None and len(text) < PREFILTER_FROM:
            return True  # compiled: a short text is searched directly
        factors = self._factors  # not compiled yet: its shipped literals decide
        if factors is None:
            factors = self.factors
        if not factors:
            return True
        has = _folded(text).has
        for factor in factors:
            for literal in factor:
                if has(literal):
                    break
            else:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        """``regex.search(text)``, without running it when it cannot match."""
        return self.regex.search(text) if self.possible(text) else None
