"""Site-wide outputs (feeds, the site index, the home page) from article summaries.

This is the one place that turns "every article of the site" into files. It
sees each article as an :class:`~dateline.emit.summary.ArticleSummary`; only the
newest ``max_items``, which the feeds carry with their bodies, are loaded whole
through :attr:`SiteInput.load`. That keeps a build of 100,000 articles in
bounded memory, and makes a clean build and an incremental one (where most
articles come from the cache) render the same bytes.

To add a site-wide output (a sitemap, a calendar, per-tag feeds), write a
function ``(settings, site) -> {relative path: bytes}`` and add it to
:data:`SITE_EMITTERS`. An emitter whose output is expensive and rarely changes
(the feed archives) may return ``None`` for a file to say "the file already
there is right": it records a fingerprint of what the file holds in
:attr:`SiteInput.marks`, and compares it with :attr:`SiteInput.previous`.

Archives (RFC 5005): articles, oldest first, fill pages of ``max_items``;
``archive/rss-N.xml`` and ``archive/atom-N.xml`` hold page N once it is full, so
a page never changes when newer articles are added. The subscription feeds keep
the newest ``max_items`` and link the newest full page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.emit.feeds import FeedPage, render_atom, render_rss
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.emit.jsonld import dumps
from dateline.emit.readers import reader_outputs
from dateline.emit.summary import ArticleSummary
from dateline.emit.urls import FEED_FILES
from dateline.hold import wall_clock
from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.article import ArticleGraph, SiteGraph, WebSite
from dateline.model.assemble import publisher_node
from dateline.model.base import Ref
from dateline.model.ids import website_id
from dateline.model.layers import site_layer
from dateline.settings import Settings

__all__ = [
    "SITE_EMITTERS",
    "SiteEmitter",
    "SiteFiles",
    "SiteInput",
    "archive_name",
    "render_site_files",
    "site_document",
    "site_graph",
]


@dataclass(frozen=True)
class SiteInput:
    """Every article the site lists, newest first, and a way to load one whole."""

    articles: Sequence[ArticleSummary]
    #: the article's graph and body HTML (read back from the build cache)
    load: Callable[[ArticleSummary], tuple[ArticleGraph, str]]
    #: the article's cache key (a hash of everything its output depends on)
    key_of: Callable[[ArticleSummary], str] | None = None
    #: fingerprints of files the last build wrote that are still intact, by file
    previous: Mapping[str, str] = field(default_factory=dict)
    #: fingerprints of files this build's emitters made or kept, by file
    marks: dict[str, str] = field(default_factory=dict)
    #: the build's "now" (drafts and embargoes are already left out; the news
    #: sitemap covers the two days before it)
    now: dt.datetime = field(default_factory=wall_clock)

    def newest(self, count: int) -> Iterator[tuple[ArticleGraph, str]]:
        """The newest ``count`` articles, whole, newest first."""
        for summary in self.articles[:count]:
            yield self.load(summary)


#: Outputs by path relative to the output folder; None: keep the file that is there.
SiteFiles = dict[str, bytes | None]
SiteEmitter = Callable[[Settings, SiteInput], SiteFiles]


def site_document(settings: Settings, articles: Sequence[ArticleSummary]) -> dict[str, Any]:
    """``index.jsonld``: the WebSite, its publisher and a short node per article.

    The same document :class:`~dateline.model.article.SiteGraph` renders, made
    from summaries (each already holds its index node).
    """
    publisher = publisher_node(site_layer(settings), settings.base_url)
    website = WebSite(
        id=website_id(settings.base_url),
        url=settings.base_url,
        name=settings.title,
        description=settings.description or None,
        in_language=settings.language,
        publisher=publisher.ref(),
        has_part=[Ref.model_construct(id=a.index_node["@id"]) for a in articles],
    )
    return {
        "@context": SCHEMA_ORG,
        "@graph": [website.jsonld(), publisher.jsonld(), *(a.index_node for a in articles)],
    }


def render_index(settings: Settings, site: SiteInput) -> SiteFiles:
    """``index.jsonld``, from summaries."""
    return {FEED_FILES["index"]: dumps(site_document(settings, site.articles)).encode("utf-8")}


def render_readers(settings: Settings, site: SiteInput) -> SiteFiles:
    """The reader-facing outputs (:mod:`dateline.emit.readers`: paged home page, topic
    pages and feeds, entity pages, sitemaps, robots.txt, events.ics).

    They are made from every article whole, so this loads each one back; it is the
    part of a build whose memory grows with the site.
    """
    items = [site.load(summary) for summary in site.articles]
    graphs = [graph for graph, _ in items]
    return dict(reader_outputs(settings, items, site_graph(settings, graphs), site.now))


def site_graph(settings: Settings, graphs: Sequence[ArticleGraph]) -> SiteGraph:
    """The site's graph as a model, for the pages that embed it."""
    publisher = publisher_node(site_layer(settings), settings.base_url)
    articles = [g.article for g in graphs]
    website = WebSite(
        id=website_id(settings.base_url),
        url=settings.base_url,
        name=settings.title,
        description=settings.description or None,
        in_language=settings.language,
        publisher=publisher.ref(),
        has_part=[a.ref() for a in articles],
    )
    return SiteGraph(
        id=settings.base_url + FEED_FILES["index"],
        website=website,
        publisher=publisher,
        articles=articles,
    )


