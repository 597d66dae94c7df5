"""The article's timeline: every happening the text dates, one detector per event kind.

A detector reads one sentence's parse (:class:`~dateline.enrich.clauses.SentenceParse`)
and returns typed drafts. :class:`TriggerDetector` is the one built from a row of
the trigger table (``data/event_triggers.yaml``): a verb with one of its lemmas
reports an event of its kind when

- its clause asserts it (or schedules it: then the event is ``EventScheduled``,
  dated forward), never when the clause is negated or hypothetical;
- its own clause carries a temporal expression (the timeline is what the text
  dates), or a clause it is coordinated with does (``met on Monday and signed``);

and names it the way a headline would (``Emirates orders 30 Boeing 787 jets``),
with participants from the clause's subject and object and a location only when
the clause says ``in``/``at`` a place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from dateline.enrich.clauses import (
    Modality,
    SentenceParse,
    clause_head,
    first_to,
    lent_times,
    modality,
    unproven,
    verbless,
)
from dateline.enrich.entities import Extraction, Mention
from dateline.enrich.event_rules import (
    EventKind,
    SchemaEventType,
    TriggerRule,
    load_rules,
    noun_for,
)
from dateline.enrich.given_names import given_name_sex
from dateline.enrich.temporal import (
    NOT_WHEN,
    Precision,
    TimeExpression,
    find_dates,
    find_event_dates,
    find_times,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = [
    "ClauseEvent",
    "EventDetector",
    "SentenceContext",
    "TriggerDetector",
    "ahead_by_form",
    "backward",
    "default_detectors",
    "finer_first",
    "forward",
    "in_the_clause_year",
    "on_the_verb",
    "own_times",
    "past_tense",
    "plural_subject",
    "present_tense",
    "tokens_text",
]

_PLACE_TYPES = frozenset({"City", "Country", "Place", "AdministrativeArea"})
_AGENT_TYPES = frozenset(
    {"Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization"}
)
#: Children that end a phrase used in a name: relative clauses, appositions, asides.
_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "prep"})
_LOCATIVE = frozenset({"in", "at"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Participles that describe a noun rather than report a happening to it: "the quarter
#: ended June 30", "a man named Smith", "a firm based in Ohio".
_DESCRIBING = frozenset(
    {"end", "begin", "start", "close", "finish", "name", "call", "know", "locate", "base"}
)
#: Subordinators of a clause that happens when its head does.
_AT_THE_SAME_TIME = frozenset({"as", "when", "while"})
_HEADLINE_DROP = frozenset({"the", "a", "an"})
#: Words that measure rather than act: "The magnitude 6.8 quake struck", "72 kilometres".
_MEASURES = frozenset(
    """magnitude percent per cent degree kilometre kilometer km mile metre meter foot feet
    ton tonne point inch hectare acre""".split()
)
#: First-person subjects, as an event's name writes them: the writer, or those the
#: writer speaks for ("we launched it last week").
_FIRST_PERSON = {"i": "I", "we": "We"}
#: Pronouns standing for a thing or group, not a person ("when it arrives").
_THING_PRONOUNS = frozenset({"it", "they"})
#: Participles whose noun is still to come: "the tariffs scheduled for December".
_FUTURE_PARTICIPLES = frozenset({"schedule", "plan", "set", "due", "expect", "propose"})
#: Punctuation inside a compound word: kept in a name (``two-goal performance``).
_JOINERS = frozenset({"-", "–", "/"})
#: Plurals of people nouns, capitalised first in a sentence ("Negotiators finished").
_AGENT_PLURAL = re.compile(r"(?:ers|ors|ists|ants|ents|ians|als|ees|eers|men)$")
#: Plural subjects a tagger may take for names when capitalised first in a sentence.
_PLURALS = frozenset(
    """they we police officials authorities voters organizers organisers lawmakers troops
    forces protesters investigators researchers scientists residents workers rebels militants
    prosecutors judges leaders ministers""".split()
)


@dataclass
class ClauseEvent:
    """What a detector found in one clause, before the article-level pass keys it."""

    kind: EventKind
    schema_type: SchemaEventType
    name: str
    sentence: int
    trigger: str
    span: tuple[int, int]  # the trigger's characters in the sentence
    times: list[TimeExpression]
    scheduled: bool
    confidence: float
    attendee: list[str] = field(default_factory=list)
    organizer: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    #: the characters of the clause's subject and trigger: a rule event whose trigger is
    #: inside ("an earthquake struck Morocco") is this same happening
    words: tuple[int, int] = (0, 0)
    #: the date a sentence rule chose itself (its trigger's nearest), before its clause
    #: is read; a timeline event's date is its first time
    start: str | None = None


@dataclass(frozen=True)
class SentenceContext:
    """What every detector may read about one sentence: its parse, its dates resolved
    against the publication day, and the entities found in it."""

    parse: SentenceParse
    times: tuple[TimeExpression, ...]
    clause_times: dict[int, list[TimeExpression]]
    mentions: tuple[Mention, ...]
    entities: Extraction
    published: dt.date
    #: the people named before this sentence, the most recently named last, for "he"/"she"
    recent_people: tuple[str, ...] = ()
    #: where the sentence's own text starts (after a dateline, ``DUBAI –``)
    skip_before: int = 0
    #: the dateline's place, which ``here`` refers to
    here: str | None = None
    #: what a subject "they" with nothing to stand for in its own sentence refers to: the
    #: plural subject of the sentence before it in its paragraph (:func:`plural_subject`)
    they: str = ""

    @classmethod
    def build(
        cls,
        parse: SentenceParse,
        entities: Extraction,
        published: dt.date,
        skip_before: int = 0,
        recent_people: tuple[str, ...] = (),
        absolute_only: bool = False,
        here: str | None = None,
        day: dt.date | None = None,
        they: str = "",
    ) -> SentenceContext:
        """``day``: the day the story last dated a happening on, which ``later that day``
        and ``at 6 a.m.`` are on (the publication day before any)."""
        times = tuple(
            t
            for t in find_event_dates(
                parse.sentence.text, published, None if absolute_only else day or published
            )
            if t.start_offset >= skip_before and not (absolute_only and t.relative)
        )
        mentions = tuple(
            m for m in entities.in_sentence(parse.sentence.index) if m.start >= skip_before
        )
        return cls(
            parse,
            times,
            parse.clause_times(times),
            mentions,
            entities,
            published,
            recent_people,
            skip_before,
            here,
            they,
        )

    def mention_at(self, token: Token) -> Mention | None:
        """The name at ``token``, else the description resolved to a person there
        (``Iran's acting president`` is the person it describes)."""
        at = self.parse.start_of(token)
        found = next((m for m in self.mentions if m.start <= at < m.end), None)
        if found is not None:
            return found
        index = self.parse.sentence.index
        return next(
            (
                m
                for m in self.entities.descriptions
                if m.sentence == index and m.start <= at < m.end and m.start >= self.skip_before
            ),
            None,
        )

    def type_of(self, key: str) -> str:
        return self.entities.entities[key].type

    def name_of(self, key: str) -> str:
        return self.entities.entities[key].name


class EventDetector(Protocol):
    """Finds the events of one kind in one sentence."""

    kind: EventKind

    def detect(self, context: SentenceContext) -> list[ClauseEvent]: ...


def _third_person(lemma: str) -> str:
    """``order`` → ``orders``, ``testify`` → ``testifies``, ``launch`` → ``launches``."""
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    if re.search(r"(?:s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    return lemma + "s"


def _phrase(token: Token, cut: frozenset[str] = _CUT) -> list[Token]:
    """The words of ``token``'s phrase without its clauses, asides and relative words
    (``whose``), in order; a hyphen inside a word stays (``double-decker``)."""

    def kept(child: Token, cut: frozenset[str]) -> bool:
        if child.tag_ in ("WP$", "WDT", "WP"):
            return False
        return child.dep_ not in cut or (child.dep_ == "punct" and child.text == "-")

    keep = [token]
    stack = [c for c in token.children if kept(c, cut)]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(
            c for c in child.children if kept(c, frozenset({"relcl", "acl", "appos", "punct"}))
        )
    return sorted(keep, key=lambda t: t.i)


def tokens_text(tokens: Sequence[Token]) -> str:
    """The tokens as text; words that were apart in the sentence stay apart (``sticky,
    repeating`` without its comma is ``sticky repeating``, not ``stickyrepeating``)."""
    parts: list[str] = []
    for at, token in enumerate(tokens):
        if at and (tokens[at - 1].whitespace_ or token.i != tokens[at - 1].i + 1):
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts).strip()


def _with_conjuncts(token: Token) -> list[Token]:
    """``Iran and Russia``: the head and its coordinated words."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_with_conjuncts(child))
    return out


def _described(noun: Token) -> bool:
    """A capitalised plural with a determiner or modifier is a common noun first in its
    sentence (``Negotiators from 40 countries``), not a name (``Emirates``)."""
    return any(c.dep_ in ("det", "amod", "nummod", "prep", "compound") for c in noun.children)


def _join(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class TriggerDetector:
    """One kind's detector, built from its row of the trigger table."""

    def __init__(self, rule: TriggerRule) -> None:
        self.rule = rule
        self.kind = rule.kind

    def _triggers(self, context: SentenceContext) -> list[Token]:
        out = []
        for token in context.parse.tokens():
            if token.pos_ == "NOUN" and (
                token.lemma_.lower() in self.rule.nouns
                or (self.rule.day_nouns and _day_before(context, token))
            ):
                out.append(token)
                continue
            if token.pos_ != "VERB":
                continue
            lemma = token.lemma_.lower()
            if self.rule.any_verb:
                if not lemma.isalpha():
                    continue
                if (
                    lemma in self.rule.exclude
                    and lemma not in self.rule.named_agent
                    and not _idiom(token, self.rule.idioms.get(lemma))
                ):
                    continue
            elif lemma not in self.rule.lemmas:
                continue
            needed = self.rule.particle.get(token.lemma_.lower())
            if needed and not any(c.lower_ == needed for c in token.children):
                continue
            out.append(token)
        return out

    def detect(self, context: SentenceContext) -> list[ClauseEvent]:
        found: list[ClauseEvent] = []
        for verb in self._triggers(context):
            event = self._event(context, verb)
            if event is not None:
                found.append(event)
        return found

    # -- one trigger ----------------------------------------------------------------

    def _event(self, context: SentenceContext, trigger: Token) -> ClauseEvent | None:
        if trigger.pos_ == "NOUN":
            return self._noun_event(context, trigger)
        verb = trigger
        mood = modality(verb)
        not_until = _until(context, verb, _NOT_UNTIL) if mood is Modality.NEGATED else []
        if not_until:
            # "those features won't hit other platforms until 2020": they will, in 2020
            mood = modality(verb, negation=False)
        if mood in (Modality.NEGATED, Modality.HYPOTHETICAL):
            return None
        times, inherited = self._times(context, verb)
        if not_until:
            times, inherited = not_until, False
            if mood is Modality.ASSERTED and _told_in_the_past(verb):
                # "did not release the report until Monday": the Monday before
                times = _until(context, verb, _NOT_UNTIL, future=False)
        times = _on_the_clock(times, verb)
        moved = False
        if self.rule.until and all(t.kind == "since" for t in times):
            # "delayed until October 2007": when it now is (not the end of a delay)
            until = _until(context, verb)
            if until:
                times, moved = until, True
        if not times:
            return None  # the timeline is what the text dates
        if _set_for(verb) and _called_off(verb.head):
            return None  # "the vote scheduled for Friday was postponed": not on Friday now
        scheduled = (
            mood is Modality.SCHEDULED
            or moved
            or _set_for(verb)
            or (
                verb.lemma_.lower() not in self.rule.weak
                and not inherited
                and ahead_by_form(verb, times)
            )
        )
        if scheduled:
            times = [forward(t, context.published) for t in times]
        elif past_tense(verb):
            times = [backward(t, context.published) for t in times]
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        subject, patient = self._subject(verb, context), self._object(verb, passive)
        if (
            verb.dep_ == "acl"
            and (
                verb.tag_ == "VBN"
                or (verb.tag_ == "VBD" and not any(c.dep_ in _SUBJECTS for c in verb.children))
            )
            and verb.head.pos_ in ("NOUN", "PROPN")
            and verb.lemma_.lower() not in _DESCRIBING
        ):
            # "a paper published … on Monday", "the agreement signed in 2002": a reduced
            # passive, whose patient is the noun it describes (also when tagged as a past
            # tense with no subject: "a judge confirmed last week", "the results reported
            # Monday")
            passive, patient = True, verb.head
            subject = _agent_of(verb)
        if not passive and any(c.dep_ == "auxpass" for c in verb.children):
            # "rescued by police was released Monday", parsed without its subject: the
            # police of the other clause did not release anything
            raised = subject if verb.dep_ == "xcomp" else None
            subject = _agent_of(verb)
            shared = _shared_patient(verb)
            if raised is not None and raised.pos_ in ("NOUN", "PROPN"):
                # "the listing ceremony is due to be held next Tuesday": the subject of
                # the verb an infinitive passive completes is what is done
                passive, patient = True, raised
            if shared is not None:
                # "had been shelved in 2017 but was re-opened earlier this year": the
                # investigation of the clause it is coordinated with was re-opened
                passive, patient = True, shared
        patient = _relative_object(verb, subject, patient, passive)
        if passive and patient is not None:
            patient = _relative_subject(verb, patient)  # "an allegation, which was dropped"
        subject = _antecedent(verb, subject)
        actor = patient if passive else subject
        if (
            self.rule.any_verb
            and not passive
            and patient is not None
            and verb.lemma_.lower() in _WITNESSING
            and _a_time_sees(context, verb, subject)
        ):
            # "Today sees the advent of Amazon's Luxury Stores division", "Monday brought
            # heavy rain": what the time saw is what happened then
            return self._witnessed(context, verb, patient, times, scheduled)
        if actor is not None and _is_time_word(context, actor):
            return None  # "Sunday was chosen": the date is what the clause is about
        if self.rule.needs_object and patient is None:
            return None
        if self.rule.no_infinitive and any(
            c.dep_ == "xcomp" and _infinitive(c) for c in verb.children
        ):
            return None  # "ordered Shell to cut": an order given, not goods bought
        if self.rule.subject_happens and not _what_happened(context, verb, subject):
            return None
        if self.rule.any_verb and subject is None and patient is None:
            return None  # nothing to name it by
        if self.rule.object_words and not (
            patient is not None and {t.lower_ for t in patient.subtree} & self.rule.object_words
        ):
            return None
        subjects = self._people(context, subject)
        objects = self._people(context, patient) if patient is not None else []
        if self._needs_a_named_agent(verb) and (
            inherited
            # (a person it was done to is someone: "She was taken to the isolation ward
            # on Monday", "Smith was given a ten-year sentence on Friday")
            or (passive and not _a_person(context, objects))
            or (
                not passive
                and not (
                    any(context.type_of(k) in _AGENT_TYPES for k in subjects)
                    or (_proper(subject) and subject is not None and subject.pos_ != "PRON")
                )
            )
        ):
            return None  # "it comes in addition to", "they got a signal": no one did it
        if actor is not None and actor.lower_ in ("he", "she") and not (subjects or objects):
            return None  # someone the text did not name: no one to name the event after
        if (
            subject is not None
            and subject.lower_ in _FIRST_PERSON
            and not scheduled
            and present_tense(verb)
        ):
            return None  # "I am writing to you today", "galaxies we observe today": the page
        roles: dict[str, list[str]] = {"attendee": [], "organizer": [], "about": [], "location": []}
        agents = [k for k in subjects if context.type_of(k) in _AGENT_TYPES]
        roles[self.rule.subject_role].extend(agents)
        if self.rule.object_role is not None:
            wanted = _PLACE_TYPES if self.rule.object_role == "location" else _AGENT_TYPES
            roles[self.rule.object_role].extend(k for k in objects if context.type_of(k) in wanted)
        roles["location"].extend(self._location(context, verb))
        weak = verb.lemma_.lower() in self.rule.weak and not _made_known(verb, patient, passive)
        if weak and verb.dep_ == "advcl" and verb.tag_ == "VBG" and inherited:
            # "revealed one of those interactions last week, saying he recalled it": the
            # saying is how the clause it hangs on happened, not a second happening
            return None
        said = _said(context, verb) if weak else ""  # what a saying verb reports, if any
        name = self._name(context, verb, subject, patient, passive, said)
        if moved:
            name += f" until {times[0].text}"
        if self.rule.any_verb and name.startswith(self.rule.noun):
            return None  # "it will fly in 2009": no one to name the happening after
        if self._needs_a_named_agent(verb) and name.endswith(_third_person(verb.lemma_.lower())):
            return None  # "Instagram makes": a light verb says nothing without its object
        start = context.parse.start_of(verb)
        return ClauseEvent(
            kind=self.kind,
            schema_type=self.rule.schema_type,
            name=name,
            sentence=context.parse.sentence.index,
            trigger=verb.text,
            span=(start, start + len(verb.text)),
            times=times,
            scheduled=scheduled,
            confidence=self._confidence(
                verb,
                times,
                (bool(agents) or _identified(context, subject))
                if weak
                else bool(agents or objects) or _proper(actor),
                inherited,
                scheduled,
                reports=bool(said),
                weak=weak,
            ),
            attendee=list(dict.fromkeys(roles["attendee"])),
            organizer=list(dict.fromkeys(roles["organizer"])),
            about=list(dict.fromkeys(roles["about"])),
            location=list(dict.fromkeys(roles["location"]))[:1],
            words=_words(context, verb, subject, patient, passive),
        )

    def _witnessed(
        self,
        context: SentenceContext,
        verb: Token,
        patient: Token,
        times: list[TimeExpression],
        scheduled: bool,
    ) -> ClauseEvent | None:
        """The happening a time saw ("Today sees the advent of …"), named by it."""
        name = self._phrase_name(context, patient)
        if not name or _is_time_word(context, patient):
            return None
        people = [k for k in self._people(context, patient) if context.type_of(k) in _AGENT_TYPES]
        start = context.parse.start_of(verb)
        return ClauseEvent(
            kind=self.kind,
            schema_type=self.rule.schema_type,
            name=_capitalise(name),
            sentence=context.parse.sentence.index,
            trigger=verb.text,
            span=(start, start + len(verb.text)),
            times=times,
            scheduled=scheduled,
            confidence=_confidence(times, bool(people) or _proper(patient), scheduled),
            attendee=people,
            location=self._location(context, verb)[:1],
            words=_words(context, verb, patient, None, False),
        )

    def _needs_a_named_agent(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        return (
            lemma in self.rule.named_agent
            and lemma in self.rule.exclude
            and not _idiom(verb, self.rule.idioms.get(lemma))
        )

    def _confidence(
        self,
        verb: Token,
        times: Sequence[TimeExpression],
        named: bool,
        inherited: bool,
        scheduled: bool,
        reports: bool = False,
        weak: bool = False,
    ) -> float:
        score = _confidence(times, named, scheduled)
        if weak and inherited and not (named and reports):
            # a saying on a day of its own ("Tim Cook said Tuesday in a fireside chat",
            # "an insider told the outlet on Monday"), or a named source reporting what
            # happened ("Bloomberg reported on Friday that WeWork faces an SEC inquiry"),
            # is a dated happening like any other (hand-annotated news counts every one,
            # named source or not); a saying whose date is lent by another clause ("met on
            # Monday and said") is weak. An unnamed source still scores lower (not named)
            score = min(score, self.rule.weak_confidence)
        return score

    def _noun_event(self, context: SentenceContext, noun: Token) -> ClauseEvent | None:
        """A happening named by a noun (``a congressional hearing``): dated, placed and
        peopled by the clause it is in; named by its modifiers and who took part."""
        verb = clause_head(noun)
        if verb is noun or unproven(noun):
            return None  # "its plans for an initial public offering": none took place
        if self.rule.light_verbs and not (
            verb.lemma_.lower() in self.rule.light_verbs
            and noun.dep_ in ("dobj", "nsubjpass")
            and noun.head.i == verb.i
        ):
            return None  # "delayed the delivery": the delay is the happening, not a delivery
        mood = modality(verb)
        if (
            self.rule.own_date
            and mood is Modality.HYPOTHETICAL
            and _definite(noun)
            and own_times(context, noun)
        ):
            # "battle to win the U.K.'s Dec. 12 election", "would attend the June 5
            # meeting": a definite noun with a date of its own is taken as known, whatever
            # the clause supposes of it; an indefinite one is what the clause supposes
            # ("would hold a Dec. 15 vote")
            mood = Modality.ASSERTED
        if self.rule.own_date and not _argument_of(noun, verb):
            # "questions about Trump's July 25 call", "could face a vote after the Nov. 9
            # loss": a noun deeper in the clause than its subject or object happened on
            # its own date whatever the clause supposes or denies; only an argument of the
            # verb shares its mood ("would hold a Dec. 15 vote", "did not set a June date")
            mood = Modality.ASSERTED
        if mood in (Modality.NEGATED, Modality.HYPOTHETICAL):
            return None
        if self.rule.own_date:  # "the June 29 launch", "GM's bankruptcy filing on June 1"
            times, inherited = own_times(context, noun), False
        else:
            times, inherited = self._times(context, verb)
        times = _on_the_clock(times, verb)
        if not times:
            return None
        scheduled = (
            mood is Modality.SCHEDULED
            or _planned(noun)
            or (
                # "battle to win the Dec. 12 election", "starting with a rally on May 1":
                # an argument of a present clause is on the calendar; a noun deeper in
                # the clause keeps its own time ("questions about Trump's July 25 call")
                not inherited
                and (not self.rule.own_date or on_the_verb(noun, verb))
                and ahead_by_form(verb, times)
            )
        )
        if scheduled:
            times = [forward(t, context.published) for t in times]
        elif past_tense(verb):
            times = [backward(t, context.published) for t in times]
        subject = self._subject(verb, context) if noun.dep_ != "nsubjpass" else None
        subject = _antecedent(verb, subject)
        if self.rule.own_date:  # who: the noun's possessor ("GM's filing"), not the clause's
            subject = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
                (  # or its "by" ("a 2010 appearance by Nick Clegg")
                    o
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ == "by"
                    for o in c.children
                    if o.dep_ == "pobj"
                ),
                None,
            )
        people = [k for k in self._people(context, subject) if context.type_of(k) in _AGENT_TYPES]
        # the words before the noun in its phrase, without articles, possessives and dates:
        # "its maiden flight", "A European Commission review", "the June 29 launch"
        # (the possessor's whole phrase goes too: "President Donald Trump's announcement"
        # is named after Donald Trump, not "President Donald announcement")
        owner = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
        modifiers = [
            t
            for t in noun.subtree
            if t.i < noun.i
            and t.i not in owner
            and t.dep_ not in ("det", "poss", "case", "predet")
            and (t.dep_ != "punct" or t.text in _JOINERS)  # "two-goal", "Browns-Steelers"
            and not _is_time_word(context, t)
        ]
        of = [
            t
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of" and self.rule.own_date
            for t in c.subtree
            if not _is_time_word(context, t)
        ]
        own = {t.i for t in modifiers} | {t.i for t in of}
        dated_name = ""
        if self.rule.own_date:
            dates = own_times(context, noun)
            modifiers = [
                t
                for t in modifiers
                if not any(
                    d.start_offset <= context.parse.start_of(t) < d.end_offset for d in dates
                )
            ]
            own = {t.i for t in modifiers} | {t.i for t in of}
            if not own and not people:
                # "the Feb. 14 vote" alone: no name a reader could tell apart; where it
                # took place, or who met, can tell it ("a July 10 meeting at the White
                # House", "this week's game in Miami")
                of = _telling_phrase(context, noun)
                full = [d for d in dates if not d.relative and d.precision is Precision.DAY]
                if not of and not full and self.rule.day_nouns:
                    of = _short_phrase(context, noun)  # "presentation to bondholders"
                if not of and not full:
                    return None
                if not of:  # "the September 11, 2001 attacks": a day in full names it
                    dated_name = f"{noun.text} of {full[0].text}"
        words = tokens_text(sorted([*modifiers, noun, *of], key=lambda t: t.i))
        name = _capitalise(dated_name or words)
        if people:
            owned = subject is not None and subject.dep_ == "poss"  # (not "by X")
            undergone = owned and noun.lemma_.lower() in self.rule.undergone
            joiner = "of" if undergone else self.rule.joiner
            name += f" {joiner} " + _join([context.name_of(k) for k in people])
        elif self.rule.light_verbs and subject is not None and subject.pos_ != "PRON":
            phrase = self._phrase_name(context, subject, keep_article=True)
            first = phrase.split(" ", 1)
            if first[0].lower() in _HEADLINE_DROP and len(first) > 1:
                phrase = f"{first[0].lower()} {first[1]}"
            name += f" of {phrase}"
        start = context.parse.start_of(noun)
        return ClauseEvent(
            kind=self.kind,
            schema_type=self.rule.schema_type,
            name=name,
            sentence=context.parse.sentence.index,
            trigger=noun.text,
            span=(start, start + len(noun.text)),
            times=times,
            scheduled=scheduled,
            # a noun dated by the verb its clause is coordinated with ("will be opened for
            # signature on April 22 and will enter into force") is named by less than a
            # verb's subject and object: proposed, not published
            confidence=_confidence(times, bool(people), scheduled) - (0.15 if inherited else 0),
            attendee=people,
            location=self._location(context, verb)[:1],
        )

    def _times(self, context: SentenceContext, verb: Token) -> tuple[list[TimeExpression], bool]:
        """The clause's own temporal expressions; else those of the clause it is
        coordinated with (``met on Monday and signed``), marked as inherited."""
        own = context.clause_times.get(verb.i, [])
        if own:
            return _nearest_first(context, verb, own), False
        lent = lent_times(verb, context.clause_times)
        if lent:
            return lent, True
        for child in verb.children:
            # "grabbed the girl as she was walking … on Saturday, May 18": a clause that
            # happens at the same time dates the one it hangs on
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if (
                child.dep_ == "advcl"
                and marks & _AT_THE_SAME_TIME
                and child.i in context.clause_times
            ):
                return list(context.clause_times[child.i]), True
        marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod")}
        if verb.dep_ == "advcl" and marks & _AT_THE_SAME_TIME:
            # "were in the news on Monday, as the NFL decided to move the rematch": a
            # clause that happens while the dated one does shares its date
            shared = context.clause_times.get(clause_head(verb.head).i, [])
            if shared:
                return list(shared), True
        if verb.dep_ == "relcl" and "when" in marks:
            # "in May of this year, when it launched an updated MacBook Pro", "four years
            # ago, when Phil Bryant won": a "when" clause hung on a time is dated by it
            inner = {t.i for t in verb.subtree}
            words = [t for t in verb.head.subtree if t.i not in inner]
            at = [
                (context.parse.start_of(t), context.parse.start_of(t) + len(t.text)) for t in words
            ]
            named = [x for x in context.times if any(a <= x.start_offset < b for a, b in at)]
            if named:
                return named, False
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"  # "…, telling a hearing"
        if verb.dep_ == "conj" or participle:
            head = clause_head(verb.head)
            if participle and head.dep_ == "relcl":  # attached to a relative clause by mistake
                head = clause_head(head.head)
            if participle and _after_a_comma(verb) and _infinitive(head) and head.dep_ == "xcomp":
                # "ordered Shell to cut emissions by 2030, upholding a 2021 ruling": the
                # parser hangs the participle on the infinitive; set off by a comma, it
                # tells of the ordering (on Wednesday), not of the cut's deadline
                head = clause_head(head.head)
            shared = context.clause_times.get(head.i, [])
            if (
                shared
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
                and not _own_tense(verb, head)
            ):
                return list(shared), True
        return [], False

    @staticmethod
    def _subject(verb: Token, context: SentenceContext | None = None) -> Token | None:
        """Who did it: the subject, the ``by`` of a passive, or (for ``to sign`` and
        ``and signed``) the subject of the governing verb."""
        current: Token | None = verb
        for _ in range(4):
            if current is None:
                break
            subjects = [
                c
                for c in current.children
                if c.dep_ in ("nsubj", "csubj")
                and not (context is not None and context.parse.start_of(c) < context.skip_before)
            ]
            # "The magnitude 6.8 quake struck", parsed with two subjects: the one that acts
            acting = [c for c in subjects if c.lemma_.lower() not in _MEASURES] or subjects
            if acting:
                return _relative_subject(current, min(acting, key=lambda c: abs(c.i - verb.i)))
            for child in current.children:
                if context is not None and context.parse.start_of(child) < context.skip_before:
                    continue  # "DUBAI –": the dateline is not who did it
                if child.dep_ == "agent":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
            participle = current.dep_ == "advcl" and current.tag_ == "VBG"
            if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ == "prep":
                # "rolled back its policy after reaching a settlement": who reached it is
                # who the clause the phrase hangs on is about
                current = clause_head(current.head.head)
                continue
            if participle and current.head.dep_ == "relcl":
                current = clause_head(current.head.head)
                continue
            if current.dep_ == "acomp" and current.head is not current:
                current = current.head  # "the next round is due to start": the round
                continue
            ranked = first_to(current)
            if ranked is not None:
                current = ranked  # "Samsung was the first to release it": Samsung
                continue
            if (current.dep_ in ("xcomp", "conj") or participle) and current.head is not current:
                passive = next((c for c in current.head.children if c.dep_ == "nsubjpass"), None)
                if passive is not None and current.dep_ == "xcomp":
                    # "Russia and Iran are expected to sign"; "the license, which is set to
                    # expire in February": the noun the relative pronoun stands for
                    return _relative_subject(current.head, passive)
                current = current.head
            else:
                break
        if context is not None and context.skip_before and current is not None:
            return _under_the_dateline(context, current)
        return None

    @staticmethod
    def _object(verb: Token, passive: bool) -> Token | None:
        for child in verb.children:
            if child.dep_ == "nsubjpass" and passive:
                return child
            if child.dep_ in ("dobj", "attr") and not _measured(child):
                return child
        return None

    @staticmethod
    def _people(context: SentenceContext, token: Token | None) -> list[str]:
        """Entity keys named by a subject or object (and its conjuncts); ``he``/``she``
        is the person last named before."""
        if token is None:
            return []
        keys: list[str] = []
        for part in _with_conjuncts(token):
            if part.pos_ == "PRON":
                person = _pronoun_person(context, part)
                if person is not None:
                    keys.append(person)
                continue
            mention = context.mention_at(part)
            if mention is not None and not _nationals(context, part, mention):
                keys.append(mention.key)
        return list(dict.fromkeys(keys))

    @staticmethod
    def _location(context: SentenceContext, verb: Token) -> list[str]:
        """``in``/``at`` a place the clause names: ``met Xi in Beijing``."""
        out = []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                mention = context.mention_at(pobj)
                if mention is not None and context.type_of(mention.key) in _PLACE_TYPES:
                    out.append(mention.key)
        return out

    def _name(
        self,
        context: SentenceContext,
        verb: Token,
        subject: Token | None,
        patient: Token | None,
        passive: bool,
        said: str = "",
    ) -> str:
        """A headline: ``Emirates orders 30 Boeing 787 jets``, ``Robert Hur testifies
        before the House Judiciary Committee``, ``Resignation of Boris Johnson``."""
        particle = next(
            (c.text for c in verb.children if c.dep_ in ("prt",) or c.lower_ == "down"), ""
        )
        if passive and patient is not None:
            who = self._phrase_name(context, patient)
            words = self.rule.idioms.get(verb.lemma_.lower(), frozenset())
            idiom = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "prep"
                    and any(g.dep_ == "pobj" and g.lemma_.lower() in words for g in c.children)
                ),
                None,
            )
            if who and idiom is not None:  # "Man set on fire": the words that make it one
                return _capitalise(f"{who} {verb.lower_} {tokens_text(list(idiom.subtree))}")
            rest = _light_complement(context, verb) if self._needs_a_named_agent(verb) else ""
            if who and rest:  # "Meena Devi taken to the isolation ward": where, or what
                return _capitalise(f"{who} {verb.lower_} {rest}")
            if who:
                return _capitalise(f"{who} {verb.lower_}".strip())
            return noun_for(self.rule, verb.lemma_.lower())
        who = self._phrase_name(context, subject) if subject is not None else ""
        before = subject.doc[subject.left_edge.i - 1] if subject and subject.left_edge.i else None
        if who and before is not None and before.lemma_.lower() in _MEASURES:
            who = f"{before.lower_} {who}"  # "magnitude" parsed apart from "6.8 quake"
        plural = subject is not None and (
            len(_with_conjuncts(subject)) > 1
            or (
                subject.tag_ == "NNS"
                and (
                    subject.is_lower or _described(subject) or _AGENT_PLURAL.search(subject.lower_)
                )
            )
            or subject.lower_ in _PLURALS
            or _nationals_at(context, subject)
        )
        plural = plural or (subject is not None and subject.lower_ == "i")  # "I write"
        lemma = verb.lemma_.lower()
        verb_text = (lemma if plural else _third_person(lemma)) + (
            f" {particle}" if particle else ""
        )
        rest = ""
        if patient is not None:
            rest = self._phrase_name(context, patient, keep_article=True)
            if said:  # "Dmitry Peskov tells reporters that Putin and Xi will meet"
                rest = f"{rest} {said}"
        else:
            prep = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "prep"
                    and c.lower_ not in _LOCATIVE
                    and c.i > verb.i  # (not a fronted "From there, I tried to enter")
                    and not any(verb.i in (t.i,) for t in c.subtree)
                    and not _is_time(context, c)
                ),
                None,
            )
            clause = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if prep is None and clause is None:
                # "said at a rally in Louisiana", "said in a fireside chat with X": where
                # it was said, when that is an occasion and not a place the text names
                prep = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "prep"
                        and c.lower_ in _LOCATIVE
                        and not _is_time(context, c)
                        and not any(
                            g.dep_ == "pobj" and context.mention_at(g) is not None
                            for g in c.children
                        )
                    ),
                    None,
                )
            # "became fascinated with tuft cells in 2011": what the subject became
            complement = next((c for c in verb.children if c.dep_ == "acomp"), None)
            if said:  # "The New York Times reports that WeWork is preparing to cut jobs"
                rest = said
            elif complement is not None and complement.i > verb.i:
                rest = tokens_text(
                    [
                        t
                        for t in _phrase(complement, frozenset({"relcl", "acl", "appos", "punct"}))
                        if not _is_time_word(context, t)
                        and not (
                            t.dep_ == "prep" and all(_is_time_word(context, c) for c in t.children)
                        )
                    ]
                )
            elif prep is not None:
                rest = tokens_text(_phrase(prep, frozenset({"relcl", "acl", "appos", "punct"})))
            elif clause is not None:  # "decides to raise rates"
                # (a word whose phrase holds a date stays: "tried to block the facility
                # over the last five days" is named "tries to block the facility")
                rest = tokens_text(
                    [
                        t
                        for t in _phrase(clause, frozenset({"relcl", "advcl", "punct", "prep"}))
                        if not _is_time_word(context, t)
                        and not (
                            t.dep_ == "prep" and all(_is_time_word(context, c) for c in t.children)
                        )
                    ]
                )
        if not who:
            target = f" of {rest}" if rest else ""
            return _capitalise(f"{noun_for(self.rule, verb.lemma_.lower())}{target}")
        return _capitalise(" ".join(p for p in (who, verb_text, rest) if p))

    @staticmethod
    def _phrase_name(context: SentenceContext, token: Token, keep_article: bool = False) -> str:
        """An entity's name where the phrase is one (``Russian President Vladimir Putin``
        → ``Vladimir Putin``), else the phrase itself, headline style."""
        parts = _with_conjuncts(token)
        names = []
        for part in parts:
            if part.pos_ == "PRON":
                person = _pronoun_person(context, part)
                if person is not None:
                    names.append(context.name_of(person))
                    continue
                if part.lower_ == "they" and context.they:
                    # "Pluznick and her colleagues had continued to study it. They
                    # demonstrated in 2013 that …": the subject of the sentence before
                    names.append(context.they)
                    continue
                if part.lower_ in _FIRST_PERSON:
                    # "we launched it last week", "I wrote in August": the writer (or the
                    # body the writer speaks for) did it, in the text's own words
                    names.append(_FIRST_PERSON[part.lower_])
                    continue
                return ""
            mention = context.mention_at(part)
            if (
                mention is not None
                and context.type_of(mention.key) in _AGENT_TYPES | _PLACE_TYPES
                and not _nationals(context, part, mention)
            ):
                names.append(context.name_of(mention.key))
                continue
            # "the attack on the embassy": a short phrase keeps its preposition
            longer = _phrase(part, _CUT - {"prep"})
            words = longer if len(longer) <= 6 and not keep_article else _phrase(part)
            # "three days of national mourning": an "of" phrase is part of what it names
            of = [
                t
                for c in part.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for t in _phrase(c, frozenset({"relcl", "acl", "appos", "punct", "prep"}))
                if not _is_time_word(context, t)
            ]
            if of and len(words) + len(of) <= 8 and not {t.i for t in of} & {w.i for w in words}:
                words = sorted([*words, *of], key=lambda t: t.i)
            words = [w for w in words if context.parse.start_of(w) >= context.skip_before]
            if len(words) > 8:
                words = [t for t in words if t.i >= part.i - 3 and t.i <= part.i]
            text = tokens_text(words)
            first = text.split(" ", 1)
            if not keep_article and first[0].lower() in _HEADLINE_DROP and len(first) > 1:
                text = first[1]
            names.append(text)
        return _join(names)


