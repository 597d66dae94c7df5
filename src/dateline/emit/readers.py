"""The site-wide outputs for readers, made from the summaries of the published articles.

Everything here is a function of the published articles (newest first), the
settings and the build's "now", never of the files on disk: the paged index,
topic pages and feeds, a page per named entity, ``sitemap.xml``,
``news-sitemap.xml``, ``robots.txt`` and ``events.ics``. Held articles (drafts,
embargoes) are not in the list, so they are in none of these.

Nothing here loads an article graph. Home pages, topic pages and entity pages
are fingerprinted (:meth:`~dateline.emit.siteinput.SiteInput.fingerprint`) by
the articles they show, so a build where one article changed renders only the
pages that show it (and those whose place in the site moved); the sitemaps and
the calendar are made again only when what they list changed
(:meth:`~dateline.emit.siteinput.SiteInput.digest`), the news sitemap and
robots.txt each time (they are small).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from typing import Any, overload

from pydantic import TypeAdapter

from dateline.emit.calendar import CALENDAR, render_calendar
from dateline.emit.feeds import as_datetime
from dateline.emit.html import PageRenderer, entity_key
from dateline.emit.jsonld import dumps, script_json, script_text
from dateline.emit.lists import IndexPage, ListRenderer, archive_split, archived_pages
from dateline.emit.siteinput import SiteFiles, SiteInput, kept
from dateline.emit.sitemaps import (
    NEWS_SITEMAP,
    SITEMAP,
    PageEntry,
    render_news_sitemap,
    render_robots,
    render_sitemaps,
    sitemap_names,
)
from dateline.emit.summary import ArticleSummary
from dateline.emit.topics import Topic, group_by_topic, render_topic_feeds
from dateline.errors import OutputError
from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.entities import Organization, Person, Place
from dateline.settings import Settings
from dateline.write.stream import Chunks

__all__ = ["ROBOTS", "entity_document", "reader_outputs"]

ROBOTS = "robots.txt"
#: Folders whose files are all made here: a file a build no longer makes is removed.
OWNED_FOLDERS = ("page", "section", "tag", "author", "id")
#: Files that some builds leave out (no article in the news window).
OPTIONAL_FILES = (NEWS_SITEMAP,)

Entity = Person | Organization | Place
_ENTITY: TypeAdapter[Entity] = TypeAdapter(Entity)


def _newest(articles: Sequence[ArticleSummary]) -> str | None:
    """The latest ``lastmod`` of ``articles``, as written (None for no article); the
    first of equals.

    Told by the publication time each summary carries as a number; only a date of
    modification is parsed (every build asks this of every page of the archive)."""
    newest, latest = None, 0.0
    for article in articles:
        modified = article.date_modified
        when = article.timestamp if modified is None else as_datetime(modified).timestamp()
        if newest is None or when > latest:
            newest, latest = article, when
    return newest.lastmod if newest is not None else None


def entity_document(
    entity: dict[str, Any], node_id: str, articles: Sequence[ArticleSummary]
) -> dict[str, Any]:
    """The entity as its newest article describes it (its JSON-LD node), and each
    article naming it."""
    listed = []
    for article in articles:
        relation = next(n.relation for n in article.nodes if n.id == node_id)
        listed.append(
            {
                "@id": article.article_id,
                "@type": "NewsArticle",
                "url": article.url,
                "headline": article.headline,
                "datePublished": article.date_published,
                relation or "mentions": {"@id": node_id},
            }
        )
    return {"@context": SCHEMA_ORG, "@graph": [entity, *listed]}


def _topics_key(topics: Sequence[Topic]) -> str:
    return json.dumps([(t.kind, t.key, t.name) for t in topics])


def _index_pages(
    settings: Settings,
    site: SiteInput,
    lists: ListRenderer,
    sections: Sequence[Topic],
    entries: list[PageEntry],
) -> SiteFiles:
    """The home page and its archive (:func:`~dateline.emit.lists.archived_pages`);
    the home page carries the whole site graph. Adds each page's sitemap entry to
    ``entries``."""
    # the site graph repeats every article's index node: index.jsonld's document
    from dateline.emit.site import site_graph, site_graph_digest  # noqa: PLC0415 - site.py imports this module

    size = settings.page_size
    articles = site.articles
    total = len(articles)
    archived = archived_pages(total, size)
    topics = _topics_key(sections)
    home = IndexPage(0, archived, settings.base_url)
    name = IndexPage.path(0)
    members = articles[: total - archived * size]
    entries.append(PageEntry(home.here, _newest(articles)))
    what = f"index 0 of {archived} {topics} {site_graph_digest(settings, site)}"
    if site.unchanged([name], site.fingerprint(what, members)):
        yield name, None
    else:
        # the page around the site graph, which is written into it piece by piece
        html = lists.index_page(home, members, sections, _GRAPH_HERE)
        before, after = html.split(_GRAPH_HERE)
        graph = site_graph(settings, site)
        yield name, Chunks(lambda: _home_page(before, graph.pieces(), after))
    for number in range(archived, 0, -1):
        page = IndexPage(number, archived, settings.base_url)
        name = IndexPage.path(number)
        # newest first, as every list reads; full, so the same once made
        members = articles[total - number * size : total - (number - 1) * size]
        entries.append(PageEntry(page.here, _newest(members)))
        # the newest page links to the home page, the others to the page after them
        what = f"index {number} {number == archived} {topics}"
        if site.unchanged([name], site.fingerprint(what, members)):
            yield name, None
            continue
        yield name, lists.index_page(page, members, sections, None).encode("utf-8")


#: Where the home page's template puts the site graph (written in afterwards).
_GRAPH_HERE = "\x00site graph\x00"


def _home_page(before: str, graph: Iterator[str], after: str) -> Iterator[bytes]:
    """The home page's bytes: ``before``, the site graph as :func:`script_text` makes
    it (escaped for a script element, its final newline dropped), ``after``."""
    yield before.encode("utf-8")
    last = None
    for piece in graph:
        if last is not None:
            # script_text drops a final newline: a space keeps a piece's own
            yield script_text(last + " ")[:-1].encode("utf-8")
        last = piece
    if last is not None:
        yield script_text(last).encode("utf-8")
    yield after.encode("utf-8")


def _topic_files(
    settings: Settings,
    site: SiteInput,
    lists: ListRenderer,
    topic: Topic,
    members: Sequence[ArticleSummary],
    entries: list[PageEntry],
) -> SiteFiles:
    """A topic's feeds and pages; adds each page's sitemap entry to ``entries``.

    The pages are numbered as the home page's archive is (from the oldest: a full
    page never changes, see :func:`~dateline.emit.lists.archive_split`), each
    fingerprinted by the articles it shows, and the feeds by the newest
    ``max_items``: an article added to a topic of thousands renders its feeds and its
    own page (and the newest archive page when one fills), not every page.
    """
    what = f"topic {topic.kind} {topic.key} {topic.name}"
    feeds = [topic.folder + f for f in ("rss.xml", "atom.xml", "feed.json")]
    newest = members[: settings.max_items]
    if site.unchanged(feeds, site.fingerprint(f"{what} feeds", newest)):
        yield from kept(feeds)
    else:
        yield from render_topic_feeds(settings, topic, site.items(newest)).items()
    total, size = len(members), settings.page_size
    archived = archived_pages(total, size)
    for number, start, end in archive_split(total, size):
        page = IndexPage(number, archived, settings.base_url, topic.folder)
        name = IndexPage.path(number, topic.folder)
        shown = members[start:end]
        entries.append(PageEntry(page.here, _newest(shown)))
        # the topic's own page links to the newest archive page, the newest archive
        # page back to it, the others to the page after them
        where = f"{number} of {archived}" if number == 0 else f"{number} {number == archived}"
        if site.unchanged([name], site.fingerprint(f"{what} page {where}", shown)):
            yield name, None
        else:
            yield name, lists.topic_page(topic, page, shown).encode("utf-8")


def _entity_files(
    settings: Settings,
    site: SiteInput,
    lists: ListRenderer,
    node_id: str,
    naming: Sequence[ArticleSummary],
) -> SiteFiles:
    key = entity_key(settings, node_id)
    names = [f"id/{key}.html", f"id/{key}.jsonld"]
    if site.unchanged(names, site.fingerprint(f"entity {node_id}", naming)):
        yield from kept(names)
        return
    node = site.node(naming[0], node_id)
    if node is None:
        raise OutputError(
            f"the build cache lost the node {node_id} of this article",
            hint="run the build again with --force",
        )
    entity = _ENTITY.validate_python(node)
    doc = entity_document(entity.jsonld(), node_id, naming)
    yield names[0], lists.entity_page(entity, naming, script_json(doc)).encode("utf-8")
    yield names[1], dumps(doc).encode("utf-8")


class _Pages(Sequence[PageEntry]):
    """Every page of the site as the sitemaps list it: the home page and its archive
    (``before``), each article, then the topic and entity pages (``after``). An
    article's entry is made when the sitemaps are, not held for each article of a
    large site while its topic and entity pages render."""

    def __init__(self, articles: Sequence[ArticleSummary]) -> None:
        self.before: list[PageEntry] = []
        self.articles = articles
        self.after: list[PageEntry] = []

    def __len__(self) -> int:
        return len(self.before) + len(self.articles) + len(self.after)

    def texts(self) -> Iterator[str]:
        """Each page's address and ``lastmod`` as one text, in order (what the
        sitemaps show): an article's made from its summary, not through a
        :class:`PageEntry` (every build asks this of every article)."""
        yield from (f"{e.url} {e.lastmod}" for e in self.before)
        yield from (f"{a.url} {a.lastmod}" for a in self.articles)
        yield from (f"{e.url} {e.lastmod}" for e in self.after)

    def __iter__(self) -> Iterator[PageEntry]:
        yield from self.before
        yield from (PageEntry(a.url, a.lastmod) for a in self.articles)
        yield from self.after

    @overload
    def __getitem__(self, index: int) -> PageEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[PageEntry]: ...
    def __getitem__(self, index: int | slice) -> PageEntry | list[PageEntry]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return list(itertools.islice(self, start, stop, step))
        at = index + len(self) if index < 0 else index
        if not 0 <= at < len(self):
            raise IndexError("page index out of range")
        return next(itertools.islice(self, at, None))


def reader_outputs(settings: Settings, site: SiteInput) -> SiteFiles:
    """Every reader-facing site-wide output, one by one, by path relative to the
    output folder (None: the file there is already right)."""
    lists = ListRenderer(PageRenderer(settings))
    articles = site.articles

    groups = group_by_topic(settings, articles)
    sections = [t for t in groups if t.kind == "section"]
    entries = _Pages(articles)
    yield from _index_pages(settings, site, lists, sections, entries.before)

    for topic, members in groups.items():
        yield from _topic_files(settings, site, lists, topic, members, entries.after)

    named: dict[str, list[ArticleSummary]] = {}
    for article in articles:
        for node in article.nodes:
            if node.relation is not None and entity_key(settings, node.id) is not None:
                named.setdefault(node.id, []).append(article)
    for node_id in sorted(named):
        naming = named[node_id]
        yield from _entity_files(settings, site, lists, node_id, naming)
        entries.after.append(PageEntry(f"{node_id}.html", _newest(naming)))

    # made again only when a page's address or lastmod changed
    names = sitemap_names(len(entries))
    if site.unchanged(names, site.digest(f"sitemaps {names}", entries.texts())):
        yield from kept(names)
    else:
        yield from render_sitemaps(settings, entries)
    sitemaps = [SITEMAP]
    news = render_news_sitemap(settings, articles, site.now)
    if news is not None:
        yield NEWS_SITEMAP, news
        sitemaps.append(NEWS_SITEMAP)
    yield ROBOTS, render_robots(settings, sitemaps)
    # made again only when an event or the article reporting it changed (a site whose
    # articles report none keeps its empty calendar: icalendar is not even imported)
    if site.unchanged([CALENDAR], site.digest(CALENDAR, _calendar_texts(articles))):
        yield from kept([CALENDAR])
    else:
        yield CALENDAR, render_calendar(settings, articles)


def _calendar_texts(articles: Sequence[ArticleSummary]) -> Iterator[str]:
    """Everything :func:`~dateline.emit.calendar.render_calendar` reads of ``articles``:
    the articles that report events, with those events, in order."""
    for article in articles:
        if article.events:
            yield repr((article.url, article.headline, article.lastmod, article.events))