def archive_name(kind: str, number: int) -> str:
    """``archive/rss-3.xml``: page 3 (the third oldest) of the ``rss`` or ``atom`` archive."""
    return f"archive/{kind}-{number}.xml"


def render_feeds(settings: Settings, site: SiteInput) -> SiteFiles:
    size = settings.max_items
    full = len(site.articles) // size
    base = settings.base_url
    urls = {"rss": base + FEED_FILES["rss"], "atom": base + FEED_FILES["atom"]}
    renderers = {"rss": render_rss, "atom": render_atom}
    items = list(site.newest(size))
    outputs: SiteFiles = {
        FEED_FILES[kind]: render(
            settings,
            items,
            page=FeedPage(prev_archive=base + archive_name(kind, full) if full else None),
        )
        for kind, render in renderers.items()
    }
    outputs[FEED_FILES["json"]] = render_jsonfeed(settings, items)
    oldest_first = site.articles[::-1]
    for number in range(1, full + 1):
        members = oldest_first[(number - 1) * size : number * size][::-1]
        fingerprint = _fingerprint(site, members, number, number < full)
        loaded: list[tuple[ArticleGraph, str]] | None = None
        for kind, render in renderers.items():
            name = archive_name(kind, number)
            site.marks[name] = fingerprint
            if fingerprint and site.previous.get(name) == fingerprint:
                outputs[name] = None  # full pages never change: the file there is right
                continue
            if loaded is None:
                loaded = [site.load(summary) for summary in members]
            page = FeedPage(
                archive=True,
                current=urls[kind],
                prev_archive=base + archive_name(kind, number - 1) if number > 1 else None,
                next_archive=base + archive_name(kind, number + 1) if number < full else None,
            )
            outputs[name] = render(settings, loaded, self_url=base + name, page=page)
    return outputs


def _fingerprint(
    site: SiteInput, members: Sequence[ArticleSummary], number: int, has_next: bool
) -> str:
    """What an archive page holds: its articles' cache keys, its number, its links."""
    if site.key_of is None:
        return ""  # no cache keys (a check, a library call): never reuse
    digest = hashlib.sha256(f"{number}:{has_next}".encode())
    for summary in members:
        digest.update(site.key_of(summary).encode())
    return digest.hexdigest()


#: Every site-wide output, in the order they are rendered.
SITE_EMITTERS: tuple[SiteEmitter, ...] = (render_index, render_feeds, render_readers)


def render_site_files(
    settings: Settings, site: SiteInput, emitters: Sequence[SiteEmitter] = SITE_EMITTERS
) -> SiteFiles:
    """Every site-wide output, by path relative to the output folder (None: keep)."""
    outputs: SiteFiles = {}
    for emit in emitters:
        outputs.update(emit(settings, site))
    return outputs
