"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written from the models.

Each item carries an ``_jsonld`` extension object pointing at its JSON-LD
document, as the spec's extension mechanism prescribes (underscore key, object
value with an ``about`` URL saying what the extension is).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.emit.feeds import FeedItem, as_datetime
from dateline.emit.urls import FeedUrls
from dateline.settings import Settings

if TYPE_CHECKING:  # summary.py needs the page helpers that need this module
    from dateline.emit.summary import ArticleSummary

__all__ = ["JSONLD_EXTENSION_ABOUT", "render_jsonfeed"]

VERSION = "https://jsonfeed.org/version/1.1"
JSONLD_EXTENSION_ABOUT = "https://www.w3.org/TR/json-ld11/"


def _item(article: ArticleSummary, body: str) -> dict[str, Any]:
    authors = []
    for byline in article.authors:
        author = {"name": byline.name}
        if byline.url:
            author["url"] = byline.url
        authors.append(author)
    item: dict[str, Any] = {
        "id": article.url,
        "url": article.url,
        "title": article.headline,
        "content_html": body,
        "date_published": as_datetime(article.date_published).isoformat(),
    }
    if article.description:
        item["summary"] = article.description
    if article.date_modified:
        item["date_modified"] = as_datetime(article.date_modified).isoformat()
    if authors:
        item["authors"] = authors
    tags = [*([article.section] if article.section else []), *article.keywords]
    if tags:
        item["tags"] = tags
    item["language"] = article.in_language
    if article.image:
        item["image"] = article.image
    item["_jsonld"] = {"about": JSONLD_EXTENSION_ABOUT, "url": article.graph_url}
    return item


def render_jsonfeed(
    settings: Settings,
    articles: Sequence[FeedItem],
    self_url: str | None = None,
    title: str | None = None,
    home_url: str | None = None,
) -> bytes:
    """The site's JSON Feed, or with ``self_url``/``title``/``home_url`` a section's or tag's."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": title or settings.title,
        "home_page_url": home_url or settings.base_url,
        "feed_url": self_url or FeedUrls.for_site(settings.base_url).json,
    }
    if settings.description:
        feed["description"] = settings.description
    feed["language"] = settings.language
    if settings.hubs:  # WebSub, as JSON Feed 1.1 spells it
        feed["hubs"] = [{"type": "WebSub", "url": hub} for hub in settings.hubs]
    feed["authors"] = [{"name": settings.publisher.name, "url": settings.publisher.url}]
    feed["items"] = [_item(a, body) for a, body in articles]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
