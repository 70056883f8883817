"""Cookie facts per service id, read from ``cookies.yaml`` (package data).

The facts come from the Open Cookie Database (Apache-2.0, attribution in
``NOTICE``) and vendor documentation; the purposes are our own fi/en/sv wording.
This module only reads and shapes them; combining them with a registry is
``consent.declared``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..fields_repr import FieldsRepr
from . import read_data

#: Key in cookies.yaml for the storage every Seloste site uses (not a service id).
SITE_KEY = "_site"

UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([a-z]+?)s?\s*$", re.IGNORECASE)


@dataclass(frozen=True, repr=False)
class Duration(FieldsRepr):
    """How long a cookie lives: ``session``, ``persistent`` or an amount of a unit."""

    unit: str
    amount: int | None = None

    @property
    def key(self) -> str:
        return self.unit if self.amount is None else f"{self.amount} {self.unit}"


#: Length of each unit in minutes, to compare and convert durations.
_MINUTES = {
    "seconds": 1 / 60,
    "minutes": 1,
    "hours": 60,
    "days": 60 * 24,
    "weeks": 60 * 24 * 7,
    "months": 60 * 24 * 30,
    "years": 60 * 24 * 365,
}


def display_duration(duration: Duration) -> Duration:
    """The unit a reader expects for this length, whatever unit the source used.

    Vendors write the same length as "3 months" or "90 days"; a cookie table that
    mixes the two makes readers compare numbers that mean the same. One style,
    chosen from the length: whole years as years, whole 30-day months (from two
    months up) as months, whole weeks are days, and under a day hours or minutes.
    So 90 days and 3 months both read "3 months", 13 months stays 13 months,
    389 days stays 389 days (not a whole number of months).
    """
    if duration.amount is None:
        return duration
    minutes = duration.amount * _MINUTES[duration.unit]
    for unit, least in (("years", 1), ("months", 2)):
        size = _MINUTES[unit]
        if minutes >= least * size and minutes % size == 0:
            return Duration(unit, int(minutes // size))
    if duration.unit == "months":  # 1 month: keep the vendor's month
        return duration
    for unit in ("days", "hours", "minutes"):
        size = _MINUTES[unit]
        if minutes >= size and minutes % size == 0:
            return Duration(unit, int(minutes // size))
    return duration


def parse_duration(text: object) -> Duration | None:
    """``'2 years'``, ``'1 day'``, ``'session'`` → Duration; None when it is free text."""
    if not isinstance(text, str):
        return None
    lowered = text.strip().lower()
    if lowered in {"session", "persistent"}:
        return Duration(lowered)
    match = _DURATION_RE.match(lowered)
    if not match:
        return None
    unit = match.group(2) + "s"
    if unit not in UNITS:
        return None
    return Duration(unit, int(match.group(1)))


@dataclass(frozen=True, repr=False)
class CookieFact(FieldsRepr):
    """One cookie (or storage key) the catalogue knows."""

    name: str
    service_id: str
    party: str
    duration: Duration
    purpose: dict[str, str]
    domain: str | None = None
    category: str | None = None  # None: the service's category
    technology: str = "cookie"
    source: str = "ocd"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_pattern(self) -> bool:
        return self.name.endswith("*")


def name_matches(pattern: str, name: str) -> bool:
    """``_ga_*`` matches ``_ga_ABC``; a name without ``*`` only matches itself."""
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return pattern == name


@cache
def catalog_cookies() -> dict[str, tuple[CookieFact, ...]]:
    """Every service id (and ``_site``) → its cookies, in file order."""
    raw = read_data("cookies.yaml")
    out: dict[str, tuple[CookieFact, ...]] = {}
    for service_id, entries in raw.items():
        out[service_id] = tuple(_fact(service_id, entry) for entry in entries or [])
    return out


def _fact(service_id: str, entry: dict) -> CookieFact:
    duration = parse_duration(entry["duration"])
    if duration is None:
        raise ValueError(f"cookies.yaml: {service_id}/{entry['name']}: bad duration")
    return CookieFact(
        name=entry["name"],
        service_id=service_id,
        party=entry["party"],
        duration=duration,
        purpose=dict(entry["purpose"]),
        domain=entry.get("domain"),
        category=entry.get("category"),
        technology=entry.get("technology", "cookie"),
        source=entry.get("source", "ocd"),
    )


def cookies_for(service_id: str) -> tuple[CookieFact, ...] | None:
    """The catalogue's cookies of one service; None when the id is unknown here."""
    return catalog_cookies().get(service_id)


def site_cookies() -> tuple[CookieFact, ...]:
    """Storage keys every Seloste site sets (Material's consent, the consent revision)."""
    return catalog_cookies().get(SITE_KEY, ())


def find_fact(facts: tuple[CookieFact, ...], name: str) -> CookieFact | None:
    """The fact for ``name``: an exact entry first, else a pattern that matches it."""
    exact = next((f for f in facts if f.name == name), None)
    if exact:
        return exact
    return next((f for f in facts if f.is_pattern and name_matches(f.name, name)), None)
