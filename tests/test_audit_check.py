"""``seloste check DIR``: exit codes 0/1/2 and formats, on real HTML and a real MkDocs build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BARE_REGISTRY, HOTJAR_SNIPPET
from seloste.cli import main

GA_ID = "G-7QK2LMN3PZ"
REGISTRY = BARE_REGISTRY
GA_DECLARED = REGISTRY + f"services:\n  - id: google-analytics\n    ids: ['{GA_ID}']\n"

GATED_GA = f"""\
<!doctype html><html><head>
<script type="text/plain" data-category="statistics" async
  data-src="https://www.googletagmanager.com/gtag/js?id={GA_ID}"></script>
<script type="text/plain" data-category="statistics">
window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
gtag('js', new Date()); gtag('config', '{GA_ID}');
</script>
</head><body><p>Tervetuloa</p></body></html>
"""
HOTJAR = HOTJAR_SNIPPET + "\n"


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    root = tmp_path / "site"
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    return root


def registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_exit_0_when_the_site_loads_what_it_declares(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA, "en/index.html": GATED_GA})
    result = check(root, "-r", registry(tmp_path, GA_DECLARED))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings"


def test_exit_1_on_an_undeclared_tracker_naming_it_and_the_fix(tmp_path):
    hotjar_page = GATED_GA.replace("</head>", HOTJAR + "</head>")
    root = site(tmp_path, {"index.html": hotjar_page, "en/index.html": hotjar_page})
    result = check(root, "-r", registry(tmp_path, GA_DECLARED))
    assert result.exit_code == 1, result.output
    t101 = next(line for line in result.output.splitlines() if " T101 " in line)
    assert t101.startswith(f"{root}/index.html:")
    assert "Hotjar (hotjar) with id 3712345" in t101 and "2 pages" in t101
    assert "      - id: hotjar\n        ids: ['3712345']" in result.output
    assert result.output.splitlines()[-1] == "2 errors, 0 warnings"  # T101 and T106


def test_declaring_the_tracker_as_the_fix_says_clears_t101(tmp_path):
    hotjar_page = GATED_GA.replace(
        "</head>",
        HOTJAR.replace("<script>", '<script type="text/plain" data-category="statistics">')
        + "</head>",
    )
    root = site(tmp_path, {"index.html": hotjar_page})
    declared = GA_DECLARED + "  - id: hotjar\n    ids: ['3712345']\n"
    result = check(root, "-r", registry(tmp_path, declared))
    assert result.exit_code == 0, result.output


def test_warnings_pass_unless_strict(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA})
    reg = registry(tmp_path, GA_DECLARED + "  - id: linkedin-insight\n")
    relaxed = check(root, "-r", reg)
    assert relaxed.exit_code == 0 and " T102 " in relaxed.output
    strict = check(root, "-r", reg, "--strict")
    assert strict.exit_code == 1


def test_ignore_option_and_registry_lint_ignore(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA})
    text = GA_DECLARED + "  - id: linkedin-insight\n"
    assert (
        check(root, "-r", registry(tmp_path, text), "--strict", "--ignore", "T102").exit_code == 0
    )
    ignored = (
        text + "lint:\n  ignore:\n    - code: T102:linkedin-insight\n      reason: loaded by GTM\n"
    )
    assert check(root, "-r", registry(tmp_path, ignored), "--strict").exit_code == 0


def test_severity_option_changes_the_exit_code(tmp_path):
    page = GATED_GA.replace(
        "</head>", '<script src="https://cdn.mycdn.net/app.js"></script></head>'
    )
    root = site(tmp_path, {"index.html": page})
    reg = registry(tmp_path, GA_DECLARED)
    assert check(root, "-r", reg).exit_code == 0
    raised = check(root, "-r", reg, "--severity", "t105=ERROR")
    assert raised.exit_code == 1 and raised.output.splitlines()[-1] == "1 error, 0 warnings"
    bad = check(root, "-r", reg, "--severity", "T105")
    assert bad.exit_code == 2 and "write CODE=LEVEL" in bad.output


def test_allow_host_makes_a_host_first_party(tmp_path):
    page = GATED_GA.replace(
        "</head>", '<script src="https://cdn.mycdn.net/app.js"></script></head>'
    )
    root = site(tmp_path, {"index.html": page})
    reg = registry(tmp_path, GA_DECLARED)
    assert " T105 unknown third-party host cdn.mycdn.net" in check(root, "-r", reg).output
    assert check(root, "-r", reg, "--strict", "--allow-host", "mycdn.net").exit_code == 0


def test_own_signatures_file_names_the_service(tmp_path):
    page = GATED_GA.replace(
        "</head>", '<script src="https://widget.chatco.example/loader.js"></script></head>'
    )
    root = site(tmp_path, {"index.html": page})
    signatures = tmp_path / "signatures.yaml"
    signatures.write_text(
        "chatco:\n  name: ChatCo\n  loaders:\n    - {host: widget.chatco.example, path: '/loader\\.js'}\n",
        encoding="utf-8",
    )
    result = check(root, "-r", registry(tmp_path, GA_DECLARED), "--signatures", signatures)
    assert result.exit_code == 1
    assert "service ChatCo (chatco) is not declared" in result.output or "chatco" in result.output
    assert " T105 " not in result.output


def test_exit_2_on_a_bad_registry_with_its_r_code_lines(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA})
    bad = registry(tmp_path, REGISTRY + "services:\n  - id: google-analytic\n")
    result = check(root, "-r", bad)
    assert result.exit_code == 2
    assert f"{bad}:6:" in result.output and " R1" in result.output
    assert "google-analytics" in result.output


def test_exit_2_on_a_missing_or_empty_directory(tmp_path):
    reg = registry(tmp_path, GA_DECLARED)
    missing = check(tmp_path / "nope", "-r", reg)
    assert (
        missing.exit_code == 2 and "T100 cannot check the site: not a directory" in missing.output
    )
    (tmp_path / "empty").mkdir()
    empty = check(tmp_path / "empty", "-r", reg)
    assert empty.exit_code == 2 and "no HTML" in empty.output


def test_exit_2_on_a_missing_registry(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA})
    result = check(root, "-r", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "R100" in result.output


def test_json_and_junit_formats_parse(tmp_path):
    root = site(tmp_path, {"index.html": GATED_GA.replace("</head>", HOTJAR + "</head>")})
    reg = registry(tmp_path, GA_DECLARED)
    as_json = check(root, "-r", reg, "--format", "json")
    assert as_json.exit_code == 1
    data = json.loads(as_json.output)
    assert data["summary"]["errors"] == 2
    assert {f["code"] for f in data["findings"]} == {"T101", "T106"}
    assert data["findings"][0]["path"] == f"{root}/index.html"
    junit = check(root, "-r", reg, "--format", "junit")
    suite = ET.fromstring(junit.output.encode()).find("testsuite")
    assert suite.get("failures") == "2"
    github = check(root, "-r", reg, "--format", "github")
    assert github.output.startswith(f"::error file={root}/index.html,line=")


# --- a real MkDocs + Material build ----------------------------------------------------------


def mkdocs_build(root: Path, config: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Etusivu\n\nTervetuloa.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return root / "site"


MATERIAL = f"""\
site_name: Testi
theme:
  name: material
  font: false
