"""What the registry declares, in the shape the audit compares evidence with."""

from __future__ import annotations

from dataclasses import dataclass

from .. import catalog
from ..registry.load import LoadedRegistry
from ..registry.model import text_in
from ..registry.yamlpos import Pos


@dataclass(frozen=True)
class Declared:
    id: str
    index: int  # position in ``services:``
    pos: Pos  # where the entry starts in the registry file
    ids: tuple[str, ...]
    #: the registry's override, else the catalogue's; None for a custom service without one
    category: str | None
    hosts: tuple[str, ...]
    in_catalog: bool

    def knows_id(self, tracking_id: str) -> bool:
        wanted = tracking_id.casefold()
        return any(own.casefold() == wanted for own in self.ids)


@dataclass(frozen=True)
class Declarations:
    path: str
    has_services_key: bool
    has_first_party_key: bool
    services: dict[str, Declared]
    first_party_hosts: tuple[str, ...]

    def claimant(self, host: str) -> Declared | None:
        """The declared service whose ``hosts:`` cover ``host`` (subdomains included)."""
        if not host:
            return None
        for declared in self.services.values():
            if any(host_matches(host, own) for own in declared.hosts):
                return declared
        return None

    def is_first_party(self, host: str, allowed: tuple[str, ...] = ()) -> bool:
        return any(host_matches(host, own) for own in (*self.first_party_hosts, *allowed))


def host_matches(host: str, listed: str) -> bool:
    host, listed = host.lower().rstrip("."), listed.lower().strip().rstrip(".")
    listed = listed.removeprefix("*.")
    return host == listed or host.endswith("." + listed)


def declarations_of(loaded: LoadedRegistry) -> Declarations:
    registry = loaded.registry
    services: dict[str, Declared] = {}
    for index, service in enumerate(registry.services):
        if service.id in services:
            continue  # a duplicate entry; the first one is what the notices show
        info = catalog.service(service.id)
        category = service.category.value if service.category else None
        if category is None and info is not None:
            category = info.category
        services[service.id] = Declared(
            id=service.id,
            index=index,
            pos=loaded.where(("services", index)),
            ids=tuple(str(i) for i in service.ids),
            category=category,
            hosts=tuple(service.hosts),
            in_catalog=info is not None,
        )
    return Declarations(
        path=loaded.path,
        has_services_key="services" in (loaded.located.data or {}),
        has_first_party_key="first_party_hosts" in (loaded.located.data or {}),
        services=services,
        first_party_hosts=tuple(registry.first_party_hosts),
    )


def display_name(service_id: str, loaded: LoadedRegistry | None = None) -> str:
    info = catalog.service(service_id)
    if info is not None:
        return info.name
    declared = loaded.registry.service(service_id) if loaded else None
    if declared is not None and declared.name:
        return text_in(declared.name, "en") or service_id
    return service_id
