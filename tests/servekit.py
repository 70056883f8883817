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
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
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
    try:
        yield served
    finally:
        server.terminate()
        try:
            served.output, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            served.output, _ = server.communicate()
