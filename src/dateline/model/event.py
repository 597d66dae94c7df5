"""Events an article reports: who met whom, when, where, as part of what."""

from __future__ import annotations

import typing
from typing import ClassVar, Literal

from pydantic import Field, field_serializer, field_validator

from dateline.model.base import Node, Ref
from dateline.model.types import AbsoluteUrl, DateValue, Line

__all__ = ["Event", "EventStatus", "EventType"]

#: The Event types dateline emits: a subtype only where a kind clearly fits.
EventType = Literal["Event", "BusinessEvent", "SportsEvent", "PublicationEvent"]
#: schema.org EventStatusType members; absent means the event took place as reported.
EventStatus = Literal[
    "EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline"
]


class Event(Node):
    """A schema.org Event.

    ``start_date`` keeps the precision the source gives (``2023-12``), and both it
    and ``location`` may be absent: an event the text reports without a date or
    place has none rather than a guess. The article's main events (its ``about``)
    must have both; that rule lives in :mod:`dateline.validate.graph`.
    """

    schema_types: ClassVar[tuple[str, ...]] = (
        "Event",
        "BusinessEvent",
        "SportsEvent",
        "PublicationEvent",
    )
    #: enumeration members used as values (``eventStatus``): terms of the context too
    schema_members: ClassVar[tuple[str, ...]] = typing.get_args(EventStatus)

    type: EventType = Field(default="Event", alias="@type")
    #: written as ``{"@id": "schema:EventScheduled"}``: an IRI under both dateline's
    #: context and the official one (which types eventStatus with no ``@vocab``, so a
    #: bare "EventScheduled" would be a mere string to every JSON-LD consumer).
    event_status: EventStatus | None = None

    @field_validator("event_status", mode="before")
    @classmethod
    def _status_from_iri(cls, value: object) -> object:
        """Accept what dateline writes (``{"@id": "schema:X"}``) and full IRIs back."""
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, str):
            for prefix in ("schema:", "http://schema.org/", "https://schema.org/"):
                value = value.removeprefix(prefix)
        return value

    @field_serializer("event_status", when_used="unless-none")
    def _status_as_iri(self, value: str) -> dict[str, str]:
        return {"@id": f"schema:{value}"}

    name: Line
    description: str | None = None
    start_date: DateValue | None = None
    end_date: DateValue | None = None
    location: list[Ref] = Field(default_factory=list)
    attendee: list[Ref] = Field(default_factory=list)
    organizer: list[Ref] = Field(default_factory=list)
    performer: list[Ref] = Field(default_factory=list)
    super_event: Ref | None = None
    about: list[Ref] = Field(default_factory=list)
    same_as: list[AbsoluteUrl] = Field(default_factory=list)
