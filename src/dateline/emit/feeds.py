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
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.emit.urls import FeedUrls
from dateline.settings import Settings

if TYPE_CHECKING:  # summary.py imports as_datetime from here
    from dateline.emit.summary import ArticleSummary

__all__ = [
    "FH_NS",
    "JSONLD_TYPE",
    "EntryWriter",
    "FeedItem",
    "FeedPage",
    "as_datetime",
    "atom_from_entries",
    "entries_from_parts",
    "entry_parts",
    "last_updated",
    "render_atom",
    "render_rss",
    "rss_from_entries",
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


@functools.cache
def _extensions() -> tuple[type, type]:
    """dateline's feedgen extensions (feed, entry), made on first use: importing
    feedgen and lxml costs a process ~40 ms, and the per-article workers, which
    import this module for :func:`as_datetime`, never render a feed."""
    from feedgen.ext.base import BaseEntryExtension, BaseExtension  # noqa: PLC0415
    from lxml import etree  # noqa: PLC0415

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

    return _LinksFeed, _LinksEntry


def _generator(settings: Settings) -> Any:
    """A FeedGenerator with dateline's extensions loaded (what every entry registers)."""
    from feedgen.feed import FeedGenerator  # noqa: PLC0415 - see _extensions

    fg = FeedGenerator()
    # what fg.load_extension("dc", atom=False, rss=True) registers, without its
    # import of a module "dc_entry" that does not exist: a search of the import
    # path per feed document (a site has hundreds of archive pages). Imported after
    # feedgen.feed, which imports the lxml.etree it needs.
    from feedgen.ext.dc import DcEntryExtension, DcExtension  # noqa: PLC0415

    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    fg.register_extension("dateline", *_extensions(), atom=True, rss=True)
    return fg


def _feed(
    settings: Settings,
    articles: Sequence[ArticleSummary],
    self_url: str,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
    updated: dt.datetime | None = None,
) -> Any:
    """The feed's own elements (no entry yet), dated by the newest of ``articles``
    (``updated``: that date, when the caller knows it)."""
    home = home_url or settings.base_url
    fg = _generator(settings)
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
    newest = updated if updated is not None else last_updated(articles)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    return fg


def last_updated(articles: Sequence[ArticleSummary]) -> dt.datetime:
    """When the newest of ``articles`` was last changed: the date of a feed of them."""
    return max(
        (as_datetime(a.lastmod) for a in articles),
        default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    )


def _fill(fe: Any, article: ArticleSummary, body: str) -> None:
    """One article's entry (the same for RSS and Atom, for every feed it is in)."""
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


def _with_entries(fg: Any, articles: Sequence[FeedItem]) -> Any:
    for article, body in articles:
        _fill(fg.add_entry(order="append"), article, body)
    return fg


#: What feedgen declares on the ``<rss>`` root besides the extensions' namespaces.
_RSS_NAMESPACES = {
    "atom": ATOM_NS,
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class EntryWriter:
    """Makes an article's feed entries once: its RSS ``<item>`` and its Atom
    ``<entry>``, as the very bytes they are inside a pretty-printed feed.

    A site's archive pages hold every article once, in RSS and in Atom: the
    site-wide stage makes an entry for each article of the site, after the
    per-article stage, in one process. feedgen builds each entry as lxml elements
    (a few dozen per entry) and lxml serialises them again: ~0.15 ms an article.
    The entries of an ordinary article (its text holds only characters XML takes
    as they are) are written here as text instead, in feedgen's order, indentation
    and escaping (:func:`_text_entries`, ~15 µs); any other article's, and every
    entry when ``fast`` is off, by feedgen's own entry code (:func:`_fill`, then
    ``rss_entry``/``atom_entry``) serialized by lxml inside a root made as feedgen
    makes it, at the depth the entry has in a feed: libxml2's pretty printer
    indents an element by its depth alone, so the slice is byte for byte what a
    whole feed holds. Tests compare the three: text, feedgen slices, whole feeds.
    """

    def __init__(self, settings: Settings, fast: bool = True) -> None:
        self._fg = _generator(settings)
        self._fast = fast

    def __call__(self, article: ArticleSummary, body: str) -> tuple[bytes, bytes]:
        """The article's RSS item and Atom entry, each with its indentation and line end.

        Safe in threads (a Dask worker runs several): each call has its own roots.
        """
        if self._fast:
            made = _text_entries(article, body)
            if made is not None:
                return made
        from lxml import etree  # noqa: PLC0415 - see _extensions

        fe = self._fg.add_entry(order="append")
        try:
            _fill(fe, article, body)
            item, entry = fe.rss_entry(), fe.atom_entry()
        finally:
            self._fg.remove_entry(fe)
        rss = etree.Element("rss", version="2.0", nsmap=_RSS_NAMESPACES)
        etree.SubElement(rss, "channel").append(item)
        # feedgen writes Atom with a plain xmlns attribute and unqualified elements
        atom = etree.Element("feed", xmlns=ATOM_NS)
        atom.append(entry)
        return _inside(rss, b"<channel>\n", b"  </channel>\n"), _inside(atom, b"\n", b"</feed>\n")


#: The bytes of a control character libxml2 writes other than as itself (``\\r``) or
#: lxml refuses (the others but tab and newline)...
_CONTROL = bytes(b for b in range(0x20) if b not in b"\t\n")
#: ...and every other byte, which :func:`_plain` deletes to find them.
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def _plain(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds no character lxml refuses or libxml2 would write
    as a reference: a control character, U+FFFE, U+FFFF (a lone surrogate never gets
    this far: it cannot be encoded)."""
    # both non-characters start with 0xEF, which few texts hold: one search for a byte
    # (memchr) before two for three bytes, each slower (an article's body is checked)
    return not data.translate(None, _NOT_CONTROL) and (
        b"\xef" not in data or (b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data)
    )


def _text(value: str) -> str:
    """Element text as libxml2 writes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    """An attribute value as libxml2 writes it (in double quotes)."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


def _rfc2822(moment: dt.datetime) -> str:
    """``formatRFC2822`` of feedgen: C-locale day and month names; the time and its
    offset written out, not by ``strftime`` (two thirds of this function's time, for
    each article), but for an offset of seconds, which ``%z`` writes as it does."""
    offset = moment.utcoffset()
    if offset is None or offset.seconds % 60 or offset.microseconds:
        zone = f"{moment:%z}"
    else:
        minutes = offset.days * 1440 + offset.seconds // 60
        hours, minutes = divmod(abs(minutes), 60)
        zone = f"{'-' if offset.days < 0 else '+'}{hours:02d}{minutes:02d}"
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
        f"{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} {zone}"
    )


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _text_entries(article: ArticleSummary, body: str) -> tuple[bytes, bytes] | None:
    """:class:`EntryWriter`'s two entries written as text, in feedgen's element order
    (:func:`_fill`, feedgen's ``rss_entry``/``atom_entry``, its ``dc`` extension and
    :class:`_LinksEntry`); None for an article whose text would not be written as
    it is (see :func:`_plain`), or that feedgen writes otherwise (an empty body
    or name: an empty element)."""
    parts = _text_parts(article, body)
    if parts is None:
        return None
    rss_head, rss_tail, atom_head, atom_tail = parts
    content = _text(body)
    try:
        item = f"{rss_head}{content}{rss_tail}".encode()
        entry = f"{atom_head}{content}{atom_tail}".encode()
    except UnicodeEncodeError:  # a lone surrogate: lxml refuses it, with its own message
        return None
    # every text of the article is in the Atom entry (as element text or attribute)
    return (item, entry) if _plain(entry) else None


#: Between the four texts of :func:`entry_parts` (no entry holds it: see :func:`_plain`).
_PART_END = b"\0"


def entry_parts(article: ArticleSummary, body: str, body_utf8: bytes | None = None) -> bytes | None:
    """The article's RSS item and Atom entry (:func:`_text_entries`) as the text around
    their one variable part, the escaped body: made by the worker that built the
    article, kept in the build cache and joined with the body there by
    :func:`entries_from_parts`, so the site-wide stage, which is serial, does not
    write an entry per article of the site for the archive pages. None where
    :func:`_text_entries` is (feedgen writes that article's entries). ``body_utf8``:
    the body in UTF-8, when the caller has it."""
    parts = _text_parts(article, body)
    if parts is None:
        return None
    try:
        encoded = [part.encode() for part in parts]
        # escaping adds no character _plain looks for: the body is checked as it is
        text = body.encode() if body_utf8 is None else body_utf8
    except UnicodeEncodeError:  # a lone surrogate (see _text_entries)
        return None
    if not (_plain(encoded[2]) and _plain(text) and _plain(encoded[3])):
        return None
    return _PART_END.join(encoded)


def entries_from_parts(parts: bytes, body: str | bytes) -> tuple[bytes, bytes] | None:
    """The two entries :func:`entry_parts` stands for, with the article's ``body``
    (its text, or its UTF-8 bytes: escaped as they are, since no byte of a character
    past ASCII is ``&``, ``<`` or ``>``, which spares decoding and encoding it, the
    archive pages' bodies being most of what a large site's feeds hold); None when
    ``parts`` are not four texts (then the entries are written again)."""
    split = parts.split(_PART_END)
    if len(split) != 4:
        return None
    rss_head, rss_tail, atom_head, atom_tail = split
    if isinstance(body, bytes):
        content = body.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
    else:
        try:
            content = _text(body).encode()
        except UnicodeEncodeError:
            return None
    return b"".join((rss_head, content, rss_tail)), b"".join((atom_head, content, atom_tail))


def _text_parts(article: ArticleSummary, body: str) -> tuple[str, str, str, str] | None:
    """The text of the RSS item before and after its escaped body, then the Atom
    entry's (see :func:`_text_entries`)."""
    url, graph_url, headline = article.url, article.graph_url, article.headline
    description, authors = article.description, article.authors
    terms = [*([article.section] if article.section else []), *article.keywords]
    if not body or not headline or any(not a.name for a in authors) or _early_year(article):
        return None
    published = as_datetime(article.date_published)
    updated = as_datetime(article.lastmod)
    if published.tzinfo is None or updated.tzinfo is None:
        return None  # feedgen refuses a time without its offset, with its own message
    url_text, url_attr, graph_attr = _text(url), _attribute(url), _attribute(graph_url)
    title = _text(headline)
    rss = [
        f"    <item>\n      <title>{title}</title>\n      <link>{url_text}</link>\n",
    ]
    if description:
        rss.append(f"      <description>{_text(description)}</description>\n")
        rss.append("      <content:encoded>")
        close = "</content:encoded>\n"
    else:
        rss.append("      <description>")
        close = "</description>\n"
    rss_head = "".join(rss)
    rss = [close, f'      <guid isPermaLink="true">{url_text}</guid>\n']
    rss.extend(f"      <category>{_text(term)}</category>\n" for term in terms)
    rss.append(f"      <pubDate>{_rfc2822(published)}</pubDate>\n")
    rss.extend(f"      <dc:creator>{_text(a.name)}</dc:creator>\n" for a in authors)
    rss.append(
        f'      <atom:link rel="describedby" type="{JSONLD_TYPE}" href="{graph_attr}"/>\n'
        "    </item>\n"
    )
    atom = [
        f"  <entry>\n    <id>{url_text}</id>\n    <title>{title}</title>\n"
        f"    <updated>{updated.isoformat()}</updated>\n"
    ]
    for a in authors:
        uri = f"      <uri>{_text(a.url)}</uri>\n" if a.url else ""
        atom.append(f"    <author>\n      <name>{_text(a.name)}</name>\n{uri}    </author>\n")
    atom.append('    <content type="html">')
    atom_head = "".join(atom)
    atom = ["</content>\n"]
    if description:
        atom.append(f"    <summary>{_text(description)}</summary>\n")
    atom.extend(f'    <category term="{_attribute(term)}"/>\n' for term in terms)
    atom.append(
        f"    <published>{published.isoformat()}</published>\n"
        f'    <link rel="alternate" type="text/html" href="{url_attr}"/>\n'
        f'    <link rel="describedby" type="{JSONLD_TYPE}" href="{graph_attr}"/>\n'
        "  </entry>\n"
    )
    return rss_head, "".join(rss), atom_head, "".join(atom)


def _early_year(article: ArticleSummary) -> bool:
    """A date before year 1000 (``strftime`` writes fewer digits for it on some
    platforms): left to feedgen's own formatting."""
    return article.date_published[:4] < "1000" or article.lastmod[:4] < "1000"


def _inside(root: Any, after: bytes, before: bytes) -> bytes:
    from lxml import etree  # noqa: PLC0415 - see _extensions

    text: bytes = etree.tostring(root, pretty_print=True, encoding="UTF-8")
    return text[text.index(after) + len(after) : text.rindex(before)]


def _joined(document: bytes, end: bytes, entries: Sequence[bytes]) -> bytes:
    at = document.rindex(end)
    return b"".join([document[:at], *entries, document[at:]])


def rss_from_entries(
    settings: Settings,
    articles: Sequence[ArticleSummary],
    entries: Sequence[bytes],
    self_url: str | None = None,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
    updated: dt.datetime | None = None,
) -> bytes:
    """:func:`render_rss` of ``articles`` whose items :class:`EntryWriter` made
    (``entries``, in the same order): the same bytes, without rendering them again."""
    self_url = self_url or FeedUrls.for_site(settings.base_url).rss
    fg = _feed(settings, articles, self_url, title, home_url, page, updated)
    return _joined(bytes(fg.rss_str(pretty=True)), b"  </channel>\n</rss>", entries)


def atom_from_entries(
    settings: Settings,
    articles: Sequence[ArticleSummary],
    entries: Sequence[bytes],
    self_url: str | None = None,
    title: str | None = None,
    home_url: str | None = None,
    page: FeedPage | None = None,
    updated: dt.datetime | None = None,
) -> bytes:
    """:func:`render_atom` from entries :class:`EntryWriter` made (see
    :func:`rss_from_entries`)."""
    self_url = self_url or FeedUrls.for_site(settings.base_url).atom
    fg = _feed(settings, articles, self_url, title, home_url, page, updated)
    return _joined(bytes(fg.atom_str(pretty=True)), b"</feed>", entries)


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
    fg = _feed(settings, [a for a, _ in articles], self_url, title, home_url, page)
    return bytes(_with_entries(fg, articles).rss_str(pretty=True))


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
    fg = _feed(settings, [a for a, _ in articles], self_url, title, home_url, page)
    return bytes(_with_entries(fg, articles).atom_str(pretty=True))
