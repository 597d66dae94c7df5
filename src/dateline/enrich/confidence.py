"""How sure enrichment is of each entity it found: the basis its names rest on.

An entity the text yielded rests on its mentions, and each mention on what proposed
it: both entity recognizers giving the name the organization label (the news-tuned one
and the model's own, ``nlp_ner_confirm``), the news recognizer alone, a cue in the text
that kept a name the recognizers disagree on ("… Studio", the same name confirmed
elsewhere), or a rule of the linker with no recognizer behind it (the dateline, a
source cue, the gazetteer). An entity's basis is the strongest of its mentions'.

The confidence of a basis is not a guess: it is the share of entities on that basis
that were right on real news annotated by others (three annotated sets, each scored
with recognizer weights that never saw it; bench/NER-TRAINING.md gives the counts), so
0.86 means "about 86 in 100 such entities are real names of the right kind". Names
the recognizers disagree on and no cue keeps are proposed in review (their basis is
:attr:`Basis.UNCONFIRMED`) and never published; a site's ``min_confidence`` leaves out
the entities of any basis below it. An entity the newsroom's registry names rests on
the editors' word, not on a measure (1.0): it is always published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from dateline.enrich.extraction import Extraction, Mention
from dateline.enrich.nlp import UNCONFIRMED, ParsedArticle
from dateline.enrich.sentences import Sentence
from dateline.model.meta import EntitySpec, EventSpec

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc

__all__ = [
    "CONFIDENCE",
    "EXPLAINED",
    "Basis",
    "entity_bases",
    "mention_basis",
    "unlinked",
    "unsure",
]

SpecT = TypeVar("SpecT", EntitySpec, EventSpec)

#: The fields of an entity or an event that link to entities, by key.
_LINKS = (
    "affiliation",
    "member_of",
    "works_for",
    "parent_organization",
    "contained_in",
    "location",
    "attendee",
    "organizer",
    "performer",
    "about",
)


class Basis(StrEnum):
    """What an entity's strongest mention rests on, strongest first."""

    #: the newsroom's registry (``content/entities.yaml``) names it: the editors' word
    REGISTRY = "registry"
    #: both recognizers give the name the label (an organization, ``nlp_ner_confirm``)
    AGREED = "agreed"
    #: the news recognizer gives the name a label no second recognizer checks
    RECOGNIZED = "recognized"
    #: the recognizers disagree; a cue in the text (a company word, the name confirmed
    #: elsewhere in the article) kept it
    CUE = "cue"
    #: no recognizer labelled the words: a rule of the linker found the name
    RULE = "rule"
    #: the recognizers disagree and no cue keeps it: proposed, never published
    UNCONFIRMED = "unconfirmed"


#: The share of entities on each basis that were right on annotated news no recognizer
#: weights had seen (three cross-validation folds, 2,062 entities: bench/NER-TRAINING.md).
CONFIDENCE: Mapping[Basis, float] = {
    Basis.REGISTRY: 1.0,  # not measured: the editors' own list, matched by its names
    Basis.AGREED: 0.77,
    Basis.RECOGNIZED: 0.86,
    Basis.CUE: 0.72,
    Basis.RULE: 0.74,
    Basis.UNCONFIRMED: 0.16,
}

#: What each basis means, in the words ``dateline review`` prints.
EXPLAINED: Mapping[Basis, str] = {
    Basis.REGISTRY: "the newsroom's registry names it",
    Basis.AGREED: "both recognizers name it",
    Basis.RECOGNIZED: "the news recognizer names it",
    Basis.CUE: "the recognizers disagree; a cue in the text keeps it",
    Basis.RULE: "found by a rule, no recognizer names it",
    Basis.UNCONFIRMED: "the recognizers disagree and no cue keeps it (nlp_ner_confirm)",
}

_ORDER = tuple(Basis)


