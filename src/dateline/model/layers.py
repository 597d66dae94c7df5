"""Metadata precedence, written down once.

    site settings  <  what the reader found  <  what enrichment inferred
                   <  the article's front matter  <  its sidecar file

An editor's word always wins: front matter and the sidecar are the editor's,
the sidecar last because it exists to override. A layer only counts for the
fields it set, so a layer that says nothing about ``summary`` leaves the lower
layer's summary in place. Lists (``entities``, ``events``) are replaced whole,
never merged: an editor who deletes a proposed event must see it stay deleted.
The fields that refer to them by key (``about``, ``mentions``, ``datelinePlace``)
go with them: they count only from the layer whose lists won, or a higher one.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from dateline.model.ids import key_for
from dateline.model.meta import ArticleMeta, PublisherSpec
from dateline.settings import Settings

__all__ = ["Layer", "constructed", "inferred_keys", "merge_layers", "site_layer"]


class Layer(IntEnum):
    """The layers, lowest precedence first."""

    SITE = 0
    READER = 1
    ENRICHMENT = 2
    FRONT_MATTER = 3
    SIDECAR = 4


def site_layer(settings: Settings) -> ArticleMeta:
    """What the site settings say about every article."""
    return ArticleMeta(
        language=settings.language,
        timezone=settings.timezone,
        publisher=PublisherSpec(
            name=settings.publisher.name,
            url=settings.publisher.url,
            logo=settings.publisher.logo,
        ),
    )


#: Fields that point into ``entities``/``events`` by key: they only count from a layer at
#: least as high as the one whose entities and events won, or they could name keys that
#: the winning lists do not have (enrichment's ``mentions`` under an editor's ``entities``).
COUPLED = ("about", "mentions", "dateline_place")


def merge_layers(layers: dict[Layer, ArticleMeta]) -> ArticleMeta:
    """Merge the layers by precedence; for each field the highest layer that set it wins."""
    merged: dict[str, Any] = {}
    source: dict[str, Layer] = {}
    for layer in sorted(layers):
        meta = layers[layer]
        for name in meta.model_fields_set:
            merged[name] = getattr(meta, name)
            source[name] = layer
    facts = max((source[f] for f in ("entities", "events") if f in source), default=None)
    if facts is not None:
        for name in COUPLED:
            if name in source and source[name] < facts:
                del merged[name]
    # every value is a field of a validated ArticleMeta, put in the same field, and the
    # model checks each field alone: validating them again (twice per article) would
    # change nothing but cost ~15 us
    return constructed(merged)


#: Every field of ArticleMeta at its default (None), in the model's field order (a
#: test checks that every default is None).
_NO_VALUES: dict[str, Any] = dict.fromkeys(ArticleMeta.model_fields)


def constructed(values: dict[str, Any]) -> ArticleMeta:
    """``ArticleMeta.model_construct(_fields_set=set(values), **values)``, the same
    object (a test compares them), in 1 us instead of 14: every field of ArticleMeta
    defaults to None and it has no extra or private attributes, so pydantic's generic
    walk over the fields' defaults is not needed (it ran 2-3 times per article)."""
    meta = ArticleMeta.__new__(ArticleMeta)
    object.__setattr__(meta, "__dict__", {**_NO_VALUES, **values})
    object.__setattr__(meta, "__pydantic_fields_set__", set(values))
    object.__setattr__(meta, "__pydantic_extra__", None)
    object.__setattr__(meta, "__pydantic_private__", None)
    return meta


#: The fields whose keys :func:`inferred_keys` can find inferred.
_INFERRED_FIELDS = frozenset(("entities", "events", "agency", "contributor", "editor"))


def inferred_keys(
    layers: dict[Layer, ArticleMeta], registry: Mapping[str, str] | None = None
) -> frozenset[str]:
    """The keys of the entities and events that enrichment inferred and no editor wrote.

    Lists are replaced whole, so a list counts as inferred when enrichment's is the
    one that wins. An entity enrichment took from the newsroom's registry (``registry``:
    key -> type) with the registry's type is the editor's word, not an inference.
    Cross-article checks need this: only what an editor wrote may fail an article; a
    clash that involves an inferred node is reported, not fatal.
    """
    inferred = layers.get(Layer.ENRICHMENT)
    if inferred is None or inferred.model_fields_set.isdisjoint(_INFERRED_FIELDS):
        return frozenset()  # enrichment named no one (every article of a site without it)
    keys: set[str] = set()
    winners: dict[str, Layer | None] = {
        name: max((k for k, m in layers.items() if name in m.model_fields_set), default=None)
        for name in ("entities", "events", "agency", "contributor", "editor")
    }
    for name in ("entities", "events"):
        if winners[name] == Layer.ENRICHMENT:
            specs = getattr(inferred, name)
            keys.update(s.id for s in specs if (registry or {}).get(s.id) != s.type)
    # the credit the text gives ("LONDON (Reuters) -", "Reporting by …") is inferred too,
    # unless it only points at an entity of the article, whose own layer decides
    written = {
        s.id
        for name in ("entities", "events")
        if winners[name] not in (None, Layer.ENRICHMENT)
        for s in getattr(merge_layers(layers), name) or []
    }
    credited: set[str] = set()
    if winners["agency"] == Layer.ENRICHMENT and inferred.agency is not None:
        credited.add(inferred.agency.id or key_for(inferred.agency.name))
    for name in ("contributor", "editor"):
        if winners[name] == Layer.ENRICHMENT:
            credited.update(key_for(p.name) for p in getattr(inferred, name) or [])
    return frozenset(keys | (credited - written))
