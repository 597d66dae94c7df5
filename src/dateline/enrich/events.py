"""Events an article reports, found sentence by sentence.

Two kinds of detector feed it, both behind :class:`~dateline.enrich.timeline.EventDetector`:
the sentence rules (:mod:`dateline.enrich.sentence_rules`: meetings, signings, summits,
elections, disasters, the action table) and the timeline's trigger table
(:mod:`dateline.enrich.timeline`). This module runs them in order, re-reads each rule's
event in its own clause, and joins what they found across sentences.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dateline.enrich.clauses import (
    Modality,
    SentenceParse,
    clause_head,
    lent_times,
    modality,
    unproven,
)
from dateline.enrich.entities import Extraction, Mention
from dateline.enrich.event_rules import EventKind, SchemaEventType
from dateline.enrich.listings import ListingDetector
from dateline.enrich.nlp import reads_as_english
from dateline.enrich.posts import PostDetector
from dateline.enrich.sentence_rules import (
    CONTINUES,
    NAMED_YEAR,
    RuleStage,
    SentenceRule,
    default_rules,
)
from dateline.enrich.sentences import Sentence, quoted_spans
from dateline.enrich.temporal import TimeExpression
from dateline.enrich.timeline import (
    ClauseEvent,
    EventDetector,
    SentenceContext,
    TriggerDetector,
    ahead_by_form,
    backward,
    default_detectors,
    finer_first,
    forward,
    on_the_verb,
    own_times,
    past_tense,
    plural_subject,
)
from dateline.model.ids import key_for
from dateline.model.meta import EventSpec

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = ["EventDraft", "EventExtractor"]

_HERE = re.compile(r"\bhere\b")
_THEY = re.compile(r"\bthey\b", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at)\s+$")
_SPOKEN_OF = re.compile(r"\b(?:from|of|by|about|against|on behalf of)\s+(?:the\s+)?$")
_PLACE_TYPES = {"City", "Country", "Place", "AdministrativeArea"}


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
    #: its trigger is inside a direct quotation: what someone said, not what the text
    #: reports (“GET OUT and VOTE on November 5th!”), so proposed, not published
    quoted: bool = False
    #: why its name or participants are not to be trusted (``Decides to in``, a saying
    #: with nothing said): proposed in review with the reason, not published
    doubt: str = ""

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

    def __init__(
        self,
        detectors: Sequence[EventDetector] | None = None,
        rules: Sequence[SentenceRule] | None = None,
    ) -> None:
        self.detectors = (
            tuple(detectors)
            if detectors is not None
            else (*default_detectors(), PostDetector(), ListingDetector())
        )
        self.rules = tuple(rules) if rules is not None else default_rules()

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
            entities,
            dateline_end,
            dateline_place,
            parses or {},
            self.detectors,
            absolute_only,
            self.rules,
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
        rules: Sequence[SentenceRule] = (),
    ) -> None:
        self._rules = rules
        self._absolute_only = absolute_only
        self._entities = entities
        self._dateline_end = dateline_end
        self._here = here  # the dateline place, which "here" refers to
        self._parses = parses or {}
        self._detectors = detectors
        #: the people named so far, the most recently named last, for "he"/"she"
        self._recent_people: list[str] = []
        #: the day the story last dated a past happening on, for "later that day"
        self._day: dt.date | None = None
        #: the sentence before, in its paragraph, whose plural subject "they" may be
        self._before: SentenceContext | None = None

    def extract(
        self,
        headline: str,
        sentences: Sequence[Sentence],
        published: dt.date,
        dateline_place: str | None,
    ) -> list[EventDraft]:
        if not _reads_as_english(self._parses.values()):
            return []  # the rules and the model read English: elsewhere they invent
        events: list[EventDraft] = []
        quote_open, paragraph = False, -1
        for sentence in sentences:
            found: list[EventDraft] = []
            if sentence.paragraph != paragraph:
                quote_open, paragraph = False, sentence.paragraph
                self._before = None
            quotes, quote_open = quoted_spans(sentence.text, quote_open)
            parse = self._parses.get(sentence.index)
            if parse is not None:  # (every sentence has one: see clauses.align_sentences)
                context = SentenceContext.build(
                    parse,
                    self._entities,
                    published,
                    skip_before=self._dateline_end if sentence.index == 0 else 0,
                    recent_people=tuple(self._recent_people),
                    absolute_only=self._absolute_only,
                    here=self._here,
                    day=self._day,
                    they=self._they(sentence),
                )
                found = self._in_clauses(self._sentence(context), context)
                found.extend(self._timeline(context, found))
                _mark_quoted(found, quotes)
                self._day = _last_day(found, published) or self._day
                self._before = context
            for person in self._named_last(self._mentions(sentence)):
                if person in self._recent_people:
                    self._recent_people.remove(person)
                self._recent_people.append(person)
            if dateline_place and _HERE.search(sentence.text):
                for event in found:
                    event.location = event.location or [dateline_place]
            ruled = [e for e in events if not e.timeline]
            continues = ruled and CONTINUES.search(sentence.text)
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
        for event in events:
            _schedule_if_ahead(event, published)
            _doubt_the_name(event)
        return self._unique_keys(events)

    def _they(self, sentence: Sentence) -> str:
        """What "they" in ``sentence`` may stand for: the plural subject of the sentence
        before it in its paragraph (read only for a sentence that says "they")."""
        if self._before is None or not _THEY.search(sentence.text):
            return ""
        return plural_subject(self._before)

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
            if event.kind is EventKind.MEETING and (
                _met_a_thing(context, token) or _met_elsewhere(context, token, event)
            ):
                continue
            if token.pos_ == "NOUN" and unproven(token):
                continue  # "plans for a meeting on Monday": none took place
            own = list(context.clause_times.get(head.i, [])) or lent_times(
                head, context.clause_times
            )
            own = [t for t in own if t.kind != "clock_day" or past_tense(head)]
            noun_own = own_times(context, token) if token.pos_ == "NOUN" else []
            own = noun_own or own  # "a July 10 meeting": the noun's own date first
            if mood is Modality.SCHEDULED or (
                # "when hurricane season begins June 1": the present tells the calendar
                (not noun_own or on_the_verb(token, head)) and ahead_by_form(head, own)
            ):
                event.scheduled = True
                own = [forward(t, context.published) for t in own]
            elif past_tense(head):
                own = [backward(t, context.published) for t in own]
            own = finer_first(own)
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

    def _named_last(self, mentions: Sequence[Mention]) -> list[str]:
        """The sentence's people in the order of their last mention in it."""
        order: dict[str, int] = {}
        for mention in mentions:
            if self._kind(mention) == "Person":
                order[mention.key] = mention.start
        return sorted(order, key=order.__getitem__)

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

    # -- one sentence: the sentence rules -------------------------------------------------

    def _sentence(self, context: SentenceContext) -> list[EventDraft]:
        """What the sentence rules find, by stage: a named gathering, then every meeting
        and signing, else the first action row or disaster that fits, and elections;
        the sentence's other events are part of its gathering."""
        text = context.parse.sentence.text
        by_stage: dict[RuleStage, list[EventDraft]] = {stage: [] for stage in RuleStage}
        for rule in self._rules:
            if rule.stage is RuleStage.FALLBACK and (
                by_stage[RuleStage.PRIMARY] or by_stage[RuleStage.FALLBACK]
            ):
                continue
            if rule.stage is RuleStage.GATHERING and by_stage[RuleStage.GATHERING]:
                continue
            by_stage[rule.stage].extend(_rule_draft(e, text) for e in rule.detect(context))
        out = [
            *by_stage[RuleStage.PRIMARY],
            *by_stage[RuleStage.FALLBACK],
            *by_stage[RuleStage.ALWAYS],
        ]
        for gathering in by_stage[RuleStage.GATHERING][:1]:
            for event in out:
                if event.super_event is None and event.kind is not EventKind.GATHERING:
                    event.super_event = gathering.name  # names become keys at the end
                    if not event.location:
                        event.location = list(gathering.location)
            if not out:
                gathering.start = gathering.start or (
                    context.times[0].start if context.times else None
                )
            named_year = NAMED_YEAR.search(gathering.name)
            if gathering.start is None and named_year is not None:
                gathering.start = named_year.group(0)
            out.insert(0, gathering)
        return out

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
    if (
        event.kind is EventKind.LISTING
        and bool(event.times)
        and other.start == event.times[0].start
    ):
        return True  # a schedule's entry another detector read on its day: that event
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
    # "The hearing is set for May 5": the hearing is what the setting's name says was set
    named = (
        other.timeline
        and other.kind is EventKind.SCHEDULING
        and event.trigger.lower() in other.name.lower().split()
    )
    return overlaps or (same_day and (alike or told or generic or named))


