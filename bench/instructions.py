"""Instructions a whole `mkdocs build` executes, with and without Seloste (load-independent).

    python bench/instructions.py                      # 20 and 200 pages, plain and plugin, warm
    python bench/instructions.py --variants plugin    # only the plugin builds (plain is the same)
    python bench/instructions.py --pythonpath /tmp/old/plugin --variants plugin   # another version

Timings on a shared 2-core machine vary by more than the plugin costs; instruction counts
do not. Each build runs under ``valgrind --tool=callgrind`` (no output file, about 50×
slower than a normal build) with ``PYTHONHASHSEED=0``, **warm**: every variant is built
once normally first, so bytecode is written and the plugin's build cache entry
(``.cache/plugin/seloste/``) is in place, as in every build after the first.

Variants: ``plain`` (no Seloste) and ``plugin`` (the ``seloste`` plugin). From two sizes it prints the plugin's cost **per page** (the difference
between the sizes' plugin-minus-plain, divided by the difference in pages) and its
**fixed** cost (what remains at the smaller size).

``--clean``: the same site without the trackers pasted into its pages and without
Google Fonts (``theme.font: false``, both variants), so the plugin's check finds nothing on
the site and reads no source file (``sitesources.py``): what a site whose check is clean
costs. Without it, the bench site's undeclared trackers are found and traced to their
Markdown pages on every build.

``--cold``: every measured plugin build starts without the build cache entry (a first
build, or one after a registry edit), in **one process**: a thread that only sleeps keeps
``forked.can_fork`` false, so lint and its spelling run in the build's process instead of
forked children (whose counts valgrind prints per process, each including the parent's
instructions before the fork). ``--without lint audit consent`` adds variants of the
plugin with that option off, so each feature's share of the count is a difference:

    python bench/instructions.py --pages 20 100 --cold --without lint audit

``--forked`` (with ``--cold``): the plugin builds as users run them, lint and its spelling in
a forked child beside the build; the count is the sum over all processes, each child's
counted from its fork (``--zero-before=PyOS_AfterFork_Child``), so the parent's instructions
before the fork are not counted twice. This is what a first build costs the machine:

    python bench/instructions.py --pages 20 100 200 --cold --forked

``--pythonpath DIR`` puts DIR first on the builds' ``PYTHONPATH``, e.g. another version of
``plugin/`` exported with ``git archive <commit> plugin | tar -x -C /tmp/old``: the same
site, the same machine, two versions of Seloste.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_site import HOTJAR, META, VIMEO, YOUTUBE, make_site, write_config  # noqa: E402

_COLLECTED = re.compile(rb"Collected\s*:\s*(\d+)")
#: ``mkdocs`` with a thread that only sleeps: ``forked.can_fork`` is false, no child is forked.
ONE_PROCESS = (
    "import sys, threading, time\n"
    "threading.Thread(target=time.sleep, args=(1e6,), daemon=True).start()\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv[0] = 'mkdocs'\n"
    "cli()\n"
)
#: Plugin options ``--without`` can switch off (each a variant ``plugin-no-<option>``).
FEATURES = ("lint", "audit", "consent", "gate_embeds")


def _env(pythonpath: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONHASHSEED"] = "0"
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, env.get("PYTHONPATH")]))
    return env


def build(
    root: Path,
    variant: str,
    env: dict[str, str],
    *,
    valgrind: bool,
    cold: bool = False,
    forked: bool = False,
) -> int | None:
    """A build of ``mkdocs-<variant>.yml``; under valgrind its instruction count. ``cold``:
    without the build cache entry, in one process (``ONE_PROCESS``) unless ``forked``: then
    as users run it, summed over the build's processes."""
    config = root / f"mkdocs-{variant}.yml"
    if cold:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    if cold and not forked:
        args = [sys.executable, "-c", ONE_PROCESS, "build", "-q", "-f", str(config)]
    else:
        args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    args += ["-d", str(root / f"site-{variant}")]
    if not valgrind:
        _run(args, root, env, variant)
        return None
    if forked:
        with tempfile.TemporaryDirectory(prefix="seloste-cg-") as out:
            _run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--zero-before=PyOS_AfterFork_Child",
                    f"--callgrind-out-file={out}/cg.%p",
                    *args,
                ],
                root,
                env,
                variant,
            )
            return sum(_totals(path) for path in Path(out).glob("cg.*"))
    stderr = _run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        root,
        env,
        variant,
    )
    found = _COLLECTED.search(stderr)
    if found is None:
        sys.exit(f"no instruction count from valgrind:\n{stderr.decode()[-800:]}")
    return int(found.group(1))


def _run(args: list[str], root: Path, env: dict[str, str], variant: str) -> bytes:
    """Run a build; its standard error (valgrind's summary is there)."""
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"{variant} build failed:\n{proc.stderr.decode(errors='replace')[-800:]}")
    return proc.stderr


