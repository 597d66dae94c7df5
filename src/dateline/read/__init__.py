"""Read: one reader per source format, picked by file suffix from a table.

Every reader takes the decoded text of one file and returns a :class:`Draft`;
this module does what is common to all of them (size cap, decoding, sidecars).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Protocol

from dateline.errors import ReadError
from dateline.read.draft import Draft, Paragraph
from dateline.read.encoding import decode
from dateline.read.markdown import MarkdownReader
from dateline.read.sidecar import read_sidecar, sidecar_path
from dateline.read.text import TextReader

__all__ = ["READERS", "Draft", "Paragraph", "Reader", "discover", "read_article"]


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

    Hidden files and folders (editor backups, ``.git``) are skipped.
    """
    found = [
        p
        for p in content_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in readers
        and not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
    ]
    return sorted(found)


def read_article(path: Path, max_bytes: int, readers: dict[str, Reader] = READERS) -> Draft:
    """Read one article and its sidecar. Raises :class:`ReadError` for unreadable input."""
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ReadError(
            f"no reader for {path.suffix!r} files",
            path=path,
            code="unknown_format",
            hint=f"use one of {', '.join(sorted(readers))}",
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                path=path,
                code="file_too_large",
                hint="split it, or raise max_file_bytes in dateline.toml",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(
            f"cannot read the file: {exc.strerror}", path=path, code="unreadable"
        ) from exc
    draft = reader.read(path, decode(data, path))
    side = sidecar_path(path)
    if side is not None:
        draft = dataclasses.replace(draft, sidecar=read_sidecar(side))
    return draft
