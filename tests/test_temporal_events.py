"""find_event_dates: the calendar dates an Event can carry, beyond TIMEX3's "when"
kinds; TIMEX3 values (find_times) stay as TimeML writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.enrich.temporal import find_event_dates, find_times

REFERENCE = dt.date(2024, 5, 22)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("have been grounded since March.", "2024-03", None),
        ("on the Moon by 2024.", "2024", None),
        ("left the label last fall.", "2023-09", "2023-11"),
        ("toured in summer 2020.", "2020-06", "2020-08"),
        ("snowed last winter.", "2023-12", "2024-02"),
        ("sold in the first half of 2019.", "2019-01", "2019-06"),
        ("sold in the second half of 2019.", "2019-07", "2019-12"),
        ("Earlier this month, NASA announced", "2024-05-01", "2024-05-21"),
        ("paid $449,000 so far this year.", "2024-01-01", "2024-05-21"),
        ("26 cases between 2009 and 2018, reports", "2009", "2018"),
        ("from at least 2002 to 2005", "2002", "2005"),
        ("on Monday", "2024-05-20", None),
        ("in the 2030s", "2030", "2039"),
        ("since the mid-1950s, when", "1954", "1956"),
        ("in the late 1990s", "1997", "1999"),
        ("in the 14th century", "1300", "1399"),
        ("over the past two years", "2022-05", "2024-05"),
        ("in the last five days", "2024-05-17", "2024-05-22"),
    ],
)
def test_event_dates(text: str, start: str, end: str | None) -> None:
    (found,) = find_event_dates(text, REFERENCE)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "after last week, when",  # a bound that is neither a start nor a deadline
        "shares rose 5% in the third quarter",  # a quarter stays a TIMEX3 quarter
        "the 2030s will be hot",  # a decade with no preposition dates nothing
        "for the past two years",  # how long, not a span before the story
        "in the last 6 months of 2017",  # the end of another year, not before the story
        "the 2012 through 2015 design",  # the end of a span of model years, not a deadline
        "by six months",  # a duration is no date
        "the 2008 Olympics were a success",  # a bare year is no date alone
    ],
)
def test_no_event_date(text: str) -> None:
    assert [t.text for t in find_event_dates(text, REFERENCE)] == []


def test_timex_values_are_unchanged() -> None:
    assert [t.value for t in find_times("left last fall", REFERENCE)] == ["2023-FA"]
    assert [t.value for t in find_times("earlier this year", REFERENCE)] == ["2024"]