def _totals(path: Path) -> int:
    """The instruction total of one process's callgrind file (its ``totals:`` line)."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    sys.exit(f"no totals in {path}")


def make_clean(root: Path) -> None:
    """The site's pages without the pasted trackers (see ``--clean``)."""
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for snippet in (YOUTUBE, VIMEO, HOTJAR, META):
            text = text.replace(snippet + "\n", "")
        page.write_text(text, encoding="utf-8")


def clean_config(path: Path) -> None:
    """No Google Fonts: the theme's fonts would be an undeclared service on every page."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  language: fi\n", "  language: fi\n  font: false\n", 1))


def write_feature_configs(root: Path, features: list[str]) -> list[str]:
    """``mkdocs-plugin-no-<feature>.yml`` for each feature: the plugin with it off."""
    plugin = (root / "mkdocs-plugin.yml").read_text(encoding="utf-8")
    marker = "      fatal: false\n"
    if marker not in plugin:
        sys.exit(f"mkdocs-plugin.yml has no {marker.strip()!r} to add options after")
    variants = []
    for feature in features:
        variant = f"plugin-no-{feature}"
        text = plugin.replace(marker, f"{marker}      {feature}: false\n", 1)
        (root / f"mkdocs-{variant}.yml").write_text(text, encoding="utf-8")
        variants.append(variant)
    return variants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[20, 200])
    parser.add_argument(
        "--variants", nargs="+", default=["plain", "plugin"], choices=["plain", "plugin"]
    )
    parser.add_argument("--pythonpath", help="put this folder first on the builds' PYTHONPATH")
    parser.add_argument("--workdir", type=Path, help="keep the sites here (default: a temp dir)")
    parser.add_argument("--plain", type=float, nargs="*", help="known plain counts, one per size")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--clean",
        action="store_true",
        help="a site without trackers (nothing found, no source read)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="plugin builds without the build cache entry, in one process (no forked children)",
    )
    parser.add_argument(
        "--forked",
        action="store_true",
        help="with --cold: lint in its forked child as users run it, summed over processes",
    )
    parser.add_argument(
        "--without",
        nargs="+",
        default=[],
        choices=FEATURES,
        help="also the plugin with each of these options off (the feature's share)",
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install -y -qq valgrind)")
    env = _env(args.pythonpath)
    if args.pythonpath:
        compileall.compile_dir(args.pythonpath, quiet=1)
    compileall.compile_dir(REPO / "plugin", quiet=1)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="seloste-instr-"))
    counts: dict[int, dict[str, int]] = {}
    for pages in args.pages:
        root = work / f"{'clean' if args.clean else 'site'}-{pages}"
        if not (root / "docs").is_dir():
            make_site(root, pages, REPO / "data" / "registry.yaml")
            if args.clean:
                make_clean(root)
        for variant in ("plain", "plugin"):
            config = write_config(root, variant)
            if args.clean:
                clean_config(config)
        counts[pages] = {}
        variants = list(args.variants)
        if args.without and "plugin" in variants:
            variants += write_feature_configs(root, args.without)
        for variant in variants:
            build(root, variant, env, valgrind=False)  # warm: bytecode, the cache entry
            cold = args.cold and variant != "plain"
            counts[pages][variant] = (
                build(root, variant, env, valgrind=True, cold=cold, forked=args.forked) or 0
            )
            print(f"{pages} pages, {variant}: {counts[pages][variant] / 1e9:.3f} G", flush=True)
        for variant in variants:
            if variant.startswith("plugin-no-"):
                share = counts[pages]["plugin"] - counts[pages][variant]
                print(f"{pages} pages: {variant[len('plugin-no-') :]} costs {share / 1e9:.3f} G")
    if args.plain:
        for pages, known in zip(args.pages, args.plain, strict=True):
            counts[pages].setdefault("plain", int(known * 1e9))
    figures: dict = {"counts": counts}
    sizes = sorted(counts)
    if len(sizes) >= 2 and all("plain" in counts[s] for s in sizes):
        small, big = sizes[0], sizes[-1]
        for variant in ("plugin",):
            if variant not in counts[small] or variant not in counts[big]:
                continue
            extra_small = counts[small][variant] - counts[small]["plain"]
            extra_big = counts[big][variant] - counts[big]["plain"]
            per_page = (extra_big - extra_small) / (big - small)
            fixed = extra_small - per_page * small
            base_page = (counts[big]["plain"] - counts[small]["plain"]) / (big - small)
            figures[variant] = {"per_page": per_page, "fixed": fixed, "base_per_page": base_page}
            print(
                f"{variant}: +{per_page / 1e6:.2f} M instructions a page "
                f"(a page without Seloste: {base_page / 1e6:.1f} M), fixed +{fixed / 1e9:.3f} G; "
                f"+{extra_small / 1e9:.3f} G at {small} pages, +{extra_big / 1e9:.3f} G at {big}"
            )
    if args.json:
        print(json.dumps(figures))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
