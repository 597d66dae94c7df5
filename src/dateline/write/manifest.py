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

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path

import orjson

__all__ = ["MANIFEST", "Manifest", "article_files"]

MANIFEST = ".dateline-manifest.json"
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
    """The files an article writes, relative to the output folder."""
    return (f"articles/{slug}.html", f"articles/{slug}.jsonld")


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

    def to_bytes(self) -> bytes:
        data = {
            "about": _ABOUT,
            "sources": dict(sorted(self.sources.items())),
            "files": {k: sorted(v) for k, v in sorted(self.files.items())},
            "site": sorted(self.site),
        }
        if self.zones:
            data["zones"] = dict(sorted(self.zones.items()))
        try:  # json.dumps' text for strings, lists and dicts, made several times faster
            return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
        except TypeError:  # orjson.JSONEncodeError: a text that is not valid Unicode
            return (_indented(data) + "\n").encode("utf-8")

    @classmethod
    def read(cls, output_dir: Path) -> Manifest:
        """The manifest in ``output_dir``; an empty one when there is none or it is damaged.

        A manifest written before files were listed names only slugs; each slug then
        owns its two article files.
        """
        try:
            data = orjson.loads((output_dir / MANIFEST).read_bytes())
            sources = {str(k): str(v) for k, v in data.get("sources", {}).items()}
            files = {str(k): tuple(str(f) for f in v) for k, v in data.get("files", {}).items()}
            site = tuple(str(f) for f in data.get("site", ()))
            zones = {str(k): str(v) for k, v in data.get("zones", {}).items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return cls()
        whole = set(files) == set(sources) and data.get("about") == _ABOUT
        for source, slug in sources.items():
            files.setdefault(source, article_files(slug))
        return cls(sources=sources, files=files, site=site, zones=zones, whole=whole)

    @classmethod
    def of(
        cls,
        sources: Mapping[str, str],
        files: Mapping[str, Iterable[str]],
        site: Iterable[str],
        zones: Mapping[str, str] | None = None,
    ) -> Manifest:
        return cls(
            sources=dict(sources),
            files={k: tuple(sorted(v)) for k, v in files.items()},
            site=tuple(sorted(site)),
            zones={k: v for k, v in (zones or {}).items() if k in sources},
        )
