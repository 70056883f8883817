"""The registry's values that need no validation machinery: its enums and text helpers.

``model.py`` builds the pydantic models on these; this module imports no pydantic, so
the stages that only read a registry (the notices, the consent script, the audit, a
build served from the cache in ``buildcache.py``) can use them without loading it.
``model.py`` re-exports every name here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any


class LegalBasis(str, Enum):
    """Legal basis of a purpose, GDPR Art. 6(1) (Käsittelyn oikeusperuste)."""

    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    vital_interests = "vital_interests"
    public_task = "public_task"
    legitimate_interests = "legitimate_interests"


class Category(str, Enum):
    """Cookie and service categories of Traficom's guidance (notice-content.md §3)."""

    necessary = "necessary"
    preferences = "preferences"
    statistics = "statistics"
    marketing = "marketing"

    def __str__(self) -> str:  # "statistics" in messages, not "Category.statistics"
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class SourceOrigin(str, Enum):
    """Where personal data comes from (tietolähde)."""

    data_subject = "data_subject"
    partner = "partner"
    public = "public"
    authority = "authority"
    other = "other"


class RecipientRole(str, Enum):
    """How a recipient handles the data."""

    processor = "processor"
    controller = "controller"
    joint_controller = "joint_controller"
    authority = "authority"
    internal = "internal"


class TransferMechanism(str, Enum):
    """The safeguard for a transfer outside the EU/EEA, GDPR Art. 45–49."""

    adequacy = "adequacy"
    dpf = "dpf"
    scc = "scc"
    bcr = "bcr"
    derogation = "derogation"


class RightId(str, Enum):
    """The data subject's rights, GDPR Art. 15–22, 7(3) and 77."""

    access = "access"
    rectification = "rectification"
    erasure = "erasure"
    restriction = "restriction"
    objection = "objection"
    portability = "portability"
    withdraw_consent = "withdraw_consent"
    complaint = "complaint"


class Technology(str, Enum):
    """How a cookie-like identifier is stored."""

    cookie = "cookie"
    local_storage = "local_storage"
    session_storage = "session_storage"
    pixel = "pixel"


LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


@cache
def _iso_639_1() -> frozenset[str]:
    text = resources.files(__package__).joinpath("language_codes.txt").read_text("utf-8")
    return frozenset(
        code for line in text.splitlines() if not line.startswith("#") for code in line.split()
    )


def is_language_code(value: Any) -> bool:
    """'fi', 'en', 'pt-BR', 'smn' (three letters are accepted as ISO 639-3 codes)."""
    if not isinstance(value, str) or not LANG_RE.match(value):
        return False
    base = value.split("-")[0]
    return len(base) == 3 or base in _iso_639_1()


def text_in(text: Any, lang: str) -> str | None:
    """The text in one language (a plain string serves every language)."""
    if text is None:
        return None
    if isinstance(text, str):
        return text
    return text.get(lang)


EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def is_valid_business_id(value: str) -> bool:
    """Y-tunnus check digit: weights 7,9,10,5,8,4,2; remainder 1 is never issued."""
    match = re.fullmatch(r"(\d{7})-(\d)", value)
    if not match:
        return False
    total = sum(int(d) * w for d, w in zip(match.group(1), (7, 9, 10, 5, 8, 4, 2), strict=True))
    remainder = total % 11
    if remainder == 1:
        return False
    expected = 0 if remainder == 0 else 11 - remainder
    return expected == int(match.group(2))


# What the models' field validators accept (model.py raises their errors when one says
# no). Each validator names its check (``quick_check``), so the validation without
# pydantic (``quick.py``) applies the very same one.


def email_ok(value: str | None) -> bool:
    return value is None or EMAIL_RE.match(value) is not None


def business_id_ok(value: str | None) -> bool:
    return value is None or is_valid_business_id(value)


def language_codes_ok(value: list[str] | None) -> bool:
    return all(is_language_code(lang) for lang in value or [])


QUICK_CHECKS: dict[str, Callable[[Any], bool]] = {
    "email": email_ok,
    "business_id": business_id_ok,
    "languages": language_codes_ok,
}