def _rule_draft(event: ClauseEvent, sentence: str) -> EventDraft:
    """A sentence rule's finding, before its clause is read."""
    return EventDraft(
        key="",
        name=event.name,
        kind=event.kind,
        sentence=event.sentence,
        evidence=sentence,
        start=event.start,
        location=event.location,
        attendee=event.attendee,
        organizer=event.organizer,
        about=event.about,
        schema_type=event.schema_type,
        confidence=event.confidence,
        trigger=event.trigger,
        span=event.span,
    )


def _draft(event: ClauseEvent, sentence: str) -> EventDraft:
    """A timeline finding: the sentence rule's draft, dated by its clause's first time."""
    first = event.times[0]
    return replace(
        _rule_draft(event, sentence),
        start=first.start,
        end=first.end,
        scheduled=event.scheduled,
        times=event.times[:1],
        timeline=True,
    )


#: The confidence of an event said inside a quotation: under any ``min_confidence`` a
#: site would publish by (0.6 unless set), so ``dateline review`` proposes it and an
#: editor decides; quotes exhort, boast and predict as often as they report.
QUOTED_CONFIDENCE = 0.4
#: The confidence of a past happening a quotation tells with its date, found in its own
#: clause ("“We signed the deal on Monday,” he said"): hand-annotated news counts these
#: as the happenings they are; published at the bare minimum, never a plan or a wish.
TOLD_CONFIDENCE = 0.6


