"""Clause forms that report a dated happening although a rule read them as nothing: an
implicative infinitive ("was able to catch"), a reduced passive on a noun of belief ("a
forecast released Thursday"), a light verb's idiom as the passive's subject ("the
announcement was made on Friday"), a name that opens with an amount. Each row fails
with its rule turned off; the rows after them keep what must stay unreported."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Friday 24 April 2020.
FRIDAY = dt.date(2020, 4, 24)


@pytest.mark.parametrize(
    ("sentence", "name", "start", "scheduled"),
    [
        # an implicative governor: the infinitive happened (or is planned) as it is
        (
            "Boeing was able to deliver 30 jets in March.",
            "Boeing delivers 30 jets",
            "2020-03",
            False,
        ),
        (
            "Boeing will be able to deliver 30 jets in May.",
            "Boeing delivers 30 jets",
            "2020-05",
            True,
        ),
        (
            "Boeing managed to deliver 30 jets in March.",
            "Boeing delivers 30 jets",
            "2020-03",
            False,
        ),
        # a participle describing a noun of belief is what was done to it, not its content
        (
            "A forecast released Thursday suggests four major hurricanes.",
            "Forecast released",
            "2020-04-23",
            False,
        ),
        # a light verb's idiom as the subject of its passive
        ("The announcement was made on Friday.", "Announcement made", "2020-04-24", False),
        # a name that opens with an amount is a name a person would write
        (
            "The $300 billion offering was blocked by Democrats on Sept. 10.",
            "$300 billion offering blocked",
            "2019-09-10",
            False,
        ),
    ],
)
def test_a_clause_form_that_reports_a_happening(
    sentence: str, name: str, start: str, scheduled: bool
) -> None:
    assert_reported(sentence, name, start, scheduled, FRIDAY, exact=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Boeing was not able to deliver 30 jets in March.",
        "Boeing could be able to deliver 30 jets in May.",
        "Boeing wants to deliver 30 jets in May.",
        "His claim that he visited Paris on Monday was false.",
    ],
)
def test_a_clause_form_that_reports_nothing(sentence: str) -> None:
    assert [(e.name, e.start) for e in events_of(sentence, FRIDAY)] == []


#: Wednesday 25 November 2026, the day of a reviewer's Reuters-style story.
WEDNESDAY = dt.date(2026, 11, 25)
SHELL = (
    "A Dutch appeals court on Wednesday ordered Shell to cut its carbon emissions by 45% "
    "by 2030, upholding a 2021 ruling in a case brought by environmental group Milieudefensie."
)


def test_a_participle_set_off_by_a_comma_tells_of_the_main_clause() -> None:
    """The parser hangs ", upholding a 2021 ruling" on "to cut ... by 2030": the
    upholding was on Wednesday, a past fact, not scheduled for 2030 (it was published
    as the article's main event, dated 2030)."""
    assert_reported(
        SHELL, "Dutch appeals court upholds", "2026-11-25", False, WEDNESDAY, exact=False
    )
    assert all(e.start != "2030" for e in events_of(SHELL, WEDNESDAY))


def test_an_order_to_do_something_is_not_a_purchase() -> None:
    """ "ordered Shell to cut" directs; "ordered 30 jets" buys (a BusinessEvent)."""
    ordered = [
        e for e in events_of(SHELL, WEDNESDAY) if e.name.startswith("Dutch appeals court orders")
    ]
    assert ordered
    assert all(e.schema_type != "BusinessEvent" for e in ordered)
    jets = events_of("Emirates on Wednesday ordered 30 Boeing 787 jets.", WEDNESDAY)
    assert [(e.schema_type, e.start) for e in jets if e.name.startswith("Emirates orders")] == [
        ("BusinessEvent", "2026-11-25")
    ]
