"""The sentence rules of enrich/events.py, one row each (meetings, signings, agreements,
summits, elections, disasters and every row of its action table), so that turning one
off fails a test; each event is dated by its own clause."""

from __future__ import annotations

import pytest

from dateline.enrich.event_rules import EventKind

from .events_helpers import events_of

#: (sentence, kind, name (or how it starts), start) for a story published Friday 2024-07-05.
ROWS = [
    (
        "LONDON – British Prime Minister Keir Starmer met French President Emmanuel Macron "
        "on Thursday.",
        EventKind.MEETING,
        "Meeting between Keir Starmer and Emmanuel Macron",
        "2024-07-04",
    ),
    (
        "In December 2023, Iran and the Eurasian Economic Union signed a free trade agreement.",
        EventKind.AGREEMENT,
        "Signing of the free trade agreement between Iran and Eurasian Economic Union",
        "2023-12",
    ),
    (
        "The corridor was established by an agreement between Russia, Iran and India in 2002.",
        EventKind.AGREEMENT,
        "Agreement between Russia, Iran and India",
        "2002",
    ),
    (
        "Leaders gathered for the 16th BRICS Summit in Kazan on Tuesday.",
        EventKind.GATHERING,
        "16th BRICS Summit",
        "2024-07-02",
    ),
    (
        "Kenya held a presidential election on 9 August 2022.",
        EventKind.ELECTION,
        "Kenya presidential election",
        "2022-08-09",
    ),
    (
        "A powerful earthquake struck Morocco on 8 September 2023.",
        EventKind.DISASTER,
        "Earthquake in Morocco",
        "2023-09-08",
    ),
    (
        "William Ruto was sworn in on Tuesday.",
        EventKind.ACTION,
        "Swearing-in of William Ruto",
        "2024-07-02",
    ),
    (
        "The Constitutional Court ruled on Wednesday that the budget was void.",
        EventKind.ACTION,
        "Ruling of the Constitutional Court",
        "2024-07-03",
    ),
    (
        "Turkey's parliament ratified the accession on Tuesday.",
        EventKind.ACTION,
        "Ratification by Turkey",
        "2024-07-02",
    ),
    (
        "The leaders adopted the New Delhi Leaders' Declaration on 9 September 2023.",
        EventKind.ACTION,
        "Adoption of the New Delhi Leaders' Declaration",
        "2023-09-09",
    ),
    (
        "The African Union adopted the plan on Monday.",
        EventKind.ACTION,
        "Adoption by African Union",
        "2024-07-01",
    ),
    (
        "Saudi Arabia and Iran have agreed on Friday to restore ties.",
        EventKind.ACTION,
        "Agreement between Saudi Arabia and Iran",
        "2024-07-05",
    ),
    (
        "Finland joined NATO on 4 April 2023.",
        EventKind.ACTION,
        "Accession of Finland to ",
        "2023-04-04",
    ),
    (
        "Sweden applied to join NATO in May 2022.",  # the date of an infinitive lent to its verb
        EventKind.ACTION,
        "Application of Sweden to join ",
        "2022-05",
    ),
    (
        "Russia's invasion of Ukraine began in February 2022.",
        EventKind.ACTION,
        "Invasion of Ukraine",
        "2022-02",
    ),
    (
        "Supporters stormed the Congress building on Sunday.",
        EventKind.ACTION,
        "Storming of Congress",
        "2024-06-30",
    ),
    (
        # a year in a gathering's own name dates it
        "The deliveries are due in time for the 2008 Beijing Olympic Games.",
        EventKind.GATHERING,
        "2008 Beijing Olympic Games",
        "2008",
    ),
    (
        "The flood in Pakistan killed hundreds in August 2022.",
        EventKind.DISASTER,
        "Flood in Pakistan",
        "2022-08",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "name", "start"), ROWS, ids=[r[2] for r in ROWS])
def test_each_sentence_rule(sentence: str, kind: EventKind, name: str, start: str) -> None:
    events = events_of(sentence)
    found = [e for e in events if e.name.startswith(name)]  # the linker names what NATO is
    assert found, [e.name for e in events]
    assert found[0].kind is kind
    assert found[0].start == start
    assert not found[0].timeline  # the rule found it, not the trigger table
    # one happening, one event: no timeline duplicate of the rule's event
    assert len([e for e in events if e.start == start]) == 1


def test_a_rule_event_in_a_negated_clause_is_dropped() -> None:
    assert events_of("Finland did not join NATO on 4 April 2023.") == []
