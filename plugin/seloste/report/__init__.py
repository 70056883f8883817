"""Report stage: findings and scan results as text, json, github or junit.

``format_findings`` serves every stage that reports findings (registry, lint,
audit); ``format_scan`` prints what ``seloste scan`` found.
"""

from .findings import FORMATS, format_findings, summary, summary_line
from .scan import format_scan

__all__ = ["FORMATS", "format_findings", "format_scan", "summary", "summary_line"]
