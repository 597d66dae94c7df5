"""The HTTP headers each output is served with: one table for the preview server,
the sample nginx config (docs/deploy/) and the object-store metadata in README.

Feed readers poll; they fetch cheaply only when a server answers conditional
requests (ETag, Last-Modified → 304) and names the feed's media type, so that
readers and browsers recognise it. WebSub subscribers learn the hub and the
topic from ``Link`` headers as well as from the feed.
"""

from __future__ import annotations

from pathlib import PurePosixPath

__all__ = ["COMPRESSIBLE", "cache_control", "is_feed", "link_header", "media_type"]

#: By exact file name first (the feeds), then by suffix.
_BY_NAME = {
    "rss.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
    "feed.json": "application/feed+json",
}
_BY_SUFFIX = {
    ".html": "text/html; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".xml": "application/xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
#: Every type dateline writes is text: worth compressing.
COMPRESSIBLE = frozenset({*_BY_NAME.values(), *_BY_SUFFIX.values()})


def media_type(name: str) -> str:
    """The ``Content-Type`` of an output, by its path relative to the output folder."""
    path = PurePosixPath(name)
    return _BY_NAME.get(path.name) or _BY_SUFFIX.get(path.suffix, "application/octet-stream")


def is_feed(name: str) -> bool:
    return PurePosixPath(name).name in _BY_NAME


def cache_control(name: str) -> str:
    """How long caches may keep an output without asking again.

    Feeds, sitemaps, the index and topic pages change with every new article:
    five minutes. Article and entity pages and JSON-LD change rarely: an hour.
    Either way ``ETag`` lets a cache revalidate cheaply afterwards.
    """
    path = PurePosixPath(name)
    if path.parts and path.parts[0] in ("articles", "id") and len(path.parts) > 1:
        return "public, max-age=3600"
    return "public, max-age=300"


def link_header(name: str, base_url: str, hubs: list[str]) -> str | None:
    """WebSub discovery (W3C WebSub §4): ``rel=hub`` per hub and ``rel=self``, for feeds."""
    if not is_feed(name) or not hubs:
        return None
    links = [f'<{hub}>; rel="hub"' for hub in hubs]
    links.append(f'<{base_url}{name}>; rel="self"')
    return ", ".join(links)
