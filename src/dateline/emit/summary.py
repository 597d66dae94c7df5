"""A published article in brief: what the site-wide outputs need to know about it.

Feeds, the site index and the home page list every article, but a site of
100,000 articles cannot hold 100,000 article graphs in memory. Each article's
per-article step therefore also makes an :class:`ArticleSummary` (a few hundred
bytes); site-wide outputs are rendered from summaries, and only the newest
``max_items`` articles, which the feeds carry in full, are loaded back whole.

A summary is plain data (it round-trips through JSON) so it can be kept in the
build cache, sent back from a worker process or another machine, and read by
any site-wide emitter: the paged index, topic pages and feeds, entity pages,
sitemaps and the events calendar all render from summaries alone. A feed item
also needs the article's body HTML, and an entity page the entity's own node as
its newest article describes it; those are read back from the build cache for
the few files a build renders again.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from json.encoder import encode_basestring as _quoted
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    # the build cache reads summaries back on every build: the renderers and models
    # load only where a summary is made (:func:`summarize`)
    from dateline.model.article import ArticleGraph
    from dateline.model.event import Event


__all__ = [
    "INDEX_KEYS",
    "ZULU",
    "ArticleSummary",
    "Byline",
    "EventBrief",
    "NodeBrief",
    "SharedParts",
    "parse_date",
    "summarize",
]

_S = TypeVar("_S", str, str | None)

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
    #: for a person, organization or place the article names: "about" or "mentions"
    #: (it gets an entity page listing this article); None for any other node
    relation: str | None = None

    def __post_init__(self) -> None:
        # one copy of a node's text for all the articles that name it
        _intern(self, "id", "type", "name", "relation")

    def __reduce__(self) -> tuple[Any, ...]:
        # through __init__, so a summary sent back by a worker is interned too
        return (NodeBrief, (self.id, self.type, self.name, self.inferred, self.relation))


@dataclass(frozen=True, slots=True)
class Byline:
    """An author as feeds and topic pages show them."""

    name: str
    url: str | None = None
    #: a Person (an author topic); an organization credited as author is not one
    person: bool = False

    def __post_init__(self) -> None:
        _intern(self, "name", "url")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Byline, (self.name, self.url, self.person))


@dataclass(frozen=True, slots=True)
class EventBrief:
    """An event the article reports, as the events calendar needs it: only events
    dated to the day or the minute (the calendar leaves the others out)."""

    id: str
    name: str
    #: ISO 8601: a day (``2024-07-04``) or a time with its offset
    start: str
    end: str | None
    description: str | None
    #: the names of its places, in the order the event lists them
    places: tuple[str, ...]
    #: latitude and longitude of the first of its places that has them
    geo: tuple[float, float] | None = None


#: The text fields of a summary that recur across a site's articles (interned).
_SHARED_TEXTS = ("base", "in_language", "section", "timezone", "dateline")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One published article, as the site-wide outputs see it."""

    #: the source file, relative to the content folder (POSIX separators)
    source: str
    slug: str
    #: the site's address its URLs start with (one copy for every summary): the
    #: article's page, document, ``@id`` and files follow from it and the slug (see
    #: :attr:`url`), not held for each of a large site's articles
    base: str
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
    authors: tuple[Byline, ...]
    #: the article's node as the site index lists it, when :attr:`index_json` cannot
    #: be told from the fields above ("" otherwise, saving its bytes in memory;
    #: :data:`ZULU` when only its UTC times are written with ``Z``)
    index_text: str
    #: every other node of the article's graph (people, places, events…)
    nodes: tuple[NodeBrief, ...]
    #: the article's own time zone (by name), for pages that print its times
    timezone: str | None = None
    #: an editor's draft: checked, never published
    draft: bool = False
    #: the first image's URL (JSON Feed's ``image``)
    image: str | None = None
    #: the events the article reports that the calendar shows
    events: tuple[EventBrief, ...] = ()

    @property
    def url(self) -> str:
        """The article's page (see :func:`dateline.model.ids.page_url`)."""
        return f"{self.base}articles/{self.slug}.html"

    @property
    def graph_url(self) -> str:
        """The article's JSON-LD document (see :func:`dateline.model.ids.document_url`)."""
        return f"{self.base}articles/{self.slug}.jsonld"

    @property
    def article_id(self) -> str:
        """The NewsArticle's ``@id`` (see :func:`dateline.model.ids.article_id`)."""
        return self.url + "#article"

    @property
    def files(self) -> tuple[str, str]:
        """The files this article wrote, relative to the output folder (see
        :func:`dateline.write.manifest.article_files`)."""
        return (f"articles/{self.slug}.html", f"articles/{self.slug}.jsonld")

    @property
    def order(self) -> tuple[float, str]:
        """Sort key: newest first, ties broken by slug (so the order is total)."""
        return (-self.timestamp, self.slug)

    def __post_init__(self) -> None:
        # the same few languages, sections, tags, people and types recur in every
        # summary of a large site: one copy each
        _intern(self, *_SHARED_TEXTS)
        object.__setattr__(self, "keywords", tuple(sys.intern(k) for k in self.keywords))

    def __reduce__(self) -> tuple[Any, ...]:
        return (ArticleSummary, tuple(getattr(self, name) for name in self.__slots__))

    @property
    def index_json(self) -> str:
        """The article's node as the site index lists it (``INDEX_KEYS`` only), as the
        JSON text ``json.dumps(node, indent=2, ensure_ascii=False)`` writes: made once,
        when the article is built, not each time the site graph is."""
        text = self.index_text
        if text and text != ZULU:
            return text
        published, modified = self.date_published, self.date_modified
        if text == ZULU:
            published, modified = _zulu(published), _zulu(modified)
        url = f"{self.base}articles/{self.slug}.html"  # self.url, made once here
        return _index_json(
            url + "#article", url, self.headline, published, modified, self.in_language
        )

    @property
    def lastmod(self) -> str:
        """When the article last changed (ISO 8601, as its JSON-LD says)."""
        return self.date_modified or self.date_published

    def to_json(self) -> list[Any]:
        """The summary as JSON: a list of its fields in order (no key is repeated for
        each of a large site's articles, and it parses faster)."""
        data: list[Any] = [getattr(self, name) for name in self.__slots__]
        data[_NODES] = [[n.id, n.type, n.name, n.inferred, n.relation] for n in self.nodes]
        data[_AUTHORS] = [[a.name, a.url, a.person] for a in self.authors]
        data[_EVENTS] = [
            [e.id, e.name, e.start, e.end, e.description, list(e.places), e.geo]
            for e in self.events
        ]
        return data

    @classmethod
    def from_json(cls, data: list[Any], shared: SharedParts | None = None) -> ArticleSummary:
        """Raises KeyError, TypeError or ValueError when ``data`` is not a summary.

        ``shared``: the nodes and bylines already read back, to reuse (see
        :class:`SharedParts`)."""
        if not isinstance(data, list) or len(data) != len(cls.__slots__):
            raise TypeError("not a summary")
        values = list(data)
        if shared is None:
            values[_NODES] = tuple([NodeBrief(*node) for node in values[_NODES]])
            values[_AUTHORS] = tuple([Byline(*author) for author in values[_AUTHORS]])
        else:
            values[_NODES] = tuple(map(shared.node, values[_NODES]))
            values[_AUTHORS] = tuple(map(shared.byline, values[_AUTHORS]))
        events = values[_EVENTS]
        values[_EVENTS] = (
            tuple(
                [
                    EventBrief(i, n, s, e, d, tuple(p), (g[0], g[1]) if g is not None else None)
                    for i, n, s, e, d, p, g in events
                ]
            )
            if events
            else ()
        )
        if not isinstance(values[_INDEX_TEXT], str):
            raise TypeError("index_text is not text")
        if cls is not ArticleSummary:
            values[_KEYWORDS] = tuple(values[_KEYWORDS])
            return cls(*values)
        # what __post_init__ does, then the fields set without __init__: a build where
        # one article changed reads back every other one (a third of the time)
        for at in _INTERNED:
            if values[at] is not None:
                values[at] = sys.intern(values[at])
        values[_KEYWORDS] = tuple(map(sys.intern, values[_KEYWORDS]))
        summary = _new(ArticleSummary)
        for setter, value in zip(_SETTERS, values, strict=True):
            setter(summary, value)
        return summary


