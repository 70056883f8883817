"""The browser tests' local server does not print tracebacks when Chromium drops a connection."""

from __future__ import annotations

import contextlib
import io

from conftest import QuietHTTPServer


def _error_output(error: BaseException) -> str:
    server = QuietHTTPServer(("127.0.0.1", 0), lambda *args: None)
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            try:
                raise error
            except BaseException:
                server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    return stderr.getvalue()


def test_dropped_connections_are_silent():
    assert _error_output(BrokenPipeError(32, "Broken pipe")) == ""
    assert _error_output(ConnectionResetError(104, "reset")) == ""


def test_real_errors_still_show():
    assert "ValueError" in _error_output(ValueError("a bug in a handler"))
