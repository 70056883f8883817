"""The registry: what a site's controller declares, as typed models.

One model serves three jobs: validating the YAML a marketer writes, giving the
renderers typed data, and generating the JSON Schema editors use for completion
(``seloste schema``), so the three can never drift apart.

Texts that readers see are ``Text``: either a mapping ``{fi: …, en: …}`` or, for
names and other untranslated strings, a plain string used in every language.
Which languages must be present is checked after parsing (``load.py``),
because it depends on the site being built, not on the file alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

# The enums and text helpers live in values.py (no pydantic there); re-exported here.
from .values import (  # noqa: F401
    EMAIL_RE,
    LANG_RE,
    Category,
    LegalBasis,
    RecipientRole,
    RightId,
    SourceOrigin,
    Technology,
    TransferMechanism,
    business_id_ok,
    email_ok,
    is_language_code,
    is_valid_business_id,
    language_codes_ok,
    text_in,
)

_F = TypeVar("_F", bound=Callable[..., Any])

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


def _quick(check: str) -> Callable[[_F], _F]:
    """Names the check of ``values.QUICK_CHECKS`` a field validator applies: the validation
    without pydantic (``quick.py``, derived from these models by ``quick_spec.py``) applies
    the same one, and ``quick_spec`` refuses a validator that names none."""

    def mark(func: _F) -> _F:
        func.quick_check = check  # type: ignore[attr-defined]
        return func

    return mark


@_quick("email")
def _email_field(cls: type, value: str | None) -> str | None:
    return _email(value)


class Address(Strict):
    """A postal address (Osoite)."""

    street: str = Field(description="Street address or PO box, e.g. 'Misukantie 3' or 'PL 800'.")
    postal_code: str = Field(description="Postal code (postinumero), e.g. '40800'.")
    city: str = Field(description="City (postitoimipaikka), e.g. 'Vaajakoski'.")
    country: Text | None = Field(None, description="Country, e.g. {fi: Suomi, en: Finland}.")


class Contact(Strict):
    """A person or team to contact (Yhteyshenkilö)."""

    name: str | None = Field(
        None, description="Name of the person or team, e.g. 'Maija Meikäläinen'."
    )
    title: Text | None = Field(
        None, description="Role, e.g. {fi: Tietosuojavastaava, en: Data Protection Officer}."
    )
    email: str | None = Field(None, description="E-mail address, e.g. tietosuoja@example.fi.")
    phone: str | None = Field(None, description="Phone number, e.g. '+358 50 123 4567'.")
    address: Address | None = None

    _check_email = field_validator("email")(_email_field)


class Controller(Strict):
    """The company responsible for the data (Rekisterinpitäjä), GDPR Art. 13(1)(a)."""

    name: str = Field(description="Legal name of the company, e.g. 'Kespet Oy'.")
    business_id: str | None = Field(
        None,
        description="Finnish business ID (Y-tunnus), e.g. '1234567-8'; the check digit is verified.",
    )
    address: Address | None = None
    email: str | None = Field(None, description="The company's e-mail address for privacy matters.")
    phone: str | None = Field(None, description="The company's phone number.")
    website: str | None = Field(None, description="The company's website, e.g. https://example.fi.")

    _check_email = field_validator("email")(_email_field)

    @field_validator("business_id")
    @classmethod
    @_quick("business_id")
    def _check_business_id(cls, value: str | None) -> str | None:
        if not business_id_ok(value):
            assert value is not None
            raise PydanticCustomError("business_id", _business_id_problem(value), {"value": value})
        return value


class Purpose(Strict):
    """One purpose of processing and its legal basis, GDPR Art. 13(1)(c)."""

    description: Text = Field(
        description="What the data is used for (käsittelyn tarkoitus), e.g. "
        "{fi: Asiakassuhteen hoitaminen, en: Managing the customer relationship}."
    )
    legal_basis: LegalBasis | None = Field(
        None,
        description="GDPR Art. 6(1) basis: consent, contract, legal_obligation, vital_interests, "
        "public_task or legitimate_interests. Missing is reported by the linter, not fatal, so an "
        "imported old notice still builds.",
    )
    legitimate_interest: Text | None = Field(
        None,
        description="Required when legal_basis is legitimate_interests: the interest pursued "
        "(rekisterinpitäjän oikeutettu etu), GDPR Art. 13(1)(d).",
    )


class Source(Strict):
    """A source of the personal data (Tietolähde), GDPR Art. 14(2)(f)."""

    description: Text = Field(
        description="The source, e.g. {fi: Verkkosivujen yhteydenottolomake, en: The contact form}."
    )
    origin: SourceOrigin = Field(
        SourceOrigin.data_subject,
        description="Where the data comes from; anything but data_subject brings in GDPR Art. 14.",
    )


class Recipient(Strict):
    """Who receives the data (Henkilötietojen vastaanottajat), GDPR Art. 13(1)(e)."""

    name: Text = Field(description="The recipient or a category of recipients, e.g. 'Visma Oy'.")
    role: RecipientRole = Field(
        RecipientRole.processor,
        description="processor (käsittelijä, the default), controller, joint_controller, "
        "authority or internal.",
    )
    description: Text | None = Field(None, description="What they do with the data.")


class Transfer(Strict):
    """A transfer outside the EU/EEA (Tietojen siirto EU:n tai ETA:n ulkopuolelle), Art. 13(1)(f)."""

    recipient: Text = Field(description="Who receives the data, e.g. 'Google LLC'.")
    country: Text = Field(description="Country, e.g. {fi: Yhdysvallat, en: United States}.")
    mechanism: TransferMechanism | None = Field(
        None,
        description="adequacy (Commission decision), dpf (EU–US Data Privacy Framework), scc "
        "(standard contractual clauses), bcr or derogation (Art. 49).",
    )
    description: Text | None = Field(None, description="Anything else readers should know.")


class Provision(Strict):
    """Whether people must give the data and what follows if they do not, GDPR Art. 13(2)(e)."""

    required: Literal["statutory", "contractual", "contract_prerequisite", "voluntary"] | None = (
        Field(
            None,
            description="statutory (required by law), contractual, contract_prerequisite (needed "
            "to make a contract) or voluntary.",
        )
    )
    consequences: Text = Field(
        description="What happens if the data is not given (antamatta jättämisen seuraukset)."
    )


class AutomatedDecisions(Strict):
    """Automated decision-making and profiling, GDPR Art. 13(2)(f) and 22."""

    used: bool = Field(description="true or false; say false explicitly when none is made.")
    description: Text | None = Field(
        None, description="Required when used: the logic involved and its consequences."
    )


class Register(Strict):
    """One register (rekisteri): whose data, what for, on which basis, to whom, for how long."""

    id: str | None = Field(None, description="Short id when the site has several registers.")
    name: Text = Field(
        description="Name of the register (Rekisterin nimi), e.g. "
        "{fi: Asiakasrekisteri, en: Customer register}."
    )
    data_subjects: list[Text] = Field(
        default_factory=list, description="Whose data (Rekisteröityjen ryhmät), e.g. customers."
    )
    data_categories: list[Text] = Field(
        default_factory=list,
        description="The personal data kept (Käsiteltävät henkilötiedot), one item each.",
    )
    sources: list[Source] = Field(
        default_factory=list, description="Where the data comes from (Tietolähteet), Art. 14(2)(f)."
    )
    purposes: list[Purpose] = Field(
        default_factory=list,
        description="Purposes of processing, each with its legal basis, Art. 13(1)(c).",
    )
    recipients: list[Recipient] = Field(
        default_factory=list,
        description="Recipients and processors (Vastaanottajat), Art. 13(1)(e).",
    )
    transfers: list[Transfer] | None = Field(
        None,
        description="Transfers outside the EU/EEA, Art. 13(1)(f); write `transfers: []` to state "
        "there are none.",
    )
    retention: Text | None = Field(
        None,
        description="How long the data is kept, or the criteria (Säilytysaika), Art. 13(2)(a).",
    )
    provision: Provision | None = None
    automated_decisions: AutomatedDecisions | None = None
    security: Text | None = Field(None, description="How the data is protected (Tietojen suojaus).")
    further_processing: Text | None = Field(
        None,
        description="Use for a new purpose (Käyttötarkoituksen muutos), Art. 13(3).",
    )
    joint_controllers: list[Text] = Field(
        default_factory=list,
        description="Joint controllers and what each is responsible for, Art. 26.",
    )
    notes: Text | None = Field(None, description="Anything else about this register, shown as is.")


class Rights(Strict):
    """How people use their rights (Rekisteröidyn oikeudet); the rights' wording is built in."""

    how_to_exercise: Text | None = Field(
        None, description="How to make a request (Oikeuksien käyttäminen), Art. 12(2)."
    )
    contact_email: str | None = Field(
        None, description="Where requests go, e.g. tietosuoja@example.fi."
    )
    notes: dict[RightId, Text] = Field(
        default_factory=dict,
        description="Extra text per right, shown after the standard wording of that right.",
    )

    _check_email = field_validator("contact_email")(_email_field)


