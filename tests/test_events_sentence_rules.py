"""The sentence rules (enrich/sentence_rules.py), one row each at least (meetings,
signings, agreements, summits, elections, disasters and every row of the action table,
data/event_actions.yaml): each finds its row's event, dated by its own clause, and the
extractor without that one rule does not (turning a rule off fails a test)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.enrich.event_rules import EventKind
from dateline.enrich.events import EventDraft
from dateline.enrich.sentence_rules import RuleStage, default_rules, load_actions

from .events_helpers import events_of

#: (rule, sentence, kind, name (or how it starts), start) for a story published Friday
#: 2024-07-05: one row (at least) per sentence rule but the action rows, whose examples are
#: in data/event_actions.yaml.
ROWS = [
    (
        "meeting",
        "LONDON – British Prime Minister Keir Starmer met French President Emmanuel Macron "
        "on Thursday.",
        EventKind.MEETING,
        "Meeting between Keir Starmer and Emmanuel Macron",
        "2024-07-04",
    ),
    (
        "agreement",
        "In December 2023, Iran and the Eurasian Economic Union signed a free trade agreement.",
        EventKind.AGREEMENT,
        "Signing of the free trade agreement between Iran and Eurasian Economic Union",
        "2023-12",
    ),
    (
        "agreement",
        "The corridor was established by an agreement between Russia, Iran and India in 2002.",
        EventKind.AGREEMENT,
        "Agreement between Russia, Iran and India",
        "2002",
    ),
    (
        # one named party signs "by", never "between"
        "agreement",
        "Mary Steenburgen signed a publishing deal with a music company in May 2023.",
        EventKind.AGREEMENT,
        "Signing of the publishing deal by Mary Steenburgen",
        "2023-05",
    ),
    (
        "gathering",
        "Leaders gathered for the 16th BRICS Summit in Kazan on Tuesday.",
        EventKind.GATHERING,
        "16th BRICS Summit",
        "2024-07-02",
    ),
    (
        # a year in a gathering's own name dates it
        "gathering",
        "The deliveries are due in time for the 2008 Beijing Olympic Games.",
        EventKind.GATHERING,
        "2008 Beijing Olympic Games",
        "2008",
    ),
    (
        "election",
        "Kenya held a presidential election on 9 August 2022.",
        EventKind.ELECTION,
        "Kenya presidential election",
        "2022-08-09",
    ),
    (
        "disaster",
        "A powerful earthquake struck Morocco on 8 September 2023.",
        EventKind.DISASTER,
        "Earthquake in Morocco",
        "2023-09-08",
    ),
    (
        "disaster",
        "The flood in Pakistan killed hundreds in August 2022.",
        EventKind.DISASTER,
        "Flood in Pakistan",
        "2022-08",
    ),
]
ALL = ROWS + [
    (f"action:{row.key}", row.example, EventKind.ACTION, row.expect["name"], row.expect["date"])
    for row in load_actions()
]
RULES = default_rules()


def _by(events: list[EventDraft], kind: EventKind, name: str) -> list[EventDraft]:
    """The events the sentence rules found with that name (the linker names what NATO is)."""
    return [e for e in events if e.name.startswith(name) and e.kind is kind and not e.timeline]


@pytest.mark.parametrize(
    ("rule", "sentence", "kind", "name", "start"), ALL, ids=[r[0] + ":" + r[3] for r in ALL]
)
def test_each_sentence_rule(
    rule: str, sentence: str, kind: EventKind, name: str, start: str
) -> None:
    events = events_of(sentence)
    found = _by(events, kind, name)
    assert found, [e.name for e in events]
    assert found[0].start == start
    # one happening, one event: no timeline duplicate of the rule's event
    assert len([e for e in events if e.start == start]) == 1


@pytest.mark.parametrize(
    ("rule", "sentence", "kind", "name", "start"), ALL, ids=[r[0] + ":" + r[3] for r in ALL]
)
def test_turning_a_rule_off_loses_its_event(
    rule: str, sentence: str, kind: EventKind, name: str, start: str
) -> None:
    without = tuple(r for r in RULES if r.name != rule)
    assert len(without) == len(RULES) - 1
    assert _by(events_of(sentence, rules=without), kind, name) == []


def test_every_sentence_rule_has_a_row() -> None:
    assert {r.name for r in RULES} == {row[0] for row in ALL}
    assert all(isinstance(r.kind, EventKind) and isinstance(r.stage, RuleStage) for r in RULES)


def test_a_rule_event_in_a_negated_clause_is_dropped() -> None:
    assert events_of("Finland did not join NATO on 4 April 2023.") == []


def test_a_passive_with_its_actor_after_is_no_action_of_the_name_before() -> None:
    """ "Lawmakers will debate the budget approved by Republicans in April": the
    lawmakers approved nothing (a recognizer may take "Lawmakers" for a body)."""
    text = "Lawmakers will debate the state budget approved by Republicans in April."
    names = [e.name for e in events_of(text, published=dt.date(2024, 3, 1))]
    assert not [n for n in names if "Lawmakers" in n], names
    assert "State budget approved" in names, names
