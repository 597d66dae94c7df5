"""Annotated names projected onto their article's text as entity spans for training.

The annotators of :mod:`bench.corpora.annotated` list each person, organization and
place by its name forms (``name`` + ``also``), not by offsets. To teach a named-entity
recognizer their conventions, every occurrence of every form is found in the text,
longest form first (so ``Ford Motor`` claims its words before ``Ford`` can), at word
boundaries, case-sensitively (``US`` the country, not ``us``).

What the projection cannot know it takes from the original model, as rehearsal: its
other labels (dates, numbers, nationalities, products, works ...) are kept wherever no
annotated name lies, so a fine-tuned model keeps finding what the rules downstream
also read. Its person/organization/place spans that the annotators did not list are
taught as *not an entity* (``O``): that is the convention being learnt (a product, a
stock index, an event is not an organization). A place keeps the model's own finer
label (``GPE``/``LOC``/``FAC``/``NORP``) when the model found the same span, else a
facility word at its end makes it ``FAC``, else it is ``GPE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.corpora.annotated import AnnotatedArticle

__all__ = [
    "FACILITY_HEADS",
    "Projection",
    "TextSpans",
    "named_spans",
    "project_article",
    "rehearsal_spans",
]

#: the annotators' families → the OntoNotes labels the model uses
_FAMILY_LABEL = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: the model's labels for the three families (taught as O where the gold has no name)
_FAMILY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
#: the model's place labels a projected place keeps when the model found the same span
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: last words that make a place a facility (a venue is a place in these annotations)
FACILITY_HEADS = frozenset(
    """Airport Arena Auditorium Bridge Building Center Centre Church Court Field Garden
    Gardens Hall Hospital House Library Mall Museum Observatory Office Palace Park Prison
    Square Stadium Station Statehouse Street Theater Theatre Tower University""".split()
)
#: curly quotes read as straight ones (same length, so offsets are kept)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class TextSpans:
    """One text (a headline or a paragraph) with its entity spans ``(start, end, label)``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass
class Projection:
    """An article's texts with spans, and how many annotated names found no place."""

    texts: list[TextSpans] = field(default_factory=list)
    names: int = 0
    unplaced: list[str] = field(default_factory=list)
    forms: int = 0
    unplaced_forms: int = 0
    skipped_texts: int = 0


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` as whole words (case-sensitive, quotes folded)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(form.translate(_QUOTES)) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text.translate(_QUOTES))]


def _place_label(text: str, start: int, end: int, model: dict[tuple[int, int], str]) -> str:
    own = model.get((start, end))
    if own in _PLACE_LABELS:
        return own
    words = text[start:end].split()
    if len(words) > 1 and words[-1] in FACILITY_HEADS:
        return "FAC"
    return own if own == "LOC" else "GPE"


def project_article(
    article: AnnotatedArticle, model_ents: Sequence[Iterable[tuple[int, int, str]]]
) -> Projection:
    """The article's headline and paragraphs with the annotated names as spans.

    ``model_ents[i]`` are the original model's entities ``(start, end, label)`` in
    text ``i`` (headline first): kept for the labels the annotators do not cover."""
    texts = [article.title, *article.paragraphs]
    forms: list[tuple[str, str, int]] = []  # (form, family, entity index)
    out = Projection()
    entity = 0
    for family in ("PER", "ORG", "LOC"):
        for names in article.entities.get(family, []):
            out.names += 1
            forms.extend((form, family, entity) for form in sorted(names))
            entity += 1
    out.forms = len(forms)
    # longest first; ties in a fixed order so the projection is deterministic
    forms.sort(key=lambda f: (-len(f[0]), f[0], f[1]))
    claimed: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    placed_entities: set[int] = set()
    for form, family, index in forms:
        found = False
        for i, text in enumerate(texts):
            model = {(s, e): label for s, e, label in model_ents[i]}
            for start, end in _occurrences(text, form):
                if any(s < end and start < e for s, e, _ in claimed[i]):
                    found = True  # inside a longer name already claimed
                    continue
                label = _FAMILY_LABEL[family]
                if family == "LOC":
                    label = _place_label(text, start, end, model)
                claimed[i].append((start, end, label))
                found = True
        if found:
            placed_entities.add(index)
        else:
            out.unplaced_forms += 1
    entity = 0
    for family in ("PER", "ORG", "LOC"):
        for names in article.entities.get(family, []):
            if entity not in placed_entities:
                out.unplaced.append(f"{article.id} {family} {sorted(names)[0]!r}")
            entity += 1
    # a form found in a text only glued to other word characters ("$250Theodora
    # Hancock2020-09-03", "Choreographer_Jeong Hye Jin") is a name the projection cannot
    # place: that text is left out, since its spans would teach the name as no entity
    glued = [form.translate(_QUOTES) for form, _, index in forms if index not in placed_entities]
    for i, text in enumerate(texts):
        if any(form in text.translate(_QUOTES) for form in glued):
            out.skipped_texts += 1
            continue
        spans = list(claimed[i])
        for s, e, label in model_ents[i]:
            if label in _FAMILY_LABELS:
                continue  # the annotators decide these
            if not any(s < ce and cs < e for cs, ce, _ in spans):
                spans.append((s, e, label))
        out.texts.append(TextSpans(text, tuple(sorted(spans))))
    return out


def named_spans(
    text: str,
    names: Iterable[tuple[int, int, str]],
    model_ents: Iterable[tuple[int, int, str]],
) -> TextSpans:
    """A text whose every named person, organization and place is annotated where it
    is (``names``: ``(start, end, family)``, GUM's mentions), in the model's labels.

    As in :func:`project_article`: the model's other labels are kept where no name
    lies, and its person/organization/place names that are not annotated are taught as
    no entity. Where the conventions differ, the model's label wins for what dateline's
    annotators read the same way: GUM types a country by what it does (``Sweden beat
    England`` names two organizations), dateline's annotators list a country as a place,
    so an organization the model reads as a GPE on the same words stays a GPE; a
    "person" the model reads as a nationality or group (``Moriori``) stays NORP. Of
    overlapping names the longest is kept (``University of Washington``, not
    ``Washington``)."""
    model = {(s, e): label for s, e, label in model_ents}
    spans: list[tuple[int, int, str]] = []
    for start, end, family in sorted(names, key=lambda n: (n[0] - n[1], n[0], n[2])):
        if any(s < end and start < e for s, e, _ in spans):
            continue
        own = model.get((start, end))
        if family == "LOC":
            label = _place_label(text, start, end, model)
        elif family == "ORG" and own == "GPE":
            label = "GPE"
        elif family == "PER" and own == "NORP":
            label = "NORP"
        else:
            label = _FAMILY_LABEL[family]
        spans.append((start, end, label))
    for s, e, label in model_ents:
        if label in _FAMILY_LABELS:
            continue
        if not any(s < ce and cs < e for cs, ce, _ in spans):
            spans.append((s, e, label))
    return TextSpans(text, tuple(sorted(spans)))


def rehearsal_spans(texts: Iterable[str], docs: Iterable[Any]) -> list[TextSpans]:
    """Unannotated texts with the original model's own entities as their spans."""
    return [
        TextSpans(text, tuple((e.start_char, e.end_char, e.label_) for e in doc.ents))
        for text, doc in zip(texts, docs, strict=True)
    ]
