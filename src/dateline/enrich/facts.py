"""The enricher that reads the article text for facts: entities, events, the dateline place.

It runs the one-job extractors in order over one shared parse — sentences, the
language model's parse (made once, here), entities (with the registry and
gazetteer), events — and hands back one metadata layer. Whatever an editor wrote
in front matter or a sidecar still wins over all of it.

Enrichment never fails an article: what it infers is merged here so that no two
inferred nodes share a key (an Event named like an Organization gets its own id),
and inferences below ``min_confidence`` stay proposals for ``dateline review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.enrich.clauses import align_sentences
from dateline.enrich.confidence import Basis, entity_bases, unlinked, unsure
from dateline.enrich.credit import without_credit
from dateline.enrich.dateline import find_dateline
from dateline.enrich.entities import EntityExtractor, Extraction
from dateline.enrich.events import EventDraft, EventExtractor
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.nlp import NlpModel, ParsedArticle, reads_as_english
from dateline.enrich.registry import Registry
from dateline.enrich.sentences import split_sentences
from dateline.enrich.temporal import Precision, find_dates, usable_reference
from dateline.model.event import ends_before_start
from dateline.model.meta import ArticleMeta
from dateline.read.draft import Draft, Paragraph

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Facts", "FactsEnricher", "distinct_keys"]

#: Inferred events and entities less sure than this are proposed in review but not published.
DEFAULT_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Facts:
    """Everything the text yielded, before it becomes a metadata layer (for ``review``)."""

    entities: Extraction
    events: list[EventDraft] = field(default_factory=list)
    dateline_place: str | None = None
    timezone: str | None = None
    #: the day relative dates were resolved against (the publication day, in its zone)
    reference: dt.date | None = None
    #: False when the text does not read as English: the model reads English only, and
    #: on other languages it invents names ("Bacchette Incluse", "Добавьте"), so
    #: nothing was inferred
    english: bool = True
    #: what each entity (by key) rests on, hence how sure it is
    #: (:mod:`dateline.enrich.confidence`): those below ``min_confidence`` are proposed
    bases: dict[str, Basis] = field(default_factory=dict)

    def published_events(self, min_confidence: float) -> list[EventDraft]:
        return [e for e in self.events if e.confidence >= min_confidence]


class FactsEnricher:
    """Entities, events, dateline place and (from it) a time zone, from the text alone."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        registry: Registry | None = None,
        nlp: NlpModel | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        self.gazetteer = gazetteer
        self.nlp = nlp if nlp is not None else NlpModel.shared()
        self.entities = EntityExtractor(gazetteer, registry, self.nlp)
        self.events = EventExtractor()
        self.min_confidence = min_confidence

    def parse(self, draft: Draft, known: ArticleMeta) -> ParsedArticle:
        """The model's parse of the article, made once and read by every extractor."""
        return self.nlp.parse_article(known.title or "", [p.text for p in draft.paragraphs])

    def facts(self, draft: Draft, known: ArticleMeta) -> Facts:
        draft = without_credit(draft)  # "Reporting by A" names no one the story is about
        sentences = split_sentences(draft.paragraphs)
        dateline = find_dateline(draft.paragraphs[0].text) if draft.paragraphs else None
        parsed = self.parse(draft, known)
        published = _local_date(known.date)
        if not reads_as_english(t for doc in parsed.paragraphs for t in doc):
            return Facts(Extraction(), [], None, None, published, english=False)
        extraction = self.entities.extract(known.title or "", sentences, dateline, parsed)
        written = published or _date_line(draft.paragraphs[:2])
        place_key = None
        zone = None
        if dateline is not None:
            first = [m for m in extraction.in_sentence(0) if m.start < dateline.end]
            found = extraction.entities.get(first[0].key) if first else None
            if found is not None and found.type in ("City", "Country", "Place"):
                place_key = found.key
                zone = found.place.timezone if found.place is not None else None
        events: list[EventDraft] = []
        # a publication day at the calendar's edge (0001-01-01) cannot anchor "last week":
        # no events are inferred, and the date itself is the validator's to report
        # an article with no date still has the dates its text gives in full; a stand-in
        # reference only decides the direction of nothing (relative dates are dropped)
        reference = written if written is not None else _NO_DATE
        if usable_reference(reference):
            parses = align_sentences(
                sentences, [p.text for p in draft.paragraphs], parsed.paragraphs
            )
            events = self.events.extract(
                known.title or "",
                sentences,
                extraction,
                reference,
                dateline_end=dateline.end if dateline else 0,
                dateline_place=place_key,
                parses=parses,
                absolute_only=written is None,
            )
        bases = entity_bases(extraction, parsed, sentences, self.nlp.confirm)
        return Facts(extraction, events, place_key, zone, published, bases=bases)

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
        return self.layer(self.facts(draft, known), self.min_confidence, event_scope(draft, known))

    @staticmethod
    def layer(
        facts: Facts, min_confidence: float = DEFAULT_MIN_CONFIDENCE, scope: str | None = None
    ) -> ArticleMeta:
        """The facts as a metadata layer: events and named entities at or above
        ``min_confidence`` (and the events they are part of), every inferred node under
        a key of its own.

        An event's key (its ``@id``) is its name and date, shared by every article that
        reports it ("mokhber-meets-putin-2024-07-04"); an event that names no one and
        no place ("Strike begins") says too little to be the same event as another
        article's, so its key starts with ``scope``, the article's slug: a French rail
        strike and a Finnish port strike begun the same Monday are two events."""
        named = facts.entities.named()
        dropped = unsure(facts.bases, min_confidence)
        named = [e for e in named if e.key not in dropped]
        every = [e.spec() for e in facts.entities.entities.values()]
        entities = [unlinked(e, dropped) for e in every if e.id not in dropped]
        kept = facts.published_events(min_confidence)
        wanted = {e.key for e in kept}
        parents = [e for e in facts.events if e.key not in wanted and _parent_of(e, kept)]
        drafts = [e for e in facts.events if e.key in wanted or e in parents]
        renamed = distinct_keys({e.id for e in every}, [e.key for e in drafts])
        if scope:
            generic = {
                e.key for e in drafts if not (e.attendee or e.organizer or e.location or e.about)
            }
            for key in generic:  # once per key: two drafts may share one
                renamed[key] = f"{scope}-{renamed[key]}"
        events = [
            unlinked(
                e.spec().model_copy(
                    update={
                        "id": renamed[e.key],
                        "super_event": renamed.get(e.super_event or "", e.super_event),
                        # an end read before the start is a misreading, not a fact (an
                        # editor's such event fails; a guess must not fail the article)
                        **({"end_date": None} if ends_before_start(e.start, e.end) else {}),
                    }
                ),
                dropped,
            )
            for e in drafts
        ]
        layer: dict[str, object] = {"entities": entities, "events": events}
        # the article is about the happening its lead reports; one found further down is
        # something it mentions ("…, a turnaround from four years ago" is no subject)
        lead = next(
            (spec.id for draft, spec in zip(drafts, events, strict=True) if _in_lead(draft)),
            None,
        )
        layer["about"] = [lead] if lead is not None else []
        layer["mentions"] = [e.id for e in events if e.id != lead] + [e.key for e in named]
        if facts.dateline_place and facts.dateline_place not in dropped:
            layer["dateline_place"] = facts.dateline_place
        if facts.timezone:
            layer["timezone"] = facts.timezone
        return ArticleMeta.model_validate(layer)


