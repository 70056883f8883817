"""The service catalogue: facts about each known service id, kept as package data.

``services.yaml`` (who, category, transfers) is read here; the scanner's
``signatures.yaml`` and the cookie facts in ``cookies.yaml`` sit beside it and
are keyed by the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..fields_repr import FieldsRepr
from ..yamldata import load_yaml_file


@dataclass(frozen=True, repr=False)
class Transfer(FieldsRepr):
    country: str
    mechanism: str | None


#: What a provider is towards the site (GDPR Art. 4(7)-(8), 26, 28).
ROLES = ("processor", "controller", "joint_controller")


@dataclass(frozen=True, repr=False)
class ServiceInfo(FieldsRepr):
    id: str
    name: str
    provider: str
    category: str
    kind: str
    privacy_url: str
    #: Every country outside the EU/EEA the data goes to (first: the main one).
    transfers: tuple[Transfer, ...] = ()
    cookieless: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)
    #: processor, controller or joint_controller; None when Seloste does not know.
    role: str | None = None
    #: A joint controller's published arrangement (GDPR Art. 26(2)).
    arrangement: str | None = None

    @property
    def transfer(self) -> Transfer | None:
        """The main transfer (the first), for messages that name one country."""
        return self.transfers[0] if self.transfers else None


def read_data(name: str) -> Any:
    """Parse one of the catalogue's YAML data files (its callers keep what they make of it:
    the parsed value is not kept besides, ``yamldata.load_yaml_file``'s ``keep``)."""
    return load_yaml_file(Path(__file__).with_name(name), keep=False)


@cache
def services() -> dict[str, ServiceInfo]:
    raw = read_data("services.yaml")
    out: dict[str, ServiceInfo] = {}
    for service_id, facts in raw.items():
        transfer = facts.get("transfer") or []
        transfers = transfer if isinstance(transfer, list) else [transfer]
        role = facts.get("role")
        if role is not None and role not in ROLES:
            raise ValueError(f"services.yaml: {service_id}: unknown role {role!r}")
        out[service_id] = ServiceInfo(
            id=service_id,
            name=facts["name"],
            provider=facts["provider"],
            category=facts["category"],
            kind=facts["kind"],
            privacy_url=facts["privacy_url"],
            transfers=tuple(Transfer(**t) for t in transfers),
            cookieless=bool(facts.get("cookieless", False)),
            aliases=tuple(facts.get("aliases", ())),
            role=role,
            arrangement=facts.get("arrangement"),
        )
    return out


def service(service_id: str) -> ServiceInfo | None:
    return services().get(service_id)
