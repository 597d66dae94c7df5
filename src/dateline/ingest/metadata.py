"""What a page declares about itself: JSON-LD, microdata, OpenGraph, meta tags.

Precedence, per field, highest first (the README has the same table):

1. JSON-LD: the page's article node (``NewsArticle``, ``Article``, ``BlogPosting``…,
   also in a type list such as ``["Article", "NewsArticle"]``), found in any script or
   in a Yoast-style ``@graph``; ``{"@id": …}`` references (author, publisher, image)
   are followed to the node that describes them;
2. microdata: the article item;
3. OpenGraph (``og:*`` and ``article:*``);
4. plain meta tags (``author``, ``description``, ``keywords``, Twitter cards, Dublin Core);
5. the HTML itself: ``<link rel=canonical>`` (first for the canonical URL, since it is
   what the publisher asks search engines to use), ``<html lang>``, and ``<title>`` with
   the site name cut off, only when nothing else names the headline.

Every value remembers which extractor gave it, for the provenance record.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import extruct
import lxml.html

__all__ = ["ARTICLE_TYPES", "Found", "PageMeta", "read_metadata"]

#: schema.org types of an article node, best first.
ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


@dataclass(frozen=True)
class Found:
    """A value and the extractor it came from (``json-ld``, ``microdata``, ``opengraph``…)."""

    value: Any
    extractor: str


@dataclass
class PageMeta:
    """Everything metadata says about the page; each field is the winner by precedence."""

    fields: dict[str, Found] = field(default_factory=dict)
    #: every value offered, by precedence: dates are checked further down the list
    candidates: dict[str, list[Found]] = field(default_factory=dict)

    def offer(self, name: str, value: Any, extractor: str) -> None:
        """Keep ``value`` unless a higher-precedence extractor already gave this field."""
        if value in (None, "", [], {}):
            return
        self.candidates.setdefault(name, []).append(Found(value, extractor))
        self.fields.setdefault(name, Found(value, extractor))

    def get(self, name: str) -> Any:
        found = self.fields.get(name)
        return None if found is None else found.value

    def source(self, name: str) -> str | None:
        found = self.fields.get(name)
        return None if found is None else found.extractor


#: schema.org types a page may give an author that make it an organization, not a person
_ORGANIZATIONS = frozenset(
    {
        "Organization",
        "NewsMediaOrganization",
        "Corporation",
        "GovernmentOrganization",
        "NGO",
        "EducationalOrganization",
        "OnlineBusiness",
    }
)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k).rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every node object in JSON-LD data: top level, lists, ``@graph``s, nested values."""
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for key, value in data.items():
            if key != "@context":
                yield from _walk(value)


