"""Read: one reader per source format, picked by file suffix from a table.

Every reader takes the decoded text of one file and returns a :class:`Draft`;
this module does what is common to all of them (size cap, decoding, sidecars).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from dateline.errors import ReadError
from dateline.read.draft import Draft, Paragraph
from dateline.read.encoding import decode
from dateline.read.files import inside, read_capped
from dateline.read.markdown import MarkdownReader
from dateline.read.sidecar import read_sidecar, sidecar_path
from dateline.read.text import TextReader

__all__ = ["READERS", "Draft", "Paragraph", "Reader", "discover", "has_articles", "read_article"]


class Reader(Protocol):
    """Turns one source file's text into a :class:`Draft`."""

    suffixes: tuple[str, ...]

    def read(self, path: Path, text: str) -> Draft: ...


def _table(*readers: Reader) -> dict[str, Reader]:
    return {suffix: reader for reader in readers for suffix in reader.suffixes}


#: Which reader handles which suffix.
READERS: dict[str, Reader] = _table(TextReader(), MarkdownReader())


def discover(content_dir: Path, readers: dict[str, Reader] = READERS) -> list[Path]:
    """Every article file under ``content_dir`` in a stable order (sorted paths).

    Hidden files and folders (editor backups, ``.git``) are skipped. A folder that
    cannot be listed, and a link (to a file with an article's suffix, or to a
    folder) that leads outside ``content_dir``, are listed too, so that reading
    them gives a finding naming them instead of their articles silently vanishing.
    Links to folders inside ``content_dir`` are not followed: what they hold is
    found where it really is.
    """
    # by parts, which is how paths compare, but without a Python call per comparison
    return sorted(_walk(content_dir, readers), key=lambda path: path.parts)


def has_articles(content_dir: Path, readers: dict[str, Reader] = READERS) -> bool:
    """Whether :func:`discover` would find anything (it stops at the first)."""
    return next(_walk(content_dir, readers), None) is not None


def _walk(content_dir: Path, readers: dict[str, Reader]) -> Iterator[Path]:
    failed: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            failed.append(Path(exc.filename))

    for folder, dirs, files in os.walk(content_dir, onerror=unreadable):
        yield from failed
        failed.clear()
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            if (here / name).is_symlink() and not inside(here / name, content_dir):
                yield here / name
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in readers:
                yield here / name
    yield from failed


def read_article(
    path: Path, max_bytes: int, readers: dict[str, Reader] = READERS, root: Path | None = None
) -> Draft:
    """Read one article and its sidecar. Raises :class:`ReadError` for unreadable input.

    Neither file is read when it resolves outside ``root`` (the content folder;
    by default the article's own folder), nor when it is over ``max_bytes``.
    """
    root = path.parent if root is None else root
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
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ReadError(
            f"no reader for {path.suffix!r} files",
            path=path,
            code="unknown_format",
            hint=f"use one of {', '.join(sorted(readers))}",
        )
    data = read_capped(path, root=root, max_bytes=max_bytes, what="file")
    draft = reader.read(path, decode(data, path))
    side = sidecar_path(path)
    if side is not None:
        sidecar = read_capped(side, root=root, max_bytes=max_bytes, what="sidecar")
        draft = dataclasses.replace(draft, sidecar=read_sidecar(side, decode(sidecar, side)))
    return draft
