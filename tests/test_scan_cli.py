"""`seloste scan`: output formats, the json contract, user signatures, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from seloste.cli import main

GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>'
WIDGET = '<script src="https://cdn.chatwidget.example/loader.js?key=abc123"></script>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text(f"<html><head>\n{GA}\n</head><body>\n{WIDGET}\n</body></html>")
    (root / "en" / "index.html").write_text(f"<html><head>\n\n{GA}\n</head></html>")
    return root


def run(*args: str):
    return CliRunner().invoke(main, ["scan", *args], catch_exceptions=False)


def test_json_is_one_object_with_the_contract(site):
    out = run(str(site), "--format", "json")
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert data["files_scanned"] == 2
    assert {(d["service"], d["path"], d["line"]) for d in data["detections"]} == {
        ("google-analytics", "index.html", 2),
        ("google-analytics", "en/index.html", 3),
    }
    for d in data["detections"]:
        assert {"service", "path", "line", "evidence", "consent_gated", "ids"} <= d.keys()
        assert d["consent_gated"] is False and d["ids"] == ["G-7QK2LMN3PZ"]
    [unknown] = data["unknown_hosts"]
    assert (unknown["host"], unknown["path"], unknown["line"]) == (
        "cdn.chatwidget.example",
        "index.html",
        4,
    )


def test_text_is_grouped_per_service(site):
    out = run(str(site))
    assert out.exit_code == 0
    assert "google-analytics" in out.output and "G-7QK2LMN3PZ" in out.output
    assert "cdn.chatwidget.example" in out.output
    assert out.output.count("Google Analytics (google-analytics)") == 1


def test_with_the_registry_a_service_goes_by_the_registrys_name(site, tmp_path):
    """`seloste scan -r`: what the signatures found is named as the registry (and so the
    notices) name it; a service it does not declare keeps the catalogue's name."""
    from conftest import MINIMAL_REGISTRY

    registry = tmp_path / "registry.yaml"
    registry.write_text(
        MINIMAL_REGISTRY
        + "services:\n  - id: google-analytics\n"
        + "    name: {fi: Sivustoanalytiikka, en: Site analytics}\n",
        encoding="utf-8",
    )
    for fmt in ("text", "github", "junit"):
        out = run(str(site), "-r", str(registry), "--format", fmt)
        assert out.exit_code == 0, out.output
        assert "Site analytics (google-analytics)" in out.output, fmt
        assert "Google Analytics (google-analytics)" not in out.output
    assert "Google Analytics (google-analytics)" in run(str(site)).output


def test_github_and_junit_formats(site):
    github = run(str(site), "--format", "github")
    assert github.exit_code == 0
    assert github.output.startswith("::") and "google-analytics" in github.output
    junit = run(str(site), "--format", "junit")
    assert junit.exit_code == 0
    ET.fromstring(junit.output)  # well-formed XML


def test_allow_host_and_own_signatures(site, tmp_path):
    allowed = json.loads(
        run(str(site), "--format", "json", "--allow-host", "chatwidget.example").output
    )
    assert allowed["unknown_hosts"] == []
    sigs = tmp_path / "omat.yaml"
    sigs.write_text(
        "chat-widget:\n  name: Chat widget\n  loaders:\n"
        "    - {host: cdn.chatwidget.example, path: '/loader\\.js'}\n"
        "  ids:\n    - 'key=(\\w+)'\n"
    )
    data = json.loads(run(str(site), "--format", "json", "--signatures", str(sigs)).output)
    assert data["unknown_hosts"] == []
    [widget] = [d for d in data["detections"] if d["service"] == "chat-widget"]
    assert widget["ids"] == ["abc123"] and widget["line"] == 4


def test_missing_directory_exits_2(tmp_path):
    out = CliRunner().invoke(main, ["scan", str(tmp_path / "nope")])
    assert out.exit_code == 2
    assert "S102" in out.output and "not a directory" in out.output


def test_bad_signature_file_exits_2_with_file_and_line(site, tmp_path):
    sigs = tmp_path / "huono.yaml"
    sigs.write_text("chat-widget:\n  loaders:\n    - {host: 'https://cdn.example/x'}\n")
    out = CliRunner().invoke(main, ["scan", str(site), "--signatures", str(sigs)])
    assert out.exit_code == 2
    assert f"{sigs}:3:" in out.output and "S101" in out.output and "not a host" in out.output


def test_registry_first_party_hosts_are_not_unknown(site, tmp_path):
    demo = Path(__file__).resolve().parent.parent / "data" / "registry.yaml"
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        demo.read_text(encoding="utf-8") + "\nfirst_party_hosts:\n  - chatwidget.example\n",
        encoding="utf-8",
    )
    data = json.loads(run(str(site), "--format", "json", "--registry", str(registry)).output)
    assert data["unknown_hosts"] == []
    assert {d["service"] for d in data["detections"]} == {"google-analytics"}