_UNTIL = re.compile(r"\b(?:until|till|to)\s+(?:the\s+)?$", re.I)
#: The bound of "not … until": when what is denied before it does happen.
_NOT_UNTIL = re.compile(r"\b(?:until|till)\s+(?:the\s+)?$", re.I)


def _nearest_first(
    context: SentenceContext, verb: Token, times: Sequence[TimeExpression]
) -> list[TimeExpression]:
    """A clause's dates, the one the verb governs most directly first: in "In addition
    to its order of 30 jets Wednesday, it announced an order of 50 jets on Monday",
    "on Monday" hangs on "announced", "Wednesday" on the order inside a phrase before
    it; the first date of a clause is its event's date, so it must be the verb's own."""

    def depth(expr: TimeExpression) -> int:
        root = context.parse.root_of(expr.start_offset, expr.end_offset)
        steps = 0
        while root is not None and root.i != verb.i and root.head is not root and steps < 32:
            root, steps = root.head, steps + 1
        return steps

    return finer_first(sorted(times, key=depth))  # stable: equal depths keep text order


def finer_first(times: Sequence[TimeExpression]) -> list[TimeExpression]:
    """A clause's dates with a finer date inside the first one moved first: "Last
    summer, Hurricane Barry hit Louisiana on July 13" was on July 13; a day written
    without its year is in the year its clause gives (:func:`in_the_clause_year`)."""
    ordered = in_the_clause_year(times)
    if not ordered:
        return ordered
    first = ordered[0]
    inside = [t for t in ordered[1:] if len(t.start) > len(first.start) and _within(t, first)]
    if inside:
        ordered.remove(inside[0])
        ordered.insert(0, inside[0])
    return ordered


