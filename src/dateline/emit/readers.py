"""The site-wide outputs for readers, made from the list of published articles.

Everything here is a function of the published articles (newest first), the
settings and the build's "now", never of the files on disk: the paged index,
topic pages and feeds, a page per named entity, ``sitemap.xml``,
``news-sitemap.xml``, ``robots.txt`` and ``events.ics``. Held articles (drafts,
embargoes) are not in the list, so they are in none of these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dateline.emit.calendar import CALENDAR, render_calendar
from dateline.emit.feeds import as_datetime
from dateline.emit.html import PageRenderer, entity_key, named_entities
from dateline.emit.jsonld import dumps
from dateline.emit.sitemaps import (
    NEWS_SITEMAP,
    SITEMAP,
    PageEntry,
    render_news_sitemap,
    render_robots,
    render_sitemap,
)
from dateline.emit.topics import group_by_topic, render_topic_feeds
from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.article import ArticleGraph, SiteGraph
from dateline.model.entities import Organization, Person, Place
from dateline.settings import Settings

__all__ = ["ROBOTS", "entity_document", "reader_outputs"]

ROBOTS = "robots.txt"
#: Folders whose files are all made here: a file a build no longer makes is removed.
OWNED_FOLDERS = ("page", "section", "tag", "author", "id")
#: Files that some builds leave out (no article in the news window).
OPTIONAL_FILES = (NEWS_SITEMAP,)


def _lastmod(graph: ArticleGraph) -> dt.datetime | dt.date:
    return graph.article.date_modified or graph.article.date_published


def _newest(graphs: Sequence[ArticleGraph]) -> dt.datetime | dt.date | None:
    return max((_lastmod(g) for g in graphs), key=as_datetime, default=None)


def entity_document(
    entity: Person | Organization | Place, graphs: Sequence[ArticleGraph]
) -> dict[str, Any]:
    """The entity as its newest article describes it, and each article naming it."""
    articles = []
    for graph in graphs:
        article = graph.article
        relation = "about" if any(r.id == entity.id for r in article.about) else "mentions"
        articles.append(
            {
                "@id": article.id,
                "@type": "NewsArticle",
                "url": article.url,
                "headline": article.headline,
                "datePublished": article.date_published.isoformat(),
                relation: {"@id": entity.id},
            }
        )
    return {"@context": SCHEMA_ORG, "@graph": [entity.jsonld(), *articles]}


def reader_outputs(
    settings: Settings,
    items: Sequence[tuple[ArticleGraph, str]],
    site: SiteGraph,
    now: dt.datetime,
) -> dict[str, bytes]:
    """Every reader-facing site-wide output, by path relative to the output folder.

    ``items`` are the published articles with their body HTML, newest first.
    """
    pages = PageRenderer(settings)
    graphs = [graph for graph, _ in items]
    outputs: dict[str, bytes] = {}
    entries = []

    groups = group_by_topic(settings, items)
    sections = [t for t in groups if t.kind == "section"]
    for path, html in pages.render_index(site, graphs, sections).items():
        outputs[path] = html.encode("utf-8")
        entries.append(PageEntry(site.website.url + path.removesuffix("index.html"), None))
    newest = _newest(graphs)  # once: every index page shares it (500 pages × 10k articles)
    entries = [PageEntry(e.url, newest) for e in entries]
    entries += [PageEntry(g.article.url, _lastmod(g)) for g in graphs]

    for topic, members in groups.items():
        outputs.update(render_topic_feeds(settings, topic, members))
        member_graphs = [g for g, _ in members]
        topic_newest = _newest(member_graphs)
        for path, html in pages.render_topic(topic, member_graphs).items():
            outputs[path] = html.encode("utf-8")
            url = settings.base_url + path.removesuffix("index.html")
            entries.append(PageEntry(url, topic_newest))

    named: dict[str, tuple[Person | Organization | Place, list[ArticleGraph]]] = {}
    for graph in graphs:
        for node in named_entities(graph):
            if entity_key(settings, node.id) is not None:
                named.setdefault(node.id, (node, []))[1].append(graph)
    for node_id in sorted(named):
        entity, naming = named[node_id]
        key = entity_key(settings, node_id)
        doc = entity_document(entity, naming)
        outputs[f"id/{key}.html"] = pages.render_entity(entity, naming, doc).encode("utf-8")
        outputs[f"id/{key}.jsonld"] = dumps(doc).encode("utf-8")
        entries.append(PageEntry(f"{node_id}.html", _newest(naming)))

    outputs[SITEMAP] = render_sitemap(entries)
    sitemaps = [SITEMAP]
    news = render_news_sitemap(settings, graphs, now)
    if news is not None:
        outputs[NEWS_SITEMAP] = news
        sitemaps.append(NEWS_SITEMAP)
    outputs[ROBOTS] = render_robots(settings, sitemaps)
    outputs[CALENDAR] = render_calendar(settings, graphs)
    return outputs