class Dates(Strict):
    """When the notice was made and last changed; dates are written YYYY-MM-DD."""

    created: dt.date | None = Field(None, description="Date first published, e.g. 2021-03-09.")
    updated: dt.date | None = Field(None, description="Date of the last change (Päivitetty).")
    version: str | None = Field(None, description="Version of the notice, e.g. '2.1' (optional).")


class Change(Strict):
    """One entry of the change log (Päivitykset ja muutokset)."""

    date: dt.date = Field(description="Date of the change, YYYY-MM-DD.")
    change: Text = Field(description="What changed.")


class Cookie(Strict):
    """A cookie or storage key (eväste), law 917/2014 § 205."""

    name: str = Field(description="Cookie name; end with '*' for a prefix, e.g. '_ga_*'.")
    provider: Text | None = Field(None, description="Who sets it, e.g. 'Google Ireland Limited'.")
    category: Category | None = Field(
        None, description="necessary, preferences, statistics or marketing."
    )
    purpose: Text | None = Field(None, description="What it is for.")
    duration: Text | None = Field(
        None, description="'session', '2 years', {fi: '2 vuotta', en: …}."
    )
    party: Literal["first", "third"] | None = Field(None, description="first or third party.")
    domain: str | None = Field(None, description="The domain it is set on.")
    technology: Technology = Field(
        Technology.cookie, description="cookie, local_storage, session_storage or pixel."
    )


