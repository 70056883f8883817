"""`mkdocs serve` picks up edits of the registry (live reload)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import MINIMAL_REGISTRY
from test_mkdocs_plugin import folder_site


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


def test_serve_rebuilds_when_registry_changes(site_factory):
    root = folder_site(site_factory)
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
    url = f"http://127.0.0.1:{port}/tietosuojaseloste/"
    try:
        assert wait_for(url, "Testi Oy", 60), "the privacy notice was not served"
        registry = root / "data/registry.yaml"
        registry.write_text(MINIMAL_REGISTRY.replace("Testi Oy", "Muokattu Oy"), encoding="utf-8")
        assert wait_for(url, "Muokattu Oy", 60), "the edit of the registry was not picked up"
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
