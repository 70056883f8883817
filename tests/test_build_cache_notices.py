"""A notice page's HTML is kept in the shared store (``_SHARED_VALUES``): its key holds
its Markdown, the registry's only part in it, so a build after a registry edit converts
only the notices the edit changed, and builds the very site a build without a cache
builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import build_site
from test_build_cache import assert_same_build, make_site

#: A `mkdocs build` that counts the notice pages converted (Markdown → HTML).
COUNTING = """\
import atexit, sys
from seloste import mkdocs_render
real = mkdocs_render._rendered
converted = []
def counted(page, *a, **k):
    converted.append(page.file.src_uri)
    return real(page, *a, **k)
mkdocs_render._rendered = counted
atexit.register(lambda: print("CONVERTED", *sorted(converted), file=sys.stderr))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build"]
cli()
"""

ENGLISH = "and managing the customer relationship."


def converted(root: Path) -> list[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", COUNTING], cwd=root, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stderr.splitlines() if x.startswith("CONVERTED"))
    return line.split()[1:]


def edit(root: Path) -> None:
    registry = root / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert ENGLISH in text
    registry.write_text(text.replace(ENGLISH, "and looking after our customers."), "utf-8")


def test_an_edit_converts_only_the_notices_it_changed(tmp_path):
    root = make_site(tmp_path / "cached")
    first = converted(root)
    assert len(first) == 4  # privacy and cookies, fi and en
    edit(root)
    again = converted(root)
    assert len(again) == 1 and "privacy" in again[0] and again[0].startswith("en/"), again

    plain = make_site(tmp_path / "plain", cache=False)
    edit(plain)
    uncached, cached = build_site(plain), build_site(root)
    assert "looking after our customers" in cached.page("en/privacy/index.html")
    assert_same_build(uncached, cached, plain, root)
