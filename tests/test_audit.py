"""The audit: each T code fires when it should, not otherwise, and says how to fix it."""

from __future__ import annotations

import textwrap

import pytest

from conftest import BARE_REGISTRY
from seloste.audit import CODES, AuditConfig, audit
from seloste.findings import Finding, Severity
from seloste.registry import load_registry
from seloste.scan.model import Detection, ScanResult, UnknownHost

HEAD = BARE_REGISTRY

GA_ID = "G-7QK2LMN3PZ"
GA_SRC = f"https://www.googletagmanager.com/gtag/js?id={GA_ID}"


def registry(tmp_path, body: str = ""):
    path = tmp_path / "registry.yaml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return load_registry(path, display_path="data/registry.yaml")


def det(service, path="index.html", line=10, *, ids=(), gated=True, kind="script-src", **kw):
    evidence = kw.pop("evidence", f"<script src=https://{service}.example/loader.js>")
    return Detection(service, path, line, evidence, gated, tuple(ids), kind, **kw)


def scan(*detections, unknown=(), files=5):
    return ScanResult(list(detections), list(unknown), files_scanned=files, bytes_scanned=1000)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [f.one_line() for f in findings]
    return matching[0]


GA_DECLARED = f"""\
services:
  - id: google-analytics
    ids: ['{GA_ID}']
"""


# --- clean ----------------------------------------------------------------------------------


def test_a_site_that_loads_exactly_what_it_declares_has_no_findings(tmp_path):
    loaded = registry(tmp_path, GA_DECLARED)
    result = scan(det("google-analytics", ids=[GA_ID], evidence=GA_SRC, gating="material-consent"))
    assert audit(loaded, result) == []


def test_an_empty_site_and_an_empty_registry_have_no_findings(tmp_path):
    assert audit(registry(tmp_path), scan()) == []


# --- T101 -----------------------------------------------------------------------------------


def test_t101_undeclared_tracker_is_one_error_per_service_naming_pages_evidence_and_yaml(tmp_path):
    loaded = registry(tmp_path, GA_DECLARED)
    hotjar = "static.hotjar.com/c/hotjar-'+h._hjSettings.hjid+'.js?sv='+h._hjSettings.hjsv"
    pages = ["404.html", "en/index.html", "about/index.html", "en/about/index.html", "index.html"]
    result = scan(*(det("hotjar", p, 14, ids=["3712345"], evidence=hotjar) for p in pages))
    finding = only(audit(loaded, result), "T101")
    assert finding.severity is Severity.error
    assert (finding.path, finding.line) == ("index.html", 14)  # the home page first
    assert "Hotjar (hotjar)" in finding.message
    assert "5 pages (index.html, 404.html, about/index.html and 2 more)" in finding.message
    assert "static.hotjar.com/c/hotjar-" in finding.message
    assert "3712345" in finding.message
    assert finding.fix.splitlines() == [
        "add to data/registry.yaml under `services:`",
        "  - id: hotjar",
        "    ids: ['3712345']",
        "(the privacy and cookie notices then list it; remove the code instead if the site "
        "should not load it)",
        # issue #10: hotjar needs consent, and no purpose says so yet (else L131 next round)
        "and, since no purpose in data/registry.yaml has `legal_basis: consent` yet, add under "
        "the register's `purposes:`",
        "      - description: {fi: …, en: …}  # e.g. Kävijätilastot / Visitor statistics",
        "        legal_basis: consent",
    ]
    assert finding.data["service"] == "hotjar"
    assert finding.data["pages"][0] == "index.html" and len(finding.data["pages"]) == 5


def test_t101_fix_yaml_is_valid_and_makes_the_finding_go_away(tmp_path):
    loaded = registry(tmp_path, "")
    result = scan(det("meta-pixel", ids=["123456789012345"], gated=True))
    fix = only(audit(loaded, result), "T101").fix
    # No `services:` key yet: the fix says to add it, with the entry under it.
    assert fix.splitlines()[:3] == [
        "add to data/registry.yaml:",
        "services:",
        "  - id: meta-pixel",
    ]
    yaml_part = "\n".join(fix.splitlines()[1:4])
    fixed = registry(tmp_path, yaml_part)
    assert fixed.registry.services[0].ids == ["123456789012345"]  # quoted: stays a string
    assert audit(fixed, result) == []