extra:
  analytics:
    provider: google
    property: {GA_ID}
"""
CONSENT = """\
  consent:
    title: Evästeet
    description: Käytämme evästeitä.
"""


@pytest.fixture(scope="module")
def material_sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("material")
    return {
        "ungated": mkdocs_build(base / "ungated", MATERIAL),
        "gated": mkdocs_build(base / "gated", MATERIAL + CONSENT),
    }


def test_material_analytics_without_consent_fails_and_points_at_extra_consent(
    material_sites, tmp_path
):
    result = check(material_sites["ungated"], "-r", registry(tmp_path, GA_DECLARED))
    assert result.exit_code == 1, result.output
    assert " T106 Google Analytics (google-analytics, category statistics)" in result.output
    assert "`extra.consent`" in result.output


def test_material_analytics_behind_extra_consent_passes_strict(material_sites, tmp_path):
    result = check(material_sites["gated"], "-r", registry(tmp_path, GA_DECLARED), "--strict")
    assert result.exit_code == 0, result.output


def test_material_site_with_an_undeclared_property_fails_with_t101(material_sites, tmp_path):
    result = check(material_sites["gated"], "-r", registry(tmp_path, REGISTRY))
    assert result.exit_code == 1
    assert f"Google Analytics (google-analytics) with id {GA_ID} is not declared" in result.output
