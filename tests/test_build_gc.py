"""A one-shot `mkdocs build` freezes what lives until its end (``gc.freeze`` after the
plugin's on_config: full collections no longer walk MkDocs' configuration, the theme and
every plugin's modules again, issue #9); `mkdocs serve`'s rebuilds never freeze (each would
leave its garbage behind). Counts, never timings (those are in bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY, write_site

SCRIPT = """\
import gc, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml")
config.plugins.on_startup(command=sys.argv[1], dirty=False)
before = gc.get_freeze_count()
build(config)
print(before, gc.get_freeze_count())
"""


def _site(root: Path, enabled: bool = True) -> Path:
    return write_site(
        root,
        {
            "docs/index.md": "# Etusivu\n",
            "data/registry.yaml": MINIMAL_REGISTRY,
            "mkdocs.yml": "site_name: Testi\nsite_url: https://testi.fi/\n"
            "theme:\n  name: mkdocs\n  locale: fi\n"
            f"plugins:\n  - seloste:\n      enabled: {str(enabled).lower()}\n"
            "      fatal: false\n",
        },
    )


def _frozen(root: Path, command: str) -> tuple[int, int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    before, after = run.stdout.split()[-2:]
    return int(before), int(after)


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_one_shot_build_freezes_what_lives_to_its_end(tmp_path, command):
    before, after = _frozen(_site(tmp_path), command)
    assert before == 0 and after > 1000


def test_serve_rebuilds_never_freeze(tmp_path):
    assert _frozen(_site(tmp_path), "serve") == (0, 0)


def test_a_disabled_plugin_leaves_the_collector_alone(tmp_path):
    assert _frozen(_site(tmp_path, enabled=False), "build") == (0, 0)
