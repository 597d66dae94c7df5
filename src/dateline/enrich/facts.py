"""The enricher that reads the article text for facts: entities, events, the dateline place.

It runs the one-job extractors in order — sentences, entities (with the registry
and gazetteer), events — and hands back one metadata layer. Whatever an editor
wrote in front matter or a sidecar still wins over all of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateline.enrich.dateline import find_dateline
from dateline.enrich.entities import EntityExtractor, Extraction
from dateline.enrich.events import EventDraft, EventExtractor
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.nlp import NlpModel, ParsedArticle
from dateline.enrich.registry import Registry
from dateline.enrich.sentences import split_sentences
from dateline.model.meta import ArticleMeta
from dateline.read.draft import Draft

__all__ = ["Facts", "FactsEnricher"]


@dataclass(frozen=True)
class Facts:
    """Everything the text yielded, before it becomes a metadata layer (for ``review``)."""

    entities: Extraction
    events: list[EventDraft] = field(default_factory=list)
    dateline_place: str | None = None
    timezone: str | None = None


class FactsEnricher:
    """Entities, events, dateline place and (from it) a time zone, from the text alone."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        registry: Registry | None = None,
        nlp: NlpModel | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.nlp = nlp if nlp is not None else NlpModel.shared()
        self.entities = EntityExtractor(gazetteer, registry, self.nlp)
        self.events = EventExtractor()

    def parse(self, draft: Draft, known: ArticleMeta) -> ParsedArticle:
        """The model's parse of the article, made once and read by every extractor."""
        return self.nlp.parse_article(known.title or "", [p.text for p in draft.paragraphs])

    def facts(self, draft: Draft, known: ArticleMeta) -> Facts:
        sentences = split_sentences(draft.paragraphs)
        dateline = find_dateline(draft.paragraphs[0].text) if draft.paragraphs else None
        parsed = self.parse(draft, known)
        extraction = self.entities.extract(known.title or "", sentences, dateline, parsed)
        published = _local_date(known.date)
        place_key = None
        zone = None
        if dateline is not None:
            first = [m for m in extraction.in_sentence(0) if m.start < dateline.end]
            found = extraction.entities.get(first[0].key) if first else None
            if found is not None and found.type in ("City", "Country", "Place"):
                place_key = found.key
                zone = found.place.timezone if found.place is not None else None
        events = (
            self.events.extract(
                known.title or "",
                sentences,
                extraction,
                published,
                dateline_end=dateline.end if dateline else 0,
                dateline_place=place_key,
            )
            if published is not None
            else []
        )
        return Facts(extraction, events, place_key, zone)

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
        return self.layer(self.facts(draft, known))

    @staticmethod
    def layer(facts: Facts) -> ArticleMeta:
        """The facts as a metadata layer."""
        named = facts.entities.named()
        entities = [e.spec() for e in facts.entities.entities.values()]
        events = [e.spec() for e in facts.events]
        layer: dict[str, object] = {"entities": entities, "events": events}
        if events:
            layer["about"] = [events[0].id]
            layer["mentions"] = [e.id for e in events[1:]] + [e.key for e in named]
        else:
            layer["about"] = []
            layer["mentions"] = [e.key for e in named]
        if facts.dateline_place:
            layer["dateline_place"] = facts.dateline_place
        if facts.timezone:
            layer["timezone"] = facts.timezone
        return ArticleMeta.model_validate(layer)


def _local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    """The publication day as the publisher printed it (its own zone)."""
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value
