"""``events.ics``: every event the published articles report, as an RFC 5545 calendar.

A reader subscribes once in a calendar app and sees summits and elections where
they happen. The calendar only says what the articles say: an event known to the
day is an all-day entry, one known to the minute is timed (in UTC, so no
``VTIMEZONE`` is needed), and one known only to the month or year is left out
rather than pinned to a made-up day. Each entry links back to the newest article
that reports it. ``DTSTAMP`` is that article's date, not the build time, so the
same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dateline.emit.feeds import as_datetime
from dateline.emit.summary import ArticleSummary, EventBrief
from dateline.settings import Settings

if TYPE_CHECKING:  # icalendar is imported where a calendar is made: an incremental build
    # whose events did not change never makes one, and the import costs ~65 ms
    from icalendar import Event as CalendarEvent
    from icalendar import Timezone

__all__ = ["CALENDAR", "calendar_start", "render_calendar"]

CALENDAR = "events.ics"
_DAY = dt.timedelta(days=1)


def calendar_start(value: dt.datetime | str | None) -> dt.datetime | dt.date | None:
    """A timed start in UTC, a day, or None for month/year precision (or no date).

    A string is ISO 8601: a time (with its offset) or a date, as summaries hold them.
    """
    if isinstance(value, str) and "T" in value:
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    if isinstance(value, str) and len(value) == 10:
        return dt.date.fromisoformat(value)
    return None


def _end(
    start: dt.datetime | dt.date, value: dt.datetime | str | None
) -> dt.datetime | dt.date | None:
    """DTEND of the same kind as DTSTART (RFC 5545 3.6.1); a day's end is exclusive."""
    end = calendar_start(value)
    if isinstance(start, dt.datetime):
        return end if isinstance(end, dt.datetime) and end > start else None
    if isinstance(end, dt.date) and not isinstance(end, dt.datetime) and end >= start:
        return end + _DAY
    return start + _DAY


def _entry(event: EventBrief, article: ArticleSummary) -> CalendarEvent | None:
    start = calendar_start(event.start)
    if start is None:
        return None
    from icalendar import Event, vGeo  # noqa: PLC0415 - see TYPE_CHECKING above

    entry = Event()
    entry.add("uid", event.id)
    entry.add("dtstamp", as_datetime(article.lastmod))
    entry.add("dtstart", start)
    end = _end(start, event.end)
    if end is not None:
        entry.add("dtend", end)
    entry.add("summary", event.name)
    if event.places:
        entry.add("location", ", ".join(event.places))
    if event.geo is not None:
        entry.add("geo", vGeo(event.geo))
    text = [event.description] if event.description else []
    text.append(f"Reported in: {article.headline} {article.url}")
    entry.add("description", "\n\n".join(text))
    entry.add("url", article.url)
    entry.add("transp", "TRANSPARENT")  # news, not an appointment: never shows as busy
    return entry


def render_calendar(settings: Settings, articles: Sequence[ArticleSummary]) -> bytes:
    """The calendar of ``articles`` (newest first: the newest report of an event wins)."""
    from icalendar import Calendar  # noqa: PLC0415 - see TYPE_CHECKING above

    entries: dict[str, CalendarEvent] = {}
    for article in articles:
        for event in article.events:
            if event.id not in entries:
                entry = _entry(event, article)
                if entry is not None:
                    entries[event.id] = entry
    calendar = Calendar()
    calendar.add("prodid", "-//dateline//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if entries:
        calendar.add("method", "PUBLISH")  # RFC 5546: a PUBLISH carries one VEVENT or more
    calendar.add("name", f"{settings.title}: events")  # RFC 7986
    calendar.add("x-wr-calname", f"{settings.title}: events")  # what most apps read
    # subscribed calendar apps re-fetch hourly (RFC 7986; Outlook reads X-PUBLISHED-TTL)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    if settings.description:
        calendar.add("x-wr-caldesc", settings.description)

    def order(item: tuple[str, CalendarEvent]) -> tuple[str, str]:
        start = item[1].decoded("dtstart")
        return (as_datetime(start).isoformat(), item[0])

    for _, entry in sorted(entries.items(), key=order):
        calendar.add_component(entry)
    if not entries:
        calendar.add_component(_utc_zone())
    return bytes(calendar.to_ical())


def _utc_zone() -> Timezone:
    """The one component of a calendar with no event to list.

    RFC 5545 (3.6) wants at least one component in a calendar, and parsers that
    check the grammar refuse an empty one. The zone every timed entry here is told in
    says nothing false and shows nothing in a calendar app."""
    from icalendar import Timezone, TimezoneStandard  # noqa: PLC0415 - see TYPE_CHECKING above

    zone = Timezone()
    zone.add("tzid", "UTC")
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(0))
    standard.add("tzoffsetto", dt.timedelta(0))
    standard.add("tzname", "UTC")
    zone.add_component(standard)
    return zone