class Service(Strict):
    """A third-party service the site uses (analytics, ads, embeds, fonts…)."""

    id: str = Field(
        description="Service id from Seloste's catalogue, e.g. google-analytics; for a service not "
        "in the catalogue, any id plus `name:` and `hosts:`."
    )
    ids: list[str] = Field(
        default_factory=list,
        description="The tracking ids this site uses (G-…, AW-…, pixel ids): another id is an error.",
    )
    category: Category | None = Field(None, description="Override the catalogue's category.")
    purpose: Text | None = Field(None, description="What the site uses it for.")
    register_id: str | None = Field(
        None, alias="register", description="Id of the register this service feeds."
    )
    cookies: list[Cookie] = Field(
        default_factory=list, description="Cookies to add or override (by name) for this service."
    )
    name: Text | None = Field(
        None, description="Display name; required for services not in the catalogue."
    )
    provider: Text | None = Field(None, description="The company behind it (custom services).")
    privacy_url: str | None = Field(None, description="The provider's privacy policy URL.")
    role: Literal["processor", "controller", "joint_controller"] | None = Field(
        None,
        description="What the provider is towards the site: processor (processes on the site's "
        "behalf), controller (independent) or joint_controller (decides with the site on the "
        "collection, e.g. an ad pixel: CJEU C-40/17). Overrides the catalogue's role.",
    )
    arrangement: str | None = Field(
        None,
        description="For a joint controller: the URL of the arrangement between the site and "
        "the provider (GDPR Art. 26(2)), e.g. the provider's controller addendum.",
    )
    hosts: list[str] = Field(
        default_factory=list,
        description="Hosts of a custom service, e.g. widget.example.com; required for a service "
        "not in the catalogue.",
    )


