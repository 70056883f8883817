"""What a build's process holds at its end, where its peak memory is (issue #9): lint runs
in a forked child (``forked.py``), so a first build's process never imports the lint
modules, with the same site and findings as linting in the process; the build cache is
written to its file as it is pickled, never held whole in memory. Module counts and
allocation bounds, never timings."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from seloste import buildcache, forked
from test_build_cache import log_lines, make_site, site_bytes

needs_fork = pytest.mark.skipif(
    not forked.can_fork(), reason="forks only on Linux, in a process with one thread"
)

#: A cold ``mkdocs build`` in-process; ``here`` as argument: with forking turned off.
#: Prints its log, then the seloste modules it imported and whether lint ran here.
BUILD = """\
import json, logging, sys
from seloste import forked
if sys.argv[1] == "here":
    forked.can_fork = lambda: False
from mkdocs.__main__ import cli
try:
    cli(["build"])
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in sys.modules if m.startswith("seloste"))))
"""


def _script(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by Python in ``root`` (a build in its own process), which must succeed."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def _cold_build(root: Path, where: str) -> tuple[str, list[str], dict[str, bytes]]:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    run = _script(root, BUILD, where)
    *log, modules = run.stdout.splitlines()
    return "\n".join(log) + run.stderr, json.loads(modules), site_bytes(root / "site")


@needs_fork
def test_a_cold_build_lints_in_a_child_with_the_same_site_and_findings(tmp_path) -> None:
    root = make_site(tmp_path / "site")
    log, modules, site = _cold_build(root, "child")
    here_log, here_modules, here_site = _cold_build(root, "here")
    assert site == here_site
    assert log_lines(log, root) == log_lines(here_log, root)
    assert any("L153" in line for line in log_lines(log, root))  # lint's findings reported
    assert not [m for m in modules if m.startswith("seloste.lint")]
    assert "seloste.lint.spelling" in here_modules  # what the child spares this process
    # The child's spelling answers were kept in the cache folder, as without it.
    assert list((root / ".cache" / "plugin" / "seloste").glob("spelling-*.spelling"))


def test_start_gives_the_value_of_the_work_in_a_child_or_here(monkeypatch) -> None:
    big = {str(n): ("ä" * 50, n) for n in range(20_000)}  # more than a pipe's buffer
    assert forked.start(lambda: big).result() == big
    pid = os.getpid()
    if forked.can_fork():
        assert forked.start(os.getpid).result() != pid  # ran in a child
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.start(os.getpid).result() == pid


@needs_fork
def test_a_failed_child_leaves_the_work_to_this_process() -> None:
    assert forked.in_child(lambda: 1 / 0) is None
    assert forked.in_child(lambda: os._exit(3)) is None
    assert forked.in_child(lambda: threading.Lock()) is None  # cannot be pickled
    assert forked.in_child(lambda: None) == (None,)
    ran_here = []

    def fails_in_a_child():
        if not ran_here and os.getpid() != parent:
            os._exit(1)
        ran_here.append(True)
        return "here"

    parent = os.getpid()
    assert forked.start(fails_in_a_child).result() == "here" and ran_here == [True]
    with pytest.raises(ZeroDivisionError):  # an error of the work itself: raised here
        forked.start(lambda: 1 / 0).result()


@needs_fork
def test_started_work_runs_beside_this_process(tmp_path) -> None:
    """``forked.start``: the child works while this process goes on (lint beside the
    build's pages); ``result`` collects its value. Run at once (as ``run`` does), the child
    would wait for a file this process writes only after starting it."""
    signal_file = tmp_path / "go"

    def waits_for_the_parent() -> str:
        for _ in range(1000):
            if signal_file.exists():
                return signal_file.read_text(encoding="utf-8") + f" in {os.getpid()}"
            time.sleep(0.01)
        return "never saw the parent's file"

    pending = forked.start(waits_for_the_parent)
    # Written whole, then renamed: the child never sees the file before its text.
    (tmp_path / "go.part").write_text("seen", encoding="utf-8")
    (tmp_path / "go.part").rename(signal_file)
    value = pending.result()
    assert value.startswith("seen in ") and value != f"seen in {os.getpid()}"
    assert pending.result() is value  # collected once


@needs_fork
def test_a_build_that_stops_leaves_no_lint_child(tmp_path) -> None:
    """``on_build_error`` stops lint's child (a build another plugin broke never collects
    it): killed and reaped at once, not left running or as a zombie."""
    from seloste.mkdocs_plugin import SelostePlugin

    plugin = SelostePlugin()
    plugin._lint_child = pending = forked.start(lambda: time.sleep(30))
    pid = pending._child[0]
    began = time.monotonic()
    plugin.on_build_error(error=RuntimeError("another plugin"))
    assert time.monotonic() - began < 5
    assert plugin._lint_child is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already


def test_no_fork_in_a_process_with_threads() -> None:
    """``mkdocs serve`` runs its server in threads: a fork could inherit a held lock. Work
    started where no child can be is done at once (lint before the pages, as in a child),
    not when its value is collected at the end of the build."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
        assert forked.start(os.getpid).result() == os.getpid()
        ran: list[int] = []
        pending = forked.start(lambda: ran.append(os.getpid()) or len(ran))
        assert ran == [os.getpid()]  # done when started
        assert pending.result() == 1 and ran == [os.getpid()]  # not again
    finally:
        stop.set()
        thread.join()


