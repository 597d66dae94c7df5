"""Atomic writes: a temp file in the same folder, flushed, then renamed over the old.

A reader (a feed reader polling, a web server serving) sees either the previous
complete file or the new complete file, never a partial one, even when a build
is killed mid-write. Files whose content has not changed are not rewritten, so
their modification times (and HTTP caches) stay valid.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dateline.errors import OutputError

__all__ = ["write_atomic", "write_outputs"]


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False when it was already there."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(
            f"could not write: {exc.strerror or exc}; the previous file is unchanged",
            path=path,
            hint="check free space and permissions of the output folder",
        ) from exc
    return True


def write_outputs(root: Path, outputs: Mapping[str, bytes]) -> list[Path]:
    """Write each ``relative path → bytes`` under ``root``; return the paths changed.

    A relative path that would land outside ``root`` (``..``, an absolute path)
    is refused: no front matter can make a build write elsewhere.
    """
    root = root.resolve()
    # a build killed mid-write leaves its temp file behind; the real files are intact
    for leftover in root.rglob(".*.tmp") if root.is_dir() else []:
        leftover.unlink(missing_ok=True)
    changed = []
    for relative in sorted(outputs):
        target = (root / relative).resolve()
        if not target.is_relative_to(root) or target == root:
            raise OutputError(
                f"refusing to write outside the output folder: {relative!r}", path=root
            )
        if write_atomic(target, outputs[relative]):
            changed.append(target)
    return changed
