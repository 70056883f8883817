"""The one line a build prints about Seloste's work, so people can see it ran and what it saw."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .findings import Finding, Severity
from .registry import LoadedRegistry
from .scan.model import ScanResult


def _size(nbytes: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{nbytes} B"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(
    loaded: LoadedRegistry,
    *,
    pages: int,
    scanned: ScanResult | None,
    findings: Iterable[Finding],
    seconds: float,
) -> str:
    """``notices fi, en (4 pages); 4 services declared; 1,002 files scanned (146.6 MB);
    0 errors, 1 warning, 0 info; build 3.21 s`` — what a marketer or CI log reader needs at a glance."""
    by_level = Counter(finding.severity for finding in findings)
    parts = [
        f"notices {', '.join(loaded.languages)} ({_count(pages, 'page', 'pages')})",
        f"{_count(len(loaded.registry.services), 'service', 'services')} declared",
        (
            f"{scanned.files_scanned:,} files scanned ({_size(scanned.bytes_scanned)})"
            if scanned is not None
            else "audit off"
        ),
        ", ".join(
            [
                _count(by_level[Severity.error], "error", "errors"),
                _count(by_level[Severity.warning], "warning", "warnings"),
                f"{by_level[Severity.info]} info",
            ]
        ),
        f"build {seconds:.2f} s",
    ]
    return "; ".join(parts)
