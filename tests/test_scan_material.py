"""Material for MkDocs' own analytics snippet, from real builds (with and without extra.consent)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seloste.scan import Scanner, scan_directory

MKDOCS_YML = """\
site_name: Kespet
site_url: https://www.kespet.fi/
theme:
  name: material
  font: false
extra:
  analytics:
    provider: google
    property: G-7QK2LMN3PZ
"""

CONSENT = """\
  consent:
    title: Evästeet
    description: Käytämme evästeitä.
"""


def build(root: Path, consent: bool) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(
        '# Etusivu\n\n```html\n<script async src="https://www.googletagmanager.com/gtag/js?'
        'id=G-AAAAAAAAAA"></script>\n```\n\n[Facebook](https://www.facebook.com/kespet)\n'
    )
    (root / "docs" / "toinen.md").write_text("# Toinen\n\nTeksti.\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML + (CONSENT if consent else ""))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
    )
    return root / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("material")
    return {
        "plain": build(base / "plain", consent=False),
        "consent": build(base / "consent", consent=True),
    }


def analytics(site: Path) -> list:
    result = scan_directory(site, Scanner(site_host="www.kespet.fi"))
    assert result.unknown_hosts == []
    return result.detections


def test_material_analytics_without_consent_is_found_and_not_gated(sites):
    detections = analytics(sites["plain"])
    pages = {d.path for d in detections}
    assert {"index.html", "toinen/index.html", "404.html"} <= pages
    assert {d.service for d in detections} == {"google-analytics"}
    for d in detections:
        assert d.ids == ("G-7QK2LMN3PZ",)  # not the G-AAAAAAAAAA of the code sample
        assert d.kind == "inline-script"
        assert (d.consent_gated, d.gating) == (False, "")
        assert d.host == "www.googletagmanager.com"


def test_material_analytics_behind_extra_consent_is_gated(sites):
    detections = analytics(sites["consent"])
    assert detections
    for d in detections:
        assert (d.service, d.consent_gated, d.gating) == (
            "google-analytics",
            True,
            "material-consent",
        )
        assert d.consent_category == "analytics"


def test_line_number_is_the_analytics_script(sites):
    page = sites["plain"] / "index.html"
    [detection] = [d for d in analytics(sites["plain"]) if d.path == "index.html"]
    line = page.read_text(encoding="utf-8").splitlines()[detection.line - 1]
    assert "__md_analytics" in line and "G-7QK2LMN3PZ" in line


def test_materials_own_assets_hold_no_tracker(sites):
    scanner = Scanner()
    for path in (sites["plain"] / "assets").rglob("*"):
        if path.suffix in (".js", ".css"):
            result = scanner.scan_asset(path.name, path.read_bytes())
            assert result.detections == [], path
