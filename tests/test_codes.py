"""The one table of finding codes: complete, documented, and the one source of severities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seloste.codes import CODES, FAMILIES, all_codes, finding
from seloste.findings import Finding, Severity
from seloste.policy import apply_settings, finding_keys
from seloste.registry.model import LintSettings

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "plugin" / "seloste"
CODE_RE = re.compile(r"""["']([RTLSCIGV]1\d\d)["']""")


def used_codes() -> set[str]:
    """Every code a finding is made with anywhere in the package's source."""
    found: set[str] = set()
    for path in PLUGIN.rglob("*.py"):
        found |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_family_is_in_the_one_table():
    assert {code[0] for code in all_codes()} == set(FAMILIES)


def test_every_code_the_source_uses_is_in_the_table():
    missing = sorted(used_codes() - set(CODES))
    assert not missing, f"add these codes to plugin/seloste/codes.yaml: {missing}"


@pytest.mark.parametrize("code", sorted(all_codes()))
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_each_code_is_documented(code, lang):
    entry = CODES[code]
    page = ROOT / "docs" / lang / f"{entry.page}.md"
    assert page.is_file(), f"{code}: no page docs/{lang}/{entry.page}.md"
    text = page.read_text(encoding="utf-8")
    anchors = {f"{{#{code}}}", f'id="{code}"'}
    assert any(a in text for a in anchors), (
        f"{code}: no anchor #{code} in docs/{lang}/{entry.page}.md"
    )
    assert entry.title.get(lang), f"{code}: no {lang} title"


def test_table_rows_are_well_formed():
    for code, entry in all_codes().items():
        assert re.fullmatch(r"[RTLSCIGV]1\d\d", code)
        assert isinstance(entry.severity, Severity)
        assert entry.anchor == f"{entry.page}/#{code}"


def test_severity_comes_from_the_table():
    assert finding("T102", "x").severity is CODES["T102"].severity is Severity.warning
    assert finding("R101", "x").severity is Severity.error


def test_one_policy_for_every_family():
    """Ignores by code, by code:subject and by code:field, and severities, for any family."""
    findings = [
        finding("C102", "a", subject="_mine", origin="registry", field=("cookies", 0)),
        finding("C102", "b", subject="_other", origin="registry", field=("cookies", 1)),
        finding("T102", "c", subject="google-ads", origin="registry"),
        finding("L126", "d", field=("rights", "notes", "access"), origin="registry"),
        finding("S101", "e"),
    ]
    settings = LintSettings.model_validate(
        {
            "ignore": [
                {"code": "c102:_MINE", "reason": "r"},
                {"code": "L126:rights.notes", "reason": "r"},
            ],
            "severity": {"T102": "error"},
        }
    )
    out = apply_settings(findings, settings, severity={"S101": "info"})
    assert [(f.message, f.severity.value) for f in out] == [
        ("b", "warning"),
        ("c", "error"),
        ("e", "info"),
    ]


def test_keys_most_specific_first():
    f = Finding("L126", Severity.warning, "m", field=("rights", "notes"), subject="x")
    assert finding_keys(f) == ("L126:x", "L126:rights.notes", "L126:rights", "L126")


def test_findings_carry_typed_location_in_json():
    out = finding("T105", "m", subject="cdn.example", origin="site").to_dict()
    assert out["origin"] == "site" and out["subject"] == "cdn.example" and out["field"] == []


def test_codes_yaml_has_no_duplicate_codes():
    from seloste.yamlpos import load_located

    load_located((PLUGIN / "codes.yaml").read_text(encoding="utf-8"))  # R102 on a duplicate


def test_no_finding_types_its_severity_by_hand():
    """The severity of every finding comes from the table (``codes.finding`` or
    ``CODES[code].severity``), never a ``Severity.error`` typed at the call site: the table,
    the docs and the reports then cannot disagree about how loud a code is."""
    import ast

    offenders = []
    for path in sorted(PLUGIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Finding"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Attribute)
                and isinstance(node.args[1].value, ast.Name)
                and node.args[1].value.id == "Severity"
            ):
                offenders.append(f"{path.relative_to(PLUGIN)}:{node.lineno}")
    assert not offenders, "severity typed by hand at " + ", ".join(offenders)


def test_every_finding_says_where_it_comes_from():
    """Every finding the package makes carries its typed origin ("registry", "site",
    "config", "input"): the reports decide by it (a built page's path is shown under the
    site folder), never by what a finding's ``data`` happens to hold."""
    import ast

    offenders = []
    for path in sorted(PLUGIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("Finding", "finding")
                and not any(k.arg in ("origin", None) for k in node.keywords)
            ):
                offenders.append(f"{path.relative_to(PLUGIN)}:{node.lineno}")
    assert not offenders, "a finding without origin at " + ", ".join(offenders)
