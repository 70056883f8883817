"""The answers of ``sitesources.Sources`` kept in the build cache: a build whose project
files did not change reads none of them, and a file that changed (size or modification
time) makes every answer new. Real builds in temporary folders, and ``Sources`` with a
plain dict as its memo."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import build_site
from seloste.sitesources import Sources, for_mkdocs
from test_audit_sources import META_PIXEL, counting_reads, mkdocs_project, warnings

PAGE = "# Yhteystiedot\n\nSoita meille.\n\n" + META_PIXEL


def _memo(store: dict):
    def memo(args, compute):
        if args not in store:
            store[args] = compute()
        return store[args]

    return memo


def _sources(root: Path, store: dict) -> Sources:
    return for_mkdocs(root / "mkdocs.yml", root / "docs", None, memo=_memo(store))


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    root = mkdocs_project(tmp_path, files={"docs/yhteystiedot.md": PAGE})
    store: dict = {}
    first = _sources(root, store)
    hit = first.locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and hit.path == "docs/yhteystiedot.md"
    missing = first.locate(["5566778"], "snap.licdn.com")
    prop = first.analytics_property()
    reads = counting_reads(monkeypatch)
    again = _sources(root, store)  # the next build
    assert again.locate(["1234567890123"], "connect.facebook.net") == hit
    assert again.locate(["5566778"], "snap.licdn.com") == missing is None
    assert again.analytics_property() == prop
    assert reads == []
    # without a memo every answer is searched for as before
    plain = for_mkdocs(root / "mkdocs.yml", root / "docs", None)
    assert plain.locate(["1234567890123"], "connect.facebook.net") == hit
    assert reads


def test_a_changed_file_gives_new_answers(tmp_path):
    root = mkdocs_project(tmp_path, files={"docs/yhteystiedot.md": PAGE})
    store: dict = {}
    hit = _sources(root, store).locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and hit.line == 11
    page = root / "docs" / "yhteystiedot.md"
    page.write_text("\n" + PAGE)  # one line down: a new size
    moved = _sources(root, store).locate(["1234567890123"], "connect.facebook.net")
    assert moved is not None and moved.line == 12
    # the same size, another modification time
    size = page.stat().st_size
    page.write_text(
        "\n" + PAGE.replace("fbq('init', '", "fbq('init','").replace(");\nfbq('t", "); \nfbq('t")
    )
    assert page.stat().st_size == size
    info = page.stat()
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    hit = _sources(root, store).locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and (hit.line, hit.col) == (12, 13)
    # a new file that holds the id too is counted
    (root / "docs" / "toinen.md").write_text(PAGE)
    hit = _sources(root, store).locate(["1234567890123"], "connect.facebook.net")
    assert hit is not None and hit.more == 1


def test_builds_report_the_same_source_and_follow_an_edit(tmp_path):
    root = mkdocs_project(tmp_path, files={"docs/yhteystiedot.md": PAGE})
    outputs = []
    for _ in range(2):
        build = build_site(root)
        assert build.returncode == 0, build.output
        outputs.append(warnings(build.output, "T101"))
    assert outputs[0] == outputs[1]
    assert "docs/yhteystiedot.md:11:14: T101 " in outputs[1][0], outputs
    (root / "docs" / "yhteystiedot.md").write_text("# Yhteystiedot\n\n" + PAGE.split("\n", 1)[1])
    build = build_site(root)
    t101 = warnings(build.output, "T101")
    assert len(t101) == 1 and "docs/yhteystiedot.md:12:14: T101 " in t101[0], t101


#: Runs `mkdocs build` in the current folder and prints the source files read.
COUNTING_BUILD = """
import sys
from seloste import sitesources
read = []
text = sitesources.Sources._text
def counting(self, path):
    if path not in self._texts:
        read.append(path.name)
    return text(self, path)
sitesources.Sources._text = counting
from mkdocs.__main__ import cli
try:
    cli(["build"])
except SystemExit as exc:
    assert not exc.code, exc.code
print("READ", sorted(read), file=sys.stderr)
"""


def _reads_of_a_build(root: Path) -> tuple[list[str], list[str]]:
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    read = next(line for line in run.stderr.splitlines() if line.startswith("READ"))
    return eval(read.split(" ", 1)[1]), warnings(run.stderr, "T101")  # noqa: S307


def test_a_registry_edit_reads_no_source_file_again(tmp_path):
    """The answers depend on the project's files alone (the registry is not searched): they
    are in the shared store, and a build after a registry edit reads no source file."""
    root = mkdocs_project(tmp_path, files={"docs/yhteystiedot.md": PAGE})
    read, found = _reads_of_a_build(root)
    assert "yhteystiedot.md" in read and found
    registry = root / "data" / "registry.yaml"
    registry.write_text(registry.read_text().replace("Kespet Oy", "Kespet Kauppa Oy"))
    read_after_edit, found_after_edit = _reads_of_a_build(root)
    assert read_after_edit == []
    assert found_after_edit == found
