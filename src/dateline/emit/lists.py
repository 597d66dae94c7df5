"""The list pages: the paged home page, topic pages and entity pages, from summaries.

Each lists articles (headline, date, dateline, summary, section) and needs
nothing of an article but its :class:`~dateline.emit.summary.ArticleSummary`, so a
site of any size renders them without loading a single article graph. They share
the templates and the template environment of the article pages
(:class:`~dateline.emit.html.PageRenderer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.emit.html import Page, PageRenderer, kind_label
from dateline.emit.summary import ArticleSummary
from dateline.emit.topics import Topic, summary_topics
from dateline.emit.urls import FeedUrls
from dateline.model.entities import Organization, Person, Place

__all__ = ["ListRenderer", "page_count"]


def page_count(articles: int, size: int) -> int:
    """Pages of ``size`` articles a list of ``articles`` takes (an empty list: one page)."""
    return max(1, -(-articles // size))


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

    def index_page(
        self,
        number: int,
        count: int,
        articles: Sequence[ArticleSummary],
        sections: Sequence[Topic],
        jsonld: str | None,
    ) -> str:
        """Page ``number`` of ``count`` of the home page: ``articles`` are its own; the
        first page carries the site graph (``jsonld``) and feed autodiscovery."""
        page = Page(number, count, self.settings.base_url)
        return self.env.get_template("index.html").render(
            site=self.settings,
            feeds=self.feeds,
            jsonld=jsonld,
            articles=[self.item(a) for a in articles],
            page=page,
            canonical=page.url(number),
            topics=[t for t in sections if t.kind == "section"],
        )

    def topic_pages(self, topic: Topic, articles: Sequence[ArticleSummary]) -> dict[str, str]:
        """A section's, tag's or author's pages: its articles, ``page_size`` to a page;
        by path relative to the output folder."""
        size = self.settings.page_size
        count = page_count(len(articles), size)
        out = {}
        for number in range(1, count + 1):
            page = Page(number, count, self.settings.base_url, topic.folder)
            members = articles[(number - 1) * size : number * size]
            out[Page.path(number, topic.folder)] = self.env.get_template("topic.html").render(
                site=self.settings,
                feeds=self.feeds,
                topic=topic,
                title=topic.title(self.settings.title),
                articles=[self.item(a) for a in members],
                page=page,
            )
        return out

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
            articles=[self.item(a) for a in articles],
        )