def event_scope(draft: Draft, known: ArticleMeta) -> str:
    """The article's slug, as the model makes it: what an event key unique to the
    article starts with (see :meth:`FactsEnricher.layer`)."""
    from dateline.model.assemble import slug_for  # noqa: PLC0415 - the model's own rule

    return slug_for(known, draft.path)


def _parent_of(event: EventDraft, kept: list[EventDraft]) -> bool:
    return any(k.super_event == event.key for k in kept)


def distinct_keys(taken: set[str], keys: list[str]) -> dict[str, str]:
    """Each event key, or (when an entity or an earlier event already has it) the key with
    ``-event`` and, if needed, a number: ``united-nations-climate-action-summit`` the
    Organization and ``united-nations-climate-action-summit-event`` the Event."""
    used = set(taken)
    out: dict[str, str] = {}
    for key in keys:
        candidate = key if key not in used else f"{key}-event"
        number = 2
        while candidate in used:
            candidate = f"{key}-event-{number}"
            number += 1
        used.add(candidate)
        out.setdefault(key, candidate)
    return out


#: The reference for an undated article: only absolute dates survive, so its value is moot.
_NO_DATE = dt.date(2000, 1, 1)


def _date_line(paragraphs: Sequence[Paragraph]) -> dt.date | None:
    """The day an undated article's body opens with as a line of its own (``September
    01, 2007``, as wire copy and Wikinews print it): what its "today" and "on Monday"
    are relative to. Only a whole line that is one full date counts."""
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        found = find_dates(text, _NO_DATE)
        if len(found) == 1 and found[0].precision is Precision.DAY and not found[0].relative:
            rest = text[: found[0].start_offset] + text[found[0].end_offset :]
            if not rest.strip(" ,.–—-"):
                return dt.date.fromisoformat(found[0].start)
    return None


def _local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    """The publication day as the publisher printed it (its own zone)."""
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


#: The sentences of an article's lead: a story's first two sentences say what it is
#: about (the headline is sentence -1).
LEAD_SENTENCES = 2


#: Verbs of saying: "NASA announces", with nothing said, is true but names no subject.
_SAYING = frozenset(
    "announce tweet post estimate tout recount say report confirm reveal state note "
    "claim write comment explain insist argue warn ask reply respond stress suggest "
    "describe add".split()
)


def _in_lead(draft: EventDraft) -> bool:
    """Whether the event is reported in the headline or the lead (and published), and
    could be what the article is about: "U.S. Attorney's Office announces" (what it
    announced lost in the parse) is not."""
    last = draft.name.rsplit(" ", 1)[-1].lower()
    says_nothing = last in _SAYING or last.removesuffix("s") in _SAYING
    return draft.sentence < LEAD_SENTENCES and not draft.quoted and not says_nothing