class SharedParts:
    """The nodes and bylines of the summaries read back in one build, one object each.

    The publisher is in every article of a site and the same people, places and
    reporters in thousands: the summaries of a large site read back from the build
    cache share one :class:`NodeBrief` or :class:`Byline` for each, which saves
    making (and holding) hundreds of thousands of equal objects.
    """

    __slots__ = ("_bylines", "_nodes", "_texts")

    def __init__(self) -> None:
        self._nodes: dict[tuple[Any, ...], NodeBrief] = {}
        self._bylines: dict[tuple[Any, ...], Byline] = {}
        self._texts: dict[str, str] = {}

    def text(self, value: str) -> str:
        """One copy of each text (the findings of articles that have the same ones:
        the notices every article of a site without images or author pages gets)."""
        return self._texts.setdefault(value, value)

    def node(self, data: list[Any]) -> NodeBrief:
        key = tuple(data)
        found = self._nodes.get(key)
        if found is None:
            found = self._nodes[key] = NodeBrief(*data)
        return found

    def byline(self, data: list[Any]) -> Byline:
        key = tuple(data)
        found = self._bylines.get(key)
        if found is None:
            found = self._bylines[key] = Byline(*data)
        return found


_FIELDS = ArticleSummary.__slots__
#: the fields :meth:`ArticleSummary.__post_init__` interns, by position
_INTERNED = tuple(_FIELDS.index(n) for n in _SHARED_TEXTS)
#: each field's slot setter, in order (see :meth:`ArticleSummary.from_json`)
_SETTERS = tuple(getattr(ArticleSummary, name).__set__ for name in _FIELDS)
_new = object.__new__
_NODES, _AUTHORS, _EVENTS = (_FIELDS.index(n) for n in ("nodes", "authors", "events"))
_KEYWORDS, _INDEX_TEXT = (_FIELDS.index(n) for n in ("keywords", "index_text"))


