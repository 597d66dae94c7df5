"""The NewsArticle, the site it belongs to, and the graphs that hold them.

A graph model holds every node one JSON-LD document describes. Links between
nodes are :class:`~dateline.model.base.Ref` objects; the graph validator checks
that each one resolves, so no output can point at a node nobody describes.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from dateline.model.base import Node, Ref
from dateline.model.entities import ImageObject, Organization, Person, Place
from dateline.model.event import Event
from dateline.model.types import AbsoluteUrl, LanguageTag, Line, Published, Term

__all__ = ["ArticleGraph", "GraphNode", "NewsArticle", "SiteGraph", "WebSite"]


class NewsArticle(Node):
    schema_types: ClassVar[tuple[str, ...]] = ("NewsArticle",)

    type: Literal["NewsArticle"] = Field(default="NewsArticle", alias="@type")
    url: AbsoluteUrl
    main_entity_of_page: AbsoluteUrl
    headline: Line
    description: str | None = None
    date_published: Published
    date_modified: Published | None = None
    dateline: str | None = None
    article_body: str = Field(min_length=1)
    word_count: int = Field(ge=1)
    in_language: LanguageTag
    article_section: str | None = None
    keywords: list[str] = Field(default_factory=list)
    # The official context types these as IRIs; a node object is still a node.
    image: Annotated[list[ImageObject], Term("@id")] = Field(default_factory=list)
    author: list[Ref] = Field(default_factory=list)
    # a wire story's agency ("LONDON (Reuters) -") and the people its credit line names
    source_organization: Ref | None = None
    contributor: list[Ref] = Field(default_factory=list)
    editor: list[Ref] = Field(default_factory=list)
    publisher: Ref
    location_created: Ref | None = None
    about: list[Ref] = Field(default_factory=list)
    mentions: list[Ref] = Field(default_factory=list)
    is_part_of: Annotated[Ref, Term("@id")]
    is_based_on: AbsoluteUrl | None = None


class WebSite(Node):
    schema_types: ClassVar[tuple[str, ...]] = ("WebSite",)

    type: Literal["WebSite"] = Field(default="WebSite", alias="@type")
    url: AbsoluteUrl
    name: Line
    description: str | None = None
    in_language: LanguageTag
    publisher: Ref
    has_part: list[Ref] = Field(default_factory=list)


GraphNode = Annotated[Event | Person | Organization | Place, Field(discriminator="type")]


class ArticleGraph(Node):
    """One article's JSON-LD document: the NewsArticle first, then what it links to.

    ``id`` is the document's own URL (the ``.jsonld`` file), ``slug`` names its files.
    """

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    article: NewsArticle
    nodes: list[GraphNode] = Field(default_factory=list)
    #: not part of the JSON-LD: an editor's draft is checked but never published
    draft: bool = False
    #: not part of the JSON-LD: ``@id``s of nodes enrichment inferred (no editor wrote
    #: them), so cross-article checks can tell an inference from an editor's word
    inferred: frozenset[str] = frozenset()
    #: not part of the JSON-LD: the IANA zone the article's times are told in, by name
    timezone: str | None = None

    def graph(self) -> list[dict[str, Any]]:
        return [self.article.jsonld(), *(n.jsonld() for n in self.nodes)]

    def holds_floats(self) -> bool:
        """Whether the graph's JSON-LD holds a float: only a place's coordinates are
        floats (a test checks every model's fields)."""
        return any(isinstance(node, Place) and node.geo is not None for node in self.nodes)

    def events(self) -> list[Event]:
        return [n for n in self.nodes if isinstance(n, Event)]

    def node(self, node_id: str) -> Node | None:
        if node_id == self.article.id:
            return self.article
        for node in self.nodes:  # a loop, not next() of a generator closed early
            if node.id == node_id:
                return node
        return None


class SiteGraph(Node):
    """``index.jsonld``: the WebSite, its publisher, and a summary node per article."""

    website: WebSite
    publisher: Organization
    articles: list[NewsArticle] = Field(default_factory=list)

    def graph(self) -> list[dict[str, Any]]:
        keep = ("@id", "@type", "url", "headline", "datePublished", "dateModified", "inLanguage")
        summaries = [{k: v for k, v in a.jsonld().items() if k in keep} for a in self.articles]
        return [self.website.jsonld(), self.publisher.jsonld(), *summaries]
