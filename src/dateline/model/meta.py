"""Article metadata as the layers know it, before it becomes schema.org nodes.

Every layer (site defaults, what a reader found, what enrichment inferred, the
editor's front matter and sidecar) produces an :class:`ArticleMeta`. They are
merged field by field in :mod:`dateline.model.layers`; only fields a layer
actually set count, so an empty layer never erases a lower one.

Front matter and sidecars are validated into these models, so an unknown key is
an error that names the key, not a value silently dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from dateline.model.types import AbsoluteUrl, DateValue, LanguageTag, Line

__all__ = [
    "ENTITY_TYPES",
    "AgencySpec",
    "ArticleMeta",
    "AuthorSpec",
    "EntitySpec",
    "EventSpec",
    "GeoSpec",
    "ImageSpec",
    "Key",
    "ProvenanceSpec",
    "PublisherSpec",
]

Key = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A lowercase slug naming an entity or event; it becomes part of its @id.",
    ),
]


def _listify(value: Any) -> Any:
    """Accept a single value where a list is expected (``author: Jane Doe``)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


KeyList = Annotated[list[Key], BeforeValidator(_listify, json_schema_input_type=Key | list[Key])]


class Spec(BaseModel):
    """Base of the editorial specs: camelCase keys like schema.org, no unknown keys."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True
    )


class GeoSpec(Spec):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


ENTITY_TYPES = (
    "Person",
    "Organization",
    "GovernmentOrganization",
    "NewsMediaOrganization",
    "Place",
    "City",
    "Country",
    "AdministrativeArea",
)
EntityType = Literal[
    "Person",
    "Organization",
    "GovernmentOrganization",
    "NewsMediaOrganization",
    "Place",
    "City",
    "Country",
    "AdministrativeArea",
]


class EntitySpec(Spec):
    """A person, organization or place as an editor (or enrichment) records it."""

    id: Key
    type: EntityType
    name: Line
    alternate_name: Annotated[
        list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)
    description: str | None = None
    job_title: str | None = None
    affiliation: KeyList = Field(default_factory=list)
    member_of: KeyList = Field(default_factory=list)
    works_for: KeyList = Field(default_factory=list)
    parent_organization: Key | None = None
    contained_in: Key | None = Field(default=None, description="Key of the enclosing place.")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1")
    geo: GeoSpec | None = None
    geonames_id: int | None = Field(default=None, gt=0)
    url: AbsoluteUrl | None = None
    same_as: Annotated[
        list[AbsoluteUrl],
        BeforeValidator(_listify, json_schema_input_type=AbsoluteUrl | list[AbsoluteUrl]),
    ] = Field(default_factory=list)
    evidence: str | None = Field(default=None, description="The sentence this was taken from.")


EventType = Literal["Event", "BusinessEvent", "SportsEvent", "PublicationEvent"]
EventStatus = Literal[
    "EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline"
]


class EventSpec(Spec):
    """An event an article reports, as an editor (or enrichment) records it."""

    id: Key
    type: EventType = Field(default="Event", description="The schema.org Event type.")
    event_status: EventStatus | None = Field(
        default=None, description="For an event still to come: EventScheduled, EventPostponed…"
    )
    name: Line
    description: str | None = None
    start_date: DateValue | None = None
    end_date: DateValue | None = None
    location: KeyList = Field(default_factory=list)
    attendee: KeyList = Field(default_factory=list)
    organizer: KeyList = Field(default_factory=list)
    performer: KeyList = Field(default_factory=list)
    super_event: Key | None = None
    about: KeyList = Field(default_factory=list)
    evidence: str | None = Field(default=None, description="The sentence this was taken from.")


class PublisherSpec(Spec):
    name: Line
    url: AbsoluteUrl
    logo: AbsoluteUrl | None = None


class AuthorSpec(Spec):
    """A person credited with an article, or an organization: a page that says its author
    is ``{"@type": "Organization", "name": "Reuters"}`` is not by a person named Reuters."""

    name: Line
    url: AbsoluteUrl | None = None
    type: Literal["Person", "Organization"] = Field(
        default="Person", description="Person (default) or Organization."
    )


def _author(value: Any) -> Any:
    value = _listify(value)
    return [{"name": v} if isinstance(v, str) else v for v in value]


Authors = Annotated[
    list[AuthorSpec], BeforeValidator(_author, json_schema_input_type=str | list[str | AuthorSpec])
]


class AgencySpec(Spec):
    """The news agency whose story this is (``LONDON (Reuters) -``): the NewsArticle's
    ``sourceOrganization``, and its ``author`` when no one else is named as author."""

    name: Line
    id: Key | None = Field(
        default=None, description="Entity key of its node; by default made from the name."
    )
    url: AbsoluteUrl | None = None
    evidence: str | None = Field(default=None, description="The words that credit it.")


def _agency(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class ImageSpec(Spec):
    url: AbsoluteUrl
    caption: str | None = None


def _image(value: Any) -> Any:
    return {"url": value} if isinstance(value, str) else value


class ProvenanceSpec(Spec):
    """Where an article fetched by ``dateline add`` came from, and how it was read.

    Kept so an editor can check any field against the page, and so a re-fetch can
    ask the server whether the page changed (``etag``, ``lastModified``).
    """

    url: AbsoluteUrl = Field(description="The URL that was asked for.")
    retrieved: dt.datetime = Field(description="When the page was fetched (UTC).")
    etag: str | None = None
    last_modified: str | None = Field(default=None, description="The Last-Modified header.")
    feed: AbsoluteUrl | None = Field(default=None, description="The feed the link came from.")
    guid: str | None = Field(default=None, description="The feed item's guid or id.")
    extractors: dict[str, str] = Field(
        default_factory=dict, description="Which extractor produced which field."
    )


class ArticleMeta(Spec):
    """One layer of an article's metadata, in front-matter vocabulary.

    ``date`` may be naive here: the enrichment stage gives it a zone by name.
    """

    title: Line | None = None
    date: dt.datetime | dt.date | None = None
    date_text: str | None = Field(default=None, description="The date line as printed.")
    updated: dt.datetime | dt.date | None = None
    author: (
        Annotated[
            list[AuthorSpec],
            BeforeValidator(_author, json_schema_input_type=str | list[str | AuthorSpec]),
        ]
        | None
    ) = None
    agency: (
        Annotated[AgencySpec, BeforeValidator(_agency, json_schema_input_type=str | AgencySpec)]
        | None
    ) = None
    contributor: Authors | None = Field(
        default=None, description="People who reported or wrote it, but are not its author."
    )
    editor: Authors | None = Field(default=None, description="People who edited it.")
    section: str | None = None
    tags: (
        Annotated[list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])]
        | None
    ) = None
    summary: str | None = None
    image: (
        Annotated[ImageSpec, BeforeValidator(_image, json_schema_input_type=str | ImageSpec)] | None
    ) = None
    language: LanguageTag | None = None
    slug: Key | None = None
    timezone: str | None = None
    publisher: PublisherSpec | None = None
    source: AbsoluteUrl | None = Field(default=None, description="URL of the original article.")
    provenance: ProvenanceSpec | None = None
    dateline: str | None = None
    dateline_place: Key | None = Field(default=None, description="Entity key of the dateline.")
    entities: list[EntitySpec] | None = None
    events: list[EventSpec] | None = None
    about: KeyList | None = None
    mentions: KeyList | None = None
    draft: bool | None = Field(
        default=None, description="True: checked on every build, never published."
    )