#: Dates that say their year only through the story's day: "July 15", "15 July", "in May".
_YEARLESS = frozenset({"month_day", "day_month", "month"})
#: Dates that give a clause its year: "in 2022", "next year", "this year".
_YEAR_KINDS = frozenset({"year", "relative_period"})


def in_the_clause_year(times: Sequence[TimeExpression]) -> list[TimeExpression]:
    """A clause's dates with each day or month written without a year placed in the one
    year the clause gives: "will take place July 15-24 in 2022" is 2022-07-15, "on July
    23-August 8 next year" next year's July 23, whatever the story's day would make of
    "July 15" alone. Two years in a clause say nothing about which one a day is in. The
    day placed so is as written: no tense reads it forward or back again."""
    years = {t.start for t in times if t.kind in _YEAR_KINDS and len(t.start) == 4 and not t.end}
    if len(years) != 1:
        return list(times)
    year = next(iter(years))
    out = []
    for expr in times:
        if expr.relative and expr.kind in _YEARLESS and expr.start[:4] != year:
            placed = year + expr.start[4:]
            try:
                if len(placed) == 10:
                    dt.date.fromisoformat(placed)  # (not a February 29 of another year)
            except ValueError:
                out.append(expr)
                continue
            end = year + expr.end[4:] if expr.end else None
            out.append(dataclasses.replace(expr, start=placed, end=end, kind="in_year"))
            continue
        out.append(expr)
    return out


