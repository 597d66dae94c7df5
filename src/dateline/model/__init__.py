"""schema.org models: the single source of truth every output is rendered from."""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

    #: Every schema.org model, for the JSON-LD context and the JSON Schemas.
    SCHEMA_MODELS: tuple[type[SchemaModel], ...]

__all__ = [
    "SCHEMA_MODELS",
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

#: Where each model lives. They load on first use (PEP 562): :mod:`dateline.settings`
#: needs one small module of this package, and a no-op build none of the models.
_HOMES = MappingProxyType(
    {
        **dict.fromkeys(("ArticleGraph", "NewsArticle", "SiteGraph", "WebSite"), "article"),
        **dict.fromkeys(("Node", "Ref", "SchemaModel"), "base"),
        **dict.fromkeys(
            (
                "GeoCoordinates",
                "ImageObject",
                "Organization",
                "Person",
                "Place",
                "PostalAddress",
            ),
            "entities",
        ),
        "Event": "event",
    }
)


def _schema_models() -> tuple[type[SchemaModel], ...]:
    """Every schema.org model, for the JSON-LD context and the JSON Schemas."""
    from dateline.model.article import NewsArticle, WebSite  # noqa: PLC0415 - see _HOMES
    from dateline.model.entities import (  # noqa: PLC0415 - see _HOMES
        GeoCoordinates,
        ImageObject,
        Organization,
        Person,
        Place,
        PostalAddress,
    )
    from dateline.model.event import Event  # noqa: PLC0415 - see _HOMES

    return (
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


def __getattr__(name: str) -> object:
    if name == "SCHEMA_MODELS":
        return _schema_models()
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dateline.model' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dateline.model.{home}"), name)
