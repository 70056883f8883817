"""Words marketers use: for fixed values (``terms.yaml``) and for keys (``key_words.yaml``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..fields_repr import FieldsRepr


@dataclass(frozen=True, repr=False)
class Term(FieldsRepr):
    value: str
    fi: str
    en: str
    gdpr: str | None
    also: tuple[str, ...]

    def label(self) -> str:
        """``suostumus / consent (GDPR 6(1)(a))``: how completion lists describe the value."""
        article = f" (GDPR {self.gdpr})" if self.gdpr else ""
        return f"{self.fi} / {self.en}{article}"


@cache
def terms() -> dict[str, dict[str, Term]]:
    """Section (``legal_basis``, ``category``…) → value → its words."""
    text = resources.files(__package__).joinpath("terms.yaml").read_text(encoding="utf-8")
    raw: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(text)
    return {
        section: {
            value: Term(
                value, facts["fi"], facts["en"], facts.get("gdpr"), tuple(facts.get("also", ()))
            )
            for value, facts in values.items()
        }
        for section, values in raw.items()
    }


def terms_for(values: list[str]) -> dict[str, Term]:
    """The words for exactly this set of allowed values (empty when terms.yaml has none)."""
    wanted = set(values)
    for section in terms().values():
        if set(section) == wanted:
            return section
    return {}


def suggest(given: Any, allowed: list[str]) -> str | None:
    """The allowed value a marketer most likely meant: 'oikeutettu etu' → legitimate_interests."""
    if not isinstance(given, str) or not given.strip():
        return None
    spelled: dict[str, str] = {}
    for value in allowed:
        spelled[value.lower()] = value
        spelled[value.lower().replace("_", " ")] = value
    for value, term in terms_for(allowed).items():
        for word in (term.fi, term.en, *term.also):
            spelled.setdefault(word.lower(), value)
    norm = " ".join(given.lower().replace("_", " ").replace("-", " ").split())
    if norm in spelled:
        return spelled[norm]
    close = difflib.get_close_matches(norm, list(spelled), n=1, cutoff=0.6)
    return spelled[close[0]] if close else None


@cache
def key_words() -> dict[str, str]:
    """Finnish words marketers write as keys (``nimi``, ``säilytysaika``) → the registry's key."""
    text = resources.files(__package__).joinpath("key_words.yaml").read_text(encoding="utf-8")
    raw: dict[str, list[str]] = yaml.safe_load(text)
    return {word.lower(): key for key, words in raw.items() for word in words}
