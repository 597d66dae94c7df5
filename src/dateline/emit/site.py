"""Site-wide outputs (feeds, the site index, the home page) from article summaries.

This is the one place that turns "every article of the site" into files. It
sees each article as an :class:`~dateline.emit.summary.ArticleSummary`; feed
items add their body HTML, read back through :attr:`SiteInput.load` for the
feeds being rendered. No article graph is loaded, which keeps a build of
100,000 articles in bounded memory, and makes a clean build and an incremental
one (where most articles come from the cache) render the same bytes.

To add a site-wide output (a sitemap, a calendar, per-tag feeds), write a
generator ``(settings, site) -> (relative path, bytes)...`` and add it to
:data:`SITE_EMITTERS`; each file is validated and written as soon as it is
yielded, so a build holds one at a time (the archives of a large site are
hundreds of megabytes). An emitter whose output is expensive and rarely changes
(the feed archives) may return ``None`` for a file to say "the file already
there is right": it fingerprints what the file is made of and asks
:meth:`SiteInput.unchanged` whether the last build wrote it from the same.

Archives (RFC 5005): articles, oldest first, fill pages of ``max_items``;
``archive/rss-N.xml`` and ``archive/atom-N.xml`` hold page N once it is full, so
a page never changes when newer articles are added. The subscription feeds keep
the newest ``max_items`` and link the newest full page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from json.encoder import encode_basestring
from typing import Any

import orjson

from dateline.emit.feeds import (
    EntryWriter,
    FeedItem,
    FeedPage,
    atom_from_entries,
    entries_from_parts,
    last_updated,
    rss_from_entries,
)
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.emit.jsonld import dumps
from dateline.emit.readers import reader_outputs
from dateline.emit.siteinput import SiteFiles, SiteInput, kept
from dateline.emit.summary import ArticleSummary
from dateline.emit.urls import FEED_FILES
from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.article import WebSite
from dateline.model.assemble import publisher_node
from dateline.model.base import Ref
from dateline.model.ids import website_id
from dateline.model.layers import site_layer
from dateline.settings import Settings
from dateline.write.stream import Chunks

__all__ = [
    "ELSEWHERE",
    "SITE_EMITTERS",
    "SPLIT_EMITTERS",
    "SiteEmitter",
    "SiteFiles",
    "SiteGraph",
    "SiteInput",
    "archive_name",
    "render_site_files",
    "site_document",
    "site_graph",
    "site_graph_digest",
]

SiteEmitter = Callable[[Settings, SiteInput], SiteFiles]


def site_document(settings: Settings, articles: Sequence[ArticleSummary]) -> str:
    """``index.jsonld`` as text: the WebSite, its publisher and a short node per article.
    The home page embeds the same document (see :class:`SiteGraph`)."""
    return SiteGraph(settings, articles).text()


class SiteGraph:
    """``index.jsonld``'s text, in pieces: the WebSite, its publisher and a short node
    per article.

    Byte for byte what :func:`~dateline.emit.jsonld.dumps` makes of the document, but
    each article's node was serialized once, when the article was built
    (:attr:`ArticleSummary.index_json`): json's indenting encoder is pure Python,
    and this document grows with the site. It is never joined into one text by a
    build: :meth:`pieces` are written to ``index.jsonld`` and into the home page as
    they come (a site of 100,000 articles has a graph of ~40 MB, and one text,
    its bytes, its escaped copy for the page and the page's text and bytes held
    five copies at once).
    """

    #: Nodes joined into one piece (pieces of ~100 KB: few writes, little held).
    BATCH = 256
    #: The most articles whose graph's pieces are kept, once made: a build asks for
    #: them up to three times (the digest that says whether they changed,
    #: ``index.jsonld``, the home page), and a site of up to 20,000 articles (a graph
    #: of ~12 MB) keeps them rather than making every article's node three times; a
    #: larger one makes them again each time (its graph is too large to hold).
    HOLD = 20_000

    def __init__(self, settings: Settings, articles: Sequence[ArticleSummary]) -> None:
        publisher = publisher_node(site_layer(settings), settings.base_url)
        website = WebSite(
            id=website_id(settings.base_url),
            url=settings.base_url,
            name=settings.title,
            description=settings.description or None,
            in_language=settings.language,
            publisher=publisher.ref(),
            has_part=[Ref.model_construct(id=_PARTS)] if articles else [],
        )
        graph: list[Any] = [website.jsonld(), publisher.jsonld()]
        if articles:
            graph.append(_NODES)
        self._skeleton = dumps({"@context": SCHEMA_ORG, "@graph": graph})
        self._articles = articles
        self._held: list[str] | None = None
        self._spans = (
            sorted([_span(self._skeleton, _PARTS), _span(self._skeleton, _NODES)])
            if articles
            else []
        )

    def pieces(self) -> Iterator[str]:
        """The text, piece by piece (kept after the first time for a site of up to
        :attr:`HOLD` articles)."""
        if self._held is not None:
            yield from self._held
            return
        held: list[str] | None = [] if len(self._articles) <= self.HOLD else None
        for piece in self._make():
            if held is not None:
                held.append(piece)
            yield piece
        if held is not None:
            self._held = held

    def _make(self) -> Iterator[str]:
        at = 0
        for start, end, indent, placeholder in self._spans:
            yield self._skeleton[at:start]
            if placeholder == _NODES:
                # each article's node, indented where it goes: made again each time
                # the text is (a few times a build), not held for every article
                gap = "\n" + indent
                items: Iterable[str] = (
                    indent + a.index_json.replace("\n", gap) for a in self._articles
                )
            else:
                items = (
                    f'{indent}{{\n{indent}  "@id": {encode_basestring(a.article_id)}\n{indent}}}'
                    for a in self._articles
                )
            batch = list(itertools.islice(items := iter(items), self.BATCH))
            while batch:
                yield ",\n".join(batch)
                batch = list(itertools.islice(items, self.BATCH))
                if batch:
                    yield ",\n"
            at = end
        yield self._skeleton[at:]

    def text(self) -> str:
        return "".join(self.pieces())


#: Placeholders in the site document for the lists that grow with the site.
_NODES = "\x00nodes\x00"
_PARTS = "\x00parts\x00"


def _span(text: str, placeholder: str) -> tuple[int, int, str, str]:
    """Where the list item or ``{"@id": placeholder}`` object that holds ``placeholder``
    is in ``text`` (start, end), the indentation of its line, and ``placeholder``."""
    quoted = encode_basestring(placeholder)
    at = text.index(quoted)
    start = text.rindex("\n", 0, at) + 1
    end = at + len(quoted)
    if text[start:at].strip() == '"@id":':  # a ref: the whole object
        start = text.rindex("\n", 0, start - 1) + 1
        end = text.index("}", end) + 1
    indent = text[start : len(text) - len(text[start:].lstrip(" "))]
    return start, end, indent, placeholder


def render_index(settings: Settings, site: SiteInput) -> SiteFiles:
    """``index.jsonld``, from summaries, written as it is made; kept when the last
    build wrote the same text (an article whose body changed leaves it as it was)."""
    name = FEED_FILES["index"]
    if site.unchanged([name], site_graph_digest(settings, site)):
        yield from kept([name])
    else:
        graph = site_graph(settings, site)
        yield name, Chunks(lambda: (piece.encode("utf-8") for piece in graph.pieces()))


def site_graph(settings: Settings, site: SiteInput) -> SiteGraph:
    """The build's site graph (made once: ``index.jsonld`` and the home page show it)."""
    graph: SiteGraph = site.once("site graph", lambda: SiteGraph(settings, site.articles))
    return graph


