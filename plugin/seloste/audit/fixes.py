"""The "what to write instead" part of each finding: YAML to paste, markup to change.

Marketers copy these lines into ``data/registry.yaml`` as they are, so they are
valid YAML at the indentation the registry format documents, and every id is
quoted (an unquoted ``ids: [3712345]`` would be read as a number).
"""

from __future__ import annotations

from collections.abc import Iterable

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
        lines.append("    name: …  # the service's name as readers should see it")
        lines.append("    provider: …  # the company's registered name, e.g. Esimerkki Oy")
        lines.append("    privacy_url: …  # the address of the company's privacy policy")
        lines.append(f"    category: …  # {CATEGORY_CHOICES}")
    if ids:
        lines.append(f"    ids: {flow_list(ids)}")
    if hosts:
        lines.append(f"    hosts: {flow_list(hosts)}")
    return "\n".join(lines)


def add_under_services(decl: Declarations, entry: str) -> str:
    if decl.has_services_key:
        return f"add to {decl.path} under `services:`\n{entry}"
    return f"add to {decl.path}:\nservices:\n{entry}"


def consent_purpose(path: str) -> str:
    return (
        f"and, since no purpose in {path} has `legal_basis: consent` yet, add under the "
        "register's `purposes:`\n"
        "      - description: {fi: …, en: …}  # e.g. Kävijätilastot / Visitor statistics\n"
        "        legal_basis: consent"
    )


def add_first_party(decl: Declarations, host: str) -> str:
    if decl.has_first_party_key:
        return f"add to {decl.path} under `first_party_hosts:`\n  - {host}"
    return f"add to {decl.path}:\nfirst_party_hosts:\n  - {host}"


def ignore_entry(decl: Declarations, key: str, reason: str) -> str:
    return (
        f"add to {decl.path} under `lint:` → `ignore:`\n    - code: {key}\n      reason: {reason}"
    )


#: How to hold back each kind of evidence until consent, by where the scanner found it.
GATING_BY_KIND = {
    "script-src": 'write `<script type="text/plain" data-category="{category}" data-src="…">` '
    'instead of `<script src="…">`',
    "inline-script": 'write `<script type="text/plain" data-category="{category}">` '
    "instead of `<script>`",
    "js-file": "load that JavaScript file only from a script gated as "
    '`type="text/plain" data-category="{category}"`',
    "noscript": "remove the `<noscript>` pixel: it loads when JavaScript is off, where no "
    "consent banner can hold it back",
    "img": 'write `<img data-category="{category}" data-src="…">` instead of `<img src="…">`',
    "iframe": 'write `<iframe data-category="{category}" data-src="…">` instead of '
    '`<iframe src="…">`, or link to the content instead of embedding it',
    "link": "load the stylesheet or preconnect only after consent, or host the files yourself",
    "css": "host the files yourself instead of importing them from the third party",
    "style": "host the file yourself instead of pointing a `style` attribute at the third party",
}
MATERIAL_GATING = (
    "set `extra.consent` in mkdocs.yml (the seloste plugin fills it from the registry "
    "when enabled): Material then runs its analytics only after consent"
)


def gating_fix(category: str, kinds: list[str], evidence: list[str], material: bool = False) -> str:
    """``material``: the evidence may be Material for MkDocs' own ``extra.analytics`` code."""
    lines = ["load it only after consent:"]
    if material or any("__md_analytics" in text for text in evidence):
        lines.append(f"  - if it comes from Material's `extra.analytics`: {MATERIAL_GATING}")
    for kind in kinds:
        advice = GATING_BY_KIND.get(kind)
        if advice:
            lines.append("  - " + advice.format(category=category))
    if len(lines) == 1:
        lines.append(
            f'  - mark the code that loads it with `type="text/plain" data-category="{category}"`'
        )
    lines.append(
        "the seloste consent script runs such markup once the visitor accepts "
        f"the '{category}' category"
    )
    return "\n".join(lines)
