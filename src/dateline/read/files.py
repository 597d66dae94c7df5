"""Every file dateline reads from the content folder goes through here, once.

Three rules hold for articles, sidecars and the registry alike, because each
was a hole when only articles followed them: a file that resolves outside the
content folder (a symlink to ``/etc/passwd``) is refused without being opened;
a file over ``max_file_bytes`` is refused before it is read; an unreadable file
is a finding that names it, not a crash.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from dateline.errors import ReadError

__all__ = ["inside", "read_capped"]


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, once every symlink is followed, is in ``root``.

    On strings (:func:`os.path.realpath`), not :meth:`Path.resolve`, which also
    stats the result: this runs for every file of every build. A link in a loop
    stays unresolved here and fails when opened, as an unreadable file.
    """
    try:
        if _plain_file_in(path, root):
            return True
        target = os.path.realpath(path)
        if ".." not in Path(root).parts and _under(target, os.path.abspath(root)):
            # ``target`` has no link left in it, so a root it runs through is no link
            # either: root is its own real path, which need not be resolved again
            return True
        return _under(target, os.path.realpath(root))
    except (OSError, ValueError):
        return False


def _plain_file_in(path: Path, root: Path) -> bool:
    """Whether ``path`` is an entry of the folder ``root`` itself that is not a link:
    then it is in the root whatever the root's own path resolves to. One ``lstat``
    where :func:`os.path.realpath` makes one per folder of the path: most articles
    sit at the top of the content folder."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or folder != os.fspath(root):
        return False
    try:
        return not stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:  # missing or unreadable: the open that follows says which
        return False


#: Opening with this refuses a link as the last part of the path (ELOOP); 0 where the
#: system has no such flag.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open_entry(path: Path, root: Path) -> int | None:
    """``path`` open for reading, if it is an entry of the folder ``root`` itself and not
    a link (then it is in the root, see :func:`_plain_file_in`), in one system call;
    None for any other path, which :func:`inside` must check first. Raises OSError
    when it cannot be opened."""
    if not _NOFOLLOW:
        return None
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or folder != os.fspath(root):
        return None
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # a link: checked the long way
            return None
        raise


def _under(target: str, base: str) -> bool:
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


def read_capped(path: Path, *, root: Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of ``path``, refused when outside ``root``, over ``max_bytes`` or unreadable.

    The size is checked on the open file (``fstat``) and the read stops one byte
    past the cap, so a file that grows between the check and the read, or a
    device that never ends, still costs at most ``max_bytes`` (plus one).
    """
    try:
        # an entry of the content folder itself, opened only if it is no link: what
        # inside() would tell with an lstat first (most articles sit there)
        handle = _open_entry(path, root)
        if handle is None:
            if not inside(path, root):
                raise ReadError(
                    f"the {what} is a link to {_target(path)}, outside the content folder; "
                    "it was not read",
                    path=path,
                    code="outside_content",
                    hint="copy the file into the content folder instead of linking to it",
                )
            # the descriptor itself, not a buffered file object: open, fstat, read,
            # close, where open() adds a stat, an isatty ioctl and a seek of its own
            handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            size = os.fstat(handle).st_size
            data = b""
            if size <= max_bytes:
                # read(n) allocates n bytes first: asking for the cap (10 MB) cost
                # more than reading the article. One byte past the size tells a
                # file that grew since fstat (or a device), read on to the cap.
                data = _read(handle, size + 1)
                if len(data) > size:
                    data += _read(handle, max_bytes + 1 - len(data))
        finally:
            os.close(handle)
    except OSError as exc:
        raise ReadError(
            f"cannot read the {what}: {exc.strerror or exc}",
            path=path,
            code="unreadable",
            hint="check the file's permissions (it must be readable by the user running dateline)",
        ) from exc
    if size > max_bytes or len(data) > max_bytes:
        raise ReadError(
            f"the {what} is {max(size, len(data)):,} bytes, over the {max_bytes:,}-byte limit",
            path=path,
            code="file_too_large",
            hint="split it, or raise max_file_bytes in dateline.toml",
        )
    return data


def _read(handle: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from the descriptor, fewer only where the file ends (a
    read may return less than asked: a pipe, a signal)."""
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        chunk = os.read(handle, limit - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _target(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return "a file that does not resolve"
