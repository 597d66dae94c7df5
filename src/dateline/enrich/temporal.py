"""Temporal expressions, resolved against the publication date, keeping their precision.

``on Thursday`` in a story published Friday 2024-07-05 → ``2024-07-04``;
``In December 2023`` → ``2023-12``; ``in 2002`` → ``2002``; ``last week`` → a
Monday-to-Sunday range. Past tense looks back, future tense looks forward.

Only short candidate spans found by these patterns are ever interpreted; whole
sentences never go to a general date parser, which would read ``We`` as
Wednesday or ``of the 24th`` as a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateline.read.datetext import MONTHS

__all__ = ["TimeExpression", "find_times", "is_future"]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_FUTURE = re.compile(
    r"\b(will|shall|would be held|is to|are to|is due|are due|is expected to|are expected to|"
    r"is scheduled|are scheduled|plans? to|planned for|upcoming|ahead of|next)\b",
    re.I,
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "month_day",
        re.compile(
            rf"\b(?:on\s+)?(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?:on\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?"
            rf"(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in\s+|since\s+|by\s+)?(?:(?:early|mid|late)-?\s*)?(?P<mon>{_MONTH_RE})\b"
            rf"(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<prep>in|since|by|during)\s+(?:(?:early|mid|late)-?\s*)?(?P<y>(?:19|20)\d{2})\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on\s+|last\s+|next\s+|this\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night)\b", re.I)),
    (
        "relative_period",
        re.compile(
            r"\b(?P<which>last|next|this|earlier this|later this|past)\s+"
            r"(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
]
# Words that look like months but are not dates in running text.
_NOT_MONTH_ALONE = {
    "may",
    "march",
    "mar",
    "jan",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "feb",
    "apr",
}


@dataclass(frozen=True)
class TimeExpression:
    """A resolved expression: ``start`` (and ``end`` for a range) as partial ISO dates."""

    text: str
    start_offset: int
    end_offset: int
    start: str
    end: str | None = None
    precision: str = "day"


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def _month_back(ref: dt.date, month: int, future: bool) -> int:
    """The year of the nearest ``month`` on the right side of ``ref``."""
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _day_back(ref: dt.date, month: int, day: int, future: bool) -> dt.date | None:
    for year in (ref.year, ref.year + 1) if future else (ref.year, ref.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if (future and candidate >= ref) or (not future and candidate <= ref):
            return candidate
    return None


def _resolve(kind: str, m: re.Match[str], ref: dt.date, future: bool) -> TimeExpression | None:
    g = m.groupdict()
    text, a, b = m.group(0), m.start(), m.end()

    def day(value: dt.date) -> TimeExpression:
        return TimeExpression(text, a, b, value.isoformat())

    if kind == "iso":
        try:
            return day(dt.date(int(g["y"]), int(g["m"]), int(g["d"])))
        except ValueError:
            return None
    if kind in ("month_day", "day_month"):
        month, number = MONTHS[g["mon"].lower()], int(g["d"])
        if g.get("y"):
            try:
                return day(dt.date(int(g["y"]), month, number))
            except ValueError:
                return None
        found = _day_back(ref, month, number, future)
        return day(found) if found else None
    if kind == "month":
        month = MONTHS[g["mon"].lower()]
        word = g["mon"]
        if not g.get("y"):
            # "May" alone is far more often the verb; other short forms need a year
            if word.lower() in _NOT_MONTH_ALONE and not text.lower().startswith(
                ("in ", "since ", "by ")
            ):
                return None
            if not word[0].isupper():
                return None
            year = _month_back(ref, month, future)
        else:
            year = int(g["y"])
        return TimeExpression(text, a, b, f"{year:04d}-{month:02d}", precision="month")
    if kind == "year":
        if g["prep"].lower() != "in" and g["prep"].lower() != "during":
            return None  # "since 2002" is not when something happened
        return TimeExpression(text, a, b, g["y"], precision="year")
    if kind == "weekday":
        target = _WEEKDAYS[g["wd"].lower()]
        lowered = text.lower()
        forward = future or lowered.startswith("next")
        if lowered.startswith("last"):
            forward = False
        delta = (ref.weekday() - target) % 7 or 7
        value = ref - dt.timedelta(days=delta)
        if forward:
            value = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
        return day(value)
    if kind == "relative_day":
        rel = g["rel"].lower()
        offset = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}[rel]
        return day(ref + dt.timedelta(days=offset))
    if kind == "relative_period":
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            if which not in ("last", "next", "this"):
                return None
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
            return TimeExpression(
                text, a, b, monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "range"
            )
        if unit == "month":
            index = ref.year * 12 + ref.month - 1 + step
            return TimeExpression(
                text, a, b, f"{index // 12:04d}-{index % 12 + 1:02d}", precision="month"
            )
        return TimeExpression(text, a, b, f"{ref.year + step:04d}", precision="year")
    return None


_CLAUSE = re.compile(r"[;,]|\b(?:and|but|while|whereas|after|before)\b")


def _clause_future(sentence: str, start: int, end: int) -> bool:
    """Tense of the clause holding the expression: ``It opened on Tuesday and he will
    hand over in October`` has a past Tuesday and a future October."""
    bounds = [0, *(m.start() for m in _CLAUSE.finditer(sentence)), len(sentence)]
    left = max(b for b in bounds if b <= start)
    right = min(b for b in bounds if b >= end)
    return is_future(sentence[left:right])


def find_times(sentence: str, reference: dt.date) -> list[TimeExpression]:
    """Every temporal expression in ``sentence``, resolved; overlapping matches keep the first
    (more specific) pattern."""
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            future = _clause_future(sentence, match.start(), match.end())
            resolved = _resolve(kind, match, reference, future)
            if resolved is not None:
                taken.append((match.start(), match.end()))
                found.append(resolved)
    return sorted(found, key=lambda t: t.start_offset)
