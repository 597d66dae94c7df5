"""Files too large to hold whole: written piece by piece, atomically.

The site graph of a large archive (``index.jsonld``, and the home page that
embeds it) is tens of megabytes: made as one text, then encoded, then escaped
into the page, it held several copies at once. An emitter returns such a file as
:class:`Chunks` instead of bytes, and the build writes it here as it is made: a
temp file in the same folder, renamed over the old one (as
:mod:`dateline.write.atomic` does), or removed when the file there already had
these bytes, so its time stays.
"""

from __future__ import annotations

import filecmp
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import OutputError
from dateline.write.atomic import TEMP_SUFFIX

__all__ = ["Chunks", "same_chunks", "write_chunks"]


@dataclass(frozen=True)
class Chunks:
    """A file's bytes as pieces, made anew each time they are iterated."""

    make: Callable[[], Iterator[bytes]]

    def __iter__(self) -> Iterator[bytes]:
        return self.make()

    def join(self) -> bytes:
        """All of it at once (a library caller that wants the bytes)."""
        return b"".join(self.make())


def write_chunks(path: Path, chunks: Chunks, durable: bool = True) -> tuple[bool, int]:
    """Write ``chunks`` to ``path`` atomically; (whether it changed, its size in bytes).

    Raises :class:`~dateline.errors.OutputError` when it cannot be written; the file
    there is unchanged then.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise _error(path, exc) from exc
    tmp = Path(name)
    try:
        size = 0
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                size += len(chunk)
            handle.flush()
            try:
                same = path.stat().st_size == size and filecmp.cmp(tmp, path, shallow=False)
            except OSError:
                same = False
            if same:
                tmp.unlink()
                return False, size
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _error(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True, size


def same_chunks(path: Path, chunks: Chunks) -> tuple[bool, int]:
    """Whether ``path`` holds exactly ``chunks`` (read side by side, never whole), and
    the size of ``chunks``."""
    size = 0
    same = True
    try:
        handle = path.open("rb")
    except OSError:
        handle = None
        same = False
    try:
        for chunk in chunks:
            size += len(chunk)
            if same and handle is not None and handle.read(len(chunk)) != chunk:
                same = False
        if same and handle is not None and handle.read(1):
            same = False
    finally:
        if handle is not None:
            handle.close()
    return same, size


def _error(path: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"could not write: {exc.strerror or exc}; the previous file is unchanged",
        path=path,
        hint="check free space and permissions of the output folder",
    )
