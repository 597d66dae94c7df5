"""CoNLL-2003 NER files (``eng.train``, ``eng.testa``, ``eng.testb``).

One token a line (``word POS chunk NER``), a blank line between sentences and
``-DOCSTART-`` between documents. Tags are IOB1 (the original release: ``I-PER``
starts an entity unless the token before has the same type) or IOB2 (``B-PER``
always starts one); both read the same. Reuters text: the files are never
committed, only read from a path given on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora.text import detokenize

__all__ = ["Document", "Sentence", "Span", "read_conll", "spans_from_tags"]


@dataclass(frozen=True)
class Span:
    """An annotated name: characters ``start``–``end`` of sentence ``sentence``."""

    sentence: int
    start: int
    end: int
    type: str  # PER, ORG, LOC, MISC


@dataclass(frozen=True)
class Sentence:
    text: str
    tokens: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]


@dataclass
class Document:
    """A news story: its sentences (the first is the headline) and its names."""

    number: int
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(first, last + 1, type)`` from IOB1 or IOB2 tags."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (prefix == "O" or begins):
            out.append((start, i, kind))
            start = None
        if prefix in ("B", "I") and (start is None or begins):
            start, kind = i, label
        if prefix == "O":
            kind = ""
    return out


def read_conll(path: Path) -> list[Document]:
    """Every document in a CoNLL-2003 file, in file order."""
    documents: list[Document] = []
    rows: list[list[str]] = []
    current = Document(0)

    def close_sentence() -> None:
        if not rows:
            return
        tokens = [r[0] for r in rows]
        text, offsets = detokenize(tokens)
        index = len(current.sentences)
        current.sentences.append(Sentence(text, tuple(tokens), tuple(offsets)))
        for first, last, kind in spans_from_tags([r[-1] for r in rows]):
            current.spans.append(Span(index, offsets[first][0], offsets[last - 1][1], kind))
        rows.clear()

    def close_document() -> None:
        nonlocal current
        close_sentence()
        if current.sentences:
            documents.append(current)
        current = Document(len(documents))

    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if not fields:
                close_sentence()
            elif fields[0] == "-DOCSTART-":
                close_document()
            else:
                rows.append(fields)
    close_document()
    return documents
