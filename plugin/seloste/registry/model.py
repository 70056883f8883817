"""The registry: what a site's controller declares, as typed models.

One model serves three jobs: validating the YAML a marketer writes, giving the
renderers typed data, and generating the JSON Schema editors use for completion
(``seloste schema``), so the three can never drift apart.

Texts that readers see are ``Text``: either a mapping ``{fi: …, en: …}`` or, for
names and other untranslated strings, a plain string used in every language.
Which languages must be present is checked after parsing (``validate.py``),
because it depends on the site being built, not on the file alone.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")

#: A reader-visible text: one string for all languages, or one per language.
Text = Annotated[
    str | dict[str, str],
    Field(
        description="A text shown to readers: `{fi: …, en: …}`, or one string used in every "
        "language (names, addresses).",
        json_schema_extra={"examples": [{"fi": "Asiakasrekisteri", "en": "Customer register"}]},
    ),
]


class Strict(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop a fact)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class LegalBasis(str, Enum):
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


class Address(Strict):
    street: str
    postal_code: str
    city: str
    country: Text | None = None


class Contact(Strict):
    name: str | None = None
    title: Text | None = Field(None, description="Role, e.g. {fi: Tietosuojavastaava, en: …}")
    email: str | None = None
    phone: str | None = None
    address: Address | None = None

    _check_email = field_validator("email")(lambda cls, v: _email(v))


class Controller(Strict):
    name: str = Field(description="Legal name of the company, e.g. 'Kespet Oy'.")
    business_id: str | None = Field(
        None,
        description="Finnish business ID (Y-tunnus), e.g. '1234567-8'; the check digit is verified.",
    )
    address: Address | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None

    _check_email = field_validator("email")(lambda cls, v: _email(v))

    @field_validator("business_id")
    @classmethod
    def _check_business_id(cls, value: str | None) -> str | None:
        if value is not None and not is_valid_business_id(value):
            raise ValueError(
                f"'{value}' is not a valid Y-tunnus: write seven digits, a hyphen and the check "
                "digit, e.g. '1572860-0' (find yours at ytj.fi)"
            )
        return value


class Purpose(Strict):
    description: Text
    legal_basis: LegalBasis | None = Field(
        None,
        description="GDPR Art. 6(1) basis: consent, contract, legal_obligation, vital_interests, "
        "public_task or legitimate_interests. Missing is reported by the linter, not fatal, so an "
        "imported old notice still builds.",
    )
    legitimate_interest: Text | None = Field(
        None, description="Required when legal_basis is legitimate_interests: the interest pursued."
    )


class SourceOrigin(str, Enum):
    data_subject = "data_subject"
    partner = "partner"
    public = "public"
    authority = "authority"
    other = "other"


class Source(Strict):
    description: Text
    origin: SourceOrigin = Field(
        SourceOrigin.data_subject,
        description="Where the data comes from; anything but data_subject brings in GDPR Art. 14.",
    )


class RecipientRole(str, Enum):
    processor = "processor"
    controller = "controller"
    joint_controller = "joint_controller"
    authority = "authority"
    internal = "internal"


class Recipient(Strict):
    name: Text
    role: RecipientRole = RecipientRole.processor
    description: Text | None = None


class TransferMechanism(str, Enum):
    adequacy = "adequacy"
    dpf = "dpf"
    scc = "scc"
    bcr = "bcr"
    derogation = "derogation"


class Transfer(Strict):
    recipient: Text
    country: Text
    mechanism: TransferMechanism | None = Field(
        None,
        description="adequacy (Commission decision), dpf (EU–US Data Privacy Framework), scc "
        "(standard contractual clauses), bcr or derogation (Art. 49).",
    )
    description: Text | None = None


class Provision(Strict):
    required: Literal["statutory", "contractual", "contract_prerequisite", "voluntary"] | None = (
        None
    )
    consequences: Text


class AutomatedDecisions(Strict):
    used: bool
    description: Text | None = Field(
        None, description="Required when used: the logic involved and its consequences."
    )


class Register(Strict):
    id: str | None = Field(None, description="Short id when the site has several registers.")
    name: Text
    data_subjects: list[Text] = Field(default_factory=list)
    data_categories: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    purposes: list[Purpose] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    transfers: list[Transfer] | None = Field(
        None,
        description="Transfers outside the EU/EEA; write `transfers: []` to state there are none.",
    )
    retention: Text | None = None
    provision: Provision | None = None
    automated_decisions: AutomatedDecisions | None = None
    security: Text | None = None
    further_processing: Text | None = None
    joint_controllers: list[Text] = Field(default_factory=list)
    notes: Text | None = Field(None, description="Anything else about this register, shown as is.")


class RightId(str, Enum):
    access = "access"
    rectification = "rectification"
    erasure = "erasure"
    restriction = "restriction"
    objection = "objection"
    portability = "portability"
    withdraw_consent = "withdraw_consent"
    complaint = "complaint"


class Rights(Strict):
    how_to_exercise: Text | None = None
    contact_email: str | None = None
    notes: dict[RightId, Text] = Field(
        default_factory=dict,
        description="Extra text per right, shown after the standard wording of that right.",
    )

    _check_email = field_validator("contact_email")(lambda cls, v: _email(v))


class Dates(Strict):
    created: dt.date | None = None
    updated: dt.date | None = None


class Change(Strict):
    date: dt.date
    change: Text


class Technology(str, Enum):
    cookie = "cookie"
    local_storage = "local_storage"
    session_storage = "session_storage"
    pixel = "pixel"


class Cookie(Strict):
    name: str = Field(description="Cookie name; end with '*' for a prefix, e.g. '_ga_*'.")
    provider: Text | None = None
    category: Category | None = None
    purpose: Text | None = None
    duration: Text | None = Field(
        None, description="'session', '2 years', {fi: '2 vuotta', en: …}."
    )
    party: Literal["first", "third"] | None = None
    domain: str | None = None
    technology: Technology = Technology.cookie


class Service(Strict):
    id: str = Field(description="Service id from Seloste's catalogue, e.g. google-analytics.")
    ids: list[str] = Field(
        default_factory=list,
        description="The tracking ids this site uses (G-…, AW-…, pixel ids): another id is an error.",
    )
    category: Category | None = Field(None, description="Override the catalogue's category.")
    purpose: Text | None = None
    register_id: str | None = Field(
        None, alias="register", description="Id of the register this service feeds."
    )
    cookies: list[Cookie] = Field(
        default_factory=list, description="Cookies to add or override (by name) for this service."
    )
    name: Text | None = Field(
        None, description="Display name; required for services not in the catalogue."
    )
    provider: Text | None = None
    privacy_url: str | None = None
    hosts: list[str] = Field(default_factory=list, description="Hosts of a custom service.")


class LintIgnore(Strict):
    code: str
    reason: str = Field(description="Why this rule does not apply; shown in reports.")


class LintSettings(Strict):
    ignore: list[LintIgnore] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)


class Registry(Strict):
    """The whole registry file."""

    languages: list[str] | None = Field(
        None, description="Languages every text must have; default: the languages the site builds."
    )
    controller: Controller
    representative: Contact | None = None
    privacy_contact: Contact | None = None
    dpo: Contact | None = Field(
        None, description="Only if a DPO is formally designated (GDPR Art. 37)."
    )
    registers: list[Register] = Field(min_length=1)
    rights: Rights = Field(default_factory=Rights)
    dates: Dates = Field(default_factory=Dates)
    changelog: list[Change] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    cookies: list[Cookie] = Field(
        default_factory=list, description="The site's own cookies and storage keys."
    )
    first_party_hosts: list[str] = Field(
        default_factory=list, description="Hosts that belong to you (not third parties)."
    )
    unsorted: list[Text] = Field(
        default_factory=list,
        description="Text the importer could not place; move each item to its field, then delete it.",
    )
    lint: LintSettings = Field(default_factory=LintSettings)

    @field_validator("languages")
    @classmethod
    def _check_languages(cls, value: list[str] | None) -> list[str] | None:
        for lang in value or []:
            if not LANG_RE.match(lang):
                raise ValueError(f"'{lang}' is not a language code; write e.g. fi, en, sv")
        return value

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _email(value: str | None) -> str | None:
    if value is not None and not EMAIL_RE.match(value):
        raise ValueError(f"'{value}' is not an e-mail address; write e.g. tietosuoja@example.fi")
    return value


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


def text_in(text: Any, lang: str) -> str | None:
    """The text in one language (a plain string serves every language)."""
    if text is None:
        return None
    if isinstance(text, str):
        return text
    return text.get(lang)
