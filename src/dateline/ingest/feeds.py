"""Reading the items of an RSS, Atom or JSON Feed: each item's link and guid.

XML feeds are parsed with lxml with entity resolution, DTD loading and network
access all off, so a hostile feed cannot read local files or call out (XXE) or
expand entities without bound ("billion laughs"). JSON Feed is plain JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from dateline.ingest.errors import IngestError

__all__ = ["FeedItem", "read_feed"]

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"


@dataclass(frozen=True)
class FeedItem:
    """One entry: the page to add, and the id that says it was added before."""

    link: str
    guid: str | None = None
    title: str | None = None
    #: the item's date as the feed prints it (RFC 822 or ISO 8601), with its zone
    published: str | None = None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, recover=False
    )


def _text(element: Any) -> str | None:
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None


def _http(link: str | None, base: str) -> str | None:
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    return absolute if absolute.startswith(("http://", "https://")) else None


def _rss(root: Any, base: str) -> list[FeedItem]:
    items = []
    for item in root.iter("item", f"{_RSS1}item"):
        link = _text(item.find("link")) or _text(item.find(f"{_RSS1}link"))
        guid_el = item.find("guid")
        guid = _text(guid_el) or item.get(f"{_RDF}about")
        if link is None and guid_el is not None and guid_el.get("isPermaLink", "true") != "false":
            link = guid
        url = _http(link, base)
        published = _text(item.find("pubDate")) or _text(item.find(f"{_DC}date"))
        if url:
            items.append(FeedItem(url, guid, _text(item.find("title")), published))
    return items


def _atom(root: Any, base: str) -> list[FeedItem]:
    items = []
    for entry in root.iter(f"{_ATOM}entry"):
        link = None
        for candidate in entry.findall(f"{_ATOM}link"):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate.get("href")
                break
        url = _http(link, base)
        published = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
        if url:
            items.append(
                FeedItem(
                    url,
                    _text(entry.find(f"{_ATOM}id")),
                    _text(entry.find(f"{_ATOM}title")),
                    published,
                )
            )
    return items


def _jsonfeed(data: Any, base: str) -> list[FeedItem]:
    items = []
    for item in data.get("items", []) if isinstance(data, dict) else []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        url = _http(link if isinstance(link, str) else None, base)
        if url:
            guid = item.get("id")
            title = item.get("title")
            published = item.get("date_published")
            items.append(
                FeedItem(
                    url,
                    str(guid) if guid is not None else None,
                    title if isinstance(title, str) else None,
                    published if isinstance(published, str) else None,
                )
            )
    return items


def read_feed(data: bytes, url: str, content_type: str = "") -> list[FeedItem]:
    """The items of the feed at ``url``, in feed order; raises ``feed_invalid``."""
    stripped = data.lstrip()
    if content_type.endswith("json") or stripped.startswith(b"{"):
        try:
            parsed = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise IngestError(f"not valid JSON: {exc}", url=url, code="feed_invalid") from exc
        if not isinstance(parsed, dict) or "items" not in parsed:
            raise IngestError("a JSON Feed has an 'items' list", url=url, code="feed_invalid")
        return _jsonfeed(parsed, url)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"not well-formed XML: {exc}", url=url, code="feed_invalid") from exc
    tag = etree.QName(root).localname
    if root.tag == f"{_ATOM}feed":
        return _atom(root, url)
    if tag in ("rss", "RDF"):
        return _rss(root, url)
    raise IngestError(f"<{tag}> is not an RSS, Atom or JSON feed", url=url, code="feed_invalid")