def _mark_quoted(found: Sequence[EventDraft], quotes: Sequence[tuple[int, int]]) -> None:
    """Events whose trigger stands inside a direct quotation become proposals."""
    for event in found:
        at = event.span[0]
        if event.span != (0, 0) and any(a <= at < b for a, b in quotes):
            event.quoted = True
            told = event.timeline and not event.scheduled and not event.doubt
            event.confidence = min(event.confidence, TOLD_CONFIDENCE if told else QUOTED_CONFIDENCE)


def _met_a_thing(context: SentenceContext, token: Token) -> bool:
    """``received a one-game suspension``, ``data meeting lowered expectations``: the
    verb met or received a thing, not a person, and a meeting no one in its phrase or
    its clause's subject attends is not one between whoever else the sentence names."""
    if token.pos_ == "NOUN":  # "data meeting expectations" parsed as a noun
        verb = clause_head(token)
        around = [*token.subtree, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))]
        return not any(context.mention_at(t) is not None for t in around)
    if token.pos_ != "VERB":
        return False
    what = next((c for c in token.children if c.dep_ == "dobj"), None)
    if what is None:
        return False
    return not any(
        context.mention_at(part) is not None
        for part in (what, *(c for c in what.children if c.dep_ == "conj"))
    )


def _met_elsewhere(context: SentenceContext, token: Token, event: EventDraft) -> bool:
    """``Volker said meeting with Giuliani was part of it, ... Biden``: a meeting verb
    whose own words name fewer than two of the people the sentence names met no one the
    sentence rule paired up; the people of another clause were not there."""
    if token.dep_ == "ROOT" or len(event.attendee) < 2:
        return False
    words = list(token.subtree)
    verb = clause_head(token) if token.pos_ == "NOUN" else token
    subject = TriggerDetector._subject(verb, context)
    if subject is not None:
        words.extend(subject.subtree)
    named = {m.key for t in words if (m := context.mention_at(t)) is not None}
    return len(named & set(event.attendee)) < 2


def _schedule_if_ahead(event: EventDraft, published: dt.date) -> None:
    """A happening dated after the publication day has not happened, whatever the
    verb's tense (``his sentencing is scheduled for Feb. 14``, ``next year's
    election``): it is published as ``EventScheduled``, never as a past fact."""
    if event.start and event.start > published.isoformat()[: len(event.start)]:
        event.scheduled = True


