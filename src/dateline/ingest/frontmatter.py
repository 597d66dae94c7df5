"""Writing a fetched article into the content folder as Markdown with YAML front matter.

An editor can open the file, read what was taken from the page and where from
(``provenance``), and correct it; corrections that must survive a re-fetch go in
the sidecar (``<name>.yaml``), which wins over the front matter on every build.
The folder is also the record of what was already imported: :func:`index_content`
reads every ingested file's source URL, requested URL and feed guid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dateline.ingest.page import Extracted
from dateline.model.ids import key_for
from dateline.write.atomic import write_atomic

__all__ = ["ContentIndex", "Known", "escape_markdown", "index_content", "render", "target_path"]

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
#: characters CommonMark may read as markup anywhere in a line
_INLINE = re.compile(r"([\\`*_\[\]<>&!|~])")
#: what may open a block at the start of a line: headings, lists, quotes, rules, fences;
#: an ordered-list marker is escaped at its punctuation (a backslash before a digit is text)
_BLOCK_START = re.compile(r"^(\s*)([#>+=\-]|\d{1,9}(?=[.)]))")


def escape_markdown(paragraph: str) -> str:
    """A paragraph of plain text as Markdown that renders to exactly that text."""
    text = _INLINE.sub(r"\\\1", paragraph)
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    if match.group(2).isdigit():  # "1." → "1\."
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return match.group(1) + "\\" + text[match.start(2) :]


@dataclass(frozen=True)
class Known:
    """An article already in the content folder, as an ingested file records it."""

    path: Path
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class ContentIndex:
    """Ingested articles by source URL, requested URL and feed guid."""

    by_url: dict[str, Known] = field(default_factory=dict)
    by_guid: dict[str, Known] = field(default_factory=dict)
    paths: set[Path] = field(default_factory=set)

    def find(self, *urls: str | None, guid: str | None = None) -> Known | None:
        if guid and guid in self.by_guid:
            return self.by_guid[guid]
        return next((self.by_url[u] for u in urls if u and u in self.by_url), None)

    def add(self, known: Known, urls: list[str], guid: str | None) -> None:
        self.paths.add(known.path)
        for url in urls:
            self.by_url[url] = known
        if guid:
            self.by_guid[guid] = known


def index_content(content_dir: Path) -> ContentIndex:
    """Read the front matter of every Markdown file; files with a ``source`` are indexed."""
    index = ContentIndex()
    if not content_dir.is_dir():
        return index
    for path in sorted(content_dir.rglob("*.md")):
        index.paths.add(path)
        try:
            match = _FRONT.match(path.read_text(encoding="utf-8", errors="replace"))
            data = yaml.safe_load(match.group(1)) if match else None
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            continue
        found = data.get("provenance")
        prov: dict[str, Any] = found if isinstance(found, dict) else {}
        known = Known(path, _str(prov.get("etag")), _str(prov.get("lastModified")))
        urls = [data["source"], *([prov["url"]] if isinstance(prov.get("url"), str) else [])]
        index.add(known, urls, _str(prov.get("guid")))
    return index


def _str(value: Any) -> str | None:
    return str(value) if value is not None else None


def target_path(content_dir: Path, article: Extracted, taken: set[Path]) -> Path:
    """``<date>-<headline slug>.md``, numbered when another article has the name."""
    date = article.date.value if article.date else None
    day = date.date() if isinstance(date, dt.datetime) else date
    stem = key_for(article.headline or "untitled", max_length=70)
    if day is not None:
        stem = f"{day.isoformat()}-{stem}"
    path = content_dir / f"{stem}.md"
    number = 2
    while path in taken or path.exists():
        path = content_dir / f"{stem}-{number}.md"
        number += 1
    return path


def render(
    article: Extracted,
    *,
    slug: str,
    requested: str,
    retrieved: dt.datetime,
    etag: str | None,
    last_modified: str | None,
    feed: str | None = None,
    guid: str | None = None,
) -> str:
    """The Markdown file: front matter (metadata, then provenance), then the body."""
    front: dict[str, Any] = {}
    if article.headline:
        front["title"] = article.headline
    if article.date is not None:
        front["date"] = article.date.value
        if article.date.zone:
            front["timezone"] = article.date.zone
    for key in ("updated", "author", "section", "tags", "summary", "image", "language"):
        if key in article.meta:
            front[key] = article.meta[key]
    if "publisher" in article.meta:
        front["publisher"] = article.meta["publisher"]
    front["slug"] = slug
    front["source"] = article.canonical
    provenance: dict[str, Any] = {"url": requested, "retrieved": retrieved}
    if etag:
        provenance["etag"] = etag
    if last_modified:
        provenance["lastModified"] = last_modified
    if feed:
        provenance["feed"] = feed
    if guid:
        provenance["guid"] = guid
    provenance["extractors"] = article.extractors
    front["provenance"] = provenance
    yaml_text = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    body = "\n\n".join(escape_markdown(p) for p in article.paragraphs)
    return f"---\n{yaml_text}---\n\n{body}\n"


def write_article(path: Path, text: str) -> bool:
    """Write atomically; False when the file already had exactly this text."""
    return write_atomic(path, text.encode("utf-8"))
