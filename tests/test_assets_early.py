"""The JS and CSS MkDocs copies into the site (the theme's, docs/'s) are scanned from
their sources before the pages are built (``_scan_assets_early``), while the process is
small; the end of the build takes those results only for a built file of the same path
and content, and hashes the others in pieces instead of holding them whole. A file
another plugin changes or adds after the copy is scanned as built: the findings are
those of a build that scans everything at the end. Real builds of a Material fi/en site,
each in its own process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL_REGISTRY, write_site

#: `mkdocs build` in the current folder, printing when each asset was scanned (before or
#: after the first page was built) and which site files were read whole at the end.
#: With argv[1] == "late" the early scan is switched off: everything is scanned at the end.
COUNTING = """\
import sys
import mkdocs.commands.build as build
from seloste import mkdocs_plugin
from seloste.scan import walk
from seloste.scan.scanner import Scanner
pages = []
real_page = build._build_page
def page(*args, **kwargs):
    pages.append(1)
    return real_page(*args, **kwargs)
build._build_page = page
real_scan = Scanner.scan_asset
def scan(self, path, data):
    print("SCANNED", "after" if pages else "before", path, file=sys.stderr)
    return real_scan(self, path, data)
Scanner.scan_asset = scan
real_read = walk.read_site_file
def read(rel, full, problems):
    print("READ", rel, file=sys.stderr)
    return real_read(rel, full, problems)
walk.read_site_file = read
if sys.argv[1:] == ["late"]:
    mkdocs_plugin.SelostePlugin._scan_assets_early = lambda self, files: None
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build"]
cli()
"""

MKDOCS = """\
site_name: Aikaisin
site_url: https://early.example/
theme: {name: material, language: fi, font: false}
extra_javascript: [js/oma.js]
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, default: true, name: Suomi, build: true}
        - {locale: en, name: English, build: true}
  - seloste:
      fatal: false
      lint: false
"""
#: A hook that, after MkDocs copied the theme, puts a Meta Pixel into one of its scripts
#: and writes a script of its own (as minifiers and other plugins rewrite files).
HOOK = """\
import os
def on_post_build(config):
    site = config.site_dir
    with open(os.path.join(site, "assets", "javascripts", "lunr", "wordcut.js"), "a") as f:
        f.write("\\nfbq('init', '123456789012345');\\n")
    with open(os.path.join(site, "myohemmin.js"), "w") as f:
        f.write("var s='https://static.hotjar.com/c/hotjar-1.js';\\n")
"""
PAGES = {
    "docs/fi/index.md": "# Etusivu\n\nTervetuloa.\n",
    "docs/en/index.md": "# Home\n\nWelcome.\n",
    "docs/fi/js/oma.js": "var t = 'https://www.clarity.ms/tag/abcdefghij';\n",
}


def _site(root: Path, hook: bool = False) -> Path:
    config = MKDOCS + ("hooks: [hook.py]\n" if hook else "")
    files = {"mkdocs.yml": config, "data/registry.yaml": MINIMAL_REGISTRY, **PAGES}
    if hook:
        files["hook.py"] = HOOK
    return write_site(root, files)


def _build(root: Path, *args: str) -> tuple[str, list[str], list[str]]:
    """The build's log (findings), its asset scans ("before/after path") and files read,
    from a first build (no build cache, which would answer every scan)."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", COUNTING, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    scans = [x.split(" ", 1)[1] for x in lines if x.startswith("SCANNED ")]
    reads = [x.split(" ", 1)[1] for x in lines if x.startswith("READ ")]
    findings = [x for x in lines if not x.startswith(("SCANNED ", "READ "))]
    return "\n".join(findings), scans, reads


def _findings(log: str) -> list[str]:
    """The finding lines of a build's log, without its timings."""
    return sorted(
        re.sub(r"\d+(\.\d+)? (seconds|s)\b", "", line)
        for line in log.splitlines()
        if re.search(r"\b[TSCIRL]\d{3}\b", line)
    )


def test_the_theme_and_docs_scripts_are_scanned_before_the_pages(tmp_path):
    root = _site(tmp_path / "site")
    log, scans, reads = _build(root)
    wordcut = "site/assets/javascripts/lunr/wordcut.js"
    assert f"before {wordcut}" in scans
    assert "before site/js/oma.js" in scans, [s for s in scans if "lunr" not in s]
    # At the end nothing of those is scanned again nor read whole: only hashed.
    assert not [s for s in scans if s.startswith("after ")], scans
    assert wordcut.removeprefix("site/") not in reads
    found = _findings(log)
    assert any("T101" in line and "(microsoft-clarity)" in line for line in found), log
    late_log, late_scans, _ = _build(root, "late")
    assert f"after {wordcut}" in late_scans
    assert found == _findings(late_log)


def test_a_script_changed_or_added_after_the_copy_is_scanned_as_built(tmp_path):
    root = _site(tmp_path / "site", hook=True)
    log, scans, reads = _build(root)
    wordcut = "site/assets/javascripts/lunr/wordcut.js"
    assert f"before {wordcut}" in scans and f"after {wordcut}" in scans
    assert "after site/myohemmin.js" in scans
    assert "assets/javascripts/lunr/wordcut.js" in reads  # changed: read and scanned
    found = _findings(log)
    assert any("wordcut.js" in line and "meta-pixel" in line.lower() for line in found), log
    assert any("myohemmin.js" in line for line in found), log
    late_log, _, _ = _build(root, "late")
    assert found == _findings(late_log)
