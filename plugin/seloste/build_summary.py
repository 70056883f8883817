"""The one line a build prints about Seloste's work, so people can see it ran and what it saw."""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding
from .messages import msg, number
from .registry import LoadedRegistry
from .scan.model import ScanResult


def _scanned(files: int, nbytes: int) -> str:
    """``1,002 files scanned (146.6 MB)``: the unit as each language writes it."""
    shown = number(files)
    if nbytes >= 1_000_000:
        return msg("plugin.summary.scanned.mb", files=shown, size=number(nbytes / 1_000_000, 1))
    if nbytes >= 1_000:
        return msg("plugin.summary.scanned.kb", files=shown, size=number(nbytes / 1_000, 1))
    return msg("plugin.summary.scanned.bytes", files=shown, size=number(nbytes))


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
    from .report.findings import summary_line as counts

    services = len(loaded.registry.services)
    parts = [
        msg("plugin.summary.notices.one", languages=", ".join(loaded.languages), n=pages)
        if pages == 1
        else msg("plugin.summary.notices.many", languages=", ".join(loaded.languages), n=pages),
        msg("plugin.summary.services.one", n=services)
        if services == 1
        else msg("plugin.summary.services.many", n=services),
        (
            _scanned(scanned.files_scanned, scanned.bytes_scanned)
            if scanned is not None
            else msg("plugin.summary.audit_off")
        ),
        counts(list(findings), always_info=True),
        msg("plugin.summary.time", seconds=number(seconds, 2)),
    ]
    return "; ".join(parts)
