"""Where a cold build's CPU time and memory go: one `mkdocs build` with the `seloste` plugin
and no build cache entry, with the resident memory (now and peak) and CPU time printed at
each step of the plugin's cold work.

    python bench/cold.py                        # the 20-page bench site (made in a temp dir)
    python bench/cold.py --pages 1000
    python bench/cold.py --site DIR             # a site with mkdocs-plugin.yml/-plain.yml
    python bench/cold.py --warm                 # keep the cache entry (a warm build)
    python bench/cold.py --edit                 # a build after a registry edit
    python bench/cold.py --no-spelling          # as if no dictionary binding were installed

Each build runs in a fresh process (`python bench/cold.py --child …`), so imports count
as in a user's build. It prints, for the plugin build and for the same site without
Seloste (`mkdocs-plain.yml`), the peak resident memory (`ru_maxrss` of the process) and
CPU time, then the plugin build's timeline: CPU seconds, resident and peak MiB when the
registry is loaded (pydantic is imported then), when each spelling dictionary is opened
and closed, and what each value kept in the build cache cost to compute the first time
(the notices, lint, the theme's JS/CSS scans…). In a build, the registry's load and lint
(with its dictionaries) run in forked children (``seloste/forked.py``): their CPU and the
largest one's peak are on a line of their own (``wait4``'s figures above include them). A cold build is the first build, a fresh
CI clone, or a build after a registry edit (see "Build cache" in docs/*/setup.md).
``--edit`` measures the last kind: the cache folder of earlier builds is kept (the
shared store, the spelling store, other registries' entries) and one English sentence
of the registry is edited before each measured build (words it already has, and a
number: a new entry, no new word).

Figures on a shared machine swing; memory does not, much. For a load-independent CPU
comparison count instructions:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/x.out \\
        python -m mkdocs build -q -f mkdocs-plugin.yml   # after rm -rf .cache
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _memory() -> tuple[float, float]:
    """Resident and peak resident memory of this process, MiB."""
    now = peak = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def child(config: str) -> None:
    """Build with the plugin's cold steps traced (runs in its own process)."""
    import functools

    started = time.process_time()
    marks: list[tuple[float, float, float, str]] = []

    def mark(label: str) -> None:
        marks.append((time.process_time() - started, *_memory(), label))

    import mkdocs.__main__

    from seloste import buildcache
    from seloste import mkdocs_plugin as plugin

    def traced(owner, name: str, label: str) -> None:
        method = getattr(owner, name)

        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            mark(f"> {label}")
            try:
                return method(*args, **kwargs)
            finally:
                mark(f"< {label}")

        setattr(owner, name, wrapper)

    for name, label in (
        ("_load_registry", "registry (read the entry, or load and validate)"),
        ("_lint", "lint"),
        ("_save_cache", "write the cache entry"),
        ("on_post_build", "on_post_build"),
    ):
        traced(plugin.SelostePlugin, name, label)

    computed: dict[str, list[float]] = {}
    get = buildcache.Entry.get

    def memo_get(self, name, args, compute):
        def timed():
            begin = time.process_time()
            try:
                return compute()
            finally:
                computed.setdefault(name, []).append(time.process_time() - begin)

        return get(self, name, args, timed)

    buildcache.Entry.get = memo_get  # type: ignore[method-assign]

    # The dictionaries open inside lint: trace them once lint/spelling.py is imported.
    import builtins

    real_import = builtins.__import__

    def watching_import(name, *args, **kwargs):
        module = real_import(name, *args, **kwargs)
        spelling = sys.modules.get("seloste.lint.spelling")
        if (
            spelling is not None
            and hasattr(spelling, "release")
            and not hasattr(spelling, "_bench_traced")
        ):
            spelling._bench_traced = True
            for opener in ("voikko", "hunspell_en"):
                # the uncached opener, cached here: ``release`` clears this cache
                original = getattr(spelling, opener).__wrapped__

                @functools.cache
                def traced_open(original=original, opener=opener):
                    mark(f"  > open {opener}")
                    try:
                        return original()
                    finally:
                        mark(f"  < open {opener}")

                setattr(spelling, opener, traced_open)
            traced(spelling, "release", "  close a dictionary")
        if "pydantic" in sys.modules and not marks_seen.get("pydantic"):
            marks_seen["pydantic"] = True
            mark("  pydantic imported")
        return module

    marks_seen: dict[str, bool] = {}
    builtins.__import__ = watching_import
    sys.argv = ["mkdocs", "build", "-q", "-f", config]
    mark("start (Python and bench/cold.py)")
    with contextlib.suppress(SystemExit):
        mkdocs.__main__.cli()
    builtins.__import__ = real_import
    mark("end")
    print("\nCPU s   RSS MiB  peak MiB  step")
    for cpu, now, peak, label in marks:
        print(f"{cpu:6.3f}  {now:7.1f}  {peak:8.1f}  {label}")
    # Work done in forked children (lint, the registry's load, spelling): not in the
    # timeline's CPU, but in wait4's figures above (CPU added, peak the largest process's).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if children.ru_maxrss:
        print(
            f"forked children: {children.ru_utime + children.ru_stime:.3f} s CPU, "
            f"the largest's peak {children.ru_maxrss / 1024:.1f} MiB"
        )
    if computed:
        print("\nvalues computed for the build cache (CPU ms, calls):")
        for name, spent in sorted(computed.items(), key=lambda kv: -sum(kv[1])):
            print(f"  {sum(spent) * 1000:7.1f} ms  {len(spent):3d}  {name}")


