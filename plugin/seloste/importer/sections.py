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

from ..fields_repr import FieldsRepr
from .blocks import Block, fragment_blocks, has_html, merge_broken, split_items
from .prose import find_date
from .tables import HeadingMatch, clean_heading, match_heading

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_NUMBERED = re.compile(
    r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,5}[.)]?)\s+(?P<rest>[A-ZÅÄÖ].*)$"
)
_ROMAN = re.compile(r"^[IVX]{1,5}[.)]?$")
#: A register's own subsection: "3.1 Asiakasrekisteri", "Customer register", "Kundregistret".
_REGISTER_NAME = re.compile(r"(rekisteri|register|registry|registret)$", re.I)
_INLINE = re.compile(r"^(?P<head>[^:\t]{3,90}?):\s+(?P<value>\S.*)$")
_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
_INLINE_DATE = re.compile(rf"^(?P<head>.+?)[:\s]\s*(?P<value>{_DATE})\s*$")
_BULLET_LINE = re.compile(r"^\s*[-–•*]\s+")


@dataclass(repr=False)
class Section(FieldsRepr):
    heading: str | None
    match: HeadingMatch | None
    blocks: list[Block] = field(default_factory=list)
    #: "row" (Heading<TAB>value), "line" (heading on its own line) or "orphan".
    kind: str = "line"
    lang: str | None = None
    #: The raw value of a table row, continued by tab-indented lines.
    raw: str = ""
    #: Heading depth: numbering depth ("3.1" is 2) or the Markdown/HTML level.
    level: int = 0
    #: Index of the register (within its language) a registers subsection belongs to.
    register: int | None = None
    #: The heading names a register of its own (its text is the register's name).
    register_head: bool = False
    #: An unknown subheading that took its parent's field (a purpose under "Tarkoitukset").
    inherited: bool = False

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

    def start(
        heading: str | None, match: HeadingMatch | None, kind: str = "line", level: int = 0
    ) -> Section:
        flush()
        close_row()
        section = Section(heading, match, kind=kind, level=level or heading_level(heading))
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
            text = md.group("text")
            depth = len(line.strip()) - len(line.strip().lstrip("#"))
            start(text, match_heading(text), level=numbering_depth(text) or depth)
            continue
        if len(stripped) <= 200 and (found := match_heading(stripped)):
            start(stripped, found)
            continue
        dated = _dated_line(stripped)
        if dated is not None:
            section = start(dated[0], match_heading(dated[0]), kind="row")
            section.blocks = value_blocks(dated[1])
            continue
        inline = _INLINE_DATE.match(stripped) or _INLINE.match(stripped)
        if inline and (found := match_heading(inline.group("head"))):
            # The value is on the heading's line: what follows has no heading of its own.
            section = start(inline.group("head").strip(), found, kind="row")
            section.blocks = value_blocks(inline.group("value"))
            continue
        if _is_unknown_heading(lines, index) or _is_caps_heading(stripped):
            start(stripped, None)
            continue
        open_section = current()
        if open_section is not None and open_section.kind == "row":
            close_row()
        paragraph.append(stripped)
    flush()
    close_row()
    assign_languages(sections)
    assign_registers(sections)
    return sections


def _dated_line(line: str) -> tuple[str, str] | None:
    """ "Updated 14 March 2025", "*Last updated: 3 February 2025*": (heading, date)."""
    if len(line) > 80:
        return None
    found = find_date(line)
    if found is None or line[found[0].end() :].strip(" *_.)"):
        return None
    head = line[: found[0].start()].strip(" *_:(")
    match = match_heading(head) if head else None
    if match is None or match.fields[0] not in ("created", "updated"):
        return None
    return head, found[0].group(0)


def numbering_depth(heading: str | None) -> int:
    """1 for "3." or "III", 2 for "3.1", 0 for an unnumbered heading."""
    found = _NUMBERED.match(heading or "")
    if not found:
        return 0
    number = found.group("num").rstrip(".)")
    return 1 if _ROMAN.match(found.group("num")) else number.count(".") + 1


def heading_level(heading: str | None) -> int:
    return numbering_depth(heading) or 1


def _is_caps_heading(line: str) -> bool:
    """ "II KÄSITTELYN TARKOITUS", "TIETOSUOJASELOSTE": a line in capitals is a heading."""
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(line.split()) <= 12
        and not re.search(r"[.,;!]$", line)
        and "@" not in line
        and not re.search(r"\d|\b(OY|OYJ|AB|LTD|INC|RY|KY|LLC)\b", line)
    )


def assign_registers(sections: list[Section]) -> None:
    """Subsections of a registers section ("3. Rekisterit" → "3.1 Asiakasrekisteri",
    "3.2 Markkinointirekisteri") are one register each; unknown subheadings under a
    purposes section ("Verkkokaupan tilaukset") are purposes of their own."""
    for lang in dict.fromkeys(s.lang for s in sections):
        mine = [s for s in sections if s.lang == lang]
        count = 0
        parent: Section | None = None
        current: int | None = None
        for index, section in enumerate(mine):
            if parent is not None and section.level <= parent.level:
                parent, current = None, None
            if parent is None:
                if _opens_registers(mine, index):
                    parent = section
                continue
            name = clean_heading(section.heading or "")
            if section.level == parent.level + 1 or (
                current is None and section.level > parent.level
            ):
                if _REGISTER_NAME.search(name) or "registers" in parent.fields:
                    current = count
                    count += 1
                    section.register = current
                    section.register_head = True
                    continue
                current = None
            section.register = current
        _inherit_purposes(mine)


def _opens_registers(sections: list[Section], index: int) -> bool:
    section = sections[index]
    if "registers" in section.fields:
        return True
    children: list[Section] = []
    for following in sections[index + 1 :]:
        if following.level <= section.level:
            break
        if following.level == section.level + 1 or (
            not children and following.level > section.level
        ):
            children.append(following)
    named = [c for c in children if _REGISTER_NAME.search(clean_heading(c.heading or ""))]
    return len(named) >= 2 and section.heading is not None


def _inherit_purposes(sections: list[Section]) -> None:
    parent: Section | None = None
    for section in sections:
        if parent is not None and section.level <= parent.level:
            parent = None
        if section.match is not None and section.fields[:1] == ("purposes",):
            parent = section
            continue
        if parent is not None and section.match is None and section.heading is not None:
            section.match = HeadingMatch(("purposes",), parent.match.lang if parent.match else "fi")
            section.inherited = True


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
