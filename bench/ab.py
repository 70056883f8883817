"""Whole-process A/B: `mkdocs build` with and without the seloste plugin, as users feel it.

    python bench/ab.py                        # 1,000-page and 20-page sites, 5 pairs each
    python bench/ab.py --pages 1000 --pairs 7
    python bench/ab.py --json                 # machine-readable figures
    python bench/ab.py --cache cold           # only builds without a build cache entry
    python bench/ab.py --cache edit           # every plugin build after a registry edit
    python bench/ab.py --together             # both sides of a pair at once, a core each
    python bench/ab.py --option share_templates=false   # Seloste's own work alone

Seloste keeps the validated registry, its notices and lint findings in a build cache
(`.cache/plugin/seloste/`, plugin option `cache`). Each size is measured twice: **cold**
(the cache folder is deleted before every plugin build, so each one validates the
registry, renders the notices, lints and writes the entry, as a first build or a build
after a registry edit does) and **warm** (the entry of the build before is there, as in
every later build and `mkdocs serve` rebuild). The folder is deleted outside the timed
process. `--cache edit` measures a third case: before every plugin build the registry is
edited (the retention period, in both languages, gets a number it never had), as when a
marketer changes a text and builds again: the registry's entry misses, while what
depends on Seloste alone (its data, the theme's scripts, spelling answers) is kept.

Each pair builds the same site once without Seloste and once with the plugin, as
separate processes (`python -m mkdocs build`), alternating which goes first so a
change in the machine's load hits both sides alike. Per build it records the
process's CPU time (user + system), wall time and peak resident memory (ru_maxrss
from wait4, so only that build's own process). It prints the medians per side, the
median of the per-pair CPU and wall ratios, and the CPU difference in seconds, and
checks the targets of issue #9: CPU ratio <= 1.05 at 1,000 pages, <= +0.25 s at
20 pages, peak memory <= +10 %.

`--baseline notices` compares with a site that already has what Seloste makes, kept by
hand: the same pages plus the four notices as Markdown files (`seloste render`'s output,
`attr_list` on for their heading ids) and Material's consent banner in `extra.consent`
(`seloste consent`'s YAML). That is what adopting Seloste costs a site that had its
notices and banner before; the default baseline (no notices, no banner) also charges the
plugin for rendering four long pages and the banner, which any site needs anyway.

The machine is shared: single builds vary by more than the plugin costs, which is
why the figures are medians of alternating pairs, and why ratios within one run are
the thing to compare.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_site import make_site, write_config  # noqa: E402

#: (pages, what the plugin may add): a ratio for big sites, seconds for small ones.
TARGETS = {"cpu_ratio_max": 1.05, "small_cpu_delta_max": 0.25, "rss_ratio_max": 1.10}


@dataclass
class Run:
    variant: str
    cpu: float
    wall: float
    rss_mib: float
    ok: bool


#: The builds' environment: as a user's, so Python writes and reuses bytecode. With
#: PYTHONDONTWRITEBYTECODE set (as in some CI and sandbox shells), every module edited
#: since its .pyc was written is compiled from source in every build: a cost no installed
#: plugin has (pip compiles at install), and it would be counted as the plugin's.
BUILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


#: The registry text `--cache edit` changes (data/registry.yaml's retention period).
EDITED = ("ja sen päätyttyä 15 vuotta", "15 years after it ends")
_edits = itertools.count(16)


def edit_registry(root: Path) -> None:
    """A marketer's edit: the retention period gets a number it never had (both languages)."""
    registry = root / "data" / "registry.yaml"
    original = root / "data" / "registry.yaml.orig"
    if not original.exists():
        shutil.copy(registry, original)
    text = original.read_text(encoding="utf-8")
    if not all(part in text for part in EDITED):
        raise SystemExit(f"--cache edit: {registry} no longer has {EDITED}; update EDITED")
    years = next(_edits)
    for part in EDITED:
        text = text.replace(part, part.replace("15", str(years)))
    registry.write_text(text, encoding="utf-8")


