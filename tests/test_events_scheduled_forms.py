"""What the calendar holds, told by a participle or a raised passive: "the listing
ceremony is due to be held next Tuesday" (the subject of the verb an infinitive passive
completes is what is done), "a protest set for Friday", "the election scheduled for
November" (a participle that puts the noun it describes on the calendar: dated ahead,
``EventScheduled``). Each row fails with its rule turned off; the rows after them keep
what must stay unreported."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Wednesday 22 April 2020.
WEDNESDAY = dt.date(2020, 4, 22)


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        (
            "The listing ceremony is due to be held at the Hong Kong Stock Exchange next Tuesday.",
            "Listing ceremony held",
            "2020-04-28",
        ),
        (
            "Activists organized a protest at the state Capitol set for Friday.",
            "Protest at the state Capitol set",
            "2020-04-24",
        ),
        # a relative pronoun raised to the governor of the infinitive stands for its noun
        (
            "It is the third extension of the license, which is now set to expire in February.",
            "License expires",
            "2021-02",
        ),
        # a participle of the calendar reads its month ahead, not back
        (
            "Turnout at the nation's general election scheduled for November may be low.",
            "Nation's general election scheduled",
            "2020-11",
        ),
    ],
)
def test_a_participle_or_a_raised_passive_schedules(sentence: str, name: str, start: str) -> None:
    assert_reported(sentence, name, start, True, WEDNESDAY)


def test_a_noun_set_for_a_day_is_one_happening() -> None:
    """ "The hearing is set for May 5": the hearing and its setting are one Event."""
    events = events_of("The hearing is set for May 5.", WEDNESDAY)
    assert [(e.start, e.scheduled) for e in events] == [("2020-05-05", True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "John Smith set the table on Monday.",  # "set" without a calendar's "for"
        "The vote scheduled for Friday was postponed on Tuesday.",  # no longer on Friday
    ],
)
def test_a_setting_that_schedules_nothing(sentence: str) -> None:
    events = events_of(sentence, WEDNESDAY)
    setting = [e.name for e in events if e.scheduled or e.name.endswith(("sets the table", "set"))]
    assert setting == [], [(e.name, e.start) for e in events]
