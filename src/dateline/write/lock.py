"""One build at a time per output folder: an advisory lock file in the output folder.

Two builds writing one folder at once interleave their files and manifests (the
index of one linking pages the other removed). The lock is ``flock`` on
``.dateline/lock``: the kernel releases it when the holder exits, even when it
is killed, so a crashed build never leaves the folder locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dateline.errors import DatelineError

__all__ = ["BuildLocked", "build_lock"]

#: How often a waiting build tries the lock again.
_POLL_SECONDS = 0.1


class BuildLocked(DatelineError, BlockingIOError):
    """Another build holds the output folder."""

    code = "build_locked"


@contextmanager
def build_lock(lock_file: Path, wait: float = 0.0) -> Iterator[int]:
    """Hold the lock for the ``with`` block; wait up to ``wait`` seconds for it.

    Yields the lock's file descriptor: a worker process forked inside the block
    must close it, or a build killed mid-way would leave its workers holding the
    lock. Raises :class:`BuildLocked` when another build still holds it after that.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        "another build is writing this output folder",
                        path=lock_file.parent.parent,
                        code="build_locked",
                        hint="wait for it to finish, or pass --wait SECONDS",
                    ) from None
                time.sleep(_POLL_SECONDS)
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
