"""How long `seloste lint` takes on a registry holding 1 MB of text (issue #8, point 4).

Writes two registries into a temp dir, each with one 1 MB text under `unsorted:`:
`prose` (Finnish and English sentences, as an imported notice has) and `no-stops`
(the same words without a single full stop, the input that made the old
`[^.!?]*` phrase patterns quadratic). For each it measures, in fresh processes:

- `seloste lint` as a whole process: wall time and CPU time (user + system of the
  child, from `getrusage`), median of `runs`;
- where that process's CPU goes: importing the command line, opening the spelling
  dictionaries (Voikko, Hunspell), loading and validating the registry, and `lint()`
  itself, cold (nothing cached: the first lint of that registry in the process).

CPU time is the figure to compare on a shared machine; wall time also counts the
neighbours. The load average is printed with the figures.

    python bench/lint_megabyte.py                  # 3 runs each
    python bench/lint_megabyte.py 5 --pythonpath /tmp/old/plugin   # another checkout
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import MINIMAL_REGISTRY  # noqa: E402

SENTENCES = (
    "Käsittelemme asiakkaidemme tietoja asiakassuhteen hoitamiseksi ja laskutusta varten. "
    "Suosittelemme tutustumaan tähän selosteeseen ja kysymään lisää tietosuojavastaavalta. "
    "We process the data of our customers to manage the customer relationship. "
    "You may ask us at any time which data we hold about you, and how long we keep it. "
)

#: Run in a fresh process: CPU seconds of each step, as JSON.
BREAKDOWN = """
import json, sys, time
clock = time.process_time
t = clock()
import seloste.cli
from seloste.lint import lint, spelling
from seloste.registry import load_registry
steps = {"import": clock() - t}
t = clock()
spelling.voikko(), spelling.hunspell_en()
steps["dictionaries"] = clock() - t
t = clock()
loaded = load_registry(sys.argv[1], ["fi"])
steps["load"] = clock() - t
t = clock()
findings = lint(loaded)
steps["lint"] = clock() - t
steps["findings"] = len(findings)
print(json.dumps(steps))
"""


def registry(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return MINIMAL_REGISTRY + f'unsorted:\n  - "{quoted}"\n'


def texts() -> dict[str, str]:
    prose = (SENTENCES * (1_000_000 // len(SENTENCES) + 1))[:1_000_000]
    return {"prose": prose, "no-stops": prose.replace(".", ",")}


def whole_process(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `seloste lint` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "seloste", "lint", "-r", str(path), "--lang", "fi"],
        capture_output=True,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def breakdown(path: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", BREAKDOWN, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=3)
    parser.add_argument("--pythonpath", help="import seloste from here (another checkout)")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts().items():
            path = Path(tmp, f"{name}.yaml")
            path.write_text(registry(text), encoding="utf-8")
            runs = [whole_process(path, env) for _ in range(args.runs)]
            steps = [breakdown(path, env) for _ in range(args.runs)]

            def median(key: str, steps: list[dict[str, float]] = steps) -> float:
                return statistics.median(s[key] for s in steps)

            print(
                f"{name:9} {len(text) / 1e6:.1f} MB: `seloste lint` "
                f"{statistics.median(w for w, _ in runs):.2f} s wall, "
                f"{statistics.median(c for _, c in runs):.2f} s CPU (whole process); CPU: "
                f"import {median('import'):.2f}, dictionaries {median('dictionaries'):.2f}, "
                f"load {median('load'):.2f}, lint() {median('lint'):.2f} s "
                f"({int(median('findings'))} findings; medians of {args.runs})"
            )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