def site_graph_digest(settings: Settings, site: SiteInput) -> str:
    """A digest of what the site graph's text is made of (made once per build): the
    fields each article's node is written from (:attr:`ArticleSummary.index_json`),
    in order; the rest of the document follows from the settings, which every
    digest covers. Not of the text itself: a build where no node changed (an
    article's body was edited) then never makes it (a 10,000-article site's graph
    took ~30 ms to make only to be hashed; these fields take ~4 ms)."""
    digest: str = site.once(
        "site graph digest",
        lambda: site.digest("site graph", [_node_fields(site.articles)]),
    )
    return digest


def _node_fields(articles: Sequence[ArticleSummary]) -> str:
    """Everything the site graph's article nodes and ``hasPart`` references are
    written from, in order, as one JSON text (unambiguous, whatever the texts hold)."""
    fields = [
        (a.base, a.slug, a.headline, a.date_published, a.date_modified, a.in_language, a.index_text)
        for a in articles
    ]
    try:
        return orjson.dumps(fields).decode("utf-8")
    except TypeError:  # a text orjson refuses (a lone surrogate)
        return json.dumps(fields)


def render_readers(settings: Settings, site: SiteInput) -> SiteFiles:
    """The reader-facing outputs (:mod:`dateline.emit.readers`: paged home page, topic
    pages and feeds, entity pages, sitemaps, robots.txt, events.ics)."""
    yield from reader_outputs(settings, site)


