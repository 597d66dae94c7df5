"""The list pages: the paged home page, topic pages and entity pages, from summaries.

Each lists articles (headline, date, dateline, summary, section) and needs
nothing of an article but its :class:`~dateline.emit.summary.ArticleSummary`, so a
site of any size renders them without loading a single article graph. They share
the templates and the template environment of the article pages
(:class:`~dateline.emit.html.PageRenderer`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from markupsafe import escape

from dateline.emit.html import PageRenderer, feed_links, kind_label
from dateline.emit.summary import ArticleSummary
from dateline.emit.topics import Topic, summary_topics
from dateline.emit.urls import FeedUrls
from dateline.model.entities import Organization, Person, Place

__all__ = [
    "IndexPage",
    "ListRenderer",
    "archive_split",
    "archived_pages",
    "list_item",
    "page_count",
]


def page_count(articles: int, size: int) -> int:
    """Pages of ``size`` articles a list of ``articles`` takes (an empty list: one page)."""
    return max(1, -(-articles // size))


def archived_pages(articles: int, size: int) -> int:
    """How many full pages of the home page's archive a site of ``articles`` has.

    The archive is numbered from the oldest article: ``page/1.html`` holds the
    oldest ``size``, ``page/2.html`` the next ``size``, and so on, so a page never
    changes once it is there, however many articles come after (a site that adds one
    article renders two pages, not every page). The home page holds the rest, the
    newest: between ``size`` and ``2 * size - 1`` articles once the site has ``size``
    (fewer before), so every article is on exactly one page.
    """
    return max(0, articles // size - 1)


@dataclass(frozen=True)
class IndexPage:
    """Where one page of a list and its archive is (``number`` 0: the list's own
    page; 1 is the oldest page of the archive, ``archived`` the newest): the home
    page (``folder`` "") or a topic's (``section/world/``), numbered alike."""

    number: int
    archived: int
    base_url: str
    folder: str = ""

    def url(self, number: int) -> str:
        return self.base_url + self.folder + ("" if number == 0 else f"page/{number}.html")

    @property
    def here(self) -> str:
        return self.url(self.number)

    @property
    def prev(self) -> str | None:
        """The newer page (``rel="prev"``: the list reads newest first)."""
        if self.number == 0:
            return None
        return self.url(self.number + 1 if self.number < self.archived else 0)

    @property
    def next(self) -> str | None:
        """The older page (``rel="next"``)."""
        if self.number == 0:
            return self.url(self.archived) if self.archived else None
        return self.url(self.number - 1) if self.number > 1 else None

    @staticmethod
    def path(number: int, folder: str = "") -> str:
        return folder + ("index.html" if number == 0 else f"page/{number}.html")


def _pager(page: IndexPage) -> str:
    """What ``_pager.html`` writes: links to the newer and older pages."""
    if not page.prev and not page.next:
        return ""
    e = escape
    newer = f'<a href="{e(page.prev)}" rel="prev">← Newer</a>' if page.prev else "<span></span>"
    older = f'<a href="{e(page.next)}" rel="next">Older →</a>' if page.next else "<span></span>"
    where = f"Archive page {page.number}" if page.number else "Latest"
    return f"<nav>{newer} <span>{where}</span> {older}</nav>\n"


