"""The sentence rules, each a detector behind :class:`~dateline.enrich.timeline.EventDetector`.

These are the rules that read a sentence's words and the entities named in it, rather
than its parse: a meeting (``met``, ``talks with``) needs two participants, a signing
its parties, a named summit or conference its name, an election a qualifier or a date,
a disaster a place, and each row of the action table (``data/event_actions.yaml``:
``sworn in``, ``ruled``, ``ratified``…) what its name needs. Each is one detector with
its :class:`RuleStage`, so :class:`~dateline.enrich.events.EventExtractor` can run them
in order and a test can turn any one off (tests/test_events_sentence_rules.py).

Every detector returns :class:`~dateline.enrich.timeline.ClauseEvent` with the words that
triggered it and their span; the extractor then re-reads each in its own clause (its
dates, whether it is negated, hypothetical or scheduled).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any, Protocol

import yaml

from dateline.enrich.entities import Extraction, Mention
from dateline.enrich.event_rules import EventKind
from dateline.enrich.sentences import Sentence
from dateline.enrich.temporal import TimeExpression
from dateline.enrich.timeline import ClauseEvent, EventDetector, SentenceContext

__all__ = [
    "CONTINUES",
    "GATHERING",
    "NAMED_YEAR",
    "ActionRow",
    "RuleStage",
    "SentenceRule",
    "default_rules",
    "load_actions",
]

_MEET = re.compile(r"\b(met|meets|meeting|held talks|talks with|hosted|received|visited)\b", re.I)
_SIGN = re.compile(r"\b(signed|signs|sign|signing|inked)\b", re.I)
_AGREEMENT = re.compile(
    r"\b(?P<obj>(?:[\w-]+\s+){0,3}?(?:agreement|deal|accord|treaty|pact|memorandum))\b"
)
_AGREEMENT_BETWEEN = re.compile(r"\b(agreement|deal|accord|treaty|pact)\s+between\b", re.I)
GATHERING = re.compile(
    r"\b(summit|conference|forum|ceremony"
    # only capitalised and with a year: "the 2008 Beijing Olympic Games", not "mind games"
    r"|(?-i:Games|Olympics|Olympiad|Expo|Festival|Championships?|World Cup))\b",
    re.I,
)
#: A year in a gathering's own name dates it: "the 2008 Beijing Olympic Games".
NAMED_YEAR = re.compile(r"(?<![\d-])(?:19|20)\d{2}(?![\d-])")
_ELECTION = re.compile(
    r"(?<![-\w])(?P<kind>presidential|parliamentary|general|legislative|local|regional|snap|midterm)?"
    r"\s*(?P<noun>election|elections|runoff|run-off|referendum)\b",
    re.I,
)
_DISASTER = re.compile(
    r"\b(?P<noun>earthquake|quake|bombing|explosion|flood|floods|wildfire|hurricane|cyclone|"
    r"riot|riots)\b",
    re.I,
)
_NAME_TAIL = re.compile(r"(?:\s+(?:of|on|for)(?:\s+the)?)?(?:\s+[A-Z][\w’'-]*)+")
_PHRASE = re.compile(r"\s+(?P<phrase>the\s+(?:[A-Z][\w’'-]*\s+){0,6}[A-Z][\w’'-]*)")
_WINNER = re.compile(r"\bdeclared\b(?P<between>.{0,80}?)\bthe winner\b|\bwon\b")
CONTINUES = re.compile(r"^(?:Speaking|Addressing|Talking|Writing)\s+(?:in|at|from)\b|sidelines")
_LOCATIVE = re.compile(r"\b(?:in|at)\s+$")
_SPOKEN_OF = re.compile(r"\b(?:from|of|by|about|against|on behalf of)\s+(?:the\s+)?$")
_CLAUSE_START = re.compile(r",|;|\b(?:where|which|who|while|after|when)\b")
_PAST_HAPPENING = re.compile(
    r"\b(established|reached|concluded|struck|signed|agreed|sealed|finalized|finalised)\b", re.I
)
_PLACE_TYPES = {"City", "Country", "Place", "AdministrativeArea"}


class RuleStage(StrEnum):
    """When a sentence rule runs, and what its finding does to the others."""

    #: a named gathering: the sentence's other events are part of it (``superEvent``)
    GATHERING = "gathering"
    #: meetings and signings: every one that fits
    PRIMARY = "primary"
    #: the action rows, then disasters: the first that fits, only when no primary did
    FALLBACK = "fallback"
    #: elections: always
    ALWAYS = "always"


class SentenceRule(EventDetector, Protocol):
    """A sentence rule: an :class:`EventDetector` with a name and a stage."""

    name: str
    stage: RuleStage


@dataclass(frozen=True)
class ActionRow:
    """One row of ``data/event_actions.yaml``: a trigger, the name it gives, and what the
    name needs (``agent`` named before the trigger in its clause, ``agents`` all of them,
    ``object`` the first entity after it, ``phrase`` a capitalised name right after it,
    ``country`` an agent that is a country)."""

    key: str
    pattern: re.Pattern[str]
    name: str
    needs: frozenset[str]
    example: str
    expect: dict[str, str]


def _action_row(row: dict[str, Any]) -> ActionRow:
    flags = re.I if row.get("ignore_case") else 0
    return ActionRow(
        key=str(row["key"]),
        pattern=re.compile(row["pattern"], flags),
        name=str(row["name"]),
        needs=frozenset(row["needs"]),
        example=str(row["example"]),
        expect={k: str(v) for k, v in row["expect"].items()},
    )


@functools.cache
def load_actions() -> tuple[ActionRow, ...]:
    """The bundled action table (read once per process; rows are immutable)."""
    text = resources.files("dateline").joinpath("data/event_actions.yaml").read_text("utf-8")
    return tuple(_action_row(row) for row in yaml.safe_load(text))


#: A passive's actor right after its participle: "approved by the Senate".
_BY_AFTER = re.compile(r"\s+by\b")


def _join(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _found(
    *,
    name: str,
    kind: EventKind,
    sentence: int,
    trigger: str = "",
    span: tuple[int, int] = (0, 0),
    start: str | None = None,
    location: Sequence[str] = (),
    attendee: Sequence[str] = (),
    organizer: Sequence[str] = (),
    about: Sequence[str] = (),
    confidence: float = 0.8,
) -> ClauseEvent:
    """What a sentence rule found: undated until its clause is read (``start`` is the
    date the rule itself chose, for an event the parse cannot place)."""
    return ClauseEvent(
        kind=kind,
        schema_type="Event",
        name=name,
        sentence=sentence,
        trigger=trigger,
        span=span,
        times=[],
        scheduled=False,
        confidence=confidence,
        attendee=list(attendee),
        organizer=list(organizer),
        about=list(about),
        location=list(location),
        start=start,
    )


class _View:
    """One sentence as the rules read it: its words, dates and entities (and the
    dateline's place, which ``here`` means)."""

    def __init__(self, context: SentenceContext) -> None:
        self._context = context
        self.sentence: Sentence = context.parse.sentence
        self.mentions: Sequence[Mention] = context.mentions
        self.times: Sequence[TimeExpression] = context.times
        self.entities: Extraction = context.entities
        self.here = context.here

    @functools.cached_property
    def described(self) -> list[Mention]:
        """The mentions with the descriptions resolved to a person (``Iran's acting
        president``): who met. Only the meeting rule reads them."""
        return [
            m
            for m in self.entities.in_sentence(self.sentence.index, descriptions=True)
            if m.start >= self._context.skip_before
        ]

    def kind(self, mention: Mention) -> str:
        return self.entities.entities[mention.key].type

    def name(self, key: str) -> str:
        return self.entities.entities[key].name

    def people(self, mentions: Sequence[Mention], text: str | None = None) -> list[str]:
        """People among the mentions; with ``text``, not those only spoken of
        (``a message from the Leader``, ``the policy of Putin``)."""
        return list(
            dict.fromkeys(
                m.key
                for m in mentions
                if self.kind(m) == "Person"
                and (text is None or not _SPOKEN_OF.search(text[: m.start]))
            )
        )

    def agents(self, mentions: Sequence[Mention]) -> list[str]:
        kinds = {"Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization"}
        return list(dict.fromkeys(m.key for m in mentions if self.kind(m) in kinds))

    def places_after_in(self, sentence: Sentence, mentions: Sequence[Mention]) -> list[str]:
        places = {"City", "Country", "Place", "AdministrativeArea"}
        out: list[str] = []
        for m in mentions:
            if self.kind(m) in places and _LOCATIVE.search(sentence.text[: m.start]):
                key = m.key
                # "Astana, Kazakhstan": the city is the location; its country is implied
                if out and self.entities.entities[out[-1]].contained_in == key:
                    continue
                out.append(key)
        return out[:1]

    def meeting(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> ClauseEvent | None:
        people = self.people(mentions, sentence.text)
        agents = self.agents(mentions)
        if (
            len(people) < 2
            and not (people and len(agents) >= 2)
            and (sentence.index != 0 or not people)
        ):
            return None
        if len(people) < 2:
            # an organization named in a person's role ("Chairman of the ... Committee")
            # did not attend; the person did
            roles = {k for p in people for k in self.entities.entities[p].member_of} | {
                k for p in people for k in self.entities.entities[p].affiliation
            }
            attendees = [k for k in agents if k not in roles]
        else:
            attendees = people
        if len(attendees) < 2 and sentence.index != 0:
            return None
        return _found(
            name=f"Meeting between {_join([self.name(k) for k in attendees])}",
            kind=EventKind.MEETING,
            sentence=sentence.index,
            start=_first(times),
            location=self.places_after_in(sentence, mentions),
            attendee=attendees,
        )

    def agreement(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> ClauseEvent | None:
        text = sentence.text
        signed = _SIGN.search(text)
        between = _AGREEMENT_BETWEEN.search(text)
        if signed is None and not (between and _PAST_HAPPENING.search(text)):
            return None
        parties = [m for m in mentions if m.start > between.end()] if between else []
        if signed is not None and not parties:
            clause = max(
                (m.end() for m in _CLAUSE_START.finditer(text, 0, signed.start())), default=0
            )
            parties = [m for m in mentions if clause <= m.start < signed.start()]
            passive = re.compile(r"\s+(?:into law\s+)?by\s+").match(text, signed.end())
            if not parties and passive:  # "was signed into law by President Joe Biden"
                parties = [m for m in mentions if m.start >= passive.end()][:1]
        if not parties or (signed is None and not times):
            return None
        keys = list(dict.fromkeys(m.key for m in parties))
        names = _join([self.name(k) for k in keys])
        agreement = _AGREEMENT.search(text, signed.end() if signed else 0)
        obj = _clean_object(agreement["obj"]) if agreement else "agreement"
        # "between" needs two: one named party signed it, or made an agreement with
        # someone the text does not name ("signed to Universal Music in 2018")
        between_or_by = "between" if len(keys) > 1 else "by"
        name = (
            f"Signing of the {obj} {between_or_by} {names}"
            if signed
            else f"Agreement {'between' if len(keys) > 1 else 'of'} {names}"
        )
        agents = [k for k in keys if self.entities.entities[k].type not in _PLACE_TYPES]
        return _found(
            name=name,
            kind=EventKind.AGREEMENT,
            sentence=sentence.index,
            start=_first(times),
            location=self.places_after_in(sentence, mentions),
            attendee=agents,
            about=[k for k in keys if k not in agents],
        )

    def gathering(
        self,
        sentence: Sentence,
        mentions: Sequence[Mention],
        times: Sequence[TimeExpression],
    ) -> ClauseEvent | None:
        """A named summit or conference: ``the 24th summit of the Council ... (SCO)``,
        ``the North Atlantic Treaty Organization (NATO) summit in Washington``."""
        text = sentence.text
        for match in GATHERING.finditer(text):
            start = _phrase_start(text, match.start())
            end = match.end()
            games = match.group(0).lower() not in ("summit", "conference", "forum", "ceremony")
            if games and not NAMED_YEAR.search(text, start, end):
                continue  # "the Tokyo Olympics": a sports row's, unless its year names it
            if match.group(0)[0].isupper():  # part of a name: "the 21st Conference of the Parties"
                rest = _NAME_TAIL.match(text, end)
                end = rest.end() if rest else end
            inside = [m for m in mentions if start <= m.start < end]
            after = re.match(r"\s+(?:of|on)\s+(?:the\s+)?", text[end:])
            if after:
                following = sorted(
                    (m for m in mentions if m.start >= end + after.end()), key=lambda m: m.start
                )
                chain_end = end + after.end()
                for m in following:
                    gap = text[chain_end : m.start]
                    if gap.strip() and not re.fullmatch(r"\s*(?:of|on)?\s*(?:the)?\s*", gap):
                        break
                    inside.append(m)
                    chain_end = m.end
                end = max(end, chain_end)
            qualifier = text[start : match.start()].strip()
            if not inside and not re.search(r"\d|[A-Z]", qualifier):
                # "a summit in Brussels", "the leaders' summit here": named by its place
                where = self.place_after(text, end, mentions)
                if where is None:
                    continue  # "the summit": no name to give it
                noun = match.group(0).lower()
                return _found(
                    name=f"{noun.capitalize()} in {self.name(where)}",
                    kind=EventKind.GATHERING,
                    sentence=sentence.index,
                    location=[where],
                    trigger=match.group(0),
                    span=match.span(),
                    confidence=0.75,
                )
            name = re.sub(r"\s*\([A-Z0-9]+\)", "", text[start:end]).strip()
            name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
            place = re.match(r"(?:\s*\([A-Z0-9]+\))?\s+in\s+", text[end:])
            location = []
            if place:
                at = end + place.end()
                location = [
                    m.key for m in mentions if m.start == at and self.kind(m) in _PLACE_TYPES
                ]
            if not location and CONTINUES.search(text):
                location = self.places_after_in(sentence, mentions)
            organizers = [
                m.key for m in inside if self.kind(m) in {"Organization", "GovernmentOrganization"}
            ]
            return _found(
                name=name[0].upper() + name[1:],
                kind=EventKind.GATHERING,
                sentence=sentence.index,
                location=location,
                organizer=list(dict.fromkeys(organizers[-1:])),
                trigger=match.group(0),
                span=match.span(),
            )
        return None

    def place_after(self, text: str, end: int, mentions: Sequence[Mention]) -> str | None:
        """The place right after a noun: ``summit in Brussels``, ``summit here``."""
        if re.match(r"\s+here\b", text[end:]) and self.here:
            return self.here
        place = re.match(r"\s+in\s+", text[end:])
        if place is None:
            return None
        at = end + place.end()
        return next(
            (m.key for m in mentions if m.start == at and self.kind(m) in _PLACE_TYPES), None
        )

    def election(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> ClauseEvent | None:
        match = next(
            (
                m
                for m in _ELECTION.finditer(sentence.text)
                # "the Election Headquarters" names an office, not an election
                if not any(x.start <= m.start("noun") < x.end for x in mentions)
            ),
            None,
        )
        if match is None or (not match["kind"] and not times):
            return None
        countries = [m.key for m in mentions if self.kind(m) == "Country"]
        main_country = self.country_key(self.entities.context[0]) if self.entities.context else None
        where = countries[:1] or ([main_country] if main_country else [])
        place = f"{self.name(where[0])} " if where and where[0] in self.entities.entities else ""
        kind = f"{match['kind'].lower()} " if match["kind"] else ""
        winner = _WINNER.search(sentence.text)
        won: list[str] = []
        if winner is not None:
            between = (
                [
                    m.key
                    for m in mentions
                    if self.kind(m) == "Person"
                    and winner.start("between") <= m.start < winner.end("between")
                ]
                if winner["between"] is not None
                else []
            )
            before = [
                m.key for m in mentions if self.kind(m) == "Person" and m.start < winner.start()
            ]
            won = between[-1:] or before[-1:]
        return _found(
            about=won,
            name=f"{place}{kind}{match['noun'].lower()}".strip().capitalize()
            if not place
            else f"{place}{kind}{match['noun'].lower()}",
            kind=EventKind.ELECTION,
            sentence=sentence.index,
            trigger=match.group(0).strip(),
            span=(match.start("noun"), match.end("noun")),
            confidence=0.75,
            start=_nearest(times, match.start()),
            location=[w for w in where if w in self.entities.entities],
        )

    def disaster(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> ClauseEvent | None:
        match = _DISASTER.search(sentence.text)
        if match is None:
            return None
        places = (
            self.places_after_in(sentence, mentions)
            or [m.key for m in mentions if self.kind(m) in _PLACE_TYPES][:1]
        )
        if not places or not (times or sentence.index == 0):
            return None
        noun = match["noun"].lower()
        noun = {"quake": "earthquake", "floods": "flood", "riots": "riot"}.get(noun, noun)
        return _found(
            name=f"{noun.capitalize()} in {self.name(places[0])}",
            kind=EventKind.DISASTER,
            sentence=sentence.index,
            trigger=match.group(0),
            span=match.span(),
            confidence=0.75,
            start=_first(times),
            location=places,
        )

    def action(
        self,
        sentence: Sentence,
        mentions: Sequence[Mention],
        times: Sequence[TimeExpression],
        rows: Sequence[ActionRow],
    ) -> ClauseEvent | None:
        text = sentence.text
        for row in rows:
            pattern, template, needs = row.pattern, row.name, row.needs
            match = pattern.search(text)
            if match is None:
                continue
            if not times and sentence.index != 0:
                return None  # an undated action outside the lead is background, not an event
            if _BY_AFTER.match(text, match.end()):
                # "the budget approved by Republicans": a passive, whose actor follows;
                # a name before it did not act (the clause detectors read it whole)
                continue
            clause = max(
                (m.end() for m in _CLAUSE_START.finditer(text, 0, match.start())), default=0
            )
            agents = list(
                dict.fromkeys(m.key for m in mentions if clause <= m.start < match.start())
            )
            objects = [m.key for m in mentions if m.start >= match.end()]
            phrase = _PHRASE.match(text, match.end())
            have = {
                # an invasion is by a country: "Russia's invasion", not "on Twitter"
                "country": bool(agents) and self.entities.entities[agents[-1]].type == "Country",
                "agent": bool(agents),
                "agents": bool(agents),
                "object": bool(objects),
                "phrase": phrase is not None,
            }
            if not all(have[n] for n in needs):
                continue
            agent = agents[-1] if agents else None
            target = objects[0] if objects else None
            name = template.format(
                agent=self.name(agent) if agent else "",
                agents=_join([self.name(k) for k in agents]),
                object=self.name(target) if target else "",
                phrase=phrase["phrase"] if phrase else "",
            )
            if "{agents}" in template and len(agents) == 1:
                name = f"Decision of {self.name(agents[0])}"
            keys = [*(agents if "agent" in " ".join(needs) else []), *([target] if target else [])]
            keys = list(dict.fromkeys(keys))
            people_orgs = [k for k in keys if self.entities.entities[k].type not in _PLACE_TYPES]
            return _found(
                name=name,
                kind=EventKind.ACTION,
                sentence=sentence.index,
                trigger=match.group(0),
                span=match.span(),
                confidence=0.75,
                start=_nearest(times, match.start()),
                location=self.places_after_in(sentence, mentions),
                attendee=[k for k in people_orgs if k != target or "{object}" not in template],
                about=[k for k in keys if k not in people_orgs]
                + [k for k in people_orgs if k == target and "{object}" in template],
            )
        return None

    def country_key(self, code: str) -> str | None:
        for key, found in self.entities.entities.items():
            if found.type == "Country" and found.place is not None and found.place.country == code:
                return key
        return None

    # -- across sentences -------------------------------------------------------------


def _first(times: Sequence[TimeExpression]) -> str | None:
    return times[0].start if times else None


def _nearest(times: Sequence[TimeExpression], at: int) -> str | None:
    """The expression closest to the trigger: "ruled today", "on Tuesday ratified"."""
    if not times:
        return None
    return min(times, key=lambda t: min(abs(t.start_offset - at), abs(t.end_offset - at))).start


def _clean_object(phrase: str) -> str:
    words = phrase.split()
    drop = {"a", "an", "the", "significant", "new", "historic", "landmark", "major", "key"}
    while words and words[0].lower() in drop:
        words.pop(0)
    return " ".join(words)


def _phrase_start(text: str, at: int) -> int:
    """Where the noun phrase ending at ``at`` begins: back over capitalised words, ordinals,
    acronyms in parentheses and "the"."""
    tokens = list(re.finditer(r"\([A-Z0-9]+\)|[\w’'.-]+", text[:at]))
    start = at
    for token in reversed(tokens):
        word = token.group(0)
        if (
            word[0].isupper()
            or re.fullmatch(r"\d+(?:st|nd|rd|th)|\d{4}|\([A-Z0-9]+\)", word)
            or word in ("of", "the")
        ):
            start = token.start()
            continue
        break
    while text[start:at].lower().startswith(("of ", "the ")):
        start += text[start:at].index(" ") + 1
    return start


Finder = Callable[[_View], "ClauseEvent | None"]


class _Rule:
    """A sentence rule from one of the view's finders."""

    def __init__(self, name: str, kind: EventKind, stage: RuleStage, finder: Finder) -> None:
        self.name = name
        self.kind = kind
        self.stage = stage
        self._finder = finder

    def detect(self, context: SentenceContext) -> list[ClauseEvent]:
        found = self._finder(_View(context))
        return [found] if found is not None else []


def _meeting(view: _View) -> ClauseEvent | None:
    met = _MEET.search(view.sentence.text)
    found = view.meeting(view.sentence, view.described, view.times) if met else None
    if found is None or met is None:
        return None
    found.trigger, found.span = met.group(0), met.span()
    return found


def _agreement(view: _View) -> ClauseEvent | None:
    text = view.sentence.text
    signed = _SIGN.search(text) or _AGREEMENT_BETWEEN.search(text)
    found = view.agreement(view.sentence, view.mentions, view.times) if signed else None
    if found is None or signed is None:
        return None
    found.trigger, found.span = signed.group(0), signed.span()
    return found


def _action(row: ActionRow) -> Finder:
    return lambda view: view.action(view.sentence, view.mentions, view.times, (row,))


def default_rules(actions: Sequence[ActionRow] | None = None) -> tuple[SentenceRule, ...]:
    """Every sentence rule, in the order they run: gatherings, meetings and signings,
    the action rows then disasters (the first that fits), elections."""
    rows = actions if actions is not None else load_actions()
    return (
        _Rule(
            "gathering",
            EventKind.GATHERING,
            RuleStage.GATHERING,
            lambda v: v.gathering(v.sentence, v.mentions, v.times),
        ),
        _Rule("meeting", EventKind.MEETING, RuleStage.PRIMARY, _meeting),
        _Rule("agreement", EventKind.AGREEMENT, RuleStage.PRIMARY, _agreement),
        *(
            _Rule(f"action:{row.key}", EventKind.ACTION, RuleStage.FALLBACK, _action(row))
            for row in rows
        ),
        _Rule(
            "disaster",
            EventKind.DISASTER,
            RuleStage.FALLBACK,
            lambda v: v.disaster(v.sentence, v.mentions, v.times),
        ),
        _Rule(
            "election",
            EventKind.ELECTION,
            RuleStage.ALWAYS,
            lambda v: v.election(v.sentence, v.mentions, v.times),
        ),
    )