class LintIgnore(Strict):
    """Switch off one lint rule, with the reason."""

    code: str = Field(description="The rule's code, e.g. L105.")
    reason: str = Field(description="Why this rule does not apply; shown in reports.")


class LintSettings(Strict):
    """Settings of the notice linter."""

    ignore: list[LintIgnore] = Field(
        default_factory=list, description="Rules that do not apply here, each with the reason."
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Change a rule's level, e.g. {L105: warning}."
    )
    words: list[str] = Field(
        default_factory=list,
        description="Names the spelling rule (L157) accepts although the dictionaries lack "
        "them, e.g. [Esimerkki, Kivikangas]: company, product and place names.",
    )


class ConsentSettings(Strict):
    """How the consent banner treats a visitor's stored choice."""

    expiry: str = Field(
        "12 months",
        pattern=r"^\s*[1-9][0-9]{0,3}\s*(day|week|month|year)s?\s*$",
        description="How long a visitor's choice holds before the banner asks again, e.g. "
        "'12 months', '6 months', '1 year' (it is also asked again when the cookie list changes).",
    )


class Registry(Strict):
    """The whole registry file."""

    languages: list[str] | None = Field(
        None, description="Languages every text must have; default: the languages the site builds."
    )
    controller: Controller
    representative: Contact | None = Field(
        None, description="Representative in the EU, only for a controller outside it (Art. 27)."
    )
    privacy_contact: Contact | None = Field(
        None, description="Contact person for privacy matters (Yhteyshenkilö tietosuoja-asioissa)."
    )
    dpo: Contact | None = Field(
        None, description="Only if a DPO is formally designated (GDPR Art. 37)."
    )
    registers: list[Register] = Field(
        min_length=1, description="One or more registers; most small companies have one."
    )
    rights: Rights = Field(default_factory=Rights)
    dates: Dates = Field(default_factory=Dates)
    changelog: list[Change] = Field(
        default_factory=list, description="Changes to the notice, newest first."
    )
    services: list[Service] = Field(
        default_factory=list,
        description="Third-party services the site uses, by catalogue id; the build checks the "
        "site against this list.",
    )
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
    consent: ConsentSettings = Field(
        default_factory=ConsentSettings, description="Settings of the consent banner."
    )

    @field_validator("languages")
    @classmethod
    @_quick("languages")
    def _check_languages(cls, value: list[str] | None) -> list[str] | None:
        if language_codes_ok(value):
            return value
        for lang in value or []:
            if not is_language_code(lang):
                raise PydanticCustomError(
                    "language",
                    "'{value}' is not a language code; write two letters such as fi, en, sv",
                    {"value": lang},
                )
        return value

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


def _email(value: str | None) -> str | None:
    if not email_ok(value):
        raise PydanticCustomError(
            "email",
            "'{value}' is not an e-mail address; write e.g. tietosuoja@example.fi",
            {"value": value},
        )
    return value


def _business_id_problem(value: str) -> str:
    if not re.fullmatch(r"\d{7}-\d", value):
        return (
            "'{value}' is not a Y-tunnus: write seven digits, a hyphen and the check digit, "
            "e.g. '1572860-0' (find yours at ytj.fi)"
        )
    return (
        "'{value}' is not a valid Y-tunnus: its check digit does not match (a typo?); "
        "copy it from ytj.fi"
    )
