"""A published article in brief: what the site-wide outputs need to know about it.

Feeds, the site index and the home page list every article, but a site of
100,000 articles cannot hold 100,000 article graphs in memory. Each article's
per-article step therefore also makes an :class:`ArticleSummary` (a few hundred
bytes); site-wide outputs are rendered from summaries, and only the newest
``max_items`` articles, which the feeds carry in full, are loaded back whole.

A summary is plain data (it round-trips through JSON) so it can be kept in the
build cache, sent back from a worker process or another machine, and read by
any site-wide emitter (sitemaps, calendars, per-tag feeds, entity pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.emit.feeds import as_datetime
from dateline.emit.html import human_date
from dateline.model.article import ArticleGraph

__all__ = ["INDEX_KEYS", "ArticleSummary", "NodeBrief", "summarize"]

#: The properties of a NewsArticle that the site index (index.jsonld) repeats.
INDEX_KEYS = ("@id", "@type", "url", "headline", "datePublished", "dateModified", "inLanguage")


@dataclass(frozen=True, slots=True)
class NodeBrief:
    """A node the article describes: enough for cross-article checks and entity pages."""

    id: str
    type: str
    name: str
    #: enrichment inferred it (no editor wrote it): a clash over its ``@id`` only warns
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One published article, as the site-wide outputs see it."""

    #: the source file, relative to the content folder (POSIX separators)
    source: str
    slug: str
    url: str
    #: the article's JSON-LD document
    graph_url: str
    headline: str
    #: ISO 8601, as the article's JSON-LD says it
    date_published: str
    date_modified: str | None
    #: ``5 July 2024, 23:02 +03:30``, as pages print it
    published_text: str
    #: seconds since 1970 (UTC) of the publication time; sorting is newest first
    timestamp: float
    dateline: str | None
    description: str | None
    in_language: str
    section: str | None
    keywords: tuple[str, ...]
    authors: tuple[str, ...]
    #: the article's node as the site index lists it (``INDEX_KEYS`` only)
    index_node: dict[str, Any]
    #: every other node of the article's graph (people, places, events…)
    nodes: tuple[NodeBrief, ...]
    #: the files this article wrote, relative to the output folder
    files: tuple[str, ...]
    #: the article's own time zone (by name), for pages that print its times
    timezone: str | None = None
    #: an editor's draft: checked, never published
    draft: bool = False

    @property
    def order(self) -> tuple[float, str]:
        """Sort key: newest first, ties broken by slug (so the order is total)."""
        return (-self.timestamp, self.slug)

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["nodes"] = [
            {"id": n.id, "type": n.type, "name": n.name, "inferred": n.inferred} for n in self.nodes
        ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleSummary:
        """Raises KeyError, TypeError or ValueError when ``data`` is not a summary."""
        values = dict(data)
        for name in ("keywords", "authors", "files"):
            values[name] = tuple(values[name])
        values["nodes"] = tuple(NodeBrief(**node) for node in values["nodes"])
        if not isinstance(values["index_node"], dict):
            raise TypeError("index_node is not an object")
        return cls(**values)


def summarize(source: str, graph: ArticleGraph, files: tuple[str, ...]) -> ArticleSummary:
    """The summary of one article's validated graph."""
    article = graph.article
    node = article.jsonld()
    names = {n.id: n.name for n in graph.nodes}
    return ArticleSummary(
        source=source,
        slug=graph.slug,
        url=article.url,
        graph_url=graph.id,
        headline=article.headline,
        date_published=article.date_published.isoformat(),
        date_modified=article.date_modified.isoformat() if article.date_modified else None,
        published_text=human_date(article.date_published, graph.timezone),
        timestamp=as_datetime(article.date_published).timestamp(),
        dateline=article.dateline,
        description=article.description,
        in_language=article.in_language,
        section=article.article_section,
        keywords=tuple(article.keywords),
        authors=tuple(names[a.id] for a in article.author if a.id in names),
        index_node={k: v for k, v in node.items() if k in INDEX_KEYS},
        nodes=tuple(NodeBrief(n.id, n.type, n.name, n.id in graph.inferred) for n in graph.nodes),
        files=files,
        timezone=graph.timezone,
        draft=graph.draft,
    )
