"""Property: any scan result, however odd, audits and reports without crashing."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BARE_REGISTRY
from seloste import catalog
from seloste.audit import CODES, audit
from seloste.registry import parse_registry
from seloste.report import FORMATS, format_findings, format_scan
from seloste.scan.model import Detection, ScanResult, UnknownHost

REGISTRY = (
    BARE_REGISTRY
    + """\
services:
  - id: google-analytics
    ids: ['G-7QK2LMN3PZ']
  - id: meta-pixel
  - id: google-tag-manager
  - id: our-stats
    name: Our stats
    category: statistics
    hosts: [stats.example.net]
first_party_hosts: [example.fi]
lint:
  ignore:
    - code: T102:meta-pixel
      reason: test
"""
)
LOADED = parse_registry(REGISTRY, "data/registry.yaml")

text = st.text(max_size=40)
service_ids = st.sampled_from(sorted(catalog.services())) | st.text(min_size=1, max_size=12)
hosts = st.sampled_from(["stats.example.net", "cdn.example.fi", "x.io", "", "ÄÖ.fi"]) | text
gatings = st.sampled_from(
    [
        "",
        "material-consent",
        "vanilla-cookieconsent",
        "klaro",
        "cookiebot",
        "cookiebot-auto",
        "consent-mode-advanced",
        "vanilla-cookieconsent-optout",
    ]
)
categories = (
    st.sampled_from(["", "analytics", "marketing", "necessary", "!marketing", "a,b"]) | text
)
paths = st.sampled_from(["index.html", "en/index.html", "a,b:c%.html", "x/y/z.js"]) | text
detections = st.builds(
    Detection,
    service=service_ids,
    path=paths,
    line=st.integers(min_value=1, max_value=10**6),
    evidence=text,
    consent_gated=st.booleans(),
    ids=st.lists(
        st.sampled_from(["G-7QK2LMN3PZ", "G-OTHER", "GTM-ABC", "123"]) | text, max_size=3
    ).map(tuple),
    kind=st.sampled_from(["script-src", "inline-script", "noscript", "img", "iframe", "link", ""]),
    gating=gatings,
    host=hosts,
    consent_category=categories,
)
unknown = st.builds(
    UnknownHost,
    host=hosts,
    path=paths,
    line=st.integers(min_value=1, max_value=1000),
    evidence=text,
    kind=st.sampled_from(["script-src", "img", ""]),
    consent_gated=st.booleans(),
)
results = st.builds(
    ScanResult,
    detections=st.lists(detections, max_size=12),
    unknown_hosts=st.lists(unknown, max_size=5),
    files_scanned=st.integers(min_value=0, max_value=100),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results)
def test_audit_and_every_format_survive_any_scan_result(result):
    findings = audit(LOADED, result)
    for finding in findings:
        assert finding.code in CODES
        assert finding.message and finding.fix
    assert not any(f.code == "T102" and f.data.get("service") == "meta-pixel" for f in findings)
    for fmt in FORMATS:
        out = format_findings(findings, fmt, root="site")
        scanned = format_scan(result, fmt, root="site")
        if fmt == "json":
            assert len(json.loads(out)["findings"]) == len(findings)
            assert json.loads(scanned) == result.to_dict()
        if fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
            ET.fromstring(scanned.encode("utf-8"))
        if fmt == "github":
            # One workflow command per finding: newlines inside messages are escaped.
            commands = [line for line in out.split("\n") if line.startswith("::")]
            assert len(commands) == len(findings)