def entity_bases(
    extraction: Extraction,
    parsed: ParsedArticle,
    sentences: Sequence[Sentence],
    confirmed: Sequence[str] = ("ORG",),
) -> dict[str, Basis]:
    """Each named entity's basis (by key): the strongest basis among its name mentions.

    ``confirmed`` are the labels a second recognizer checked (``nlp_ner_confirm``): only
    a name of such a label can rest on both. A named entity with no name mention (a
    person found through a description) rests on a rule, one the newsroom's registry
    gives on the editors' word; an entity the text does not name (the country of a named
    city) has none: it stands with the place it holds."""
    starts = _sentence_starts(parsed, sentences)
    best: dict[str, Basis] = {}
    for mention in extraction.mentions:
        basis = mention_basis(mention, parsed, sentences, starts, confirmed)
        if basis is None:
            continue
        held = best.get(mention.key)
        if held is None or _ORDER.index(basis) < _ORDER.index(held):
            best[mention.key] = basis
    return {
        e.key: Basis.REGISTRY if e.registry is not None else best.get(e.key, Basis.RULE)
        for e in extraction.named()
    }


def mention_basis(
    mention: Mention,
    parsed: ParsedArticle,
    sentences: Sequence[Sentence],
    starts: Mapping[int, int],
    confirmed: Sequence[str] = ("ORG",),
) -> Basis | None:
    """What one mention rests on, or None when its sentence is not in the parse."""
    if mention.sentence < 0:
        doc, offset = parsed.headline, 0
    elif mention.sentence < len(sentences) and mention.sentence in starts:
        number = sentences[mention.sentence].paragraph
        if number >= len(parsed.paragraphs):
            return None
        doc, offset = parsed.paragraphs[number], starts[mention.sentence]
    else:
        return None
    start, end = offset + mention.start, offset + mention.end
    labels = [e.label_ for e in doc.ents if e.start_char < end and start < e.end_char]
    if any(label in confirmed for label in labels):
        return Basis.AGREED
    if labels:
        return Basis.RECOGNIZED
    if _overlaps_unconfirmed(doc, start, end):
        return Basis.CUE
    return Basis.RULE


def _overlaps_unconfirmed(doc: Doc, start: int, end: int) -> bool:
    if UNCONFIRMED not in doc.spans:
        return False
    return any(s.start_char < end and start < s.end_char for s in doc.spans[UNCONFIRMED])


def _sentence_starts(parsed: ParsedArticle, sentences: Sequence[Sentence]) -> dict[int, int]:
    """Each sentence's offset in its paragraph's parse (the text the parse holds)."""
    out: dict[int, int] = {}
    cursor: dict[int, int] = {}
    for sentence in sentences:
        if sentence.paragraph >= len(parsed.paragraphs):
            continue
        text = parsed.paragraphs[sentence.paragraph].text
        at = text.find(sentence.text, cursor.get(sentence.paragraph, 0))
        if at >= 0:
            out[sentence.index] = at
            cursor[sentence.paragraph] = at + len(sentence.text)
    return out


def unsure(bases: Mapping[str, Basis], min_confidence: float) -> frozenset[str]:
    """The keys of entities whose basis is less sure than ``min_confidence``: a build
    leaves them out, and review proposes them."""
    return frozenset(key for key, basis in bases.items() if CONFIDENCE[basis] < min_confidence)


def unlinked(spec: SpecT, dropped: frozenset[str]) -> SpecT:
    """An entity or event without its links to entities that are not published (a
    person's ``affiliation``, an event's ``attendee``): a link to a node no graph
    describes would fail the article."""
    update: dict[str, object] = {}
    for name in _LINKS:
        if name not in type(spec).model_fields:
            continue
        value = getattr(spec, name)
        if isinstance(value, list) and any(k in dropped for k in value):
            update[name] = [k for k in value if k not in dropped]
        elif isinstance(value, str) and value in dropped:
            update[name] = None
    return spec.model_copy(update=update) if update else spec
