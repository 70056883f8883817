"""A built page's scan is kept in the build cache under its text (length, CRC-32 and
Adler-32) and what the scanner depends on: a later build scans only the pages whose HTML
changed, and reports exactly what a full scan reports. Real builds in temporary folders,
each in its own process (the count of scans is printed by a wrapper)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from conftest import BARE_REGISTRY, write_site
from test_audit_sources import META_PIXEL

#: Runs `mkdocs build` in the current folder and prints how many pages were scanned.
BUILD = """
import sys
from seloste.scan.scanner import Scanner
calls = []
original = Scanner.scan_html
def counting(self, path, text, nbytes=None):
    calls.append(path)
    return original(self, path, text, nbytes)
Scanner.scan_html = counting
from mkdocs.__main__ import cli
try:
    cli(["build"])
except SystemExit as exc:
    assert not exc.code, exc.code
print("SCANNED", len(calls), sorted(calls), file=sys.stderr)
"""


def _project(root, extra: str = ""):
    yml = (
        "site_name: Test\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "  font: false\nplugins:\n  - search\n  - seloste:\n      lint: false\n"
        "      fatal: false\n" + extra
    )
    return write_site(
        root,
        {
            "mkdocs.yml": yml,
            "data/registry.yaml": BARE_REGISTRY,
            "docs/index.md": "# Etusivu\n\nTervetuloa.\n",
            "docs/yhteystiedot.md": "# Yhteystiedot\n\nSoita meille.\n\n" + META_PIXEL,
            "docs/laskuri.md": '# Laskuri\n\n<img src="https://stats.example.net/p.gif" alt="">\n',
        },
    )


def _build(root, script: str = BUILD) -> tuple[int, list[str], list[str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    scanned = next(line for line in run.stderr.splitlines() if line.startswith("SCANNED"))
    # the summary line's build time varies
    findings = [
        re.sub(r"build [\d.]+ s", "build", line)
        for line in run.stderr.splitlines()
        if " seloste: " in line
    ]
    return int(scanned.split()[1]), findings, run.stderr.splitlines()


def _site(root) -> dict[str, bytes]:
    site = root / "site"
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix == ".html"
    }


def test_unchanged_pages_are_not_scanned_again_and_findings_stay(tmp_path):
    root = _project(tmp_path)
    first, findings, _ = _build(root)
    assert first >= 4  # the pages, the notices and 404.html
    pages = _site(root)
    assert any("T101" in line and "Meta Pixel" in line for line in findings), findings
    assert any("stats.example.net" in line for line in findings), findings
    again, findings_again, _ = _build(root)
    assert again == 0
    assert findings_again == findings
    assert _site(root) == pages
    # one page edited: only it is scanned, the findings follow it
    page = root / "docs" / "yhteystiedot.md"
    page.write_text(page.read_text().replace("Soita meille.", "Soita meille\n\ntai kirjoita."))
    edited, findings_edited, _ = _build(root)
    assert edited == 1
    assert findings_edited != findings
    assert [f for f in findings_edited if "Meta Pixel" in f] != [
        f for f in findings if "Meta Pixel" in f
    ]
    assert any("Meta Pixel" in f for f in findings_edited)


def test_what_the_scanner_depends_on_is_part_of_the_key(tmp_path):
    root = _project(tmp_path)
    _build(root)
    _, findings, _ = _build(root)
    assert any("stats.example.net" in line for line in findings), findings
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text() + "      first_party_hosts:\n        - stats.example.net\n"
    )
    scanned, findings, _ = _build(root)
    assert scanned >= 4
    assert not any("stats.example.net" in line for line in findings), findings


def test_without_the_cache_every_page_is_scanned(tmp_path):
    root = _project(tmp_path, extra="      cache: false\n")
    first, findings, _ = _build(root)
    again, findings_again, _ = _build(root)
    assert first == again >= 4
    assert findings == findings_again


def test_a_registry_edit_scans_only_the_pages_it_changed(tmp_path):
    """Page scans are kept in the shared store (like the theme's asset scans): after an
    edit of a registry text only the pages whose HTML changed (the notices) are scanned,
    and the findings are those of a build without any cache."""
    root = _project(tmp_path)
    first, _, _ = _build(root)
    registry = root / "data" / "registry.yaml"
    registry.write_text(registry.read_text().replace("Kespet Oy", "Kespet Kauppa Oy"))
    edited, findings, _ = _build(root)
    assert 0 < edited < first
    site = root / "site"
    changed = {
        str(p.relative_to(site)) for p in site.rglob("*.html") if "Kespet Kauppa" in p.read_text()
    }
    assert changed and "index.html" not in changed
    shutil.rmtree(root / ".cache")
    cold, findings_cold, _ = _build(root)
    assert cold == first
    assert findings == findings_cold


#: As BUILD, and prints how many page fingerprints were taken.
COUNT_FINGERPRINTS = BUILD.replace(
    "from mkdocs.__main__ import cli",
    "from seloste import mkdocs_pagekeep\n"
    "prints = []\n"
    "taken = mkdocs_pagekeep.fingerprint\n"
    "mkdocs_pagekeep.fingerprint = lambda text: prints.append(1) or taken(text)\n"
    "import atexit\n"
    "atexit.register(lambda: print('FINGERPRINTS', len(prints), file=sys.stderr))\n"
    "from mkdocs.__main__ import cli",
)


def test_a_first_build_fingerprints_each_page_once(tmp_path):
    """An edited page's scan is kept under the page as given and its edits, not under a
    second checksum of the edited page; the later build still finds every page unchanged."""
    root = _project(tmp_path)
    runs = []
    for _ in range(2):
        scanned, _, lines = _build(root, COUNT_FINGERPRINTS)
        prints = int(next(line for line in lines if line.startswith("FINGERPRINTS")).split()[1])
        runs.append((scanned, prints))
    (scanned, prints), (scanned_again, prints_again) = runs
    assert scanned >= 4 and prints == scanned  # each page once (404.html too)
    assert scanned_again == 0 and prints_again == prints
