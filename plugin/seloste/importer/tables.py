"""The importer's data files: heading variants, vocabulary and service names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .. import catalog
from ..fields_repr import FieldsRepr


def _read(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, repr=False)
class HeadingMatch(FieldsRepr):
    #: Fields the heading fills, in order; the first is the default for its paragraphs.
    fields: tuple[str, ...]
    lang: str
    #: Part of the heading to keep as text (e.g. "A: Manuaalinen aineisto").
    keep: str | None = None


_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+|(?:[IVX]{1,5})(?:[.)]\s*|\s+)(?=[A-ZÅÄÖ]))?"
)


def clean_heading(text: str) -> str:
    """A heading without its numbering, trailing ':', '?' or '.', whitespace collapsed."""
    out = _NUMBERING.sub("", text.replace("*", " "))
    out = " ".join(out.split())
    return out.rstrip(" :?.").strip()


@cache
def _heading_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...], str]]:
    data = _read("headings.yaml")
    out = []
    # Combined headings first: they are longer and would otherwise never win.
    for entry in data["combined"]:
        out.append((re.compile(entry["match"], re.I), tuple(entry["fields"]), entry["lang"]))
    for field, per_lang in data["fields"].items():
        for lang, variants in per_lang.items():
            for variant in variants:
                out.append((re.compile(variant, re.I), (field,), lang))
    return out


def match_heading(text: str) -> HeadingMatch | None:
    """The fields a heading names, or None when it is not a known heading."""
    cleaned = clean_heading(text)
    if not cleaned:
        return None
    for pattern, fields, lang in _heading_patterns():
        match = pattern.fullmatch(cleaned)
        if match:
            keep = match.groupdict().get("keep")
            return HeadingMatch(fields, lang, keep)
    return None


@cache
def _labels() -> list[re.Pattern[str]]:
    return [re.compile(p, re.I) for p in _read("headings.yaml")["labels"]]


def is_label(text: str) -> bool:
    """'p.', 'Y-tunnus:', 'puh.': a word in front of a contact detail."""
    return any(p.fullmatch(text.strip()) for p in _labels())


@cache
def vocabulary() -> dict:
    return _read("vocabulary.yaml")


@cache
def _compiled(section: str) -> dict[str, list[re.Pattern[str]]]:
    return {
        key: [re.compile(p, re.I) for p in patterns]
        for key, patterns in vocabulary()[section].items()
    }


def first_match(section: str, text: str) -> str | None:
    """The first key of a vocabulary section with a pattern found in ``text``."""
    for key, patterns in _compiled(section).items():
        if any(p.search(text) for p in patterns):
            return key
    return None


def matches(section: str, key: str, text: str) -> bool:
    """Whether ``text`` has a pattern of ``key`` in a vocabulary section."""
    return any(p.search(text) for p in _compiled(section).get(key, []))


def legal_bases_in(text: str) -> list[str]:
    """Every legal basis the text names, in the vocabulary's order."""
    return [
        key
        for key, patterns in _compiled("legal_bases").items()
        if any(p.search(text) for p in patterns)
    ]


def answer(text: str) -> str | None:
    """'no' or 'yes' when the whole value is such an answer ("Ei", "No", "Kyllä")."""
    flat = " ".join(text.lower().split()).rstrip(".")
    for key, words in vocabulary()["answers"].items():
        if flat in words:
            return str(key)
    return None


def is_negative(text: str) -> bool:
    return any(re.search(p, text, re.I) for p in vocabulary()["negation"])


def is_legal_basis_answer(text: str) -> bool:
    """A value that only names a basis ("Oikeutetut edut", "Sopimus"), nothing else."""
    flat = " ".join(text.split()).rstrip(".")
    return any(
        p.fullmatch(flat) for patterns in _compiled("legal_bases").values() for p in patterns
    )


@cache
def _service_data() -> dict:
    return _read("services.yaml")


@dataclass(frozen=True, repr=False)
class NamePattern(FieldsRepr):
    key: str  # catalogue id for trackers, display name for processors
    name: str  # the spelling that matched
    pattern: re.Pattern[str]


def _name_pattern(name: str) -> re.Pattern[str]:
    # Whole words; a Finnish case ending of up to three letters may follow.
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?:[a-zåäö]{{1,3}}|-?:?n)?(?![\w])", re.I)


@cache
def tracker_names() -> list[NamePattern]:
    processors = {n.lower() for names in _service_data()["processors"].values() for n in names}
    names: dict[str, set[str]] = {}
    for service_id, info in catalog.services().items():
        names.setdefault(service_id, set()).update([info.name, *info.aliases])
    for service_id, extra in _service_data()["trackers"].items():
        if catalog.service(service_id) is not None:
            names.setdefault(service_id, set()).update(extra)
    out = [
        NamePattern(service_id, name, _name_pattern(name))
        for service_id, spellings in names.items()
        for name in spellings
        if name.lower() not in processors
    ]
    return sorted(out, key=lambda n: -len(n.name))  # the longest spelling names it


@cache
def processor_names() -> list[NamePattern]:
    out = [
        NamePattern(display, name, _name_pattern(name))
        for display, names in _service_data()["processors"].items()
        for name in names
    ]
    return sorted(out, key=lambda n: -len(n.name))


def feature_notes(service_id: str) -> dict[str, str]:
    return _service_data().get("features", {}).get(service_id, {})
