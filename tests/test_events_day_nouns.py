"""Days written on a clause's nouns, and light verbs done to a person: "fell on early
Tuesday's trade" (a noun that only finishes the time dates its clause), "an October 11
presentation to bondholders" (any noun a day is written before happened on it), "said in
a Saturday Facebook post" (the occasion's day dates the saying), "He was taken to the
county jail on Monday" (a light verb's passive of a person). Each row fails with its rule
turned off; the rows after them keep what must stay unreported."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Friday 24 April 2020.
FRIDAY = dt.date(2020, 4, 24)


@pytest.mark.parametrize(
    ("sentence", "name", "start", "scheduled"),
    [
        # a noun that finishes a time ("trade", "session") is that time: it dates the verb
        (
            "U.S. Treasury yields fell on early Tuesday's trade.",
            "U.S. Treasury yields fall",
            "2020-04-21",
            False,
        ),
        # any noun a day is written before happened on that day, named by its phrase
        (
            "An October 11 presentation to bondholders indicated that jobs would be cut.",
            "Presentation to bondholders",
            "2019-10-11",
            False,
        ),
        (
            "Analysts watched Tuesday's auction of 3-year notes.",
            "Auction of 3-year notes",
            "2020-04-21",
            False,
        ),
        # a rescheduled noun is still to come
        (
            "The colt was drawn for Saturday's rescheduled race at Churchill Downs.",
            "Rescheduled race",
            "2020-04-25",
            True,
        ),
        # the day before a name that modifies the occasion dates the saying
        (
            "George Latimer said in a Saturday Facebook post that he would resign.",
            "George Latimer says that he would resign",
            "2020-04-18",
            False,
        ),
        # a light verb's passive of a person is something done to someone
        (
            "John Smith was arrested on Sunday. He was taken to the county jail on Monday.",
            "John Smith taken to the county jail",
            "2020-04-20",
            False,
        ),
        (
            "John Smith was given a ten-year sentence on Friday.",
            "John Smith given a ten-year sentence",
            "2020-04-24",
            False,
        ),
    ],
)
def test_a_dated_noun_or_a_light_passive_reports_a_happening(
    sentence: str, name: str, start: str, scheduled: bool
) -> None:
    assert_reported(sentence, name, start, scheduled, FRIDAY)


def test_the_occasion_of_a_saying_is_not_a_second_happening() -> None:
    events = events_of("George Latimer said in a Saturday Facebook post that he would resign.")
    assert [e.name for e in events] == ["George Latimer says that he would resign"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices fell below Tuesday's high.",  # a level, not a happening
        "Voters await the Dec. 15 deadline.",  # a limit
        "She bought Sunday's paper.",  # what was printed that day
        "The car was taken to a garage on Monday.",  # a thing, no one named
        "The Feb. 14 vote was close.",  # a day alone tells no vote apart
    ],
)
def test_a_day_on_a_noun_that_reports_nothing(sentence: str) -> None:
    assert [(e.name, e.start) for e in events_of(sentence, FRIDAY) if e.start] == []
