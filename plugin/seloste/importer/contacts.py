"""Contact details out of a controller or contact-person block.

Seen in the seeds: one item per line ("Kespet Oy / Misukantie 3 / 40800
Vaajakoski / sales@kespet.fi"), everything on one line ("K&K Kivinen Oy
Neliökuja 5 04300 Tuusula myynti@kkkivinen.fi"), labels ("p. 044 …",
"Y-tunnus: 3015907-1"). Fields keep the order they were written in; what is
left over goes back to the caller, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..fields_repr import FieldsRepr
from .tables import is_label

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?<![\w+])(?:\+?358\s*(?:\(0\)\s*)?|\(?0)\d{1,3}\)?(?:[\s-]?\d{2,4}){2,4}(?!\w)"
    r"|(?<![\w+])\+358\d{6,10}(?!\w)"
)
BUSINESS_ID = re.compile(r"(?<![\w-])\d{7}-\d(?![\w-])")
POSTAL = re.compile(r"(?<!\d)(?P<code>\d{5})\s+(?P<city>[A-ZÅÄÖ][A-Za-zÅÄÖåäö-]+)")
STREET = re.compile(
    r"(?P<street>(?:PL|PO Box|[A-ZÅÄÖ][\wÅÄÖåäö.'-]*)\s+\d+(?:\s*[A-Za-z](?:\s*\d+)?)?(?:\s*[-–]\s*\d+)?)[\s,]*$"
)
COMPANY = re.compile(r"\b(?:Oy|Oyj|Ab|Ky|Tmi|Ay|Ltd|Inc|GmbH|ry|Osk)\b")


@dataclass(repr=False)
class ContactParse(FieldsRepr):
    #: (field, value) in the order written: name, business_id, street, postal_code, city,
    #: email, phone.
    items: list[tuple[str, str]] = field(default_factory=list)
    #: Text that is no contact detail ("(jäljempänä ”me”)"), in order.
    leftover: list[str] = field(default_factory=list)
    #: Labels consumed with their value ("p.", "Y-tunnus:").
    labels: list[str] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        return next((v for k, v in self.items if k == key), None)


def parse_contact(lines: list[str]) -> ContactParse:
    out = ContactParse()
    spans: list[tuple[int, int, str, str]] = []
    text = "\n".join(lines)

    def take(pattern: re.Pattern[str], key: str) -> None:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _, _ in spans):
                continue
            spans.append((match.start(), match.end(), key, match.group(0).strip()))

    take(EMAIL, "email")
    take(BUSINESS_ID, "business_id")
    for match in POSTAL.finditer(text):
        if any(s < match.end() and match.start() < e for s, e, _, _ in spans):
            continue
        street = _street_before(text, match.start())
        if street is not None:
            spans.append((*street, "street", text[street[0] : street[1]]))
        spans.append((match.start("code"), match.end("code"), "postal_code", match.group("code")))
        spans.append((match.start("city"), match.end("city"), "city", match.group("city")))
    take(PHONE, "phone")
    spans.sort()

    pos = 0
    for start, end, key, value in spans:
        _gap(text[pos:start], out, first=not out.items)
        out.items.append((key, value))
        pos = end
    _gap(text[pos:], out, first=not out.items)
    return out


def _street_before(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the street address written just before a postal code (same or previous line)."""
    line_start = text.rfind("\n", 0, pos) + 1
    same = text[line_start:pos]
    if same.strip():
        found = STREET.search(same)
        return (
            (line_start + found.start("street"), line_start + found.end("street"))
            if found
            else None
        )
    if line_start == 0:
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[prev_start : line_start - 1]
    found = STREET.fullmatch(previous.strip())
    if not found:
        return None
    offset = prev_start + len(previous) - len(previous.lstrip())
    return (offset + found.start("street"), offset + found.end("street"))


def _gap(text: str, out: ContactParse, *, first: bool) -> None:
    """Text between contact details: labels are consumed, a leading name kept as the name."""
    for part in text.split("\n"):
        words = part.strip(" ,;")
        if not words.strip(" ,;()."):
            continue  # the ")" after "(Y-tunnus 1234567-8"
        lead = _LEADING_LABEL.match(words)
        if lead and is_label(lead.group("label")):
            out.labels.append(lead.group("label"))
            words = words[lead.end() :].strip(" ,;")
            if not words:
                continue
        trail = _trailing_label_text(words)
        if trail and first and not out.items:
            out.labels.append(trail)
            words = words[: -len(trail)].rstrip(" ,;(")
            if not words:
                continue
        if is_label(words):
            out.labels.append(words)
        elif first and not out.items:
            # "Kespet Oy, Misukantie 3" without a postal code: the name ends at the comma.
            name, comma, rest = words.partition(", ")
            # "Northwind Ltd, a company registered in Finland": the name ends at the comma.
            cut = comma and (re.search(r"\d", rest) or re.match(r"[a-zåäö]", rest))
            out.items.append(("name", name if cut else words))
            if cut:
                out.leftover.append(rest)
        else:
            label = next((w for w in _trailing_label(words)), None)
            if label:
                rest = words[: -len(label)].strip(" ,;")
                if rest:
                    out.leftover.append(rest)
                out.labels.append(label)
            else:
                out.leftover.append(words)


_LEADING_LABEL = re.compile(r"^(?P<label>[A-Za-zÅÄÖåäö-]{3,15}:)\s*")


def _trailing_label_text(words: str) -> str | None:
    """ "Esimerkki Oy (Y-tunnus", "Northwind Ltd (business ID": the label written before a detail."""
    tokens = words.split()
    for size in (3, 2, 1):
        if len(tokens) > size:
            tail = " ".join(tokens[-size:]).lstrip("(")
            if is_label(tail):
                return words[len(words) - len(" ".join(tokens[-size:])) :]
    return None


_PERSON = re.compile(
    r"(?:\b(?:on|toimii|is|är|heter)\s+|,\s+|:\s+)"
    r"(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäö]+)?(?:\s+[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäö]+)?){1,2})\b"
)


def parse_contact_sentences(text: str) -> ContactParse | None:
    """ "Tietosuojavastaavanamme toimii Laura Niemi. Hänet tavoittaa osoitteesta dpo@x.fi.":
    the person's name, e-mail and phone out of sentences; None when ``text`` is no prose."""
    if len(text.split()) < 6 or not re.search(r"[a-zåäö]{2,}\s+[a-zåäö]{2,}\s+[a-zåäö]{2,}", text):
        return None
    person = _PERSON.search(text)
    if person is None:
        return None
    out = ContactParse(items=[("name", person.group("name"))])
    for match in EMAIL.finditer(text):
        out.items.append(("email", match.group(0)))
    for match in PHONE.finditer(text):
        out.items.append(("phone", match.group(0).strip()))
    return out


def _trailing_label(words: str) -> list[str]:
    tokens = words.split()
    return [tokens[-1]] if tokens and is_label(tokens[-1]) else []


def looks_like_company(name: str) -> bool:
    return bool(COMPANY.search(name))
