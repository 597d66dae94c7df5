"""What the site-wide emitters get: every published article as a summary, and ways
to read back the little more a few files need.

Site-wide outputs (feeds, the paged index, topic and entity pages, sitemaps, the
calendar) are made from :class:`~dateline.emit.summary.ArticleSummary` objects,
never from whole article graphs: a site of 100,000 articles cannot hold 100,000
graphs in memory. A feed item also needs its body HTML (:attr:`SiteInput.load`),
and an entity page the entity's node as its newest article describes it
(:attr:`SiteInput.node`); both are read back from the build cache, for the files
this build renders.

Most site-wide files depend on a few articles only (a topic's page on the
articles in that topic, an entity's page on the articles naming it). An emitter
fingerprints what such a file is made of (its articles' cache keys, which cover
everything an article's output depends on, and its own place in the site) with
:meth:`SiteInput.fingerprint`, and asks :meth:`SiteInput.unchanged` whether the
file the last build wrote from the same inputs is still there; if so it returns
``None`` for it ("keep the file that is there") and renders nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dateline.emit.feeds import FeedItem
from dateline.emit.summary import ArticleSummary
from dateline.hold import wall_clock
from dateline.write.stream import Chunks

__all__ = ["SiteFiles", "SiteInput", "kept"]

#: Outputs one by one (so a build holds one at a time): a path relative to the output
#: folder and the file's bytes (or, for a file too large to hold, its pieces), or None
#: for "the file that is there is right".
SiteFiles = Iterator[tuple[str, "bytes | Chunks | None"]]


@dataclass(frozen=True)
class SiteInput:
    """Every article the site lists, newest first, and a way to load the rest."""

    articles: Sequence[ArticleSummary]
    #: the article's body HTML (read back from the build cache)
    load: Callable[[ArticleSummary], str]
    #: the JSON-LD node with this ``@id`` in the article's graph (None: not there)
    node: Callable[[ArticleSummary, str], dict[str, Any] | None] = lambda _s, _i: None
    #: the article's cache key (a hash of everything its output depends on); None
    #: when there are no keys (a check, a library call): then nothing is kept
    key_of: Callable[[ArticleSummary], str] | None = None
    #: fingerprints of files the last build wrote that are still intact, by file
    previous: Mapping[str, str] = field(default_factory=dict)
    #: fingerprints of files this build's emitters made or kept, by file
    marks: dict[str, str] = field(default_factory=dict)
    #: the build's "now" (drafts and embargoes are already left out; the news
    #: sitemap covers the two days before it)
    now: dt.datetime = field(default_factory=wall_clock)
    #: what several files of this build share (the site graph), made once
    shared: dict[str, Any] = field(default_factory=dict)
    #: what every output depends on besides the articles (settings, dateline's code):
    #: part of each :meth:`digest`, so a file made under other settings is made again
    site_key: str = ""
    #: each article's body (its text, or its UTF-8 bytes as the build cache holds it)
    #: and its feed entries around it as its worker made them
    #: (:func:`~dateline.emit.feeds.entry_parts`; None: not made), read together for
    #: a feed's articles; None: not known
    feed: Callable[[Sequence[ArticleSummary]], list[tuple[str | bytes, bytes | None]]] | None = None

    def once(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, made once per build (several files embed the site graph)."""
        if name not in self.shared:
            self.shared[name] = make()
        return self.shared[name]

    def newest(self, count: int) -> list[FeedItem]:
        """The newest ``count`` articles with their bodies, newest first."""
        return self.items(self.articles[:count])

    def items(self, articles: Iterable[ArticleSummary]) -> list[FeedItem]:
        """Feed items: each article with its body."""
        return [(summary, self.load(summary)) for summary in articles]

    @cached_property
    def every_key(self) -> str:
        """A digest of every article's key, in order (for files that list them all)."""
        return self.fingerprint("every article", self.articles)

    def fingerprint(self, what: str, articles: Iterable[ArticleSummary] = ()) -> str:
        """What a file is made of: ``what`` says where it sits (its name, number,
        links), ``articles`` are the articles it shows. Empty without keys."""
        if self.key_of is None:
            return ""
        digest = hashlib.sha256(what.encode())
        # the keys joined, one update (a build fingerprints every page of the archives:
        # each article's key two or three times)
        digest.update("".join(["\0" + key for key in map(self.key_of, articles)]).encode())
        return digest.hexdigest()

    def digest(self, what: str, texts: Iterable[str]) -> str:
        """What a file is made of, from the very texts it shows (``what`` says which
        file): unlike :meth:`fingerprint` it stays the same when an article changes in
        a way the file does not show (its body, for the sitemap). Empty without keys."""
        if self.key_of is None:
            return ""
        digest = hashlib.sha256(f"{self.site_key}\0{what}".encode())
        digest.update("".join(["\0" + text for text in texts]).encode())
        return digest.hexdigest()

    def unchanged(self, names: Sequence[str], fingerprint: str) -> bool:
        """Record ``fingerprint`` for each of ``names``; True when the last build wrote
        every one of them from the same inputs and they are intact."""
        for name in names:
            self.marks[name] = fingerprint
        return bool(fingerprint) and all(self.previous.get(n) == fingerprint for n in names)


def kept(names: Sequence[str]) -> SiteFiles:
    """``names`` as "keep the file that is there"."""
    for name in names:
        yield name, None
