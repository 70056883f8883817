"""The "what to write instead" part of each finding: YAML to paste, markup to change.

Marketers copy these lines into ``data/registry.yaml`` as they are, so they are
valid YAML at the indentation the registry format documents, and every id is
quoted (an unquoted ``ids: [3712345]`` would be read as a number).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..messages import msg
from .declarations import Declarations

CATEGORY_CHOICES = "necessary | preferences | statistics | marketing"


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def flow_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(quoted(v) for v in values) + "]"


def service_entry(service_id: str, ids: list[str], *, custom: bool = False, hosts=()) -> str:
    lines = [f"  - id: {service_id}"]
    if custom:
        # Everything the notices and lint need (L134 asks for provider and privacy_url),
        # so one round of filling in the … is enough.
        lines.append(f"    name: …  # {msg('T.yaml.name')}")
        lines.append(f"    provider: …  # {msg('T.yaml.provider')}")
        lines.append(f"    privacy_url: …  # {msg('T.yaml.privacy-url')}")
        lines.append(f"    category: …  # {CATEGORY_CHOICES}")
    if ids:
        lines.append(f"    ids: {flow_list(ids)}")
    if hosts:
        lines.append(f"    hosts: {flow_list(hosts)}")
    return "\n".join(lines)


def add_under_services(decl: Declarations, entry: str) -> str:
    if decl.has_services_key:
        return msg("T.add-under-services.fix", registry=decl.path, entry=entry)
    return msg("T.add-services.fix", registry=decl.path, entry=entry)


def consent_purpose(path: str) -> str:
    return msg("T.consent-purpose.fix", registry=path)


def add_first_party(decl: Declarations, host: str) -> str:
    if decl.has_first_party_key:
        return msg("T.add-under-first-party.fix", registry=decl.path, host=host)
    return msg("T.add-first-party.fix", registry=decl.path, host=host)


def ignore_entry(decl: Declarations, key: str, reason: str) -> str:
    return msg("T.ignore-entry.fix", registry=decl.path, key=key, reason=reason)


#: How to hold back each kind of evidence until consent, by where the scanner found it.
GATING_BY_KIND: dict[str, Callable[[str], str]] = {
    "script-src": lambda category: msg("T.gating.script-src", category=category),
    "inline-script": lambda category: msg("T.gating.inline-script", category=category),
    "js-file": lambda category: msg("T.gating.js-file", category=category),
    "noscript": lambda category: msg("T.gating.noscript"),
    "img": lambda category: msg("T.gating.img", category=category),
    "iframe": lambda category: msg("T.gating.iframe", category=category),
    "link": lambda category: msg("T.gating.link"),
    "css": lambda category: msg("T.gating.css"),
    "style": lambda category: msg("T.gating.style"),
}


def gating_fix(category: str, kinds: list[str], evidence: list[str], material: bool = False) -> str:
    """``material``: the evidence may be Material for MkDocs' own ``extra.analytics`` code."""
    lines = [msg("T.gating.load-after-consent")]
    if material or any("__md_analytics" in text for text in evidence):
        lines.append("  - " + msg("T.gating.material"))
    for kind in kinds:
        advice = GATING_BY_KIND.get(kind)
        if advice:
            lines.append("  - " + advice(category))
    if len(lines) == 1:
        lines.append("  - " + msg("T.gating.mark", category=category))
    lines.append(msg("T.gating.runs-after", category=category))
    return "\n".join(lines)