def build_once(root: Path, variant: str, cache: str = "warm") -> Run:
    config = root / f"mkdocs-{variant}.yml"
    if variant == "plugin" and cache == "cold":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    if variant == "plugin" and cache == "edit":
        edit_registry(root)
    out = root / f"site-{variant}"
    env = {**BUILD_ENV, "NO_MKDOCS_2_WARNING": "1"}
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    wall0 = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - wall0
    ok = proc.returncode == 0
    if not ok:
        print(f"  {variant} build failed:\n{errors.decode(errors='replace')[-600:]}")
    return Run(variant, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, ok)


def build_together(root: Path, cache: str, swap: bool, baseline: str = "plain") -> tuple[Run, Run]:
    """Both sides at the same moment, each on its own core (`--together`).

    On a shared machine the speed of a core drifts by tens of per cent within minutes
    (other tenants, frequency), which one-after-the-other pairs cannot cancel. Built at
    the same time, both sides meet the same drift; each is pinned to one core so they do
    not take turns on one, and the cores swap every pair so a faster core favours
    neither side. Returns (plain, plugin).
    """
    if cache == "cold":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    if cache == "edit":
        edit_registry(root)
    env = {**BUILD_ENV, "NO_MKDOCS_2_WARNING": "1"}
    cores = sorted(os.sched_getaffinity(0))[:2]
    if swap:
        cores.reverse()
    procs: dict[int, tuple[str, subprocess.Popen[bytes], float]] = {}
    logs: dict[str, Path] = {}
    for variant, core in zip((baseline, "plugin"), cores, strict=True):
        config = root / f"mkdocs-{variant}.yml"
        out = root / f"site-{variant}"
        args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
        logs[variant] = root / f"{variant}.stderr"
        with logs[variant].open("wb") as err:
            proc = subprocess.Popen(
                args,
                cwd=root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
                preexec_fn=functools.partial(os.sched_setaffinity, 0, {core}),
            )
        procs[proc.pid] = (variant, proc, time.perf_counter())
    runs: dict[str, Run] = {}
    while len(runs) < 2:
        pid, status, usage = os.wait4(-1, 0)
        if pid not in procs:
            continue
        variant, proc, start = procs[pid]
        proc.returncode = os.waitstatus_to_exitcode(status)
        ok = proc.returncode == 0
        if not ok:
            tail = logs[variant].read_text(encoding="utf-8", errors="replace")[-600:]
            print(f"  {variant} build failed:\n{tail}")
        runs[variant] = Run(
            variant,
            usage.ru_utime + usage.ru_stime,
            time.perf_counter() - start,
            usage.ru_maxrss / 1024,
            ok,
        )
    return runs[baseline], runs["plugin"]


