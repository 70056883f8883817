"""Issue #10 findings 7, 8 and 10: declared hosts count only where something loads,
Material's implicit pre-ticked consent boxes, and fix hints that work in one round."""

from __future__ import annotations

import re

from conftest import MINIMAL_REGISTRY
from seloste.audit import audit
from seloste.audit.rules import _id_from_host
from seloste.audit.site import check_site
from seloste.consent import apply_consent
from seloste.lint import lint
from seloste.registry import load_registry
from seloste.scan import scanner_for
from seloste.scan.model import ScanResult

GITHUB_DECLARED = (
    MINIMAL_REGISTRY
    + """\
services:
  - id: github-repo
    name: GitHub
    provider: GitHub Inc.
    privacy_url: https://docs.github.com/site-policy/privacy-policies
    category: marketing
    hosts: [github.com]
"""
)
BUNDLE = (
    "/*! lunr-languages, see https://github.com/MihaiValentin/lunr-languages */\n"
    'var repo = "https://github.com/squidfunk/mkdocs-material";\n'
)


def load(tmp_path, text: str, name: str = "registry.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_registry(path, display_path="data/registry.yaml")


def scan_of(loaded, pages: dict[str, str], assets: dict[str, str]) -> ScanResult:
    scanner = scanner_for(loaded.registry, (), ())
    result = ScanResult()
    for path, html in pages.items():
        result.extend(scanner.scan_html(path, html))
    for path, js in assets.items():
        result.extend(scanner.scan_asset(path, js))
    return result


# -- 7 ------------------------------------------------------------------------------------


def test_a_declared_host_named_in_javascript_is_no_load(tmp_path):
    loaded = load(tmp_path, GITHUB_DECLARED)
    assets = {f"assets/javascripts/lunr/min/lunr.{lang}.min.js": BUNDLE for lang in "abcdefgh"}
    result = scan_of(loaded, {"index.html": "<html><body><p>Hi</p></body></html>"}, assets)
    findings = audit(loaded, result)
    assert not [f for f in findings if f.code == "T106"], [f.one_line() for f in findings]


def test_a_declared_host_that_loads_still_counts(tmp_path):
    loaded = load(tmp_path, GITHUB_DECLARED)
    page = '<html><body><img src="https://github.com/x/avatar.png"></body></html>'
    result = scan_of(loaded, {"index.html": page}, {"assets/bundle.js": BUNDLE})
    t106 = [f for f in audit(loaded, result) if f.code == "T106"]
    assert len(t106) == 1 and t106[0].path == "index.html"


# -- 8 ------------------------------------------------------------------------------------


def test_own_consent_without_cookies_reports_materials_pre_ticked_boxes(tmp_path):
    loaded = load(tmp_path, MINIMAL_REGISTRY + "services:\n  - id: google-analytics\n")
    extra = {
        "analytics": {"provider": "google", "property": "G-ABC123"},
        "consent": {"title": "Cookies", "description": "…", "actions": ["accept", "reject"]},
    }
    findings = apply_consent(
        extra, loaded, "en", "/cookies/", repo_url="https://github.com/acme/site"
    )
    c112 = {f.data["key"]: f for f in findings if f.code == "C112"}
    assert set(c112) == {"analytics", "github"}
    assert "Google Analytics' checkbox, ticked in advance" in c112["analytics"].message
    assert "`analytics: {name: Google Analytics, checked: false}`" in c112["analytics"].fix
    # the analytics category is asked about (with a ticked box): not "never asked"
    assert not [f for f in findings if f.code == "C111"]


# -- 10 -----------------------------------------------------------------------------------


def test_suggested_ids_name_the_service_not_the_company():
    assert _id_from_host("colab.research.google.com") == "colab-research-google"
    assert _id_from_host("opendatalab-mineru.ms.show") == "opendatalab-mineru-ms"
    assert _id_from_host("cdn.example.com") == "example"


FILLED = {
    "name": "Colab",
    "provider": "Esimerkki Oy",
    "privacy_url": "https://example.org/privacy",
    "category": "necessary",
}


def apply_fix(registry: str, fix: str) -> str:
    """Apply a finding's 'add to … under `services:`' block as a marketer would: paste it,
    fill in every … ."""
    block = re.search(r"add to \S+?(?: under `services:`|:\nservices:)\n((?:  .*\n?)+)", fix)
    assert block, fix
    lines = []
    for line in block.group(1).rstrip("\n").split("\n"):
        key = line.strip().lstrip("- ").split(":")[0]
        if "…" in line:
            line = line.split("…")[0] + FILLED[key]
        lines.append(line)
    pasted = "\n".join(lines) + "\n"
    if "\nservices:\n" in registry:
        registry = registry.replace("\nservices:\n", "\nservices:\n" + pasted, 1)
    else:
        registry += "services:\n" + pasted
    purpose = re.search(r"under the register's `purposes:`\n((?:      .*\n?)+)", fix)
    if purpose:
        text = purpose.group(1).split("#")[0].rstrip() + "\n" + purpose.group(1).split("\n")[1]
        text = text.replace("fi: …", "fi: Kävijätilastot").replace("en: …", "en: Statistics")
        registry = registry.replace("    purposes:\n", "    purposes:\n" + text + "\n", 1)
    return registry


def test_every_fix_template_works_in_one_round(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<html><body>"
        '<iframe src="https://colab.research.google.com/notebook"></iframe>'
        '<img src="https://static.hotjar.com/c/hotjar-1234567.js?sv=6">'
        "</body></html>",
        encoding="utf-8",
    )
    registry = MINIMAL_REGISTRY
    before = load(tmp_path, registry, "before.yaml")
    first = check_site(site, before).findings
    codes_before = {f.code for f in first} | {f.code for f in lint(before)}
    fixable = [f for f in first if f.code in ("T101", "T105")]
    assert {f.code for f in fixable} == {"T101", "T105"}, [f.one_line() for f in first]
    for finding in fixable:
        registry = apply_fix(registry, finding.fix)
    after = load(tmp_path, registry, "after.yaml")  # no R1xx: valid YAML, no placeholders
    second = check_site(site, after).findings + lint(after)
    fixed = {(f.code, f.data.get("host") or f.data.get("service")) for f in fixable}
    left = {(f.code, f.data.get("host") or f.data.get("service")) for f in second}
    assert not fixed & left
    new = {f.code for f in second} - codes_before
    # T106: hotjar is now declared and loads ungated, which was true before the fix too
    assert new <= {"T106"}, [f.one_line() for f in second if f.code in new]
