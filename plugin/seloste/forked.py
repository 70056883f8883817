"""Work done in a forked child process, its value handed back through a pipe.

A build's peak memory is reached at its end, with every page made; what the plugin
imported and kept before the pages is part of it. Work whose code and intermediate data
no later step needs (lint of a registry: ~20 modules, its rule tables and phrase
patterns; issue #9) can run in a child forked from the build's process: the child starts
from the parent's pages (copy on write), hands back its pickled value and exits, so the
build's process never imports or holds any of it. The parent's ``wait4`` figures (CPU,
peak memory) include the child's, as a user's ``time mkdocs build`` shows them.

``start`` lets the child run beside what the process does next (lint beside the build's
pages: on two cores a first build ends that much sooner) and ``Pending.result`` collects
its value when it is needed.

Only where a fork is safe: Linux, and a process with no thread but the calling one (a fork
copies only that thread; a lock another thread held would stay locked in the child), so
never under ``mkdocs serve``, whose server runs in threads. Anywhere else, and when the
child fails for any reason, the work is done in the process itself, with the same value.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this process can fork safely: Linux, and no thread but this one."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def in_child(work: Callable[[], T]) -> tuple[T] | None:
    """``(work(),)`` computed in a forked child process and handed back (pickled through a
    pipe), or None when it could not be (no fork, the child failed or died): then nothing
    of ``work`` has run here, and the caller is to do it itself."""
    child = _fork(work)
    return None if child is None else _collect(*child)


class Pending(Generic[T]):
    """Work started in a forked child (``start``): its value when asked for."""

    def __init__(self, work: Callable[[], T], child: tuple[int, int] | None) -> None:
        self._work = work
        self._child = child
        self._value: tuple[T] | None = None

    def result(self) -> T:
        """The work's value: the child's, or (it failed, or none was started) done here."""
        if self._value is None:
            child, self._child = self._child, None
            done = None if child is None else _collect(*child)
            self._value = done if done is not None else (self._work(),)
        return self._value[0]

    def cancel(self) -> None:
        """Stop the child, if one still runs, and reap it (a build that failed)."""
        child, self._child = self._child, None
        if child is None:
            return
        pid, read = child
        os.close(read)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def start(work: Callable[[], T]) -> Pending[T]:
    """``work`` started in a forked child where that is safe (``can_fork``), to run beside
    what this process does next; ``result()`` waits for its value. Where no child can be
    started the work is done here at once, where the caller chose to start it (lint before
    the pages, while the process is small), not later when its value is asked for."""
    child = _fork(work) if can_fork() else None
    pending = Pending(work, child)
    if child is None:
        pending.result()
    return pending


def _fork(work: Callable[[], T]) -> tuple[int, int] | None:
    """A child forked to run ``work`` and write its pickled value into a pipe: (its pid,
    the pipe's reading end), or None when no child could be forked."""
    import gc
    import pickle

    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read)
            gc.disable()  # a collection would touch (copy) every object of the parent
            data = memoryview(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            while data:
                data = data[os.write(write, data) :]
            code = 0
        except BaseException:  # noqa: BLE001 - the parent does the work itself
            pass
        finally:
            os._exit(code)  # no atexit handlers, no flushing the parent's buffers
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> tuple[Any] | None:
    """The value a child of ``_fork`` handed back, once it has exited; None if it failed."""
    import pickle

    chunks = []
    try:
        while chunk := os.read(read, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(read)
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped already (SIGCHLD ignored): the data tells
            status = 0
    if status != 0 or not chunks:
        return None
    try:
        return (pickle.loads(b"".join(chunks)),)  # noqa: S301 - our own child's data
    except Exception:  # noqa: BLE001
        return None
