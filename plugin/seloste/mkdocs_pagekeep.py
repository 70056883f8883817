"""A built page's edits kept between builds: the plugin's edits to a page (embed
placeholders, the gating tag, the settings link, the banner's links) depend on the page
as MkDocs wrote it and on a few strings of the build (the tag, the links…). A page whose
HTML did not change since the last build gets the same edits, so the build cache keeps
them as a list of (start, end, replacement) under the page's text (``fingerprint``) and
those strings: such a page is not searched again, only put together (``apply_edits``).

The edits of the plugin's steps (each on the page the step before left) are put as one
list on the page as MkDocs wrote it (``compose``); when two steps' edits meet, they are
not kept (the steps run on every build, as without the cache). Edits put together from
two steps (a page with an embed) are checked once, when they are made: applied to the page,
they must give exactly the page the steps gave; a single step's edits are the ones it made
the page from (``edit_page``). ``tests/test_page_edits_kept.py`` builds sites with and
without the cache.
"""

from __future__ import annotations

import zlib

from .textedits import Edits, apply_edits

__all__ = ["Edits", "apply_edits", "compose", "fingerprint"]


def fingerprint(text: str) -> tuple[int, int, int, int]:
    """What identifies ``text`` in the build cache: how its code points were encoded (1:
    Latin-1, a copy when every one is below 256, as on most pages; 8: UTF-8), its length and
    the CRC-32 and Adler-32 of those bytes. The same text always gives the same four."""
    try:
        data, kind = text.encode("latin-1"), 1
    except UnicodeEncodeError:
        data, kind = text.encode("utf-8", "surrogatepass"), 8
    return kind, len(text), zlib.crc32(data), zlib.adler32(data)


def compose(first: Edits, second: Edits) -> Edits | None:
    """``first`` (edits of a text A) then ``second`` (edits of ``apply_edits(A, first)``) as
    one list of edits of A, or None when an edit of ``second`` touches a place ``first``
    changed (inside or at the border of its replacement: the order would be ambiguous)."""
    if not first:
        return list(second)
    if not second:
        return list(first)
    # Where each edit of `first` lies in the second text, and the shift after it.
    placed: list[tuple[int, int, int]] = []  # (start, end in the second text, shift after)
    shift = 0
    for start, end, replacement in first:
        begin = start + shift
        shift += len(replacement) - (end - start)
        placed.append((begin, begin + len(replacement), shift))
    moved: Edits = []
    index = 0
    for start, end, replacement in second:
        while index < len(placed) and placed[index][1] < start:
            index += 1
        if index < len(placed) and placed[index][0] <= end:
            return None
        before = placed[index - 1][2] if index else 0
        moved.append((start - before, end - before, replacement))
    merged = sorted([*first, *moved], key=lambda edit: edit[0])
    return merged
