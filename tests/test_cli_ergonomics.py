"""The command line as people type it: positional registries, hints, the catalogue listing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from seloste.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO_REGISTRY = ROOT / "data" / "registry.yaml"


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args))


def test_validate_takes_the_registry_positionally():
    result = run("validate", str(DEMO_REGISTRY))
    assert result.exit_code == 0, result.output
    assert f"{DEMO_REGISTRY}: ok" in result.output


def test_lint_takes_the_registry_positionally():
    result = run("lint", str(DEMO_REGISTRY))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_check_takes_site_then_registry(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>Hei</body></html>", encoding="utf-8")
    result = run("check", str(site), str(DEMO_REGISTRY))
    assert result.exit_code == 0, result.output
    assert "Got unexpected extra argument" not in result.output


def test_positional_and_option_must_agree(tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copy(DEMO_REGISTRY, other)
    result = run("validate", str(other), "-r", str(DEMO_REGISTRY))
    assert result.exit_code == 2
    assert "two registries given" in result.output
    same = run("validate", str(DEMO_REGISTRY), "-r", str(DEMO_REGISTRY))
    assert same.exit_code == 0, same.output


def test_extra_argument_gets_a_hint_naming_what_the_command_takes(tmp_path):
    result = run("check", str(tmp_path), str(DEMO_REGISTRY), "extra.yaml")
    assert result.exit_code == 2
    assert "takes DIRECTORY [REGISTRY]" in result.output
    assert "seloste check --help" in result.output


def test_services_lists_the_catalogue_with_cookies():
    result = run("services")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "category"]
    linkedin = next(line for line in lines if line.startswith("linkedin-insight "))
    assert "marketing" in linkedin and "li_fat_id" in linkedin


def test_services_filters_by_category_and_speaks_json():
    result = run("services", "--category", "statistics", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["services"]
    ids = {row["id"] for row in rows}
    assert "google-analytics" in ids and "meta-pixel" not in ids
    assert all(row["category"] == "statistics" for row in rows)
    analytics = next(row for row in rows if row["id"] == "google-analytics")
    assert "_ga" in analytics["cookies"]


def test_vendor_name_alone_gets_did_you_mean():
    from seloste.registry.load import _guess_service

    assert _guess_service("linkedin") == "linkedin-insight"
    assert _guess_service("hotjr") == "hotjar"
    # `google` starts several ids: no guess rather than a wrong one.
    assert _guess_service("google") is None
