"""A regex tried only where one of its matches can start.

Some of the scanner's patterns open with alternatives or ignore case, so the regex
engine tries them at every character of a long script or stylesheet. When every match
is known to begin at one of a few literals, finding those literals (``str.find``, in C)
and trying the pattern only there gives the same matches for a fraction of the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def occurrences(text: str, literal: str) -> Iterator[int]:
    """Every position where ``literal`` starts in ``text``, overlapping ones too."""
    find = text.find
    at = find(literal)
    while at >= 0:
        yield at
        at = find(literal, at + 1)


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern whose every match begins at one of
    ``starts``: tried there in order, each after the end of the match before."""
    found: list[re.Match[str]] = []
    end = 0
    match = pattern.match
    for at in sorted(set(starts)):
        if at < end:
            continue
        hit = match(text, at)
        if hit is not None:
            found.append(hit)
            end = hit.end()
    return found
