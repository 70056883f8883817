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

from ..yamldata import load_yaml_file


@dataclass(frozen=True)
class Transfer:
    country: str
    mechanism: str | None


@dataclass(frozen=True)
class ServiceInfo:
    id: str
    name: str
    provider: str
    category: str
    kind: str
    privacy_url: str
    transfer: Transfer | None
    cookieless: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)


def read_data(name: str) -> Any:
    """Parse one of the catalogue's YAML data files (libyaml, once per process)."""
    return load_yaml_file(Path(__file__).with_name(name))


@cache
def services() -> dict[str, ServiceInfo]:
    raw = read_data("services.yaml")
    out: dict[str, ServiceInfo] = {}
    for service_id, facts in raw.items():
        transfer = facts.get("transfer")
        out[service_id] = ServiceInfo(
            id=service_id,
            name=facts["name"],
            provider=facts["provider"],
            category=facts["category"],
            kind=facts["kind"],
            privacy_url=facts["privacy_url"],
            transfer=Transfer(**transfer) if transfer else None,
            cookieless=bool(facts.get("cookieless", False)),
            aliases=tuple(facts.get("aliases", ())),
        )
    return out


def service(service_id: str) -> ServiceInfo | None:
    return services().get(service_id)