def _within(inner: TimeExpression, outer: TimeExpression) -> bool:
    """Whether ``inner`` starts inside ``outer`` (at ``outer``'s precision)."""
    low = outer.start
    high = outer.end or outer.start
    return low <= inner.start[: len(low)] and inner.start[: len(high)] <= high


def _shared_patient(verb: Token) -> Token | None:
    """The subject a passive coordinated verb shares with the clause before it: "The
    investigation had been shelved in 2017 but was re-opened this year"."""
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)


def _until(
    context: SentenceContext,
    verb: Token,
    before: re.Pattern[str] = _UNTIL,
    future: bool = True,
) -> list[TimeExpression]:
    """The new date of a moved happening: ``delayed until October 2007``, ``postponed
    to March``: a bound for the clause, but when the happening is now set to be."""
    text = context.parse.sentence.text
    bounds = [
        t
        for t in find_times(text, context.published, future=future)
        if t.kind == "since"
        and t.start_offset >= context.skip_before
        and before.search(text, max(t.start_offset - 12, 0), t.start_offset)
    ]
    return context.parse.clause_times(bounds).get(verb.i, [])


def own_times(context: SentenceContext, noun: Token) -> list[TimeExpression]:
    """Dates inside a noun's own phrase (not in a clause hung on it): ``the June 29
    launch``, ``the filing on June 1``, ``Tuesday's announcement``. A bound outside the
    phrase does not matter (``after the June 29 launch`` is still the launch's date); one
    inside it does (``the filing after June 1``)."""
    phrase = {t.i for t in noun.subtree}
    words = [
        t
        for t in noun.subtree
        if not any(a.dep_ in ("relcl", "acl") and a.i in phrase for a in t.ancestors)
    ]
    starts = {context.parse.start_of(t): t for t in words}
    out = []
    text = context.parse.sentence.text
    for expr in find_times(text, context.published):
        if expr.start_offset < context.skip_before:
            continue
        if expr.start_offset not in starts:
            if (
                _right_before(context, expr, noun) or _right_after(context, expr, noun)
            ) and expr.kind not in NOT_WHEN:
                out.append(expr)  # "the September 11, 2001 attacks", parsed apart
            continue
        year = starts[expr.start_offset]
        premodifier = expr.kind == "bare_year" and year.head.i == noun.i and year.i < noun.i
        if expr.kind in NOT_WHEN and expr.kind != "since" and not premodifier:
            continue  # (but "a 2010 appearance by Nick Clegg" was in 2010)
        before = starts[expr.start_offset].i - 1
        while before >= 0 and noun.doc[before].dep_ == "det":
            before -= 1  # "after the June 29 launch": the bound is before the article
        if expr.kind == "since" and before >= 0 and before in phrase:
            continue
        out.append(expr)
    return out


