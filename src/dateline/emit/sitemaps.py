"""``sitemap.xml``, Google News' ``news-sitemap.xml`` and the ``robots.txt`` naming them.

The sitemap lists every page with its ``lastmod`` so crawlers refetch only what
changed. The news sitemap lists the articles published in the two days before
the build's "now" (Google News ignores older entries), with the publication's
name and language, the date and the title. Both follow the sitemaps.org 0.9 and
Google News 0.9 schemas; the tests validate them against those XSDs. A news
sitemap with no article would be invalid (the schema wants at least one
``<url>``), so in a quiet period the file is left out and ``robots.txt`` does not
name it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from dateline.emit.feeds import as_datetime
from dateline.emit.summary import ArticleSummary
from dateline.settings import Settings

__all__ = [
    "MAX_SITEMAP_URLS",
    "NEWS_SITEMAP",
    "NEWS_WINDOW",
    "SITEMAP",
    "PageEntry",
    "render_news_sitemap",
    "render_robots",
    "render_sitemap",
    "render_sitemaps",
    "sitemap_names",
    "sitemap_part",
]

SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
#: Google News reads articles of the last two days from a news sitemap.
NEWS_WINDOW = dt.timedelta(days=2)
#: Google News wants ISO 639 codes, except these two written with their region.
_NEWS_LANGUAGES = {"zh-cn": "zh-cn", "zh-hans": "zh-cn", "zh-tw": "zh-tw", "zh-hant": "zh-tw"}


@dataclass(frozen=True, slots=True)
class PageEntry:
    """One page of the site: its absolute URL and when it last changed (W3C datetime,
    as the article's JSON-LD says it)."""

    url: str
    lastmod: str | None


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


#: The protocol's limit of URLs in one sitemap (and of sitemaps in one index).
MAX_SITEMAP_URLS = 50_000


def sitemap_part(number: int) -> str:
    """``sitemap-3.xml``: the third part of a sitemap split by :func:`render_sitemaps`."""
    return f"sitemap-{number}.xml"


def sitemap_names(pages: int, limit: int | None = None) -> list[str]:
    """The files :func:`render_sitemaps` makes for ``pages`` pages."""
    limit = MAX_SITEMAP_URLS if limit is None else limit
    if pages <= limit:
        return [SITEMAP]
    return [SITEMAP, *(sitemap_part(n) for n in range(1, -(-pages // limit) + 1))]


def render_sitemaps(
    settings: Settings, pages: Sequence[PageEntry], limit: int | None = None
) -> Iterator[tuple[str, bytes]]:
    """``sitemap.xml`` with every page; beyond ``limit`` pages (the protocol allows
    50,000 per file) ``sitemap.xml`` is a sitemap index of ``sitemap-N.xml`` parts in
    page order, each with the newest ``lastmod`` of its pages. ``robots.txt`` names
    ``sitemap.xml`` either way.

    Made one file at a time, the parts first and the index last: a large site's
    three parts of 50,000 URLs held together were its build's last peak."""
    limit = MAX_SITEMAP_URLS if limit is None else limit
    if len(pages) <= limit:
        yield SITEMAP, render_sitemap(pages)
        return
    index = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for number, start in enumerate(range(0, len(pages), limit), start=1):
        part = pages[start : start + limit]
        name = sitemap_part(number)
        yield name, render_sitemap(part)
        entry = etree.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = settings.base_url + name
        dated = [p.lastmod for p in part if p.lastmod is not None]
        del part
        if dated:
            newest = max(dated, key=lambda text: (as_datetime(text), text))
            etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = newest
    yield SITEMAP, _xml(index)


#: URLs of a sitemap made into text at a time (see :func:`render_sitemap`).
_SITEMAP_BLOCK = 2000


def render_sitemap(pages: Sequence[PageEntry]) -> bytes:
    """Every page, in the order given (the caller sorts for determinism).

    Written as text, byte for byte what lxml makes of the same elements (a test
    compares): a tree of 50,000 URLs held ~100 bytes of C memory per element on top
    of the file's own bytes. Encoded a block of URLs at a time: the text of every
    line, their joined text and its bytes held at once were three times the file."""
    if not pages:
        return _xml(etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS}))
    blocks = [f"<?xml version='1.0' encoding='UTF-8'?>\n<urlset xmlns=\"{SITEMAP_NS}\">\n".encode()]
    lines: list[str] = []
    for page in pages:
        lastmod = (
            f"    <lastmod>{_escaped(page.lastmod)}</lastmod>\n" if page.lastmod is not None else ""
        )
        lines.append(f"  <url>\n    <loc>{_escaped(page.url)}</loc>\n{lastmod}  </url>\n")
        if len(lines) >= _SITEMAP_BLOCK:
            blocks.append("".join(lines).encode("utf-8"))
            lines.clear()
    lines.append("</urlset>\n")
    blocks.append("".join(lines).encode("utf-8"))
    return b"".join(blocks)


def _escaped(text: str) -> str:
    """Element text as lxml writes it; text lxml refuses (control characters) raises
    ValueError, as lxml does."""
    if not _PLAIN.fullmatch(text):
        if _NOT_XML.search(text):
            raise ValueError(
                "All strings must be XML compatible: Unicode or ASCII, "
                "no NULL bytes or control characters"
            )
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace("\r", "&#13;")
    return text


#: Text with nothing to escape (most URLs and dates).
_PLAIN = re.compile(r"[^&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]*")
#: Characters XML 1.0 does not allow.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def news_language(tag: str) -> str:
    lowered = tag.lower()
    return _NEWS_LANGUAGES.get(lowered, lowered.split("-")[0])


def in_news_window(article: ArticleSummary, now: dt.datetime) -> bool:
    published = as_datetime(article.date_published)
    return now - NEWS_WINDOW <= published <= now


#: Seconds around the news window within which an article's date is parsed to tell
#: whether it is in (its summary's timestamp is that date's, to the second).
_NEAR = 86400.0


def render_news_sitemap(
    settings: Settings, articles: Sequence[ArticleSummary], now: dt.datetime
) -> bytes | None:
    """Articles of the two days up to ``now``; None when there are none.

    Every build asks this of every article: each is told first by the publication
    time its summary carries as a number (with :data:`_NEAR` to spare), and only
    those near the window have their date parsed for the exact test."""
    start, end = (now - NEWS_WINDOW).timestamp() - _NEAR, now.timestamp() + _NEAR
    recent = [a for a in articles if start <= a.timestamp <= end and in_news_window(a, now)]
    if not recent:
        return None
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for article in recent:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = article.url
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(publication, f"{{{NEWS_NS}}}name").text = settings.publisher.name
        etree.SubElement(publication, f"{{{NEWS_NS}}}language").text = news_language(
            article.in_language
        )
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = article.date_published
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = article.headline
    return _xml(urlset)


def render_robots(settings: Settings, sitemaps: Sequence[str]) -> bytes:
    """Crawlers may read everything; here are the sitemaps.

    Crawlers read ``robots.txt`` only at a host's root: a site published under a
    path (``https://example.org/news/``) must copy these ``Sitemap:`` lines into
    the host's own file.
    """
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {settings.base_url}{name}" for name in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
