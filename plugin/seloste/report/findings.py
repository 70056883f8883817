"""Findings (audit, lint, registry) in the four report formats."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..findings import Finding, Severity
from .github import LEVELS, annotation
from .paths import location, shown_path

FORMATS = ("text", "json", "github", "junit")
FIX_INDENT = "    "


def format_findings(
    findings: list[Finding],
    fmt: str = "text",
    *,
    root: str | Path | None = None,
    fail_on: Severity = Severity.error,
) -> str:
    """Render findings; ``root`` is the scanned directory page paths are shown under.

    ``fail_on`` is the lowest severity a JUnit report counts as a failure
    (``warning`` under ``--strict``).
    """
    if fmt == "text":
        return _text(findings, root)
    if fmt == "json":
        return _json(findings, root)
    if fmt == "github":
        return _github(findings, root)
    if fmt == "junit":
        return _junit(findings, root, fail_on)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {
        "errors": counts[Severity.error],
        "warnings": counts[Severity.warning],
        "info": counts[Severity.info],
        "total": len(findings),
    }


def summary_line(findings: list[Finding]) -> str:
    counts = summary(findings)
    parts = [
        _count(counts["errors"], "error", "errors"),
        _count(counts["warnings"], "warning", "warnings"),
    ]
    if counts["info"]:
        parts.append(f"{counts['info']} info")
    return ", ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def headline(finding: Finding, root: str | Path | None) -> str:
    where = location(shown_path(finding, root), finding.line, finding.col)
    prefix = f"{where}: " if where else ""
    return f"{prefix}{finding.code} {finding.message}"


def fix_block(fix: str, indent: str = FIX_INDENT) -> str:
    first, *rest = fix.splitlines() or [""]
    lines = [f"{indent}fix: {first}"] + [f"{indent}{line}" for line in rest]
    return "\n".join(lines)


def finding_text(finding: Finding, root: str | Path | None = None) -> str:
    """The headline, and the fix indented below it when there is one."""
    text = headline(finding, root)
    return f"{text}\n{fix_block(finding.fix)}" if finding.fix else text


def _text(findings: list[Finding], root: str | Path | None) -> str:
    return "\n".join([*(finding_text(f, root) for f in findings), summary_line(findings)])


def _json(findings: list[Finding], root: str | Path | None) -> str:
    items = []
    for finding in findings:
        item = finding.to_dict()
        item["path"] = shown_path(finding, root)
        items.append(item)
    return json.dumps(
        {"findings": items, "summary": summary(findings)}, ensure_ascii=False, indent=2
    )


def _github(findings: list[Finding], root: str | Path | None) -> str:
    out = []
    for finding in findings:
        message = finding.message + (f"\nfix: {finding.fix}" if finding.fix else "")
        out.append(
            annotation(
                LEVELS[finding.severity],
                message,
                file=shown_path(finding, root),
                line=finding.line,
                col=finding.col,
                title=finding.code,
            )
        )
    out.append(summary_line(findings))
    return "\n".join(out)


def _junit(findings: list[Finding], root: str | Path | None, fail_on: Severity) -> str:
    from .junit import Case, junit_xml  # xml.etree: only for this format (not in every build)

    cases = []
    for finding in findings:
        path = shown_path(finding, root)
        body = headline(finding, root) + (f"\nfix: {finding.fix}" if finding.fix else "")
        fails = finding.severity.rank >= fail_on.rank
        cases.append(
            Case(
                classname=f"seloste.{finding.code}",
                name=f"{finding.code} {location(path, finding.line, finding.col) or '(no location)'}",
                failure=f"{finding.code} {finding.message}" if fails else None,
                body=body,
                file=path,
                line=finding.line,
            )
        )
    if not cases:
        cases.append(Case(classname="seloste", name="no findings"))
    return junit_xml("seloste check", cases)
