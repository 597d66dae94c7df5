"""Where each output lives, relative to the output folder and as an absolute URL."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FEED_FILES", "FeedUrls"]

FEED_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json", "index": "index.jsonld"}


@dataclass(frozen=True)
class FeedUrls:
    rss: str
    atom: str
    json: str
    index: str

    @classmethod
    def for_site(cls, base_url: str) -> FeedUrls:
        return cls(**{name: base_url + file for name, file in FEED_FILES.items()})