#: A noun's own arguments in its clause: what the clause's mood is about.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
#: Words before a noun that put its date ahead: "a scheduled Dec. 15 imposition".
_PLANNED = frozenset(
    {"scheduled", "rescheduled", "planned", "upcoming", "proposed", "expected", "due"}
)
#: Prepositions whose phrase tells one dated noun from another: where, between whom.
_TELLING = frozenset({"at", "in", "between", "by"})


#: Determiners of a source the text does not identify: "a senior official", "some aides".
_UNIDENTIFIED = frozenset({"a", "an", "some", "one", "two", "three", "several", "many", "any"})
#: How a name identifies the noun heading a source: "China's commerce ministry", "the
#: US military", "Bolivia's public defender's office".
_IDENTIFYING = frozenset({"poss", "compound", "nmod", "amod"})


#: Prepositions that tie a source to the body it speaks for.
_SOURCE_OF = frozenset({"of", "at", "from", "for", "with"})


def _identified(context: SentenceContext, subject: Token | None) -> bool:
    """Whether a source that is not a name is one the text identifies by a name: an
    office or body of a named country, organisation or person ("China's commerce
    ministry said this month", "Austria's interior minister said on Tuesday", "the US
    military said", "the laboratory of Stephen Liggett reported"), not an unnamed one
    ("a senior official"), nor "the spokesman" of a story that has named no one: a
    definite description is one only where the text named whom it can mean before."""
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    # "the laboratory of Stephen Liggett", "the office of the governor of Texas", and
    # "officials at the U.S. Department of State", "a spokesman for Boeing"
    todo = [g for c in subject.children if c.lower_ in _SOURCE_OF for g in c.children]
    if any(c.dep_ == "det" and c.lower_ in _UNIDENTIFIED for c in subject.children):
        todo = [w for w in todo if w.pos_ == "PROPN"]  # "a spokesman for Boeing" only
        if not todo:
            return False
    elif (
        subject.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        and _named_before(context)
    ):
        return True  # "the president said on Tuesday", of a story that named him before
    else:
        todo += [c for c in subject.children if c.dep_ in _IDENTIFYING and c.i < subject.i]
    while todo:
        word = todo.pop()
        if word.pos_ == "PROPN" or context.mention_at(word) is not None:
            return True
        todo.extend(c for c in word.children if c.dep_ in _IDENTIFYING)  # "…defender's office"
    return False


