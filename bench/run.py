"""Seloste benchmark: what the scan costs on a large bilingual Material site.

    python bench/run.py                  # 1,000 pages (500 fi + 500 en), two builds per variant
    python bench/run.py --pages 200      # quicker
    python bench/run.py --repeat 3       # more builds per variant (the least CPU counts)

Measures in one run:
1. ``mkdocs build`` without Seloste, with a hook running only Seloste's scanner on
   every page (``bench/scan_hook.py``), and with the whole ``seloste`` plugin
   (notices, consent, scan, audit, lint). Builds run as subprocesses; CPU time
   (user + system of the build process) is the main figure because wall time on
   a shared machine mostly measures the neighbours. The hook also times
   ``scan_html`` itself, which is the noise-free share of the scanner.
2. Scanner throughput in MB/s over the built site's HTML/JS/CSS, against one
   regex pass (``<script|img|iframe …>``) over the same bytes, and ``seloste scan``
   end to end as a command.
3. Peak memory (tracemalloc) of a directory scan at 1/4 of the pages and at all
   of them: streaming file by file keeps it flat.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_site import make_site, write_config  # noqa: E402
from seloste.scan import Scanner, scan_directory, site_files  # noqa: E402

ONE_REGEX = re.compile(rb"<(?:script|img|iframe)\b[^>]*>", re.IGNORECASE)


@dataclass
class Build:
    variant: str
    wall: float
    cpu: float
    ok: bool
    note: str = ""
    scan_seconds: float | None = None
    #: Seloste's warnings in the build log: proof the plugin's audit ran.
    seloste_warnings: int = 0
    #: CPU seconds inside each of the plugin's hooks, and importing it (plugin_timer.py).
    plugin_hooks: dict | None = None
    plugin_import: float | None = None


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(root: Path, variant: str, out: Path) -> Build:
    config = write_config(root, variant, HERE / "scan_hook.py")
    stats = root / f"hook-{variant}.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SELOSTE_BENCH_OUT": str(stats)}
    cpu0, wall0 = children_cpu(), time.perf_counter()
    # The plugin runs under plugin_timer.py, which times each of its hooks.
    runner = [str(HERE / "plugin_timer.py")] if variant == "plugin" else ["-m", "mkdocs"]
    proc = subprocess.run(
        [sys.executable, *runner, "build", "-f", str(config), "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    note = ""
    if proc.returncode != 0:
        note = (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]
    scan_seconds = hooks = imported = None
    if stats.exists():
        figures = json.loads(stats.read_text())
        scan_seconds = figures.get("scan_seconds")
        hooks, imported = figures.get("hooks"), figures.get("import_seconds")
        stats.unlink()
    warnings = sum(
        1 for line in proc.stderr.splitlines() if line.startswith("WARNING") and "seloste" in line
    )
    return Build(
        variant, wall, cpu, proc.returncode == 0, note, scan_seconds, warnings, hooks, imported
    )


def plugin_available() -> str | None:
    try:
        import seloste.mkdocs_plugin  # noqa: F401
    except Exception as exc:  # the plugin is another module; report why it is skipped
        return f"{type(exc).__name__}: {exc}"
    return None


def throughput(site: Path) -> dict:
    """Scanner vs one regex over the same bytes (files read before timing, CPU time)."""
    scanner = Scanner(site_host="bench.example.fi")
    scan_cpu = regex_cpu = 0.0
    total = pages = 0
    detections = 0
    for rel, full in site_files(site):
        data = full.read_bytes()
        total += len(data)
        is_html = rel.endswith((".html", ".htm"))
        pages += is_html
        t0 = time.process_time()
        if is_html:
            result = scanner.scan_html(rel, data.decode("utf-8", "replace"), nbytes=len(data))
        else:
            result = scanner.scan_asset(rel, data)
        t1 = time.process_time()
        ONE_REGEX.findall(data)
        t2 = time.process_time()
        scan_cpu += t1 - t0
        regex_cpu += t2 - t1
        detections += len(result.detections)
    mb = total / 1_000_000
    return {
        "megabytes": mb,
        "pages": pages,
        "detections": detections,
        "scan_cpu": scan_cpu,
        "regex_cpu": regex_cpu,
        "scan_mb_s": mb / scan_cpu,
        "regex_mb_s": mb / regex_cpu,
        "ms_per_page": 1000 * scan_cpu / max(pages, 1),
    }


def cli_scan(site: Path) -> dict:
    cpu0, wall0 = children_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "seloste", "scan", str(site), "--format", "json"],
        capture_output=True,
        text=True,
    )
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    data = json.loads(proc.stdout) if proc.returncode == 0 else {}
    return {
        "ok": proc.returncode == 0,
        "wall": wall,
        "cpu": cpu,
        "bytes": data.get("bytes_scanned", 0),
        "detections": len(data.get("detections", [])),
    }


def quarter_site(site: Path, target: Path) -> Path:
    """Every fourth page of ``site`` (hard links) plus all its assets."""
    if target.exists():
        shutil.rmtree(target)
    pages = [p for p in sorted(site.rglob("*.html"))]
    for index, path in enumerate(pages):
        if index % 4:
            continue
        dest = target / path.relative_to(site)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, dest)
    shutil.copytree(site / "assets", target / "assets", copy_function=os.link)
    return target


def peak_memory(site: Path) -> tuple[int, int]:
    """(pages, peak bytes allocated while scanning the directory)."""
    scanner = Scanner(site_host="bench.example.fi")
    tracemalloc.start()
    result = scan_directory(site, scanner)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = sum(1 for d in site.rglob("*.html"))
    assert result.files_scanned
    return pages, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pages", type=int, default=1000, help="HTML pages in all (half fi, half en)"
    )
    parser.add_argument("--repeat", type=int, default=2, help="builds per variant (fastest counts)")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to build (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated site and builds")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="seloste-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    root = make_site(work / "site", args.pages, REPO / "data" / "registry.yaml")
    print(f"Generated {args.pages} pages (fi + en) in {root}", flush=True)

    variants = ["plain", "hook"]
    why_not = plugin_available()
    if why_not is None:
        variants.append("plugin")
    else:
        print(f"seloste plugin not importable ({why_not}); measuring the scan hook only")

    builds: dict[str, list[Build]] = {v: [] for v in variants}
    for round_ in range(args.repeat):
        for variant in variants:  # interleaved, so drifting load hits every variant alike
            result = build(root, variant, work / f"out-{variant}")
            builds[variant].append(result)
            status = "ok" if result.ok else f"FAILED: {result.note}"
            print(
                f"  build {round_ + 1}/{args.repeat} {variant:6s}: wall {result.wall:6.1f} s, "
                f"CPU {result.cpu:6.1f} s  {status}",
                flush=True,
            )

    best = {
        v: min((b for b in bs if b.ok), key=lambda b: b.cpu, default=None)
        for v, bs in builds.items()
    }
    plain = best["plain"]
    if plain is None:
        sys.exit("the build without Seloste failed; see the messages above")
    site = work / "out-plain"

    print("\n== mkdocs build (fastest of each; CPU = user + system of the build process)")
    print(f"{'variant':28s} {'CPU s':>8s} {'wall s':>8s} {'CPU ratio':>10s}")
    labels = {
        "plain": "without Seloste",
        "hook": "+ scanner hook (scan only)",
        "plugin": "+ seloste plugin (everything)",
    }
    for variant in variants:
        b = best[variant]
        if b is None:
            print(f"{labels[variant]:28s} {'failed':>8s}  {builds[variant][-1].note}")
            continue
        print(f"{labels[variant]:28s} {b.cpu:8.1f} {b.wall:8.1f} {b.cpu / plain.cpu:10.3f}")
    if best.get("plugin"):
        count = best["plugin"].seloste_warnings
        proof = "so the audit ran" if count else "check that the plugin is enabled"
        print(
            f"(the plugin build logged {count} seloste warnings about the undeclared "
            f"trackers pasted into the bench pages: {proof})"
        )

    hook = best.get("hook")
    if hook and hook.scan_seconds is not None:
        share = hook.scan_seconds / plain.cpu
        print(
            f"CPU time inside Scanner.scan_html during the hook build: {hook.scan_seconds:.2f} s "
            f"= {100 * share:.1f}% of the plain build's CPU time"
        )

    plugin = best.get("plugin")
    if plugin and plugin.plugin_hooks is not None:
        hooks = {k: v for k, v in plugin.plugin_hooks.items() if k.startswith("on_")}
        inside = sum(hooks.values())
        parts = ", ".join(
            f"{name} {seconds:.2f}"
            for name, seconds in sorted(hooks.items(), key=lambda kv: -kv[1])
            if seconds >= 0.005
        )
        scan = plugin.plugin_hooks.get("Scanner.scan_html")
        if scan is not None:
            parts += f"; of on_post_page, Scanner.scan_html {scan:.2f}"
        print(
            f"CPU time inside the seloste plugin's hooks: {inside:.2f} s ({parts}) "
            f"+ importing it {plugin.plugin_import:.2f} s = "
            f"{100 * (inside + plugin.plugin_import) / plain.cpu:.1f}% of the plain build's CPU time"
        )

    print("\n== scan throughput over the built site (one core, CPU time, files read beforehand)")
    t = throughput(site)
    print(f"{t['megabytes']:.1f} MB in {t['pages']} pages + assets, {t['detections']} detections")
    print(f"Seloste scanner : {t['scan_mb_s']:7.1f} MB/s  ({t['ms_per_page']:.2f} ms per page)")
    print(
        f"one regex pass  : {t['regex_mb_s']:7.1f} MB/s  (scanner is "
        f"{t['regex_mb_s'] / t['scan_mb_s']:.1f}x slower than the bare regex)"
    )
    c = cli_scan(site)
    if c["ok"]:
        print(
            f"`seloste scan --format json` end to end: wall {c['wall']:.1f} s, CPU {c['cpu']:.1f} s "
            f"= {c['bytes'] / 1e6 / c['cpu']:.0f} MB/s of CPU incl. start-up and reading"
        )

    print("\n== peak memory of scan_directory (tracemalloc)")
    quarter = quarter_site(site, work / "out-quarter")
    for target in (quarter, site):
        pages, peak = peak_memory(target)
        print(f"{pages:5d} pages: peak {peak / 1e6:6.2f} MB")

    summary = {
        "pages": args.pages,
        "builds": {v: (vars(best[v]) if best[v] else None) for v in variants},
        "throughput": t,
        "cli": c,
    }
    (work / "results.json").write_text(json.dumps(summary, indent=2))
    print(f"\nresults: {work / 'results.json'}")
    if not args.keep and args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
        print("(generated site removed; --keep keeps it)")


if __name__ == "__main__":
    main()
