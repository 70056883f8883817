"""Run ``mkdocs`` with every hook of the ``seloste`` plugin timed (CPU time).

    python bench/plugin_timer.py build -f mkdocs-plugin.yml

Whole-build comparisons swing by a second or two between identical builds; the CPU
time spent inside the plugin's own code does not. Writes the figures to the file
named by SELOSTE_BENCH_OUT (JSON: seconds per hook and inside Scanner.scan_html, import
seconds).

The import is timed after the modules every ``mkdocs build`` loads anyway (its command
line, the build command and the config schema): importing the plugin first would count
MkDocs' own start-up as Seloste's (about 0.2 s instead of about 0.1 s).
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import sys
import time

import mkdocs.__main__  # noqa: E402,F401  (loaded by every build, plugin or not)
import mkdocs.commands.build  # noqa: E402,F401
import mkdocs.config.defaults  # noqa: E402,F401

started = time.process_time()
from seloste import mkdocs_plugin  # noqa: E402

IMPORT_SECONDS = time.process_time() - started
SPENT: dict[str, float] = {}


def _timed(name, method):
    @functools.wraps(method)  # keeps mkdocs_priority from @event_priority
    def timed(self, *args, **kwargs):
        begin = time.process_time()
        try:
            return method(self, *args, **kwargs)
        finally:
            SPENT[name] = SPENT.get(name, 0.0) + time.process_time() - begin

    return timed


for _name in dir(mkdocs_plugin.SelostePlugin):
    if _name.startswith("on_"):
        setattr(
            mkdocs_plugin.SelostePlugin,
            _name,
            _timed(_name, getattr(mkdocs_plugin.SelostePlugin, _name)),
        )

# The page scan inside on_post_page, to tell it apart from the rest of that hook.
from seloste.scan.scanner import Scanner  # noqa: E402

Scanner.scan_html = _timed("Scanner.scan_html", Scanner.scan_html)


def _write() -> None:
    out = os.environ.get("SELOSTE_BENCH_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"hooks": SPENT, "import_seconds": IMPORT_SECONDS}, handle)


atexit.register(_write)

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", *sys.argv[1:]]
    cli()
