"""Temporal expressions, pattern by pattern, resolved against Friday 2024-07-05; hostile
input (huge sentences, calendar-edge dates) handled without blowing up."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dateline.enrich import temporal
from dateline.enrich.temporal import Precision, find_dates, find_times
from dateline.pipeline import check_site

from .conftest import ROOT, repo_settings
from .events_helpers import FRIDAY

#: (pattern, sentence, start, end, precision): every pattern of temporal._PATTERNS has a row.
CASES = [
    ("iso", "It was signed on 2019-11-18.", "2019-11-18", None, Precision.DAY),
    ("month_day", "It was published on Nov. 18, 2019.", "2019-11-18", None, Precision.DAY),
    ("month_day", "It was signed on March 3.", "2024-03-03", None, Precision.DAY),
    ("day_month", "It was agreed on 12 March 2024.", "2024-03-12", None, Precision.DAY),
    ("month", "In December 2023, they signed a deal.", "2023-12", None, Precision.MONTH),
    ("month", "The vote is due in October.", "2024-10", None, Precision.MONTH),
    # "last"/"this past" a month: the latest one before the reference's own month
    ("month", "The agency chose 11 firms this past July.", "2023-07", None, Precision.MONTH),
    ("month", "The agency chose 11 firms last May.", "2024-05", None, Precision.MONTH),
    ("year", "It was founded in 2002.", "2002", None, Precision.YEAR),
    # a year before 1900 only where nothing counted follows ("in 1800 homes" is none)
    ("year", "He was born in Braunau in 1889, it says.", "1889", None, Precision.YEAR),
    ("weekday", "They met on Thursday.", "2024-07-04", None, Precision.DAY),
    ("weekday", "They met on Friday.", "2024-07-05", None, Precision.DAY),
    ("weekday", "They met last Friday.", "2024-06-28", None, Precision.DAY),
    # "this past Friday" in Friday's story is the Friday gone, not that day
    ("weekday", "They met this past Friday.", "2024-06-28", None, Precision.DAY),
    ("weekday", "They will meet on Thursday.", "2024-07-11", None, Precision.DAY),
    ("relative_day", "He spoke yesterday.", "2024-07-04", None, Precision.DAY),
    ("relative_day", "He will travel tomorrow.", "2024-07-06", None, Precision.DAY),
    ("ago", "It happened two weeks ago.", "2024-06-21", None, Precision.DAY),
    ("ago", "It closed three years ago.", "2021", None, Precision.YEAR),
    # "a couple (of)" is two; a decade back is the year ten years before
    ("ago", "It closed a couple months ago.", "2024-05", None, Precision.MONTH),
    ("ago", "It began more than a decade ago.", "2014", None, Precision.YEAR),
    ("relative_period", "Officials met last week.", "2024-06-24", "2024-06-30", Precision.RANGE),
    ("relative_period", "Talks were held last month.", "2024-06", None, Precision.MONTH),
    ("relative_period", "They will sign early next year.", "2025", None, Precision.YEAR),
    ("relative_period", "Prices rose earlier this month.", "2024-07", None, Precision.MONTH),
    # dates that are not when a clause's happening took place (events skip them)
    ("since", "It has grown since 2002.", "2002", None, Precision.YEAR),
    ("since", "Prices have doubled since March.", "2024-03", None, Precision.MONTH),
    ("bare_year", "The 2008 Olympics were a success.", "2008", None, Precision.YEAR),
    ("quarter", "Profit rose in the first quarter of 2023.", "2023-Q1", None, Precision.QUARTER),
    ("decade", "It was small in the 1990s.", "199", None, Precision.DECADE),
    ("reference", "The plant is now closed.", "PRESENT_REF", None, Precision.REFERENCE),
    ("half", "Sales fell in the first half of 2023.", "2023-H1", None, Precision.HALF),
    ("fiscal", "It reported fiscal 2023 results.", "FY2023", None, Precision.FISCAL),
    ("season", "They will launch it this summer.", "2024-SU", None, Precision.SEASON),
    ("set", "The meeting is held every year.", "P1Y", None, Precision.SET),
    ("set", "Smog returns every November.", "XXXX-11", None, Precision.SET),
    ("set", "They meet each Tuesday.", "XXXX-WXX-2", None, Precision.SET),
    ("duration", "The deal runs for three years.", "P3Y", None, Precision.DURATION),
    ("clock", "The polls closed at 8:30 p.m.", "2024-07-05T20:30", None, Precision.TIME),
    # the end of a period dates by the period; a fixed-day holiday by its day (dev4)
    (
        "period_end",
        "Airports hoped to reopen at the end of the month.",
        "2024-07",
        None,
        Precision.MONTH,
    ),
    ("period_end", "It was done before the end of last year.", "2023", None, Precision.YEAR),
    ("holiday", "Homes were crowded on Christmas.", "2023-12-25", None, Precision.DAY),
    ("holiday", "Gatherings will be limited on Thanksgiving.", "2024-11-28", None, Precision.DAY),
    (
        "relative_period",
        "The interview aired at the weekend.",
        "2024-06-29",
        "2024-06-30",
        Precision.RANGE,
    ),
]

#: (sentence, the expression's words, its TIMEX3 value), as the TIMEX3 guidelines write them:
#: extents without the preposition, durations as periods, parts of the day as codes.
VALUES = [
    ("They met on Thursday.", "Thursday", "2024-07-04"),
    ("Officials met last week.", "last week", "2024-W26"),
    ("She spoke Friday morning.", "Friday morning", "2024-07-05TMO"),
    ("He left last night.", "last night", "2024-07-04TNI"),
    ("Stocks fell this afternoon.", "this afternoon", "2024-07-05TAF"),
    ("Over the past five years, sales doubled.", "the past five years", "P5Y"),
    ("He served more than a decade in office.", "more than a decade", "P1DE"),
    ("It signed a 10-year lease.", "10-year", "P10Y"),
    ("The talks lasted 24 hours.", "24 hours", "PT24H"),
    ("He has worked there for years.", "years", "PXY"),
    ("It took a few months.", "a few months", "PXM"),
    ("They paid him for a year.", "a year", "P1Y"),
    ("Dividends are paid quarterly.", "quarterly", "P3M"),
    ("Profit rose in the third quarter.", "the third quarter", "2023-Q3"),
    ("Last spring they met.", "Last spring", "2023-SP"),
    ("Turnout was high in the winter of 2022.", "the winter of 2022", "2022-WI"),
    ("Prices are currently high.", "currently", "PRESENT_REF"),
    ("Talks continued over the weekend.", "the weekend", "2024-W26-WE"),
    ("We will meet this weekend.", "this weekend", "2024-W27-WE"),
    ("He arrived earlier this week.", "earlier this week", "2024-W27"),
]


@pytest.mark.parametrize(("sentence", "words", "value"), VALUES)
def test_timex3_values(sentence: str, words: str, value: str) -> None:
    (found,) = find_times(sentence, FRIDAY)
    assert (found.text, found.value) == (words, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "They paid $5bn a year.",  # a rate, not a length of time
        "A year earlier, it lost money.",
        "He is 50 years old.",
        "The summer camp opened.",  # "summer" alone names no season of a year
        "The index rose over the year.",  # a span, not a calendar year
    ],
)
def test_not_durations_or_seasons(sentence: str) -> None:
    assert find_times(sentence, FRIDAY) == []


@pytest.mark.parametrize(("kind", "sentence", "start", "end", "precision"), CASES)
def test_each_pattern_resolves(
    kind: str, sentence: str, start: str, end: str | None, precision: Precision
) -> None:
    (found,) = find_times(sentence, FRIDAY)
    assert (found.kind, found.start, found.end, found.precision) == (kind, start, end, precision)


def test_every_pattern_has_a_case() -> None:
    made = {name for name, _ in temporal._PATTERNS} | {"since"}
    assert made == {kind for kind, *_ in CASES}


@pytest.mark.parametrize(
    "sentence",
    [
        "We may meet; of the 24th summit, nothing.",
        "in may",
        "About 2000 people came.",
        "It cost $2008.",
        "Turnout was 1,999,000.",
        # a capitalised "Today" after a capitalised word ends a name (a newspaper, a show)
        "Richardson told USA Today he was sorry.",
        # a day named by the word before its weekday is not this week's (annot-dev3)
        "The Black Friday Apple deals promise to be better.",
        "Cyber Monday sales were strong.",
        # an older four-digit number with something counted after it is a count
        "They built it in 1800 homes.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert find_times(sentence, FRIDAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It has grown since 2002.",
        "The 2008 Olympics were a success.",
        "It is now open.",
        "Sales rose in the third quarter.",
    ],
)
def test_dates_that_do_not_date_a_happening(sentence: str) -> None:
    assert find_times(sentence, FRIDAY)
    assert find_dates(sentence, FRIDAY) == []


def test_the_expression_is_the_date_words_without_the_preposition() -> None:
    (found,) = find_times("They met on Thursday.", FRIDAY)
    assert (found.text, found.start_offset, found.end_offset) == ("Thursday", 12, 20)


def test_how_a_date_was_resolved_is_explained() -> None:
    (week,) = find_times("Officials met last week.", dt.date(2024, 12, 17))
    assert week.explain() == (
        "'last week' → 2024-12-09/2024-12-15, relative to 2024-12-17 (looking back)"
    )
    (absolute,) = find_times("In December 2023, they signed.", FRIDAY)
    assert absolute.explain() == "'December 2023' → 2023-12 (as written)"


def test_many_expressions_in_one_sentence_are_all_found() -> None:
    """Issue 8: 4,000 'on Monday' phrases and a 64 KB schedule sentence (clause bounds
    are found once per sentence; `make bench`/bench/bench_temporal.py times them)."""
    mondays = find_times("They met on Monday, " * 4000, FRIDAY)
    assert len(mondays) == 4000
    assert {t.start for t in mondays} == {"2024-07-01"}
    schedule = "Session at 10:00 on July 4, room A; " * 1800
    assert len(schedule) > 60_000
    assert len(find_times(schedule, FRIDAY)) == 1800


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_a_reference_at_the_calendars_edge_resolves_nothing(day: dt.date) -> None:
    assert find_times("They met on Monday, last week and tomorrow, in March.", day) == []


@pytest.mark.parametrize("date", ["0001-01-01 00:00", "9999-12-31 23:00"])
def test_an_out_of_range_publication_date_is_a_finding_not_a_crash(
    tmp_path: Path, date: str
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "entities.yaml", content)
    (content / "story.md").write_text(
        f"---\ntitle: Talks\ndate: {date}\n---\n"
        "LONDON – The two leaders met on Thursday and will sign a deal next week.\n",
        encoding="utf-8",
    )
    report = check_site(repo_settings(tmp_path / "feeds", content))
    codes = {f.code for f in report.findings}
    assert "internal_error" not in codes
    assert "date_out_of_range" in codes


@pytest.mark.parametrize(
    ("sentence", "timex_type"),
    [
        ("They met on Thursday.", "DATE"),
        ("The deal runs for three years.", "DURATION"),
        ("The meeting is held every year.", "SET"),
        ("She spoke Friday morning.", "TIME"),
        ("The polls closed at 8:30 p.m.", "TIME"),
    ],
)
def test_timex3_types(sentence: str, timex_type: str) -> None:
    (found,) = find_times(sentence, FRIDAY)
    assert found.timex_type == timex_type


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        # Dec. 6 2024 is a Friday; the Dec. 6 nearest before a May 2024 reference is not
        ("Tickets go on sale at 10 a.m. Friday, Dec. 6.", "2024-12-06"),
        # the weekday agrees with the year first read: nothing changes
        ("He was seen on Wednesday, Dec. 6.", "2023-12-06"),
    ],
)
def test_a_weekday_before_a_date_picks_its_year(sentence: str, start: str) -> None:
    found = [t for t in find_times(sentence, dt.date(2024, 5, 16)) if t.kind == "month_day"]
    assert [t.start for t in found] == [start]
