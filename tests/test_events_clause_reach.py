"""Clauses that report a dated happening the parse hides: a span's "from" the parser hangs
on a noun ("studied Saturn and its moons from 2004 to 2017"), an attempt ("tried to block
the facility on Monday"), "they" standing for a subject above it in the sentence or for
the plural subject of the sentence before, a date between a happening named as the
subject and its verb ("Ginsburg's death Friday, Sept. 18 sparked a fight"), "starting
on Sunday" that says when the clause above it starts, what a time saw ("Today sees the
advent of …"), what a named subject became, and a definite noun with a date of
its own inside a clause that only supposes ("hopes to attend the June 5 meeting"). Each
row fails with its rule turned off; the rows after them keep what must stay unreported."""

from __future__ import annotations

import datetime as dt

import pytest

from .events_helpers import assert_reported, events_of

#: Friday 24 April 2020.
FRIDAY = dt.date(2020, 4, 24)


@pytest.mark.parametrize(
    ("sentence", "name", "start", "scheduled"),
    [
        # a span's own "from" compares nothing, wherever the parser hangs it
        (
            "NASA's Cassini spacecraft, which studied Saturn and its moons from 2004 to 2017.",
            "NASA's Cassini spacecraft studies Saturn and its moons",
            "2004",
            False,
        ),
        # an attempt is a happening, dated by the infinitive it hangs on
        (
            "Protesters tried to block the fuel facility in Senkata on Monday.",
            "Protesters try to block the fuel facility in Senkata",
            "2020-04-20",
            False,
        ),
        # a fronted phrase does not name what was done; the infinitive does
        (
            "From there, the migrants tried to enter California on Monday.",
            "Migrants try to enter California",
            "2020-04-20",
            False,
        ),
        # "they" of a relative clause under a saying stands for the sayers
        (
            "Rebels say they have now retaken several villages that they lost last week.",
            "Rebels lose several villages",
            "2020-04-13",
            False,
        ),
        # "they" opening a sentence stands for the plural subject of the one before
        (
            "The researchers continued to study the receptor. They demonstrated in 2013 "
            "that it responded to molecules of gut microbes.",
            "Researchers demonstrate",
            "2013",
            False,
        ),
        # a date between a happening named as the subject and its verb dates it
        (
            "The company's bankruptcy filing Monday, April 20 stunned investors.",
            "Bankruptcy filing",
            "2020-04-20",
            False,
        ),
        # "starting"/"beginning" a date, with nothing of its own, starts the clause above
        (
            "Starting on Sunday, New York Penn Station will close in the overnight hours.",
            "New York Penn Station closes in the overnight hours",
            "2020-04-26",
            True,
        ),
        (
            "The MTA said it will suspend subway service each night beginning on Wednesday, May 6.",
            "MTA suspends subway service",
            "2020-05-06",
            True,
        ),
        # what a named subject became names the happening
        (
            "Michael Howitt became fascinated with tuft cells in 2011.",
            "Michael Howitt becomes fascinated with tuft cells",
            "2011",
            False,
        ),
        # what a time saw or brought is what happened then
        (
            "Monday brought heavy rain to the region.",
            "Heavy rain",
            "2020-04-20",
            False,
        ),
        (
            "Last year saw record sales at the company.",
            "Record sales at the company",
            "2019",
            False,
        ),
        # a definite noun with its own date is known, whatever the clause supposes
        (
            "The minister hopes to attend the June 5 summit in Paris.",
            "Summit in Paris",
            "2020-06-05",
            True,
        ),
    ],
)
def test_a_clause_the_parse_hides_reports_its_happening(
    sentence: str, name: str, start: str, scheduled: bool
) -> None:
    assert_reported(sentence, name, start, scheduled, FRIDAY)


@pytest.mark.parametrize(
    "sentence",
    [
        # an allegation, like a claim, is not shown to have happened
        "Prosecutors alleged that the banker abused dozens of clients from 2002 to 2005.",
        # a comparison is not when the clause happened
        "Hood lost by five points, a turnaround from four years ago.",
        # an attempt denied, or only wished, did not happen
        "The protesters did not try to block the facility on Monday.",
        # an indefinite dated noun is what the clause supposes
        "The council would hold a Dec. 15 vote on the plan.",
        # "they" with no plural subject before it stands for no one the text names
        "The minister spoke at length. They closed the road on Monday.",
        # a date after the noun a "since" starts from is that noun's, not the clause's
        "Since the injury a couple of weeks ago, the backup has played well.",
        # a definite dated noun in a denied clause stays denied
        "The minister did not attend the June 5 summit in Paris.",
    ],
)
def test_what_stays_unreported(sentence: str) -> None:
    events = [e for e in events_of(sentence, FRIDAY) if e.confidence >= 0.6]
    assert events == [], [(e.name, e.start) for e in events]
