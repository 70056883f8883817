"""Shared test helpers: build real MkDocs sites in temporary directories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from seloste.verify.server import QuietServer as QuietHTTPServer  # noqa: F401 (tests import it)

ROOT = Path(__file__).resolve().parent.parent

# The browser tests' fixtures (browser, base_url, visit) for every test module.
pytest_plugins = ["browserkit"]

# Messages in English whatever the machine's locale or a test site's language, so assertions
# on wording hold everywhere (builds in subprocesses inherit it). Tests of the language choice
# remove or set it themselves (tests/test_messages.py).
os.environ["SELOSTE_MESSAGES"] = "en"

MINIMAL_REGISTRY = """\
controller:
  name: Testi Oy
  business_id: "1572860-0"
  email: info@testi.fi
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
    purposes:
      - description: {fi: Asiakassuhteen hoitaminen, en: Managing the customer relationship}
        legal_basis: contract
    retention: {fi: Asiakassuhteen ajan, en: For the duration of the customer relationship}
    transfers: []
dates:
  created: 2024-01-15
"""


#: The least a registry holds to load: a controller and one register, no notice texts. Scan
#: and audit tests declare their services after it.
BARE_REGISTRY = """\
controller:
  name: Kespet Oy
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
"""


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


#: Hotjar's tracking code as its install page gives it (site id 3712345).
HOTJAR_SNIPPET = """<script>
(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
h._hjSettings={hjid:3712345,hjsv:6};a=o.getElementsByTagName('head')[0];
r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>"""


#: The ``plugins:`` entry of mkdocs-static-i18n, folder layout, Finnish by default and English.
I18N = """\
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, default: true, name: Suomi, build: true}
        - {locale: en, name: English, build: true}
"""


def build_site(root: Path, *args: str) -> Build:
    """Run a real ``mkdocs build`` in ``root``; returns exit code, log and the site dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, root / "site")


def modules_after_build(root: Path, *packages: str) -> list[str]:
    """The modules of ``packages`` a real ``mkdocs build`` in ``root`` has imported when it
    ends (the build must succeed): what a build's imports cost, asserted without timing."""
    script = (
        "import sys\n"
        "from mkdocs.__main__ import cli\n"
        "try:\n"
        "    cli(['build', '-q'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r})))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


#: What the demo site at the repository root is made of.
DEMO_PARTS = ("mkdocs.yml", "docs", "data", "overrides")


def copy_demo(target: Path) -> Path:
    """Copy the demo site (the repository root's mkdocs.yml, docs, data, overrides) to ``target``."""
    for part in DEMO_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def run_seloste(
    *args: str, cwd: Path | str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``python -m seloste ARGS`` in a subprocess from ``cwd``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "seloste", *args],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def site_factory(tmp_path: Path):
    """Write a site (a dict of relative path -> text) into a fresh temp dir."""

    counter = iter(range(1000))

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / f"site{next(counter)}"
        return write_site(root, files)

    return make
