"""The article pages (the list pages, from summaries, are in :mod:`dateline.emit.lists`).

Crawlers and ``extruct`` read the ``<script type="application/ld+json">``; the
pages also carry OpenGraph tags for link previews and ``<link rel="alternate">``
autodiscovery of the feeds and of the JSON-LD document. For people, a page says
what a newspaper says: section, tags, byline, where the story came from, and
times in the story's own zone by name ("23:02 Tehran time"), since a bare offset
means nothing to a reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, Template, select_autoescape

from dateline.emit.jsonld import document, script_json, script_text
from dateline.emit.topics import topics_of
from dateline.emit.urls import FeedUrls
from dateline.model.article import ArticleGraph
from dateline.model.entities import Organization, Person, Place
from dateline.model.ids import key_for
from dateline.settings import Settings

__all__ = [
    "Page",
    "PageRenderer",
    "entity_key",
    "human_date",
    "kind_label",
    "named_entities",
    "zone_label",
]

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
_UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"}


def zone_label(zone: str) -> str:
    """``Asia/Tehran`` → ``Tehran time``; ``America/New_York`` → ``New York time``."""
    if zone in _UTC_NAMES:
        return "UTC"
    return zone.rsplit("/", 1)[-1].replace("_", " ") + " time"


def human_date(value: dt.datetime | dt.date | str, zone: str | None = None) -> str:
    """``5 July 2024, 23:02 Tehran time``; partial dates as given (``December 2023``).

    A time is shown in ``zone`` (the article's, by name); without one, with its offset.
    """
    if isinstance(value, dt.datetime):
        if zone is not None:
            value = value.astimezone(ZoneInfo(zone))
            # Etc/GMT+3 names no place: its offset says more (and its sign is inverted)
            if not zone.startswith("Etc/") or zone in _UTC_NAMES:
                return f"{value.day} {value:%B %Y, %H:%M} {zone_label(zone)}"
        offset = value.strftime("%z")
        return f"{value.day} {value:%B %Y, %H:%M} {offset[:3]}:{offset[3:]}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


@dataclass(frozen=True)
class Page:
    """Where one page of a paged list is, and its neighbours.

    ``folder`` is where the list lives ("" for the home page, ``section/world/``
    for a topic); its first page is the folder's ``index.html``.
    """

    number: int
    count: int
    base_url: str
    folder: str = ""

    @staticmethod
    def path(number: int, folder: str = "") -> str:
        return folder + ("index.html" if number == 1 else f"page/{number}.html")

    def url(self, number: int) -> str:
        if number == 1:
            return self.base_url + self.folder
        return self.base_url + self.path(number, self.folder)

    @property
    def here(self) -> str:
        return self.url(self.number)

    @property
    def prev(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


def kind_label(node_type: str) -> str:
    """How a type reads to a person: ``GovernmentOrganization`` → ``government body``."""
    return _KINDS.get(node_type, node_type)


def entity_key(settings: Settings, node_id: str) -> str | None:
    """The key of an entity dateline gives a page (``<base>id/<key>``), else None."""
    prefix = settings.base_url + "id/"
    key = node_id.removeprefix(prefix)
    return key if key != node_id and key == key_for(key) else None


def named_entities(graph: ArticleGraph) -> list[Person | Organization | Place]:
    """The people, organizations and places an article is about or mentions."""
    mentioned = {r.id for r in (*graph.article.about, *graph.article.mentions)}
    return [
        n for n in graph.nodes if isinstance(n, Person | Organization | Place) and n.id in mentioned
    ]


def _standfirst(description: str | None, body: str) -> str | None:
    """The summary to show under the headline: none when it is (a part of) the body,
    which would be read twice (a lead paragraph is the usual summary).

    Compared with whitespace collapsed on both sides; a summary found in the body
    as written is in it collapsed too, which spares splitting the whole body.
    """
    if not description:
        return None
    wanted = " ".join(description.split())
    if wanted in body or wanted in " ".join(body.split()):
        return None
    return description


class PageRenderer:
    """Renders pages; holds the template environment for one build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env = Environment(
            loader=PackageLoader("dateline", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            keep_trailing_newline=True,
            # templates are package files: no need to stat them again on every page
            auto_reload=False,
        )

    @cached_property
    def _article_template(self) -> Template:
        """Looked up once per renderer, not once per page (the lookup checks the
        environment's cache under a lock each time)."""
        return self.env.get_template("article.html")

    @cached_property
    def _style(self) -> str:
        """``_style.html``, which has no variables, rendered once: the article page
        takes it as a value, where an include made a new context per page."""
        return self.env.get_template("_style.html").render()

    def render(self, graph: ArticleGraph, body: str, jsonld: str | None = None) -> str:
        """The article's page; ``jsonld`` is its document as :func:`dumps` wrote it for
        the ``.jsonld`` file, when the caller has it (else it is serialised here)."""
        article = graph.article
        nodes = {n.id: n for n in graph.nodes}
        names = {n.id: n.name for n in graph.nodes}
        publisher = names.get(article.publisher.id, "")
        topics = topics_of(self.settings, graph)
        author_pages = {t.name: t.page for t in topics if t.kind == "author"}
        authors = [
            {"name": node.name, "url": author_pages.get(node.name)}
            for a in article.author
            if isinstance(node := nodes.get(a.id), Person)
        ]
        tag_pages = {t.name: t.page for t in topics if t.kind == "tag"}
        section = next((t for t in topics if t.kind == "section"), None)
        events = [
            {
                "name": e.name,
                "when": human_date(e.start_date, graph.timezone) if e.start_date else None,
                "where": ", ".join(names.get(r.id, "") for r in e.location) or None,
            }
            for e in graph.events()
        ]
        named = []
        for node in named_entities(graph):
            key = entity_key(self.settings, node.id)
            named.append(
                {
                    "name": node.name,
                    "kind": kind_label(node.type),
                    "url": f"{self.settings.base_url}id/{key}.html" if key else None,
                }
            )
        source = None
        if article.is_based_on:
            host = urlsplit(article.is_based_on).hostname or article.is_based_on
            source = {"url": article.is_based_on, "name": publisher or host.removeprefix("www.")}
        return self._article_template.render(
            site=self.settings,
            article=article,
            published=article.date_published.isoformat(),
            published_text=human_date(article.date_published, graph.timezone),
            modified=article.date_modified.isoformat() if article.date_modified else None,
            modified_text=human_date(article.date_modified, graph.timezone)
            if article.date_modified
            else None,
            authors=authors,
            publisher=publisher,
            feeds=FeedUrls.for_site(self.settings.base_url),
            topics=topics,
            section_url=section.page if section else None,
            tags=[{"name": t, "url": tag_pages.get(t)} for t in article.keywords],
            source=source,
            standfirst=_standfirst(article.description, article.article_body),
            jsonld_url=graph.id,
            jsonld=script_text(jsonld) if jsonld is not None else script_json(document(graph)),
            body=body,
            events=events,
            named=named,
            style=self._style,
        )