def _named_before(context: SentenceContext) -> bool:
    """Whether a person or organisation was named in a sentence before this one."""
    index = context.parse.sentence.index
    return bool(context.recent_people) or any(
        m.sentence < index and context.type_of(m.key) in _AGENT_TYPES
        for m in context.entities.mentions
    )


#: Nouns for a stretch of time: "the quarter ended June 30" tells a date, not a happening.
_PERIODS = frozenset("quarter year month week day period half decade century time".split())
#: What makes "began" say what someone did rather than that something began.
_COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "prt", "attr", "oprd", "acomp"})


def _what_happened(context: SentenceContext, verb: Token, subject: Token | None) -> bool:
    """Whether ``began``/``ended`` tells that its subject, a happening, began or ended
    ("the protests began in June", "the trade war started in 2018"), not what someone
    began doing ("he started selling", "Apple began shipping the phone"), nor a period's
    bounds ("the quarter ended June 30")."""
    if verb.dep_ in ("acl", "amod") or any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return False
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    if subject.head.i != verb.i and verb.dep_ != "xcomp":  # "is due to start": lent
        return False
    if subject.lemma_.lower() in _PERIODS:
        return False
    mention = context.mention_at(subject)
    return mention is None or context.type_of(mention.key) != "Person"


def _argument_of(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the verb's subject or object (or a conjunct of one)."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    return noun.head.i == verb.i and noun.dep_ in _ARGUMENTS


def on_the_verb(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the verb's subject or object, or the object of a preposition
    on it ("starting with a rally on May 1"): the verb's tense is the noun's."""
    if _argument_of(noun, verb):
        return True
    head = noun.head
    return noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i


def _definite(noun: Token) -> bool:
    """``the June 29 launch``, ``the U.K.'s Dec. 12 election``, ``Tuesday's debate``: a
    noun its article or an owner makes definite (what the text takes as known)."""
    return any(
        (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss"
        for c in noun.children
        if c.i < noun.i
    )


def _planned(noun: Token) -> bool:
    """``a scheduled Dec. 15 imposition``, ``the upcoming June vote``: dated forward."""
    return any(c.dep_ in ("amod", "compound") and c.lower_ in _PLANNED for c in noun.children)


def _telling_phrase(context: SentenceContext, noun: Token) -> list[Token]:
    """The noun's prepositional phrase naming a place or people the text names (``at the
    White House``, ``in Miami``, ``between Trump and Liu He``, ``by the Centre for Economic
    Policy Research``; not ``with`` someone: "said
    meeting with Giuliani on Monday was part of it" is no one meeting), without dates, for a
    name; [] when it has none."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in _TELLING:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or _is_time_word(context, pobj):
            continue
        if context.mention_at(pobj) is None and not _proper(pobj):
            continue
        words = [t for t in prep.subtree if not _is_time_word(context, t)]
        cut = {t.i for c in pobj.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        return [t for t in words if t.i not in cut]
    return []


#: Prepositions whose noun is the occasion its verb happened at, dated with it.
_OCCASION = frozenset({"at", "during", "in"})
#: Dates that name one day: what a day written before a noun gives it.
_DAYS = frozenset({"weekday", "month_day", "day_month"})
#: How a day stands before the noun it dates: "Tuesday's auction", "a Monday headline".
_BEFORE_A_NOUN = frozenset({"poss", "compound", "nmod"})
#: Nouns a day is written before that are not something that happened on it: a
#: stretch of time ("Monday night"), a limit ("the Dec. 15 deadline"), what measures
#: or prints ("Friday's close", "Sunday's paper"), a person ("Tuesday's winner").
_NOT_ON_THE_DAY = frozenset(
    """morning afternoon evening night noon midnight time session hours minutes trade
    deadline date level levels high low close price prices paper edition issue newspaper
    column winner loser schedule forecast weather""".split()
)


def _day_before(context: SentenceContext, noun: Token) -> bool:
    """Whether a day is written right before ``noun`` as its modifier ("Tuesday's $50
    billion auction", "a Monday headline", "an October 11 presentation"), which says the
    noun is a thing that happened (or will) on that day; the noun is not a time itself."""
    if noun.lower_ in _NOT_ON_THE_DAY or noun.lemma_.lower() in _NOT_ON_THE_DAY:
        return False
    if _is_time_word(context, noun):
        return False
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in _OCCASION and prep.head.pos_ in ("VERB", "AUX"):
        return False  # "said in a Saturday Facebook post": the saying is the happening
    # the day, or the day before a name that modifies the noun ("a Saturday Facebook post")
    children = [c for c in noun.children if c.dep_ in _BEFORE_A_NOUN and c.i < noun.i]
    children += [g for c in children if c.pos_ == "PROPN" for g in c.children]
    for child in children:
        if child.dep_ not in _BEFORE_A_NOUN:
            continue
        at = context.parse.start_of(child)
        if any(
            t.start_offset <= at < t.end_offset and t.kind in _DAYS and not t.end
            for t in context.times
        ):
            return True
    return False


#: The most words of a phrase that tells a dated noun apart ("to bondholders").
_SHORT = 5


def _short_phrase(context: SentenceContext, noun: Token) -> list[Token]:
    """The noun's first prepositional phrase after it, if short and about a thing or
    someone ("an October 11 presentation to bondholders"), without dates; [] if none."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.i < noun.i:
            continue
        if prep.lower_ == "with":
            return []  # "said meeting with Giuliani on Monday was part of it": no one met
        words = _phrase(prep, frozenset({"relcl", "acl", "appos", "punct"}))
        if _is_time(context, prep) or len(words) > _SHORT:
            return []
        if any(t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" for t in words):
            return words
        return []
    return []


def _right_before(context: SentenceContext, expr: TimeExpression, noun: Token) -> bool:
    """A date written right before the noun it dates, whatever the parser made of it
    ("the September 11, 2001 attacks" is parsed as a date with an apposition)."""
    after = [t for t in context.parse.tokens() if context.parse.start_of(t) >= expr.end_offset]
    while after and after[0].tag_ == "POS":
        after = after[1:]
    return bool(after) and after[0].i == noun.i


#: Verbs whose time subject saw what happened then: "Today sees the advent of …".
_WITNESSING = frozenset({"see", "witness", "bring"})


def _a_time_sees(context: SentenceContext, verb: Token, subject: Token | None) -> bool:
    """Whether the clause's subject is a time: "Today sees …", "Last year saw …" (the
    parser may hang "Last year" on the verb as a modifier and leave no subject)."""
    if subject is not None:
        return _is_time_word(context, subject)
    return any(
        c.dep_ == "npadvmod" and c.i < verb.i and _is_time_word(context, c) for c in verb.children
    )


#: Words a subject's date may open with after the subject: "death Friday, Sept. 18".
_DAY_NAMES = frozenset("on monday tuesday wednesday thursday friday saturday sunday".split())


def _right_after(context: SentenceContext, expr: TimeExpression, noun: Token) -> bool:
    """A date written right after a subject, before its verb ("Ginsburg's death Friday,
    Sept. 18 immediately sparked a fight"), or after the noun a "since" starts from
    ("Since Vernon's injury a couple of weeks ago, …"): the parser hangs it on the verb,
    but there it can only date that noun."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "since":
        verb = clause_head(verb)  # "Since Vernon's injury a couple of weeks ago, Thomas …"
    elif noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if verb.i <= noun.i:
        return False
    if expr.end_offset > context.parse.start_of(verb):
        return False
    after = context.parse.start_of(noun.right_edge) + len(noun.right_edge.text)
    if expr.start_offset < after:
        return False
    between = [
        t for t in context.parse.tokens() if after <= context.parse.start_of(t) < expr.start_offset
    ]
    return all(t.is_punct or t.lower_ in _DAY_NAMES for t in between)


def _idiom(verb: Token, words: frozenset[str] | None) -> bool:
    """Whether a verb too light to name a happening carries one of ``words`` that make
    it one: its object or particle (``took place``, ``gave a speech``) or the object of
    its preposition (``goes on sale``, ``went to the polls``)."""
    if not words:
        return False
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "prt", "acomp", "advmod", "attr", "nsubjpass")
            and child.lemma_.lower() in words
        ):  # (and the passive's subject: "the announcement was made on Friday")
            return True
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in words for g in child.children
        ):
            return True
    return False


#: Relative pronouns that stand for the noun their clause hangs on: in "users who
#: activated", the users did; "an allegation, which was dropped in 2015" was dropped. A
#: relative clause is a happening only with a date of its own, like any clause.
_RELATIVE = frozenset({"who", "which", "that"})


def _relative_subject(verb: Token, subject: Token) -> Token:
    """The noun a relative ``who`` stands for: ``the more than 10 million users who
    activated their accounts`` (the users activated); any other subject as it is."""
    if (
        subject.lower_ in _RELATIVE
        and subject.tag_ in ("WP", "WDT")
        and verb.dep_ == "relcl"
        and verb.head.pos_ in ("NOUN", "PROPN")
    ):
        return verb.head
    return subject


