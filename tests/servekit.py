"""``mkdocs serve`` for the tests: a real preview server on a free port, read over HTTP.

``with mkdocs_serve(root) as served:`` starts it in ``root`` and stops it at the end of the
block (also when an assertion fails), after which ``served.output`` holds what it printed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return True
        time.sleep(0.3)
    return False


@dataclass
class Served:
    #: ``http://127.0.0.1:PORT/``
    url: str
    #: Everything the server printed (its log, with Seloste's findings), once it has stopped.
    output: str = ""
    #: What it has printed so far, line by line (read while it runs).
    lines: list[str] = field(default_factory=list)

    def wait_for_output(self, text: str, count: int, seconds: float) -> bool:
        """Whether ``text`` has been printed ``count`` times within ``seconds``: a page is
        served as soon as it is written, before its build ends and reports."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if "".join(self.lines).count(text) >= count:
                return True
            time.sleep(0.1)
        return False


@contextlib.contextmanager
def mkdocs_serve(root: Path) -> Iterator[Served]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Served(f"http://127.0.0.1:{port}/")
    assert server.stdout is not None
    reader = threading.Thread(target=lambda: served.lines.extend(server.stdout), daemon=True)
    reader.start()
    try:
        yield served
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        reader.join(timeout=10)
        served.output = "".join(served.lines)
