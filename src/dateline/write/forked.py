"""A part of the build run in a second process, made by ``fork()``, while this one goes on.

The site-wide stage starts when the worker pool has ended, and it ran in this
process alone: on a machine of two cores, one sat idle for the second or two it
takes on a site of 10,000 articles. A forked copy of this process starts with
everything the stage needs already in memory (the summaries of every article,
the build's settings and plan): nothing is sent to it, and it sends back only
a short account of what it did (see :func:`fork_call`).

A copy is only made where it is safe and cheap: a platform with ``fork()`` (not
macOS, whose system libraries may not work in a forked copy) and a process with no
other thread running (a forked copy of a process with threads
holds whatever locks those threads held, forever). The copy never returns into
the build: it ends with ``os._exit`` (no exit handlers, no flushing of buffers
that belong to this process) once it has sent its result.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Forked", "fork_call"]

T = TypeVar("T")


class Forked(Generic[T]):
    """A call running in a forked copy of this process; :meth:`result` waits for it."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid = pid
        self._reader = reader

    def ready(self) -> bool:
        """Whether the call is over (its result sent, or the copy gone): a look, no wait."""
        poller = select.poll()  # not select(): it refuses descriptors past 1023
        poller.register(self._reader, select.POLLIN)
        return bool(poller.poll(0))

    def result(self) -> T | None:
        """What the call returned; None when it raised or the copy died (the caller
        then does the work itself, and meets the same error, if any, the usual way)."""
        with os.fdopen(self._reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if not data or os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            ok, value = pickle.loads(data)
        except Exception:  # cut short: the copy was killed while it wrote
            return None
        return value if ok else None


def fork_call(call: Callable[[], T]) -> Forked[T] | None:
    """Start ``call()`` in a forked copy of this process; None when this process
    cannot be copied safely (no ``fork()``, or other threads running): the caller
    runs ``call`` itself."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1:
        # macOS: system libraries may not work in a forked copy (Python spawns there)
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory, too many processes: not worth failing the build for
        os.close(reader)
        os.close(writer)
        return None
    if pid:
        os.close(writer)
        return Forked(pid, reader)
    # the copy: every object it only reads stays shared with this process, unless the
    # collector walks it (which writes to each object it visits): the copy ends soon,
    # what little garbage it makes with cycles can wait for its exit
    gc.disable()
    code = 1
    try:
        os.close(reader)
        try:
            data = pickle.dumps((True, call()))
        except Exception:
            data = pickle.dumps((False, None))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
