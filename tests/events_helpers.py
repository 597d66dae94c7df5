"""Run the facts enricher on a few sentences, as an article published on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from dateline.enrich import FactsEnricher
from dateline.enrich.clauses import align_sentences
from dateline.enrich.events import EventDraft, EventExtractor
from dateline.enrich.facts import Facts
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.sentence_rules import SentenceRule
from dateline.enrich.sentences import split_sentences
from dateline.enrich.timeline import SentenceContext
from dateline.model.meta import ArticleMeta
from dateline.read.draft import Draft, Paragraph

#: Friday 5 July 2024, the seed's publication day: every table is resolved against it.
FRIDAY = dt.date(2024, 7, 5)


def facts_of(
    text: str,
    published: dt.date | None = FRIDAY,
    headline: str = "",
    rules: Sequence[SentenceRule] | None = None,
) -> Facts:
    """The facts of ``text``; ``rules`` replaces the sentence rules (to turn one off)."""
    paragraphs = tuple(Paragraph(p, i) for i, p in enumerate(text.split("\n\n")))
    draft = Draft(Path("story.txt"), paragraphs, ArticleMeta())
    known = ArticleMeta(title=headline or "A story", date=published)
    enricher = FactsEnricher(Gazetteer.shared())
    if rules is not None:
        enricher.events = EventExtractor(rules=rules)
    return enricher.facts(draft, known)


def events_of(
    text: str, published: dt.date = FRIDAY, rules: Sequence[SentenceRule] | None = None
) -> list[EventDraft]:
    return facts_of(text, published, rules=rules).events


def contexts_of(text: str, published: dt.date = FRIDAY) -> list[SentenceContext]:
    """Each sentence as a detector sees it: its parse, dates and entities."""
    enricher = FactsEnricher(Gazetteer.shared())
    paragraphs = tuple(Paragraph(p, i) for i, p in enumerate(text.split("\n\n")))
    draft = Draft(Path("story.txt"), paragraphs, ArticleMeta())
    sentences = split_sentences(paragraphs)
    parsed = enricher.parse(draft, ArticleMeta(title="A story", date=published))
    extraction = enricher.entities.extract("A story", sentences, None, parsed)
    parses = align_sentences(sentences, [p.text for p in paragraphs], parsed.paragraphs)
    return [SentenceContext.build(parses[s.index], extraction, published) for s in sentences]


def assert_reported(
    sentence: str,
    name: str,
    start: str,
    scheduled: bool,
    published: dt.date = FRIDAY,
    *,
    exact: bool = True,
) -> None:
    """One published Event named ``name`` (or, not ``exact``, named starting with it), at
    ``start``, scheduled or not: what every rule table of a happening asserts. The failure
    lists every Event the sentence gave, so a renamed or re-dated one is seen at once."""
    events = events_of(sentence, published)
    named = [e for e in events if (e.name == name if exact else e.name.startswith(name))]
    assert [(e.start, e.scheduled, e.confidence >= 0.6) for e in named] == [
        (start, scheduled, True)
    ], [(e.name, e.start, e.scheduled) for e in events]
