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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from dateline.emit.jsonld import document, script_bytes, script_json, script_text
from dateline.emit.topics import Topic, topics_of
from dateline.model.article import ArticleGraph
from dateline.model.entities import Organization, Person, Place
from dateline.model.ids import key_for
from dateline.settings import Settings

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = [
    "Page",
    "PageRenderer",
    "entity_key",
    "escaped",
    "feed_links",
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
                return f"{_day_month_year_time(value)} {zone_label(zone)}"
        offset = value.strftime("%z")
        return f"{_day_month_year_time(value)} {offset[:3]}:{offset[3:]}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = dt.date(2000, int(parts[1]), 1).strftime("%B")
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


#: The months as ``%B`` writes them in the C locale, which dateline never changes.
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _day_month_year_time(value: dt.datetime) -> str:
    """``f"{value.day} {value:%B %Y, %H:%M}"`` without ``strftime`` (made for every
    article's page and summary); a year before 1000 goes through it as before (some
    platforms pad it, some do not)."""
    if value.year < 1000:
        return f"{value.day} {value:%B %Y, %H:%M}"
    return (
        f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}, "
        f"{value.hour:02d}:{value.minute:02d}"
    )


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


def escaped(text: str) -> str:
    """``text`` escaped as Jinja's autoescape (markupsafe) escapes it: ``&<>'"``, the
    quotes as ``&#39;``/``&#34;``. The pages were written by templates once and must
    keep their bytes; this makes no ``Markup`` object per value (a 10k build's list
    pages escape ~70,000 values: ~0.1 s of CPU in markupsafe's own calls)."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def feed_links(site_title: str, base_url: str, topics: Sequence[Topic]) -> str:
    """The ``<link rel="alternate">`` autodiscovery lines of a page: what
    ``_feeds.html`` writes for the list pages."""
    title, base = escaped(site_title), escaped(base_url)
    parts = [
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" '
        f'href="{base}rss.xml">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" '
        f'href="{base}atom.xml">\n'
        f'<link rel="alternate" type="application/feed+json" title="{title} (JSON Feed)" '
        f'href="{base}feed.json">\n'
        f'<link rel="alternate" type="text/calendar" title="{title}: events" '
        f'href="{base}events.ics">\n'
    ]
    for topic in topics:
        named, page = escaped(topic.title(site_title)), escaped(topic.page)
        parts.append(
            f'<link rel="alternate" type="application/rss+xml" title="{named} (RSS)" '
            f'href="{page}rss.xml">\n'
            f'<link rel="alternate" type="application/atom+xml" title="{named} (Atom)" '
            f'href="{page}atom.xml">\n'
            f'<link rel="alternate" type="application/feed+json" title="{named} (JSON Feed)" '
            f'href="{page}feed.json">\n'
        )
    parts.append("\n")
    return "".join(parts)


class PageRenderer:
    """Renders article pages; holds the list pages' template environment for one build.

    The article page is written by :meth:`render` in code, not by a template: it is
    made once per article, and Jinja's generator, context and per-value escaping
    were ~15% of an article's build (a full build of 10,000 articles: ~1.4 s of
    CPU). The list pages, made once per site, stay templates (``env``).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def env(self) -> Environment:
        """The templates of the list pages (made on first use: a worker that builds
        article pages never loads Jinja)."""
        from jinja2 import Environment, PackageLoader, select_autoescape  # noqa: PLC0415

        return Environment(
            loader=PackageLoader("dateline", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            keep_trailing_newline=True,
            # templates are package files: no need to stat them again on every page
            auto_reload=False,
        )

    @cached_property
    def _style(self) -> str:
        """``_style.html`` as the pages embed it (it has no variables: its text is
        what the template wrote)."""
        return (resources.files("dateline") / "templates" / "_style.html").read_text("utf-8")

    @cached_property
    def _site(self) -> tuple[str, str, str]:
        """The site's title and address, escaped, and the page's closing lines up to
        its JSON-LD link: the same on every article page."""
        settings = self.settings
        title, base = escaped(settings.title), escaped(str(settings.base_url))
        return (
            title,
            base,
            (
                f'<a href="{base}rss.xml">RSS</a> · <a href="{base}atom.xml">Atom</a> · '
                f'<a href="{base}feed.json">JSON Feed</a></p>\n'
                f'<p><a href="{base}events.ics">Events calendar</a></p>\n'
                "<p><small>Place data from GeoNames (CC BY 4.0).</small></p></footer>\n"
                "</body>\n</html>\n"
            ),
        )

    def render(
        self,
        graph: ArticleGraph,
        body: str,
        jsonld: str | None = None,
        published_text: str | None = None,
    ) -> str:
        """The article's page; ``jsonld`` is its document as :func:`dumps` wrote it for
        the ``.jsonld`` file, when the caller has it (else it is serialised here);
        ``published_text`` its publication time as :func:`human_date` tells it in the
        article's zone, when the caller has it (the summary's ``published_text``)."""
        head, middle, tail = self._around(graph, published_text)
        text = script_text(jsonld) if jsonld is not None else script_json(document(graph))
        return f"{head}{text}{middle}{body}{tail}"

    def render_bytes(
        self, graph: ArticleGraph, body: bytes, jsonld: bytes, published_text: str | None = None
    ) -> bytes:
        """:meth:`render`'s page as UTF-8, from the body and the document as UTF-8
        (``jsonld``: the ``.jsonld`` file's bytes, see
        :func:`~dateline.emit.jsonld.dumps_bytes`): the same bytes, without encoding
        again the two parts the build has as bytes already, which are most of the page
        (the encoder was 8% of an article's build)."""
        head, middle, tail = self._around(graph, published_text)
        return b"".join(
            (
                head.encode("utf-8"),
                script_bytes(jsonld),
                middle.encode("utf-8"),
                body,
                tail.encode("utf-8"),
            )
        )

    def _around(self, graph: ArticleGraph, published_text: str | None) -> tuple[str, str, str]:
        """The page's text before its JSON-LD, between that and the body, after the body."""
        e = escaped
        settings = self.settings
        title, base, footer = self._site
        article = graph.article
        nodes = {n.id: n for n in graph.nodes}
        names = {n.id: n.name for n in graph.nodes}
        publisher = names.get(article.publisher.id, "")
        topics = topics_of(settings, graph)
        headline = e(article.headline)
        description = e(article.description) if article.description else ""
        url = e(article.url)
        published = e(article.date_published.isoformat())
        modified = article.date_modified.isoformat() if article.date_modified else None
        section = e(article.article_section) if article.article_section else ""
        jsonld_url = e(graph.id)
        language = article.in_language
        out = [
            f'<!DOCTYPE html>\n<html lang="{e(language)}" prefix="og: https://ogp.me/ns# '
            'article: https://ogp.me/ns/article#">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{headline} · {title}</title>\n"
        ]
        if description:
            out.append(f'<meta name="description" content="{description}">\n')
        out.append(
            f'<link rel="canonical" href="{url}">\n<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{headline}">\n'
        )
        if description:
            out.append(f'<meta property="og:description" content="{description}">\n')
        out.append(
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:site_name" content="{title}">\n'
            f'<meta property="og:locale" content="{e(language.replace("-", "_"))}">\n'
            f'<meta property="article:published_time" content="{published}">\n'
        )
        if modified:
            out.append(f'<meta property="article:modified_time" content="{e(modified)}">\n')
        if section:
            out.append(f'<meta property="article:section" content="{section}">\n')
        out.extend(f'<meta property="article:tag" content="{e(t)}">\n' for t in article.keywords)
        out.extend(f'<meta property="og:image" content="{e(i.url)}">\n' for i in article.image)
        out.append(feed_links(settings.title, str(settings.base_url), topics))
        out.append(
            f'<link rel="alternate" type="application/ld+json" href="{jsonld_url}">\n'
            f'{self._style}<script type="application/ld+json">\n'
        )
        head = "".join(out)
        out = [f'\n</script>\n</head>\n<body>\n<p class="kicker"><a href="{base}">{title}</a>']
        if section:
            page = next((t.page for t in topics if t.kind == "section"), None)
            shown = f'<a href="{e(page)}">{section}</a>' if page else section
            out.append(f' · <span class="section">{shown}</span>')
        out.append(f"</p>\n<article>\n<header>\n<h1>{headline}</h1>\n")
        standfirst = _standfirst(article.description, article.article_body)
        if standfirst:
            out.append(f'<p class="summary"><em>{e(standfirst)}</em></p>\n')
        out.append('<p class="byline">')
        author_pages = {t.name: t.page for t in topics if t.kind == "author"}
        authors = [node.name for a in article.author if isinstance(node := nodes.get(a.id), Person)]
        if authors:
            bylines = []
            for name in authors:
                page = author_pages.get(name)
                bylines.append(
                    f'<a href="{e(page)}" rel="author">{e(name)}</a>' if page else e(name)
                )
            out.append(f"By {', '.join(bylines)} · ")
        when = published_text
        if when is None:
            when = human_date(article.date_published, graph.timezone)
        out.append(f'{e(publisher)} · <time datetime="{published}">{e(when)}</time>')
        if modified and article.date_modified:
            out.append(
                f' · updated <time datetime="{e(modified)}">'
                f"{e(human_date(article.date_modified, graph.timezone))}</time>"
            )
        if article.dateline:
            out.append(f' · <span class="dateline">{e(article.dateline)}</span>')
        out.append("</p>\n</header>\n")
        middle = "".join(out)
        out = ["\n"]
        if article.is_based_on:
            host = urlsplit(article.is_based_on).hostname or article.is_based_on
            name = publisher or host.removeprefix("www.")
            out.append(
                f'<p class="source">Source: <a href="{e(article.is_based_on)}" rel="external">'
                f"{e(name)}</a>, the original of this story.</p>\n"
            )
        if article.keywords:
            tag_pages = {t.name: t.page for t in topics if t.kind == "tag"}
            out.append('<p class="tags">Tags: ')
            for tag in article.keywords:
                page = tag_pages.get(tag)
                out.append(
                    f'<a href="{e(page)}" rel="tag">{e(tag)}</a> '
                    if page
                    else f"<span>{e(tag)}</span> "
                )
            out.append("</p>\n")
        out.append("\n")
        events = graph.events()
        if events:
            out.append('<section class="events">\n<h2>Events reported</h2>\n<ul>\n')
            for event in events:
                out.append(f"<li>{e(event.name)}")
                if event.start_date:
                    out.append(f" — {e(human_date(event.start_date, graph.timezone))}")
                where = ", ".join(names.get(r.id, "") for r in event.location)
                if where:
                    out.append(f", {e(where)}")
                out.append("</li>\n")
            out.append("</ul>\n</section>\n")
        named = named_entities(graph)
        if named:
            out.append('<section class="entities">\n<h2>Named in this story</h2>\n<ul>\n')
            for node in named:
                key = entity_key(settings, node.id)
                name = e(node.name)
                shown = (
                    f'<a href="{e(settings.base_url)}id/{e(key)}.html">{name}</a>' if key else name
                )
                out.append(f"<li>{shown} <small>({e(kind_label(node.type))})</small></li>\n")
            out.append("</ul>\n</section>\n")
        out.append(
            f'</article>\n<footer><p><a href="{base}">{title}</a> · '
            f'<a href="{jsonld_url}">JSON-LD</a> · {footer}'
        )
        return head, middle, "".join(out)
