"""Time per page of ``seloste verify``: what a CI job spends in the browser.

Builds the demo (``mkdocs build`` of this repository's docs) into a temp dir, then runs
``verify_site`` on it twice: on the pages verify chooses by itself (notice pages + one per
template), and with ``--all-pages``. Prints the wall time per visit (one page in one visitor
state, a fresh browser profile each), the median and the slowest, and the whole run.

    python bench/verify_timing.py
    python bench/verify_timing.py --site /path/to/built/site --registry data/registry.yaml
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from seloste.registry.load import load_registry
from seloste.verify import VerifyOptions, verify_site

ROOT = Path(__file__).resolve().parent.parent


def build_demo(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return target


def run(site: Path, registry: Path, every_page: bool) -> None:
    loaded = load_registry(registry)
    started = time.perf_counter()
    result = verify_site(site, loaded, VerifyOptions(every_page=every_page))
    total = time.perf_counter() - started
    times = sorted(v.seconds for v in result.visits)
    states = sorted({v.state for v in result.visits})
    pages = len(result.plan.pages)
    print(
        f"{'every page' if every_page else 'chosen pages'}: {pages} page(s) of "
        f"{result.plan.total} x {len(states)} state(s) = {len(times)} visits; "
        f"median {statistics.median(times):.2f} s a visit, slowest {times[-1]:.2f} s; "
        f"{total / pages:.2f} s a page (all states); whole run {total:.1f} s; "
        f"{len(result.findings)} finding(s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--registry", type=Path, default=ROOT / "data" / "registry.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_demo(Path(tmp) / "site")
        run(site, args.registry, every_page=False)
        run(site, args.registry, every_page=True)


if __name__ == "__main__":
    main()
