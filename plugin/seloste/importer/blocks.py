"""Paragraphs and list items out of the text under one heading.

Old notices paste HTML into their values (``<p>…</p> <p>…</p>``, an unclosed
``<ul style="…">- item- item``); the registry wants plain paragraphs and list
items. Tags are dropped but every word between them is kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..fields_repr import FieldsRepr


@dataclass(repr=False)
class Block(FieldsRepr):
    text: str
    is_item: bool = False
    #: The lines as written (contact blocks are parsed line by line).
    lines: tuple[str, ...] = ()


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?/?\s*>")
_PARAGRAPH_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th"}
_LIST_TAGS = {"ul", "ol"}
# A bullet inside a flattened list: "- item" at the start or after a space, or glued to the
# previous item before a capital ("sukunimi- Edustamansa"; "etu- ja" is a Finnish
# compound and stays).
_BULLET = re.compile(r"(?:^|\s)[-–•*]\s+|(?<=\S)-\s+(?=[A-ZÅÄÖ])")


def has_html(text: str) -> bool:
    return bool(_TAG.search(text))


def fragment_blocks(text: str) -> list[Block]:
    """Blocks of one value that may hold HTML tags; whitespace collapsed."""
    blocks: list[Block] = []
    buffer: list[str] = []
    in_list = False

    def flush() -> None:
        chunk = html.unescape(" ".join(buffer))
        buffer.clear()
        if in_list:
            blocks.extend(Block(item, is_item=True) for item in split_items(chunk))
        else:
            flat = " ".join(chunk.split())
            if flat:
                blocks.append(Block(flat))

    pos = 0
    for match in _TAG.finditer(text):
        buffer.append(text[pos : match.start()])
        pos = match.end()
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if tag in _LIST_TAGS:
            flush()
            in_list = not closing
        elif tag == "li":
            flush()
            in_list = True
        elif tag in _PARAGRAPH_TAGS:
            flush()
            if tag == "p" and not closing:
                in_list = False  # an unclosed <ul> ends where the next paragraph starts
    buffer.append(text[pos:])
    flush()
    return merge_broken(blocks)


def split_items(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _BULLET.split(text)]
    return [p for p in parts if p]


def merge_broken(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut mid-sentence ("…sekä" | "asiakassuhteen aikana…")."""
    out: list[Block] = []
    for block in blocks:
        if (
            out
            and not block.is_item
            and not out[-1].is_item
            and re.search(r"[a-zåäö,]$", out[-1].text)
            and re.match(r"[a-zåäö]", block.text)
        ):
            out[-1] = Block(f"{out[-1].text} {block.text}", lines=out[-1].lines + block.lines)
        else:
            out.append(block)
    return out
