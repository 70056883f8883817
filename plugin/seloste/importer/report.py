"""What an import did, told at its end: fields filled, sentences placed, sentences left.

Every sentence (and list item) of the notice is looked up in the draft: placed when a
field other than ``unsorted:`` holds it (or it was read into structure: a purpose and its
basis, a list of data categories, companies with their country), unsorted when only
``unsorted:`` holds it, and lost otherwise — which is a bug the tests look for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..fields_repr import FieldsRepr
from .prose import find_date

if TYPE_CHECKING:
    from . import ImportResult

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”(])")
# List bullets as old notices flatten them: "- item", "item- Next item".
_BULLET = re.compile(r"(?:^|\s)[-–•]\s+|(?<=\S)-\s+(?=[A-ZÅÄÖ])")
_TAG = re.compile(r"<[^>]*>")


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass(repr=False)
class ImportReport(FieldsRepr):
    #: Dotted paths of the registry fields the import filled ("controller.business_id").
    fields: list[str] = field(default_factory=list)
    placed: list[str] = field(default_factory=list)
    unsorted: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.placed) + len(self.unsorted) + len(self.lost)

    @property
    def placed_share(self) -> float:
        return len(self.placed) / self.total if self.total else 1.0

    def text(self) -> str:
        from ..messages import msg

        facts = {
            "fields": len(self.fields),
            "total": self.total,
            "placed": len(self.placed),
            "share": f"{self.placed_share:.0%}",
            "unsorted": len(self.unsorted),
        }
        lines = [
            msg("I.report.lost", **facts, lost=len(self.lost))
            if self.lost
            else msg("I.report", **facts),
            "  " + msg("I.report.filled", fields=", ".join(self.fields) or msg("I.report.nothing")),
        ]
        if self.unsorted:
            lines.append("  " + msg("I.report.unsorted"))
            lines += [f"    - {_short(u)}" for u in self.unsorted]
        lines += ["  " + msg("I.report.not_found", text=_short(u)) for u in self.lost]
        return "\n".join(lines)


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def filled_fields(data: Any, prefix: str = "") -> list[str]:
    """Leaf paths with a value; list indices folded ("registers[].purposes[].legal_basis")."""
    out: list[str] = []
    if isinstance(data, dict):
        if set(data) <= {"fi", "en", "sv"} and data and prefix:
            return [prefix]  # a text in several languages is one field
        for key, value in data.items():
            if key == "unsorted" and not prefix:
                continue
            out += filled_fields(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for value in data:
            out += filled_fields(value, f"{prefix}[]")
    elif data not in (None, "", False) or data is False:
        out.append(prefix)
    return list(dict.fromkeys(out))


def text_stream(data: Any) -> str:
    """Every string ``data`` holds, in file order, as one whitespace-normalised text."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif node is not None:
            out.append(str(node))

    walk(data)
    return flat(" ".join(out))


def cells_of(layout: str) -> list[str]:
    """The notice's cells: lines, table rows cell by cell, tags and Markdown marks gone."""
    cells = []
    for line in layout.splitlines():
        for cell in line.split("\t"):
            cell = flat(_TAG.sub(" ", cell)).lstrip("#").strip()
            if cell.startswith("- "):
                cell = cell[2:]
            if cell:
                cells.append(cell)
    return cells


def units_of(cell: str) -> list[str]:
    """Sentences and list items."""
    units: list[str] = []
    for sentence in _SENTENCE_END.split(cell):
        units += [flat(u) for u in _BULLET.split(sentence) if u and flat(u)]
    return units


_DETAIL = re.compile(r"@|\d{5}|\d{7}-\d|\+?\d[\d ()-]{6,}")
_LABELS = re.compile(
    r"\b(y-tunnus|business id|fo-nummer|puh|p|tel|tfn|phone|puhelin|sähköposti|e-?mail|e-post)\b\.?:?",
    re.I,
)


def _digits(text: str) -> str:
    return re.sub(r"\+358\s*(\(0\))?\s*", "0", text)


def _details_kept(unit: str, stream: str) -> bool:
    """A contact line ("Esimerkki Oy (Y-tunnus 1234567-8)", "Maija, maija@x.fi, puh. 040 1")
    is kept when each of its pieces is: labels are consumed, a phone may be re-spaced."""
    if not _DETAIL.search(unit):
        return False
    rest = _LABELS.sub(" ", unit)
    pieces = [p.strip(" .()") for p in re.split(r"[,;()]|\s{2,}", rest) if p.strip(" .()")]
    squeezed = re.sub(r"\s", "", _digits(stream))
    for piece in pieces:
        if piece in stream:
            continue
        digits = re.sub(r"\s", "", _digits(piece))
        if re.fullmatch(r"[\d()+-]+", digits) and digits in squeezed:
            continue
        words = piece.split()
        if all(w in stream for w in words):
            continue
        return False
    return True


def report(result: ImportResult) -> ImportReport:
    data = result.extracted
    placed_stream = text_stream({k: v for k, v in data.items() if k != "unsorted"})
    unsorted_stream = text_stream(data.get("unsorted", []))
    labels = ("heading", "label", "register", "subheading", "version", "answer", "legal_basis")
    heads = sorted(
        {flat(c.text) for c in [*result.consumed, *result.structured] if c.kind in labels},
        key=len,
        reverse=True,
    )
    structured = [flat(c.text) for c in result.structured if c.kind not in labels]
    out = ImportReport(fields=filled_fields(data))
    for cell in cells_of(result.layout):
        piece = next((h for h in heads if cell == h or cell.startswith(h + " ")), None)
        if piece is not None:
            cell = cell[len(piece) :].strip(" :")
        for unit in units_of(cell):
            _place(out, unit, placed_stream, unsorted_stream, structured, heads)
    return out


def _place(
    out: ImportReport,
    unit: str,
    placed_stream: str,
    unsorted_stream: str,
    structured: list[str],
    heads: list[str],
) -> None:
    if unit in heads:
        return
    iso = unit
    found = find_date(unit)
    if found is not None:
        iso = unit.replace(found[0].group(0), found[1].isoformat())
    keys = {unit, iso, re.sub(r"\s*[,;|]\s*", " ", unit)}
    if (
        any(k in placed_stream for k in keys)
        or any(unit in s for s in structured)
        or _details_kept(unit, placed_stream)
    ):
        out.placed.append(unit)
    elif any(k in unsorted_stream for k in keys) or _details_kept(unit, unsorted_stream):
        out.unsorted.append(unit)
    elif _details_kept(unit, f"{placed_stream} {unsorted_stream}"):
        out.placed.append(unit)  # a contact line: its details placed, a remark unsorted
    elif found is not None and found[1].isoformat() in placed_stream:
        out.placed.append(unit)
    else:
        out.lost.append(unit)