def test_t101_for_an_unknown_service_id_asks_for_name_and_category(tmp_path):
    result = scan(det("acme-tracker", ids=[], gated=True))
    fix = only(audit(registry(tmp_path), result), "T101").fix
    assert "  - id: acme-tracker" in fix
    assert "    name: …" in fix and "    category: …  # necessary | preferences" in fix


def test_t101_does_not_fire_for_a_declared_service(tmp_path):
    result = scan(det("google-analytics", ids=[GA_ID]))
    assert "T101" not in codes(audit(registry(tmp_path, GA_DECLARED), result))


def test_t101_page_list_uses_singular_for_one_page(tmp_path):
    result = scan(det("hotjar", "blog/index.html", ids=["1"]))
    assert (
        "found on 1 page (blog/index.html)"
        in only(audit(registry(tmp_path), result), "T101").message
    )


# --- T102 ----------------------------------------------------------------------------------


def test_t102_declared_but_not_seen_points_at_the_registry_line(tmp_path):
    loaded = registry(
        tmp_path,
        GA_DECLARED
        + """\
  - id: linkedin-insight
    ids: ['1234567']
""",
    )
    result = scan(det("google-analytics", ids=[GA_ID]))
    finding = only(audit(loaded, result), "T102")
    assert finding.severity is Severity.warning
    assert (finding.path, finding.line, finding.col) == ("data/registry.yaml", 8, 5)
    assert "LinkedIn Insight Tag (linkedin-insight)" in finding.message
    assert "was not found on the site (5 files scanned)" in finding.message
    assert "Tag Manager" not in finding.message
    assert "remove `- id: linkedin-insight`" in finding.fix


def test_t102_mentions_gtm_when_gtm_is_present_and_how_to_ignore_for_that_service(tmp_path):
    loaded = registry(
        tmp_path,
        """\
services:
  - id: google-tag-manager
  - id: google-ads
""",
    )
    result = scan(det("google-tag-manager", "index.html", 3, ids=["GTM-ABC1234"]))
    finding = only(audit(loaded, result), "T102")
    assert finding.data["service"] == "google-ads"
    assert "Google Tag Manager (GTM-ABC1234) is on 1 page and may load it" in finding.message
    assert "- code: T102:google-ads" in finding.fix
    assert "reason: loaded by Google Tag Manager" in finding.fix


def test_t102_not_for_a_service_that_is_seen(tmp_path):
    result = scan(det("google-analytics", ids=[GA_ID]))
    assert "T102" not in codes(audit(registry(tmp_path, GA_DECLARED), result))


def test_t102_for_a_custom_service_with_hosts_not_seen(tmp_path):
    loaded = registry(
        tmp_path,
        """\
services:
  - id: our-chat
    name: Our chat
    category: preferences
    hosts: [chat.example.net]
""",
    )
    findings = audit(loaded, scan())
    assert codes(findings) == ["T102"]  # checkable, and not seen


# --- custom services and first-party hosts ---------------------------------------------------


CUSTOM = """\
services:
  - id: our-stats
    name: Our stats
    category: statistics
    hosts: [stats.example.net]
first_party_hosts: [example.fi]
"""


def test_a_custom_services_hosts_declare_those_hosts(tmp_path):
    loaded = registry(tmp_path, CUSTOM)
    unknown = UnknownHost(
        "CDN.Stats.Example.NET", "index.html", 4, "<script src=…>", "script-src", True
    )
    assert audit(loaded, scan(unknown=[unknown])) == []  # seen (no T102), declared (no T105)


