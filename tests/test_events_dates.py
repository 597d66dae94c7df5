"""Events dated by the dates TIMEX3 does not read as "when": a season, a half year,
``since``/``by`` a date on the clause's verb, the part of a period before the story,
``between`` two years. One row per reading: turning one off fails its row."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import events_of


@pytest.mark.parametrize(
    ("sentence", "name", "start", "end", "scheduled"),
    [
        # since a date, on the verb: the happening began then
        (
            "Boeing's 737 Max jets have been grounded since March.",
            "Boeing's 737 Max jets grounded",
            "2024-03",
            None,
            False,
        ),
        # by a date: the deadline dates a plan
        (
            "NASA will return astronauts to the Moon by 2026.",
            "NASA returns astronauts",
            "2026",
            None,
            True,
        ),
        # through or until a date: the end dates the happening
        (
            "NASA plans to spend a total of $2.6 billion on its contracts through November "
            "2028, agency officials said.",
            "NASA spends a total of $2.6 billion",
            "2028-11",
            None,
            True,
        ),
        # a season is its months
        (
            "Taylor Swift left Big Machine last fall.",
            "Taylor Swift leaves Big Machine",
            "2023-09",
            "2023-11",
            False,
        ),
        # a half year is its months
        (
            "Apple sold 20 million iPhones in the first half of 2019.",
            "Apple sells 20 million iPhones",
            "2019-01",
            "2019-06",
            False,
        ),
        # the part of this year before the story (published 2024-07-05)
        (
            "Microsoft launched an early version of Project xCloud earlier this year.",
            "Microsoft launches an early version of Project xCloud",
            "2024-01-01",
            "2024-07-04",
            False,
        ),
        # between two years: one span
        (
            "Boeing delivered 300 jets to China between 2009 and 2018.",
            "Boeing delivers 300 jets",
            "2009",
            "2018",
            False,
        ),
        # a past happening's season or weekend that would lie after the story is the one
        # before (published Friday 2024-07-05); a plan's is the coming one
        (
            "The department paid the agency $449,000 this fall.",
            "Department pays",
            "2023-09",
            "2023-11",
            False,
        ),
        (
            "The RAV4 Prime goes on sale this fall.",
            "RAV4 Prime goes on sale",
            "2024-09",
            "2024-11",
            True,
        ),
        (
            "The army cleared barricades from the streets this weekend.",
            "Army clears barricades",
            "2024-06-29",
            "2024-06-30",
            False,
        ),
        # a decade or a part of one, after a preposition: its years
        (
            "Emirates will recommence its expansion in the early 2020s.",
            "Emirates recommences its expansion",
            "2020",
            "2023",
            True,
        ),
        # a century: its years
        (
            "The Black Death killed 25 million people in Europe in the 14th century.",
            "Black Death kills 25 million people",
            "1300",
            "1399",
            False,
        ),
        (
            "The Black Death wiped out a third of the population in the 1300s.",
            "Black Death wipes out a third",
            "1300",
            "1399",
            False,
        ),
        # the span before the story: years as months, weeks and days as days
        (
            "The government paid farmers $28 billion over the past two years.",
            "Government pays $28 billion",
            "2022-07",
            "2024-07",
            False,
        ),
        (
            "Police arrested 40 protesters over the last five days.",
            "Police arrest 40 protesters",
            "2024-06-30",
            "2024-07-05",
            False,
        ),
    ],
)
def test_event_dates_beyond_timex_when(
    sentence: str, name: str, start: str, end: str | None, scheduled: bool
) -> None:
    events = [e for e in events_of(sentence) if e.name.startswith(name)]
    assert events, [e.name for e in events_of(sentence)]
    assert (events[0].start, events[0].end, events[0].scheduled) == (start, end, scheduled)


@pytest.mark.parametrize(
    "sentence",
    [
        # a since-date of a record is no start of what the clause reports
        "Apple's shares climbed to their highest level since 2008.",
        "Unemployment fell to its lowest level since 1969.",
    ],
)
def test_a_record_since_a_date_is_not_dated_by_it(sentence: str) -> None:
    assert [e.name for e in events_of(sentence) if e.start is not None] == []


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        # a date right after a saying verb is the saying's, wherever the parse hung it
        (
            "Health Department officials said Monday the victim was one of two people "
            "who contracted the virus.",
            "Health Department officials say",
            "2024-07-01",
        ),
        # a date before the noun of the occasion the verb happened at dates the verb
        (
            "Cal OES said in an Oct. 26 letter to carriers that their engagement was poor.",
            "Cal OES says",
            "2023-10-26",
        ),
        (
            "Boeing's chief Dave Calhoun apologised at last week's hearing in the Senate.",
            "Dave Calhoun apologises",
            "2024-06-24",
        ),
    ],
)
def test_the_date_of_the_occasion_dates_the_verb(sentence: str, name: str, start: str) -> None:
    events = [e for e in events_of(sentence) if e.name.startswith(name)]
    assert [e.start for e in events] == [start], [e.name for e in events_of(sentence)]


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        # the day inside the season the clause also gives is its date
        ("Last summer, the storm struck Louisiana on July 13.", "", "2023-07-13"),
        # a passive coordinated verb shares its subject with the clause before it
        (
            "The bridge was closed in 2017 but was reopened on Monday.",
            "Bridge reopened",
            "2024-07-01",
        ),
    ],
)
def test_the_clause_own_finest_date_and_shared_subject(
    sentence: str, name: str, start: str
) -> None:
    events = [e for e in events_of(sentence) if e.name.startswith(name)]
    assert start in [e.start for e in events], [(e.name, e.start) for e in events_of(sentence)]


@pytest.mark.parametrize(
    ("text", "name", "start"),
    [
        # a time within a day is on the day the story last dated a happening on
        (
            "Gordon Sondland testified before the committee on Tuesday. Later in the day, "
            "Kurt Volker testified before the committee.",
            "Kurt Volker testifies",
            "2024-07-02",
        ),
        # the first happening of a sentence sets that day, not a date on a noun after it
        (
            "In the morning, lawmakers grilled Alexander Vindman on Tuesday about "
            "Trump's July 25 phone call. Later in the day, Kurt Volker testified.",
            "Kurt Volker testifies",
            "2024-07-02",
        ),
        # the next day is the day after it
        (
            "Police arrested the suspect on Tuesday. The next morning, police searched "
            "two properties in Ranui.",
            "Police search two properties",
            "2024-07-03",
        ),
        # before any, the publication day ("this morning" is the publication day)
        (
            "U.S. stocks hit record highs earlier in the session.",
            "U.S. stocks hit record highs",
            "2024-07-05",
        ),
    ],
)
def test_a_time_within_the_day_the_story_dated(text: str, name: str, start: str) -> None:
    events = [e for e in events_of(text) if e.name.startswith(name)]
    assert [e.start for e in events] == [start], [(e.name, e.start) for e in events_of(text)]


def test_a_day_compared_with_is_no_date() -> None:
    """'its tally rose over the previous day by 235': how much, not when."""
    text = "Patna reported 40 new cases on Monday. Its tally rose over the previous day by 235."
    assert [e.name for e in events_of(text) if e.start == "2024-06-30"] == []


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        # a year right before a noun of a happening is its date; its "by" says who
        (
            "A confident 2010 appearance by the Liberal Democrat leader Nick Clegg sparked "
            "a wave of Cleggmania.",
            "Confident appearance by Nick Clegg",
            "2010",
        ),
        # a "by" phrase tells a dated noun from others when nothing else does
        (
            "A March 2019 study by Harvard University concluded that consumers pay.",
            "Study by Harvard University",
            "2019-03",
        ),
    ],
)
def test_a_noun_dated_in_its_own_phrase(sentence: str, name: str, start: str) -> None:
    events = [e for e in events_of(sentence) if e.name.startswith(name)]
    assert [e.start for e in events] == [start], [(e.name, e.start) for e in events_of(sentence)]


@pytest.mark.parametrize(
    ("sentence", "published", "start", "scheduled"),
    [
        # a day without its year is in the year its clause gives, not the story's
        (
            "The championships will take place July 15-24 in 2022.",
            dt.date(2020, 4, 8),
            "2022-07-15",
            True,
        ),
        (
            "Organisers said the Games will now take place on July 23-August 8 next year.",
            dt.date(2020, 4, 8),
            "2021-07-23",
            True,
        ),
        ("The ferry sank on July 15 in 2018.", dt.date(2020, 4, 8), "2018-07-15", False),
    ],
)
def test_a_yearless_day_is_in_its_clauses_year(
    sentence: str, published: dt.date, start: str, scheduled: bool
) -> None:
    events = [e for e in events_of(sentence, published) if e.start]
    assert [(e.start, e.scheduled) for e in events] == [(start, scheduled)], [
        e.name for e in events
    ]
