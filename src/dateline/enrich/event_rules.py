"""Event kinds and their trigger rules, read from ``data/event_triggers.yaml``.

Rules are data (one row per kind, each with an example sentence and the Event it
must yield) so that a test can iterate over them, and adding a kind touches the
table and this enum, nothing else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any, Literal

import yaml

__all__ = ["EventKind", "Role", "SchemaEventType", "TriggerRule", "load_rules"]


class EventKind(StrEnum):
    """What happened. The rule-based detectors of :mod:`dateline.enrich.events` add the
    noun-triggered kinds (a summit, an election, a disaster)."""

    MEETING = "meeting"
    VISIT = "visit"
    SIGNING = "signing"
    AGREEMENT = "agreement"
    DECISION = "decision"
    ANNOUNCEMENT = "announcement"
    LAUNCH = "launch"
    RULING = "ruling"
    ELECTION = "election"
    ATTACK = "attack"
    PURCHASE = "purchase"
    RESIGNATION = "resignation"
    DISMISSAL = "dismissal"
    APPOINTMENT = "appointment"
    PUBLICATION = "publication"
    TESTIMONY = "testimony"
    ARREST = "arrest"
    SCHEDULING = "scheduling"
    SPORT = "sport"
    HEARING = "hearing"
    HAPPENING = "happening"
    GATHERING = "gathering"
    DISASTER = "disaster"
    ACTION = "action"
    OCCASION = "occasion"
    OCCURRENCE = "occurrence"
    PHASE = "phase"
    #: an entry of a schedule, a line with no verb (:mod:`dateline.enrich.listings`)
    LISTING = "listing"


#: The schema.org Event subtypes dateline emits: only where the kind clearly fits.
SchemaEventType = Literal["Event", "BusinessEvent", "SportsEvent", "PublicationEvent"]
#: How a clause's subject or object takes part in the event.
Role = Literal["attendee", "organizer", "about", "location"]


@dataclass(frozen=True)
class TriggerRule:
    """One row of the trigger table."""

    kind: EventKind
    lemmas: frozenset[str]
    schema_type: SchemaEventType
    example: str
    expect: dict[str, str]
    noun: str
    #: the noun for a lemma whose happening has its own (``acquire`` → ``Acquisition``
    #: in the ``Order`` row): "Order of Meetup" named an acquisition falsely
    noun_by_lemma: dict[str, str] = field(default_factory=dict)
    subject_role: Role = "attendee"
    object_role: Role | None = None
    needs_object: bool = False
    particle: dict[str, str] = field(default_factory=dict)
    object_words: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    #: any verb not in ``exclude`` (the catch-all row, run after every specific one)
    any_verb: bool = False
    exclude: frozenset[str] = frozenset()
    #: an excluded lemma that does count with one of these words as its object, particle
    #: or its preposition's object: ``goes on sale``, ``took place``, ``gave a speech``
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: an excluded lemma that does count when someone named does it in a clause its own
    #: date dates: "Swift got high-profile support last week", "Instagram made it
    #: possible last month" (but not "it comes in addition to", "they got a signal")
    named_agent: frozenset[str] = frozenset()
    #: lemmas that report rather than happen ("said"): capped at ``weak_confidence``
    weak: frozenset[str] = frozenset()
    weak_confidence: float = 0.5
    #: a noun trigger counts only as the object of one of these (``made its maiden flight``)
    light_verbs: frozenset[str] = frozenset()
    #: how a noun-named event joins who took part: ``Hearing with X``, ``Visit by X``
    joiner: str = "with"
    #: nouns whose owner is who it happened to, joined by "of" ("Death of X", not "by")
    undergone: frozenset[str] = frozenset()
    #: a noun trigger counts only with a date in its own phrase (``the June 29 launch``)
    own_date: bool = False
    #: with ``own_date``: any noun a day is written before counts too, not only ``nouns``
    #: ("Tuesday's auction", "a Monday headline", "an October 11 presentation"): a day
    #: names when a thing happened, not who owns it or what it is made of
    day_nouns: bool = False
    #: a clause with no date of its own is dated by ``until``/``to`` a date: the new date
    #: of a happening moved there (``delayed until October 2007``), as a scheduled Event
    until: bool = False
    #: the lemma counts only with no object or complement, its subject being what began
    #: or ended ("the protests began in June"), never a person, a period or a pronoun
    #: ("he started selling", "the quarter ended June 30")
    subject_happens: bool = False
    #: the lemma does not count with an infinitive complement: "ordered Shell to cut its
    #: emissions" directs, "ordered 30 jets" buys
    no_infinitive: bool = False


def noun_for(rule: TriggerRule, lemma: str) -> str:
    """What the happening of ``lemma`` is called when the text names no one."""
    return rule.noun_by_lemma.get(lemma, rule.noun)


def _rule(row: dict[str, Any]) -> TriggerRule:
    return TriggerRule(
        kind=EventKind(row["kind"]),
        lemmas=frozenset(row["lemmas"]),
        schema_type=row["schema_type"],
        example=row["example"],
        expect={k: str(v) for k, v in row["expect"].items()},
        noun=row["noun"],
        noun_by_lemma={str(k): str(v) for k, v in row.get("noun_by_lemma", {}).items()},
        subject_role=row.get("subject_role", "attendee"),
        object_role=row.get("object_role"),
        needs_object=bool(row.get("needs_object", False)),
        no_infinitive=bool(row.get("no_infinitive", False)),
        particle=dict(row.get("particle", {})),
        object_words=frozenset(row.get("object_words", [])),
        nouns=frozenset(row.get("nouns", [])),
        any_verb=bool(row.get("any_verb", False)),
        exclude=frozenset(row.get("exclude", [])),
        idioms={str(k): frozenset(v) for k, v in row.get("idioms", {}).items()},
        named_agent=frozenset(row.get("named_agent", [])),
        weak=frozenset(row.get("weak", [])),
        weak_confidence=float(row.get("weak_confidence", 0.5)),
        light_verbs=frozenset(row.get("light_verbs", [])),
        joiner=str(row.get("joiner", "with")),
        undergone=frozenset(row.get("undergone", [])),
        own_date=bool(row.get("own_date", False)),
        day_nouns=bool(row.get("day_nouns", False)),
        until=bool(row.get("until", False)),
        subject_happens=bool(row.get("subject_happens", False)),
    )


@functools.cache
def load_rules() -> tuple[TriggerRule, ...]:
    """The bundled trigger table (read once per process; rows are immutable)."""
    text = resources.files("dateline").joinpath("data/event_triggers.yaml").read_text("utf-8")
    return tuple(_rule(row) for row in yaml.safe_load(text))
