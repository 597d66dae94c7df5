"""The reader table and :func:`read_article`: what reading an article needs.

Kept apart from :mod:`dateline.read` so that listing the content folder (every
build does) does not load the Markdown parser and the YAML front matter models.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import ReadError
from dateline.read.draft import Draft
from dateline.read.encoding import decode
from dateline.read.files import inside, read_capped
from dateline.read.markdown import MarkdownReader
from dateline.read.sidecar import read_sidecar, sidecar_path
from dateline.read.text import TextReader

if TYPE_CHECKING:
    from dateline.read import Reader


def _table(*readers: Reader) -> dict[str, Reader]:
    return {suffix: reader for reader in readers for suffix in reader.suffixes}


#: Which reader handles which suffix.
READERS: dict[str, Reader] = _table(TextReader(), MarkdownReader())


def _refuse_folder(path: Path, root: Path, max_bytes: int) -> None:
    """Raise the finding for a folder given as an article (a folder the build could
    not list), if ``path`` is one."""
    if path.is_dir():
        if not inside(path, root):
            read_capped(path, root=root, max_bytes=max_bytes, what="folder")
        raise ReadError(
            "cannot list the folder: its articles are not read",
            path=path,
            code="unreadable",
            hint="check the folder's permissions (it must be readable by the user "
            "running dateline); its pages published before stay in place",
        )


def read_article(
    path: Path,
    max_bytes: int,
    readers: dict[str, Reader] = READERS,
    root: Path | None = None,
    *,
    seen: Callable[[bytes, bytes | None], None] | None = None,
    find_sidecar: Callable[[Path], Path | None] = sidecar_path,
) -> Draft:
    """Read one article and its sidecar. Raises :class:`ReadError` for unreadable input.

    Neither file is read when it resolves outside ``root`` (the content folder;
    by default the article's own folder), nor when it is over ``max_bytes``.
    ``seen`` is given the bytes of both files (None: no sidecar) once both are
    read: a build keys its cache by them, and need not read them a second time.
    ``find_sidecar`` finds the sidecar (a build's looks in a listing of the folder
    it made once, where :func:`sidecar_path` asks the file system per article).
    """
    root = path.parent if root is None else root
    reader = readers.get(path.suffix.lower())
    if reader is None:
        _refuse_folder(path, root, max_bytes)
        raise ReadError(
            f"no reader for {path.suffix!r} files",
            path=path,
            code="unknown_format",
            hint=f"use one of {', '.join(sorted(readers))}",
        )
    try:
        data = read_capped(path, root=root, max_bytes=max_bytes, what="file")
    except ReadError:
        # a folder is told apart only once reading failed: one stat less per article
        _refuse_folder(path, root, max_bytes)
        raise
    draft = reader.read(path, decode(data, path))
    side = find_sidecar(path)
    sidecar = None
    if side is not None:
        sidecar = read_capped(side, root=root, max_bytes=max_bytes, what="sidecar")
    if seen is not None:
        seen(data, sidecar)
    if side is not None and sidecar is not None:
        draft = dataclasses.replace(draft, sidecar=read_sidecar(side, decode(sidecar, side)))
    return draft
