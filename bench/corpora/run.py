"""Running dateline's enrichment on a corpus document, the way a build does.

A corpus document becomes a :class:`~dateline.read.draft.Draft` (headline, body
paragraphs, publication date = the document's creation time), and goes through
the enrichers a new site runs (:func:`dateline.enrich.default_enrichers` with default
settings and no entity registry, through :func:`dateline.enrich.enrich`). What
comes out is what dateline would publish: the entities and events of the
enrichment layer. Name mentions with their offsets (for span scoring) come from
the same extractor's facts, kept only for entities that were published.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.enrich import FactsEnricher, default_enrichers, enrich
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.sentences import split_sentences
from dateline.model.layers import Layer, merge_layers
from dateline.model.meta import ArticleMeta, EntitySpec, EventSpec
from dateline.pipeline import written_layers
from dateline.read.draft import Draft, Paragraph
from dateline.settings import PublisherSettings, Settings

__all__ = ["Output", "PlacedMention", "Runner", "family"]

#: schema.org types dateline may give an entity, by the CoNLL/MEANTIME family they count as.
_FAMILY_ROOTS = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}


def family(schema_type: str, superclasses: dict[str, list[str]]) -> str | None:
    """``PER``, ``ORG`` or ``LOC`` for a schema.org type (``City`` → ``LOC``), else None.

    Walks the vocabulary's subclass links, so types added to dateline later
    (``SportsTeam``, ``State``…) are counted in the right family without edits here.
    """
    todo, seen = [schema_type], set()
    while todo:
        current = todo.pop()
        if current in _FAMILY_ROOTS:
            return _FAMILY_ROOTS[current]
        if current not in seen:
            seen.add(current)
            todo.extend(superclasses.get(current, []))
    return None


@dataclass(frozen=True)
class PlacedMention:
    """A name dateline found: ``paragraph`` -1 is the headline; offsets are in its text."""

    paragraph: int
    start: int
    end: int
    text: str
    family: str
    key: str = ""  # the entity's id


@dataclass
class Output:
    """What dateline published for one document (and where it saw the names)."""

    entities: list[EntitySpec] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)
    mentions: list[PlacedMention] = field(default_factory=list)
    triggers: dict[str, str] = field(default_factory=dict)  # event id → trigger words, if known
    named: set[str] | None = None  # ids the article says it is about or mentions


#: A content folder with no entity registry in it: the corpora's documents are scored
#: with what the text says, not with a newsroom's list of who is who.
_NO_REGISTRY = Path(__file__).resolve().parent / "no-registry"


def _settings(ner: str | None = None) -> Settings:
    """A site's default settings (so the enrichers, model and confidence threshold are
    the ones a new user gets), with no registry; ``ner`` is another ``nlp_ner`` (the
    ``ner`` folder of weights bench/train_ner.py wrote, to score weights that never saw
    the text scored)."""
    settings = Settings(
        title="eval",
        base_url="https://eval.example.org/",
        timezone="UTC",
        publisher=PublisherSettings(name="Eval", url="https://eval.example.org/"),
        content_dir=_NO_REGISTRY,
    )
    return settings if ner is None else settings.model_copy(update={"nlp_ner": ner})


def _superclasses() -> dict[str, list[str]]:
    """schema.org's class → superclasses table, from the vocabulary dateline ships."""
    text = resources.files("dateline").joinpath("data", "schemaorg-terms.json").read_text("utf-8")
    classes: dict[str, list[str]] = json.loads(text)["classes"]
    return classes


class Runner:
    """dateline's enrichment, set up once (gazetteer, language model) for many documents."""

    def __init__(self, ner: str | None = None) -> None:
        self.settings = _settings(ner)
        self.enrichers = default_enrichers(self.settings)
        facts = [e for e in self.enrichers if isinstance(e, FactsEnricher)]
        self.facts = facts[0] if facts else FactsEnricher(Gazetteer.shared())
        self.superclasses = _superclasses()

    def family(self, schema_type: str) -> str | None:
        return family(schema_type, self.superclasses)

    def run(
        self,
        name: str,
        title: str,
        paragraphs: Sequence[str],
        published: dt.date | None,
        *,
        mentions: bool = False,
    ) -> Output:
        """Enrich one document; ``mentions`` also places each name mention in the text."""
        draft = Draft(
            path=Path(f"{name}.txt"),
            paragraphs=tuple(Paragraph(text, i + 3) for i, text in enumerate(paragraphs)),
            found=ArticleMeta(title=title, date=published),
        )
        layers = written_layers(draft, self.settings)
        known = merge_layers(layers)
        layer = enrich(draft, known, self.enrichers)
        out = Output(entities=list(layer.entities or []), events=list(layer.events or []))
        if layer.mentions is not None or layer.about is not None:
            out.named = {*(layer.mentions or []), *(layer.about or [])}
        if mentions or out.events:
            view = merge_layers({**layers, Layer.ENRICHMENT: enrich(draft, known)})
            facts = self.facts.facts(draft, view)
            if mentions:
                out.mentions = self._place(draft, title, facts, out.entities)
            out.triggers = _triggers(facts)
        return out

    def _place(
        self, draft: Draft, title: str, facts: Any, published: Sequence[EntitySpec]
    ) -> list[PlacedMention]:
        """Each mention of a published entity, with offsets in its paragraph (or headline)."""
        kinds = {e.id: self.family(e.type) for e in published}
        sentences = split_sentences(draft.paragraphs)
        starts: dict[int, int] = {}  # sentence index → its offset in its paragraph
        cursor: dict[int, int] = {}
        for sentence in sentences:
            text = draft.paragraphs[sentence.paragraph].text
            at = text.find(sentence.text, cursor.get(sentence.paragraph, 0))
            starts[sentence.index] = max(at, 0)
            cursor[sentence.paragraph] = max(at, 0) + len(sentence.text)
        placed: set[PlacedMention] = set()
        for mention in getattr(facts.entities, "mentions", []):
            kind = kinds.get(mention.key)
            if kind is None:
                continue
            if mention.sentence < 0:
                paragraph, offset, text = -1, 0, title
            elif mention.sentence < len(sentences):
                sentence = sentences[mention.sentence]
                paragraph, offset = sentence.paragraph, starts[sentence.index]
                text = draft.paragraphs[paragraph].text
            else:
                continue
            start = offset + mention.start
            if text[start : start + len(mention.text)] != mention.text:
                found = text.find(mention.text)
                if found < 0:
                    continue
                start = found
            placed.add(
                PlacedMention(
                    paragraph, start, start + len(mention.text), mention.text, kind, mention.key
                )
            )
        return sorted(placed, key=lambda m: (m.paragraph, m.start, m.end))


def _triggers(facts: Any) -> dict[str, str]:
    """Trigger words per event id, where the extractor records them (``trigger`` on an
    event draft, a string or an object with ``text``)."""
    out: dict[str, str] = {}
    for event in getattr(facts, "events", []):
        trigger = getattr(event, "trigger", None)
        if trigger is not None and not isinstance(trigger, str):
            trigger = getattr(trigger, "text", None)
        if isinstance(trigger, str) and trigger:
            out[str(getattr(event, "key", ""))] = trigger
    return out
