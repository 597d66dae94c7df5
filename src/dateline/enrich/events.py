"""Events an article reports, found sentence by sentence.

A sentence reports an event when it has a trigger (met, talks, summit, signed,
agreement, election, earthquake, attack…) *and* what the event needs to be more
than a word: participants for a meeting, parties and a date for an agreement, a
qualifier or a date for an election. The event takes its date from a temporal
expression in the same sentence, its place from ``in <Place>`` there, and its
``superEvent`` from ``on the sidelines of`` / ``at the <summit>``.

A sentence that continues the previous one's scene (``Speaking in Astana, …, on
the sidelines of the 24th summit …``) lends it the place and the larger event.
The main event is the one in the lead (or, failing that, the first); a meeting
there also counts the people the headline names among its attendees.

An event whose date or place the text does not give has none. Every event keeps
the sentence it came from as ``evidence``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.enrich.clauses import (
    Modality,
    SentenceParse,
    clause_head,
    lent_times,
    modality,
)
from dateline.enrich.entities import Extraction, Mention
from dateline.enrich.event_rules import EventKind, SchemaEventType
from dateline.enrich.sentences import Sentence
from dateline.enrich.temporal import TimeExpression, find_dates
from dateline.enrich.timeline import (
    ClauseEvent,
    EventDetector,
    SentenceContext,
    default_detectors,
    forward,
)
from dateline.model.ids import key_for
from dateline.model.meta import EventSpec

__all__ = ["EventDraft", "EventExtractor"]

_MEET = re.compile(r"\b(met|meets|meeting|held talks|talks with|hosted|received|visited)\b", re.I)
_SIGN = re.compile(r"\b(signed|signs|sign|signing|inked)\b", re.I)
_AGREEMENT = re.compile(
    r"\b(?P<obj>(?:[\w-]+\s+){0,3}?(?:agreement|deal|accord|treaty|pact|memorandum))\b"
)
_AGREEMENT_BETWEEN = re.compile(r"\b(agreement|deal|accord|treaty|pact)\s+between\b", re.I)
_GATHERING = re.compile(
    r"\b(summit|conference|forum|ceremony"
    # only capitalised and with a year: "the 2008 Beijing Olympic Games", not "mind games"
    r"|(?-i:Games|Olympics|Olympiad|Expo|Festival|Championships?|World Cup))\b",
    re.I,
)
#: A year in a gathering's own name dates it: "the 2008 Beijing Olympic Games".
_NAMED_YEAR = re.compile(r"(?<![\d-])(?:19|20)\d{2}(?![\d-])")
_HERE = re.compile(r"\bhere\b")
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
#: Things that happen to or are done by someone: (trigger, name template, what it needs).
#: ``{agent}`` is who did it (named before the trigger in its clause), ``{agents}`` all of
#: them, ``{object}`` the first entity after it, ``{phrase}`` a capitalised name right
#: after it ("adopted the New Delhi Leaders' Declaration"). Only past forms (or a dated
#: future) count: "has 14 days to rule" reports nothing. The first row that fits wins.
_ACTIONS: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (
        re.compile(r"\b(?:sworn in|took office|inaugurated|takes? the oath)\b", re.I),
        "Swearing-in of {agent}",
        frozenset({"agent"}),
    ),
    (re.compile(r"\bruled\b"), "Ruling of the {agent}", frozenset({"agent"})),
    (re.compile(r"\bratified\b"), "Ratification by {agent}", frozenset({"agent"})),
    (re.compile(r"\badopted\b"), "Adoption of {phrase}", frozenset({"phrase"})),
    (re.compile(r"\badopted\b"), "Adoption by {agent}", frozenset({"agent"})),
    (re.compile(r"\bapproved\b"), "Approval by {agent}", frozenset({"agent"})),
    (re.compile(r"\b(?:have |has )?agreed\b"), "Agreement between {agents}", frozenset({"agents"})),
    (
        re.compile(r"\b(?:joined|joins|became an? (?:permanent |full )?member of)\b"),
        "Accession of {agent} to {object}",
        frozenset({"agent", "object"}),
    ),
    (
        re.compile(r"\bapplied to join\b"),
        "Application of {agent} to join {object}",
        frozenset({"agent", "object"}),
    ),
    (re.compile(r"\b(?:invasion of|invaded)\b"), "Invasion of {object}", frozenset({"object"})),
    (re.compile(r"\binvasion\b"), "Invasion by {agent}", frozenset({"agent", "country"})),
    (re.compile(r"\b(?:stormed|storming of)\b"), "Storming of {object}", frozenset({"object"})),
    (re.compile(r"\battacks? on\b"), "Attack on {object}", frozenset({"object"})),
)
_NAME_TAIL = re.compile(r"(?:\s+(?:of|on|for)(?:\s+the)?)?(?:\s+[A-Z][\w’'-]*)+")
_PHRASE = re.compile(r"\s+(?P<phrase>the\s+(?:[A-Z][\w’'-]*\s+){0,6}[A-Z][\w’'-]*)")
_WINNER = re.compile(r"\bdeclared\b(?P<between>.{0,80}?)\bthe winner\b|\bwon\b")
_SIDELINES = re.compile(r"\b(?:on the sidelines of|at)\s+(?:the\s+)?", re.I)
_CONTINUES = re.compile(r"^(?:Speaking|Addressing|Talking|Writing)\s+(?:in|at|from)\b|sidelines")
_LOCATIVE = re.compile(r"\b(?:in|at)\s+$")
_SPOKEN_OF = re.compile(r"\b(?:from|of|by|about|against|on behalf of)\s+(?:the\s+)?$")
_CLAUSE_START = re.compile(r",|;|\b(?:where|which|who|while|after|when)\b")
_PAST_HAPPENING = re.compile(
    r"\b(established|reached|concluded|struck|signed|agreed|sealed|finalized|finalised)\b", re.I
)


@dataclass
class EventDraft:
    """An event as found, with the evidence an editor judges it by: the sentence, the
    trigger words and their span in it, the dates and how each was resolved, and a
    confidence that ``min_confidence`` compares against."""

    key: str
    name: str
    kind: EventKind
    sentence: int
    evidence: str
    start: str | None = None
    end: str | None = None
    location: list[str] = field(default_factory=list)
    attendee: list[str] = field(default_factory=list)
    organizer: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    super_event: str | None = None
    schema_type: SchemaEventType = "Event"
    scheduled: bool = False
    confidence: float = 0.8
    trigger: str = ""
    span: tuple[int, int] = (0, 0)
    times: list[TimeExpression] = field(default_factory=list)
    #: found by a timeline detector (a row of the trigger table), not a sentence rule
    timeline: bool = False

    def spec(self) -> EventSpec:
        return EventSpec.model_validate(
            {
                "id": self.key,
                "type": self.schema_type,
                "event_status": "EventScheduled" if self.scheduled else None,
                "name": self.name,
                "start_date": self.start,
                "end_date": self.end,
                "location": self.location,
                "attendee": self.attendee,
                "organizer": self.organizer,
                "about": self.about,
                "super_event": self.super_event,
                "evidence": self.evidence,
            }
        )


def _join(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class EventExtractor:
    """Turns sentences (and the entities found in them) into events.

    Stateless: each call works on its own :class:`_EventRun`, so one extractor can
    serve articles processed in parallel.
    """

    def __init__(self, detectors: Sequence[EventDetector] | None = None) -> None:
        self.detectors = tuple(detectors) if detectors is not None else default_detectors()

    def extract(
        self,
        headline: str,
        sentences: Sequence[Sentence],
        entities: Extraction,
        published: dt.date,
        dateline_end: int = 0,
        dateline_place: str | None = None,
        parses: dict[int, SentenceParse] | None = None,
        absolute_only: bool = False,
    ) -> list[EventDraft]:
        """Events in ``sentences``. The dateline (the first ``dateline_end`` characters)
        names where the story was filed, not who took part; ``here`` means its place.

        With ``parses`` (each sentence in the article's one parse) every event takes the
        dates of its own clause, clauses that are negated or hypothetical report nothing,
        scheduled ones give ``EventScheduled`` events, and the timeline detectors add
        every other dated happening.

        ``absolute_only`` (an article with no publication date, ``published`` a stand-in)
        keeps only dates the text gives in full: ``in January 2005``, not ``today``."""
        run = _EventRun(
            entities, dateline_end, dateline_place, parses or {}, self.detectors, absolute_only
        )
        return run.extract(headline, sentences, published, dateline_place)


class _EventRun:
    """One article's event extraction, holding what its helpers share."""

    def __init__(
        self,
        entities: Extraction,
        dateline_end: int,
        here: str | None = None,
        parses: dict[int, SentenceParse] | None = None,
        detectors: Sequence[EventDetector] = (),
        absolute_only: bool = False,
    ) -> None:
        self._absolute_only = absolute_only
        self._entities = entities
        self._dateline_end = dateline_end
        self._here = here  # the dateline place, which "here" refers to
        self._parses = parses or {}
        self._detectors = detectors
        self._last_person: str | None = None

    def extract(
        self,
        headline: str,
        sentences: Sequence[Sentence],
        published: dt.date,
        dateline_place: str | None,
    ) -> list[EventDraft]:
        events: list[EventDraft] = []
        for sentence in sentences:
            found = self._sentence(sentence, published)
            parse = self._parses.get(sentence.index)
            if parse is not None:
                context = SentenceContext.build(
                    parse,
                    self._entities,
                    published,
                    skip_before=self._dateline_end if sentence.index == 0 else 0,
                    last_person=self._last_person,
                    absolute_only=self._absolute_only,
                )
                found = self._in_clauses(found, context)
                found.extend(self._timeline(context, found))
            people = self._people(self._mentions(sentence))
            self._last_person = people[-1] if people else self._last_person
            if dateline_place and _HERE.search(sentence.text):
                for event in found:
                    event.location = event.location or [dateline_place]
            ruled = [e for e in events if not e.timeline]
            continues = ruled and _CONTINUES.search(sentence.text)
            mine = [e for e in found if not e.timeline]
            if continues and all(e.kind is EventKind.GATHERING for e in mine):
                self._continue(ruled[-1], sentence, mine, events)
                events.extend(e for e in found if e.timeline)
            else:
                events.extend(found)
        events = self._merge(events)
        if events:
            self._headline_people(events, sentences, headline)
        self._sideline_dates(events)
        return self._unique_keys(events)

    # -- the parse: own clause, modality, timeline ----------------------------------------

    def _in_clauses(self, found: list[EventDraft], context: SentenceContext) -> list[EventDraft]:
        """Each rule-found event re-read in its own clause: dated by that clause's
        temporal expressions (not the nearest), dropped when the clause is negated or
        hypothetical, scheduled (and dated forward) when it is a plan."""
        kept: list[EventDraft] = []
        for event in found:
            if event.span == (0, 0):
                kept.append(event)
                continue
            token = context.parse.root_of(*event.span)
            if token is None:
                kept.append(event)
                continue
            head = clause_head(token)
            mood = modality(head)
            if mood in (Modality.NEGATED, Modality.HYPOTHETICAL):
                continue
            own = list(context.clause_times.get(head.i, [])) or lent_times(
                head, context.clause_times
            )
            if mood is Modality.SCHEDULED:
                event.scheduled = True
                own = [forward(t, context.published) for t in own]
            event.times = own[:1]
            if event.kind is not EventKind.GATHERING or own:
                event.start = own[0].start if own else None
                event.end = own[0].end if own else None
            if own:
                event.confidence = min(0.95, event.confidence + 0.05)
            kept.append(event)
        return kept

    def _timeline(self, context: SentenceContext, found: list[EventDraft]) -> list[EventDraft]:
        """The dated happenings the trigger table finds, minus those a rule above already
        reported from the same clause (same sentence and date, or the same words)."""
        out: list[EventDraft] = []
        for detector in self._detectors:
            for event in detector.detect(context):
                if any(_same_happening(event, other) for other in found + out):
                    continue
                out.append(_draft(event, context.parse.sentence.text))
        return out

    # -- helpers over the entity extraction ----------------------------------------------

    def _mentions(self, sentence: Sentence) -> list[Mention]:
        """The sentence's mentions, without the dateline's (``PARIS —`` did not adopt
        anything)."""
        found = self._entities.in_sentence(sentence.index)
        if sentence.index == 0:
            found = [m for m in found if m.start >= self._dateline_end]
        return found

    def _kind(self, mention: Mention) -> str:
        return self._entities.entities[mention.key].type

    def _name(self, key: str) -> str:
        return self._entities.entities[key].name

    def _people(self, mentions: Sequence[Mention], text: str | None = None) -> list[str]:
        """People among the mentions; with ``text``, not those only spoken of
        (``a message from the Leader``, ``the policy of Putin``)."""
        return list(
            dict.fromkeys(
                m.key
                for m in mentions
                if self._kind(m) == "Person"
                and (text is None or not _SPOKEN_OF.search(text[: m.start]))
            )
        )

    def _agents(self, mentions: Sequence[Mention]) -> list[str]:
        kinds = {"Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization"}
        return list(dict.fromkeys(m.key for m in mentions if self._kind(m) in kinds))

    def _places_after_in(self, sentence: Sentence, mentions: Sequence[Mention]) -> list[str]:
        places = {"City", "Country", "Place", "AdministrativeArea"}
        out: list[str] = []
        for m in mentions:
            if self._kind(m) in places and _LOCATIVE.search(sentence.text[: m.start]):
                key = m.key
                # "Astana, Kazakhstan": the city is the location; its country is implied
                if out and self._entities.entities[out[-1]].contained_in == key:
                    continue
                out.append(key)
        return out[:1]

    # -- one sentence -------------------------------------------------------------------

    def _sentence(self, sentence: Sentence, published: dt.date) -> list[EventDraft]:
        text = sentence.text
        mentions = self._mentions(sentence)
        times = [t for t in find_dates(text, published) if not (self._absolute_only and t.relative)]
        out: list[EventDraft] = []
        gathering = self._gathering(sentence, mentions, times, published)
        met = _MEET.search(text)
        if met:
            meeting = self._meeting(sentence, mentions, times)
            if meeting is not None:
                meeting.trigger, meeting.span = met.group(0), met.span()
                out.append(meeting)
        signed = _SIGN.search(text) or _AGREEMENT_BETWEEN.search(text)
        if signed:
            agreement = self._agreement(sentence, mentions, times)
            if agreement is not None:
                agreement.trigger, agreement.span = signed.group(0), signed.span()
                out.append(agreement)
        if not out:
            for finder in (self._action, self._disaster):
                found = finder(sentence, mentions, times)
                if found is not None:
                    out.append(found)
                    break
        election = self._election(sentence, mentions, times)
        if election is not None:
            out.append(election)
        if gathering is not None:
            for event in out:
                if event.super_event is None and event.kind is not EventKind.GATHERING:
                    event.super_event = gathering.name  # names become keys at the end
                    if not event.location:
                        event.location = list(gathering.location)
            if not out:
                gathering.start = gathering.start or (times[0].start if times else None)
            named_year = _NAMED_YEAR.search(gathering.name)
            if gathering.start is None and named_year is not None:
                gathering.start = named_year.group(0)
            out.insert(0, gathering)
        return out

    def _meeting(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> EventDraft | None:
        people = self._people(mentions, sentence.text)
        agents = self._agents(mentions)
        if (
            len(people) < 2
            and not (people and len(agents) >= 2)
            and (sentence.index != 0 or not people)
        ):
            return None
        if len(people) < 2:
            # an organization named in a person's role ("Chairman of the ... Committee")
            # did not attend; the person did
            roles = {k for p in people for k in self._entities.entities[p].member_of} | {
                k for p in people for k in self._entities.entities[p].affiliation
            }
            attendees = [k for k in agents if k not in roles]
        else:
            attendees = people
        if len(attendees) < 2 and sentence.index != 0:
            return None
        return EventDraft(
            key="",
            name=f"Meeting between {_join([self._name(k) for k in attendees])}",
            kind=EventKind.MEETING,
            sentence=sentence.index,
            evidence=sentence.text,
            start=_first(times),
            end=None,
            location=self._places_after_in(sentence, mentions),
            attendee=attendees,
        )

    def _agreement(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> EventDraft | None:
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
        names = _join([self._name(k) for k in keys])
        agreement = _AGREEMENT.search(text, signed.end() if signed else 0)
        obj = _clean_object(agreement["obj"]) if agreement else "agreement"
        name = f"Signing of the {obj} between {names}" if signed else f"Agreement between {names}"
        agents = [k for k in keys if self._entities.entities[k].type not in _PLACE_TYPES]
        return EventDraft(
            key="",
            name=name,
            kind=EventKind.AGREEMENT,
            sentence=sentence.index,
            evidence=text,
            start=_first(times),
            location=self._places_after_in(sentence, mentions),
            attendee=agents,
            about=[k for k in keys if k not in agents],
        )

    def _gathering(
        self,
        sentence: Sentence,
        mentions: Sequence[Mention],
        times: Sequence[TimeExpression],
        published: dt.date,
    ) -> EventDraft | None:
        """A named summit or conference: ``the 24th summit of the Council ... (SCO)``,
        ``the North Atlantic Treaty Organization (NATO) summit in Washington``."""
        text = sentence.text
        for match in _GATHERING.finditer(text):
            start = _phrase_start(text, match.start())
            end = match.end()
            games = match.group(0).lower() not in ("summit", "conference", "forum", "ceremony")
            if games and not _NAMED_YEAR.search(text, start, end):
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
                where = self._place_after(text, end, mentions)
                if where is None:
                    continue  # "the summit": no name to give it
                noun = match.group(0).lower()
                return EventDraft(
                    key="",
                    name=f"{noun.capitalize()} in {self._name(where)}",
                    kind=EventKind.GATHERING,
                    sentence=sentence.index,
                    evidence=text,
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
                    m.key for m in mentions if m.start == at and self._kind(m) in _PLACE_TYPES
                ]
            if not location and _CONTINUES.search(text):
                location = self._places_after_in(sentence, mentions)
            organizers = [
                m.key for m in inside if self._kind(m) in {"Organization", "GovernmentOrganization"}
            ]
            return EventDraft(
                key="",
                name=name[0].upper() + name[1:],
                kind=EventKind.GATHERING,
                sentence=sentence.index,
                evidence=text,
                location=location,
                organizer=list(dict.fromkeys(organizers[-1:])),
                trigger=match.group(0),
                span=match.span(),
            )
        return None

    def _place_after(self, text: str, end: int, mentions: Sequence[Mention]) -> str | None:
        """The place right after a noun: ``summit in Brussels``, ``summit here``."""
        if re.match(r"\s+here\b", text[end:]) and self._here:
            return self._here
        place = re.match(r"\s+in\s+", text[end:])
        if place is None:
            return None
        at = end + place.end()
        return next(
            (m.key for m in mentions if m.start == at and self._kind(m) in _PLACE_TYPES), None
        )

    def _election(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> EventDraft | None:
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
        countries = [m.key for m in mentions if self._kind(m) == "Country"]
        main_country = (
            self._country_key(self._entities.context[0]) if self._entities.context else None
        )
        where = countries[:1] or ([main_country] if main_country else [])
        place = f"{self._name(where[0])} " if where and where[0] in self._entities.entities else ""
        kind = f"{match['kind'].lower()} " if match["kind"] else ""
        winner = _WINNER.search(sentence.text)
        won: list[str] = []
        if winner is not None:
            between = (
                [
                    m.key
                    for m in mentions
                    if self._kind(m) == "Person"
                    and winner.start("between") <= m.start < winner.end("between")
                ]
                if winner["between"] is not None
                else []
            )
            before = [
                m.key for m in mentions if self._kind(m) == "Person" and m.start < winner.start()
            ]
            won = between[-1:] or before[-1:]
        return EventDraft(
            key="",
            about=won,
            name=f"{place}{kind}{match['noun'].lower()}".strip().capitalize()
            if not place
            else f"{place}{kind}{match['noun'].lower()}",
            kind=EventKind.ELECTION,
            sentence=sentence.index,
            evidence=sentence.text,
            trigger=match.group(0).strip(),
            span=(match.start("noun"), match.end("noun")),
            confidence=0.75,
            start=_nearest(times, match.start()),
            location=[w for w in where if w in self._entities.entities],
        )

    def _disaster(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> EventDraft | None:
        match = _DISASTER.search(sentence.text)
        if match is None:
            return None
        places = (
            self._places_after_in(sentence, mentions)
            or [m.key for m in mentions if self._kind(m) in _PLACE_TYPES][:1]
        )
        if not places or not (times or sentence.index == 0):
            return None
        noun = match["noun"].lower()
        noun = {"quake": "earthquake", "floods": "flood", "riots": "riot"}.get(noun, noun)
        return EventDraft(
            key="",
            name=f"{noun.capitalize()} in {self._name(places[0])}",
            kind=EventKind.DISASTER,
            sentence=sentence.index,
            evidence=sentence.text,
            trigger=match.group(0),
            span=match.span(),
            confidence=0.75,
            start=_first(times),
            location=places,
        )

    def _action(
        self, sentence: Sentence, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> EventDraft | None:
        text = sentence.text
        for pattern, template, needs in _ACTIONS:
            match = pattern.search(text)
            if match is None:
                continue
            if not times and sentence.index != 0:
                return None  # an undated action outside the lead is background, not an event
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
                "country": bool(agents) and self._entities.entities[agents[-1]].type == "Country",
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
                agent=self._name(agent) if agent else "",
                agents=_join([self._name(k) for k in agents]),
                object=self._name(target) if target else "",
                phrase=phrase["phrase"] if phrase else "",
            )
            if "{agents}" in template and len(agents) == 1:
                name = f"Decision of {self._name(agents[0])}"
            keys = [*(agents if "agent" in " ".join(needs) else []), *([target] if target else [])]
            keys = list(dict.fromkeys(keys))
            people_orgs = [k for k in keys if self._entities.entities[k].type not in _PLACE_TYPES]
            return EventDraft(
                key="",
                name=name,
                kind=EventKind.ACTION,
                sentence=sentence.index,
                evidence=text,
                trigger=match.group(0),
                span=match.span(),
                confidence=0.75,
                start=_nearest(times, match.start()),
                location=self._places_after_in(sentence, mentions),
                attendee=[k for k in people_orgs if k != target or "{object}" not in template],
                about=[k for k in keys if k not in people_orgs]
                + [k for k in people_orgs if k == target and "{object}" in template],
            )
        return None

    def _country_key(self, code: str) -> str | None:
        for key, found in self._entities.entities.items():
            if found.type == "Country" and found.place is not None and found.place.country == code:
                return key
        return None

    # -- across sentences -------------------------------------------------------------

    def _continue(
        self,
        event: EventDraft,
        sentence: Sentence,
        gatherings: list[EventDraft],
        events: list[EventDraft],
    ) -> None:
        """``Speaking in Astana, …, on the sidelines of the 24th summit …`` lends the previous
        event its place and the larger event it was part of."""
        mentions = self._mentions(sentence)
        if not event.location:
            event.location = self._places_after_in(sentence, mentions)
        for gathering in gatherings:
            if not gathering.location:
                gathering.location = list(event.location)
            events.append(gathering)
            if event.super_event is None and "sidelines" in sentence.text:
                event.super_event = gathering.name

    def _merge(self, events: list[EventDraft]) -> list[EventDraft]:
        """The same meeting told twice (same kind and attendees, compatible dates) is one."""
        out: list[EventDraft] = []
        for event in events:
            twin = next(
                (
                    e
                    for e in out
                    if e.kind == event.kind
                    and (
                        # a gathering, or a timeline event, told twice has the same name
                        (
                            (event.kind is EventKind.GATHERING or event.timeline)
                            and e.name.lower() == event.name.lower()
                        )
                        or (
                            event.kind is not EventKind.GATHERING
                            and not event.timeline
                            and not e.timeline
                            and set(e.attendee) == set(event.attendee)
                            and set(e.about) == set(event.about)
                        )
                    )
                    and (e.start is None or event.start is None or e.start == event.start)
                ),
                None,
            )
            if twin is None:
                out.append(event)
                continue
            twin.start = twin.start or event.start
            twin.location = twin.location or event.location
            twin.super_event = twin.super_event or event.super_event
        return out

    def _headline_people(
        self, events: list[EventDraft], sentences: Sequence[Sentence], headline: str
    ) -> None:
        """The lead's meeting also counts the people the headline names."""
        lead = events[0]
        if lead.kind is not EventKind.MEETING or lead.sentence != 0:
            return
        headline_people = self._people(self._entities.in_sentence(-1))
        added = [k for k in headline_people if k not in lead.attendee]
        if added:
            lead.attendee = [*lead.attendee, *added]
            lead.name = f"Meeting between {_join([self._name(k) for k in lead.attendee])}"

    def _sideline_dates(self, events: list[EventDraft]) -> None:
        """A summit whose side meeting has a day was under way that month: keep the month."""
        by_name = {e.name: e for e in events}
        for event in events:
            parent = by_name.get(event.super_event or "")
            if parent is not None and parent.start is None and event.start:
                parent.start = event.start[:7]

    def _unique_keys(self, events: list[EventDraft]) -> list[EventDraft]:
        seen: dict[str, int] = {}
        names_to_keys: dict[str, str] = {}
        for event in events:
            base = key_for(event.name, max_length=64)
            if event.start:
                base = f"{base}-{key_for(event.start)}"
            seen[base] = seen.get(base, 0) + 1
            event.key = base if seen[base] == 1 else f"{base}-{seen[base]}"
            names_to_keys.setdefault(event.name, event.key)
        for event in events:
            if event.super_event is not None:
                event.super_event = names_to_keys.get(event.super_event, event.super_event)
                if (
                    event.super_event not in {e.key for e in events}
                    or event.super_event == event.key
                ):
                    event.super_event = None
        return events


_PLACE_TYPES = {"City", "Country", "Place", "AdministrativeArea"}


def _same_happening(event: ClauseEvent, other: EventDraft) -> bool:
    if other.sentence != event.sentence:
        return False
    overlaps = other.span[0] < event.span[1] and event.span[0] < other.span[1]
    same_day = bool(event.times) and other.start == event.times[0].start
    alike = (
        (other.kind == event.kind and event.kind is not EventKind.HAPPENING)
        or other.kind is EventKind.ACTION
        or {other.kind, event.kind} <= {EventKind.AGREEMENT, EventKind.SIGNING}
    )
    # "Hur tells a congressional hearing" is the hearing another row already found
    # a happening of the catch-all row beside an event a specific rule dated the same day in
    # the same sentence is that event's clause ("conveyed a message during a meeting")
    # the words a rule was triggered by, in a timeline event's name: the same happening
    # ("an earthquake struck Morocco" is the earthquake, not an attack)
    inside = event.words[0] <= other.span[0] and other.span[1] <= event.words[1]
    told = not other.timeline and (other.trigger.lower() in event.name.lower() or inside)
    generic = event.kind is EventKind.HAPPENING and (
        told
        or other.trigger.lower() in event.name.lower()
        or (not other.timeline and other.kind is not EventKind.GATHERING)
    )
    return overlaps or (same_day and (alike or told or generic))


def _draft(event: ClauseEvent, sentence: str) -> EventDraft:
    first = event.times[0]
    return EventDraft(
        key="",
        name=event.name,
        kind=event.kind,
        sentence=event.sentence,
        evidence=sentence,
        start=first.start,
        end=first.end,
        location=event.location,
        attendee=event.attendee,
        organizer=event.organizer,
        about=event.about,
        schema_type=event.schema_type,
        scheduled=event.scheduled,
        confidence=event.confidence,
        trigger=event.trigger,
        span=event.span,
        times=event.times[:1],
        timeline=True,
    )


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