def archive_name(kind: str, number: int) -> str:
    """``archive/rss-3.xml``: page 3 (the third oldest) of the ``rss`` or ``atom`` archive."""
    return f"archive/{kind}-{number}.xml"


def render_feeds(settings: Settings, site: SiteInput) -> SiteFiles:
    """The subscription feeds (RSS, Atom, JSON Feed: the newest ``max_items``
    articles) and every complete archive page of older ones (RFC 5005)."""
    yield from _feeds(settings, site, None)


def render_feeds_first(settings: Settings, site: SiteInput) -> SiteFiles:
    """:func:`render_feeds` up to the archive pages :func:`render_feeds_rest` makes."""
    yield from _feeds(settings, site, False)


def render_feeds_rest(settings: Settings, site: SiteInput) -> SiteFiles:
    """The newest :data:`ARCHIVE_SHARE_ELSEWHERE` of the archive pages: a second process
    makes them (see :data:`SPLIT_EMITTERS`)."""
    yield from _feeds(settings, site, True)


#: The share of the feeds' archive pages a large build's second process makes (see
#: :data:`SPLIT_EMITTERS`): measured at 10,000 articles, the feeds took this process
#: about 1.6 times as long as the site graph, home pages and sitemaps took the other.
ARCHIVE_SHARE_ELSEWHERE = 0.25


def _feeds(settings: Settings, site: SiteInput, rest: bool | None) -> SiteFiles:
    """The feeds' files in order; ``rest`` None: all of them, False: up to the pages
    :func:`render_feeds_rest` makes, True: those pages alone."""
    size = settings.max_items
    full = len(site.articles) // size
    base = settings.base_url
    urls = {"rss": base + FEED_FILES["rss"], "atom": base + FEED_FILES["atom"]}
    subscription = [FEED_FILES["rss"], FEED_FILES["atom"], FEED_FILES["json"]]
    newest = site.articles[:size]
    cut = full - int(full * ARCHIVE_SHARE_ELSEWHERE)
    numbers = range(cut + 1, full + 1) if rest else range(1, (full if rest is None else cut) + 1)
    if not rest and site.unchanged(subscription, site.fingerprint(f"feeds {full}", newest)):
        yield from kept(subscription)
    elif not rest:
        feed = _Feed(settings, site, newest)
        for kind in _KINDS:
            page = FeedPage(prev_archive=base + archive_name(kind, full) if full else None)
            yield FEED_FILES[kind], feed.render(kind, page=page)
        yield FEED_FILES["json"], render_jsonfeed(settings, feed.items())
    oldest_first = site.articles[::-1]
    for number in numbers:
        members = oldest_first[(number - 1) * size : number * size][::-1]
        fingerprint = site.fingerprint(f"archive {number}:{number < full}", members)
        feed = _Feed(settings, site, members)
        for kind in _KINDS:
            name = archive_name(kind, number)
            if site.unchanged([name], fingerprint):
                yield name, None  # full pages never change: the file there is right
                continue
            page = FeedPage(
                archive=True,
                current=urls[kind],
                prev_archive=base + archive_name(kind, number - 1) if number > 1 else None,
                next_archive=base + archive_name(kind, number + 1) if number < full else None,
            )
            yield name, feed.render(kind, self_url=base + name, page=page)


