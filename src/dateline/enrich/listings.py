"""Listings: a line with no verb that pairs a thing with a day is an entry of a schedule.

Calendars, programmes and timelines write what happens as a noun phrase and a day,
with no clause around them::

    Nov. 12: opening hearing.
    VIP meet-and-greet cocktail hour, Oct. 26, and special evening reception, Oct. 27.

No trigger verb reports these, yet each entry is a dated happening. A line is a
listing when its parse has no finite verb (participles and nouns that modify a noun
do not count: "opening hearing", "meet-and-greet"); each day it gives names the
noun phrase written beside it (before it, else after it), up to the next day or the
line's end. A schedule tells what is ahead: a day written without its year
("Oct. 26", "Friday") is read forward, and the entry is ``EventScheduled``; a day
in full ("Nov. 12, 2019: first hearing") keeps its own date.

Only days count (not a month or a year alone: "2019 revenue: $5 million" is a table
row, not a happening), and a phrase that is page furniture ("Photo: AP, Nov. 12") or a
name of a person, place or body alone ("Reuters, Nov. 12") names no entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.enrich.clauses import verbless
from dateline.enrich.event_rules import EventKind
from dateline.enrich.temporal import Precision, TimeExpression
from dateline.enrich.timeline import ClauseEvent, SentenceContext, forward, tokens_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = ["ListingDetector"]

#: Words a page puts beside a date that are not a happening: credits, stamps, captions.
_FURNITURE = frozenset(
    """photo photos image images picture file credit credits source sources update updates
    post posted copyright caption video videos graphic map chart by""".split()
)
#: Entity types whose name alone is who or where, not what happens.
_NOT_HAPPENINGS = frozenset(
    {
        "Person",
        "Organization",
        "GovernmentOrganization",
        "NewsMediaOrganization",
        "City",
        "Country",
        "Place",
        "AdministrativeArea",
    }
)
#: Words trimmed from the edges of an entry's name.
_EDGES = frozenset({"the", "a", "an", "and", "or", "&", "plus", "then"})
#: The most words an entry's name may have: longer is prose the parser cut, not an entry.
_MOST_WORDS = 10
#: Kinds of date a schedule's entry is dated by: a calendar day, a weekday, a holiday.
_DAY_KINDS = frozenset({"month_day", "day_month", "weekday", "holiday", "span", "iso"})
#: Kinds of date a relative reading reads forward in a schedule.
_WHICH_ONE = frozenset({"weekday", "month_day", "day_month"})
#: How sure a schedule line makes us: as sure as a dated clause with nobody named.
CONFIDENCE = 0.6


class ListingDetector:
    """Each day of a verbless line, with the noun phrase beside it, as a scheduled entry."""

    kind = EventKind.LISTING

    def detect(self, context: SentenceContext) -> list[ClauseEvent]:
        tokens = [
            t for t in context.parse.tokens() if context.parse.start_of(t) >= context.skip_before
        ]
        if not verbless(tokens) or tokens[0].is_lower:
            return []  # (a line opening in lower case is a piece of a sentence cut apart)
        days = [t for t in context.times if _a_day(t)]
        out = []
        for at, day in enumerate(days):
            before = days[at - 1].end_offset if at else context.skip_before
            after = days[at + 1].start_offset if at + 1 < len(days) else None
            words = self._entry(context, tokens, before, day.start_offset)
            if not words:  # "Nov. 12: opening hearing": the entry follows its day
                words = self._entry(context, tokens, day.end_offset, after)
            if not words:
                continue
            event = self._event(context, day, words)
            if event is not None:
                out.append(event)
        return out

    def _entry(
        self, context: SentenceContext, tokens: list[Token], start: int, end: int | None
    ) -> list[Token]:
        """The words of one entry between two characters of the line, trimmed."""
        words = [
            t
            for t in tokens
            if context.parse.start_of(t) >= start
            and (end is None or context.parse.start_of(t) + len(t.text) <= end)
            and not any(
                x.start_offset <= context.parse.start_of(t) < x.end_offset for x in context.times
            )
        ]
        # an entry ends at its first comma or colon after a noun: what follows is where or
        # when ("Jazz Festival, Riverside Park")
        cut: list[Token] = []
        for token in words:
            if (
                token.pos_ == "PUNCT"
                and token.text in ",:;()"
                and any(w.pos_ in ("NOUN", "PROPN") for w in cut)
            ):
                break
            cut.append(token)
        while cut and (cut[0].pos_ in ("PUNCT", "SYM") or cut[0].lower_ in _EDGES):
            cut.pop(0)
        while cut and (cut[-1].pos_ in ("PUNCT", "SYM") or cut[-1].lower_ in _EDGES):
            cut.pop()
        if not cut or len(cut) > _MOST_WORDS:
            return []
        if not any(t.pos_ in ("NOUN", "PROPN") for t in cut):
            return []
        if any(t.lower_ in _FURNITURE for t in cut):
            return []
        if self._only_a_name(context, cut):
            return []
        return cut

    @staticmethod
    def _only_a_name(context: SentenceContext, words: list[Token]) -> bool:
        """Whether the words are the name of a person, place or body and nothing else."""
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
        for noun in nouns:
            mention = context.mention_at(noun)
            if mention is None or context.type_of(mention.key) not in _NOT_HAPPENINGS:
                return False
        return True

    def _event(
        self, context: SentenceContext, day: TimeExpression, words: list[Token]
    ) -> ClauseEvent | None:
        scheduled = day.relative and day.kind in _WHICH_ONE
        when = forward(day, context.published) if scheduled else day
        text = tokens_text(words)
        head = [t for t in words if t.pos_ in ("NOUN", "PROPN")][-1]  # English heads last
        start = context.parse.start_of(words[0])
        end = context.parse.start_of(words[-1]) + len(words[-1].text)
        return ClauseEvent(
            kind=self.kind,
            schema_type="Event",
            name=text[:1].upper() + text[1:],
            sentence=context.parse.sentence.index,
            trigger=head.text,
            span=(context.parse.start_of(head), context.parse.start_of(head) + len(head.text)),
            times=[when],
            scheduled=scheduled,
            confidence=CONFIDENCE,
            words=(start, end),
        )


def _a_day(expr: TimeExpression) -> bool:
    """A calendar day (or a span of days) that can date an entry: not a bound, a length
    or a set, nor a day said from the page's own day ("Thanks for joining today")."""
    return expr.kind in _DAY_KINDS and (
        expr.precision is Precision.DAY or (expr.kind == "span" and len(expr.start) == 10)
    )
