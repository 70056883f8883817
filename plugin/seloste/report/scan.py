"""What ``seloste scan`` prints: the evidence found, grouped per service and host."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .. import catalog
from ..messages import msg, number
from ..scan.model import Detection, ScanResult, UnknownHost
from .github import annotation
from .junit import Case, junit_xml

if TYPE_CHECKING:
    from ..sitesources import SourceHit, Sources

#: Occurrences listed per service in the text format before "… and N more".
TEXT_LIMIT = 5


def format_scan(
    result: ScanResult,
    fmt: str = "text",
    *,
    root: str | Path | None = None,
    limit: int = TEXT_LIMIT,
    sources: Sources | None = None,
    unloaded: frozenset[str] | set[str] = frozenset(),
    names: Mapping[str, str] | None = None,
) -> str:
    """``sources``: the project that built the site; each detection then names the file and
    line it came from (json: ``source``; the built file stays ``path``/``line``).
    ``unloaded``: paths of JS/CSS files no page loads (json: ``"loaded": false``).
    ``names``: service id → the name the registry gives it (the declared view's, with
    ``--registry``); other services go by the catalogue's name."""
    names = names or {}
    if fmt == "text":
        return _text(result, root, limit, sources, unloaded, names)
    if fmt == "json":
        return json.dumps(_json(result, sources, unloaded), ensure_ascii=False, indent=2)
    if fmt == "github":
        return _github(result, root, sources, names)
    if fmt == "junit":
        return _junit(result, root, sources, names)
    raise ValueError(f"unknown format {fmt!r}; use one of text, json, github, junit")


def _source(sources: Sources | None, item: Detection | UnknownHost) -> SourceHit | None:
    if sources is None:
        return None
    return sources.locate(getattr(item, "ids", ()), item.host)


def _json(result: ScanResult, sources: Sources | None, unloaded: frozenset[str] | set[str]) -> dict:
    out = result.to_dict()
    if sources is None and not unloaded:
        return out
    items: list[Detection | UnknownHost] = [*result.detections, *result.unknown_hosts]
    shown = [*out["detections"], *out["unknown_hosts"]]
    for item, entry in zip(items, shown, strict=True):
        hit = _source(sources, item)
        if hit is not None:
            entry["source"] = hit.to_dict()
        if item.path in unloaded:
            entry["loaded"] = False
    return out


def _where(
    root: str | Path | None, sources: Sources | None, item: Detection | UnknownHost
) -> tuple[str, int, int | None]:
    """Where an annotation points: the source file when known (the built site is not in the
    repository), else the built file."""
    hit = _source(sources, item)
    if hit is not None:
        return hit.path, hit.line, hit.col
    return _under(root, item.path), item.line, None


def _source_line(sources: Sources | None, item: Detection | UnknownHost, indent: str) -> list[str]:
    hit = _source(sources, item)
    if hit is None:
        return []
    if hit.more:
        return [indent + msg("report.scan.source-more", source=hit.location, more=hit.more)]
    return [indent + msg("report.scan.source", source=hit.location)]


def _under(root: str | Path | None, path: str) -> str:
    return path if root is None else str(PurePosixPath(Path(root).as_posix()) / path)


def _by_service(result: ScanResult) -> dict[str, list[Detection]]:
    groups: dict[str, list[Detection]] = defaultdict(list)
    for detection in result.detections:
        groups[detection.service].append(detection)
    return {k: sorted(v, key=lambda d: (d.path, d.line)) for k, v in sorted(groups.items())}


def _by_host(result: ScanResult) -> dict[str, list[UnknownHost]]:
    groups: dict[str, list[UnknownHost]] = defaultdict(list)
    for unknown in result.unknown_hosts:
        groups[unknown.host.lower()].append(unknown)
    return {k: sorted(v, key=lambda u: (u.path, u.line)) for k, v in sorted(groups.items())}


def _name(service_id: str, names: Mapping[str, str]) -> str:
    """What the signatures found, by the registry's name for it when declared."""
    if service_id in names:
        return names[service_id]
    info = catalog.service(service_id)
    return info.name if info else service_id


def _pages(items: list) -> int:
    return len({item.path for item in items})


def _pages_text(n: int) -> str:
    return msg("report.scan.pages.one", n=n) if n == 1 else msg("report.scan.pages.many", n=n)


def _ids(detections: list[Detection]) -> list[str]:
    return list(dict.fromkeys(i for d in detections for i in d.ids))


def _service_summary(service_id: str, detections: list[Detection], names: Mapping[str, str]) -> str:
    gated = sum(1 for d in detections if d.consent_gated)
    parts = [_pages_text(_pages(detections))]
    ids = _ids(detections)
    if len(ids) == 1:
        parts.append(msg("report.scan.id", ids=ids[0]))
    elif ids:
        parts.append(msg("report.scan.ids", ids=", ".join(ids)))
    parts.append(msg("report.scan.gated_count", gated=gated, total=len(detections)))
    return f"{_name(service_id, names)} ({service_id}): {'; '.join(parts)}"