def _relative_object(
    verb: Token, subject: Token | None, patient: Token | None, passive: bool
) -> Token | None:
    """In a relative clause with its own subject, what was acted on is the noun the clause
    hangs on: ``the aid package (that) the U.S. Congress approved``."""
    # a tensed "acl" with a subject of its own is a relative clause the parser mislabelled
    # ("its lander that the company unveiled in May")
    relative = verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP"))
    if not relative or passive or subject is None or subject.head.i != verb.i:
        return patient
    if any(c.lower_ in ("when", "where") for c in verb.children if c.dep_ == "advmod"):
        return patient  # "four years ago, when Bryant won": the clause is about a time
    if patient is None and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # "the facility, which protesters tried to block": the block's object
    if patient is None or patient.lower_ in ("that", "which", "whom", "who"):
        return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else patient
    return patient


#: Relative dates whose direction the verb's form decides: "Saturday", "Oct. 13".
_WHICH_ONE = frozenset({"weekday", "month_day", "day_month", "month"})


def ahead_by_form(verb: Token, times: Sequence[TimeExpression]) -> bool:
    """A clause that tells what is ahead by its verb's form alone, dated by a day or
    month that does not say which one: the simple present of a story's body ("The
    Gophers play Saturday against the Wildcats", "the order books open from the end of
    November": news tells what happened in the past tense, what is on the calendar in
    the present), the imperative of a listing ("VISIT the Horse Show, Oct. 11-21") and
    a line with no verb at all, a schedule's entry ("Nov. 12: opening hearing")."""
    if not times or not all(t.relative and t.kind in _WHICH_ONE for t in times):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if present_tense(verb):
        return True
    if verbless(verb.sent):
        return True  # a schedule's line: "Nov. 12: opening hearing"
    # an imperative opens its sentence with a bare verb and has no subject; what hangs
    # on it without a tense of its own is on the same calendar ("SPEND a day rooting
    # for your riders during the Three-Day Event, Oct. 18-21")
    root = verb.sent.root
    first = next(iter(verb.sent), None)
    return (
        root.tag_ == "VB"
        and (root.i == verb.i or verb.tag_ in ("VB", "VBG"))
        and first is not None
        and first.i == root.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    )


def _made_known(verb: Token, patient: Token | None, passive: bool) -> bool:
    """A thing reported or confirmed, with no one said to report it ("a third case of
    plague was reported on November 16", "the first two illnesses were confirmed on
    November 12"): the case coming to light is the happening, not a saying."""
    return (
        passive
        and patient is not None
        and patient.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _under_the_dateline(context: SentenceContext, verb: Token) -> Token | None:
    """The subject a parser hung on the dateline: in "HANOI, Vietnam (AP) — U.S. Defense
    Secretary Mark Esper on Wednesday accused China", "Esper" is parsed as an apposition
    of "HANOI", leaving "accused" with no subject. A name right after the dateline,
    before a sentence's main verb that has no subject, attached into the dateline, is
    that verb's subject."""
    if verb.dep_ != "ROOT":
        return None
    for token in context.parse.tokens():
        if token.i >= verb.i:
            break
        if context.parse.start_of(token) < context.skip_before:
            continue
        if (
            token.pos_ in ("PROPN", "NOUN")
            and token.dep_ in ("appos", "npadvmod", "conj", "dep")
            and context.parse.start_of(token.head) < context.skip_before
        ):
            return token
    return None


def _light_complement(context: SentenceContext, verb: Token) -> str:
    """What a light verb's passive carries, which says what was done: its object ("given a
    ten-year sentence"), else its first place or direction ("taken to the isolation
    ward"); a date, a cause or a bound, and a long phrase do not name it."""
    cut = frozenset({"relcl", "acl", "appos", "punct", "prep"})
    for child in verb.children:
        if child.i < verb.i or _is_time(context, child):
            continue
        if child.dep_ == "dobj":
            words = _phrase(child, cut)
        elif child.dep_ == "prep" and child.lower_ not in _NOT_WHAT_WAS_DONE:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            words = [child, *_phrase(pobj, cut)] if pobj is not None else []
        else:
            continue
        if words and len(words) <= _SHORT + 1:
            return tokens_text(words)
    return ""


#: Prepositions of a passive that tell who, why or when, not what was done.
_NOT_WHAT_WAS_DONE = frozenset({"by", "after", "before", "for", "because", "despite", "since"})


def _told_in_the_past(verb: Token) -> bool:
    """``did not release``, ``was not shown``: a past tense, on the verb or its auxiliary."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _set_for(verb: Token) -> bool:
    """``a protest set for Friday``, ``the flight scheduled for Tuesday``: a participle
    that puts the noun it describes on the calendar, whose date is ahead."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.lemma_.lower() in _FUTURE_PARTICIPLES
        and any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children)
    )


#: Verbs that take a happening off the day it was set for.
_CALLING_OFF = frozenset({"postpone", "cancel", "delay", "reschedule", "scrap", "suspend", "move"})


def _called_off(noun: Token) -> bool:
    """Whether the clause ``noun`` is the subject or object of moves or cancels it."""
    verb = clause_head(noun)
    return verb is not noun and verb.lemma_.lower() in _CALLING_OFF


def _a_person(context: SentenceContext, keys: Sequence[str]) -> bool:
    """Whether the entities a clause's patient names are all people (a light verb's
    passive of a person, "she was taken to hospital", is something done to someone)."""
    return bool(keys) and all(context.type_of(k) == "Person" for k in keys)


