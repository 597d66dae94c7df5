"""First-person happenings: "we launched it last week" is a dated happening the writer
(or the body the writer speaks for) reports, named in the text's own words; a present
"I am writing to you today" is the page itself, and negation and supposition still
report nothing."""

from __future__ import annotations

import pytest

from .events_helpers import events_of


@pytest.mark.parametrize(
    ("sentence", "name", "start", "scheduled"),
    [
        ("We launched the app last week.", "We launch the app", "2024-06-24", False),
        ("I wrote a column about it in August.", "I write a column", "2023-08", False),
        ("We will open the new store on Thursday.", "We open the new store", "2024-07-11", True),
        ("Tom and I visited Paris in May.", "Tom and I visit Paris", "2024-05", False),
    ],
)
def test_a_first_person_happening_is_an_event(
    sentence: str, name: str, start: str, scheduled: bool
) -> None:
    events = events_of(sentence)
    assert [(e.name, e.start, e.scheduled) for e in events] == [(name, start, scheduled)]


@pytest.mark.parametrize(
    "sentence",
    [
        "I am writing to you today about the merger.",
        "We did not launch the app last week.",
        "We might launch the app next week.",
    ],
)
def test_a_first_person_clause_that_reports_nothing(sentence: str) -> None:
    assert [(e.name, e.start) for e in events_of(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        # a past the present perfect or "did" tells is a happening all the same
        ("I have been working online since 2010.", "2010"),
        ("I did receive one for testing in March.", "2024-03"),
    ],
)
def test_a_first_person_perfect_or_emphatic_past(sentence: str, start: str) -> None:
    assert [e.start for e in events_of(sentence)] == [start]
