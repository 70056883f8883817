"""The draft registry: each language's fields paired into ``{fi: …, en: …}`` texts.

A bilingual notice (seed 000: Finnish, then "Privacy Policy" in English) says
the same things twice under different headings; the fields are paired by what
they are, not by position in the file. A text that one language lacks stays a
plain string (shown in every language) with a comment, so the draft still loads.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import catalog
from ..fields_repr import FieldsRepr
from ..messages import msg
from ..registry.model import EMAIL_RE, is_valid_business_id
from .contacts import looks_like_company
from .fields import Item, LangNotice, Unsorted, unsorted_note
from .services import Mention
from .tables import clean_heading, processor_names
from .yaml_out import Note, plain


def lang_name(lang: str) -> str:
    """The language's name in the message language ("suomi", "Finnish"); else its code."""
    names = {"fi": msg("I.lang.fi"), "en": msg("I.lang.en"), "sv": msg("I.lang.sv")}
    return names.get(lang, lang)


def _heading_note(*headings: str | None) -> str | None:
    seen = [h for h in dict.fromkeys(headings) if h]
    if not seen:
        return None
    return msg("I.draft.heading", headings=" / ".join(f"'{h}'" for h in seen))


@dataclass(repr=False)
class Draft(FieldsRepr):
    langs: list[str]
    notices: dict[str, LangNotice]
    trackers: list[Mention] = field(default_factory=list)
    processors: list[Mention] = field(default_factory=list)
    #: Unsorted items added while merging (contact details that differ between languages…).
    extra_unsorted: list[Note] = field(default_factory=list)
    #: The notice's languages when this draft reads only part of it (one register).
    langs_all: list[str] | None = None

    def __post_init__(self) -> None:
        if self.langs_all is not None:
            self.langs = list(self.langs_all)

    @property
    def bilingual(self) -> bool:
        return len(self.langs) > 1

    # --- texts ---------------------------------------------------------------------------

    def text(self, per_lang: Mapping[str, str | None]) -> Note | None:
        """``{fi: …, en: …}``; one language only: a plain string (bilingual) with a comment."""
        have = {lang: t for lang, t in per_lang.items() if t and t.strip()}
        if not have:
            return None
        if not self.bilingual:
            return Note(dict(have))
        if len(have) == len(self.langs):
            return Note({lang: have[lang] for lang in self.langs})
        (lang, only), *others = list(have.items())
        missing = [x for x in self.langs if x not in have]
        for other_lang, other in others:  # a third language: kept, for the marketer to place
            self.extra_unsorted.append(
                Note(
                    other,
                    [msg("I.draft.other_version", lang=lang_name(other_lang), text=only[:60])],
                )
            )
        example = f"{{{lang}: …, {missing[0]}: …}}"
        return Note(only, [msg("I.draft.only_in", lang=lang_name(lang), example=example)])

    def paired(self, per_lang: dict[str, list[Item]]) -> list[Note]:
        """Lists paired item by item; a language with more items adds untranslated ones."""
        longest = max((len(v) for v in per_lang.values()), default=0)
        out = []
        for index in range(longest):
            items = {lang: (v[index] if index < len(v) else None) for lang, v in per_lang.items()}
            node = self.text({lang: i.text if i else None for lang, i in items.items()})
            if node is not None:
                heading = _heading_note(*(i.heading for i in items.values() if i))
                if heading:
                    node.comments.insert(0, heading)
                out.append(node)
        return out

    @staticmethod
    def hoisted(nodes: list[Note], extra: list[str] | None = None) -> Note:
        """A list whose items all come from one heading says so once, above the key."""
        firsts = {n.comments[0] if n.comments else None for n in nodes}
        comments = list(extra or [])
        if len(nodes) > 1 and len(firsts) == 1 and None not in firsts:
            for node in nodes:
                node.comments.pop(0)
            first = firsts.pop()
            assert first is not None
            comments.insert(0, first)
        return Note(nodes, comments)

    def items(self, name: str) -> dict[str, list[Item]]:
        return {lang: getattr(n, name) for lang, n in self.notices.items()}

    def first(self) -> LangNotice:
        return self.notices[self.langs[0]]

    # --- the registry ----------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        tree: dict[str, Any] = {}
        if self.bilingual:
            tree["languages"] = Note(list(self.langs), [msg("I.draft.languages")])
        else:
            lang = self.langs[0]
            example = f"{{{lang}: …}}"
            tree["languages"] = Note(
                [lang], [msg("I.draft.one_language", lang=lang_name(lang), example=example)]
            )
        tree["controller"] = self.controller()
        for role in ("representative", "privacy_contact", "dpo"):
            contact = self.contact(role)
            if contact is not None:
                tree[role] = contact
        tree["registers"] = self.registers()
        rights = self.rights()
        if rights:
            tree["rights"] = rights
        dates = self.dates()
        if dates:
            tree["dates"] = dates
        changelog = self.changelog()
        if changelog:
            tree["changelog"] = changelog
        services = self.services()
        if services:
            tree["services"] = services
        unsorted = self.unsorted()
        if unsorted:
            tree["unsorted"] = Note(unsorted, [msg("I.draft.unsorted")])
        return tree

    def controller(self) -> Note:
        contact = self.first().contacts.get("controller")
        self._compare_contacts("controller")
        if contact is None:
            return Note(
                {"name": Note("", [msg("I.draft.no_controller_name")])},
                [msg("I.draft.controller")],
            )
        node = self._contact_fields(contact.parse.items, company=True)
        comments = [c for c in [_heading_note(contact.heading)] if c]
        name = contact.parse.get("name") or ""
        if not looks_like_company(name):
            comments.append(msg("I.draft.not_a_company", name=name))
        if "business_id" not in node:
            comments.append(msg("I.draft.no_business_id"))
        if "address" not in node:
            comments.append(msg("I.draft.no_address"))
        return Note(node, comments)

    def contact(self, role: str) -> Note | None:
        found = {lang: n.contacts.get(role) for lang, n in self.notices.items()}
        present = {lang: c for lang, c in found.items() if c is not None}
        if not present:
            return None
        self._compare_contacts(role)
        first = next(iter(present.values()))
        node = self._contact_fields(first.parse.items, company=False)
        headings = {lang: c.heading for lang, c in present.items()}
        comments = [c for c in [_heading_note(*headings.values())] if c]
        if role == "dpo":
            comments.append(msg("I.draft.dpo"))
            title = self._title_from_headings(headings)
            if title is not None:
                node = {"name": node.pop("name", None), "title": title, **node}
                node = {k: v for k, v in node.items() if v is not None}
        return Note(node, comments)

    def _title_from_headings(self, headings: dict[str, str | None]) -> Note | None:
        """In a bilingual notice the role's headings are its title in each language.

        Kept as written (seed 000 says "Chief Information Officer"), so that lint can
        point out a mistranslation instead of the importer hiding it.
        """
        if not self.bilingual or len(set(headings.values())) < 2:
            return None
        canonical = {"tietosuojavastaava", "data protection officer", "dataskyddsombud"}
        if all(clean_heading(h or "").lower() in canonical for h in headings.values()):
            return None  # the role's own name in each language, not a title
        title = self.text({lang: (h or "").rstrip(" :") for lang, h in headings.items()})
        if title is not None:
            title.comments.append(msg("I.draft.dpo_title"))
        return title

    def _contact_fields(self, items: list[tuple[str, str]], *, company: bool) -> dict[str, Any]:
        node: dict[str, Any] = {}
        address: dict[str, Any] = {}
        for key, value in items:
            if key == "country":
                from .prose import countries

                names = next(c.names for c in countries() if c.code == value)
                if address:
                    address["country"] = self.text(
                        {lang: names.get(lang, names["en"]) for lang in self.langs}
                    )
                continue
            if key in ("street", "postal_code", "city"):
                if not address:
                    node["address"] = address
                address[key] = value
            elif key == "business_id" and not (company and is_valid_business_id(value)):
                why = (
                    msg("I.draft.business_id.check_digit", value=value)
                    if company
                    else msg("I.draft.business_id.contact", value=value)
                )
                self.extra_unsorted.append(Note(value, [why]))
            elif key == "business_id" and key not in node:
                node[key] = value
            elif key == "email" and not EMAIL_RE.match(value) or key in node:
                self.extra_unsorted.append(Note(value, [msg("I.draft.from_contact")]))
            else:
                node[key] = value
        if address and not {"street", "postal_code", "city"} <= address.keys():
            address.pop("country", None)
            node.pop("address")
            self.extra_unsorted.append(
                Note(" ".join(address.values()), [msg("I.draft.incomplete_address")])
            )
        if "name" not in node and company:
            node = {"name": Note("", [msg("I.draft.legal_name")]), **node}
        return node

    def _compare_contacts(self, role: str) -> None:
        """Languages that give different details for the same role keep theirs, unsorted."""
        contacts = [
            (lang, c) for lang, n in self.notices.items() if (c := n.contacts.get(role)) is not None
        ]
        if len(contacts) < 2:
            return

        def facts(items: list[tuple[str, str]]) -> set[tuple[str, str]]:
            # Labels, name spellings and phone formats differ between languages; these don't.
            keys = ("business_id", "email", "postal_code", "street")
            return {(k, v) for k, v in items if k in keys}

        base = contacts[0][1].parse.items
        for lang, other in contacts[1:]:
            if facts(other.parse.items) != facts(base):
                text = "\n".join(v for _, v in other.parse.items)
                self.extra_unsorted.append(
                    Note(text, [msg("I.draft.contact_differs", role=role, lang=lang_name(lang))])
                )

    def registers(self) -> list[Any]:
        """One register, or one per subsection of a registers section ("3.1 Asiakasrekisteri"):
        what the notice says outside them (recipients, transfers…) applies to each."""
        count = max(len(n.registers) for n in self.notices.values())
        if count == 0:
            return [self.register()]
        general = self.register()
        out = []
        for index in range(count):
            subs = {
                lang: n.registers[index]
                for lang, n in self.notices.items()
                if index < len(n.registers)
            }
            sub = Draft(list(subs), subs, [], [], self.extra_unsorted, langs_all=self.langs)
            reg = sub.register()
            for key, value in general.items():
                if key == "name" or key in reg and plain(reg[key]) not in ([], None, ""):
                    continue
                if key == "purposes" and not plain(value):
                    continue
                reg[key] = value if index == 0 else copy.deepcopy(value)
            out.append(reg)
        return out

    def register(self) -> dict[str, Any]:
        reg: dict[str, Any] = {}
        name = self.paired(self.items("register_name"))
        if name:
            reg["name"] = name[0]
            reg["name"].comments.append(msg("I.draft.check"))
        else:
            reg["name"] = Note("", [msg("I.draft.no_register_name")])
        for key in ("data_subjects", "data_categories"):
            values = self.paired(self.items(key))
            if values:
                reg[key] = self.hoisted(values)
        sources = self.sources()
        if sources:
            reg["sources"] = self.hoisted(sources)
        reg["purposes"] = self.purposes()
        recipients = self.recipients()
        if recipients:
            reg["recipients"] = self.hoisted(recipients)
        none_heading = next(
            (n.transfers_none for n in self.notices.values() if n.transfers_none), None
        )
        if none_heading:
            comments = [msg("I.draft.transfers_none", heading=_heading_note(none_heading))]
            if self.trackers:
                names = ", ".join(dict.fromkeys(m.name for m in self.trackers))
                comments.append(msg("I.draft.transfers_trackers", names=names))
            reg["transfers"] = Note([], comments)
        transfers = self.transfers()
        if transfers is not None:
            reg["transfers"] = transfers
        for key in ("retention", "provision", "security", "further_processing"):
            value = self.paired_text(key)
            if value is None:
                continue
            if key == "provision":
                value = Note({"consequences": value}, [msg("I.draft.provision")])
            reg[key] = value
        automated = self.automated()
        if automated is not None:
            reg["automated_decisions"] = automated
        joint = self.paired(self.items("joint_controllers"))
        if joint:
            reg["joint_controllers"] = joint
        return reg

    def transfers(self) -> Note | None:
        """Companies outside the EU/EEA, each with the safeguard the transfer text names."""
        from .prose import mechanisms_in, sentences

        texts = {lang: [i.text for i in n.transfer_texts] for lang, n in self.notices.items()}
        outside = [(name, country) for name, _, country in self.parties() if not country.eea]
        if not outside:
            if any(texts.values()):
                for node in self.paired(
                    {lang: [i for i in n.transfer_texts] for lang, n in self.notices.items()}
                ):
                    node.comments.append(unsorted_note("transfers"))
                    self.extra_unsorted.append(node)
            return None
        entries = []
        for index, (name, country) in enumerate(outside):
            about = {
                lang: [
                    t
                    for t in said
                    if name.split()[0].lower() in t.lower() or country.pattern.search(t)
                ]
                for lang, said in texts.items()
            }
            told = [x for said in texts.values() for t in said for x in sentences(t)]
            first_word = name.split()[0].lower()
            chosen = [m for x in told if first_word in x.lower() for m in mechanisms_in(x)]
            chosen = chosen or [
                m for x in told if country.pattern.search(x) for m in mechanisms_in(x)
            ]
            chosen = chosen or [m for x in told for m in mechanisms_in(x)]
            if not chosen and country.adequacy:
                chosen = ["adequacy"]
            entry: dict[str, Any] = {
                "recipient": name,
                "country": Note(
                    {lang: country.names.get(lang, country.names["en"]) for lang in self.langs}
                )
                if self.bilingual
                else country.names.get(self.langs[0], country.names["en"]),
            }
            if chosen:
                entry["mechanism"] = Note(chosen[0], [msg("I.draft.mechanism_named")])
            else:
                entry["mechanism"] = Note(None, [msg("I.draft.mechanism_missing")])
            said = {lang: "\n\n".join(t) for lang, t in about.items() if t}
            if index == 0:
                said = {lang: "\n\n".join(t) for lang, t in texts.items() if t}
            description = self.text(said)
            if description is not None:
                entry["description"] = description
            entries.append(Note(entry))
        return Note(entries, [msg("I.draft.transfers_from")])

    def paired_text(self, key: str) -> Note | None:
        per_lang = {
            lang: "\n\n".join(i.text for i in n.texts.get(key, []))
            for lang, n in self.notices.items()
        }
        node = self.text(per_lang)
        if node is not None:
            headings = [i.heading for n in self.notices.values() for i in n.texts.get(key, [])]
            note = _heading_note(*headings)
            if note:
                node.comments.insert(0, note)
        return node

    def sources(self) -> list[Note]:
        per_lang = {lang: [item for item, _ in n.sources] for lang, n in self.notices.items()}
        descriptions = self.paired(per_lang)
        out = []
        for index, description in enumerate(descriptions):
            origins = [n.sources[index][1] for n in self.notices.values() if index < len(n.sources)]
            origin = next((o for o in origins if o != "data_subject"), "data_subject")
            comments = description.comments
            description.comments = []
            entry: dict[str, Any] = {"description": description}
            if origin != "data_subject":
                entry["origin"] = Note(origin, [msg("I.draft.guessed")])
            out.append(Note(entry, comments))
        return out

    def purposes(self) -> Note:
        descriptions = self.paired(self.items("purposes"))
        bases = [b for n in self.notices.values() for b in n.bases]
        named = Counter(tuple(b) for b in bases)
        basis: str | None = None
        basis_note = None
        if bases and len(named) == 1 and len(next(iter(named))) == 1:
            basis = next(iter(named))[0]
            headings = [h for n in self.notices.values() for h in n.basis_headings]
            heading = _heading_note(*headings)
            basis_note = (
                msg("I.draft.one_basis", heading=heading)
                if heading
                else msg("I.draft.one_basis.no_heading")
            )
        interest = self.paired(self.items("legitimate_interest"))
        own = self._item_bases()
        out = []
        for index, description in enumerate(descriptions):
            comments = description.comments
            description.comments = []
            entry: dict[str, Any] = {"description": description}
            if index < len(own) and own[index]:
                entry["legal_basis"] = Note(own[index], [msg("I.draft.basis_next_to")])
            elif basis:
                entry["legal_basis"] = Note(basis, [basis_note] if basis_note else [])
            else:
                entry["legal_basis"] = Note(None, [msg("I.draft.basis_missing")])
            if interest and index == self._interest_index(own):
                entry["legitimate_interest"] = interest[0]
            out.append(Note(entry, comments))
        if not out:
            return Note([], [msg("I.draft.no_purposes")])
        for extra in interest[1:] if out else interest:
            self.extra_unsorted.append(
                Note(extra.value, [unsorted_note("legitimate_interest"), *extra.comments])
            )
        if len(out) == 1:
            return Note(out, [msg("I.draft.split_purposes")])
        return self.hoisted(out)

    def _item_bases(self) -> list[str | None]:
        """Each purpose's own basis, purpose by purpose; languages that disagree: none."""
        per_lang = [[i.basis for i in n.purposes] for n in self.notices.values()]
        longest = max((len(x) for x in per_lang), default=0)
        out: list[str | None] = []
        for index in range(longest):
            said = {x[index] for x in per_lang if index < len(x) and x[index]}
            out.append(said.pop() if len(said) == 1 else None)
        return out

    @staticmethod
    def _interest_index(own: list[str | None]) -> int:
        return next((i for i, b in enumerate(own) if b == "legitimate_interests"), 0)

    def parties(self) -> list[tuple[str, dict[str, str], Any]]:
        """Companies named with a country, paired across languages by name:
        (name, {lang: what the parentheses said}, country)."""
        found: dict[str, tuple[dict[str, str], Any]] = {}
        for lang, notice in self.notices.items():
            for party, _ in notice.parties:
                key = party.name
                inner, country = found.setdefault(key, ({}, party.country))
                inner.setdefault(lang, party.inner)
        return [(name, inner, country) for name, (inner, country) in found.items()]

    def recipients(self) -> list[Note]:
        out = []
        processors = {m.name.lower(): m.key for m in processor_names()}
        for node in self.paired(self.items("recipients")):
            value = node.value
            texts = value.values() if isinstance(value, dict) else [value]
            known = next((processors[t.lower()] for t in texts if t.lower() in processors), None)
            out.append(Note({"name": known or value}, node.comments))
        for node in self.paired(self.items("disclosures")):
            words = str(plain(node.value)).lower()
            role = (
                "authority"
                if re.search(r"viranomai|verohallin|authorit|myndighet", words)
                else "controller"
            )
            out.append(
                Note(
                    {"name": node, "role": Note(role, [msg("I.draft.guessed")])},
                    [msg("I.draft.recipient_sentence")],
                )
            )
        for name, inner, _country in self.parties():
            description = self.text(inner)
            entry: dict[str, Any] = {"name": name}
            if description is not None:
                entry["description"] = description
            out.append(Note(entry, [msg("I.draft.party")]))
        named = " ".join(str(plain(n.value)) for n in out).lower()
        for mention in self.processors:
            if mention.key.lower() in named:
                continue
            named += " " + mention.key.lower()
            out.append(Note({"name": mention.key}, [msg("I.draft.processor", name=mention.name)]))
        return out

    def automated(self) -> Note | None:
        found = [
            (lang, used, item) for lang, n in self.notices.items() for used, item in n.automated
        ]
        if not found:
            return None
        node: dict[str, Any] = {"used": False}
        description = self.text({lang: item.text for lang, _, item in found if item})
        if description is not None:
            node["description"] = description
        headings = [item.heading for _, _, item in found if item]
        return Note(node, [c for c in [_heading_note(*headings)] if c])

    def rights(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        how = self.paired_text("how_to_exercise")
        if how is not None:
            out["how_to_exercise"] = how
        emails = [e for n in self.notices.values() for e in n.rights_emails if EMAIL_RE.match(e)]
        if emails:
            out["contact_email"] = Note(emails[0], [msg("I.draft.rights_email")])
        notes: dict[str, Any] = {}
        ids = list(dict.fromkeys(r for n in self.notices.values() for r in n.rights))
        for right in ids:
            per_lang = {
                lang: "\n\n".join(i.text for i in n.rights.get(right, []))
                for lang, n in self.notices.items()
            }
            node = self.text(per_lang)
            if node is None:
                continue
            headings = [i.heading for n in self.notices.values() for i in n.rights.get(right, [])]
            note = _heading_note(*headings)
            node.comments.insert(0, note or unsorted_note("orphan_placed"))
            notes[right] = node
        if notes:
            out["notes"] = Note(notes, [msg("I.draft.rights_notes")])
        return out

    def dates(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        changes = [d for n in self.notices.values() for d, _ in n.changelog]
        if changes and not any(n.dates.get("updated") for n in self.notices.values()):
            self.first().dates.setdefault("updated", []).append(max(changes))
        version = next((n.version for n in self.notices.values() if n.version), None)
        for key in ("created", "updated"):
            found = [d for n in self.notices.values() for d in n.dates.get(key, [])]
            if not found:
                continue
            out[key] = found[0]
            for other in dict.fromkeys(found[1:]):
                if other != found[0]:
                    self.extra_unsorted.append(
                        Note(f"{key}: {other.isoformat()}", [msg("I.draft.second_date")])
                    )
        if version:
            out["version"] = version
        return out

    def changelog(self) -> list[Note]:
        per_date: dict[dt.date, dict[str, str]] = {}
        for lang, n in self.notices.items():
            for date, item in n.changelog:
                per_date.setdefault(date, {})[lang] = item.text
        out = []
        for date, texts in per_date.items():
            change = self.text(texts)
            if change is not None:
                out.append(Note({"date": date, "change": change}))
        return out

    def services(self) -> list[Note]:
        out = []
        by_id: dict[str, list[Mention]] = {}
        for mention in self.trackers:
            by_id.setdefault(mention.key, []).append(mention)
        for service_id, mentions in by_id.items():
            names = ", ".join(f"'{n}'" for n in dict.fromkeys(m.name for m in mentions))
            comments = [msg("I.draft.service", names=names)]
            info = catalog.service(service_id)
            if info and not any(info.name.lower() in m.name.lower() for m in mentions):
                comments.append(msg("I.draft.new_name", name=info.name))
            for mention in mentions:
                note = f"TODO: {msg(mention.note)}" if mention.note else None
                if note and note not in comments:
                    comments.append(note)
            entry: dict[str, Any] = {"id": service_id}
            purpose = self.text(
                {
                    lang: " ".join(i.text for i in n.service_texts.get(service_id, []))
                    for lang, n in self.notices.items()
                }
            )
            if purpose is not None:
                purpose.comments.append(msg("I.draft.purpose_said"))
                entry["purpose"] = purpose
            out.append(Note(entry, comments))
        return out

    def unsorted(self) -> list[Note]:
        """Unsorted texts, paired across languages by the field they came from.

        Text without a known field (an unknown heading, a paragraph without one, the rest
        of a contact block) cannot be paired: each language's stays an item of its own.
        """
        unpairable = {"unknown", "orphan", "contact"}
        queues: dict[str, dict[str, list[Unsorted]]] = {}
        order: list[tuple[str, int]] = []
        for lang in self.langs:
            seen: Counter[str] = Counter()
            for item in self.notices[lang].unsorted:
                index = seen[item.pair]
                seen[item.pair] += 1
                queues.setdefault(item.pair, {}).setdefault(lang, []).append(item)
                if (item.pair, index) not in order:
                    order.append((item.pair, index))
        out: list[Note] = []
        for pair, index in order:
            items = {lang: q[index] for lang, q in queues[pair].items() if index < len(q)}
            if pair in unpairable:
                out += [self._unsorted_one({lang: item}) for lang, item in items.items()]
            else:
                out.append(self._unsorted_one(items))
        return out + self.extra_unsorted

    def _unsorted_one(self, items: dict[str, Unsorted]) -> Note:
        node = self.text({lang: item.text for lang, item in items.items()})
        assert node is not None
        first = next(iter(items.values()))
        why = unsorted_note(first.key)
        where = _heading_note(*(i.heading for i in items.values()))
        node.comments[:0] = [", ".join(x for x in (where, why) if x)] if (where or why) else []
        return node
