"""Read: one reader per source format, picked by file suffix from a table.

Every reader takes the decoded text of one file and returns a :class:`Draft`;
this module does what is common to all of them (size cap, decoding, sidecars).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dateline.read.files import inside

if TYPE_CHECKING:
    from dateline.read.draft import Draft, Paragraph
    from dateline.read.readers import READERS, read_article

__all__ = [
    "READERS",
    "SUFFIXES",
    "Draft",
    "Paragraph",
    "Reader",
    "discover",
    "discover_names",
    "has_articles",
    "read_article",
]

#: The suffixes the readers of :data:`READERS` take (a test checks they agree):
#: finding the articles must not load the readers, which a no-op build never runs.
SUFFIXES = frozenset({".txt", ".md", ".markdown"})


class Reader(Protocol):
    """Turns one source file's text into a :class:`Draft`."""

    suffixes: tuple[str, ...]

    def read(self, path: Path, text: str) -> Draft: ...


def __getattr__(name: str) -> object:
    """The readers and the draft types load on first use (PEP 562)."""
    if name in ("Draft", "Paragraph"):
        return getattr(importlib.import_module("dateline.read.draft"), name)
    if name in ("READERS", "read_article"):
        return getattr(importlib.import_module("dateline.read.readers"), name)
    raise AttributeError(f"module 'dateline.read' has no attribute {name!r}")


def discover(content_dir: Path, readers: Collection[str] = SUFFIXES) -> list[Path]:
    """Every article file under ``content_dir`` in a stable order (sorted paths).

    Hidden files and folders (editor backups, ``.git``) are skipped, and so are
    README files (``README.md``, ``readme.txt``: the editors' notes). A folder that
    cannot be listed, and a link (to a file with an article's suffix, or to a
    folder) that leads outside ``content_dir``, are listed too, so that reading
    them gives a finding naming them instead of their articles silently vanishing.
    Links to folders inside ``content_dir`` are not followed: what they hold is
    found where it really is.
    """
    return [Path(name) for name in discover_names(content_dir, readers)]


def discover_names(content_dir: Path, readers: Collection[str] = SUFFIXES) -> list[str]:
    """:func:`discover`, each path as its text: a build plans with the text of every
    article's path, and making a :class:`~pathlib.Path` of each (parsed, then its
    parts made again to sort by) was most of a large site's plan."""
    # by parts, which is how paths compare (a folder's "a/b" after its "a.md"): the
    # separator made the lowest character sorts the texts in that order, without a
    # list of parts made for each name (a tenth of the time, which every build spends)
    return sorted(_walk(content_dir, readers), key=lambda name: name.replace(os.sep, "\0"))


def has_articles(content_dir: Path, readers: Collection[str] = SUFFIXES) -> bool:
    """Whether :func:`discover` would find anything (it stops at the first)."""
    return next(_walk(content_dir, readers), None) is not None


def _walk(content_dir: Path, readers: Collection[str]) -> Iterator[str]:
    """The paths :func:`discover` lists, as text (as :class:`~pathlib.Path` writes them:
    ``os.walk`` joins a normalized root's names with one separator)."""
    failed: list[str] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            failed.append(os.fspath(Path(exc.filename)))

    for folder, dirs, files in os.walk(content_dir, onerror=unreadable):
        yield from failed
        failed.clear()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            here = Path(folder, name)
            if here.is_symlink() and not inside(here, content_dir):
                yield os.fspath(here)
        for name in files:
            stem, suffix = os.path.splitext(name)
            # a README beside the articles is the editors' notes, not a story: read, it
            # failed every build (no headline, no date)
            if not name.startswith(".") and suffix.lower() in readers and stem.lower() != "readme":
                yield os.path.join(folder, name)
    yield from failed
