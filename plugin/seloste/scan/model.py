"""What the scanner reports: evidence found in built files.

These shapes are a public contract: ``seloste scan DIR --format json`` prints
``ScanResult.to_dict()``, whose ``detections`` carry at least ``service``,
``path`` (POSIX, relative to the scanned directory), ``line`` (1-based),
``evidence`` and ``consent_gated``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..fields_repr import FieldsRepr
from ..findings import Finding


@dataclass(frozen=True, repr=False)
class Detection(FieldsRepr):
    service: str  # a catalogue service id, e.g. "google-analytics"
    path: str  # POSIX path relative to the site root, e.g. "en/index.html"
    line: int  # 1-based
    evidence: str  # a short excerpt (at most ~120 characters)
    #: True: markup holds it back until consent; False: it loads at once; None: the site's
    #: own code decides at run time (``gating == "site-code"``), only a browser can tell.
    consent_gated: bool | None
    #: Tracking ids seen in the evidence (G-…, AW-…, pixel ids).
    ids: tuple[str, ...] = ()
    #: Where it was found: script-src, inline-script, noscript, iframe, img, link, css, js-file.
    kind: str = ""
    #: Which gating convention applied (e.g. "material-consent", "vanilla-cookieconsent",
    #: "klaro", "cookiebot", "tarteaucitron", "consent-mode-advanced" when NOT gated,
    #: "site-code" when undecidable), or "".
    gating: str = ""
    host: str = ""
    #: The consent category the gating markup names (data-category="analytics" →
    #: "analytics"; Cookiebot may list several, comma-separated), or "".
    consent_category: str = ""

    def to_dict(self) -> dict:
        out = asdict(self)
        out["ids"] = list(self.ids)
        return out


@dataclass(frozen=True, repr=False)
class UnknownHost(FieldsRepr):
    """A third-party host that matches no signature and is not declared first-party."""

    host: str
    path: str
    line: int
    evidence: str
    kind: str = ""
    consent_gated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(repr=False)
class ScanResult(FieldsRepr):
    detections: list[Detection] = field(default_factory=list)
    unknown_hosts: list[UnknownHost] = field(default_factory=list)
    files_scanned: int = 0
    bytes_scanned: int = 0
    #: Parts of the site that could not be read (S103–S105): the scan is incomplete.
    problems: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every part of the site was read."""
        return not self.problems

    def extend(self, other: ScanResult) -> None:
        self.detections.extend(other.detections)
        self.unknown_hosts.extend(other.unknown_hosts)
        self.problems.extend(other.problems)
        self.files_scanned += other.files_scanned
        self.bytes_scanned += other.bytes_scanned

    def to_dict(self) -> dict:
        return {
            "files_scanned": self.files_scanned,
            "bytes_scanned": self.bytes_scanned,
            "detections": [d.to_dict() for d in self.detections],
            "unknown_hosts": [u.to_dict() for u in self.unknown_hosts],
            "complete": self.complete,
            "problems": [p.to_dict() for p in self.problems],
        }
