"""Lint runs before the pages are built (``_start_build``), so its spelling dictionaries
open and close while the build process is still small, yet its findings are reported at
the end of the build as before: the same lines, in the same order, the same exit code
(``--strict``), and the same site, as when lint ran in ``on_post_build``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_site
from seloste.lint import spelling
from test_build_cache import MKDOCS, PAGES, log_lines, site_bytes

#: A `mkdocs build` in-process that notes when lint runs against the pages' events, and
#: with ``SELOSTE_TEST_LATE_LINT=1`` runs lint where it ran before: in on_post_build.
TRACED = """\
import os, sys
from seloste.mkdocs_plugin import SelostePlugin
events = []
late = os.environ.get("SELOSTE_TEST_LATE_LINT") == "1"
real_lint, real_start = SelostePlugin._lint, SelostePlugin._start_build
real_page, real_post_build = SelostePlugin.on_post_page, SelostePlugin.on_post_build
starting = False
def lint(self, *a, **k):
    if late and starting:
        return None  # as before: on_post_build lints
    events.append("lint")
    return real_lint(self, *a, **k)
def start(self, *a, **k):
    global starting
    starting = True
    try:
        real_start(self, *a, **k)
    finally:
        starting = False
def page(self, *a, **k):
    if not events or events[-1] != "page":
        events.append("page")
    return real_page(self, *a, **k)
def post_build(self, *a, **k):
    events.append("post_build")
    return real_post_build(self, *a, **k)
SelostePlugin._lint, SelostePlugin._start_build = lint, start
SelostePlugin.on_post_page, SelostePlugin.on_post_build = page, post_build
import atexit
atexit.register(lambda: print("EVENTS", " ".join(events), file=sys.stderr))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", *sys.argv[1:]]
cli()
"""

#: An English and a Finnish misspelling and a Finnish number fault (L157, L158), and a
#: notice-text finding (L153, L156), besides the audit's findings of the pages (T1xx).
FAULTS = (
    ("and managing the customer relationship.", "and managing the custmer relationship."),
    ("sekä asiakassuhteen hoitaminen.", "sekä asiakasuhteen hoitaminen."),
    ("sallimissa ja edellyttämissä rajoissa.", "sallimissa ja edellyttämässä rajoissa."),
    ("ja sen päätyttyä 15 vuotta.", "ja sen jälkeen toistaiseksi."),
)


def _site(root: Path, *, cache: bool) -> Path:
    write_site(root, {"mkdocs.yml": MKDOCS + ("" if cache else "      cache: false\n"), **PAGES})
    text = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
    for old, new in FAULTS:
        assert old in text
        text = text.replace(old, new, 1)
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "registry.yaml").write_text(text, encoding="utf-8")
    return root


def _build(root: Path, *args: str, late: bool = False) -> tuple[int, str, list[str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["SELOSTE_TEST_LATE_LINT"] = "1" if late else "0"
    proc = subprocess.run(
        [sys.executable, "-c", TRACED, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    events = next(x for x in output.splitlines() if x.startswith("EVENTS")).split()[1:]
    shown = "\n".join(x for x in output.splitlines() if not x.startswith("EVENTS"))
    return proc.returncode, shown, events


def test_lint_runs_before_the_pages_and_reports_the_same_findings_at_the_end(tmp_path):
    early_root = _site(tmp_path / "early", cache=False)
    late_root = _site(tmp_path / "late", cache=False)
    code, early, events = _build(early_root)
    late_code, late, late_events = _build(late_root, late=True)
    # once, before any page (static-i18n builds each language's pages in turn)
    assert events[0] == "lint" and events.count("lint") == 1 and "page" in events
    assert late_events.count("lint") == 1 and late_events.index("lint") > late_events.index("page")
    assert code == late_code == 0, early
    assert "L153" in early and "T10" in early
    if spelling.voikko() is not None and spelling.hunspell_en() is not None:
        for expected in ("L157", "custmer", "asiakasuhteen", "L158", "edellyttämässä"):
            assert expected in early, expected
    assert log_lines(early, early_root) == log_lines(late, late_root)
    assert site_bytes(early_root / "site") == site_bytes(late_root / "site")
    # the findings are the build's last words, after the pages' messages, as before
    warnings = [x for x in log_lines(early, early_root) if x.startswith("WARNING")]
    assert (
        warnings
        and warnings[-1] == [x for x in log_lines(late, late_root) if x.startswith("WARNING")][-1]
    )


def test_strict_fails_the_same_way(tmp_path):
    early_root = _site(tmp_path / "early", cache=True)
    late_root = _site(tmp_path / "late", cache=True)
    code, early, _ = _build(early_root, "--strict")
    late_code, late, _ = _build(late_root, "--strict", late=True)
    assert code == late_code == 1
    assert log_lines(early, early_root) == log_lines(late, late_root)
    # a warm build (lint from the build cache entry) says the same again
    warm_code, warm, events = _build(early_root, "--strict")
    assert warm_code == 1 and events[0] == "lint"
    assert log_lines(warm, early_root) == log_lines(early, early_root)


def test_serve_reports_the_lint_of_each_rebuild(site_factory):
    """Under `mkdocs serve` each rebuild lints the registry it loaded (early, in
    ``_start_build``) and reports its findings at the end of that rebuild: an edit that
    brings a misspelling is reported after the rebuild that read it."""
    from servekit import mkdocs_serve, wait_for
    from test_mkdocs_plugin import folder_site

    root = folder_site(site_factory)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      lint: false\n" in text
    config.write_text(text.replace("      lint: false\n", "      fatal: false\n"), "utf-8")
    with mkdocs_serve(root) as served:
        url = served.url + "en/privacy/"
        assert wait_for(url, "Testi Oy", 60), "the privacy notice was not served"
        registry = root / "data/registry.yaml"
        text = registry.read_text(encoding="utf-8")
        edited = text.replace("Testi Oy", "Muokattu Oy").replace(
            "en: Managing the customer relationship", "en: Managing the custmer relationship"
        )
        assert edited.count("Muokattu") == 1 and "custmer" in edited
        registry.write_text(edited, encoding="utf-8")
        assert wait_for(url, "Muokattu Oy", 60), "the edit of the registry was not picked up"
        # The page is served once written, before its rebuild ends and reports. The end of
        # a rebuild is "Reloading browsers": MkDocs drops a "Documentation built in 0.92
        # seconds" that repeats an earlier one word for word (its DuplicateFilter), so a
        # rebuild as fast as the first build to the hundredth of a second never says it.
        assert served.wait_for_output("Reloading browsers", 1, 60), "".join(served.lines)
    output = served.output
    builds = output.split("Building documentation")
    assert len(builds) >= 3, output  # the first build and at least one rebuild
    assert "custmer" not in builds[1]
    if spelling.hunspell_en() is not None:
        # reported once, by the rebuild that read the edit, before it says it is done
        rebuild = next(b for b in builds[2:] if "custmer" in b)
        assert rebuild.count("custmer") == 1
        assert rebuild.index("custmer") < rebuild.index("Reloading browsers")
