"""Real Hugo, Jekyll and Zensical builds of the bilingual fixture sites in tests/fixtures/generators.

Each follows the documented recipe: ``seloste render --generator G`` → G's build →
``seloste inject`` → ``seloste check``. The generators are Debian's hugo and
jekyll and Zensical from PyPI; without one, its tests skip with the reason,
except in CI (``SELOSTE_REQUIRE_GENERATORS=1``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_site
from seloste.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "generators"
REGISTRY = FIXTURES / "registry.yaml"


def seloste(*args: object, cwd: Path | None = None):
    """Run the command in-process (from ``cwd``), like a user in that folder."""
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def need(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        bindir = Path(sys.executable).parent / program
        found = str(bindir) if bindir.exists() else None
    if found is None:
        if os.environ.get("SELOSTE_REQUIRE_GENERATORS"):
            raise RuntimeError(f"{program} is missing but SELOSTE_REQUIRE_GENERATORS is set")
        pytest.skip(f"needs {program} (see .ci/run for how CI installs it)")
    return found


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "JEKYLL_ENV": "production"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@dataclass
class Built:
    project: Path
    site: Path
    generator: str

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def copy_fixture(name: str, target: Path) -> Path:
    project = target / name
    shutil.copytree(FIXTURES / name, project)
    return project


def build(generator: str, project: Path) -> Built:
    """Render, build and inject one fixture project (already copied)."""
    if generator == "hugo":
        hugo = need("hugo")
        assert seloste("render", "-g", "hugo", "-r", REGISTRY, cwd=project).exit_code == 0
        run([hugo, "--quiet"], project)
        site = project / "public"
    elif generator == "jekyll":
        jekyll = need("jekyll")
        assert (
            seloste("render", "-g", "jekyll", "-o", ".", "-r", REGISTRY, cwd=project).exit_code == 0
        )
        run([jekyll, "build", "--quiet"], project)
        site = project / "_site"
    elif generator == "zensical":
        zensical = need("zensical")
        assert seloste("render", "-g", "zensical", "-r", REGISTRY, cwd=project).exit_code == 0
        for lang, config in (("fi", "zensical.toml"), ("en", "zensical.en.toml")):
            page = "/evasteet/" if lang == "fi" else "/en/cookies/"
            printed = seloste(
                "consent",
                "-r",
                REGISTRY,
                "--lang",
                lang,
                "--config",
                "zensical",
                "--cookie-page",
                page,
            )
            assert printed.exit_code == 0, printed.output
            with open(project / config, "a", encoding="utf-8") as out:
                out.write("\n" + printed.output)
            run([zensical, "build", "--strict", "-f", config], project)
        site = project / "site"
    elif generator == "mkdocs":  # MkDocs 1.x without the plugin
        assert seloste("render", "-g", "mkdocs", "-r", REGISTRY, cwd=project).exit_code == 0
        mkdocs = build_site(project, "--strict")
        assert mkdocs.returncode == 0, mkdocs.output
        site = mkdocs.site
    else:
        raise ValueError(generator)
    injected = seloste("inject", site, "-r", REGISTRY)
    assert injected.exit_code == 0, injected.output
    return Built(project, site, generator)
