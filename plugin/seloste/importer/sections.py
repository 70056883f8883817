"""An old notice as a list of sections: a heading (or none) and the blocks under it.

Three layouts occur, often mixed in one notice (see the seeds):

* ``Heading:<TAB>value`` rows, a value continued on a later line that starts
  with a tab;
* a heading on its own line (numbered or not, ``#`` in Markdown), then
  paragraphs and ``- `` list items until the next heading;
* ``Heading: value`` or ``Laatimispäivä 9.3.2021`` on one line.

Paragraphs after a table row belong to no heading ("orphans"); the field
mapping places them by what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, fragment_blocks, has_html, merge_broken, split_items
from .tables import HeadingMatch, match_heading

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?P<rest>[A-ZÅÄÖ].*)$")
_INLINE = re.compile(r"^(?P<head>[^:\t]{3,90}?):\s+(?P<value>\S.*)$")
_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
_INLINE_DATE = re.compile(rf"^(?P<head>.+?)[:\s]\s*(?P<value>{_DATE})\s*$")
_BULLET_LINE = re.compile(r"^\s*[-–•*]\s+")


@dataclass
class Section:
    heading: str | None
    match: HeadingMatch | None
    blocks: list[Block] = field(default_factory=list)
    #: "row" (Heading<TAB>value), "line" (heading on its own line) or "orphan".
    kind: str = "line"
    lang: str | None = None
    #: The raw value of a table row, continued by tab-indented lines.
    raw: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        return self.match.fields if self.match else ()


def parse_sections(text: str) -> list[Section]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections: list[Section] = []
    paragraph: list[str] = []

    def current() -> Section | None:
        return sections[-1] if sections else None

    def flush() -> None:
        if not paragraph:
            return
        blocks = paragraph_blocks(paragraph)
        paragraph.clear()
        target = current()
        if target is None or target.kind == "row":
            target = Section(None, None, kind="orphan")
            sections.append(target)
        target.blocks = merge_broken(target.blocks + blocks)

    def start(heading: str | None, match: HeadingMatch | None, kind: str = "line") -> Section:
        flush()
        close_row()
        section = Section(heading, match, kind=kind)
        sections.append(section)
        return section

    def close_row() -> None:
        last = current()
        if last is not None and last.kind == "row" and last.raw and not last.blocks:
            last.blocks = value_blocks(last.raw)

    for index, raw_line in enumerate(lines):
        line = raw_line.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if "\t" in line:
            head, _, value = line.partition("\t")
            if not head.strip():  # a value continued on a tab-indented line
                flush()
                last = current()
                if last is not None and last.kind == "row" and not last.blocks:
                    last.raw = f"{last.raw} {value.strip()}".strip()
                else:
                    paragraph.append(value.strip())
                continue
            section = start(head.strip(), match_heading(head), kind="row")
            section.raw = value.strip()
            continue
        md = _MD_HEADING.match(line)
        if md:
            start(md.group("text"), match_heading(md.group("text")))
            continue
        if len(stripped) <= 200 and (found := match_heading(stripped)):
            start(stripped, found)
            continue
        inline = _INLINE_DATE.match(stripped) or _INLINE.match(stripped)
        if inline and (found := match_heading(inline.group("head"))):
            # The value is on the heading's line: what follows has no heading of its own.
            section = start(inline.group("head").strip(), found, kind="row")
            section.blocks = value_blocks(inline.group("value"))
            continue
        if _is_unknown_heading(lines, index):
            start(stripped, None)
            continue
        open_section = current()
        if open_section is not None and open_section.kind == "row":
            close_row()
        paragraph.append(stripped)
    flush()
    close_row()
    assign_languages(sections)
    return sections


def value_blocks(value: str) -> list[Block]:
    """Blocks of a table row's value (which may hold HTML)."""
    if has_html(value):
        return fragment_blocks(value)
    flat = " ".join(value.split())
    return [Block(flat, lines=(flat,))] if flat else []


def paragraph_blocks(lines: list[str]) -> list[Block]:
    """Consecutive lines: list items each on their own, other lines one paragraph."""
    joined = " ".join(lines)
    if has_html(joined):
        return fragment_blocks(joined)
    blocks: list[Block] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            blocks.append(Block(" ".join(run), lines=tuple(run)))
            run.clear()

    for line in lines:
        if _BULLET_LINE.match(line):
            end_run()
            blocks.extend(Block(item, is_item=True) for item in split_items(line))
        else:
            run.append(line)
    end_run()
    return blocks


def _is_unknown_heading(lines: list[str], index: int) -> bool:
    """A short line alone between blank lines, followed by a paragraph: a heading we don't know."""
    line = lines[index].strip()
    numbered = _NUMBERED.match(line)
    if numbered:
        rest = numbered.group("rest")
        return len(rest.split()) <= 12 and not re.search(r"[.,;]$", rest)
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if before or after or len(line.split()) > 8:
        return False
    if not re.match(r"[A-ZÅÄÖ]", line) or re.search(r"[.,;:!?)]$", line) or "@" in line:
        return False
    following = next((x for x in lines[index + 1 :] if x.strip()), "")
    return bool(
        following
        and "\t" not in following
        and not _BULLET_LINE.match(following)
        and not _NUMBERED.match(following)
        and not match_heading(following.strip())
        and re.search(r"[.!?]$", following.strip())
    )


def assign_languages(sections: list[Section]) -> None:
    """Each section's language: a notice switches language at a title ("Privacy Policy")
    or when two known headings in a row are in the other language."""
    matched = [s for s in sections if s.match]
    current = matched[0].match.lang if matched and matched[0].match else "fi"
    for section in sections:
        if section.match:
            candidate = section.match.lang
            if candidate != current:
                later = [s.match for s in matched[matched.index(section) + 1 :] if s.match]
                if section.fields == ("title",) or (later and later[0].lang == candidate):
                    current = candidate
        section.lang = current
