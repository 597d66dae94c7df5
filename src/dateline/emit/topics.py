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

from dateline.emit.feeds import render_atom, render_rss
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.model.article import ArticleGraph
from dateline.model.entities import Person
from dateline.model.ids import key_for
from dateline.settings import Settings

__all__ = ["Topic", "group_by_topic", "render_topic_feeds", "topics_of"]

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


def topics_of(settings: Settings, graph: ArticleGraph) -> list[Topic]:
    """The topics an article belongs to, among the kinds the settings turn on."""
    article = graph.article
    base = settings.base_url
    names: list[tuple[str, str]] = []
    if "section" in settings.topic_feeds and article.article_section:
        names.append(("section", article.article_section))
    if "tag" in settings.topic_feeds:
        names.extend(("tag", tag) for tag in article.keywords)
    if "author" in settings.topic_feeds:
        for ref in article.author:
            node = graph.node(ref.id)
            if isinstance(node, Person):
                names.append(("author", node.name))
    seen: dict[tuple[str, str], Topic] = {}
    for kind, name in names:
        topic = Topic(kind, key_for(name), name, base)
        seen.setdefault((kind, topic.key), topic)
    return list(seen.values())


def group_by_topic(
    settings: Settings, items: Sequence[tuple[ArticleGraph, str]]
) -> dict[Topic, list[tuple[ArticleGraph, str]]]:
    """Topic → its articles, in the order given (newest first). Two spellings of one
    name ("World", "world") share a key and so one topic, named as first seen."""
    groups: dict[tuple[str, str], tuple[Topic, list[tuple[ArticleGraph, str]]]] = {}
    for item in items:
        for topic in topics_of(settings, item[0]):
            groups.setdefault((topic.kind, topic.key), (topic, []))[1].append(item)
    return dict(sorted(groups.values()))


def render_topic_feeds(
    settings: Settings, topic: Topic, items: Sequence[tuple[ArticleGraph, str]]
) -> dict[str, bytes]:
    """A topic's three feeds, by path relative to the output folder."""
    items = items[: settings.max_items]
    title = topic.title(settings.title)
    return {
        topic.folder + "rss.xml": render_rss(settings, items, topic.rss, title, topic.page),
        topic.folder + "atom.xml": render_atom(settings, items, topic.atom, title, topic.page),
        topic.folder + "feed.json": render_jsonfeed(settings, items, topic.json, title, topic.page),
    }
