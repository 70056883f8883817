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

from ..fields_repr import FieldsRepr
from ..messages import msg
from .blocks import Block
from .contacts import EMAIL, ContactParse, parse_contact, parse_contact_sentences
from .prose import (
    Party,
    basis_sentence,
    date_at_start,
    find_date,
    parties_in,
    purposes_in,
    sentences,
)
from .sections import Section
from .services import trackers_in
from .tables import (
    answer,
    clean_heading,
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

#: Why unsorted text is unsorted, per field id it came from (shown as a YAML comment):
#: the message key of the note, in the message language (messages/I.yaml).
UNSORTED_NOTES = {
    "title": "I.unsorted.title",
    "cookies": "I.unsorted.cookies",
    "changes_policy": "I.unsorted.changes_policy",
    "other_rights": "I.unsorted.other_rights",
    "legal_basis": "I.unsorted.legal_basis",
    "recipients": "I.unsorted.recipients",
    "transfers": "I.unsorted.transfers",
    "automated": "I.unsorted.automated",
    "lead": "I.unsorted.lead",
    "orphan": "I.unsorted.orphan",
    "orphan_placed": "I.unsorted.orphan_placed",
    "unknown": "I.unsorted.unknown",
    "contact": "I.unsorted.contact",
    "register_name": "I.unsorted.register_name",
    "legitimate_interest": "I.unsorted.legitimate_interest",
    "changelog": "I.unsorted.changelog",
    "dates": "I.unsorted.dates",
    "registers": "I.unsorted.registers",
    "prose": "I.unsorted.prose",
}


def unsorted_note(key: str) -> str:
    """Why text from field ``key`` is unsorted, in the message language ("" for none)."""
    return msg(UNSORTED_NOTES[key]) if key in UNSORTED_NOTES else ""


@dataclass(repr=False)
class Consumed(FieldsRepr):
    """Text of the notice that became structure, not text: a heading, a label, an answer."""

    text: str
    kind: str  # heading | label | legal_basis | answer


@dataclass(repr=False)
class Item(FieldsRepr):
    text: str
    heading: str | None
    #: A legal basis written with this purpose ("(oikeusperuste: sopimus)").
    basis: str | None = None


@dataclass(repr=False)
class Unsorted(FieldsRepr):
    key: str
    text: str
    heading: str | None
    #: Items with the same pair key in two languages are one text in both.
    pair: str = ""

    def __post_init__(self) -> None:
        self.pair = self.pair or self.key


@dataclass(repr=False)
class Contact(FieldsRepr):
    parse: ContactParse
    heading: str | None


@dataclass(repr=False)
class LangNotice(FieldsRepr):
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
    #: Sentences read into structure (a purpose and its basis, a list of categories,
    #: companies with their country), each of whose facts is now a field.
    structured: list[Consumed] = field(default_factory=list)
    #: Registers of a registers section, each read like a notice of its own (they share
    #: this notice's unsorted, consumed and empty-heading lists).
    registers: list[LangNotice] = field(default_factory=list)
    #: Companies named as "Name (what they do, Country)", with the sentence naming them.
    parties: list[tuple[Party, Item]] = field(default_factory=list)
    #: Sentences that disclose data to a recipient named in words ("viranomaisille").
    disclosures: list[Item] = field(default_factory=list)
    #: Paragraphs about transfers outside the EU/EEA.
    transfer_texts: list[Item] = field(default_factory=list)
    #: What the notice says about each service it names (catalogue id → sentences).
    service_texts: dict[str, list[Item]] = field(default_factory=dict)
    version: str | None = None
    #: Unknown subheadings under a purposes section (each names a purpose).
    subheadings: set[str] = field(default_factory=set)

    def sub(self, index: int) -> LangNotice:
        while len(self.registers) <= index:
            self.registers.append(
                LangNotice(
                    self.lang,
                    unsorted=self.unsorted,
                    consumed=self.consumed,
                    structured=self.structured,
                    empty_headings=self.empty_headings,
                )
            )
        return self.registers[index]


def read_language(sections: list[Section], lang: str) -> LangNotice:
    top = LangNotice(lang)
    for index, section in enumerate(sections):
        if section.lang != lang:
            continue
        notice = top if section.register is None else top.sub(section.register)
        if section.register_head:
            name = clean_heading(section.heading or "")
            notice.register_name.append(Item(name, section.heading))
            top.structured.append(Consumed(section.heading or "", "register"))
            if section.match is None or section.match.fields == ("registers",):
                _prose(notice, section.blocks, section.heading, in_register=True)
                continue
        if section.match is None:
            _unmatched(notice, section)
            continue
        if section.inherited:
            notice.subheadings.add(section.heading or "")
            notice.structured.append(Consumed(section.heading or "", "subheading"))
        else:
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
    return top


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
    if section.heading is not None:  # a heading we don't know: place what its prose says
        left = _prose(
            notice,
            section.blocks,
            section.heading,
            in_register=section.register is not None,
            keep=True,
        )
        text = "\n\n".join([section.heading, *(b.text for b in left)])
        notice.unsorted.append(Unsorted("unknown", text, section.heading))
        return
    run: list[Block] = []
    for block in section.blocks:
        if _meta_line(notice, block):
            continue
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


_VERSION = re.compile(r"^(?:versio|version)\s+(?P<v>\d[\w.-]{0,15})\.?$", re.I)


def _meta_line(notice: LangNotice, block: Block) -> bool:
    """ "Version 3.1", "Laadittu 12.5.2023. Päivitetty 20.11.2024.": the notice's dates."""
    found = _VERSION.match(block.text.strip())
    if found:
        notice.version = found.group("v")
        notice.structured.append(Consumed(block.text, "version"))
        return True
    parts = sentences(block.text)
    dated = []
    for part in parts:
        hit = find_date(part)
        if hit is None or part[hit[0].end() :].strip(" .*_)"):
            return False
        head = part[: hit[0].start()].strip(" *_:(")
        from .tables import match_heading

        match = match_heading(head) if head else None
        if match is None or match.fields[0] not in ("created", "updated"):
            return False
        dated.append((match.fields[0], hit[1], head))
    if not dated:
        return False
    for key, date, head in dated:
        notice.dates.setdefault(key, []).append(date)
        notice.structured.append(Consumed(head, "heading"))
    return True


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
    left = []
    for block in blocks:
        if _meta_line(notice, block):
            continue
        kept = [x for x in sentences(block.text) if not _meta_line(notice, Block(x))]
        if kept:
            left.append(Block(" ".join(kept), is_item=block.is_item))
    _to_unsorted(notice, "title", left, heading)


def _date(notice, field_id, blocks, heading):
    for block in blocks:
        hit = find_date(block.text)
        if hit is None:
            _to_unsorted(notice, "dates", [block], heading)
            continue
        found, parsed = hit
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
    said = parse_contact_sentences(" ".join(b.text for b in blocks))
    if said is not None and field_id != "controller" and field_id not in notice.contacts:
        # "Tietosuojavastaavanamme toimii Laura Niemi. Hänet tavoittaa …": the details, not the prose.
        notice.structured += [Consumed(b.text, "contact") for b in blocks]
        notice.contacts[field_id] = Contact(said, heading)
        return
    parse = parse_contact(lines)
    notice.consumed += [Consumed(label, "label") for label in parse.labels]
    from .prose import country_named

    for extra in list(parse.leftover):
        country = country_named(extra)
        if (
            country is not None
            and country.code != "EU"
            and any(k == "city" for k, _ in parse.items)
        ):
            parse.items.append(("country", country.code))
            parse.leftover.remove(extra)
            notice.structured.append(Consumed(extra, "country"))
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
        split = category_items(block.text) if not block.is_item else None
        if split and len(sentences(block.text)) == 1 and field_id == "data_categories":
            label, names = split
            target += [Item(i, heading) for i in names]
            notice.structured.append(Consumed(label, "label"))
            notice.structured.append(Consumed(block.text, "categories"))
        else:
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
    paragraphs = []
    for block in rest:
        if not block.is_item and first_match("prose", block.text) == "legitimate_interest":
            notice.legitimate_interest.append(Item(block.text, heading))
        elif not block.is_item:
            paragraphs.append(block)
    inline = [b for b in paragraphs if _has_inline_purpose(b.text)]
    if inline or (
        paragraphs and any(basis_sentence(x) for b in paragraphs for x in sentences(b.text))
    ):
        # Modern prose: "Käsittelemme … (oikeusperuste: sopimus)." — sentence by sentence.
        left = _prose(notice, paragraphs, heading, in_register=True, keep=True, purposes_first=True)
        if left:
            notice.purposes.append(Item(_join(left), heading))
    elif paragraphs:
        notice.purposes.append(Item(_join(paragraphs), heading))
    for block in rest:
        if not block.is_item:
            continue
        parts = purposes_in(block.text)
        if parts and len(parts) == 1:
            notice.purposes.append(Item(parts[0].description, heading, parts[0].basis))
            if parts[0].stripped:
                notice.structured.append(Consumed(block.text, "purpose"))
        else:
            notice.purposes.append(Item(block.text, heading))


def _has_inline_purpose(text: str) -> bool:
    return any(purposes_in(sentence) for sentence in sentences(text))


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
            continue
        left = _prose(notice, [block], heading, in_register=False, keep=True)
        for kept in left:
            disclosed = [x for x in sentences(kept.text) if _is_disclosure(x)]
            others = [x for x in sentences(kept.text) if not _is_disclosure(x)]
            for sentence in disclosed:
                notice.disclosures.append(Item(sentence, heading))
            if others:
                _to_unsorted(notice, "recipients", [Block(" ".join(others))], heading)


_DISCLOSURE = re.compile(
    r"\b(luovute\w*|luovutta\w*|disclos\w*|shared with|lämnas ut|utlämna\w*)\b", re.I
)


def _is_disclosure(sentence: str) -> bool:
    """ "Tietoja luovutetaan Verohallinnolle …": a recipient named in a sentence of its own."""
    if not _DISCLOSURE.search(sentence) or re.search(
        r"\b(emme|ei|not|never|inte)\b", sentence, re.I
    ):
        return False
    # It names the recipient: an authority, or an organisation by its name.
    return bool(
        re.search(r"viranomai|authorit|myndighet", sentence, re.I)
        or re.search(r"(?<=\s)[A-ZÅÄÖ][a-zåäö]{3,}", sentence)
    )


def _transfers(notice, field_id, blocks, heading):
    if len(blocks) == 1 and answer(blocks[0].text) == "no":
        notice.transfers_none = heading
        notice.consumed.append(Consumed(blocks[0].text, "answer"))
        return
    from .prose import mechanisms_in, third_countries_in

    for block in blocks:
        text = block.text
        if mechanisms_in(text) or third_countries_in(text) or parties_in(text):
            for party_sentence in sentences(text):
                for party in parties_in(party_sentence):
                    notice.parties.append((party, Item(party_sentence, heading)))
            notice.transfer_texts.append(Item(text, heading))
        else:
            _to_unsorted(notice, "transfers", [block], heading)


def _cookies(notice, field_id, blocks, heading):
    """Sentences naming a service become its purpose; the rest stays for the marketer."""
    left: list[Block] = []
    joined: list[Block] = []
    for block in blocks:  # a paragraph cut mid-sentence by pasted HTML is one sentence
        if (
            joined
            and not block.is_item
            and not joined[-1].is_item
            and not re.search(r"[.!?:)]$", joined[-1].text)
        ):
            joined[-1] = Block(f"{joined[-1].text} {block.text}")
        else:
            joined.append(block)
    for block in joined:
        run: list[str] = []
        for sentence in sentences(block.text) if not block.is_item else [block.text]:
            found = list(dict.fromkeys(m.key for m in trackers_in(sentence)))
            if found and not block.is_item:
                for key in found:
                    notice.service_texts.setdefault(key, []).append(Item(sentence, heading))
                if run:
                    left.append(Block(" ".join(run)))
                    run = []
            else:
                run.append(sentence)
        if run:
            left.append(Block(" ".join(run), is_item=block.is_item))
    if left:
        _to_unsorted(notice, "cookies", left, heading)


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
    general: list[Block] = []
    for block in blocks:
        if block.is_item:
            general.append(block)
            continue
        said = sentences(block.text)
        complaint = [x for x in said if first_match("prose", x) == "right_complaint"]
        rest = [x for x in said if x not in complaint]
        if complaint:
            _right(notice, "right_complaint", [Block(" ".join(complaint))], heading)
        if rest:
            general.append(Block(" ".join(rest)))
    if general:
        _text(notice, "how_to_exercise", general, heading)


def _right(notice, field_id, blocks, heading):
    notice.rights.setdefault(RIGHTS[field_id], []).append(Item(_join(blocks), heading))


def _changelog(notice, field_id, blocks, heading):
    for block in blocks:
        lines = block.lines if len(block.lines) > 1 else (block.text,)
        for line in lines:
            found = date_at_start(line)
            if found is None or not found[1]:
                _to_unsorted(notice, "changelog", [Block(line)], heading)
            else:
                notice.changelog.append((found[0], Item(found[1], heading)))


def _changes_policy(notice, field_id, blocks, heading):
    """ "Muutokset tähän selosteeseen": dated lines are a change log, the rest is policy text."""
    rest: list[Block] = []
    for block in blocks:
        lines = block.lines if len(block.lines) > 1 else (block.text,)
        if all((at := date_at_start(line)) and at[1] for line in lines):
            _changelog(notice, "changelog", [block], heading)
        else:
            rest.append(block)
    if rest:
        _to_unsorted(notice, "changes_policy", rest, heading)


def _joint(notice, field_id, blocks, heading):
    notice.joint_controllers += [Item(b.text, heading) for b in blocks]


# --- prose ------------------------------------------------------------------------------------

_LIST_LABEL = re.compile(
    r"^(?P<label>.{3,90}?(?:\bovat\b|\bare\b|\binclude[sd]?\b|\bincluding\b|\bär\b|"
    r"\bomfattar\b|:))\s+(?P<list>[^:]+?)\.?$",
    re.I,
)
_LAST_AND = re.compile(r"(?<!-)\s+(?:ja|sekä|and|och|samt)\s+")
_RELATIVE = re.compile(r"^(?:mitä|joka|jotka|mikä|which|that|who|what|som|vad|vilka)\b", re.I)


def category_items(sentence: str) -> tuple[str, list[str]] | None:
    """ "Käsiteltäviä tietoja ovat nimi, sähköposti ja puhelinnumero." → the label and
    the items, each as written; None when the list does not split cleanly."""
    found = _LIST_LABEL.match(sentence.strip())
    if not found:
        return None
    pieces = [p.strip() for p in found.group("list").split(", ")]
    tail = pieces.pop()
    joins = list(_LAST_AND.finditer(tail))
    if len(joins) > 1:
        return None  # "a ja b ja c": no clean split
    if joins:
        pieces += [tail[: joins[0].start()].strip(), tail[joins[0].end() :].strip()]
    else:
        pieces.append(tail.strip())
    nested = re.compile(r"\b(kuten|esim|such as|e\.g|till exempel|t\.ex)\b", re.I)
    if len(pieces) < 2 or any(
        not p or _RELATIVE.match(p) or len(p.split()) > 6 or nested.search(p) for p in pieces
    ):
        return None
    return found.group("label"), pieces


_PURPOSE_WORDS = re.compile(
    r"\b(tarkoitu\w*|käytämme tietoja|käsittelemme\b.*\b\w+(?:miseen|seen|ksi)\b|purpose|"
    r"we (use|process)\b.*\b(to|for)\b|för att|ändamål\w*)",
    re.I,
)


def _prose(
    notice: LangNotice,
    blocks: list[Block],
    heading: str | None,
    *,
    in_register: bool,
    keep: bool = False,
    purposes_first: bool = False,
) -> list[Block]:
    """Place the sentences of free prose by what each says; return (or leave unsorted)
    what no field takes. Sentences of one paragraph that go to one text field stay one text."""
    left: list[Block] = []
    for block in blocks:
        if block.is_item:
            target = _last_list_field(notice)
            if target and in_register:
                getattr(notice, target).append(Item(block.text, heading))
            else:
                left.append(block)
            continue
        runs: list[tuple[str, list[str]]] = []
        block_purposes: list[Item] = []
        for sentence in sentences(block.text):
            field_id = _place_sentence(
                notice, sentence, heading, in_register, purposes_first, block_purposes
            )
            if runs and runs[-1][0] == field_id:
                runs[-1][1].append(sentence)
            else:
                runs.append((field_id, [sentence]))
        for field_id, said in runs:
            text = " ".join(said)
            if field_id == "":
                left.append(Block(text))
            elif field_id in ("retention", "provision", "further_processing", "security"):
                notice.texts.setdefault(field_id, []).append(Item(text, heading))
            elif field_id == "legitimate_interest":
                notice.legitimate_interest.append(Item(text, heading))
            elif field_id == "sources":
                origin = first_match("source_origins", text) or "data_subject"
                notice.sources.append((Item(text, heading), origin))
            elif field_id == "joint_controllers":
                notice.joint_controllers.append(Item(text, heading))
            elif field_id == "transfers":
                notice.transfer_texts.append(Item(text, heading))
            elif field_id.startswith("right_"):
                notice.rights.setdefault(RIGHTS[field_id], []).append(Item(text, heading))
    if not keep and left:
        _to_unsorted(notice, "prose", left, heading)
    return left


def _last_list_field(notice: LangNotice) -> str | None:
    return "data_categories" if notice.data_categories else None


def _place_sentence(
    notice: LangNotice,
    sentence: str,
    heading: str | None,
    in_register: bool,
    purposes_first: bool,
    block_purposes: list[Item],
) -> str:
    """Put one sentence where it belongs; the field id, "" for none, "_" when it became
    structure (a purpose, a basis, a category list, companies)."""
    parts = purposes_in(sentence)
    if parts and (in_register or purposes_first):
        for part in parts:
            item = Item(part.description, heading, part.basis)
            notice.purposes.append(item)
            block_purposes.append(item)
        if any(p.stripped for p in parts):
            notice.structured.append(Consumed(sentence, "purpose"))
        return "_purposes"
    basis = basis_sentence(sentence)
    waiting = [p for p in (block_purposes or notice.purposes[-1:]) if p.basis is None]
    if basis and not waiting and heading in notice.subheadings:
        # "Kirjanpito" / "…Käsittelyn oikeusperuste on lakisääteinen velvoite.": the
        # subheading names the purpose.
        item = Item(clean_heading(heading or ""), heading, basis)
        notice.purposes.append(item)
        block_purposes.append(item)
        notice.structured.append(Consumed(sentence, "basis"))
        return "_basis"
    if basis and waiting:
        for purpose in waiting:
            purpose.basis = basis
        notice.structured.append(Consumed(sentence, "basis"))
        return "_basis"
    named = parties_in(sentence)
    if named:
        for party in named:
            notice.parties.append((party, Item(sentence, heading)))
        notice.structured.append(Consumed(sentence, "recipients"))
        return "_parties"
    field_id = first_match("prose", sentence)
    if field_id == "data_categories" or (
        field_id is None
        and in_register
        and category_items(sentence)
        and re.search(r"tieto|data|uppgift", sentence, re.I)
    ):
        split = category_items(sentence)
        if split:
            label, items = split
            notice.data_categories += [Item(i, heading) for i in items]
            notice.structured.append(Consumed(label, "label"))
            notice.structured.append(Consumed(sentence, "categories"))
            return "_categories"
        notice.data_categories.append(Item(sentence, heading))
        return "_categories"
    if field_id is not None:
        return field_id
    if (in_register or purposes_first) and _PURPOSE_WORDS.search(sentence):
        item = Item(sentence, heading)
        notice.purposes.append(item)
        block_purposes.append(item)
        return "_purposes"
    return ""


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
    "cookies": _cookies,
    "changes_policy": _changes_policy,
}