_D = TypeVar("_D", ArticleSummary, NodeBrief, Byline)


def _uninterned(cls: type[_D], *values: Any) -> _D:
    """``cls(*values)`` (every field, in order) without the ``__post_init__`` that interns
    its texts: :func:`summarize` runs where an article is built, and a worker writes
    the summary out as JSON at once (the build interns what it reads back, see
    :meth:`ArticleSummary.from_json`; a summary pickled to it is made through
    ``__init__``, see ``__reduce__``). Interning there was a fifth of summarizing."""
    made = _new(cls)
    for name, value in zip(cls.__slots__, values, strict=True):
        object.__setattr__(made, name, value)
    return made


def _intern(target: object, *names: str) -> None:
    """Intern the text fields ``names`` of a frozen dataclass (None stays None)."""
    for name in names:
        value = getattr(target, name)
        if value is not None:
            object.__setattr__(target, name, sys.intern(value))


#: :attr:`ArticleSummary.index_text` of an article whose index node is the one its
#: fields tell, with its UTC times written as JSON-LD writes them (``…T05:53:00Z``,
#: not ``+00:00``): a fifth of a typical site's articles, which held the node's
#: whole text (~600 bytes) each.
ZULU = "Z"


def _zulu(text: _S) -> _S:
    """An ISO 8601 time with its UTC offset written ``Z``, as JSON-LD writes it."""
    if text is not None and text.endswith("+00:00"):
        return text[: -len("+00:00")] + "Z"
    return text


def _index_json(
    article_id: str,
    url: str,
    headline: str,
    published: str,
    modified: str | None,
    language: str,
) -> str:
    """The index node as json.dumps writes it, from the summary's fields (they are what
    the JSON-LD says, except a UTC time, which JSON-LD writes with ``Z``: then the
    summary keeps the real text)."""
    # one format, not a list of pairs joined: the site graph, the home page and the
    # digest that says whether they changed ask this of every article of the site
    dated = f',\n  "dateModified": {_quoted(modified)}' if modified is not None else ""
    return (
        f'{{\n  "@id": {_quoted(article_id)},\n  "@type": "NewsArticle",\n'
        f'  "url": {_quoted(url)},\n  "headline": {_quoted(headline)},\n'
        f'  "datePublished": {_quoted(published)}{dated},\n'
        f'  "inLanguage": {_quoted(language)}\n}}'
    )


def _index_items(
    article_id: str,
    url: str,
    headline: str,
    published: str,
    modified: str | None,
    language: str,
) -> list[tuple[str, Any]]:
    """The items of the index node :func:`_index_json` writes, in its order."""
    items: list[tuple[str, Any]] = [
        ("@id", article_id),
        ("@type", "NewsArticle"),
        ("url", url),
        ("headline", headline),
        ("datePublished", published),
    ]
    if modified is not None:
        items.append(("dateModified", modified))
    items.append(("inLanguage", language))
    return items


