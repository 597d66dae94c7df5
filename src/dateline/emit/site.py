"""Site-wide outputs (feeds, the site index, the home page) from article summaries.

This is the one place that turns "every article of the site" into files. It
sees each article as an :class:`~dateline.emit.summary.ArticleSummary`; only the
newest ``max_items``, which the feeds carry with their bodies, are loaded whole
through :attr:`SiteInput.load`. That keeps a build of 100,000 articles in
bounded memory, and makes a clean build and an incremental one (where most
articles come from the cache) render the same bytes.

To add a site-wide output (a sitemap, a calendar, per-tag feeds), write a
function ``(settings, site) -> {relative path: bytes}`` and add it to
:data:`SITE_EMITTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.emit.feeds import render_atom, render_rss
from dateline.emit.html import PageRenderer
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.emit.jsonld import dumps
from dateline.emit.summary import ArticleSummary
from dateline.emit.urls import FEED_FILES
from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.article import ArticleGraph, WebSite
from dateline.model.assemble import publisher_node
from dateline.model.base import Ref
from dateline.model.ids import website_id
from dateline.model.layers import site_layer
from dateline.settings import Settings

__all__ = ["SITE_EMITTERS", "SiteEmitter", "SiteInput", "render_site_files", "site_document"]


@dataclass(frozen=True)
class SiteInput:
    """Every article the site lists, newest first, and a way to load one whole."""

    articles: Sequence[ArticleSummary]
    #: the article's graph and body HTML (read back from the build cache)
    load: Callable[[ArticleSummary], tuple[ArticleGraph, str]]

    def newest(self, count: int) -> Iterator[tuple[ArticleGraph, str]]:
        """The newest ``count`` articles, whole, newest first."""
        for summary in self.articles[:count]:
            yield self.load(summary)


SiteEmitter = Callable[[Settings, SiteInput], dict[str, bytes]]


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


def render_index(settings: Settings, site: SiteInput) -> dict[str, bytes]:
    doc = site_document(settings, site.articles)
    home = PageRenderer(settings).render_home(
        doc,
        [
            {
                "url": a.url,
                "headline": a.headline,
                "published": a.date_published,
                "published_text": a.published_text,
                "dateline": a.dateline,
            }
            for a in site.articles
        ],
    )
    return {FEED_FILES["index"]: dumps(doc).encode("utf-8"), "index.html": home.encode("utf-8")}


def render_feeds(settings: Settings, site: SiteInput) -> dict[str, bytes]:
    items = list(site.newest(settings.max_items))
    return {
        FEED_FILES["rss"]: render_rss(settings, items),
        FEED_FILES["atom"]: render_atom(settings, items),
        FEED_FILES["json"]: render_jsonfeed(settings, items),
    }


#: Every site-wide output, in the order they are rendered.
SITE_EMITTERS: tuple[SiteEmitter, ...] = (render_index, render_feeds)


def render_site_files(
    settings: Settings, site: SiteInput, emitters: Sequence[SiteEmitter] = SITE_EMITTERS
) -> dict[str, bytes]:
    """Every site-wide output, by path relative to the output folder."""
    outputs: dict[str, bytes] = {}
    for emit in emitters:
        outputs.update(emit(settings, site))
    return outputs