def _escaped(text: str) -> str:
    """``text`` escaped as markupsafe's ``escape`` (Jinja's autoescape) escapes it, the
    same characters as the same entities, without making a ``Markup`` object of each
    value: a list item escapes seven, and a full build of 10,000 articles ~70,000
    (~0.1 s of CPU in markupsafe's own calls)."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def list_item(item: dict[str, Any]) -> str:
    """One article of a list (``<li>``), from :meth:`ListRenderer.item`: the markup the
    Jinja loop of ``_list.html`` made (kept as the tests' reference in
    ``tests/data/reference/_list.html``), the same bytes, made in code. A site's
    index, topic and entity pages list every article several times over (a full
    build of 10,000 articles renders ~50,000 items), and the template's loop cost
    several times this."""
    e = _escaped
    section = item["section"]
    if section:
        url = item["section_url"]
        shown = f'<a href="{e(url)}">{e(section)}</a>' if url else e(section)
        section = f'<span class="section">{shown}</span> · '
    else:
        section = ""
    dateline = f" · {e(item['dateline'])}" if item["dateline"] else ""
    summary = f'<p class="summary">{e(item["summary"])}</p>\n' if item["summary"] else ""
    return (
        f'<li><a href="{e(item["url"])}">{e(item["headline"])}</a>\n'
        f'<p class="meta">{section}<time datetime="{e(item["published"])}">'
        f"{e(item['published_text'])}</time>{dateline}</p>\n{summary}</li>\n"
    )


def archive_split(total: int, size: int) -> Iterator[tuple[int, int, int]]:
    """The pages of a list of ``total`` articles (newest first), as (number, start,
    end) slices of it: the list's own page (0) first, then its archive from the
    newest page to the oldest (see :func:`archived_pages`)."""
    archived = archived_pages(total, size)
    yield 0, 0, total - archived * size
    for number in range(archived, 0, -1):
        yield number, total - number * size, total - (number - 1) * size


class ListRenderer:
    """Renders list pages with one build's template environment."""

    def __init__(self, pages: PageRenderer) -> None:
        self.settings = pages.settings
        self.feeds = FeedUrls.for_site(self.settings.base_url)

    def item(self, article: ArticleSummary) -> dict[str, Any]:
        """One article as a list shows it."""
        topics = summary_topics(self.settings, article)
        section = next((t for t in topics if t.kind == "section"), None)
        return {
            "url": article.url,
            "headline": article.headline,
            "published": article.date_published,
            "published_text": article.published_text,
            "dateline": article.dateline,
            "summary": article.description,
            "section": article.section,
            "section_url": section.page if section else None,
        }

    def items_html(self, articles: Sequence[ArticleSummary]) -> str:
        """The list's items, as ``_list.html`` shows them (see :func:`list_item`)."""
        return "".join([list_item(self.item(a)) for a in articles])

    def index_page(
        self,
        page: IndexPage,
        articles: Sequence[ArticleSummary],
        sections: Sequence[Topic],
        jsonld: str | None,
    ) -> str:
        """The home page or a page of its archive: ``articles`` are its own; the home
        page carries the site graph (``jsonld``) and feed autodiscovery.

        Written in code, the same bytes the template ``index.html`` made (kept as the
        tests' reference in ``tests/data/reference/``): a build where one article
        changed renders the home page and nothing else of Jinja's (importing it and
        compiling the templates was ~5% of such a build)."""
        e = escape
        site = self.settings
        title = e(site.title)
        description = e(site.description) if site.description else ""
        feeds = self.feeds
        topics = [t for t in sections if t.kind == "section"]
        out = [
            f'<!DOCTYPE html>\n<html lang="{e(site.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}{f' · page {page.number}' if page.number else ''}</title>\n"
        ]
        if description:
            out.append(f'<meta name="description" content="{description}">\n')
        out.append(f'<link rel="canonical" href="{e(page.here)}">\n')
        if page.prev:
            out.append(f'<link rel="prev" href="{e(page.prev)}">\n')
        if page.next:
            out.append(f'<link rel="next" href="{e(page.next)}">\n')
        out.append(feed_links(site.title, str(site.base_url), topics))
        out.append(f'<link rel="alternate" type="application/ld+json" href="{e(feeds.index)}">\n')
        out.append(self._style)
        if jsonld:
            out.append(f'<script type="application/ld+json">\n{jsonld}\n</script>\n')
        out.append(f"</head>\n<body>\n<header>\n<h1>{title}</h1>\n")
        if description:
            out.append(f"<p>{description}</p>\n")
        out.append(
            f'<p>Subscribe: <a href="{e(feeds.rss)}">RSS</a> · <a href="{e(feeds.atom)}">Atom</a>'
            f' · <a href="{e(feeds.json)}">JSON Feed</a> · <a href="{e(feeds.index)}">JSON-LD</a>'
            f' · <a href="{e(str(site.base_url))}events.ics">Events calendar</a></p>\n'
        )
        if topics:
            shown = " · ".join(f'<a href="{e(t.page)}">{e(t.name)}</a>' for t in topics)
            out.append(f'<p class="meta">Sections: {shown}</p>\n')
        out.append(f'</header>\n<main>\n<ul class="articles">\n{self.items_html(articles)}</ul>\n')
        out.append(_pager(page))
        publisher = site.publisher
        out.append(
            f'</main>\n<footer><p><small>Published by <a href="{e(str(publisher.url))}">'
            f"{e(publisher.name)}</a>. Place data from GeoNames (CC BY 4.0).</small></p></footer>\n"
            "</body>\n</html>\n"
        )
        return "".join(out)

    @cached_property
    def _style(self) -> str:
        """``_style.html`` as the pages embed it (it has no variables)."""
        return (resources.files("dateline") / "templates" / "_style.html").read_text("utf-8")

    def topic_page(self, topic: Topic, page: IndexPage, articles: Sequence[ArticleSummary]) -> str:
        """One page of a section's, tag's or author's list (numbered as the home
        page's archive: see :func:`archive_split`); ``articles`` are its own.

        Written in code, the same bytes the template ``topic.html`` made (kept as the
        tests' reference in ``tests/data/reference/``): a site with topics renders
        the pages of the topics an article is in at each build where it changed, and
        no list page loads Jinja now."""
        e = escape
        site = self.settings
        name, title = e(topic.name), e(site.title)
        out = [
            self._head,
            f"<title>{name} · {title}{f' · page {page.number}' if page.number else ''}</title>\n"
            f'<link rel="canonical" href="{e(page.here)}">\n',
        ]
        if page.prev:
            out.append(f'<link rel="prev" href="{e(page.prev)}">\n')
        if page.next:
            out.append(f'<link rel="next" href="{e(page.next)}">\n')
        out.append(feed_links(site.title, str(site.base_url), [topic]))
        out.append(self._style)
        out.append(
            f'</head>\n<body>\n<header>\n<p class="kicker"><a href="{e(str(site.base_url))}">'
            f"{title}</a> · {e(topic.label)}</p>\n<h1>{name}</h1>\n"
            f'<p class="meta">Follow {name}: <a href="{e(topic.rss)}">RSS</a> · '
            f'<a href="{e(topic.atom)}">Atom</a> · <a href="{e(topic.json)}">JSON Feed</a></p>\n'
            f'</header>\n<main>\n<ul class="articles">\n{self.items_html(articles)}</ul>\n'
        )
        out.append(_pager(page))
        out.append(f"</main>\n{self._footer('')}")
        return "".join(out)

    def entity_page(
        self,
        entity: Person | Organization | Place,
        articles: Sequence[ArticleSummary],
        jsonld: str,
    ) -> str:
        """A person's, organization's or place's page: what we know, and the stories.

        Written in code, the same bytes the template ``entity.html`` made (kept as the
        tests' reference in ``tests/data/reference/``)."""
        e = escape
        site = self.settings
        name, title = e(entity.name), e(site.title)
        out = [
            self._head,
            f'<title>{name} · {title}</title>\n<link rel="canonical" href="{e(entity.id)}.html">\n',
            feed_links(site.title, str(site.base_url), []),
            self._style,
            f'<script type="application/ld+json">\n{jsonld}\n</script>\n</head>\n<body>\n'
            f'<header>\n<p class="kicker"><a href="{e(str(site.base_url))}">{title}</a> · '
            f"{e(kind_label(entity.type))}</p>\n<h1>{name}</h1>\n",
        ]
        job_title = getattr(entity, "job_title", None)
        if job_title:
            out.append(f'<p class="meta">{e(job_title)}</p>\n')
        if entity.description:
            out.append(f"<p>{e(entity.description)}</p>\n")
        if entity.same_as:
            links = " · ".join(
                f'<a href="{e(url)}" rel="external">{e(_host(url))}</a>' for url in entity.same_as
            )
            out.append(f'<p class="meta">Elsewhere: {links}</p>\n')
        out.append(
            f"</header>\n<main>\n<h2>Stories that name {name}</h2>\n"
            f'<ul class="articles">\n{self.items_html(articles)}</ul>\n</main>\n'
        )
        out.append(self._footer(" Place data from GeoNames (CC BY 4.0)."))
        return "".join(out)

    @cached_property
    def _head(self) -> str:
        """The start of every list page, up to its title."""
        return (
            f'<!DOCTYPE html>\n<html lang="{escape(self.settings.language)}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        )

    def _footer(self, credits: str) -> str:
        publisher = self.settings.publisher
        return (
            f'<footer><p><small>Published by <a href="{escape(str(publisher.url))}">'
            f"{escape(publisher.name)}</a>.{credits}</small></p></footer>\n</body>\n</html>\n"
        )


def _host(url: str) -> str:
    """What ``url.split('/')[2]`` showed in the template: the host of an absolute URL
    (nothing when there is no such part, as Jinja printed an undefined item)."""
    parts = url.split("/")
    return parts[2] if len(parts) > 2 else ""
