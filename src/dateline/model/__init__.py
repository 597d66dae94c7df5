"""schema.org models: the single source of truth every output is rendered from."""

from dateline.model.article import ArticleGraph, NewsArticle, SiteGraph, WebSite
from dateline.model.base import Node, Ref, SchemaModel
from dateline.model.entities import (
    GeoCoordinates,
    ImageObject,
    Organization,
    Person,
    Place,
    PostalAddress,
)
from dateline.model.event import Event

__all__ = [
    "ArticleGraph",
    "Event",
    "GeoCoordinates",
    "ImageObject",
    "NewsArticle",
    "Node",
    "Organization",
    "Person",
    "Place",
    "PostalAddress",
    "Ref",
    "SchemaModel",
    "SiteGraph",
    "WebSite",
]

#: Every schema.org model, for the JSON-LD context and the JSON Schemas.
SCHEMA_MODELS: tuple[type[SchemaModel], ...] = (
    NewsArticle,
    Event,
    Person,
    Organization,
    Place,
    GeoCoordinates,
    PostalAddress,
    ImageObject,
    WebSite,
)