def _article_node(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    best: tuple[int, int] | None = None
    chosen = None
    for index, node in enumerate(nodes):
        ranks = [ARTICLE_TYPES.index(t) for t in _types(node) if t in ARTICLE_TYPES]
        if ranks and (best is None or (min(ranks), index) < best):
            best, chosen = (min(ranks), index), node
    return chosen


class _Graph:
    """The nodes of a page's JSON-LD by ``@id``, to follow references."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        for node in nodes:
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1:
                self.by_id.setdefault(node_id, node)

    def deref(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def many(self, value: Any) -> list[Any]:
        values = value if isinstance(value, list) else [value]
        return [self.deref(v) for v in values if v is not None]


def _text(value: Any) -> str | None:
    """A plain string from a JSON-LD value (a string, ``{"@value"}``, or a one-item list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        # CMSs write entity references into JSON-LD strings ("doesn&#8217;t", "&nbsp;")
        text = " ".join(html.unescape(str(value)).split())
        return text or None
    return None


def _url(value: Any, graph: _Graph, base: str) -> str | None:
    for item in graph.many(value):
        if isinstance(item, str):
            return urljoin(base, item.strip())
        if isinstance(item, dict):
            for key in ("url", "contentUrl", "@id"):
                found = item.get(key)
                if isinstance(found, str) and found.strip():
                    return urljoin(base, found.strip())
    return None


def _names(value: Any, graph: _Graph) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for item in graph.many(value):
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if not name or name.startswith(("http://", "https://")):
            continue
        person = {"name": name}
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            person["url"] = url
        if isinstance(item, dict) and set(_types(item)) & _ORGANIZATIONS:
            person["type"] = "Organization"  # "By Reuters" is not a person named Reuters
        if person not in out:
            out.append(person)
    return out


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        text = _text(item)
        if text:
            words.extend(w.strip() for w in text.split(",") if w.strip())
    return list(dict.fromkeys(words))


def _from_schema(meta: PageMeta, node: dict[str, Any], graph: _Graph, base: str, name: str) -> None:
    """Offer the fields of one schema.org article node (JSON-LD or microdata)."""
    meta.offer("headline", _text(node.get("headline")) or _text(node.get("name")), name)
    meta.offer("description", _text(node.get("description")), name)
    meta.offer("date_published", _text(node.get("datePublished")), name)
    meta.offer("date_modified", _text(node.get("dateModified")), name)
    meta.offer("author", _names(node.get("author"), graph), name)
    section = node.get("articleSection")
    meta.offer(
        "section", _text(section[0] if isinstance(section, list) and section else section), name
    )
    meta.offer("tags", _keywords(node.get("keywords")), name)
    meta.offer("image", _url(node.get("image"), graph, base), name)
    meta.offer("language", _text(node.get("inLanguage")), name)
    meta.offer("canonical", _url(node.get("mainEntityOfPage"), graph, base), name)
    meta.offer("canonical", _url(node.get("url"), graph, base), name)
    free = node.get("isAccessibleForFree")
    meta.offer("free", str(free).lower() if free is not None else None, name)
    body = node.get("articleBody")
    meta.offer("article_body", body if isinstance(body, str) and body.strip() else None, name)
    for publisher in graph.many(node.get("publisher")):
        if isinstance(publisher, dict):
            meta.offer("publisher_name", _text(publisher.get("name")), name)
            meta.offer("publisher_url", _url(publisher.get("url"), graph, base), name)
            meta.offer("publisher_logo", _url(publisher.get("logo"), graph, base), name)
            break
    part = graph.deref(node.get("isPartOf"))
    if isinstance(part, dict) and "WebSite" in _types(part):
        meta.offer("publisher_name", _text(part.get("name")), name)


def _og(items: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        for key, value in item.items():
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            out.setdefault(key, []).extend(str(v) for v in values if isinstance(v, str | int))
    return out


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("name") or element.get("property") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
    return out


def _first(tags: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        if tags.get(name):
            return tags[name][0]
    return None


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _title_without_site(title: str, site: str | None, h1s: list[str] | None = None) -> str:
    """``Headline | Site`` → ``Headline``: drop the part that names the site.

    The part dropped is one that is the site's name (or contains it, ``CNNPolitics``),
    or everything after a leading run of parts that is the page's own ``<h1>``.
    A title with no recognisable site part is kept whole.
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    for cut in range(len(parts) - 1, 0, -1):
        head = title[: _separator_end(title, cut)]
        # the headline is the long part; an <h1> that is the site's logo is not it
        if len(head) * 2 > len(title) and any(_fold(head) == _fold(h1) for h1 in h1s or []):
            return head
    if site:
        folded = _fold(site)
        for index in (len(parts) - 1, 0):
            part = _fold(parts[index])
            if part and folded and (part == folded or folded in part or part in folded):
                kept = parts[:index] + parts[index + 1 :]
                return title if not kept else _join(title, parts, index)
    return title


def _separator_end(title: str, count: int) -> int:
    """Where the ``count``-th separator of ``title`` starts."""
    matches = list(_TITLE_SEPARATORS.finditer(title))
    return matches[count - 1].start()


def _join(title: str, parts: list[str], drop: int) -> str:
    """``title`` without part ``drop`` and the separator next to it, the rest as written."""
    matches = list(_TITLE_SEPARATORS.finditer(title))
    if drop == 0:
        return title[matches[0].end() :]
    return title[: matches[drop - 1].start()]


def _headline_without_site(meta: PageMeta, h1s: list[str]) -> None:
    """Any extractor's headline can carry the site's name: take it off in place."""
    found = meta.fields.get("headline")
    if found is not None:
        cleaned = _title_without_site(found.value, meta.get("publisher_name"), h1s)
        meta.fields["headline"] = Found(cleaned, found.extractor)


def _parse_html(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return lxml.html.document_fromstring("<html></html>")


def _syntax(tree: Any, url: str, name: str) -> list[Any]:
    """One syntax's items; a page that breaks one parser still gives the others.

    Each syntax is read on its own because extruct's ``errors="ignore"`` can still
    fail as a whole (a broken microdata item raised a KeyError for every syntax).
    """
    try:
        found = extruct.extract(
            tree,
            base_url=url,
            syntaxes=[name],
            uniform=True,
            errors="strict",
            with_og_array=True,  # several article:tag values are several tags
        )
    except Exception:  # untrusted markup in a third-party parser: no metadata from it
        return []
    items = found.get(name, [])
    return items if isinstance(items, list) else []


def read_metadata(html: str, url: str) -> PageMeta:
    """Every field the page declares, each from the highest-precedence place that has it."""
    meta = PageMeta()
    tree = _parse_html(html)
    data = {name: _syntax(tree, url, name) for name in ("json-ld", "microdata", "opengraph")}
    for canonical in tree.xpath("//link[@rel][@href]"):
        if "canonical" in canonical.get("rel", "").lower().split():
            meta.offer("canonical", urljoin(url, canonical.get("href").strip()), "link")
            break
    syntaxes: Iterable[tuple[str, Any]] = (
        ("json-ld", data.get("json-ld", [])),
        ("microdata", data.get("microdata", [])),
    )
    for name, found in syntaxes:
        nodes = list(_walk(found))
        graph = _Graph(nodes)
        article = _article_node(nodes)
        if article is not None:
            _from_schema(meta, article, graph, url, name)
        for node in nodes:  # a WebSite or Organization node names the site
            if "WebSite" in _types(node):
                meta.offer("publisher_name", _text(node.get("name")), name)
    og = _og(data.get("opengraph", []))
    meta.offer("headline", _first(og, "og:title"), "opengraph")
    meta.offer("description", _first(og, "og:description"), "opengraph")
    meta.offer("date_published", _first(og, "article:published_time"), "opengraph")
    meta.offer("date_modified", _first(og, "article:modified_time", "og:updated_time"), "opengraph")
    meta.offer("section", _first(og, "article:section"), "opengraph")
    meta.offer("tags", list(dict.fromkeys(og.get("article:tag", []))), "opengraph")
    meta.offer("image", _first(og, "og:image", "og:image:url", "og:image:secure_url"), "opengraph")
    meta.offer("canonical", _first(og, "og:url"), "opengraph")
    meta.offer("publisher_name", _first(og, "og:site_name"), "opengraph")
    locale = _first(og, "og:locale")
    meta.offer("language", locale.replace("_", "-") if locale else None, "opengraph")
    authors = [a for a in og.get("article:author", []) if not a.startswith(("http://", "https://"))]
    meta.offer("author", [{"name": a} for a in dict.fromkeys(authors)], "opengraph")

    tags = _meta_tags(tree)
    meta.offer("headline", _first(tags, "twitter:title", "dc.title", "dcterms.title"), "meta")
    meta.offer("description", _first(tags, "description", "twitter:description"), "meta")
    meta.offer(
        "date_published",
        _first(
            tags,
            "article:published_time",
            "datepublished",
            "publish-date",
            "pubdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "dcterms.date",
            "sailthru.date",
            "parsely-pub-date",
        ),
        "meta",
    )
    meta.offer("date_modified", _first(tags, "article:modified_time", "datemodified"), "meta")
    author = _first(tags, "author", "article:author", "dc.creator", "parsely-author", "byl")
    if author and not author.startswith(("http://", "https://")):
        name = re.sub(r"^by\s+", "", author, flags=re.I)
        meta.offer("author", [{"name": name}], "meta")
    meta.offer("section", _first(tags, "article:section", "section"), "meta")
    meta.offer("tags", _keywords(_first(tags, "news_keywords", "keywords")), "meta")
    meta.offer("image", _first(tags, "twitter:image", "twitter:image:src"), "meta")
    meta.offer("publisher_name", _first(tags, "application-name", "og:site_name"), "meta")
    meta.offer("language", _first(tags, "language", "content-language", "dc.language"), "meta")

    # <time datetime> last: only used to add the time to a date metadata gave (dates.py)
    for time in tree.xpath("//time[@datetime]")[:3]:
        meta.offer("date_published", time.get("datetime").strip(), "time")

    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    meta.offer("language", lang.strip() if lang else None, "html")
    titles = tree.xpath("//title/text()")
    if titles:
        title = " ".join(str(titles[0]).split())
        meta.offer("headline", title, "title")
    h1s = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")[:3]]
    _headline_without_site(meta, h1s)
    return meta
