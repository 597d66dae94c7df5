"""events.ics: written with icalendar, read back by a second parser (vobject)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest

from dateline.emit.calendar import calendar_start, render_calendar
from dateline.settings import Settings

from .held_site import released_site

vobject = pytest.importorskip("vobject")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return released_site(tmp_path_factory.mktemp("ics"))


def events(path: Path) -> dict[str, Any]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {str(e.summary.value): e for e in calendar.vevent_list}


def test_seed_calendar_keeps_date_precision(out: Path) -> None:
    found = events(out / "events.ics")
    meeting = found["Meeting between Mohammad Mokhber and Vladimir Putin"]
    # known to the day: an all-day entry on that day
    assert meeting.dtstart.value == dt.date(2024, 7, 4)
    assert not isinstance(meeting.dtstart.value, dt.datetime)
    assert meeting.dtend.value == dt.date(2024, 7, 5)
    assert meeting.location.value == "Astana"
    assert meeting.url.value.endswith(
        "/articles/iran-russia-relations-remains-unchanging-mokhber-delivers-leaders-message-to-putin.html"
    )
    assert meeting.uid.value == "https://dateline.example.org/id/mokhber-putin-meeting-2024-07-04"
    # known only to the month (the SCO summit, "2024-07") or not dated: left out
    assert not any("Shanghai Cooperation Organization" in name for name in found)
    assert "Meeting between Mohammad Mokhber and Leonid Slutsky" not in found


def test_timed_event_in_utc_with_place_and_link(released: Settings) -> None:
    found = events(released.output_dir / "events.ics")
    opening = found["Opening of the Marrowmouth tidal barrage"]
    assert opening.dtstart.value == dt.datetime(2031, 1, 1, 10, 0, tzinfo=dt.UTC)
    assert opening.location.value == "Marrowmouth"
    assert opening.url.value == released.base_url + "articles/embargoed-tidal-barrage.html"
    assert "Tidal barrage opens at Marrowmouth" in opening.description.value
    kyiv = found["Meeting between Antony Blinken and Volodymyr Zelensky"]
    assert kyiv.dtstart.value == dt.date(2024, 5, 14)
    assert kyiv.geo.value == "50.45466;30.5238"
    # the Geneva talks are inferred from their text ("resumed talks on Tuesday");
    # the draft's hearing is not published
    assert sorted(found) == [
        "Meeting between Antony Blinken and Volodymyr Zelensky",
        "Negotiators from 40 countries resume talks",
        "Opening of the Marrowmouth tidal barrage",
    ]


def test_calendar_lines_follow_rfc5545(released: Settings) -> None:
    data = (released.output_dir / "events.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert all(len(line) <= 75 for line in lines), "lines must be folded at 75 octets"
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_a_calendar_with_no_event_is_still_rfc5545(released: Settings) -> None:
    """RFC 5545 3.6: a calendar holds one component or more; RFC 5546: a PUBLISH one VEVENT
    or more. With no event: no METHOD, and the UTC zone as its one component."""
    data = render_calendar(released, [])
    calendar = vobject.readOne(data.decode("utf-8"))
    assert not hasattr(calendar, "vevent")
    assert not hasattr(calendar, "method")
    (zone,) = calendar.vtimezone_list
    assert zone.tzid.value == "UTC"
    assert zone.standard.tzoffsetto.value == "+0000"
    # the writer's own parser reads it back too
    parsed = icalendar.Calendar.from_ical(data)
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"]
    assert data.endswith(b"END:VTIMEZONE\r\nEND:VCALENDAR\r\n")
    # a calendar with events keeps METHOD:PUBLISH and needs no zone
    full = (released.output_dir / "events.ics").read_bytes()
    assert b"\r\nMETHOD:PUBLISH\r\n" in full
    assert b"VTIMEZONE" not in full


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-04", dt.date(2024, 7, 4)),
        ("2024-07", None),
        ("2024", None),
        (None, None),
        (
            dt.datetime(2024, 7, 4, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30))),
            dt.datetime(2024, 7, 4, 8, 30, tzinfo=dt.UTC),
        ),
    ],
)
def test_date_precision(value: Any, expected: Any) -> None:
    assert calendar_start(value) == expected
