"""One fetched HTML page → the article it holds: metadata, body and date, with provenance.

This is the pure part of ``dateline add`` (no network, no files), so the
evaluation runs exactly this on saved pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from dateline.ingest.body import extract_body
from dateline.ingest.dates import FoundDate, parse_date, publication_date
from dateline.ingest.metadata import read_metadata
from dateline.model.types import MAX_YEAR, MIN_YEAR, absolute_url

__all__ = ["Extracted", "extract_page", "is_aware", "refusal"]

#: a paywalled page with fewer words than this holds a teaser, not the article
TEASER_WORDS = 150

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_BYLINE = re.compile(r"^(?:by|von|par|por)\s+", re.I)


@dataclass(frozen=True)
class Extracted:
    """What a page says about its article, ready to become front matter."""

    headline: str | None
    paragraphs: tuple[str, ...]
    date: FoundDate | None
    canonical: str
    meta: dict[str, Any] = field(default_factory=dict)
    #: field → extractor that produced it
    extractors: dict[str, str] = field(default_factory=dict)
    #: the page says it is not free to read (``isAccessibleForFree: false``)
    paywalled: bool = False

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _url_or_none(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return absolute_url(value)
    except ValueError:
        return None


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def extract_page(
    html: str, url: str, zone: str | None = None, feed_date: str | None = None
) -> Extracted:
    """Read the page's metadata, body and date; ``zone`` is the publisher's, if known.

    ``feed_date`` is the date the feed gave the item: it counts after everything the
    page declares, before htmldate (a feed's date has its zone, htmldate's has none).
    """
    found = read_metadata(html, url)
    meta: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def put(key: str, value: Any, name: str) -> None:
        if value not in (None, "", [], {}):
            meta[key] = value
            source = found.source(name)
            if source:
                sources[key] = source

    canonical = _url_or_none(found.get("canonical")) or url
    if found.source("canonical"):
        sources["source"] = found.source("canonical") or ""
    headline = found.get("headline")
    if headline:
        sources["title"] = found.source("headline") or ""
    put("summary", found.get("description"), "description")
    authors = []
    for author in found.get("author") or []:
        name = _BYLINE.sub("", author["name"]).strip()
        if name and len(name) <= 120:
            entry = {"name": name}
            if _url_or_none(author.get("url")):
                entry["url"] = author["url"]
            if author.get("type") == "Organization":
                entry["type"] = "Organization"
            authors.append(entry)
    put("author", authors, "author")
    put("section", found.get("section"), "section")
    put("tags", found.get("tags"), "tags")
    put("image", _url_or_none(found.get("image")), "image")
    language = str(found.get("language") or "").replace("_", "-")
    put("language", language if _LANGUAGE.match(language) else None, "language")
    publisher_name = found.get("publisher_name")
    if publisher_name:
        publisher: dict[str, str] = {
            "name": publisher_name,
            "url": _url_or_none(found.get("publisher_url")) or _origin(canonical),
        }
        if logo := _url_or_none(found.get("publisher_logo")):
            publisher["logo"] = logo
        meta["publisher"] = publisher
        sources["publisher"] = found.source("publisher_name") or ""
    updated = found.get("date_modified")
    date = publication_date(
        [
            *((str(c.value), c.extractor) for c in found.candidates.get("date_published", [])),
            *([(feed_date, "feed")] if feed_date else []),
        ],
        html,
        url,
        zone,
    )
    if date is not None:
        sources["date"] = date.extractor
        if updated:
            modified = parse_date(updated, zone)
            if (
                modified is not None
                and type(modified) is type(date.value)
                and MIN_YEAR <= modified.year <= MAX_YEAR
                and modified >= date.value
            ):
                meta["updated"] = modified
                sources["updated"] = found.source("date_modified") or ""
    body = extract_body(html, url, found.get("article_body"))
    paragraphs = body.paragraphs if body else ()
    if paragraphs and headline and _fold(paragraphs[0]) == _fold(headline):
        paragraphs = paragraphs[1:]  # the page's <h1>: the headline, not the body
    if body is not None:
        sources["body"] = body.extractor
    return Extracted(
        headline=headline,
        paragraphs=paragraphs,
        date=date,
        canonical=canonical,
        meta=meta,
        extractors=dict(sorted(sources.items())),
        paywalled=found.get("free") in ("false", "no", "0"),
    )


def is_aware(value: dt.datetime | dt.date | None) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None


def refusal(article: Extracted) -> tuple[str, str, str] | None:
    """Why this page cannot become an article that builds, as (code, message, hint).

    ``dateline add`` writes only what will build; for anything else it says why.
    """
    if article.paywalled and len(article.body.split()) < TEASER_WORDS:
        return (
            "paywalled",
            "the page is behind a paywall: only a teaser is readable",
            "add it from a copy you may republish",
        )
    if not article.paragraphs:
        return (
            "no_article",
            "no article text found on the page (a paywall, or not an article)",
            "save the text by hand as a .md file if you may republish it",
        )
    if not article.headline:
        return ("no_headline", "the page names no headline", "save it by hand as a .md file")
    if article.date is None:
        return (
            "no_date",
            "the page gives no publication date, in metadata or in its text",
            "save it by hand as a .md file with a 'date'",
        )
    return None