#: Words a name a person would write does not end on (``Decides to in``, ``Trump
#: administration imposes that``): the parse cut the phrase, what it names is lost.
_DANGLING = frozenset(
    """to in of for on at by with from into about and or but nor that which who whose
    the a an its their his her our my your this these those than as 's ’s""".split()
)
#: Word endings the tokenizer split off a word (``may well have expand ed``).
_FRAGMENTS = frozenset({"ed", "es", "s", "d", "ly", "ing", "st", "nd", "rd", "th"})
#: (not "of at least one", "at most", nor a hyphenated word's last part: "Swearing-in of")
_TWO_LINKS = re.compile(
    r"(?<![-\w])(?:of|to|for|in|by|on|at)\s+(?:of|to|for|in|by|on|at)\b(?!\s+(?:least|most)\b)",
    re.I,
)
_TWICE = re.compile(r"\b(\w+)\s+\1\b", re.I)
#: An amount a name may start with: "$300 billion offering blocked".
_AN_AMOUNT = re.compile(r"[$€£¥]\d")
#: Quantifiers and pointers that open a generic or partial subject ("Some air quality
#: monitors max out", "Those commercials were cool", "Only two commit"): the event says
#: of some what the text does not name. Not "these": "these cases were dropped in 2015"
#: points back at what the text just named (a habit, "these events happen every
#: November", has no date of its own: "every November" is read as a set).
_SOME = frozenset(
    {"some", "those", "other", "only", "such", "many", "several", "single", "another"}
)
#: Below any ``min_confidence`` a site publishes by (0.6 unless set): proposed only.
DOUBT_CONFIDENCE = 0.45


def _name_doubt(name: str) -> str:
    """Why a name cannot be published as it stands, or ``""``."""
    words = name.split()
    if not words or not (name[:1].isalnum() or _AN_AMOUNT.match(name)):
        return "the name does not start with a word"
    last = words[-1].lower()
    if last in _DANGLING or last.endswith(("-", "'s", "’s")):
        return f"the name ends on “{words[-1]}”: the phrase was cut"
    if last in _FRAGMENTS and len(words) > 1:
        return f"the name ends on a fragment “{words[-1]}”"
    if _TWO_LINKS.search(name):
        return "the name joins two prepositions: the phrase was cut"
    if any(w in ("'s", "’s") for w in words):
        return "the name has a possessive with no owner: the phrase was cut"
    if _TWICE.search(name):
        return "the name repeats a word"
    if words[0].lower() in _SOME and len(words) > 1:
        return f"the name starts with “{words[0]}”: some of a group, not who"
    return ""


#: Number words after which a quantifier counts people rather than picks some of them:
#: "Several thousand teachers", "many hundreds of workers".
_COUNTS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions"}
)


def _mended(name: str) -> str:
    """A name the parse cut inside a hyphenated word ("testify side-" of "side-by-side")
    without that half word: what is left still says who did what."""
    words = name.split()
    if len(words) > 2 and words[-1].endswith("-") and words[-1][:-1].isalpha():
        return " ".join(words[:-1])
    if len(words) > 2 and words[0].startswith("-") and words[0][1:].isalpha():
        rest = " ".join(words[1:])  # "-inch MacBook Pro updated" of "13-inch"
        return rest[:1].upper() + rest[1:]
    return name


def _doubt_the_name(event: EventDraft) -> None:
    """An event whose name a reader could not trust is proposed, not published."""
    event.name = _mended(event.name)
    words = event.name.split()
    if len(words) > 2 and words[0].lower() in _SOME and words[1].lower() in _COUNTS:
        return  # "Several thousand teachers surround the Statehouse": a count, not some
    doubt = _name_doubt(event.name)
    if doubt:
        event.doubt = doubt
        event.confidence = min(event.confidence, DOUBT_CONFIDENCE)


def _last_day(found: Sequence[EventDraft], published: dt.date) -> dt.date | None:
    """The day the sentence's first past happening is dated to, if it gives one: the day
    "later that day" or "in the morning" in the sentences after it are on (the first:
    "In the morning, lawmakers grilled Vindman on Trump's July 25 call" is a story of that
    morning, not of July 25)."""
    days = [
        e.start
        for e in sorted(found, key=lambda e: e.span)
        if e.start and len(e.start) == 10 and not e.scheduled and not e.quoted
    ]
    for start in days:
        try:
            day = dt.date.fromisoformat(start)
        except ValueError:
            continue
        if day <= published:
            return day
    return None


def _reads_as_english(parses: Iterable[SentenceParse]) -> bool:
    """Whether the article is English enough for its events to be read: on a page in
    another language the English parser still finds verbs and dates, and names events
    like ``Ein ähnliches Konzept wie``."""
    return reads_as_english(t for p in parses for t in p.tokens())