def write_notices_baseline(root: Path) -> None:
    """mkdocs-notices.yml: the site with Seloste's notices and banner kept by hand
    (``--baseline notices``): docs-notices/ is docs/ plus `seloste render`'s pages, the
    configuration the plain one plus `attr_list` and `seloste consent`'s extra.consent."""
    import yaml

    docs = root / "docs-notices"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "docs", docs)
    plain = write_config(root, "plain").read_text(encoding="utf-8")
    config = plain.replace("  - tables\n", "  - tables\n  - attr_list\n", 1)
    config = f"docs_dir: docs-notices\n{config}"
    seloste = [sys.executable, "-m", "seloste"]
    registry = str(root / "data" / "registry.yaml")
    with tempfile.TemporaryDirectory() as tmp:  # render reads the i18n layout from mkdocs.yml
        Path(tmp, "mkdocs.yml").write_text(plain, encoding="utf-8")
        subprocess.run(
            [*seloste, "render", "-g", "mkdocs", "-r", registry, "-o", str(docs)],
            cwd=tmp,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    printed = subprocess.run(
        [*seloste, "consent", "-r", registry, "--lang", "fi", "--analytics"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    consent = yaml.safe_load(printed)["extra"]["consent"]
    block = yaml.safe_dump({"consent": consent}, allow_unicode=True, width=10_000)
    indented = "".join(f"  {line}\n" for line in block.splitlines())
    config = config.replace("extra:\n", f"extra:\n{indented}", 1)
    (root / "mkdocs-notices.yml").write_text(config, encoding="utf-8")


def measure(
    pages: int,
    pairs: int,
    work: Path,
    cache: str = "warm",
    together: bool = False,
    baseline: str = "plain",
    options: dict[str, str] | None = None,
) -> dict:
    root = work / f"site-{pages}"
    if not (root / "docs").is_dir():
        make_site(root, pages, REPO / "data" / "registry.yaml")
    for variant in ("plain", "plugin"):
        write_config(root, variant, options=options)
    if baseline == "notices":
        write_notices_baseline(root)
    build_once(root, baseline)  # warm the file cache and .pyc files; not counted
    build_once(root, "plugin", cache)
    runs: list[tuple[Run, Run]] = []
    loads: list[float] = []  # the machine's 1-minute load average after each pair
    for index in range(pairs):
        if together:
            plain, plugin = build_together(root, cache, swap=index % 2 == 1, baseline=baseline)
        else:
            order = (baseline, "plugin") if index % 2 == 0 else ("plugin", baseline)
            first, second = (build_once(root, v, cache) for v in order)
            plain, plugin = (first, second) if order[0] == baseline else (second, first)
        runs.append((plain, plugin))
        loads.append(os.getloadavg()[0])
        print(
            f"  {pages} pages, {cache}, pair {index + 1}/{pairs}: CPU {plain.cpu:.2f} s -> "
            f"{plugin.cpu:.2f} s ({plugin.cpu / plain.cpu:.3f}), RSS {plain.rss_mib:.0f} -> "
            f"{plugin.rss_mib:.0f} MiB, load {loads[-1]:.1f}",
            flush=True,
        )
    plain_runs = [p for p, _ in runs]
    plugin_runs = [q for _, q in runs]

    def med(values: list[float]) -> float:
        return statistics.median(values)

    figures = {
        "pages": pages,
        "pairs": pairs,
        "cache": cache,
        "together": together,
        "baseline": baseline,
        "options": options or {},
        "all_ok": all(r.ok for pair in runs for r in pair),
        "plain": {
            "cpu": med([r.cpu for r in plain_runs]),
            "wall": med([r.wall for r in plain_runs]),
            "rss_mib": med([r.rss_mib for r in plain_runs]),
        },
        "plugin": {
            "cpu": med([r.cpu for r in plugin_runs]),
            "wall": med([r.wall for r in plugin_runs]),
            "rss_mib": med([r.rss_mib for r in plugin_runs]),
        },
        "cpu_ratio": med([q.cpu / p.cpu for p, q in runs]),
        "wall_ratio": med([q.wall / p.wall for p, q in runs]),
        "cpu_delta": med([q.cpu - p.cpu for p, q in runs]),
        "wall_delta": med([q.wall - p.wall for p, q in runs]),
        "rss_ratio": med([q.rss_mib / p.rss_mib for p, q in runs]),
        "runs": [[asdict(p), asdict(q)] for p, q in runs],
        "load": [min(loads), max(loads)] if loads else None,
    }
    return figures


def verdict(figures: dict, small: bool) -> list[str]:
    lines = []
    if small:
        ok = figures["cpu_delta"] <= TARGETS["small_cpu_delta_max"]
        lines.append(
            f"CPU {figures['cpu_delta']:+.2f} s (target <= +{TARGETS['small_cpu_delta_max']} s): "
            + ("met" if ok else "NOT met")
        )
    else:
        ok = figures["cpu_ratio"] <= TARGETS["cpu_ratio_max"]
        lines.append(
            f"CPU ratio {figures['cpu_ratio']:.3f} (target <= {TARGETS['cpu_ratio_max']}): "
            + ("met" if ok else "NOT met")
        )
    ok = figures["rss_ratio"] <= TARGETS["rss_ratio_max"]
    lines.append(
        f"peak RSS ratio {figures['rss_ratio']:.3f} (target <= {TARGETS['rss_ratio_max']}): "
        + ("met" if ok else "NOT met")
    )
    return lines


#: How the report names each baseline (``--baseline``).
BASELINES = {"plain": "", "notices": ", notices and banner by hand"}


def _options(figures: dict) -> str:
    options = figures.get("options") or {}
    return " (" + ", ".join(f"`{k}: {v}`" for k, v in options.items()) + ")" if options else ""


def report(figures: dict) -> str:
    plain, plugin = figures["plain"], figures["plugin"]
    small = figures["pages"] < 100
    rows = [
        f"### {figures['pages']} pages, {figures.get('cache', 'warm')} build cache, "
        f"{figures['pairs']} "
        + (
            "pairs built at the same time, one core each (medians)"
            if figures.get("together")
            else "alternating pairs (medians)"
        ),
        "",
        "| `mkdocs build` | CPU s | wall s | peak RSS MiB |",
        "|---|---:|---:|---:|",
        f"| without Seloste{BASELINES[figures.get('baseline', 'plain')]} | {plain['cpu']:.2f} | {plain['wall']:.2f} | {plain['rss_mib']:.0f} |",
        f"| with the `seloste` plugin{_options(figures)} | {plugin['cpu']:.2f} | {plugin['wall']:.2f} "
        f"| {plugin['rss_mib']:.0f} |",
        f"| ratio (median of pairs) | {figures['cpu_ratio']:.3f} | {figures['wall_ratio']:.3f} "
        f"| {figures['rss_ratio']:.3f} |",
        f"| difference (median of pairs) | {figures['cpu_delta']:+.2f} | "
        f"{figures['wall_delta']:+.2f} | |",
        "",
        f"- load average during the pairs: {figures['load'][0]:.1f}–{figures['load'][1]:.1f} "
        "(2 cores; above ~1 the machine is shared and single builds swing)"
        if figures.get("load")
        else "- load average: not recorded",
        *(f"- {line}" for line in verdict(figures, small)),
    ]
    if not figures["all_ok"]:
        rows.append("- some builds FAILED: the figures do not count")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pages", type=int, action="append", help="site size(s); default 1000 and 20"
    )
    parser.add_argument("--pairs", type=int, default=5, help="alternating pairs (>= 5)")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--cache",
        choices=("both", "cold", "warm", "edit"),
        default="both",
        help="plugin builds without (cold) or with (warm) the build cache entry, or after a "
        "registry edit (edit); default both (cold and warm)",
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="build both sides of a pair at the same time, one core each (cores swap every "
        "pair): both meet the same drift of a shared machine's speed",
    )
    parser.add_argument(
        "--baseline",
        choices=("plain", "notices"),
        default="plain",
        help="the build without Seloste: the plain site (default), or the site with the same "
        "notices and consent banner kept by hand (see above)",
    )
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a plugin option for the builds with Seloste (e.g. share_templates=false: "
        "what Seloste's own work costs, without the theme's templates shared)",
    )
    args = parser.parse_args()
    options = dict(item.split("=", 1) for item in args.option if "=" in item)
    if len(options) != len(args.option):
        parser.error("--option takes KEY=VALUE")
    if args.together and len(os.sched_getaffinity(0)) < 2:
        parser.error("--together needs two cores")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="seloste-ab-"))
    # Up-to-date bytecode for Seloste, as an installed package has (see BUILD_ENV).
    import seloste

    compileall.compile_dir(Path(seloste.__file__).parent, quiet=1)
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    modes = ("cold", "warm") if args.cache == "both" else (args.cache,)
    results = [
        measure(pages, args.pairs, work, mode, args.together, args.baseline, options)
        for pages in (args.pages or [1000, 20])
        for mode in modes
    ]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for figures in results:
            print()
            print(report(figures))


if __name__ == "__main__":
    main()