#: The sentence ``--edit`` changes (in data/registry.yaml, which the bench site copies),
#: and the same sentence as an earlier ``--edit`` left it.
EDITED = re.compile(r"and managing the customer relationship(?: \([0-9-]+\))?\.")
_edits = iter(range(1, 1000))


def edit_registry(root: Path) -> None:
    """A new version of the registry: the same words, one sentence numbered anew."""
    registry = root / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    if not EDITED.search(text):
        raise SystemExit(f"--edit: {registry} has no {EDITED.pattern!r}")
    edited = f"and managing the customer relationship ({os.getpid()}-{next(_edits)})."
    registry.write_text(EDITED.sub(edited, text, count=1), encoding="utf-8")


#: Set by ``--no-spelling``: the builds' PYTHONPATH gets a sitecustomize that makes
#: ``import enchant`` and ``import libvoikko`` fail (the spelling rules then skip, as
#: on a machine without them): what the rest of the plugin costs in memory.
NO_SPELLING: dict[str, str] = {}


def _no_spelling_env() -> dict[str, str]:
    folder = Path(tempfile.mkdtemp(prefix="seloste-nospell-"))
    (folder / "sitecustomize.py").write_text(
        "import sys\nsys.modules['enchant'] = None\nsys.modules['libvoikko'] = None\n",
        encoding="utf-8",
    )
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), path]))}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(NO_SPELLING)
    return env


def whole(root: Path, variant: str, cold: bool, edit: bool = False) -> tuple[float, float]:
    """CPU seconds and peak MiB of one whole `mkdocs build` process."""
    if edit and variant == "plugin":
        edit_registry(root)
    elif cold and variant == "plugin":
        shutil.rmtree(root / ".cache", ignore_errors=True)
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs-{variant}.yml"]
    proc = subprocess.Popen(args, cwd=root, env=_env(), stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--site", type=Path, help="a site with mkdocs-plugin.yml")
    parser.add_argument("--warm", action="store_true", help="keep the build cache entry")
    parser.add_argument(
        "--edit", action="store_true", help="keep the cache folder, edit the registry first"
    )
    parser.add_argument(
        "--no-spelling",
        action="store_true",
        help="builds without the Enchant and Voikko bindings (the rest of the plugin's memory)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.no_spelling:
        NO_SPELLING.update(_no_spelling_env())
    root = args.site
    if root is None:
        sys.path.insert(0, str(HERE))
        from make_site import make_site, write_config

        root = Path(tempfile.mkdtemp(prefix="seloste-cold-")) / f"site-{args.pages}"
        make_site(root, args.pages, REPO / "data" / "registry.yaml")
        for variant in ("plain", "plugin"):
            write_config(root, variant)
    whole(root, "plain", False)  # file cache and bytecode warm; not counted
    whole(root, "plugin", not (args.warm or args.edit))  # (--edit: fills the cache folder)
    plain = whole(root, "plain", False)
    plugin = whole(root, "plugin", not args.warm, args.edit)
    kind = "after a registry edit" if args.edit else "warm" if args.warm else "cold"
    if args.no_spelling:
        kind += ", no spelling"
    print(f"# {root}: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"without Seloste: {plain[0]:.2f} s CPU, peak {plain[1]:.1f} MiB")
    print(
        f"with the plugin ({kind}): {plugin[0]:.2f} s CPU, peak {plugin[1]:.1f} MiB "
        f"(+{plugin[0] - plain[0]:.2f} s, x{plugin[1] / plain[1]:.3f} memory)"
    )
    if args.edit:
        edit_registry(root)
    elif not args.warm:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    subprocess.run(
        [sys.executable, __file__, "--child", "mkdocs-plugin.yml"],
        cwd=root,
        env=_env(),
        check=False,
        stderr=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
