"""How long `seloste lint` takes on a registry holding 1 MB of text (issue #8, point 4).

Writes two registries into a temp dir, each with one 1 MB text under `unsorted:`:
`prose` (Finnish and English sentences, as an imported notice has) and `no-stops`
(the same words without a single full stop, the input that made the old
`[^.!?]*` phrase patterns quadratic). Runs `seloste lint` on each as a whole
process, several times, and prints the median wall time, plus the time of
`lint()` alone (in-process, the registry already loaded).

    python bench/lint_megabyte.py            # 3 runs each
"""

from __future__ import annotations

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


def registry(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return MINIMAL_REGISTRY + f'unsorted:\n  - "{quoted}"\n'


def main(runs: int = 3) -> None:
    prose = (SENTENCES * (1_000_000 // len(SENTENCES) + 1))[:1_000_000]
    variants = {"prose": prose, "no-stops": prose.replace(".", ",")}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in variants.items():
            path = Path(tmp, f"{name}.yaml")
            path.write_text(registry(text), encoding="utf-8")
            walls = []
            for _ in range(runs):
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "seloste", "lint", "-r", str(path), "--lang", "fi"],
                    capture_output=True,
                    check=False,
                )
                walls.append(time.perf_counter() - started)
            from seloste.lint import lint
            from seloste.registry import load_registry

            loaded = load_registry(path, ["fi"])
            inside = []
            for _ in range(runs):
                started = time.perf_counter()
                lint(loaded)
                inside.append(time.perf_counter() - started)
            print(
                f"{name:9} {len(text) / 1e6:.1f} MB: `seloste lint` {statistics.median(walls):.2f} s "
                f"(whole process, median of {runs}); lint() alone {statistics.median(inside):.2f} s"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
