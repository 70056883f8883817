"""Report formats: text for people, json for scripts, github annotations, junit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from seloste.findings import Finding, Severity
from seloste.report import FORMATS, format_findings, format_scan
from seloste.report.github import escape_data, escape_property
from seloste.scan.model import Detection, ScanResult, UnknownHost

T101 = Finding(
    "T101",
    Severity.error,
    "tracker Hotjar (hotjar) is not declared: found on 1 page (index.html); evidence: 100% <b>",
    "index.html",
    14,
    None,
    "add to data/registry.yaml under `services:`\n  - id: hotjar\n    ids: ['3712345']",
    {"located_in": "site", "service": "hotjar"},
    origin="site",
)
T102 = Finding(
    "T102",
    Severity.warning,
    "declared service Google Ads (google-ads) was not found, in any of 5 files",
    "data/registry.yaml",
    8,
    5,
    "remove it",
    {"located_in": "registry", "service": "google-ads"},
    origin="registry",
)
T104 = Finding("T104", Severity.info, "Google Tag Manager (GTM-X) runs", "en/a.html", 3)
NOLOC = Finding("R100", Severity.error, "registry file not found")
ALL = [T102, T101, T104]


# --- text -----------------------------------------------------------------------------------


def test_text_is_one_line_per_finding_with_indented_fix_and_a_summary():
    out = format_findings(ALL, "text", root="site")
    lines = out.splitlines()
    assert lines[0] == (
        "data/registry.yaml:8:5: T102 declared service Google Ads (google-ads) was not found, "
        "in any of 5 files"
    )
    assert lines[1] == "    fix: remove it"
    assert lines[2].startswith("site/index.html:14: T101 tracker Hotjar")
    assert lines[3:6] == [
        "    fix: add to data/registry.yaml under `services:`",
        "      - id: hotjar",
        "        ids: ['3712345']",
    ]
    assert lines[6] == "en/a.html:3: T104 Google Tag Manager (GTM-X) runs"  # no origin
    assert lines[-1] == "1 error, 1 warning, 1 info"


def test_text_summary_when_clean_and_without_location():
    assert format_findings([], "text") == "0 errors, 0 warnings"
    assert format_findings([NOLOC], "text").splitlines()[0] == "R100 registry file not found"


# --- json -----------------------------------------------------------------------------------


def test_json_is_one_object_with_findings_and_summary():
    data = json.loads(format_findings(ALL, "json", root="site/"))
    assert data["summary"] == {"errors": 1, "warnings": 1, "info": 1, "total": 3}
    first = data["findings"][1]
    assert first["code"] == "T101" and first["severity"] == "error"
    assert first["path"] == "site/index.html" and first["line"] == 14
    assert first["fix"].endswith("ids: ['3712345']")
    assert first["data"]["service"] == "hotjar"
    assert data["findings"][0]["path"] == "data/registry.yaml"


# --- github ---------------------------------------------------------------------------------


def test_github_escaping_follows_the_runner_rules():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotations_per_finding():
    lines = format_findings([*ALL, NOLOC], "github", root="site").splitlines()
    assert lines[0].startswith("::warning file=data/registry.yaml,line=8,col=5,title=T102::")
    assert "was not found, in any of 5 files%0Afix: remove it" in lines[0]
    assert lines[1].startswith("::error file=site/index.html,line=14,title=T101::")
    assert "evidence: 100%25 <b>%0Afix: add to" in lines[1]
    assert "%0A  - id: hotjar%0A    ids: ['3712345']" in lines[1]
    assert lines[2].startswith("::notice file=en/a.html,line=3,title=T104::")
    assert lines[3] == "::error title=R100::registry file not found"
    # One workflow command per line: the message's own newlines are all escaped.
    assert all(line.startswith("::") for line in lines[:-1])


def test_github_escapes_commas_and_colons_in_paths():
    odd = Finding("T105", Severity.warning, "x", "a,b:c.html", 1, origin="site")
    assert format_findings([odd], "github").startswith("::warning file=a%2Cb%3Ac.html,line=1,")


# --- junit ----------------------------------------------------------------------------------


def _parse(xml: str) -> ET.Element:
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(xml.encode("utf-8"))


def test_junit_one_testcase_per_finding_failures_for_errors():
    root = _parse(format_findings(ALL, "junit", root="site"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == ["seloste.T102", "seloste.T101", "seloste.T104"]
    failure = cases[1].find("failure")
    assert failure.get("message").startswith("T101 tracker Hotjar")
    assert "ids: ['3712345']" in failure.text
    assert cases[1].get("file") == "site/index.html" and cases[1].get("line") == "14"
    assert cases[0].find("failure") is None and "remove it" in cases[0].find("system-out").text


def test_junit_strict_counts_warnings_as_failures():
    suite = _parse(format_findings(ALL, "junit", fail_on=Severity.warning)).find("testsuite")
    assert suite.get("failures") == "2"


def test_junit_survives_characters_xml_cannot_carry():
    nasty = Finding("T105", Severity.error, 'bad \x00\x1b byte & <tag> "q"', "a.html", 1)
    failure = _parse(format_findings([nasty], "junit")).find("testsuite/testcase/failure")
    assert failure.get("message") == 'T105 bad \ufffd\ufffd byte & <tag> "q"'


def test_junit_without_findings_has_one_passing_case():
    suite = _parse(format_findings([], "junit")).find("testsuite")
    assert suite.get("tests") == "1" and suite.get("failures") == "0"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="use one of"):
        format_findings(ALL, "xml")
    assert FORMATS == ("text", "json", "github", "junit")


# --- scan results ---------------------------------------------------------------------------

GA = "https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"
RESULT = ScanResult(
    detections=[
        Detection(
            "google-analytics",
            f"p{i}.html",
            5,
            GA,
            True,
            ("G-7QK2LMN3PZ",),
            "script-src",
            "material-consent",
        )
        for i in range(7)
    ]
    + [
        Detection(
            "meta-pixel",
            "index.html",
            9,
            "fbq('init', '1234567890')",
            False,
            ("1234567890",),
            "inline-script",
        )
    ],
    unknown_hosts=[
        UnknownHost(
            "cdn.widgets.io", "index.html", 3, "<script src=//cdn.widgets.io>", "script-src"
        )
    ],
    files_scanned=12,
    bytes_scanned=2_500_000,
)


def test_scan_json_is_exactly_the_result_contract():
    assert json.loads(format_scan(RESULT, "json")) == RESULT.to_dict()


def test_scan_text_groups_by_service_and_counts():
    out = format_scan(RESULT, "text", root="site")
    lines = out.splitlines()
    assert lines[0] == (
        "Google Analytics (google-analytics): 7 pages; id G-7QK2LMN3PZ; consent-gated 7 of 7"
    )
    assert lines[1] == (f"  site/p0.html:5  gated by Material  [script-src]  {GA}")
    assert "  … and 2 more" in lines
    assert "Meta Pixel (meta-pixel): 1 page; id 1234567890; consent-gated 0 of 1" in lines
    assert "  site/index.html:9  NOT gated  [inline-script]  fbq('init', '1234567890')" in lines
    assert "  cdn.widgets.io: 1 page" in lines
    assert lines[-1] == ("Scanned 12 files (2.5 MB): 2 services, 1 unknown third-party host.")


def test_scan_github_notices_one_per_service_and_host():
    lines = format_scan(RESULT, "github").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::notice file=p0.html,line=5,title=google-analytics::")
    assert lines[2].startswith("::notice file=index.html,line=3,title=cdn.widgets.io::")


def test_scan_junit_parses_with_a_case_per_service_and_host():
    suite = _parse(format_scan(RESULT, "junit")).find("testsuite")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert len(names) == 3 and names[2] == "unknown third-party host cdn.widgets.io"
    assert suite.get("failures") == "0"


def test_scan_of_an_empty_site():
    assert format_scan(ScanResult(), "text") == (
        "Scanned 0 files (0.0 MB): 0 services, 0 unknown third-party hosts."
    )
    assert _parse(format_scan(ScanResult(), "junit")).find("testsuite").get("tests") == "1"


def test_gating_labels_name_the_mechanism_and_seloste_its_own():
    """Seloste's gating uses cookieconsent's markup; with its script on the page, it is Seloste's."""
    from seloste.report import format_scan
    from seloste.scan import Scanner

    snippet = (
        '<script type="text/plain" data-category="analytics" '
        'src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>'
    )
    ours = f'<head><script src="assets/javascripts/seloste-consent.js"></script></head>{snippet}'
    theirs = f'<head><script src="cookieconsent.umd.js"></script></head>{snippet}'
    scanner = Scanner()
    seloste = scanner.scan_html("ours.html", ours).detections[0]
    other = scanner.scan_html("theirs.html", theirs).detections[0]
    assert (seloste.gating, seloste.consent_gated) == ("seloste", True)
    assert (other.gating, other.consent_gated) == ("vanilla-cookieconsent", True)
    text = format_scan(scanner.scan_html("ours.html", ours), "text")
    assert "gated by Seloste" in text and "vanilla-cookieconsent" not in text
    assert "gated by cookieconsent" in format_scan(scanner.scan_html("t.html", theirs), "text")
