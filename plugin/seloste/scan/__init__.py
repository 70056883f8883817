"""scan stage: evidence of trackers in a built site.

``Scanner`` looks at one file at a time (``scan_html`` for pages as MkDocs
produces them, ``scan_asset`` for the site's .js/.css); ``scan_directory``
walks a built site. Signatures come from ``catalog/signatures.yaml`` plus the
user's own files (``load_signatures``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Detection, ScanResult, UnknownHost
from .scanner import Scanner, element_gate, script_gate
from .signatures import (
    Signature,
    Signatures,
    UrlPattern,
    builtin_signatures,
    load_signatures,
    parse_signatures,
    read_signature_file,
)
from .walk import scan_directory, site_files

if TYPE_CHECKING:
    from ..registry.model import Registry

__all__ = [
    "Detection",
    "ScanResult",
    "Scanner",
    "Signature",
    "Signatures",
    "UnknownHost",
    "UrlPattern",
    "builtin_signatures",
    "element_gate",
    "load_signatures",
    "parse_signatures",
    "read_signature_file",
    "scan_directory",
    "scanner_for",
    "script_gate",
    "site_files",
]


def scanner_for(
    registry: Registry | None = None,
    signature_files: Sequence[str | Path] = (),
    allow_hosts: Iterable[str] = (),
    site_host: str | None = None,
    base: Signatures | None = None,
) -> Scanner:
    """A scanner set up the way a site asks: its own signature files, first-party hosts,
    and (from a loaded ``Registry``) ``first_party_hosts`` and custom services' ``hosts``.
    """
    signatures = load_signatures(signature_files, base)
    hosts = list(allow_hosts)
    if registry is not None:
        hosts.extend(registry.first_party_hosts)
        for service in registry.services:
            if service.hosts:
                signatures = signatures.with_hosts(service.id, service.hosts)
    return Scanner(signatures, first_party_hosts=hosts, site_host=site_host)
