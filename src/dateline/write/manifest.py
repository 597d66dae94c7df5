"""The manifest: which source file made which files, written last, as the commit point.

``.dateline-manifest.json`` in the output folder lists, for every article the
build published (or kept from before), its slug and the files it owns, and the
site-wide files. It is what makes a build safe in a folder it shares with others:

- a build removes only files the previous manifest lists and the new one does
  not (an article deleted or renamed), never anything else it finds;
- it is written after every article file and every feed, so a build that dies
  half way leaves the previous manifest, which still describes files that exist;
- :mod:`dateline.carry` reads it to find the last good version of a failing file.

It holds no hashes, times or absolute paths, so the same site gives the same
manifest on every machine (it is committed with ``feeds/``). It also names the
time zone of each article that has one: the published JSON-LD keeps only an
offset, and a version carried forward prints its times in its zone by name.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import TypeVar

import orjson

__all__ = ["MANIFEST", "Manifest", "article_files"]

MANIFEST = ".dateline-manifest.json"
_V = TypeVar("_V")
_ABOUT = (
    "written by dateline: which article file made which slug, and the files "
    "each build owns (a build removes no other file)"
)


def _indented(value: object, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` for strings, lists and dicts
    of them, the same bytes several times faster (json's indenting encoder is pure
    Python, and a large site's manifest has tens of thousands of entries)."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{encode_basestring(k)}: {_indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value)


def article_files(slug: str) -> tuple[str, ...]:
    """The files an article writes, relative to the output folder (in sorted order)."""
    return (f"articles/{slug}.html", f"articles/{slug}.jsonld")


class OwnedFiles(Mapping[str, tuple[str, ...]]):
    """Source → the files it owns (sorted), holding only those that are not its slug's
    two article files: a large site's manifest names 200,000 files, made when asked
    for, not held (or compared) one by one."""

    __slots__ = ("_extra", "_sources")

    def __init__(self, sources: Mapping[str, str], files: Mapping[str, Iterable[str]]) -> None:
        self._sources = sources
        self._extra: dict[str, tuple[str, ...]] = {}
        for source, owned in files.items():
            slug = sources.get(source)
            if slug is not None and type(owned) is tuple and owned == article_files(slug):
                continue  # its slug's two files, in order (most sources): told at once
            listed = owned if isinstance(owned, tuple) else tuple(owned)
            listed = listed if _is_sorted(listed) else tuple(sorted(listed))
            if slug is None or listed != article_files(slug):
                self._extra[source] = listed

    def __getitem__(self, source: str) -> tuple[str, ...]:
        listed = self._extra.get(source)
        if listed is not None:
            return listed
        return article_files(self._sources[source])

    def __iter__(self) -> Iterator[str]:
        yield from self._sources
        yield from (s for s in self._extra if s not in self._sources)

    def __len__(self) -> int:
        return len(self._sources) + sum(s not in self._sources for s in self._extra)

    def __contains__(self, source: object) -> bool:
        return source in self._sources or source in self._extra

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OwnedFiles):
            return self._extra == other._extra and self._sources == other._sources
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]  # a mapping

    def slugs_and_extra(self) -> tuple[set[str], set[str]]:
        """The slugs whose two files are owned, and every other file owned."""
        slugs = {slug for s, slug in self._sources.items() if s not in self._extra}
        return slugs, {f for listed in self._extra.values() for f in listed}


#: Entries of the manifest joined into one piece.
_BATCH = 512


def _quoted(text: str) -> str:
    return str(encode_basestring(text))


def _slug_of(name: str) -> str | None:
    """The slug whose article file ``name`` is (None: not an article file)."""
    folder, _, file = name.partition("/")
    stem, dot, suffix = file.rpartition(".")
    if folder != "articles" or "/" in file or not dot or suffix not in ("html", "jsonld"):
        return None
    return stem


def _items(mapping: Mapping[str, _V]) -> Iterator[tuple[str, _V]]:
    """``sorted(mapping.items())``, made as it is read (keys are unique: the pairs sort
    as their keys do)."""
    keys = list(mapping)
    if not _is_sorted(keys):  # a build lists its sources in order: usually they are
        keys.sort()
    return ((key, mapping[key]) for key in keys)


class _Json(str):
    """A value already written as its JSON text (see :func:`_files_items`)."""

    __slots__ = ()


def _files_items(files: Mapping[str, tuple[str, ...]]) -> Iterator[tuple[str, object]]:
    """``_items(files)``, with the usual entry (a source owning its slug's two files)
    as its JSON text, made from the slug alone (every source of a large site has one)."""
    if not isinstance(files, OwnedFiles):
        yield from _items(files)
        return
    extra, sources = files._extra, files._sources
    keys = list(files)
    if not _is_sorted(keys):
        keys.sort()
    for source in keys:
        listed = extra.get(source)
        if listed is not None:
            yield source, listed
            continue
        # the quoted slug inside the quoted names: nothing around it needs escaping
        slug = _quoted(sources[source])[1:-1]
        yield (
            source,
            _Json(f'[\n      "articles/{slug}.html",\n      "articles/{slug}.jsonld"\n    ]'),
        )


def _is_sorted(listed: Sequence[str]) -> bool:
    return all(a <= b for a, b in itertools.pairwise(listed))


@dataclass(frozen=True)
class Manifest:
    #: source (relative to the content folder, POSIX) → slug, for published and kept articles
    sources: Mapping[str, str] = field(default_factory=dict)
    #: source → the files it owns (relative to the output folder)
    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: the site-wide files (feeds, index) the build wrote
    site: tuple[str, ...] = ()
    #: source → its article's time zone by name (articles that have one)
    zones: Mapping[str, str] = field(default_factory=dict)
    #: read from a manifest file that says all of the above in this form (a build
    #: whose manifest equals it need not write it again)
    whole: bool = field(default=False, compare=False)

    def owned(self) -> set[str]:
        """Every file this build made: the only files a later build may remove."""
        return {*self.site, *(f for files in self.files.values() for f in files)}

    def stale(self, new: Manifest) -> list[str]:
        """The files this manifest owns and ``new`` does not (sorted): what a build
        that wrote ``new`` removes. Compared source by source: the two sets of every
        file of a large site are not made."""
        gone = set(self.site) - set(new.site)
        if isinstance(self.files, OwnedFiles) and isinstance(new.files, OwnedFiles):
            # a source that owns its slug's two files in both, with the same slug, loses
            # none: told from the slugs, not from each source's two names made and compared
            old_extra, new_extra = self.files._extra, new.files._extra
            new_sources = new.files._sources
            for source, slug in self.files._sources.items():
                if (
                    source not in old_extra
                    and source not in new_extra
                    and new_sources.get(source) == slug
                ):
                    continue
                now = new.files.get(source, ())
                gone.update(f for f in self.files[source] if f not in now)
            for source, files in old_extra.items():
                if source not in self.files._sources:
                    now = new.files.get(source, ())
                    gone.update(f for f in files if f not in now)
        else:
            for source, files in self.files.items():
                now = new.files.get(source, ())
                gone.update(f for f in files if f not in now)
        if not gone:
            return []
        # a file may have moved to another source (a slug another article took)
        if isinstance(new.files, OwnedFiles):
            slugs, extra = new.files.slugs_and_extra()
            kept = {f for f in gone if f in extra or _slug_of(f) in slugs}
        else:
            kept = gone & new.owned()
        return sorted(gone - kept - set(new.site))

    def to_bytes(self) -> bytes:
        return b"".join(self.pieces())

    def pieces(self) -> Iterator[bytes]:
        """The manifest file, a few hundred entries at a time (a large site's is tens of
        megabytes): what ``json.dumps(data, indent=2, ensure_ascii=False)`` writes."""
        # the sorted names alone, each entry made as it is written (a list of 100,000
        # pairs was the largest object of a large site's last seconds)
        sections: list[tuple[str, Iterable[tuple[str, object]] | list[str], int]] = [
            ("sources", _items(self.sources), len(self.sources)),
            ("files", _files_items(self.files), len(self.files)),
            ("site", sorted(self.site), len(self.site)),
        ]
        if self.zones:
            sections.append(("zones", _items(self.zones), len(self.zones)))
        yield f'{{\n  "about": {_quoted(_ABOUT)}'.encode()
        for name, items, count in sections:
            opening, closing = ("[", "]") if name == "site" else ("{", "}")
            if not count:
                yield f',\n  "{name}": {opening}{closing}'.encode()
                continue
            yield f',\n  "{name}": {opening}\n'.encode()
            lines = (
                f"    {_quoted(item)}"
                if isinstance(item, str)
                else f"    {_quoted(item[0])}: {item[1]}"
                if isinstance(item[1], _Json)
                else f"    {_quoted(item[0])}: {_indented(item[1], '    ')}"
                for item in items
            )
            batch = list(itertools.islice(lines, _BATCH))
            while batch:
                text = ",\n".join(batch)
                batch = list(itertools.islice(lines, _BATCH))
                yield (text + (",\n" if batch else "")).encode("utf-8")
            yield f"\n  {closing}".encode()
        yield b"\n}\n"

    @classmethod
    def read(cls, output_dir: Path) -> Manifest:
        """The manifest in ``output_dir``; an empty one when there is none or it is damaged.

        A manifest written before files were listed names only slugs; each slug then
        owns its two article files.
        """
        try:
            data = orjson.loads((output_dir / MANIFEST).read_bytes())
            sources = _texts(data.get("sources", {}))
            listed = data.get("files", {})
            files = (
                {k: tuple(v) for k, v in listed.items()}
                # a JSON object's names are texts: only the values are looked at
                if all(type(v) is list and all(type(f) is str for f in v) for v in listed.values())
                else {str(k): tuple(str(f) for f in v) for k, v in listed.items()}
            )
            site = tuple(str(f) for f in data.get("site", ()))
            zones = _texts(data.get("zones", {}))
        except (OSError, ValueError, AttributeError, TypeError):
            return cls()
        whole = set(files) == set(sources) and data.get("about") == _ABOUT
        owned = OwnedFiles(sources, files)  # a source it names no files of owns its slug's
        return cls(sources=sources, files=owned, site=site, zones=zones, whole=whole)

    @classmethod
    def of(
        cls,
        sources: Mapping[str, str],
        files: Mapping[str, Iterable[str]],
        site: Iterable[str],
        zones: Mapping[str, str] | None = None,
    ) -> Manifest:
        sources = sources if isinstance(sources, dict) else dict(sources)
        return cls(
            sources=sources,
            files=OwnedFiles(sources, files),
            site=tuple(sorted(site)),
            zones=_within(zones or {}, sources),
        )


def _texts(read: Mapping[str, object]) -> dict[str, str]:
    """A JSON object of texts read back as it is (every build reads a manifest with
    one entry per source), or with each value made text where one is not."""
    if all(type(value) is str for value in read.values()):
        return dict(read)  # type: ignore[arg-type]  # told just above
    return {str(k): str(v) for k, v in read.items()}


def _within(zones: Mapping[str, str], sources: Mapping[str, str]) -> Mapping[str, str]:
    """The zones of ``sources`` only: ``zones`` itself when it names no other source (a
    build's do not; a copy of a large site's is megabytes)."""
    if all(source in sources for source in zones):
        return zones
    return {k: v for k, v in zones.items() if k in sources}
