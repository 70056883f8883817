"""The built site served on 127.0.0.1 for the browser, on a free port, in a thread."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # the browser's requests are recorded elsewhere
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that stays silent when the browser drops a connection.

    Chromium closes connections it no longer needs (prefetch, aborted loads, a closed tab);
    the standard server prints a BrokenPipeError traceback for each, which reads like a
    failure. Any other error in a handler is still shown.
    """

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site: str | Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` serving ``site`` until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
