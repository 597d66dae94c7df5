"""The HTML page of an article: readable text, with its JSON-LD embedded.

Crawlers and ``extruct`` read the ``<script type="application/ld+json">``; the
page also carries OpenGraph tags for link previews and ``<link rel="alternate">``
autodiscovery of the feeds and of the JSON-LD document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dateline.emit.jsonld import document, script_json
from dateline.emit.urls import FeedUrls
from dateline.model.article import ArticleGraph, SiteGraph
from dateline.model.entities import Organization, Person, Place
from dateline.model.event import Event
from dateline.settings import Settings

__all__ = ["PageRenderer", "human_date"]

#: How a type reads to a person in the "Named in this story" list.
_KINDS = {
    "Person": "person",
    "Organization": "organization",
    "GovernmentOrganization": "government body",
    "NewsMediaOrganization": "news organization",
    "Place": "place",
    "City": "city",
    "Country": "country",
    "AdministrativeArea": "region",
}


def human_date(value: dt.datetime | dt.date | str) -> str:
    """``5 July 2024, 23:02 +03:30``; partial dates as given (``December 2023``)."""
    if isinstance(value, dt.datetime):
        offset = value.strftime("%z")
        return f"{value.day} {value:%B %Y, %H:%M} {offset[:3]}:{offset[3:]}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


class PageRenderer:
    """Renders article pages; holds the template environment for one build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env = Environment(
            loader=PackageLoader("dateline", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            keep_trailing_newline=True,
        )

    def render_index(self, site: SiteGraph) -> str:
        """The site's home page: every article, newest first, and feed autodiscovery."""
        articles = [
            {
                "url": a.url,
                "headline": a.headline,
                "published": a.date_published.isoformat(),
                "published_text": human_date(a.date_published),
                "dateline": a.dateline,
            }
            for a in site.articles
        ]
        return self.render_home(document(site), articles)

    def render_home(self, doc: dict[str, Any], articles: Sequence[Mapping[str, Any]]) -> str:
        """The home page from the site's JSON-LD document and one small mapping per
        article (url, headline, published, published_text, dateline): a build of
        100,000 articles renders it without holding their models."""
        return self.env.get_template("index.html").render(
            site=self.settings,
            feeds=FeedUrls.for_site(self.settings.base_url),
            jsonld=script_json(doc),
            articles=articles,
        )

    def render(self, graph: ArticleGraph, body: str) -> str:
        article = graph.article
        names = {n.id: n.name for n in graph.nodes}
        publisher = names.get(article.publisher.id, "")
        authors = [names[a.id] for a in article.author if isinstance(graph.node(a.id), Person)]
        events = [
            {
                "name": e.name,
                "when": human_date(e.start_date) if e.start_date else None,
                "where": ", ".join(names.get(r.id, "") for r in e.location) or None,
            }
            for e in graph.events()
        ]
        mentioned = {r.id for r in (*article.about, *article.mentions)}
        named = [
            {"name": n.name, "kind": _KINDS.get(n.type, n.type)}
            for n in graph.nodes
            if isinstance(n, Person | Organization | Place) and n.id in mentioned
        ]
        return self.env.get_template("article.html").render(
            site=self.settings,
            article=article,
            published=article.date_published.isoformat(),
            published_text=human_date(article.date_published),
            modified=article.date_modified.isoformat() if article.date_modified else None,
            authors=authors,
            publisher=publisher,
            feeds=FeedUrls.for_site(self.settings.base_url),
            jsonld_url=graph.id,
            jsonld=script_json(document(graph)),
            body=body,
            events=[e for e in events if not isinstance(e, Event)],
            named=named,
        )
