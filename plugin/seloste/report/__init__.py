"""Report stage: findings and scan results as text, json, github or junit.

``format_findings`` serves every stage that reports findings (registry, lint,
audit); ``format_scan`` prints what ``seloste scan`` found.

The names are imported on first use: the MkDocs plugin needs only
``report.findings`` (one line per finding), not the scan report (which brings the
catalogue and the JUnit writer) that ``seloste scan`` prints.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .findings import FORMATS, format_findings, summary, summary_line
    from .scan import format_scan

__all__ = ["FORMATS", "format_findings", "format_scan", "summary", "summary_line"]

_HOME = {name: ".findings" for name in __all__} | {"format_scan": ".scan"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value
