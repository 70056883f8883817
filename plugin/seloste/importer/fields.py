"""What one language version of a notice says, field by field.

Sections (sections.py) become values of the registry's fields; anything that
has no field goes to ``unsorted`` with a note saying where it came from. Only
headings, labels ("p.", "Y-tunnus:") and one-word answers ("Ei", "Oikeutetut
edut") are consumed, and each is recorded, so a test can prove that every other
sentence of the notice is still in the draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .blocks import Block
from .contacts import EMAIL, ContactParse, parse_contact
from .sections import Section
from .tables import (
    answer,
    first_match,
    is_legal_basis_answer,
    is_negative,
    legal_bases_in,
    matches,
)

CONTACT_FIELDS = ("controller", "privacy_contact", "dpo", "representative")
TEXT_FIELDS = ("retention", "security", "further_processing", "how_to_exercise", "provision")
RIGHTS = {
    "right_access": "access",
    "right_rectification": "rectification",
    "right_erasure": "erasure",
    "right_restriction": "restriction",
    "right_objection": "objection",
    "right_portability": "portability",
    "right_withdraw_consent": "withdraw_consent",
    "right_complaint": "complaint",
}
DATE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?![\d])")

#: Why unsorted text is unsorted, per field id it came from (shown as a YAML comment).
UNSORTED_NOTES = {
    "title": "text under the notice's title",
    "cookies": "cookie text: Seloste writes the cookie notice itself from `services:` and "
    "`cookies:`; move what is still true there and delete the rest",
    "changes_policy": "how the notice is changed: Seloste dates every change in `changelog:`",
    "other_rights": "Seloste writes the standard wording of every right; keep here only what "
    "adds to it, under rights.notes",
    "legal_basis": "the legal basis in the old notice's words: each purpose now has its own "
    "`legal_basis:`",
    "recipients": "text about recipients: list each recipient (company or group) under "
    "registers[0].recipients, with a description",
    "transfers": "text about transfers outside the EU/EEA: write one entry per recipient "
    "outside the EU/EEA under registers[0].transfers, or `transfers: []` if there are none",
    "automated": "text about automated decisions: set registers[0].automated_decisions",
    "lead": "a lead-in sentence of a list: the notice writes its own",
    "orphan": "text without a heading",
    "orphan_placed": "a paragraph without a heading, placed here by what it says: TODO: check",
    "unknown": "under a heading the importer does not know",
    "contact": "in a contact block but not a contact detail",
    "register_name": "more text under the register's name",
    "legitimate_interest": "a legitimate interest, but no purpose to attach it to",
    "changelog": "a change-log entry without a date",
    "dates": "more text next to the date",
}


@dataclass
class Consumed:
    """Text of the notice that became structure, not text: a heading, a label, an answer."""

    text: str
    kind: str  # heading | label | legal_basis | answer


@dataclass
class Item:
    text: str
    heading: str | None


@dataclass
class Unsorted:
    key: str
    text: str
    heading: str | None
    #: Items with the same pair key in two languages are one text in both.
    pair: str = ""

    def __post_init__(self) -> None:
        self.pair = self.pair or self.key


@dataclass
class Contact:
    parse: ContactParse
    heading: str | None


@dataclass
class LangNotice:
    """Everything one language version says, by field."""

    lang: str
    contacts: dict[str, Contact] = field(default_factory=dict)
    register_name: list[Item] = field(default_factory=list)
    data_subjects: list[Item] = field(default_factory=list)
    data_categories: list[Item] = field(default_factory=list)
    purposes: list[Item] = field(default_factory=list)
    bases: list[list[str]] = field(default_factory=list)  # per basis statement
    basis_headings: list[str] = field(default_factory=list)
    legitimate_interest: list[Item] = field(default_factory=list)
    sources: list[tuple[Item, str]] = field(default_factory=list)
    recipients: list[Item] = field(default_factory=list)
    transfers_none: str | None = None  # heading that answered "Ei"
    texts: dict[str, list[Item]] = field(default_factory=dict)
    automated: list[tuple[bool, Item | None]] = field(default_factory=list)
    rights: dict[str, list[Item]] = field(default_factory=dict)
    rights_emails: list[str] = field(default_factory=list)
    dates: dict[str, list[dt.date]] = field(default_factory=dict)
    changelog: list[tuple[dt.date, Item]] = field(default_factory=list)
    joint_controllers: list[Item] = field(default_factory=list)
    unsorted: list[Unsorted] = field(default_factory=list)
    empty_headings: list[str] = field(default_factory=list)
    consumed: list[Consumed] = field(default_factory=list)


def read_language(sections: list[Section], lang: str) -> LangNotice:
    notice = LangNotice(lang)
    for index, section in enumerate(sections):
        if section.lang != lang:
            continue
        if section.match is None:
            _unmatched(notice, section)
            continue
        notice.consumed.append(Consumed(section.heading or "", "heading"))
        blocks = list(section.blocks)
        if section.match.keep:
            blocks.insert(0, Block(section.match.keep))
        if not blocks:
            if _is_empty_heading(sections, index):
                notice.empty_headings.append(section.heading or "")
            continue
        for field_id, group in _distribute(section.fields, blocks):
            if field_id in ("data_categories", "purposes", "sources", "data_subjects"):
                group = _split_off_provision(notice, group, section.heading)
            HANDLERS.get(field_id, _to_unsorted)(notice, field_id, group, section.heading)
    return notice


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def _split_off_provision(
    notice: LangNotice, blocks: list[Block], heading: str | None
) -> list[Block]:
    """Trailing sentences about whether the data must be given move to `provision`."""
    out: list[Block] = []
    for block in blocks:
        sentences = _SENTENCE_END.split(block.text)
        first = next(
            (i for i, s in enumerate(sentences) if first_match("provision_sentences", s)), None
        )
        if (
            block.is_item
            or first is None
            or not all(first_match("provision_sentences", s) for s in sentences[first:])
        ):
            out.append(block)
            continue
        kept = " ".join(sentences[:first])
        if kept:
            out.append(Block(kept))
        moved = " ".join(sentences[first:])
        notice.texts.setdefault("provision", []).append(Item(moved, heading))
    return out


def _is_empty_heading(sections: list[Section], index: int) -> bool:
    """Nothing under it, and not a parent of the unnumbered subheadings that follow."""
    section = sections[index]
    if section.fields == ("title",):
        return False
    if section.kind == "row" or index + 1 == len(sections):
        return True
    following = sections[index + 1].heading or ""
    return bool(re.match(r"\s*\d", following)) or not re.match(r"\s*\d", section.heading or "")


def _unmatched(notice: LangNotice, section: Section) -> None:
    if section.heading is not None:  # a heading we don't know: keep it with its text
        text = "\n\n".join([section.heading, *(b.text for b in section.blocks)])
        notice.unsorted.append(Unsorted("unknown", text, section.heading))
        return
    run: list[Block] = []
    for block in section.blocks:
        placed = first_match("orphans", block.text)
        if placed:
            if run:
                _to_unsorted(notice, "orphan", run, None)
                run = []
            HANDLERS[placed](notice, placed, [block], None)
        else:
            run.append(block)
    if run:
        _to_unsorted(notice, "orphan", run, None)


def _distribute(fields: tuple[str, ...], blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Paragraphs under a heading that names several fields go where their words point."""
    if len(fields) == 1:
        return [(fields[0], blocks)]
    out: list[tuple[str, list[Block]]] = []
    last = fields[0]
    for block in blocks:
        target = last if block.is_item else None
        if target is None:
            target = next((f for f in fields[1:] if matches("hints", f, block.text)), fields[0])
        last = target
        if out and out[-1][0] == target:
            out[-1][1].append(block)
        else:
            out.append((target, [block]))
    return out