_KINDS = ("rss", "atom")


def _as_text(body: str | bytes) -> str:
    """A body as text (read back from the build cache, it is its UTF-8 bytes)."""
    return body if isinstance(body, str) else body.decode("utf-8")


class _Feed:
    """One feed document's articles, in RSS and Atom: each article's entries made once
    (:class:`~dateline.emit.feeds.EntryWriter`) and joined into both documents, where
    rendering each document made every entry twice (the same bytes)."""

    def __init__(self, settings: Settings, site: SiteInput, articles: Sequence[ArticleSummary]):
        self.settings = settings
        self.site = site
        self.articles = articles
        self._items: list[FeedItem] | None = None
        #: the articles' bodies, read back with their entries (see _made)
        self._bodies: list[str | bytes] | None = None
        self._entries: list[tuple[bytes, bytes]] | None = None
        self._updated: dt.datetime | None = None

    def items(self) -> list[FeedItem]:
        if self._items is None:
            if self._bodies is not None:  # read with the entries (see _made)
                self._items = [
                    (summary, _as_text(body))
                    for summary, body in zip(self.articles, self._bodies, strict=True)
                ]
            else:
                self._items = self.site.items(self.articles)
        return self._items

    def render(self, kind: str, **where: Any) -> bytes:
        if self._entries is None:
            self._entries = self._made()
        if self._updated is None:
            self._updated = last_updated(self.articles)
        join = rss_from_entries if kind == "rss" else atom_from_entries
        column = 0 if kind == "rss" else 1
        entries = [e[column] for e in self._entries]
        return join(self.settings, self.articles, entries, updated=self._updated, **where)

    def _made(self) -> list[tuple[bytes, bytes]]:
        """Each article's two entries: as its worker made them around its body where it
        did (:func:`~dateline.emit.feeds.entry_parts`: the archive pages hold every
        article of the site), else written here."""
        feed = self.site.feed
        if feed is None or self._items is not None or self._bodies is not None:
            return [self._writer()(summary, body) for summary, body in self.items()]
        bodies: list[str | bytes] = []
        made: list[tuple[bytes, bytes]] = []
        for summary, (body, parts) in zip(self.articles, feed(self.articles), strict=True):
            # a body read back from the cache is its UTF-8 bytes, joined as they are
            # into the entries (see items() for its text)
            bodies.append(body)
            joined = entries_from_parts(parts, body) if parts is not None else None
            if joined is None:
                joined = self._writer()(summary, _as_text(body))
            made.append(joined)
        self._bodies = bodies
        return made

    def _writer(self) -> EntryWriter:
        writer: EntryWriter = self.site.once(
            "feed entry writer", lambda: EntryWriter(self.settings)
        )
        return writer


#: Every site-wide output, in the order they are rendered.
SITE_EMITTERS: tuple[SiteEmitter, ...] = (render_index, render_feeds, render_readers)


#: :data:`SITE_EMITTERS` as a large build runs them in two processes (see
#: :func:`dateline.pipeline.build_site`): the same files in the same order.
SPLIT_EMITTERS: tuple[SiteEmitter, ...] = (
    render_index,
    render_feeds_first,
    render_feeds_rest,
    render_readers,
)
#: The emitters of :data:`SPLIT_EMITTERS` the second process runs while this one renders
#: the feeds: they read few bodies or none, the feeds read every article's (the newest
#: archive pages too: the feeds took this process longer than the rest took the
#: other). Their files are the same whichever process makes them.
ELSEWHERE: tuple[SiteEmitter, ...] = (render_index, render_feeds_rest, render_readers)


def render_site_files(
    settings: Settings, site: SiteInput, emitters: Sequence[SiteEmitter] = SITE_EMITTERS
) -> SiteFiles:
    """Every site-wide output, one by one, by path relative to the output folder
    (None: keep the file that is there)."""
    for emit in emitters:
        yield from emit(settings, site)
