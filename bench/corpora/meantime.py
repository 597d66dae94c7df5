"""MEANTIME (NewsReader, Wikinews, CC BY 4.0) documents in CAT XML.

A CAT file lists tokens (``<token t_id sentence>``), then markables anchored to
tokens (``ENTITY_MENTION``, ``EVENT_MENTION``, ``TIMEX3``), entity and event
instances (``ENTITY ent_type=PER|ORG|LOC|PRO|FIN|MIX``), and relations:
``REFERS_TO`` (mention → instance) and ``TLINK`` (temporal order between events
and times). Sentence 0 is the headline and the creation time's tokens are the
date line; the rest is the body.

What dateline is scored on:

- entities: each PER/ORG/LOC instance named at least once (a mention with
  ``syntactic_type="NAM"``), with every such name; dateline publishes one node
  per entity with its names, so both sides are sets of names per document;
- dated happenings: event mentions (not ``GRAMMATICAL``) that a TLINK places
  inside, at, or over a TIMEX3 of the text (not the creation time) whose value
  is a calendar date (``2008``, ``2008-03``, ``2008-03-01``); one per event
  instance and date.

MEANTIME annotates each document fully only in its first sentences: the headline,
the date line and the first four body sentences (CAT sentences 0-5; the corpus's
``intra-doc_annotation`` folder, its document-level layer, holds no markable in
any later sentence of its 120 documents). Past them, only the entity and event
mentions of cross-document coreference chains were added, and no time expression
at all. So a dated Event from a later sentence cannot be judged by MEANTIME:
:attr:`MeantimeDocument.scope` says how many body paragraphs it annotated fully.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora.text import detokenize

__all__ = [
    "DatedHappening",
    "EventMention",
    "MeantimeDocument",
    "NamedEntity",
    "read_meantime",
    "read_meantime_folder",
]

#: TLINK types (source → target) that put the source inside or at the target.
_INSIDE = frozenset({"IS_INCLUDED", "SIMULTANEOUS", "DURING", "BEGINS", "ENDS", "IDENTITY"})
#: ...and those that put the target inside the source.
_AROUND = frozenset({"INCLUDES", "SIMULTANEOUS", "DURING_INV", "BEGUN_BY", "ENDED_BY", "IDENTITY"})
#: the last CAT sentence MEANTIME annotates at document level (see the module's doc)
DOCUMENT_LEVEL_LAST_SENTENCE = 5
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class NamedEntity:
    """An entity named in the text: the annotators' label for it and each naming mention
    (whole noun phrases: ``JSA Research defence analyst Paul Nesbit``)."""

    type: str  # PER, ORG, LOC
    label: str
    mentions: frozenset[str]


@dataclass(frozen=True)
class EventMention:
    """An annotated event mention: its words, sentence (paragraph) and class."""

    paragraph: int  # -1 for the headline, else the body paragraph
    start: int
    end: int
    text: str
    lemma: str
    event_class: str  # OTHER, SPEECH_COGNITIVE (GRAMMATICAL ones are left out)


@dataclass(frozen=True)
class DatedHappening:
    mention: EventMention
    date: str  # TIMEX3 value: YYYY, YYYY-MM or YYYY-MM-DD


@dataclass
class MeantimeDocument:
    name: str
    corpus: str  # the sub-corpus folder: corpus_airbus, corpus_apple, ...
    dct: str
    title: str
    paragraphs: list[str]
    entities: list[NamedEntity] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    dated: list[DatedHappening] = field(default_factory=list)
    #: every annotated entity mention's words and instance label, any type (PRO, FIN…
    #: too): MEANTIME does not annotate every name, so precision is also measured on
    #: what dateline found among these
    annotated: set[str] = field(default_factory=set)
    #: how many body paragraphs (from the first) MEANTIME annotated fully; an event
    #: of a later one is only annotated when it is part of a cross-document chain
    scope: int = 0


_PRONOUNS = frozenset("i we us our you he him his she her it its they them their".split())


def _looks_like_a_name(text: str) -> bool:
    return text[:1].isupper() and text.lower() not in _PRONOUNS


def _anchors(element: ET.Element) -> list[str]:
    return [a.get("t_id", "") for a in element.findall("token_anchor")]


def read_meantime(path: Path) -> MeantimeDocument:
    """One CAT XML file."""
    root = ET.parse(path).getroot()
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    markables = root.find("Markables")
    marks = list(markables) if markables is not None else []
    by_id = {m.get("m_id", ""): m for m in marks}

    dct = ""
    date_line: set[str] = set()
    for mark in marks:
        if mark.tag == "TIMEX3" and mark.get("functionInDocument") == "CREATION_TIME":
            dct = mark.get("value", "")
            date_line = set(_anchors(mark))
    date_sentences = {s for t, s, _ in tokens if t in date_line}

    # sentences → paragraphs (headline = sentence 0, date line dropped)
    sentences: dict[int, list[tuple[str, str]]] = {}
    for t_id, sentence, word in tokens:
        sentences.setdefault(sentence, []).append((t_id, word))
    where: dict[str, tuple[int, int, int]] = {}  # t_id → (paragraph, start, end)
    title = ""
    paragraphs: list[str] = []
    numbers: list[int] = []  # each paragraph's CAT sentence, the headline's (0) first
    for number in sorted(sentences):
        if number in date_sentences and number != 0:
            continue
        numbers.append(number)
        words = sentences[number]
        text, offsets = detokenize([w for _, w in words])
        paragraph = -1 if number == 0 else len(paragraphs)
        if number == 0:
            title = text
        else:
            paragraphs.append(text)
        for (t_id, _), (a, b) in zip(words, offsets, strict=True):
            where[t_id] = (paragraph, a, b)

    def span(mark: ET.Element) -> tuple[int, int, int, str] | None:
        places = [where[t] for t in _anchors(mark) if t in where]
        if not places or len({p for p, _, _ in places}) != 1:
            return None
        paragraph = places[0][0]
        a, b = min(p[1] for p in places), max(p[2] for p in places)
        text = title if paragraph == -1 else paragraphs[paragraph]
        return paragraph, a, b, text[a:b]

    refers: dict[str, str] = {}  # mention → instance
    tlinks: list[tuple[str, str, str]] = []
    relations = root.find("Relations")
    for rel in list(relations) if relations is not None else []:
        source, target = rel.find("source"), rel.find("target")
        if source is None or target is None:
            continue
        if rel.tag == "REFERS_TO":  # many mentions → one instance
            for each in rel.findall("source"):
                refers[each.get("m_id", "")] = target.get("m_id", "")
        elif rel.tag == "TLINK":
            tlinks.append((source.get("m_id", ""), rel.get("reltype", ""), target.get("m_id", "")))

    doc = MeantimeDocument(path.stem, path.parent.name, dct, title, paragraphs)
    doc.scope = sum(1 for n in numbers if n != 0 and n <= DOCUMENT_LEVEL_LAST_SENTENCE)

    names: dict[str, set[str]] = {}
    for mark in marks:
        if mark.tag == "ENTITY" and mark.get("ent_type") in TYPES and mark.get("TAG_DESCRIPTOR"):
            names.setdefault(mark.get("m_id", ""), set())
        # NAM: a name; mentions added in the cross-document pass carry no syntactic_type
        kind = mark.get("syntactic_type")
        if mark.tag == "ENTITY" and mark.get("TAG_DESCRIPTOR"):
            doc.annotated.add(mark.get("TAG_DESCRIPTOR", "").removesuffix(" VUA").strip())
        if mark.tag == "ENTITY_MENTION" and (where_ := span(mark)) is not None:
            doc.annotated.add(where_[3])
        if mark.tag == "ENTITY_MENTION" and kind in ("NAM", None):
            found = span(mark)
            if found is None or (kind is None and not _looks_like_a_name(found[3])):
                continue
            instance = by_id.get(refers.get(mark.get("m_id", ""), ""))
            if instance is None or instance.get("ent_type") not in TYPES:
                continue
            names.setdefault(instance.get("m_id", ""), set()).add(found[3])
    for instance_id, forms in names.items():
        if not forms:
            continue  # never named in the text (only "the company", "he")
        instance = by_id[instance_id]
        label = instance.get("TAG_DESCRIPTOR", "").removesuffix(" VUA").strip()
        doc.entities.append(NamedEntity(instance.get("ent_type", ""), label, frozenset(forms)))

    mentions: dict[str, EventMention] = {}
    for mark in marks:
        if mark.tag != "EVENT_MENTION":
            continue
        instance = by_id.get(refers.get(mark.get("m_id", ""), ""))
        event_class = instance.get("class", "OTHER") if instance is not None else "OTHER"
        found = span(mark)
        if found is None or event_class == "GRAMMATICAL" or mark.get("special_cases") == "GEN":
            continue
        mention = EventMention(*found, mark.get("pred", ""), event_class)
        mentions[mark.get("m_id", "")] = mention
        doc.events.append(mention)

    def calendar_date(m_id: str) -> str | None:
        mark = by_id.get(m_id)
        if (
            mark is None
            or mark.tag != "TIMEX3"
            or mark.get("functionInDocument") == "CREATION_TIME"
        ):
            return None
        value = mark.get("value", "")
        return value if mark.get("type") == "DATE" and _CALENDAR.match(value) else None

    seen: set[tuple[str, str]] = set()
    for first, reltype, second in tlinks:
        if first in mentions and reltype in _INSIDE:
            event, date = first, calendar_date(second)
        elif second in mentions and reltype in _AROUND:
            event, date = second, calendar_date(first)
        else:
            continue
        if date is None:
            continue
        identity = (refers.get(event, event), date)
        if identity in seen:
            continue
        seen.add(identity)
        doc.dated.append(DatedHappening(mentions[event], date))
    return doc


def read_meantime_folder(folder: Path) -> list[MeantimeDocument]:
    """Every ``*.xml`` under ``folder`` (any depth), sorted by path."""
    if folder.is_file():
        return [read_meantime(folder)]
    return [read_meantime(p) for p in sorted(folder.rglob("*.xml"))]
