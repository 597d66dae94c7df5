"""Sentences of an article body, each knowing the paragraph it came from.

A short rule-based splitter: news prose is regular, and abbreviations that end
in a full stop (``U.S.``, ``Mr.``, ``St. Petersburg``, ``Sept.``) are the only
common trap, so they are listed rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.read.draft import Paragraph

__all__ = ["Sentence", "quoted_spans", "split_sentences"]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt sen rep gov pres st mt ft jr sr inc corp ltd co no
    vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m approx dept
    est fig univ ave blvd rd""".split()
)
#: Initials run together with full stops, the last stop stripped: ``a.g``, ``j.r.r``.
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
#: A sentence's end: its stop and the closing quote or bracket after it (kept with the
#: sentence: ``…e-cigarettes."`` closes the quotation it is in), then space.
_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int  # index of the paragraph in the body
    index: int  # index of the sentence in the whole body


def _ends_with_abbreviation(text: str, following: str = "") -> bool:
    """Whether the full stop ending ``text`` is an abbreviation's; ``No.`` is one only
    before a number (``No. 1``; "He said no. Then…" ends a sentence)."""
    last = text.rsplit(None, 1)[-1].rstrip(".").lower().lstrip('("“')
    if last == "no":
        return following.isdigit()
    if len(last) == 1 and last.isalpha():  # an initial: "John F. Kennedy"
        return True
    if _INITIALS.fullmatch(last):  # "A.G. Sulzberger", "J.R.R. Tolkien"
        return True
    return last in _ABBREVIATIONS


def split_sentences(paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        start = 0
        text = paragraph.text
        pieces: list[str] = []
        for match in _BOUNDARY.finditer(text):
            candidate = text[start : match.end("close")].strip()
            if _ends_with_abbreviation(
                text[: match.start()].rstrip('"”’)'), text[match.end() : match.end() + 1]
            ):
                continue
            pieces.append(candidate)
            start = match.end()
        pieces.append(text[start:].strip())
        for piece in pieces:
            if piece:
                out.append(Sentence(piece, number, len(out)))
    return out


def quoted_spans(text: str, inside: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """The character ranges of ``text`` inside direct quotation marks, and whether a
    quotation is still open at its end.

    ``inside`` says a quotation opened in an earlier sentence of the same paragraph is
    still open (“Matt has my endorsement. GET OUT and VOTE…!” is split into sentences).
    Curly quotes say which way they face; a straight ``"`` opens or closes by turns.
    """
    spans: list[tuple[int, int]] = []
    start = 0 if inside else -1
    for i, char in enumerate(text):
        if char == "“" or (char == '"' and start < 0):
            if start < 0:
                start = i
        elif char in '”"' and start >= 0:
            spans.append((start, i + 1))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans, start >= 0
