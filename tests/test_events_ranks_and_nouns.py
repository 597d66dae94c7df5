"""An infinitive hung on a rank ("Samsung was the first to release AirPlay 2 support in
March": it did, then) and nouns of what happens to someone ("John Smith's death on
Friday": the death of John Smith, not a death by him). Each row fails with its rule
turned off; the rows after them keep what stays unreported."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Friday 24 April 2020.
FRIDAY = dt.date(2020, 4, 24)


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        (
            "Samsung was the first to release AirPlay 2 support for smart TVs in March.",
            "Samsung releases AirPlay 2 support",
            "2020-03",
        ),
        ("Apple became the first company to sell a phone in 2007.", "Apple sells a phone", "2007"),
        # a noun of what happened to its owner, dated in its own phrase
        ("John Smith's death on Friday sparked protests.", "Death of John Smith", "2020-04-24"),
        (
            "John Smith's arrival in Paris on Monday drew crowds.",
            "Arrival of John Smith",
            "2020-04-20",
        ),
    ],
)
def test_a_rank_or_an_undergone_noun_reports_a_happening(
    sentence: str, name: str, start: str
) -> None:
    assert_reported(sentence, name, start, False, FRIDAY)


@pytest.mark.parametrize(
    "sentence",
    [
        "Samsung was not the first to release the support in March.",
        "Samsung wants to be the first to release the support in May.",
    ],
)
def test_a_rank_denied_or_wished_reports_nothing(sentence: str) -> None:
    assert [(e.name, e.start) for e in events_of(sentence, FRIDAY)] == []
