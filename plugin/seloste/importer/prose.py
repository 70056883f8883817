"""Facts written as prose: dates in any common spelling, legal bases written inline,
recipients named in a sentence with their role and country, transfer safeguards.

Modern notices do not answer a form ("Käsittelyperuste:<TAB>Sopimus"); they write
"Käsittelemme … laskutukseen (oikeusperuste: sopimus)." and "Käytämme käsittelijöinä
Visma Solutions Oy:tä (taloushallinto, Suomi) ja HubSpot Inc.:tä (CRM, Yhdysvallat)."
Everything here only reads: the words a value is made of are always the notice's own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..fields_repr import FieldsRepr
from .tables import _read, legal_bases_in

# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    # fi (partitive, as in "14. maaliskuuta 2025"), en, sv
    **{m: i for i, m in enumerate(["tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"], 1)},
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"], 1)},
}  # fmt: skip
_MONTH_WORD = r"(?P<mw>[a-zA-ZåäöÅÄÖ]{3,10}?)(?:kuuta)?"
DATE_PATTERNS = [
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\.?\s+{_MONTH_WORD}\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?!\d)", re.I),
]


def find_date(text: str, start: int = 0) -> tuple[re.Match[str], dt.date] | None:
    """The first date in ``text`` (d.m.yyyy, yyyy-mm-dd, "14 March 2025", "March 14, 2025",
    "14. maaliskuuta 2025", "10 juni 2024")."""
    found: list[tuple[int, re.Match[str], dt.date]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text, start):
            parsed = _to_date(match)
            if parsed is not None:
                found.append((match.start(), match, parsed))
                break
    if not found:
        return None
    _, match, parsed = min(found, key=lambda f: f[0])
    return match, parsed


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("mw"):
        month = _MONTHS.get(groups["mw"].lower())
        if month is None:
            return None
    else:
        month = int(groups["m"])
    try:
        return dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def date_at_start(text: str) -> tuple[dt.date, str] | None:
    """A change-log line: a date first ("14.3.2025 Lisätty …", "2025-01-15: Added …")."""
    stripped = text.strip()
    found = find_date(stripped)
    if found is None or found[0].start() != 0:
        return None
    match, parsed = found
    return parsed, stripped[match.end() :].strip(" :-–—")


# --- legal bases written inline ---------------------------------------------------------------

_BASIS_LABEL = (
    r"(?:(?:käsittelyn\s+)?(?:oikeus|käsittely)?peruste(?:ena)?|legal\s+basis|lawful\s+basis|"
    r"basis|rättslig\s+grund)"
)
_BASIS_PAREN = re.compile(rf"\s*\((?:{_BASIS_LABEL}\s*:?\s*)?(?P<basis>[^()]{{2,160}})\)", re.I)
_BASIS_DASH = re.compile(rf"\s*[–—-]\s*{_BASIS_LABEL}\s*:\s*(?P<basis>[^.;]{{2,80}})[.;]?$", re.I)
_BASIS_SENTENCE = re.compile(
    r"\b(oikeusperuste\w*|käsittelyperuste\w*|perustuu|perusteena|legal basis|lawful basis|"
    r"based on|rättslig grund|grundar sig|baserar sig)\b",
    re.I,
)


@dataclass(repr=False)
class BasisPart(FieldsRepr):
    """A purpose cut out of a sentence, with the basis written after it."""

    description: str
    basis: str | None
    #: The basis words were only a basis name and were taken out of the description.
    stripped: bool


def bare_basis(words: str) -> str | None:
    """The basis when ``words`` name exactly one basis and little else ("sopimus",
    "legal basis: legitimate interest"); None for an explanation worth keeping."""
    bases = legal_bases_in(words)
    if len(bases) != 1 or len(words.split()) > 4:
        return None
    return bases[0]


def purposes_in(sentence: str) -> list[BasisPart] | None:
    """A sentence or list item with inline bases: one part per basis. None without any."""
    parts: list[BasisPart] = []
    pos = 0
    matches = [m for m in _BASIS_PAREN.finditer(sentence) if legal_bases_in(m.group("basis"))]
    labelled = [
        m for m in matches if bare_basis(m.group(0).strip(" ()")) is not None or _has_label(m)
    ]
    if not labelled:
        dash = _BASIS_DASH.search(sentence)
        if dash and legal_bases_in(dash.group("basis")):
            basis = legal_bases_in(dash.group("basis"))[0]
            stripped = bare_basis(dash.group("basis")) is not None
            text = sentence[: dash.start()] if stripped else sentence
            return [BasisPart(text.strip(), basis, stripped)]
        return None
    for match in labelled:
        inner = match.group("basis")
        basis = legal_bases_in(inner)[0]
        stripped = bare_basis(inner) is not None
        piece = sentence[pos : match.start()] if stripped else sentence[pos : match.end()]
        parts.append(BasisPart(_trim_connector(piece), basis, stripped))
        pos = match.end()
    tail = sentence[pos:].strip()
    if len(parts) == 1 and not parts[0].stripped:
        return [BasisPart(sentence.strip(), parts[0].basis, False)]
    if parts and not re.fullmatch(r"[.;,]?", tail):
        parts[-1] = BasisPart(f"{parts[-1].description} {tail}".strip(), parts[-1].basis, True)
    if len(parts) == 1 and parts[0].stripped:
        end = sentence.rstrip()[-1:]
        if end in ".!?" and not parts[0].description.endswith(end):
            parts[0].description += end  # "…laskutukseen (oikeusperuste: sopimus)." keeps its "."
    return [p for p in parts if p.description]


def _has_label(match: re.Match[str]) -> bool:
    return bool(re.match(rf"\s*\(\s*{_BASIS_LABEL}\s*:", match.group(0), re.I))


def _trim_connector(piece: str) -> str:
    return re.sub(r"^[\s,;]*(?:(?:ja|sekä|and|och|samt|or|tai)\s+)?", "", piece).strip(" ,;")


def basis_sentence(sentence: str) -> str | None:
    """A short sentence that only says which basis ("Käsittelyn oikeusperuste on sopimus.")."""
    if not _BASIS_SENTENCE.search(sentence) or len(sentence.split()) > 9:
        return None
    bases = legal_bases_in(sentence)
    return bases[0] if len(bases) == 1 else None


# --- countries --------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Country(FieldsRepr):
    code: str
    eea: bool
    adequacy: bool
    names: dict[str, str]
    pattern: re.Pattern[str]


@cache
def countries() -> list[Country]:
    out = []
    for code, info in _read("countries.yaml")["countries"].items():
        words = "|".join(info["words"])
        out.append(
            Country(
                code,
                bool(info.get("eea")),
                bool(info.get("adequacy")),
                dict(info["name"]),
                re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I),
            )
        )
    return out


def country_named(text: str) -> Country | None:
    """The country ``text`` is (the whole text, "Yhdysvallat", "USA", "Irlanti")."""
    flat = " ".join(text.split()).strip(" .")
    return next((c for c in countries() if c.pattern.fullmatch(flat)), None)


def third_countries_in(text: str) -> list[Country]:
    return [c for c in countries() if not c.eea and c.pattern.search(text)]


# --- recipients named in a sentence -----------------------------------------------------------

_TOKEN = r"(?:[A-ZÅÄÖ0-9][\w&.'’+/-]*|&|of|and|de|ry|oy|ab)"
_PARTY = re.compile(
    rf"(?P<name>[A-ZÅÄÖ0-9][\w&.'’+/-]*(?:\s+{_TOKEN})*?)(?P<case>:[a-zåäö]{{1,4}})?\s+\((?P<inner>[^()]{{2,200}})\)"
)
_NOT_A_PARTY = re.compile(
    r"^(?:y-tunnus|business id|fo-nummer|org|\d|oikeusperuste|legal basis|rättslig grund|"
    r"käsittelyperuste|basis)",
    re.I,
)


@dataclass(repr=False)
class Party(FieldsRepr):
    name: str
    #: What the parentheses said, as written ("taloushallinto, Suomi").
    inner: str
    country: Country | None


def parties_in(sentence: str) -> list[Party]:
    """Companies written as "Name (what they do, Country)"."""
    out = []
    for match in _PARTY.finditer(sentence):
        name, inner = match.group("name").strip(), match.group("inner").strip()
        if _NOT_A_PARTY.match(inner) or legal_bases_in(inner) and bare_basis(inner):
            continue
        last = inner.rsplit(",", 1)[-1]
        country = country_named(last)
        if country is None:
            continue
        out.append(Party(name, inner, country))
    return out


# --- transfer safeguards ----------------------------------------------------------------------

_MECHANISMS = {
    "dpf": r"data privacy framework|tietosuojakehy\w*|\bdpf\b|dataskyddsramverk\w*|privacy framework",
    "scc": r"vakiosopimuslause\w*|mallisopimuslause\w*|standard contractual clauses|\bscc\b|"
    r"standardavtalsklausul\w*|modellklausul\w*",
    "adequacy": r"riittävä\w* tietosuojan ta\w*|tietosuojan riittävyy\w*|adequacy decision|"
    r"adekvat skyddsnivå|beslut om adekvat\w*|riittävyyspäätö\w*",
    "bcr": r"binding corporate rules|sitov\w* yrityssään\w*|bindande företagsbestämmelser",
}


def mechanisms_in(text: str) -> list[str]:
    """Safeguards a transfer text names, in the order written."""
    found = []
    for key, pattern in _MECHANISMS.items():
        match = re.search(pattern, text, re.I)
        if match:
            found.append((match.start(), key))
    return [key for _, key in sorted(found)]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])")
# "HubSpot Inc. (CRM, USA)", "esim. Google": a full stop that ends no sentence.
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:esim|mm|ns|yms|jne|puh|p|tel|tfn|nro|ca|n|dr|vs|etc|e\.g|i\.e|bl\.a|t\.ex)\.$",
    re.I,
)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in SENTENCE_END.split(text):
        if not piece.strip():
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