def test_the_cache_file_is_written_as_it_is_pickled(tmp_path) -> None:
    """The payload goes to the file frame by frame: writing a 2 MB entry never holds 2 MB
    (before: the whole pickle in a BytesIO, then a copy with its header)."""
    content = {"memo": {n: f"{n:06d}" * 1700 for n in range(200)}}  # ~2 MB, 200 strings
    path = tmp_path / ("k" * 64 + buildcache.SUFFIX)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        assert buildcache.write_value(path, "key", content)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    data = path.read_bytes()
    assert len(data) > 2_000_000
    assert peak < 700_000, peak
    # The format is as before: magic, the payload's SHA-256 in hex, a newline, the payload.
    header = len(buildcache.MAGIC) + 65
    assert data.startswith(buildcache.MAGIC) and data[header - 1 : header] == b"\n"
    digest = hashlib.sha256(data[header:]).hexdigest().encode()
    assert data[len(buildcache.MAGIC) : header - 1] == digest
    assert buildcache.read_value(path, "key") == {**content, "key": "key"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_a_value_that_cannot_be_stored_leaves_no_file(tmp_path) -> None:
    path = tmp_path / ("k" * 64 + buildcache.SUFFIX)
    assert not buildcache.write_value(path, "key", {"memo": {"lock": threading.Lock()}})
    assert list(tmp_path.iterdir()) == []


#: An in-process ``mkdocs build`` that fails if any package data file is parsed as YAML
#: (each is read from its JSON form, ``compiled/``), then prints the package files kept.
NO_YAML_BUILD = """\
import json, sys
from seloste import yamldata
def refuse(text):
    raise AssertionError("package data parsed as YAML")
yamldata.load_yaml = refuse
from mkdocs.__main__ import cli
try:
    cli(["build", "-q"])
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(p.relative_to(yamldata.PACKAGE).as_posix() for p in yamldata._FILES)))
"""


def test_the_cache_holds_no_package_data_and_no_build_parses_it_as_yaml(tmp_path) -> None:
    """The package's data files are read from their JSON form in every build (as fast as
    from a pickle), so the build cache no longer carries them: a warm build held every file
    the first build had parsed (~0.5 MiB) through its pages, also those it never needs."""
    root = make_site(tmp_path / "site")
    kept = []
    for _ in ("cold", "warm"):
        run = _script(root, NO_YAML_BUILD)
        kept.append(json.loads(run.stdout.splitlines()[-1]))
    folder = root / ".cache" / "plugin" / "seloste"
    (entry_file,) = folder.glob("*.pickle")
    entry = buildcache.read(folder, entry_file.stem)
    (shared_file,) = folder.glob("*" + buildcache.SHARED_SUFFIX)
    shared = buildcache.read_shared(folder)
    assert entry is not None and shared.key == shared_file.stem
    assert entry.memo and shared.memo
    assert not [slot for slot in [*entry.memo, *shared.memo] if slot[0] == "package_yaml"]
    for files in kept:  # what their own tables are made of is not held besides them
        assert "messages/plugin.yaml" in files or "messages/T.yaml" in files
        for made in ("catalog/services.yaml", "catalog/cookies.yaml", "codes.yaml"):
            assert made not in files
        assert "lint/rules.yaml" not in files and "lint/phrases.yaml" not in files


def test_tables_made_from_package_data_are_the_same_without_keeping_it() -> None:
    from seloste import catalog, codes, yamldata
    from seloste.catalog import cookies

    for table in (catalog.services, cookies.catalog_cookies, codes.all_codes):
        made = table()
        table.cache_clear()
        yamldata._FILES.clear()
        assert table() == made
    assert not {
        yamldata.PACKAGE / "catalog" / "services.yaml",
        yamldata.PACKAGE / "catalog" / "cookies.yaml",
        yamldata.PACKAGE / "codes.yaml",
    } & set(yamldata._FILES)
