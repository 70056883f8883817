"""`seloste lint`: output formats and exit codes (0 clean, 1 errors, 2 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from seloste.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
ORIGINAL = FIXTURES / "seed000-original.yaml"
FIXED = FIXTURES / "seed000-fixed.yaml"


def run(*args: str):
    return CliRunner().invoke(main, ["lint", *args])


def test_clean_registry_exits_0():
    result = run("-r", str(FIXED))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_error_findings_exit_1_with_location_and_fix():
    result = run("-r", str(ORIGINAL))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    l120 = next(line for line in lines if " L120 " in line)
    assert l120.startswith(f"{ORIGINAL}:")
    line, col = l120.split(":")[1:3]
    assert line.isdigit() and col.isdigit()
    assert "henkilötietolain" in l120
    assert "tietosuojalaki 1050/2018" in lines[lines.index(l120) + 1]


def test_warnings_exit_0_unless_strict(tmp_path):
    text = FIXED.read_text(encoding="utf-8").replace(
        "More information about cookies", "Please check this page regularly for changes. More"
    )
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    assert run("-r", str(path)).exit_code == 0
    strict = run("-r", str(path), "--strict")
    assert strict.exit_code == 1
    assert " L125 " in strict.output


def test_missing_or_broken_registry_exits_2(tmp_path):
    assert run("-r", str(tmp_path / "nope.yaml")).exit_code == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("controller: [\n", encoding="utf-8")
    result = run("-r", str(broken))
    assert result.exit_code == 2
    assert "R101" in result.output


def test_json_format():
    result = run("-r", str(ORIGINAL), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    found = {item["code"] for item in data["findings"]}
    assert {"L120", "L122", "L130", "L132"} <= found
    item = next(i for i in data["findings"] if i["code"] == "L132")
    assert item["line"] and item["fix"] and item["severity"] == "error"


def test_github_format():
    result = run("-r", str(ORIGINAL), "--format", "github")
    assert result.exit_code == 1
    assert any(
        line.startswith("::error file=") and "title=L122" in line
        for line in result.output.splitlines()
    )


def test_junit_format():
    result = run("-r", str(ORIGINAL), "--format", "junit")
    assert result.exit_code == 1
    assert result.output.lstrip().startswith("<?xml")
    assert "L131" in result.output


def test_lang_option_requires_the_language(tmp_path):
    # Without `languages:` in the registry, a site language with notice wording (sv) is a
    # notice language: asking for it makes every text incomplete.
    undeclared = tmp_path / "r.yaml"
    undeclared.write_text(
        FIXED.read_text(encoding="utf-8").replace("languages: [fi, en]\n", ""), encoding="utf-8"
    )
    result = run("-r", str(undeclared), "--lang", "fi", "--lang", "sv")
    assert result.exit_code == 2
    assert "R10" in result.output
    # The registry's `languages: [fi, en]` are its notice languages (issue #10): sv pages
    # show the fi notice, as in the MkDocs plugin, and only fi texts are checked.
    result = run("-r", str(FIXED), "--lang", "fi", "--lang", "sv")
    assert "R109" not in result.output
    assert "pages in sv show the fi notice" in result.output
