"""Edits of a text as a list of (start, end, replacement), in order and none overlapping:
how the plugin's page steps (embed placeholders, the consent banner's tag, settings link
and links) describe what they change, so a page is put together once and its edits can be
kept between builds (``mkdocs_pagekeep``)."""

from __future__ import annotations

Edits = list[tuple[int, int, str]]


def apply_edits(text: str, edits: Edits) -> str:
    """``text`` with each (start, end, replacement) of ``edits`` (in order, none overlapping)."""
    if not edits:
        return text
    parts: list[str] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)