def _join(blocks: list[Block]) -> str:
    return "\n\n".join(b.text for b in blocks)


def _join_listed(blocks: list[Block]) -> str:
    """Like _join, but list items stay a list ("- item" lines)."""
    parts: list[str] = []
    for block in blocks:
        if block.is_item and parts and parts[-1].startswith("- "):
            parts[-1] += f"\n- {block.text}"
        else:
            parts.append(f"- {block.text}" if block.is_item else block.text)
    return "\n\n".join(parts)


def _leads_and_items(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Split off lead-in paragraphs ("…seuraavat tiedot:") that introduce a list."""
    leads, rest = [], []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if not block.is_item and block.text.endswith(":") and following is not None:
            leads.append(block)
        else:
            rest.append(block)
    return leads, rest


# --- handlers: (notice, field id, blocks, heading) -------------------------------------------


def _to_unsorted(
    notice: LangNotice, field_id: str, blocks: list[Block], heading: str | None, pair: str = ""
) -> None:
    text = _join_listed(blocks)
    if text.strip():
        notice.unsorted.append(Unsorted(field_id, text, heading, pair))


def _title(notice, field_id, blocks, heading):
    _to_unsorted(notice, "title", blocks, heading)


def _date(notice, field_id, blocks, heading):
    for block in blocks:
        found = DATE.search(block.text)
        parsed = _to_date(found) if found else None
        if found is None or parsed is None:
            _to_unsorted(notice, "dates", [block], heading)
            continue
        notice.dates.setdefault(field_id, []).append(parsed)
        rest = (block.text[: found.start()] + block.text[found.end() :]).strip(" :,.")
        if rest:
            _to_unsorted(notice, "dates", [Block(rest)], heading)


def _to_date(found: re.Match[str]) -> dt.date | None:
    day, month, year = (int(g) for g in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _contact(notice, field_id, blocks, heading):
    lines = [line for block in blocks for line in (block.lines or (block.text,))]
    parse = parse_contact(lines)
    notice.consumed += [Consumed(label, "label") for label in parse.labels]
    for extra in parse.leftover:
        notice.unsorted.append(Unsorted("contact", extra, heading))
    if field_id in notice.contacts:  # a second block for the same role: keep it, unsorted
        notice.unsorted.append(Unsorted("contact", "\n".join(lines), heading))
        return
    notice.contacts[field_id] = Contact(parse, heading)


def _register_name(notice, field_id, blocks, heading):
    notice.register_name.append(Item(blocks[0].text, heading))
    if blocks[1:]:
        _to_unsorted(notice, "register_name", blocks[1:], heading)


def _list(notice, field_id, blocks, heading):
    leads, rest = _leads_and_items(blocks)
    _to_unsorted(notice, "lead", leads, heading, f"lead:{field_id}")
    target: list[Item] = getattr(notice, field_id)
    index = 0
    while index < len(rest):
        block = rest[index]
        group = _group_label(rest, index)
        if group:  # "Yhteystiedot" then "- nimi", "- osoite": one category
            items = group
            target.append(Item(f"{block.text}: {', '.join(b.text for b in items)}", heading))
            index += 1 + len(items)
            continue
        target.append(Item(block.text, heading))
        index += 1


def _group_label(blocks: list[Block], index: int) -> list[Block]:
    block = blocks[index]
    if block.is_item or len(block.text.split()) > 4 or re.search(r"[.:;!?]$", block.text):
        return []
    items = []
    for following in blocks[index + 1 :]:
        if not following.is_item:
            break
        items.append(following)
    return items


def _purposes(notice, field_id, blocks, heading):
    leads, rest = _leads_and_items(blocks)
    _to_unsorted(notice, "lead", leads, heading, f"lead:{field_id}")
    paragraphs = [b for b in rest if not b.is_item]
    if paragraphs:
        notice.purposes.append(Item(_join(paragraphs), heading))
    notice.purposes += [Item(b.text, heading) for b in rest if b.is_item]


def _legal_basis(notice, field_id, blocks, heading):
    leads, rest = _leads_and_items(blocks)
    _to_unsorted(notice, "lead", leads, heading, f"lead:{field_id}")
    if heading:
        notice.basis_headings.append(heading)
    for block in rest:
        notice.bases.append(legal_bases_in(block.text))
        if is_legal_basis_answer(block.text):
            notice.consumed.append(Consumed(block.text, "legal_basis"))
        else:
            _to_unsorted(notice, "legal_basis", [block], heading)


def _legitimate_interest(notice, field_id, blocks, heading):
    notice.legitimate_interest.append(Item(_join(blocks), heading))


def _sources(notice, field_id, blocks, heading):
    leads, rest = _leads_and_items(blocks)
    _to_unsorted(notice, "lead", leads, heading, f"lead:{field_id}")
    for block in rest:
        origin = first_match("source_origins", block.text) or "data_subject"
        notice.sources.append((Item(block.text, heading), origin))


def _recipients(notice, field_id, blocks, heading):
    leads, rest = _leads_and_items(blocks)
    _to_unsorted(notice, "lead", leads, heading, f"lead:{field_id}")
    for block in rest:
        # A list item or a short phrase names a recipient; sentences describe them.
        if block.is_item or (len(block.text.split()) <= 15 and not block.text.endswith(".")):
            notice.recipients.append(Item(block.text, heading))
        else:
            _to_unsorted(notice, "recipients", [block], heading)


def _transfers(notice, field_id, blocks, heading):
    if len(blocks) == 1 and answer(blocks[0].text) == "no":
        notice.transfers_none = heading
        notice.consumed.append(Consumed(blocks[0].text, "answer"))
        return
    _to_unsorted(notice, "transfers", blocks, heading)


def _automated(notice, field_id, blocks, heading):
    for block in blocks:
        if answer(block.text) == "no":
            notice.automated.append((False, None))
            notice.consumed.append(Consumed(block.text, "answer"))
        elif is_negative(block.text):
            notice.automated.append((False, Item(block.text, heading)))
        else:
            _to_unsorted(notice, "automated", [block], heading)


def _text(notice, field_id, blocks, heading):
    if field_id == "how_to_exercise":
        notice.rights_emails += EMAIL.findall(_join(blocks))
    notice.texts.setdefault(field_id, []).append(Item(_join(blocks), heading))


def _rights_general(notice, field_id, blocks, heading):
    _text(notice, "how_to_exercise", blocks, heading)


def _right(notice, field_id, blocks, heading):
    notice.rights.setdefault(RIGHTS[field_id], []).append(Item(_join(blocks), heading))


def _changelog(notice, field_id, blocks, heading):
    for block in blocks:
        found = DATE.match(block.text.strip())
        parsed = _to_date(found) if found else None
        change = block.text.strip()[found.end() :].strip(" :-–") if found else ""
        if parsed is None or not change:
            _to_unsorted(notice, "changelog", [block], heading)
        else:
            notice.changelog.append((parsed, Item(change, heading)))


def _joint(notice, field_id, blocks, heading):
    notice.joint_controllers += [Item(b.text, heading) for b in blocks]


HANDLERS = {
    "title": _title,
    "created": _date,
    "updated": _date,
    **dict.fromkeys(CONTACT_FIELDS, _contact),
    "register_name": _register_name,
    "data_subjects": _list,
    "data_categories": _list,
    "purposes": _purposes,
    "legal_basis": _legal_basis,
    "legitimate_interest": _legitimate_interest,
    "sources": _sources,
    "recipients": _recipients,
    "transfers": _transfers,
    "automated": _automated,
    **dict.fromkeys(TEXT_FIELDS, _text),
    "rights_general": _rights_general,
    **dict.fromkeys(RIGHTS, _right),
    "changelog": _changelog,
    "joint_controllers": _joint,
}