def test_a_custom_services_hosts_claim_a_catalogue_detection_on_that_host(tmp_path):
    # A self-hosted Matomo declared under the site's own id is not "undeclared matomo".
    loaded = registry(tmp_path, CUSTOM)
    result = scan(det("matomo", host="stats.example.net", gated=True))
    assert audit(loaded, result) == []


def test_first_party_hosts_and_allowed_hosts_are_not_unknown(tmp_path):
    loaded = registry(tmp_path, "first_party_hosts: [example.fi]\n")
    result = scan(
        unknown=[
            UnknownHost("static.example.fi", "index.html", 4, "static.example.fi/x.js"),
            UnknownHost("cdn.partner.io", "index.html", 5, "cdn.partner.io/x.js"),
        ]
    )
    finding = only(audit(loaded, result), "T105")
    assert "under `first_party_hosts:`\n  - cdn.partner.io\n" in finding.fix  # the key exists
    assert audit(loaded, result, config=AuditConfig(allow_hosts=("partner.io",))) == []


# --- T103 -----------------------------------------------------------------------------------


def test_t103_another_tracking_id_is_an_error_at_the_page_naming_the_declared_line(tmp_path):
    loaded = registry(tmp_path, GA_DECLARED)
    other = "G-OTHER12345"
    result = scan(
        det("google-analytics", "index.html", 12, ids=[GA_ID]),
        det(
            "google-analytics",
            "en/index.html",
            20,
            ids=[other],
            evidence=f"gtag('config','{other}')",
        ),
    )
    finding = only(audit(loaded, result), "T103")
    assert finding.severity is Severity.error
    assert (finding.path, finding.line) == ("en/index.html", 20)
    assert f"sends to id {other} on 1 page (en/index.html)" in finding.message
    assert f"data/registry.yaml:7 declares {GA_ID}" in finding.message
    assert f"    ids: ['{GA_ID}', '{other}']" in finding.fix
    assert finding.data["id"] == other


def test_t103_from_materials_analytics_points_at_mkdocs_yml(tmp_path):
    other = "G-OTHER12345"
    result = scan(
        det(
            "google-analytics",
            ids=[other],
            kind="inline-script",
            gating="material-consent",
            evidence=f'("config","{other}")',
        )
    )
    finding = only(audit(registry(tmp_path, GA_DECLARED), result), "T103")
    assert f"set `extra: analytics: property:` in mkdocs.yml to {GA_ID}" in finding.fix
    assert "replace the snippet" not in finding.fix


def test_t103_ids_compare_case_insensitively_and_not_without_declared_ids(tmp_path):
    result = scan(det("google-analytics", ids=[GA_ID.lower()]))
    assert "T103" not in codes(audit(registry(tmp_path, GA_DECLARED), result))
    no_ids = registry(tmp_path, "services:\n  - id: google-analytics\n")
    assert "T103" not in codes(audit(no_ids, scan(det("google-analytics", ids=["G-ANY"]))))


# --- T104 -----------------------------------------------------------------------------------