def _index_text(
    index: list[tuple[str, Any]],
    article_id: str,
    url: str,
    headline: str,
    published: str,
    modified: str | None,
    language: str,
) -> str:
    """What a summary keeps of its index node, given as its items in order (see
    :attr:`ArticleSummary.index_text`).

    Told from the items, not their text: JSON text is one-to-one with the ordered
    items, so the node's text is :func:`_index_json`'s exactly when its items are
    those :func:`_index_json` writes (each article's node was serialised only to be
    compared); only a node that is neither is written out."""
    if index == _index_items(article_id, url, headline, published, modified, language):
        return ""
    zulu = _index_items(article_id, url, headline, _zulu(published), _zulu(modified), language)
    if index == zulu:
        return ZULU
    from dateline.emit.jsonld import dumps  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)

    return dumps(dict(index))[:-1]


def parse_date(text: str) -> dt.datetime | dt.date:
    """An ISO 8601 date or time from a summary back as a value (a time keeps its offset)."""
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def _event_brief(event: Event, graph: ArticleGraph) -> EventBrief | None:
    from dateline.model.entities import Place  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)

    start, end = event.start_date, event.end_date
    if not isinstance(start, dt.datetime) and not (isinstance(start, str) and len(start) == 10):
        return None  # known to the month or year (or not at all): not on the calendar
    places = [graph.node(ref.id) for ref in event.location]
    geo = next((p.geo for p in places if isinstance(p, Place) and p.geo is not None), None)
    return EventBrief(
        id=event.id,
        name=event.name,
        start=start.isoformat() if isinstance(start, dt.datetime) else start,
        end=end.isoformat() if isinstance(end, dt.datetime) else end,
        description=event.description,
        places=tuple(p.name for p in places if isinstance(p, Place)),
        geo=(geo.latitude, geo.longitude) if geo is not None else None,
    )


def summarize(
    source: str, graph: ArticleGraph, node: dict[str, Any] | None = None
) -> ArticleSummary:
    """The summary of one article's validated graph; ``node`` is the article's JSON-LD
    node (``graph.graph()[0]``) when the caller has made it.

    Raises ValueError when the graph's URLs are not where dateline puts them (the
    summary derives the document's URL, the ``@id`` and the files from the page's)."""
    # modules, not names: cheaper per call (see dateline.pipeline.process_article)
    import dateline.emit.feeds  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)
    import dateline.emit.html  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)
    import dateline.model.entities  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)

    as_datetime = dateline.emit.feeds.as_datetime
    human_date, named_entities = dateline.emit.html.human_date, dateline.emit.html.named_entities
    Person = dateline.model.entities.Person

    article = graph.article
    relation = {r.id: "mentions" for r in article.mentions}
    relation.update({r.id: "about" for r in article.about})
    named = {n.id for n in named_entities(graph)}
    authors = []
    for ref in article.author:
        author = graph.node(ref.id)
        if author is not None:
            name, url = getattr(author, "name", ""), getattr(author, "url", None)
            authors.append(_uninterned(Byline, name, url, isinstance(author, Person)))
    events = (_event_brief(event, graph) for event in graph.events())
    if node is None:
        node = article.jsonld()
    # the text json.dumps(..., ensure_ascii=False, indent=2) writes (see dumps)
    index = [(k, v) for k, v in node.items() if k in INDEX_KEYS]
    published = article.date_published.isoformat()
    modified = article.date_modified.isoformat() if article.date_modified else None
    fields = (article.id, article.url, article.headline, published, modified, article.in_language)
    tail = f"articles/{graph.slug}.html"
    values = {
        "source": source,
        "slug": graph.slug,
        "base": article.url[: -len(tail)] if article.url.endswith(tail) else article.url,
        "headline": article.headline,
        "date_published": published,
        "date_modified": modified,
        "published_text": human_date(article.date_published, graph.timezone),
        "timestamp": as_datetime(article.date_published).timestamp(),
        "dateline": article.dateline,
        "description": article.description,
        "in_language": article.in_language,
        "section": article.article_section,
        "keywords": tuple(article.keywords),
        "authors": tuple(authors),
        "index_text": _index_text(index, *fields),
        "nodes": tuple(
            _uninterned(
                NodeBrief,
                n.id,
                n.type,
                n.name,
                n.id in graph.inferred,
                relation[n.id] if n.id in named else None,
            )
            for n in graph.nodes
        ),
        "timezone": graph.timezone,
        "draft": graph.draft,
        "image": article.image[0].url if article.image else None,
        "events": tuple(e for e in events if e is not None),
    }
    summary = _uninterned(ArticleSummary, *(values[name] for name in _FIELDS))
    if (
        summary.url != article.url
        or summary.graph_url != graph.id
        or summary.article_id != article.id
    ):
        raise ValueError(f"the URLs of {source} are not where dateline puts them")
    return summary