def _agent_of(verb: Token) -> Token | None:
    """The ``by`` of a passive: ``released by the ministry`` → ``ministry``."""
    return next(
        (t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"),
        None,
    )


def _pronoun_person(context: SentenceContext, pronoun: Token) -> str | None:
    """The person ``he``/``she`` is read as: the one named most recently before whose
    given name does not say otherwise ("he" after "Carlineo's attorney, Sonya Zoghlin,
    said" is Carlineo); None when the text named no such person."""
    sex = {"he": "m", "she": "f"}.get(pronoun.lower_)
    if sex is None:
        return None
    sayer = _sayer(context, pronoun)
    for person in (*context.recent_people, *([sayer] if sayer else []))[::-1]:
        name = context.name_of(person)
        other = given_name_sex(name.split(" ", 1)[0]) if " " in name else None
        if other is None or other == sex:
            return person
    return None


def _sayer(context: SentenceContext, pronoun: Token) -> str | None:
    """The person who says what ``he``/``she`` does, when the text names them in the same
    sentence: in "John Smith said he would resign", "he" is John Smith."""
    clause = clause_head(pronoun)
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > pronoun.i:
        return None
    mention = context.mention_at(subject)
    if mention is None or context.type_of(mention.key) != "Person":
        return None
    return mention.key


#: The most words of what was said that an event's name carries.
_SAID_WORDS = 12


def _said(context: SentenceContext, verb: Token) -> str:
    """What a saying verb reports, as a clause of its own: "that WeWork is preparing to
    cut 4,000 jobs" (the content clause's subject, verb and object, no asides, no
    dates), or "" when it reports none, or too long a one to name an event by."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or clause.pos_ not in ("VERB", "AUX"):
        return ""
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return ""
    asides = frozenset({"relcl", "advcl", "parataxis", "cc", "conj", "punct"})
    for cut in (asides, asides | {"prep", "acl"}):  # "facing scrutiny (from the SEC …)"
        words = [
            t
            for t in _phrase(clause, cut)
            if t.dep_ != "mark"
            and not _is_time_word(context, t)
            and not (t.dep_ == "prep" and all(_is_time_word(context, c) for c in t.children))
        ]
        if words and len(words) <= _SAID_WORDS:
            return "that " + tokens_text(words)  # "WeWork confirms that it had been contacted"
    return ""


def _nationals(context: SentenceContext, token: Token, mention: Mention) -> bool:
    """``300 Indians were deported``: a plural nationality word as a clause's subject or
    object names people of that country, not the country; the country did nothing."""
    return (
        token.tag_ in ("NNS", "NNPS")
        and " " not in mention.text
        and context.type_of(mention.key) == "Country"
        and mention.text.casefold() != context.name_of(mention.key).casefold()
    )


def _nationals_at(context: SentenceContext, token: Token) -> bool:
    mention = context.mention_at(token)
    return mention is not None and _nationals(context, token, mention)


def _proper(token: Token | None) -> bool:
    """A participant the text names, linked or not: ``ANA``, ``the Airbus A380``."""
    return token is not None and (
        token.pos_ == "PROPN"
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
    )


def _measured(token: Token) -> bool:
    """``about 72 kilometres southwest``: a distance or an amount, not what was acted on."""
    words = list(token.subtree)
    return any(t.lemma_.lower() in _MEASURES for t in words) and any(t.pos_ == "NUM" for t in words)


def _antecedent(verb: Token, subject: Token | None) -> Token | None:
    """``it``/``they`` in a clause hung on another (``will wear the livery when it
    arrives``) is that clause's subject, when that subject is a noun phrase; a pronoun
    there too is read the same way, up the sentence ("rebels say they have retaken the
    villages that they lost last week": the rebels lost them)."""
    seen = 0
    while subject is not None and subject.lower_ in _THING_PRONOUNS and seen < 8:
        seen += 1
        if verb.dep_ not in ("advcl", "conj", "relcl", "ccomp") or verb.head is verb:
            return subject
        head = clause_head(verb.head)
        outer = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if outer is None:
            return subject
        if outer.pos_ == "PRON":
            if outer.lower_ != subject.lower_:
                return subject
            verb, subject = head, outer  # the same pronoun: what it stands for up there
            continue
        if verb.dep_ in ("relcl", "ccomp") and not _agrees(outer, subject):
            # "Herbert and Mahut did not drop a set at the ATP Finals, where they
            # defeated …", "rebels say they retook it": the pronoun of a clause hung on a
            # noun, or said, is the subject above when its number agrees (they ↔ Herbert
            # and Mahut, it ↔ the company)
            return subject
        return outer
    return subject


def plural_subject(context: SentenceContext) -> str:
    """The name of the sentence's last plural subject that is a noun phrase ("Pluznick
    and her colleagues", "his symptoms"), which a "they" opening the next sentence of
    its paragraph most likely stands for; "" when it has none."""
    found = ""
    for token in context.parse.tokens():
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.pos_ in ("NOUN", "PROPN")
            and (len(_with_conjuncts(token)) > 1 or token.tag_ in ("NNS", "NNPS"))
            and context.parse.start_of(token) >= context.skip_before
            and not _is_time_word(context, token)
        ):
            found = TriggerDetector._phrase_name(context, token) or found
    return found


def _agrees(noun: Token, pronoun: Token) -> bool:
    """Whether ``it``/``they`` can stand for ``noun`` by number."""
    plural = len(_with_conjuncts(noun)) > 1 or noun.tag_ in ("NNS", "NNPS")
    return plural == (pronoun.lower_ == "they")


def _words(
    context: SentenceContext,
    verb: Token,
    subject: Token | None,
    patient: Token | None,
    passive: bool,
) -> tuple[int, int]:
    """The characters of the clause's subject (the passive's patient) and its verb."""
    tokens = [verb]
    # the subject names the happening ("an earthquake struck"); an object is acted on
    # ("attended the summit" is an attendance). A subject lent by another clause ("met on
    # Monday and fired X") is not this one's.
    for part in (patient,) if passive else (subject,):
        if part is not None and part.head.i == verb.i:
            tokens.extend(part.subtree)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return context.parse.start_of(first), context.parse.start_of(last) + len(last.text)


def _is_time_word(context: SentenceContext, token: Token) -> bool:
    """The word itself is part of a temporal expression (``Sunday was chosen``)."""
    at = context.parse.start_of(token)
    return any(t.start_offset <= at < t.end_offset for t in context.times)


def _is_time(context: SentenceContext, token: Token) -> bool:
    start = context.parse.start_of(token)
    end = max(context.parse.start_of(t) + len(t.text) for t in token.subtree)
    return any(t.start_offset < end and start < t.end_offset for t in context.times)


def forward(expr: TimeExpression, published: dt.date) -> TimeExpression:
    """A scheduled event's relative date read forward (``on Thursday`` = the next one)."""
    if expr.future or not expr.relative:
        return expr
    again = _read_again(expr, published, future=True)
    if not again:
        return expr
    first = again[0]
    return TimeExpression(
        expr.text,
        expr.start_offset,
        expr.end_offset,
        first.start,
        first.end,
        first.precision,
        first.kind,
        first.reference,
        True,
    )


def _back_a_period(expr: TimeExpression, published: dt.date) -> TimeExpression:
    """A past happening's season or weekend that would lie after the story is the one
    before: "paid the agency this fall" in May is last fall, "cleared barricades this
    weekend" on a Tuesday the weekend just gone."""
    if expr.kind == "season" and len(expr.start) == 7 and expr.start > published.isoformat()[:7]:
        year = int(expr.start[:4]) - 1
        end = f"{int(expr.end[:4]) - 1:04d}{expr.end[4:]}" if expr.end else None
        return dataclasses.replace(expr, start=f"{year:04d}{expr.start[4:]}", end=end)
    if (
        expr.kind == "relative_period"
        and "weekend" in expr.text.lower()
        and len(expr.start) == 10
        and expr.start > published.isoformat()
    ):
        week = dt.timedelta(days=7)
        first = dt.date.fromisoformat(expr.start) - week
        last = dt.date.fromisoformat(expr.end) - week if expr.end else None
        return dataclasses.replace(
            expr, start=first.isoformat(), end=last.isoformat() if last else None
        )
    return expr


def _read_again(expr: TimeExpression, published: dt.date, future: bool) -> list[TimeExpression]:
    """The expression's words read again alone, looking ``future`` or back: a season as
    the months an event carries ("this fall" in May: last fall for a past happening,
    the coming one for a plan)."""
    if expr.kind == "season":
        return find_event_dates(expr.text, published, future=future)
    return find_dates(_readable(expr), published, future=future)


def _readable(expr: TimeExpression) -> str:
    """The expression's words as they can be read again alone: "in May" for a month
    read after "in" ("May" alone is read as the verb, not a date)."""
    if expr.kind == "holiday":
        return f"on {expr.text}"  # "Thanksgiving" alone is read after its preposition
    return f"in {expr.text}" if expr.kind == "month" else expr.text


def past_tense(verb: Token) -> bool:
    """``revealed``, ``was unveiled``, ``has dropped``: the clause tells of the past, so
    its relative dates are read back, whatever a later clause plans ("Clark in October
    revealed plans to expand the fleet by 2025" revealed last October)."""
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "acl" and verb.lemma_.lower() not in _FUTURE_PARTICIPLES:
        return True  # "the state budget approved by Republicans in April": was approved
    # "has dropped", "had agreed", "was unveiled"; not "is scheduled" (a present passive)
    return any(
        (c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "auxpass" and c.tag_ == "VBD")
        for c in verb.children
    )


def _after_a_comma(token: Token) -> bool:
    """Whether ``token`` follows a comma (a phrase set off from what precedes it)."""
    return token.i > 0 and token.doc[token.i - 1].text == ","


def _infinitive(verb: Token) -> bool:
    """``to cut``: a verb with its own "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: How a verb without a tense of its own hangs on the one that gives it: "aims to bring
#: …, starting with a rally", "battle to win", "when the season begins".
_TENSE_FROM_HEAD = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl"})


def present_tense(verb: Token) -> bool:
    """``begins``, ``is held``, ``aims to bring … starting with``: the clause is in the
    simple present (its own finite verb, or the one a participle or infinitive hangs
    on), which is how news writes what is on the calendar ("hurricane season begins
    June 1", "before the fiscal year ends Sept. 30"); a modal, a perfect or a past tense
    anywhere up the chain says otherwise."""
    current = verb
    for _ in range(8):
        auxes = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" or a.lemma_.lower() in ("have", "do") for a in auxes):
            return False  # "will", "could", "has set", "did not": not a plain present
        finite = [a for a in auxes if a.tag_ in ("VBZ", "VBP", "VBD")]
        if finite:
            return finite[0].tag_ != "VBD"
        if current.tag_ in ("VBZ", "VBP", "VBD"):
            return current.tag_ != "VBD"
        if current.dep_ not in _TENSE_FROM_HEAD or current.head.i == current.i:
            return False
        if current.tag_ not in ("VB", "VBG") and current.pos_ != "ADP":
            return False  # "approved by", "the agreement signed": a past participle
        current = current.head
    return False


def _on_the_clock(times: list[TimeExpression], verb: Token) -> list[TimeExpression]:
    """``times`` without a clock time alone unless the clause tells of the past: "landed
    at 6am" was on the story's day, "will reopen at 5 a.m." or "updated at 5:45 p.m."
    (a page's stamp, in no tense) seldom is."""
    if all(t.kind != "clock_day" for t in times):
        return times
    told = verb.lemma_.lower() != "update" and (
        past_tense(verb)
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
    )
    return times if told else [t for t in times if t.kind != "clock_day"]


def backward(expr: TimeExpression, published: dt.date) -> TimeExpression:
    """A past clause's relative date read back (``in October`` = the last one)."""
    if expr.kind in ("season", "relative_period") and not expr.future:
        return _back_a_period(expr, published)
    if not expr.future or not expr.relative:
        return expr
    again = _read_again(expr, published, future=False)
    if not again:
        return expr
    return dataclasses.replace(
        again[0], text=expr.text, start_offset=expr.start_offset, end_offset=expr.end_offset
    )


def _own_tense(verb: Token, head: Token) -> bool:
    """``will be opened on April 22 and will enter into force once 55 countries have
    ratified it``: a coordinated verb with a tense of its own (auxiliaries its head does
    not have) happens at another time than the head's date."""
    own = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    return bool(own - {c.lemma_.lower() for c in head.children if c.dep_ in ("aux", "auxpass")})


def _confidence(times: Sequence[TimeExpression], named: bool, scheduled: bool) -> float:
    """How sure the clause makes us: a named participant and a date the text gives in
    full count most. A date lent by a coordinated clause (``met on Monday and signed``)
    counts as the clause's own: hand-annotated news dates both verbs (on the dev sets,
    every unnamed clause it used to hold back was an annotated happening). A plan counts as
    much as a fact: it is published as ``EventScheduled``, which is what the text says
    ("layoffs will begin this week", "the next round is due to start in mid-December")."""
    score = 0.55
    if named:
        score += 0.2
    if any(not t.relative for t in times):
        score += 0.1
    return round(min(score + 0.05, 0.95), 2)


def default_detectors(
    rules: Sequence[TriggerRule] | None = None,
    make: Callable[[TriggerRule], EventDetector] = TriggerDetector,
) -> tuple[EventDetector, ...]:
    """One detector per row of the trigger table."""
    return tuple(make(rule) for rule in (rules if rules is not None else load_rules()))
