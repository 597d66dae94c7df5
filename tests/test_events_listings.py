"""Listings: a line with no verb that pairs a thing with a day is a schedule's entry, a
dated happening read forward when its day has no year. Turning off the listing detector
or the forward reading of a verbless line fails a test here."""

from __future__ import annotations

import pytest

from .events_helpers import events_of


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a trigger noun in a verbless line: read forward (story of Friday 2024-07-05)
        ("Nov. 12: opening hearing.", [("Opening hearing", "2024-11-12", True)]),
        # any noun phrase beside a day, one entry per day
        (
            "VIP meet-and-greet cocktail hour, Oct. 26, and special evening reception, Oct. 27.",
            [
                ("VIP meet-and-greet cocktail hour", "2024-10-26", True),
                ("Special evening reception", "2024-10-27", True),
            ],
        ),
        # the entry ends where its place begins
        ("The Jazz Festival, Aug. 9-11, Riverside Park.", [("Jazz Festival", "2024-08-09", True)]),
        (
            "Friday: jazz night at the Blue Note.",
            [("Jazz night at the Blue Note", "2024-07-05", True)],
        ),
        # a day in full keeps its own date: a timeline's past entry, not a plan
        (
            "Nov. 12, 2023: ground-breaking ceremony.",
            [("Ground-breaking ceremony", "2023-11-12", False)],
        ),
    ],
)
def test_a_schedule_line_is_a_dated_entry(line: str, expected: list[tuple[str, str, bool]]) -> None:
    events = events_of(line)
    assert [(e.name, e.start, e.scheduled) for e in events] == expected


@pytest.mark.parametrize(
    "line",
    [
        # page furniture beside a date: a stamp, a credit, a byline
        "(Published Monday, Nov. 18, 2019)",
        "Updated: Jan 23, 2020, 10.45 AM IST",
        "Photo: John Smith / AP, Nov. 12.",
        "Reuters, Nov. 12, 2019",
        # a day said from the page's own day, and a piece of a sentence cut apart
        "Thanks, everyone, for joining today.",
        "on 4th April with complaint of respiratory distress.",
        # a clause is not a listing: the verb's own rules decide (negated: nothing)
        "The hearing did not open on Nov. 12.",
    ],
)
def test_what_is_not_a_schedule_line(line: str) -> None:
    assert [(e.name, e.start) for e in events_of(line)] == []
