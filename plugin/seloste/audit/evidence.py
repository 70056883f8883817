"""The scan's evidence regrouped per service and per unknown host.

A tracker pasted into a theme template shows up on every page; one finding per
service (naming the first pages and a count) is what a reader can act on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..fields_repr import FieldsRepr
from ..messages import msg
from ..scan.model import Detection, ScanResult, UnknownHost
from .config import AuditConfig
from .declarations import Declarations


@dataclass(frozen=True, repr=False)
class Evidence(FieldsRepr):
    """Every detection of one subject, in page order."""

    subject: str
    detections: tuple[Detection, ...]

    @property
    def first(self) -> Detection:
        return self.detections[0]

    @property
    def pages(self) -> list[str]:
        return list(dict.fromkeys(d.path for d in self.detections))

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(i for d in self.detections for i in d.ids))

    def where(self, predicate) -> Evidence | None:
        kept = tuple(d for d in self.detections if predicate(d))
        return Evidence(self.subject, kept) if kept else None


@dataclass(frozen=True, repr=False)
class Grouped(FieldsRepr):
    services: dict[str, Evidence]
    unknown_hosts: dict[str, Evidence]
    #: Evidence (per service id or host) only in JS/CSS files no page loads (T116).
    unloaded: dict[str, Evidence] = field(default_factory=dict)


def group(result: ScanResult, declarations: Declarations, config: AuditConfig) -> Grouped:
    services: dict[str, list[Detection]] = defaultdict(list)
    hosts: dict[str, list[Detection]] = defaultdict(list)
    dead: dict[str, list[Detection]] = defaultdict(list)
    for detection in result.detections:
        # A host the registry lists under a service's ``hosts:`` is that service, whatever
        # signature matched it (e.g. a self-hosted Matomo declared as ``our-stats``).
        claimant = declarations.claimant(detection.host)
        if mentions_declared_host(detection, claimant):
            continue
        service_id = claimant.id if claimant else detection.service
        if detection.path in config.unloaded:
            dead[service_id].append(detection)
        else:
            services[service_id].append(detection)
    for unknown in result.unknown_hosts:
        host = unknown.host.lower()
        claimant = declarations.claimant(host)
        if claimant is not None:
            found, subject = _as_detection(claimant.id, unknown), claimant.id
        elif not declarations.is_first_party(host, config.allow_hosts):
            found, subject = _as_detection("", unknown), host
        else:
            continue
        if unknown.path in config.unloaded:
            dead[subject].append(found)
        elif claimant is not None:
            services[subject].append(found)
        else:
            hosts[subject].append(found)
    # Evidence in a file nothing loads matters only where the subject is not live anyway.
    unloaded = {k: v for k, v in dead.items() if k not in services and k not in hosts}
    return Grouped(
        services={k: _evidence(k, v) for k, v in sorted(services.items())},
        unknown_hosts={k: _evidence(k, v) for k, v in sorted(hosts.items())},
        unloaded={k: _evidence(k, v) for k, v in sorted(unloaded.items())},
    )


#: Where a URL is only named in code (a comment, a string, a CSP list): no load by itself.
CODE_KINDS = frozenset({"js-file", "inline-script"})


def mentions_declared_host(detection: Detection, claimant) -> bool:
    """A declared custom service's host named in JavaScript (Material's bundle and
    lunr-languages name github.com in comments) is a mention, not a load: declared hosts
    count only where something loads, the same evidence an unknown host (T105) needs."""
    return (
        claimant is not None
        and not claimant.in_catalog
        and detection.service == claimant.id
        and detection.kind in CODE_KINDS
    )


def _as_detection(service_id: str, unknown: UnknownHost) -> Detection:
    return Detection(
        service=service_id,
        path=unknown.path,
        line=unknown.line,
        evidence=unknown.evidence,
        consent_gated=unknown.consent_gated,
        kind=unknown.kind,
        host=unknown.host.lower(),
    )


def _evidence(subject: str, detections: list[Detection]) -> Evidence:
    ordered = sorted(detections, key=lambda d: (_page_order(d.path), d.line))
    return Evidence(subject, tuple(ordered))


def _page_order(path: str) -> tuple[int, bool, str]:
    """Shallow pages first, and an index before its siblings (``index.html``, ``404.html``,
    ``en/index.html``, ``en/blog/x/index.html``): the home page is the one a reader opens
    to check."""
    return (path.count("/"), path.rsplit("/", 1)[-1] != "index.html", path)


def pages_phrase(pages: list[str], limit: int, *, case: str = "on") -> str:
    """``3 pages (a, b, c)`` or ``12 pages (a, b, c and 9 more)``.

    ``case``: where the phrase stands, "on {pages}" or "from {pages}" (Finnish
    inflects the noun: "3 sivulla", "3 sivulta").
    """
    count = len(pages)
    shown = ", ".join(pages[:limit])
    more = count - limit
    if case == "from":
        if count > limit:
            return msg("T.pages-from-more", count=count, shown=shown, more=more)
        if count == 1:
            return msg("T.pages-from-one", count=count, shown=shown)
        return msg("T.pages-from-many", count=count, shown=shown)
    if count > limit:
        return msg("T.pages-on-more", count=count, shown=shown, more=more)
    if count == 1:
        return msg("T.pages-on-one", count=count, shown=shown)
    return msg("T.pages-on-many", count=count, shown=shown)


def short(evidence: str, limit: int = 120) -> str:
    flat = " ".join(evidence.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
