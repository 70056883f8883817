"""Load-time checks that keep registry text plain text: R116, R117, R118.

The renderers escape everything anyway (``seloste.markup``); these checks tell
the marketer, at the line they wrote, about values that could never show as
meant:

- R116: an address field (``website``, ``privacy_url``) that is not an
  ``http(s)://`` address: ``javascript:``, ``data:``, a space, a quote.
- R117: a line break in a one-line field (a name, a cookie name, a country):
  it would split a heading, a bold name or a table row.
- R118: an invisible character that changes how a text reads: bidirectional
  controls (U+202E turns ``txt.exe`` into ``exe.txt``), zero-width spaces and
  joiners. Reported at its exact line and column, also in a comment, since a
  reader cannot see it anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from ..findings import Finding
from ..markup import url_problem
from ..messages import msg
from ..yamlpos import Located, PathKey, Pos
from .loaded import format_path, registry_finding

#: Fields shown on one line: in a heading, a bold name, a table cell or a link.
SINGLE_LINE_FIELDS = frozenset(
    {
        "business_id",
        "city",
        "code",
        "contact_email",
        "country",
        "domain",
        "duration",
        "email",
        "first_party_hosts",
        "hosts",
        "id",
        "ids",
        "languages",
        "name",
        "phone",
        "postal_code",
        "privacy_url",
        "provider",
        "recipient",
        "register",
        "street",
        "title",
        "version",
        "website",
    }
)
#: Fields that become a link: only web addresses.
URL_FIELDS = frozenset({"website", "privacy_url"})

#: Line breaks as YAML and Unicode know them (``\n`` and the rarer ones a copy-paste brings).
LINE_BREAK = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")
#: Bidirectional controls and zero-width characters: invisible, and able to make a text read
#: differently from what it says (CVE-2021-42574, "Trojan Source").
INVISIBLE = re.compile(r"[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def text_problems(
    located: Located,
    source: str,
    shown: str,
    is_language_key: Callable[[PathKey], bool],
    *,
    draft: bool = False,
) -> Iterator[Finding]:
    """Every R116, R117 and R118 of one registry file (``draft``: no R117, see
    ``parse_registry``)."""
    leaves = list(_string_leaves(located.data, located, ()))
    for path, value, pos in leaves:
        key = _field_key(path, is_language_key)
        if key in URL_FIELDS:
            problem = url_problem(value.strip())
            if problem is not None:
                yield registry_finding(
                    "R116",
                    msg("R116.url", field=format_path(path), value=_short(value), problem=problem),
                    shown,
                    pos,
                    path,
                    msg("R116.url.fix"),
                )
                continue
        if not draft and key in SINGLE_LINE_FIELDS and LINE_BREAK.search(value.strip()):
            yield registry_finding(
                "R117",
                msg("R117.line_break", field=format_path(path), key=key),
                shown,
                pos,
                path,
                msg("R117.line_break.fix", key=key),
            )
    yield from _invisible_problems(leaves, source, shown)


def _invisible_problems(
    leaves: list[tuple[PathKey, str, Pos]], source: str, shown: str
) -> Iterator[Finding]:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    order = sorted(leaves, key=lambda leaf: (leaf[2].line, leaf[2].col))
    keys = [(leaf[2].line, leaf[2].col) for leaf in order]
    found_in: set[PathKey] = set()
    for match in INVISIBLE.finditer(source):
        char = match.group()
        line = bisect_right(starts, match.start())
        col = match.start() - starts[line - 1] + 1
        path: PathKey = ()
        index = bisect_right(keys, (line, col)) - 1
        if index >= 0 and char in order[index][1]:
            path = order[index][0]
            found_in.add(path)
        yield _invisible(char, path, Pos(line, col), shown)
    for path, value, pos in leaves:
        escaped = INVISIBLE.search(value)
        if escaped and path not in found_in:  # written as an escape ("\u202e") in quotes
            yield _invisible(escaped.group(), path, pos, shown)


def _invisible(char: str, path: PathKey, pos: Pos, shown: str) -> Finding:
    facts = {
        "code": f"{ord(char):04X}",
        "name": unicodedata.name(char, "") or msg("R118.unnamed"),
        "line": pos.line,
        "col": pos.col,
    }
    return registry_finding(
        "R118",
        msg("R118.invisible_at", field=format_path(path), **facts)
        if path
        else msg("R118.invisible", **facts),
        shown,
        pos,
        path,
        msg("R118.invisible.fix"),
    )


def _string_leaves(
    node: Any, located: Located, path: PathKey
) -> Iterator[tuple[PathKey, str, Pos]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _string_leaves(value, located, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_leaves(value, located, (*path, index))
    elif isinstance(node, str):
        yield path, node, located.pos(path)


def _field_key(path: PathKey, is_language_key: Callable[[PathKey], bool]) -> str | None:
    """The model's field a value belongs to: ``name`` for ``registers[0].name.fi``."""
    for cut in range(len(path), 0, -1):
        part = path[cut - 1]
        if isinstance(part, str) and not is_language_key(path[:cut]):
            return part
    return None


def _short(value: str) -> str:
    text = value.strip()
    return repr(text if len(text) <= 60 else text[:57] + "…")
