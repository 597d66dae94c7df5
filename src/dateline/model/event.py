"""Events an article reports: who met whom, when, where, as part of what."""

from __future__ import annotations

import datetime as dt
import typing
from typing import ClassVar, Literal

from pydantic import Field, field_serializer, field_validator

from dateline.model.base import Node, Ref
from dateline.model.types import AbsoluteUrl, DateValue, Line

__all__ = ["Event", "EventStatus", "EventType", "day_text", "ends_before_start"]

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


def day_text(value: object) -> str:
    """A date value as written: a time in ISO 8601, a date at its precision."""
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def ends_before_start(start: object, end: object) -> bool:
    """Whether an event's ``end`` is surely before its ``start``: two times compared as
    instants; dates at the precision they are written (``2026-11`` does not end before
    ``2026-11-19``)."""
    if start is None or end is None:
        return False
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return end < start
    one, two = day_text(start)[:10], day_text(end)[:10]
    common = min(len(one), len(two))
    return two[:common] < one[:common]
