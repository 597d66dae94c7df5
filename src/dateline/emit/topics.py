"""Sections, tags and authors: each gets a page and its own RSS, Atom and JSON Feed.

A reader who follows only "World" should not have to filter the whole site's
feed. Which groupings get feeds is a setting (``topic_feeds``; sections by
default). A topic lives in one folder, ``<kind>/<key>/``, holding ``index.html``,
``rss.xml``, ``atom.xml`` and ``feed.json``, so its URLs are predictable from its
name and the feeds are found by autodiscovery on its page and on every article
that belongs to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.emit.feeds import FeedItem, render_atom, render_rss
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.model.article import ArticleGraph
from dateline.model.entities import Person
from dateline.model.ids import key_for
from dateline.settings import Settings

if TYPE_CHECKING:  # summary.py needs the page helpers that need this module
    from dateline.emit.summary import ArticleSummary

__all__ = ["Topic", "group_by_topic", "render_topic_feeds", "summary_topics", "topics_of"]

_LABELS = {"section": "Section", "tag": "Tag", "author": "Author"}


@dataclass(frozen=True, order=True)
class Topic:
    """A section, tag or author by name, and where its page and feeds are."""

    kind: str
    key: str
    name: str
    base_url: str

    @property
    def folder(self) -> str:
        return f"{self.kind}/{self.key}/"

    @property
    def page(self) -> str:
        return self.base_url + self.folder

    @property
    def rss(self) -> str:
        return self.page + "rss.xml"

    @property
    def atom(self) -> str:
        return self.page + "atom.xml"

    @property
    def json(self) -> str:
        return self.page + "feed.json"

    def title(self, site_title: str) -> str:
        return f"{site_title}: {self.name}"

    @property
    def label(self) -> str:
        return _LABELS[self.kind]


def _topics(
    settings: Settings, section: str | None, tags: Sequence[str], authors: Sequence[str]
) -> list[Topic]:
    base = settings.base_url
    names: list[tuple[str, str]] = []
    if "section" in settings.topic_feeds and section:
        names.append(("section", section))
    if "tag" in settings.topic_feeds:
        names.extend(("tag", tag) for tag in tags)
    if "author" in settings.topic_feeds:
        names.extend(("author", name) for name in authors)
    seen: dict[tuple[str, str], Topic] = {}
    for kind, name in names:
        topic = Topic(kind, key_for(name), name, base)
        seen.setdefault((kind, topic.key), topic)
    return list(seen.values())


def topics_of(settings: Settings, graph: ArticleGraph) -> list[Topic]:
    """The topics an article belongs to, among the kinds the settings turn on."""
    article = graph.article
    people = [graph.node(ref.id) for ref in article.author]
    authors = [node.name for node in people if isinstance(node, Person)]
    return _topics(settings, article.article_section, article.keywords, authors)


def summary_topics(settings: Settings, summary: ArticleSummary) -> list[Topic]:
    """:func:`topics_of`, from an article's summary."""
    authors = [a.name for a in summary.authors if a.person]
    return _topics(settings, summary.section, summary.keywords, authors)


def group_by_topic(
    settings: Settings, articles: Sequence[ArticleSummary]
) -> dict[Topic, list[ArticleSummary]]:
    """Topic → its articles, in the order given (newest first). Two spellings of one
    name ("World", "world") share a key and so one topic, named as first seen."""
    groups: dict[tuple[str, str], tuple[Topic, list[ArticleSummary]]] = {}
    for article in articles:
        for topic in summary_topics(settings, article):
            groups.setdefault((topic.kind, topic.key), (topic, []))[1].append(article)
    return dict(sorted(groups.values()))


def render_topic_feeds(
    settings: Settings, topic: Topic, items: Sequence[FeedItem]
) -> dict[str, bytes]:
    """A topic's three feeds, by path relative to the output folder."""
    items = items[: settings.max_items]
    title = topic.title(settings.title)
    return {
        topic.folder + "rss.xml": render_rss(settings, items, topic.rss, title, topic.page),
        topic.folder + "atom.xml": render_atom(settings, items, topic.atom, title, topic.page),
        topic.folder + "feed.json": render_jsonfeed(settings, items, topic.json, title, topic.page),
    }
