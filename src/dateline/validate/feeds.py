"""Feed rules beyond well-formedness, checked on the bytes a build is about to write.

RSS 2.0 and Atom 1.0 are parsed with a parser that resolves no entity and fetches
nothing; JSON Feed is validated against the JSON Schema written from the 1.1 spec.
What is checked is what feed readers trip over: duplicate or missing ids, dates
without zones, relative URLs (readers show items away from the site), a channel
link pointing at the feed itself, duplicate alternate links, and size (Miniflux
refuses feeds over 15 MiB).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from dateline.errors import Finding

__all__ = ["MAX_FEED_BYTES", "check_atom", "check_jsonfeed", "check_rss", "safe_xml_parser"]

#: Miniflux, a popular reader, refuses larger feeds; others time out well before.
MAX_FEED_BYTES = 15 * 1024 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "jsonfeed-1.1.schema.json"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def safe_xml_parser() -> etree.XMLParser:
    """No entities resolved, no DTD loaded, no network: an XML bomb or an external
    entity in a feed can neither expand nor fetch."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https", "mailto") and bool(
        parts.netloc or parts.scheme == "mailto"
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)


def _content_urls(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.urls


def _size(data: bytes, path: Path) -> list[Finding]:
    if len(data) > MAX_FEED_BYTES:
        return [
            Finding(
                "feed_too_large",
                f"{len(data):,} bytes; Miniflux refuses feeds over {MAX_FEED_BYTES:,}",
                path,
                hint="lower max_items in dateline.toml",
            )
        ]
    return []


def _duplicates(ids: Iterable[str], path: Path, what: str) -> list[Finding]:
    counts = Counter(ids)
    return [
        Finding(f"duplicate_{what}", f"{what} {value!r} appears {n} times", path)
        for value, n in sorted(counts.items())
        if n > 1
    ]


def _parse(data: bytes, path: Path) -> tuple[Any, list[Finding]]:
    try:
        return etree.fromstring(data, safe_xml_parser()), []
    except etree.XMLSyntaxError as exc:
        return None, [Finding("feed_not_xml", f"not well-formed XML: {exc}", path)]


def check_rss(data: bytes, path: Path, site_url: str, self_url: str) -> list[Finding]:
    root, out = _parse(data, path)
    if root is None:
        return out
    out.extend(_size(data, path))
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return [*out, Finding("rss_structure", "not an RSS 2.0 document with a channel", path)]
    for required in ("title", "link", "description"):
        if not (channel.findtext(required) or "").strip():
            out.append(Finding("rss_missing", f"channel has no <{required}>", path))
    if channel.findtext("link") != site_url:
        out.append(
            Finding(
                "channel_link_not_site",
                f"channel <link> is {channel.findtext('link')!r}, not the site {site_url!r}",
                path,
            )
        )
    selfs = [a.get("href") for a in channel.findall(f"{ATOM}link") if a.get("rel") == "self"]
    if selfs != [self_url]:
        out.append(Finding("self_link", f"atom:link rel=self is {selfs}, not [{self_url!r}]", path))
    guids = []
    for item in channel.findall("item"):
        guid = item.findtext("guid")
        title = item.findtext("title") or guid or "?"
        if not guid:
            out.append(Finding("missing_guid", f"item {title!r} has no guid", path))
        else:
            guids.append(guid)
        date = item.findtext("pubDate")
        try:
            parsed = email.utils.parsedate_to_datetime(date or "")
        except (TypeError, ValueError):
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            out.append(
                Finding(
                    "bad_date", f"item {title!r}: pubDate {date!r} is not RFC 822 with a zone", path
                )
            )
        for url in [
            item.findtext("link"),
            *_content_urls(item.findtext(f"{CONTENT}encoded") or ""),
        ]:
            if not _absolute(url):
                out.append(
                    Finding("relative_url", f"item {title!r}: {url!r} is not absolute", path)
                )
    out.extend(_duplicates(guids, path, "guid"))
    return out


def _rfc3339(value: str | None) -> bool:
    if not value or not _RFC3339.match(value):
        return False
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def check_atom(data: bytes, path: Path, site_url: str, self_url: str) -> list[Finding]:
    root, out = _parse(data, path)
    if root is None:
        return out
    out.extend(_size(data, path))
    if root.tag != f"{ATOM}feed":
        return [*out, Finding("atom_structure", "not an Atom 1.0 feed", path)]
    for required in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{required}") or "").strip():
            out.append(Finding("atom_missing", f"feed has no <{required}>", path))
    if not _rfc3339(root.findtext(f"{ATOM}updated")):
        out.append(Finding("bad_date", "feed <updated> is not RFC 3339 with a zone", path))
    feed_author = root.find(f"{ATOM}author") is not None
    selfs = [a.get("href") for a in root.findall(f"{ATOM}link") if a.get("rel") == "self"]
    if selfs != [self_url]:
        out.append(Finding("self_link", f"link rel=self is {selfs}, not [{self_url!r}]", path))
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        label = entry.findtext(f"{ATOM}title") or entry_id or "?"
        for required in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{required}") or "").strip():
                out.append(Finding("atom_missing", f"entry {label!r} has no <{required}>", path))
        ids.append(entry_id)
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            if value is not None and not _rfc3339(value):
                out.append(
                    Finding(
                        "bad_date", f"entry {label!r}: <{name}> {value!r} is not RFC 3339", path
                    )
                )
        if not feed_author and entry.find(f"{ATOM}author") is None:
            out.append(Finding("atom_missing", f"entry {label!r} has no author", path))
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternates) != len(set(alternates)):
            out.append(
                Finding(
                    "duplicate_alternate",
                    f"entry {label!r} has two alternate links of one type",
                    path,
                )
            )
        urls = [link.get("href") for link in entry.findall(f"{ATOM}link")]
        content = entry.find(f"{ATOM}content")
        if content is not None and content.get("type") == "html":
            urls.extend(_content_urls(content.text or ""))
        for url in urls:
            if not _absolute(url):
                out.append(
                    Finding("relative_url", f"entry {label!r}: {url!r} is not absolute", path)
                )
    out.extend(_duplicates(ids, path, "id"))
    return out


def check_jsonfeed(data: bytes, path: Path) -> list[Finding]:
    out = _size(data, path)
    try:
        feed = json.loads(data)
    except ValueError as exc:
        return [*out, Finding("feed_not_json", f"not JSON: {exc}", path)]
    # jsonschema costs ~130 ms to import: loaded where a JSON Feed is checked, not by
    # every build (an incremental one whose feeds did not change checks none)
    import jsonschema  # noqa: PLC0415

    schema = json.loads(_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for error in sorted(validator.iter_errors(feed), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        out.append(Finding("jsonfeed_schema", f"{where}: {error.message}", path))
    items = feed.get("items", []) if isinstance(feed, dict) else []
    out.extend(_duplicates((str(i.get("id")) for i in items if isinstance(i, dict)), path, "id"))
    return out