#: The mechanism behind a gating convention, as people know it (json keeps the ids).
MECHANISMS = {
    "seloste": "Seloste",
    "material-consent": "Material",
    "vanilla-cookieconsent": "cookieconsent",
    "vanilla-cookieconsent-optout": "cookieconsent opt-out",
    "klaro": "Klaro",
    "cookiebot": "Cookiebot",
    "cookiebot-auto": "Cookiebot automatic blocking",
    "consent-mode-advanced": "Google Consent Mode, advanced",
}


def _gate(detection: Detection) -> str:
    if detection.consent_gated is None:  # the site's own code decides at run time
        return msg("report.scan.gated_by_site")
    mechanism = MECHANISMS.get(detection.gating, detection.gating)
    if detection.consent_gated:
        return (
            msg("report.scan.gated_by", mechanism=mechanism)
            if mechanism
            else msg("report.scan.gated")
        )
    if mechanism:
        return msg("report.scan.not_gated_by", mechanism=mechanism)
    return msg("report.scan.not_gated")


def _text(
    result: ScanResult,
    root: str | Path | None,
    limit: int,
    sources: Sources | None,
    unloaded: frozenset[str] | set[str] = frozenset(),
    names: Mapping[str, str] | None = None,
) -> str:
    names = names or {}
    services, hosts = _by_service(result), _by_host(result)
    out = []
    for service_id, detections in services.items():
        out.append(_service_summary(service_id, detections, names))
        out += _source_line(sources, detections[0], "  ")
        for d in detections[:limit]:
            kind = f"  [{d.kind}]" if d.kind else ""
            if d.path in unloaded:
                kind += "  " + msg("report.scan.unloaded")
            out.append(f"  {_under(root, d.path)}:{d.line}  {_gate(d)}{kind}  {d.evidence}")
        if len(detections) > limit:
            out.append("  " + msg("report.scan.more", n=len(detections) - limit))
        out.append("")
    if hosts:
        out.append(msg("report.scan.unknown_hosts"))
        for host, items in hosts.items():
            out.append(f"  {host}: {_pages_text(_pages(items))}")
            out += _source_line(sources, items[0], "    ")
            for u in items[:limit]:
                kind = f"  [{u.kind}]" if u.kind else ""
                out.append(f"    {_under(root, u.path)}:{u.line}{kind}  {u.evidence}")
            if len(items) > limit:
                out.append("    " + msg("report.scan.more", n=len(items) - limit))
        out.append("")
    megabytes = result.bytes_scanned / 1_000_000
    files, found, unknown = result.files_scanned, len(services), len(hosts)
    out.append(
        msg(
            "report.scan.total",
            files=msg("report.scan.files.one", n=files)
            if files == 1
            else msg("report.scan.files.many", n=files),
            megabytes=number(megabytes, 1),
            services=msg("report.scan.services.one", n=found)
            if found == 1
            else msg("report.scan.services.many", n=found),
            hosts=msg("report.scan.hosts.one", n=unknown)
            if unknown == 1
            else msg("report.scan.hosts.many", n=unknown),
        )
    )
    return "\n".join(out)


def _github(
    result: ScanResult,
    root: str | Path | None,
    sources: Sources | None,
    names: Mapping[str, str],
) -> str:
    out = []
    for service_id, detections in _by_service(result).items():
        first = detections[0]
        file, line, col = _where(root, sources, first)
        out.append(
            annotation(
                "notice",
                f"{_service_summary(service_id, detections, names)}\n"
                + msg("report.scan.evidence", evidence=first.evidence),
                file=file,
                line=line,
                col=col,
                title=service_id,
            )
        )
    for host, items in _by_host(result).items():
        sample = items[0]
        file, line, col = _where(root, sources, sample)
        out.append(
            annotation(
                "notice",
                msg("report.scan.unknown_host", host=host, pages=_pages_text(_pages(items)))
                + "\n"
                + msg("report.scan.evidence", evidence=sample.evidence),
                file=file,
                line=line,
                col=col,
                title=host,
            )
        )
    return "\n".join(out)


def _junit(
    result: ScanResult,
    root: str | Path | None,
    sources: Sources | None,
    names: Mapping[str, str],
) -> str:
    cases = []
    for service_id, detections in _by_service(result).items():
        lines = _source_line(sources, detections[0], "")
        lines += [
            f"{_under(root, d.path)}:{d.line} {_gate(d)} {d.kind} {d.evidence}" for d in detections
        ]
        file, line, _ = _where(root, sources, detections[0])
        cases.append(
            Case(
                classname="seloste.scan",
                name=_service_summary(service_id, detections, names),
                body="\n".join(lines),
                file=file,
                line=line,
            )
        )
    for host, items in _by_host(result).items():
        lines = _source_line(sources, items[0], "")
        lines += [f"{_under(root, u.path)}:{u.line} {u.kind} {u.evidence}" for u in items]
        file, line, _ = _where(root, sources, items[0])
        cases.append(
            Case(
                classname="seloste.scan.unknown-host",
                name=f"unknown third-party host {host}",
                body="\n".join(lines),
                file=file,
                line=line,
            )
        )
    if not cases:
        cases.append(Case(classname="seloste.scan", name="no trackers found"))
    return junit_xml("seloste scan", cases)
