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
from typing import Any

from markupsafe import escape

from dateline.emit.html import PageRenderer, kind_label
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


def list_item(item: dict[str, Any]) -> str:
    """One article of a list (``<li>``), from :meth:`ListRenderer.item`: the markup the
    Jinja loop of ``_list.html`` made (kept as the tests' reference in
    ``tests/data/reference/_list.html``), the same bytes, made in code. A site's
    index, topic and entity pages list every article several times over (a full
    build of 10,000 articles renders ~50,000 items), and the template's loop cost
    several times this."""
    e = escape
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
        self.env = pages.env
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
        page carries the site graph (``jsonld``) and feed autodiscovery."""
        return self.env.get_template("index.html").render(
            site=self.settings,
            feeds=self.feeds,
            jsonld=jsonld,
            items=self.items_html(articles),
            page=page,
            canonical=page.here,
            topics=[t for t in sections if t.kind == "section"],
        )

    def topic_page(self, topic: Topic, page: IndexPage, articles: Sequence[ArticleSummary]) -> str:
        """One page of a section's, tag's or author's list (numbered as the home
        page's archive: see :func:`archive_split`); ``articles`` are its own."""
        return self.env.get_template("topic.html").render(
            site=self.settings,
            feeds=self.feeds,
            topic=topic,
            title=topic.title(self.settings.title),
            items=self.items_html(articles),
            page=page,
        )

    def entity_page(
        self,
        entity: Person | Organization | Place,
        articles: Sequence[ArticleSummary],
        jsonld: str,
    ) -> str:
        """A person's, organization's or place's page: what we know, and the stories."""
        return self.env.get_template("entity.html").render(
            site=self.settings,
            feeds=self.feeds,
            entity=entity,
            kind=kind_label(entity.type),
            job_title=getattr(entity, "job_title", None),
            same_as=entity.same_as,
            jsonld=jsonld,
            items=self.items_html(articles),
        )
