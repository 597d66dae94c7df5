"""The catch-all row: a light verb it excludes ("get", "make", "come") still reports a
happening when someone named does it on a date of its own clause, and only then."""

from __future__ import annotations

import pytest

from .events_helpers import events_of


@pytest.mark.parametrize(
    ("sentence", "name", "start"),
    [
        ("Taylor Swift got high-profile support last week.", "Taylor Swift gets", "2024-06-24"),
        ("Lionel Messi became a citizen of Spain in 2005.", "Lionel Messi becomes", "2005"),
        (
            "Boeing took a $5 billion charge in March.",
            "Boeing takes a $5 billion charge",
            "2024-03",
        ),
    ],
)
def test_a_named_agents_light_verb_is_a_happening(sentence: str, name: str, start: str) -> None:
    events = [e for e in events_of(sentence) if e.name.startswith(name)]
    assert [e.start for e in events] == [start], [e.name for e in events_of(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        # no one named did it
        "It comes in addition to five Dreamliner sales earlier this week.",
        "They got a strong signal of water vapor on April 26, 2016.",
        # a light verb without its object names nothing
        "Last month, Instagram made it possible for accounts to hide their contact details.",
        # its date is lent by the clause it is coordinated with
        "Boeing announced the order on Monday and got a boost from it.",
    ],
)
def test_a_light_verb_without_a_named_agent_is_no_happening(sentence: str) -> None:
    names = [e.name for e in events_of(sentence)]
    assert not [
        n
        for n in names
        if n.split()[-1] in ("comes", "gets", "makes", "got") or " gets " in n or " makes " in n
    ], names


def test_a_saying_by_the_one_the_story_named_before_is_published() -> None:
    """ "the spokesman said on Tuesday" after the story named Boeing is Boeing's
    spokesman: identified, so as sure as a named source's saying; alone, no one a reader
    could tell apart said it: published (dated), but at the bare minimum."""
    alone = "The spokesman said on Tuesday that demand was strong."
    text = "Boeing sold 30 jets to Emirates. " + alone
    said = [e for e in events_of(text) if e.name.startswith("Spokesman says")]
    assert [(e.start, e.confidence >= 0.75) for e in said] == [("2024-07-02", True)]
    said = [e for e in events_of(alone) if e.name.startswith("Spokesman says")]
    assert [(e.start, e.confidence < 0.75) for e in said] == [("2024-07-02", True)]


def test_a_reduced_passive_tagged_as_a_past_tense_is_a_passive() -> None:
    """ "The results reported Monday are ...": the results were reported (the tagger may
    read "reported" as a past tense with no subject); nothing "reports" on its own."""
    text = "The results reported Monday are based on interim analysis of trials in Brazil."
    assert [(e.name, e.start) for e in events_of(text)] == [("Results reported", "2024-07-01")]


@pytest.mark.parametrize(
    ("sentence", "identified"),
    [
        # a source tied to a named body by a preposition is identified, "a" or not
        ("A spokesman for Boeing said on Tuesday that demand was strong.", True),
        ("Officials at the Department of State said on Tuesday that demand was strong.", True),
        # a nationality identifies no one (the saying is still published, at the minimum
        # confidence: see test_events_rules)
        ("A senior Chinese official said on Tuesday that demand was strong.", False),
    ],
)
def test_a_source_tied_to_a_named_body(sentence: str, identified: bool) -> None:
    said = [e for e in events_of(sentence) if " say" in e.name]
    assert [e.confidence >= 0.75 for e in said] == [identified]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a light verb with the word that makes it a happening: "came out" was released
        ("The album came out on Friday.", "Album comes out"),
        # "first appeared": the beginning of what the subject names
        (
            "Cases of Eastern Equine Encephalitis first appeared in Michigan in August.",
            "Cases of Eastern Equine Encephalitis appear",
        ),
    ],
)
def test_an_excluded_verb_with_its_idiom_word_is_a_happening(sentence: str, name: str) -> None:
    assert name in [e.name for e in events_of(sentence)]
