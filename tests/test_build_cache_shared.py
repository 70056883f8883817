"""What a build works out from Seloste alone (its parsed data files, the built-in
signatures, the scans of the theme's JS/CSS) is kept besides the registry's entries
(``buildcache.Shared``): a build after a registry edit takes it from there, and builds
the very site a build without any cache builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import build_site
from seloste import buildcache
from test_build_cache import assert_same_build, make_site

#: A `mkdocs build` that counts what it computes of the shared values.
COUNTING = """\
import atexit, sys
import seloste.scan as scan
from seloste.scan.scanner import Scanner
counts = {"signatures": 0, "assets": 0}
real_signatures, real_asset = scan.builtin_signatures, Scanner.scan_asset
def signatures(*a, **k):
    counts["signatures"] += 1
    return real_signatures(*a, **k)
def asset(self, *a, **k):
    counts["assets"] += 1
    return real_asset(self, *a, **k)
scan.builtin_signatures, Scanner.scan_asset = signatures, asset
atexit.register(lambda: print("COUNTS", counts["signatures"], counts["assets"], file=sys.stderr))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build"]
cli()
"""


def counted_build(root: Path) -> tuple[int, int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", COUNTING], cwd=root, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stderr.splitlines() if x.startswith("COUNTS"))
    _, signatures, assets = line.split()
    return int(signatures), int(assets), proc.stderr


def edit(root: Path) -> None:
    registry = root / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "Esimerkki Oy" in text
    registry.write_text(text.replace("Esimerkki Oy", "Muutettu Oy"), encoding="utf-8")


def test_a_build_after_a_registry_edit_reuses_what_depends_on_seloste_alone(tmp_path):
    root = make_site(tmp_path / "cached")
    signatures, assets, _ = counted_build(root)
    assert signatures == 1 and assets > 5  # the first build works everything out
    folder = root / ".cache" / "plugin" / "seloste"
    assert len(list(folder.glob("*" + buildcache.SHARED_SUFFIX))) == 1

    edit(root)
    signatures, assets, _ = counted_build(root)
    assert (signatures, assets) == (0, 0)  # a new entry, but nothing of Seloste's worked out
    assert len(list(folder.glob("*.pickle"))) == 2

    plain = make_site(tmp_path / "plain", cache=False)
    edit(plain)
    uncached, cached = build_site(plain), build_site(root)
    assert "Muutettu Oy" in cached.page("tietosuojaseloste/index.html")
    assert_same_build(uncached, cached, plain, root)


def test_the_registrys_hosts_are_part_of_a_theme_files_scan_key(tmp_path):
    """The scanner reads the registry's first-party hosts and services' hosts: an edit of
    them scans the theme's files again (a scan depends on them)."""
    root = make_site(tmp_path / "cached")
    counted_build(root)
    registry = root / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + "first_party_hosts: [cdn.cache.example]\n", encoding="utf-8")
    signatures, assets, log = counted_build(root)
    assert signatures == 0 and assets > 5, log


def test_a_damaged_shared_store_is_ignored(tmp_path):
    root = make_site(tmp_path / "cached")
    assert build_site(root).returncode == 0
    (store,) = (root / ".cache" / "plugin" / "seloste").glob("*" + buildcache.SHARED_SUFFIX)
    data = bytearray(store.read_bytes())
    data[-10] ^= 0xFF
    store.write_bytes(bytes(data))
    edit(root)
    signatures, assets, _ = counted_build(root)
    assert signatures == 1 and assets > 5  # worked out again, and stored anew
    plain = make_site(tmp_path / "plain", cache=False)
    edit(plain)
    assert_same_build(build_site(plain), build_site(root), plain, root)
