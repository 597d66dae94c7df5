"""What a clause reports although a modal or a "not" stands in it: a "will" reported after
a past saying ("John Smith said he would resign on Monday": the plan, not a
supposition), whose "he" is the sayer the sentence names; and "not … until" ("won't
reach other platforms until next year": they will, then). Each row fails with its rule
turned off; the rows after them keep what stays unreported (a condition, a perfect
"would have", "could", a present "says … would", a plain "not")."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Friday 24 April 2020.
FRIDAY = dt.date(2020, 4, 24)


@pytest.mark.parametrize(
    ("sentence", "name", "start", "scheduled"),
    [
        # a reported "will", and its "he" is the one who said it
        ("John Smith said he would resign on Monday.", "John Smith resigns", "2020-04-27", True),
        (
            "SNC would be able to start lunar lander missions in 2022, Steve Lindsey said.",
            "SNC starts lunar lander missions",
            "2022",
            True,
        ),
        # the sayer named in the sentence is "he", also in the past tense
        (
            "John Smith said on Thursday that he resigned on Monday.",
            "John Smith resigns",
            "2020-04-20",
            False,
        ),
        # "not … until": the happening is at the bound, ahead or past as the clause says
        (
            "Google Stadia features won't reach other platforms until next year.",
            "Google Stadia features reach other platforms",
            "2021",
            True,
        ),
        (
            "The company did not release the report until Monday.",
            "Company releases the report",
            "2020-04-20",
            False,
        ),
    ],
)
def test_a_reported_will_or_a_not_until_reports_a_happening(
    sentence: str, name: str, start: str, scheduled: bool
) -> None:
    assert_reported(sentence, name, start, scheduled, FRIDAY)


@pytest.mark.parametrize(
    "sentence",
    [
        "John Smith said he would sign the bill on Monday if Congress passed it.",
        "John Smith said he would have signed the bill on Monday.",
        "John Smith said he could sign the bill on Monday.",
        "John Smith says he would sign the bill on Monday.",
        "The company did not release the report on Monday.",
    ],
)
def test_a_supposition_or_a_denial_reports_nothing(sentence: str) -> None:
    events = events_of(sentence, FRIDAY)
    assert [(e.name, e.start) for e in events] == []