def test_t104_gtm_present_is_info_once_naming_the_container(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: google-tag-manager\n")
    result = scan(
        det("google-tag-manager", "index.html", 3, ids=["GTM-ABC1234"]),
        det("google-tag-manager", "en/index.html", 3, ids=["GTM-ABC1234"]),
    )
    findings = audit(loaded, result)
    assert codes(findings) == ["T104"]
    assert findings[0].severity is Severity.info
    assert "GTM-ABC1234" in findings[0].message and "2 pages" in findings[0].message


def test_undeclared_gtm_is_also_t101(tmp_path):
    result = scan(det("google-tag-manager", ids=["GTM-ABC1234"], gated=False))
    # GTM itself is in the "necessary" category, so no consent finding.
    assert sorted(codes(audit(registry(tmp_path), result))) == ["T101", "T104"]


# --- T105 -----------------------------------------------------------------------------------


def test_t105_unknown_host_aggregated_per_host_with_both_fixes(tmp_path):
    loaded = registry(tmp_path, GA_DECLARED)
    result = scan(
        unknown=[
            UnknownHost("cdn.widgets.io", "b.html", 9, "<script src=//cdn.widgets.io/w.js>"),
            UnknownHost("CDN.widgets.io", "a.html", 2, "<script src=//cdn.widgets.io/w.js>"),
        ]
    )
    finding = only(audit(loaded, result), "T105")
    assert finding.severity is Severity.warning
    assert (finding.path, finding.line) == ("a.html", 2)
    assert "cdn.widgets.io on 2 pages (a.html, b.html)" in finding.message
    assert "add to data/registry.yaml:\nfirst_party_hosts:\n  - cdn.widgets.io\n" in finding.fix
    assert "  - id: widgets\n" in finding.fix and "    hosts: ['cdn.widgets.io']" in finding.fix


# --- T106 / T107 / T108 ---------------------------------------------------------------------


def test_t106_consent_requiring_service_loading_ungated_is_an_error(tmp_path):
    loaded = registry(
        tmp_path,
        """\
services:
  - id: meta-pixel
    ids: ['123456789012345']
""",
    )
    result = scan(
        det(
            "meta-pixel",
            "index.html",
            8,
            ids=["123456789012345"],
            gated=False,
            kind="inline-script",
        ),
        det("meta-pixel", "index.html", 30, ids=["123456789012345"], gated=False, kind="noscript"),
        det("meta-pixel", "en/index.html", 8, ids=["123456789012345"], gated=True),
    )
    finding = only(audit(loaded, result), "T106")
    assert finding.severity is Severity.error
    assert "Meta Pixel (meta-pixel, category marketing) loads before the visitor consents" in (
        finding.message
    )
    assert "1 page (index.html)" in finding.message  # the gated en page is fine
    assert "917/2014" in finding.message
    assert 'type="text/plain" data-category="marketing"' in finding.fix
    assert "remove the `<noscript>` pixel" in finding.fix


def test_t106_not_when_gated_or_necessary_or_overridden(tmp_path):
    result = scan(det("recaptcha", gated=False), det("google-analytics", ids=[GA_ID], gated=True))
    loaded = registry(tmp_path, GA_DECLARED + "  - id: recaptcha\n")
    assert "T106" not in codes(audit(loaded, result))
    overridden = registry(tmp_path, "services:\n  - id: hotjar\n    category: necessary\n")
    assert "T106" not in codes(audit(overridden, scan(det("hotjar", gated=False))))


def test_t106_uses_the_registry_category_override(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: recaptcha\n    category: marketing\n")
    finding = only(audit(loaded, scan(det("recaptcha", gated=False))), "T106")
    assert "category marketing" in finding.message


def test_t106_material_analytics_fix_points_at_extra_consent(tmp_path):
    evidence = 'function __md_analytics(){var e=document.createElement("script")…gtag/js?id=G-…'
    result = scan(
        det("google-analytics", ids=[GA_ID], gated=False, kind="inline-script", evidence=evidence)
    )
    finding = only(audit(registry(tmp_path, GA_DECLARED), result), "T106")
    assert "`extra.consent`" in finding.fix


def test_t107_consent_mode_advanced_is_its_own_error_not_t106(tmp_path):
    result = scan(det("google-analytics", ids=[GA_ID], gated=False, gating="consent-mode-advanced"))
    findings = audit(registry(tmp_path, GA_DECLARED), result)
    assert codes(findings) == ["T107"]
    assert findings[0].severity is Severity.error
    assert "advanced mode" in findings[0].message and "basic consent mode" in findings[0].fix


def test_t108_cookieless_third_party_before_consent_is_a_warning(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: google-fonts\n")
    result = scan(
        det("google-fonts", gated=False, kind="link", evidence="fonts.googleapis.com/css")
    )
    finding = only(audit(loaded, result), "T108")
    assert finding.severity is Severity.warning
    assert "IP address" in finding.message and "3 O 17493/20" in finding.message
    assert "font: false" in finding.fix
    assert "T106" not in codes(audit(loaded, result))


def test_a_cookieless_service_the_registry_puts_in_a_category_needs_consent(tmp_path):
    """The registry's `category:` makes Plausible a banner choice (the declared view says it
    needs consent): loading it ungated is T106, an error, not the cookieless warning."""
    plausible = det("plausible", gated=False, evidence="plausible.io/js/script.js")
    loaded = registry(tmp_path, "services:\n  - id: plausible\n    category: statistics\n")
    findings = audit(loaded, scan(plausible))
    assert codes(findings) == ["T106"]
    assert findings[0].severity is Severity.error


def test_t108_names_the_provider_the_registry_gives(tmp_path):
    plausible = det("plausible", gated=False, evidence="plausible.io/js/script.js")
    body = "services:\n  - id: plausible\n    provider: Oma Analytiikka Oy\n"
    finding = only(audit(registry(tmp_path, body), scan(plausible)), "T108")
    assert "Oma Analytiikka Oy" in finding.message
    assert "Plausible Insights" not in finding.message


def test_t109_gated_under_another_category_is_an_error(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: meta-pixel\n")
    wrong = det(
        "meta-pixel", gated=True, gating="vanilla-cookieconsent", consent_category="analytics"
    )
    finding = only(audit(loaded, scan(wrong)), "T109")
    assert finding.severity is Severity.error
    assert "waits for consent to 'analytics', not to 'marketing'" in finding.message
    assert 'data-category="marketing"' in finding.fix
    assert "T106" not in codes(audit(loaded, scan(wrong)))


def test_t109_not_for_matching_aliases_cookiebot_lists_or_klaro(tmp_path):
    loaded = registry(tmp_path, GA_DECLARED + "  - id: meta-pixel\n")
    ok = [
        det(
            "google-analytics", ids=[GA_ID], gating="material-consent", consent_category="analytics"
        ),
        det("meta-pixel", gating="cookiebot", consent_category="statistics, marketing"),
        det("meta-pixel", "b.html", gating="klaro", consent_category="facebook"),
        det("meta-pixel", "c.html", gating="vanilla-cookieconsent", consent_category="custom-x"),
    ]
    assert audit(loaded, scan(*ok)) == []


def test_gated_as_necessary_is_not_gated(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: hotjar\n")
    result = scan(det("hotjar", gating="vanilla-cookieconsent", consent_category="necessary"))
    assert codes(audit(loaded, result)) == ["T106"]


def test_t111_cookiebot_auto_blocking_is_a_warning_not_t106(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: meta-pixel\n")
    result = scan(det("meta-pixel", gated=False, gating="cookiebot-auto", kind="inline-script"))
    finding = only(audit(loaded, result), "T111")
    assert finding.severity is Severity.warning
    assert "automatic blocking" in finding.message
    assert 'data-cookieconsent="marketing"' in finding.fix
    assert codes(audit(loaded, result)) == ["T111"]


def test_t106_opt_out_markup_explains_the_exclamation_mark(tmp_path):
    loaded = registry(tmp_path, "services:\n  - id: meta-pixel\n")
    optout = det(
        "meta-pixel",
        gated=False,
        gating="vanilla-cookieconsent-optout",
        consent_category="!marketing",
        kind="inline-script",
    )
    finding = only(audit(loaded, scan(optout)), "T106")
    assert "`data-category=\"!marketing\"` (with '!') runs the code when the visitor refuses" in (
        finding.fix
    )


def test_undeclared_custom_service_without_category_gets_no_consent_finding(tmp_path):
    assert codes(audit(registry(tmp_path), scan(det("acme", gated=False)))) == ["T101"]


# --- settings -------------------------------------------------------------------------------


def _noisy(tmp_path, lint: str = ""):
    loaded = registry(
        tmp_path, "services:\n  - id: google-tag-manager\n  - id: google-ads\n" + lint
    )
    result = scan(det("google-tag-manager", ids=["GTM-ABC1234"]), det("hotjar", gated=True))
    return loaded, result


def test_default_severities_match_the_code_table(tmp_path):
    loaded, result = _noisy(tmp_path)
    for finding in audit(loaded, result):
        assert finding.severity is CODES[finding.code].severity


def test_config_ignores_a_code_or_one_service_of_a_code(tmp_path):
    loaded, result = _noisy(tmp_path)
    assert sorted(codes(audit(loaded, result))) == ["T101", "T102", "T104"]
    assert "T104" not in codes(
        audit(loaded, result, config=AuditConfig(ignore=frozenset({"T104"})))
    )
    narrow = AuditConfig(ignore=frozenset({"T102:google-ads"}))
    assert "T102" not in codes(audit(loaded, result, config=narrow))
    other = AuditConfig(ignore=frozenset({"T102:meta-pixel"}))
    assert "T102" in codes(audit(loaded, result, config=other))


def test_config_changes_severity(tmp_path):
    loaded, result = _noisy(tmp_path)
    config = AuditConfig.from_options(severity={"T101": "warning", "T104": "error"})
    by_code = {f.code: f.severity for f in audit(loaded, result, config=config)}
    assert by_code["T101"] is Severity.warning and by_code["T104"] is Severity.error


def test_registry_lint_settings_apply_to_t_codes_and_the_caller_wins(tmp_path):
    lint = """\
lint:
  ignore:
    - code: T102:google-ads
      reason: loaded by GTM
  severity:
    T101: info
"""
    loaded, result = _noisy(tmp_path, lint)
    by_code = {f.code: f.severity for f in audit(loaded, result)}
    assert "T102" not in by_code
    assert by_code["T101"] is Severity.info
    config = AuditConfig.from_options(severity={"T101": "error"})
    assert {f.code: f.severity for f in audit(loaded, result, config=config)}["T101"] is (
        Severity.error
    )


def test_setting_keys_are_case_insensitive(tmp_path):
    loaded, result = _noisy(tmp_path)
    config = AuditConfig(ignore=frozenset({"t102:Google-Ads", "t104"}))
    assert "T102" not in codes(audit(loaded, result, config=config))
    assert "T104" not in codes(audit(loaded, result, config=config))


def test_t110_unknown_code_or_service_in_settings_points_at_the_registry_line(tmp_path):
    lint = """\
lint:
  ignore:
    - code: T102:google-adz
      reason: loaded by GTM
    - code: T999
      reason: typo
    - code: T105:cdn.partner.io
      reason: a host is fine
    - code: L101
      reason: lint checks its own codes
"""
    loaded, result = _noisy(tmp_path, lint)
    found = [f for f in audit(loaded, result) if f.code == "T110"]
    assert [(f.line, f.severity) for f in found] == [(10, Severity.warning), (12, Severity.warning)]
    assert "'google-adz' in 'T102:google-adz' is neither" in found[0].message
    assert "did you mean 'google-ads'?" in found[0].message
    assert "'T999' is not an audit code" in found[1].message
    # The misspelt ignore does not hide T102 for google-ads.
    assert "T102" in codes(audit(loaded, result))
    from_cli = audit(loaded, result, config=AuditConfig(ignore=frozenset({"T555"})))
    assert any(f.code == "T110" and f.path is None for f in from_cli)


def test_findings_are_ordered_registry_first_then_pages(tmp_path):
    loaded, result = _noisy(tmp_path)
    found = audit(loaded, result)
    assert found[0].path == "data/registry.yaml"
    assert all(f.data["located_in"] == "site" for f in found[1:])


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented_in_both_languages(code):
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    for lang in ("fi", "en"):
        text = (docs / lang / "codes-audit.md").read_text(encoding="utf-8")
        assert f"{{#{code}}}" in text, f"{code} missing from docs/{lang}/codes-audit.md"
        assert f"| [{code}](#{code}) |" in text, f"{code} missing from the table in docs/{lang}"
    english = (docs / "en" / "codes-audit.md").read_text(encoding="utf-8")
    row = next(line for line in english.splitlines() if line.startswith(f"| [{code}]"))
    expected = "input error" if code == "T100" else CODES[code].severity.value
    assert row.split("|")[2].strip() == expected
