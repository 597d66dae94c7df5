"""RSS 2.0 and Atom 1.0, written with feedgen from article summaries and body HTML.

Each item is a :class:`~dateline.emit.summary.ArticleSummary` (made from the
validated graph) with its body: a feed never needs an article's whole graph, so a
site-wide build can render the feeds of a large site without loading graphs.

feedgen is used here at the edge only: the models decide every value. Two of its
habits are worked around on purpose:

- it stamps ``lastBuildDate``/``updated`` with the wall clock, which would make
  two builds differ; both are set to the newest article's date instead;
- its Atom writer drops ``rel`` and ``type`` from entry links (feedgen issues 135
  and 143), so entry links are written by a small extension of our own, which
  also adds each item's ``application/ld+json`` link (``rel="describedby"``) to
  RSS items as ``atom:link``.

Archives follow RFC 5005 (Feed Paging and Archiving, section 4): the subscription
feed links its newest complete archive page (``prev-archive``); each archive page
says it is one (``fh:archive``) and links the subscription feed (``current``) and
its neighbours (``prev-archive``, ``next-archive``). :class:`FeedPage` says where
a document sits; the same extension writes those links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from dateline.emit.urls import FeedUrls
from dateline.settings import Settings

if TYPE_CHECKING:  # summary.py imports as_datetime from here
    from dateline.emit.summary import ArticleSummary

__all__ = [
    "FH_NS",
    "JSONLD_TYPE",
    "FeedItem",
    "FeedPage",
    "as_datetime",
    "render_atom",
    "render_rss",
]

#: One feed item: the article's summary and its body HTML.
FeedItem = tuple["ArticleSummary", str]

ATOM_NS = "http://www.w3.org/2005/Atom"
#: RFC 5005's namespace for ``<fh:archive/>``
FH_NS = "http://purl.org/syndication/history/1.0"
JSONLD_TYPE = "application/ld+json"


def as_datetime(value: dt.datetime | dt.date | str) -> dt.datetime:
    """Feeds need a time: a date-only article counts as published at 00:00 UTC.

    A string is ISO 8601, as summaries hold dates.
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedPage:
    """Where a feed document sits among the archives (RFC 5005); URLs are absolute."""

    #: True for an archive document (``fh:archive``); False for the subscription feed
    archive: bool = False
    #: the subscription feed (an archive's ``current`` link)
    current: str | None = None
    prev_archive: str | None = None
    next_archive: str | None = None

    def links(self) -> list[dict[str, str]]:
        pairs = (
            ("current", self.current),
            ("prev-archive", self.prev_archive),
            ("next-archive", self.next_archive),
        )
        return [{"rel": rel, "href": href} for rel, href in pairs if href]


class _LinksFeed(BaseExtension):  # type: ignore[misc]  # feedgen is untyped
    """Writes RFC 5005 archive links and ``fh:archive`` on the feed, and WebSub ``hub``
    links into the RSS channel (feedgen writes only ``self`` there)."""

    def __init__(self) -> None:
        self.page = FeedPage()
        self.hubs: list[str] = []

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH_NS} if self.page.archive else {}

    def _extend(self, parent: Any, link_tag: str) -> None:
        if self.page.archive:
            etree.SubElement(parent, f"{{{FH_NS}}}archive")
        for link in self.page.links():
            etree.SubElement(parent, link_tag, link)

    def extend_atom(self, feed: Any) -> Any:
        self._extend(feed, "link")  # unqualified, as feedgen writes Atom
        return feed

    def extend_rss(self, rss: Any) -> Any:
        channel = rss.find("channel")
        for hub in self.hubs:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": hub, "rel": "hub"})
        self._extend(channel, f"{{{ATOM_NS}}}link")
        return rss


class _LinksEntry(BaseEntryExtension):  # type: ignore[misc]
    """Writes an entry's links with their ``rel`` and ``type`` intact."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: Any) -> Any:
        # feedgen writes Atom elements unqualified under a default namespace, so
        # ours are unqualified too; its own rel-less <link> is replaced.
        for bare in entry.findall("link"):
            entry.remove(bare)
        for link in self.links:
            etree.SubElement(entry, "link", dict(link))
        return entry

    def extend_rss(self, item: Any) -> Any:
        for link in self.links:
            if link["type"] != "text/html":  # RSS has <link> for the page already
                etree.SubElement(item, f"{{{ATOM_NS}}}link", dict(link))
        return item


def _feed(
    settings: Settings,
    articles: Sequence[FeedItem],
    self_url: str,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
) -> Any:
    home = home_url or settings.base_url
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.register_extension("dateline", _LinksFeed, _LinksEntry, atom=True, rss=True)
    fg.dateline.hubs = list(settings.hubs)
    if page is not None:
        fg.dateline.page = page
    fg.id(home)
    fg.title(title or settings.title)
    fg.subtitle(settings.description or settings.title)
    fg.description(settings.description or settings.title)
    fg.language(settings.language)
    fg.author({"name": settings.publisher.name, "uri": settings.publisher.url})
    # Order matters: feedgen takes the RSS channel <link> from the last link given,
    # and the channel link must be the site, not the feed.
    fg.link(href=self_url, rel="self")
    for hub in settings.hubs:  # WebSub: where subscribers are told the feed changed
        fg.link(href=hub, rel="hub")
    fg.link(href=home, rel="alternate", type="text/html")
    fg.generator("dateline", uri="https://pypi.org/project/dateline/")
    newest = max(
        (as_datetime(a.lastmod) for a, _ in articles),
        default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    )
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for article, body in articles:
        fe = fg.add_entry(order="append")
        fe.id(article.url)
        fe.guid(article.url, permalink=True)
        fe.title(article.headline)
        fe.link(href=article.url)  # RSS <link>; Atom links come from the extension
        fe.dateline.links = [
            {"rel": "alternate", "type": "text/html", "href": article.url},
            # "describedby" (IANA link relation), not a second "alternate": readers
            # such as newsboat open an entry's last alternate link, which must be the page.
            {"rel": "describedby", "type": JSONLD_TYPE, "href": article.graph_url},
        ]
        fe.published(as_datetime(article.date_published))
        fe.updated(as_datetime(article.lastmod))
        if article.description:
            fe.summary(article.description)
            fe.description(article.description)
        fe.content(body, type="html")
        for author in article.authors:
            fe.author({"name": author.name, **({"uri": author.url} if author.url else {})})
            fe.dc.dc_creator(author.name)
        for term in [*([article.section] if article.section else []), *article.keywords]:
            fe.category(term=term)
    return fg


def render_rss(
    settings: Settings,
    articles: Sequence[FeedItem],
    self_url: str | None = None,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
) -> bytes:
    """The site's RSS feed, or with ``self_url``/``title``/``home_url`` a section's or tag's;
    ``page`` places it among the archives (an archive page, or a feed that has some)."""
    self_url = self_url or FeedUrls.for_site(settings.base_url).rss
    fg = _feed(settings, articles, self_url, title, home_url, page)
    return bytes(fg.rss_str(pretty=True))


def render_atom(
    settings: Settings,
    articles: Sequence[FeedItem],
    self_url: str | None = None,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
) -> bytes:
    """Atom 1.0; the arguments as for :func:`render_rss`."""
    self_url = self_url or FeedUrls.for_site(settings.base_url).atom
    fg = _feed(settings, articles, self_url, title, home_url, page)
    return bytes(fg.atom_str(pretty=True))
