"""Temporal expressions, resolved against the publication date, keeping their precision.

``on Thursday`` in a story published Friday 2024-07-05 → ``2024-07-04``;
``In December 2023`` → ``2023-12``; ``in 2002`` → ``2002``; ``last week`` → a
Monday-to-Sunday range. Past tense looks back, future tense looks forward.

Only short candidate spans found by these patterns are ever interpreted; whole
sentences never go to a general date parser, which would read ``We`` as
Wednesday or ``of the 24th`` as a date.

Every pass is linear in the sentence: the clause bounds that decide tense are
found once per sentence (not once per expression), and overlaps between patterns
are checked against a sorted list of taken spans. A 64 KB schedule sentence or
4,000 ``on Monday`` phrases cost milliseconds, not seconds. A reference date at
the edge of the calendar (``0001-01-01``) resolves nothing rather than overflowing.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from dateline.read.datetext import MONTHS

__all__ = [
    "NOT_WHEN",
    "Precision",
    "TimeExpression",
    "find_dates",
    "find_event_dates",
    "find_times",
    "is_future",
    "usable_reference",
]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_FUTURE = re.compile(
    r"\b(will|shall|would be held|is to|are to|is due|are due|is expected to|are expected to|"
    r"is scheduled|are scheduled|plans? to|planned for|upcoming|ahead of|next)\b",
    re.I,
)

#: The counts and units a duration is written with ("three years", "a 10-year deal").
_DURATION_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
_DURATION_NUMBER = "|".join(sorted(_DURATION_WORDS, key=len, reverse=True)) + r"|\d{1,3}"
_DURATION_UNIT = r"second|minute|hour|day|week|month|quarter|year|decade|century"
#: TIMEX3 unit letters; seconds, minutes and hours are written after a ``T``.
_UNITS = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "week": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
#: "a year" counts only where it reads as a length of time, not a rate ("$5bn a year").
_A_DURATION = re.compile(
    r"\b(?:for|over|within|than|nearly|almost|about|after|in|lasting|past|last|next|"
    r"first|coming)\s+$",
    re.I,
)
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SETS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "quarter": "P3M",
    "year": "P1Y",
}
#: TIMEX3's parts of the day, appended to a day's value: ``2024-07-05TMO``.
_PARTS_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night|tonight)\b", re.I)
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


class Precision(StrEnum):
    """How much of a date the text gives: ``2019-11-18``, ``2019-11``, ``2019``, or a range."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    QUARTER = "quarter"  # 2024-Q3
    DECADE = "decade"  # 199 (the 1990s), as TIMEX3 writes it
    REFERENCE = "reference"  # PRESENT_REF, PAST_REF, FUTURE_REF: "now", "recently"
    SEASON = "season"  # 2024-SU
    HALF = "half"  # 2024-H1
    FISCAL = "fiscal"  # FY2024
    DURATION = "duration"  # P3Y, PT24H: how long, not when
    SET = "set"  # P1Y for "every year": how often, not when
    TIME = "time"  # 2024-07-05T10:30: a clock time on the reference day


#: One row per pattern, in priority order: an earlier pattern's match wins an overlap.
#: Each row: (name, pattern, an example the tests resolve; see tests/test_temporal.py).
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
            rf"\b(?:in\s+|since\s+|by\s+|(?P<last>last\s+|this\s+past\s+))?"
            rf"(?:(?:early|mid|late)-?\s*)?(?P<mon>{_MONTH_RE})\b"
            rf"(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<prep>in|since|by|during)\s+(?:(?:early|mid|late)-?\s*)?"
            # a year of the 1600s-1800s only where nothing counted follows it ("born in
            # 1889, Austria …", not "in 1800 homes")
            r"(?P<y>(?:19|20)\d{2}|1[6-8]\d{2}(?=\s*(?:[,.;:!?)]|$)))\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on\s+|last\s+|next\s+|this\s+past\s+|this\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night"
            r"|this (?:morning|afternoon|evening))\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>a\s+couple(?:\s+of)?|a|one|two|three|four|five|six|seven|eight|nine|ten"
            r"|\d{1,2})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b",
            re.I,
        ),
    ),
    (
        # "at the end of the month", "by the end of next year": the period (TIMEX3 writes
        # the same value, with mod="END")
        "period_end",
        re.compile(
            r"\b(?:the\s+)?end\s+of\s+(?P<which>the|this|next|last)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    (
        "relative_period",
        re.compile(
            r"\b(?:(?:early|late)\s+)?(?P<which>last|next|this past|this|earlier this|later this"
            r"|past|over the|at the|through the)\s+(?P<unit>weekend|week|month|year)\b",
            re.I,
        ),
    ),
    (
        # a holiday with a fixed day (or the US Thanksgiving), after the words that date
        # something by it: "on Christmas", "over Thanksgiving", "by New Year's Day"
        "holiday",
        re.compile(
            r"\b(?:on|at|over|by|before|after|until|through|for)\s+(?:the\s+)?"
            r"(?P<hol>christmas\s+eve|christmas(?:\s+day)?|new\s+year['’]s\s+(?:eve|day)"
            r"|thanksgiving(?:\s+day)?|halloween|valentine['’]s\s+day|fourth\s+of\s+july"
            r"|july\s+(?:4th|fourth))\b",
            re.I,
        ),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:the\s+)?(?:fiscal\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
            r"(?:\s+of\s+(?P<y>(?:19|20)\d{2}))?\b",
            re.I,
        ),
    ),
    (
        "half",
        re.compile(
            r"\b(?:the\s+)?(?:(?P<fy>fiscal)\s+)?(?P<n>first|second)\s+half"
            r"(?:\s+of\s+(?:(?:the|this)\s+year|(?P<y>(?:19|20)\d{2})))?\b",
            re.I,
        ),
    ),
    (
        "fiscal",
        re.compile(r"\bfiscal\s+(?:year\s+)?(?P<y>(?:19|20)\d{2})\b", re.I),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<which>this|last|next|early|late|(?:in|during|over)\s+the)\s+)?"
            r"(?:(?:early|late|mid)-?\s*)?"
            r"(?P<season>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d{2}))?",
            re.I,
        ),
    ),
    (
        # how often: "every year", "annually", "twice a week"
        "set",
        re.compile(
            r"\b(?:(?:every|each|per)\s+(?P<unit>day|week|month|quarter|year)"
            rf"|(?:every|each)\s+(?P<named>{_MONTH_RE}|monday|tuesday|wednesday|thursday"
            r"|friday|saturday|sunday)"
            r"|(?P<adverb>daily|weekly|monthly|quarterly|annually|yearly))\b",
            re.I,
        ),
    ),
    (
        # how long: "three years", "a 10-year deal", "more than a decade", "the past five
        # years"; "for years" (vague: PXY). "ago", read above, has already taken its words.
        "duration",
        re.compile(
            rf"\b(?:(?P<lead>(?:the\s+)?(?:past|last|next|coming|previous|first|final))\s+)?"
            rf"(?:(?P<mod>more\s+than|less\s+than|nearly|almost|about|at\s+least|up\s+to)\s+)?"
            rf"(?:(?P<n>{_DURATION_NUMBER})[\s-]+(?P<unit>{_DURATION_UNIT})s?"
            rf"|(?P<nh>\d{{1,3}})-(?P<unith>{_DURATION_UNIT})"
            rf"|(?P<vague>(?:several|a\s+few|few|many|recent)\s+|(?<=for\s))(?P<unitv>{_DURATION_UNIT})s)"
            rf"\b(?!\s+(?:ago|old|earlier|later|before|after)\b)",
            re.I,
        ),
    ),
    (
        # a clock time, on the reference day: "at 10:30 a.m.", "3 p.m."
        "clock",
        re.compile(
            r"\b(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
            re.I,
        ),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<y>(?:19|20)\d)0s\b", re.I)),
    (
        "reference",
        re.compile(
            r"\b(?P<ref>now|currently|recently|nowadays|at present|the past|the future)\b", re.I
        ),
    ),
    (
        # a year standing alone ("the 2008 Olympics", "since 2002"): a date, but not when
        # anything in its clause happened; never a count ("2000 people", "1,999")
        "bare_year",
        re.compile(
            r"(?<![\d,.$€£-])\b(?P<y>(?:19|20)\d{2})\b(?![\d,.%-]\d|\s*(?:%|percent|people|"
            r"troops|km|kilometres|kilometers|miles|tons|tonnes|feet|metres|meters|units|"
            r"jobs|workers|cars|votes|points|dollars|euros|barrels|acres|hectares)\b)",
            re.I,
        ),
    ),
]
#: Kinds that name a date but not when a clause's happening took place: events skip them.
NOT_WHEN = frozenset(
    {
        "since",
        "bare_year",
        "quarter",
        "decade",
        "reference",
        "half",
        "fiscal",
        "season",
        "set",
        "duration",
        "clock",
    }
)
_QUARTERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_REFERENCES = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "recently": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
}
#: A bound, not a time: "delayed until October 2007", "by 2018", "after June 18".
_BOUND = re.compile(r"\b(?:until|till|through|by|since|before|after)\s+(?:the\s+)?$", re.I)
#: "by the end of the year", "before the end of last year": within that period, not a bound
_WITHIN = re.compile(r"\b(?:by|before)\s+(?:the\s+)?$", re.I)
_PREPOSITION = re.compile(r"^(?:on|in|since|by|during|over|for|at)\s+", re.I)
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
#: Reference dates this far from the calendar's ends resolve every pattern without overflow.
_SAFE = (dt.date(2, 1, 1), dt.date(9998, 12, 31))


@dataclass(frozen=True)
class TimeExpression:
    """A resolved expression: ``start`` (and ``end`` for a range) as partial ISO dates.

    ``kind`` names the pattern that read it and ``reference`` the date it was resolved
    against, so a reviewer can see *how* ``last week`` became two dates.
    """

    text: str
    start_offset: int
    end_offset: int
    start: str
    end: str | None = None
    precision: Precision = Precision.DAY
    kind: str = "iso"
    reference: dt.date | None = None
    future: bool = False

    @property
    def relative(self) -> bool:
        """True when the text alone does not give the date (``on Thursday``, ``last week``)."""
        return self.kind in (
            "weekday",
            "relative_day",
            "relative_period",
            "ago",
            "quarter",
            "same_day",
            "clock_day",
            "period_end",
            "holiday",
        ) or (
            self.kind in ("month_day", "day_month", "month", "season")
            and not re.search(r"\d{4}", self.text)
        )

    @property
    def value(self) -> str:
        """The TIMEX3 ``value``: ``2024-07-04``, ``2024-W27`` for a Monday-to-Sunday week,
        ``2024-07-05TMO`` for a morning, ``P3Y`` for a duration."""
        if self.precision is Precision.RANGE and self.end is not None:
            first, last = dt.date.fromisoformat(self.start), dt.date.fromisoformat(self.end)
            if first.weekday() == 0 and (last - first).days == 6:
                year, week, _ = first.isocalendar()
                return f"{year:04d}-W{week:02d}"
            if first.weekday() == 5 and (last - first).days == 1:
                year, week, _ = first.isocalendar()
                return f"{year:04d}-W{week:02d}-WE"
            return self.interval()
        part = _PARTS_OF_DAY.search(self.text)
        if self.precision is Precision.DAY and part is not None:
            return f"{self.start}T{_PART_CODES[part.group(1).lower()]}"
        return self.start

    @property
    def timex_type(self) -> str:
        """The TIMEX3 ``type``: ``DURATION`` (``three years``), ``SET`` (``every year``),
        ``TIME`` (``10:30 a.m.``, ``Friday morning``) or ``DATE`` (everything else)."""
        if self.precision is Precision.DURATION:
            return "DURATION"
        if self.precision is Precision.SET:
            return "SET"
        if self.precision is Precision.TIME or "T" in self.value[10:11]:
            return "TIME"
        return "DATE"

    def interval(self) -> str:
        """``2024-07-04``, ``2023-12``, or ``2024-06-24/2024-06-30`` for a range."""
        return f"{self.start}/{self.end}" if self.end else self.start

    def explain(self) -> str:
        """How the expression was resolved, for ``dateline review``."""
        said = f"'{self.text.strip()}' → {self.interval()}"
        if self.kind in ("same_day", "clock_day") and self.reference is not None:
            return f"{said}, within the day the story dated before ({self.reference.isoformat()})"
        if not self.relative or self.reference is None:
            return f"{said} (as written)"
        side = "looking forward" if self.future else "looking back"
        return f"{said}, relative to {self.reference.isoformat()} ({side})"


def usable_reference(reference: dt.date) -> bool:
    """Whether relative expressions can be resolved against ``reference`` at all."""
    return _SAFE[0] <= reference <= _SAFE[1]


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


def _month_index(ref: dt.date, step: int) -> str:
    index = ref.year * 12 + ref.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resolve(kind: str, m: re.Match[str], ref: dt.date, future: bool) -> TimeExpression | None:
    g = m.groupdict()
    text, a, b = m.group(0), m.start(), m.end()

    def made(
        start: str, end: str | None = None, precision: Precision = Precision.DAY
    ) -> TimeExpression:
        return TimeExpression(text, a, b, start, end, precision, kind, ref, future)

    def day(value: dt.date) -> TimeExpression:
        return made(value.isoformat())

    def calendar(unit: str, step: int) -> TimeExpression:
        """The calendar week (Monday to Sunday, a range), month or year ``step`` from
        the reference date's; any other unit counts as a year."""
        if unit == "week":
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
            return made(
                monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), Precision.RANGE
            )
        if unit == "month":
            return made(_month_index(ref, step), precision=Precision.MONTH)
        return made(f"{ref.year + step:04d}", precision=Precision.YEAR)

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
                ("in ", "since ", "by ", "last ", "this ")
            ):
                return None
            if not word[0].isupper():
                return None
            year = _month_back(ref, month, future)
            if g.get("last"):  # "last May", "this past May": the latest before this month
                year = ref.year if month < ref.month else ref.year - 1
        else:
            year = int(g["y"])
        month_expr = made(f"{year:04d}-{month:02d}", precision=Precision.MONTH)
        if text.lower().startswith(("since ", "by ")):  # "since March": not when it happened
            return dataclasses.replace(month_expr, kind="since")
        return month_expr
    if kind == "year":
        year_expr = made(g["y"], precision=Precision.YEAR)
        if g["prep"].lower() not in ("in", "during"):  # "since 2002": not when it happened
            return dataclasses.replace(year_expr, kind="since")
        return year_expr
    if kind == "bare_year":
        return made(g["y"], precision=Precision.YEAR)
    if kind == "decade":
        return made(g["y"], precision=Precision.DECADE)
    if kind == "half":
        half = 1 if g["n"].lower() == "first" else 2
        year = int(g["y"]) if g.get("y") else ref.year
        return made(f"{year:04d}-H{half}", precision=Precision.HALF)
    if kind == "fiscal":
        return made(f"FY{g['y']}", precision=Precision.FISCAL)
    if kind == "season":
        which = (g.get("which") or "").lower()
        if not g.get("y") and not which:
            return None  # "summer" alone is as often "summer camp" as a time
        step = {"last": -1, "next": 1}.get(which, 0)
        year = int(g["y"]) if g.get("y") else ref.year + step
        code = _SEASONS[g["season"].lower()]
        return made(f"{year:04d}-{code}", precision=Precision.SEASON)
    if kind == "set":
        named = (g.get("named") or "").lower()
        if named in _WEEKDAYS:  # "every Tuesday": XXXX-WXX-2
            return made(f"XXXX-WXX-{_WEEKDAYS[named] + 1}", precision=Precision.SET)
        if named:  # "every November": XXXX-11, a habit, not one November
            return made(f"XXXX-{MONTHS[named]:02d}", precision=Precision.SET)
        return made(_SETS[(g.get("unit") or g["adverb"]).lower()], precision=Precision.SET)
    if kind == "duration":
        return made(_duration(g), precision=Precision.DURATION)
    if kind == "clock":
        hour, minute = int(g["h"]), int(g["min"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        return made(f"{ref.isoformat()}T{hour:02d}:{minute:02d}", precision=Precision.TIME)
    if kind == "reference":
        return made(_REFERENCES[" ".join(g["ref"].lower().split())], precision=Precision.REFERENCE)
    if kind == "quarter":
        number = _QUARTERS[g["n"].lower()]
        if g.get("y"):
            year = int(g["y"])
        elif future:  # a plan: this year's quarter unless it is over, then next year's
            year = ref.year + (1 if 3 * number < ref.month else 0)
        else:  # a result: the latest such quarter that has ended (results follow the quarter)
            year = ref.year - (0 if 3 * number < ref.month else 1)
        return made(f"{year:04d}-Q{number}", precision=Precision.QUARTER)
    if kind == "weekday":
        target = _WEEKDAYS[g["wd"].lower()]
        lowered = text.lower()
        forward = future or lowered.startswith("next")
        back = lowered.startswith(("last", "this past"))  # "this past Monday": the one gone
        if back:
            forward = False
        # "said on Tuesday" in Tuesday's story is that day (wire style); "last Tuesday" is not
        delta = (ref.weekday() - target) % 7 or (7 if back else 0)
        value = ref - dt.timedelta(days=delta)
        if forward:  # "will land on Monday" in Monday's story is that day; "next Monday" is not
            ahead = (target - ref.weekday()) % 7 or (7 if lowered.startswith("next") else 0)
            value = ref + dt.timedelta(days=ahead)
        return day(value)
    if kind == "relative_day":
        rel = g["rel"].lower()
        offset = {
            "yesterday": -1,
            "last night": -1,
            "today": 0,
            "tonight": 0,
            "this morning": 0,
            "this afternoon": 0,
            "this evening": 0,
            "tomorrow": 1,
        }[rel]
        return day(ref + dt.timedelta(days=offset))
    if kind == "ago":
        words = " ".join(g["n"].lower().split())
        # "a couple (of) months ago" is two of them, as "a couple" is in plain speech
        count = 2 if words.startswith("a couple") else _DURATION_WORDS.get(words) or int(words)
        unit = g["unit"].lower()
        if unit == "decade":  # "a decade ago": the year ten years back
            return made(f"{ref.year - 10 * count:04d}", precision=Precision.YEAR)
        if unit == "day":
            return day(ref - dt.timedelta(days=count))
        if unit == "week":
            return day(ref - dt.timedelta(weeks=count))
        if unit == "month":
            return made(_month_index(ref, -count), precision=Precision.MONTH)
        return made(f"{ref.year - count:04d}", precision=Precision.YEAR)
    if kind == "period_end":
        which, unit = g["which"].lower(), g["unit"].lower()
        return calendar(unit, {"last": -1, "next": 1}.get(which, 0))
    if kind == "holiday":
        found = _holiday(" ".join(g["hol"].lower().replace("’", "'").split()), ref, future)
        return day(found) if found else None
    if kind == "relative_period":
        which, unit = " ".join(g["which"].lower().split()), g["unit"].lower()
        if unit == "weekend":
            return _weekend(
                "over the" if which in ("at the", "through the") else which, ref, future, made
            )
        if which in ("at the", "through the"):
            return None  # "at the year's end", "through the month": not a calendar period
        if which in ("over the", "this past"):
            return None  # "over the year": a span, not a calendar period
        step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit == "week" and which not in ("last", "next", "this", "earlier this", "later this"):
            return None
        return calendar(unit, step)
    return None


#: Holidays on a fixed day of the year: (month, day).
_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "fourth of july": (7, 4),
    "july 4th": (7, 4),
    "july fourth": (7, 4),
}


def _holiday(name: str, ref: dt.date, future: bool) -> dt.date | None:
    """The nearest such holiday on the right side of ``ref`` (US Thanksgiving: the fourth
    Thursday of November)."""
    if name in _HOLIDAYS:
        return _day_back(ref, *_HOLIDAYS[name], future)
    for year in (ref.year, ref.year + 1) if future else (ref.year, ref.year - 1):
        first = dt.date(year, 11, 1)
        candidate = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        if (future and candidate >= ref) or (not future and candidate <= ref):
            return candidate
    return None


def _weekend(
    which: str,
    ref: dt.date,
    future: bool,
    made: Callable[[str, str | None, Precision], TimeExpression],
) -> TimeExpression:
    """``last weekend``, ``over the weekend``, ``this weekend``: a Saturday-to-Sunday range.
    Looking back, the latest weekend that has begun; ``this`` is the current week's."""
    latest = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)  # the last Saturday <= ref
    this = ref + dt.timedelta(days=5 - ref.weekday())
    if which == "next":
        saturday = this + dt.timedelta(weeks=1)
    elif which == "this" or (which == "over the" and future):
        saturday = this
    elif which == "last" and ref.weekday() >= 5:
        saturday = latest - dt.timedelta(weeks=1)  # "last weekend" said on a Sunday
    else:
        saturday = latest
    sunday = saturday + dt.timedelta(days=1)
    return made(saturday.isoformat(), sunday.isoformat(), Precision.RANGE)


def _duration(g: dict[str, str | None]) -> str:
    """``three years`` → ``P3Y``, ``24 hours`` → ``PT24H``, ``for years`` → ``PXY``."""
    unit = (g.get("unit") or g.get("unith") or g.get("unitv") or "").lower()
    number = g.get("n") or g.get("nh")
    count = "X" if number is None else str(_DURATION_WORDS.get(number.lower()) or int(number))
    code = _UNITS[unit]
    if code.startswith("T"):
        return f"PT{count}{code[1:]}"
    if code == "Q":
        return f"P{int(count) * 3}M" if count != "X" else "PXM"
    return f"P{count}{code}"


_CLAUSE = re.compile(r"[;,]|\b(?:and|but|while|whereas|after|before)\b")


class _Clauses:
    """The sentence cut at clause boundaries once, with the tense of each piece.

    ``It opened on Tuesday and he will hand over in October`` has a past Tuesday and
    a future October. Computed once per sentence; each lookup is a binary search.
    """

    def __init__(self, sentence: str) -> None:
        self.bounds = [0, *(m.start() for m in _CLAUSE.finditer(sentence)), len(sentence)]
        self.future = [
            is_future(sentence[left:right])
            for left, right in zip(self.bounds, self.bounds[1:], strict=False)
        ]

    def is_future(self, start: int, end: int) -> bool:
        """Tense of the clause holding ``start:end`` (of every clause it spans)."""
        first = max(bisect.bisect_right(self.bounds, start) - 1, 0)
        last = min(bisect.bisect_left(self.bounds, end), len(self.bounds) - 1)
        return (
            any(self.future[first:last])
            if last > first
            else self.future[min(first, len(self.future) - 1)]
        )


class _Taken:
    """Non-overlapping spans kept sorted, for an O(log n) overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end)  # spans starting before our end
        return at > 0 and self.ends[at - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


def find_times(
    sentence: str, reference: dt.date, future: bool | None = None
) -> list[TimeExpression]:
    """Every temporal expression in ``sentence``, resolved; overlapping matches keep the first
    (more specific) pattern. Nothing for a reference at the calendar's edge.

    ``future`` forces the direction relative dates are read in (a clause the parse
    found scheduled); by default each clause's own tense decides."""
    if not usable_reference(reference):
        return []
    clauses = _Clauses(sentence)
    taken = _Taken()
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if taken.overlaps(match.start(), match.end()):
                continue
            if kind == "relative_day" and _in_a_name(sentence, match):
                continue
            if kind == "weekday" and _NAMED_DAY.search(
                sentence, max(match.start() - 16, 0), match.start()
            ):
                continue
            if kind in _HABITUAL and _EVERY.search(
                sentence, max(match.start() - 8, 0), match.start()
            ):
                continue  # "every November": a habit (read as a set below), not one November
            if kind == "duration" and not _is_duration(sentence, match):
                continue
            ahead = clauses.is_future(match.start(), match.end()) if future is None else future
            resolved = _resolve(kind, match, reference, ahead)
            if (
                resolved is not None
                and _BOUND.search(sentence, max(match.start() - 16, 0), match.start())
                and not (kind == "period_end" and _WITHIN.search(sentence, 0, match.start()))
            ):
                resolved = dataclasses.replace(resolved, kind="since")  # "until October"
            if resolved is not None:
                taken.add(match.start(), match.end())
                found.append(_without_preposition(resolved))
    return _named_days(sorted(found, key=lambda t: t.start_offset), sentence)


#: Kinds that "every"/"each" before them make a habit of: "every November", "each Monday".
_HABITUAL = frozenset({"month", "weekday", "month_day", "day_month"})
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)
#: Days named by a word before the weekday, not a weekday of the story's week:
#: ``Black Friday``, ``Cyber Monday``, ``Super Tuesday``, ``Good Friday``.
_NAMED_DAY = re.compile(
    r"\b(?:Black|Cyber|Super|Good|Ash|Easter|Bloody|Holy|Palm|Giving|Shrove|Maundy)\s+$"
)
#: A capitalised word right before a match: ``USA Today``, ``NBC's Today``.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'’]*\s+$")


def _in_a_name(sentence: str, match: re.Match[str]) -> bool:
    """``via USA Today``: a capitalised ``Today`` after a capitalised word is a name's
    last word (a newspaper, a show), not the day the story was published."""
    return match.group(0)[:1].isupper() and bool(
        _NAME_BEFORE.search(sentence, max(match.start() - 30, 0), match.start())
    )


#: Between a day's name and the date that says which one: "Saturday, May 18",
#: "today (Nov. 18)".
_DAY_THEN_DATE = re.compile(r"\s*,?\s*\(?\s*$")


def _named_days(found: list[TimeExpression], sentence: str) -> list[TimeExpression]:
    """A weekday or ``today`` followed by the date it is (``on Saturday, May 18``) is that
    date: resolved alone, ``Saturday`` is the one nearest the reference, which may be
    another week's."""
    out: list[TimeExpression] = []
    for i, expr in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        named = (
            following is not None
            and expr.kind in ("weekday", "relative_day")
            and following.precision is Precision.DAY
            and following.kind not in ("weekday", "relative_day")
            and _DAY_THEN_DATE.fullmatch(sentence[expr.end_offset : following.start_offset])
        )
        if not named:
            out.append(expr)
        elif following is not None and following.kind == "month_day":
            found[i + 1] = _year_of_weekday(expr, following)
    return out


def _year_of_weekday(day: TimeExpression, date: TimeExpression) -> TimeExpression:
    """``Friday, Dec. 6``, written without a year: the year in which Dec. 6 is a Friday
    (the one before or after the year first read, when that one's is another day)."""
    weekday = next((d for w, d in _WEEKDAYS.items() if w in day.text.lower()), None)
    try:
        first = dt.date.fromisoformat(date.start)
    except ValueError:
        return date
    if weekday is None or first.weekday() == weekday:
        return date
    for year in (first.year + 1, first.year - 1):
        try:
            other = first.replace(year=year)
        except ValueError:  # 29 February
            continue
        if other.weekday() == weekday:
            iso = other.isoformat()
            end = iso if date.end else None
            return dataclasses.replace(date, start=iso, end=end, future=other > first)
    return date


def _is_duration(sentence: str, match: re.Match[str]) -> bool:
    """``a year`` is a length of time after ``for``/``over``/``more than``, a rate or a
    date elsewhere (``$5bn a year``, ``a year earlier``)."""
    number = (match["n"] or "").lower()
    if number not in ("a", "an") or match["mod"] or match["lead"]:
        return True
    return bool(_A_DURATION.search(sentence, max(match.start() - 16, 0), match.start()))


def _without_preposition(expr: TimeExpression) -> TimeExpression:
    """``on Thursday`` → ``Thursday``: the expression is the date words, as TIMEX3 marks
    them (the preposition was only read to decide what the date means)."""
    cut = _PREPOSITION.match(expr.text)
    if cut is None:
        return expr
    return TimeExpression(
        **{
            **expr.__dict__,
            "text": expr.text[cut.end() :],
            "start_offset": expr.start_offset + cut.end(),
        }
    )


def find_dates(
    sentence: str, reference: dt.date, future: bool | None = None
) -> list[TimeExpression]:
    """The expressions that can say when a clause's happening took place: not ``since
    2002``, ``the 1990s``, ``now`` or a year standing alone (see :data:`NOT_WHEN`)."""
    return [t for t in find_times(sentence, reference, future) if t.kind not in NOT_WHEN]


#: A season's months, as the calendar of the northern hemisphere has them (winter runs
#: into the next year).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
#: Words before a date that make it the start, the deadline or the end of the clause's
#: happening: "grounded since March" began in March, "return to the moon by 2024" is dated
#: 2024, "spend $2.6 billion through November 2028" and "won't hit other platforms until
#: 2020" are dated by the end.
_START_OR_DEADLINE = re.compile(r"\b(?:since|by|through|until|till)\s+(?:the\s+)?$", re.I)
#: "the 2012 through 2015 design": the end of a span of dates, not of a happening.
_FROM_A_DATE = re.compile(r"\d\s+(?:through|until|till)\s+(?:the\s+)?$", re.I)
#: "earlier this year", "so far this month": the part of the period before the story.
_PERIOD_SO_FAR = re.compile(
    r"\b(?:earlier\s+this|so\s+far\s+this)\s+(?P<unit>week|month|year)$", re.I
)
#: "in the early 2020s", "since the mid-1950s", "during the 1990s": a decade (or part of
#: one) that dates a clause's happening, read with the part of the decade before it.
_DECADE_BEFORE = re.compile(
    r"\b(?:in|during|since|by|through|throughout|until)\s+(?:the\s+)?"
    r"(?:(?P<part>early|mid|late)[-\s]*)?$",
    re.I,
)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
#: "in the 14th century", "in the 1300s": a century, as its years.
_CENTURY = re.compile(
    r"\b(?P<prep>in|during|since|by|through|throughout|until)\s+the\s+(?:"
    r"(?P<ord>1[0-9]|[1-9])(?:st|nd|rd|th)[\s-]+century|(?P<hundreds>1[0-8])00s)\b",
    re.I,
)
#: "over the past two years", "in the last five days", "over the past year": the span
#: before the story, as the annotators date it (years as months, weeks as days).
_PAST_SPAN = re.compile(r"\b(?:over|in|during|within)\s+(?:the\s+)?$", re.I)
#: Times within a day the story dated before: "later that day", "earlier in the session",
#: "in the morning", "that night", "the next day" (a shift in days from that day).
_SAME_DAY = re.compile(
    r"\b(?:(?:earlier|later)\s+(?:in\s+|during\s+)?(?:that|the)\s+"
    r"(?:day|session|hearing|episode|meeting|game|match|morning|afternoon|evening|night)"
    r"|(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)"
    r"|in\s+the\s+(?:morning|afternoon|evening)"
    r"|(?P<next>the\s+(?:next|following)\s+(?:day|morning|night))"
    r"|(?P<before>the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)))\b",
    re.I,
)
#: The words that hang a clock time on a clause ("landed at 6am", "left about 4:30
#: a.m."); not a shift's "4 p.m. to midnight"
_CLOCK_HUNG = re.compile(
    r"\b(?:at|around|about|shortly\s+(?:before|after)|just\s+(?:before|after))"
    r"(?:\s+(?:about|around|approximately|roughly))?\s+$",
    re.I,
)
_COMPARED = re.compile(r"\b(?:over|from|than|since)\s+$", re.I)
_SPAN_OPEN = re.compile(r"\b(?:between|from)\s+(?:at\s+least\s+)?(?:the\s+)?$", re.I)
_SPAN_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|-|–)\s*(?:the\s+)?$", re.I)


def find_event_dates(
    sentence: str, reference: dt.date, day: dt.date | None = None, future: bool | None = None
) -> list[TimeExpression]:
    """The dates a clause's happening can be placed at, as calendar dates an Event can
    carry: :func:`find_dates`, and also

    - a season or half year as its months (``last fall`` = 2023-09 to 2023-11),
    - ``since``/``by`` a date as that date (``grounded since March`` began in March,
      ``on the moon by 2024`` is dated 2024; the parse decides whether it is the verb's),
    - ``earlier this year``/``so far this month`` as the period's days before the story,
    - ``between 2009 and 2018``, ``from 2002 to 2005`` as one span,
    - a decade or century after a preposition as its years (``in the early 2020s`` =
      2020 to 2023, ``in the 14th century`` = 1300 to 1399),
    - ``over the past two years``, ``in the last five days`` as the span up to the story,
    - given ``day`` (the day the story last dated a happening, else its publication day),
      a time within a day as that day: ``later that day``, ``earlier in the session``,
      ``in the morning``; ``the next day`` as the day after; a clock time alone
      (``landed at 6am``) as that day, of kind ``clock``, which a happening takes only
      in the past tense ("will reopen at 5 a.m." is seldom the story's day).

    TIMEX3 values (:func:`find_times`) are unchanged: this reading is for events only."""
    found = _with_centuries(sentence, reference, find_times(sentence, reference, future))
    out: list[TimeExpression] = []
    skip = -1
    for at, expr in enumerate(found):
        if at == skip:
            continue
        nxt = found[at + 1] if at + 1 < len(found) else None
        if (
            nxt is not None
            and expr.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY)
            and nxt.precision is expr.precision
            and _SPAN_OPEN.search(sentence, max(expr.start_offset - 24, 0), expr.start_offset)
            and _SPAN_JOIN.match(sentence[expr.end_offset : nxt.start_offset])
            and nxt.start > expr.start
        ):
            out.append(
                dataclasses.replace(
                    expr,
                    text=sentence[expr.start_offset : nxt.end_offset],
                    end_offset=nxt.end_offset,
                    end=nxt.end or nxt.start,
                    kind="span",
                )
            )
            skip = at + 1
            continue
        event = _event_date(sentence, expr, reference)
        if event is not None:
            out.append(event)
    if day is not None and usable_reference(day):
        out = _within_the_day(sentence, day, out, found)
    return out


def _within_the_day(
    sentence: str, day: dt.date, out: list[TimeExpression], found: list[TimeExpression]
) -> list[TimeExpression]:
    """``out`` and the times within ``day`` that ``sentence`` gives (see find_event_dates)."""
    taken = _Taken()
    for expr in found:
        taken.add(expr.start_offset, expr.end_offset)
    added = []
    for match in _SAME_DAY.finditer(sentence):
        if taken.overlaps(match.start(), match.end()) or _COMPARED.search(
            sentence, max(match.start() - 8, 0), match.start()
        ):
            continue  # "its tally rose over the previous day by 235": a comparison
        shift = 1 if match["next"] else -1 if match["before"] else 0
        value = day + dt.timedelta(days=shift)
        added.append(
            TimeExpression(
                match.group(0),
                match.start(),
                match.end(),
                value.isoformat(),
                kind="same_day",
                reference=day,
            )
        )
    if (
        found
        and not added
        and all(
            t.kind == "clock" and _CLOCK_HUNG.search(sentence, 0, t.start_offset) for t in found
        )
    ):
        # a clock time alone ("landed at 6am", "left about 4:30 a.m.") is on the day the
        # story is telling, as kind "clock_day": the parse keeps it for a past clause
        # only ("will reopen at 5 a.m." is seldom that day)
        added = [
            dataclasses.replace(
                t,
                start=day.isoformat(),
                end=None,
                precision=Precision.DAY,
                kind="clock_day",
                reference=day,
            )
            for t in found
        ]
    if not added:
        return out
    return sorted([*out, *added], key=lambda t: t.start_offset)


def _with_centuries(
    sentence: str, reference: dt.date, found: list[TimeExpression]
) -> list[TimeExpression]:
    """``found`` and the centuries of ``sentence`` (which TIMEX3 reading leaves out)."""
    centuries = []
    for match in _CENTURY.finditer(sentence):
        first = (int(match["ord"]) - 1) * 100 if match["ord"] else int(match["hundreds"]) * 100
        at = match.start() + len(match["prep"]) + 1
        centuries.append(
            TimeExpression(
                sentence[at : match.end()].strip(),
                at,
                match.end(),
                f"{first:04d}",
                f"{first + 99:04d}",
                Precision.YEAR,
                "century",
                reference,
            )
        )
    if not centuries:
        return found
    return sorted([*found, *centuries], key=lambda t: t.start_offset)


def _past_span(sentence: str, expr: TimeExpression, reference: dt.date) -> TimeExpression | None:
    """``over the past two years`` → 2022-07/2024-07 (in a story of July 2024), ``in the
    last five days`` → the five days up to the story, ``over the past year`` → its months."""
    lead = re.match(r"(?:the\s+)?(?:past|last)\s+", expr.text, re.I)
    if (
        lead is None
        or not _PAST_SPAN.search(sentence, max(expr.start_offset - 16, 0), expr.start_offset)
        or re.match(r"\s+of\s+(?:the\s+)?(?:\d|year)", sentence[expr.end_offset :])
    ):
        return None  # (not "the last 6 months of 2017": the end of another year)
    if expr.kind == "relative_period":
        count, unit = 1, expr.text.split()[-1].lower()
        code = {"year": "Y", "month": "M", "week": "W"}.get(unit)
    else:
        value = re.fullmatch(r"P(\d+)([YMWD])", expr.start)
        if value is None:
            return None
        count, code = int(value[1]), value[2]
    if code in ("Y", "M"):
        months = count * (12 if code == "Y" else 1)
        return dataclasses.replace(
            expr,
            start=_month_index(reference, -months),
            end=_month_index(reference, 0),
            precision=Precision.MONTH,
            kind="span",
        )
    if code in ("W", "D"):
        first = reference - dt.timedelta(days=count * (7 if code == "W" else 1))
        return dataclasses.replace(
            expr,
            start=first.isoformat(),
            end=reference.isoformat(),
            precision=Precision.RANGE,
            kind="span",
        )
    return None


def _decade(sentence: str, expr: TimeExpression) -> TimeExpression | None:
    """``in the early 2020s`` → 2020 to 2023; ``during the 1990s`` → 1990 to 1999."""
    before = _DECADE_BEFORE.search(sentence, max(expr.start_offset - 24, 0), expr.start_offset)
    if before is None or not expr.start.isdigit():
        return None
    low, high = _DECADE_PARTS.get((before["part"] or "").lower(), (0, 9))
    first = int(expr.start) * 10
    return dataclasses.replace(
        expr, start=f"{first + low:04d}", end=f"{first + high:04d}", precision=Precision.YEAR
    )


def _event_date(sentence: str, expr: TimeExpression, reference: dt.date) -> TimeExpression | None:
    if expr.kind == "century":
        return expr
    if expr.kind == "decade":
        return _decade(sentence, expr)
    if expr.kind in ("duration", "relative_period"):
        span = _past_span(sentence, expr, reference)
        if span is not None:
            return span
    if expr.kind not in NOT_WHEN:
        so_far = _PERIOD_SO_FAR.search(sentence, max(expr.start_offset - 16, 0), expr.end_offset)
        if expr.kind == "relative_period" and so_far is not None:
            unit = so_far["unit"].lower()
            first = (
                reference - dt.timedelta(days=reference.weekday())
                if unit == "week"
                else reference.replace(day=1)
                if unit == "month"
                else reference.replace(month=1, day=1)
            )
            last = reference - dt.timedelta(days=1)
            if last > first:
                return dataclasses.replace(
                    expr, start=first.isoformat(), end=last.isoformat(), precision=Precision.RANGE
                )
        return expr
    if expr.kind == "season" and expr.precision is Precision.SEASON:
        year, code = int(expr.start[:4]), expr.start[5:]
        low, high = _SEASON_MONTHS[code]
        end_year, end_month = year + (high - 1) // 12, (high - 1) % 12 + 1
        return dataclasses.replace(
            expr,
            start=f"{year:04d}-{low:02d}",
            end=f"{end_year:04d}-{end_month:02d}",
            precision=Precision.MONTH,
        )
    if expr.kind == "half" and expr.precision is Precision.HALF and expr.start[5:] in ("H1", "H2"):
        year, first_half = int(expr.start[:4]), expr.start[5:] == "H1"
        return dataclasses.replace(
            expr,
            start=f"{year:04d}-{1 if first_half else 7:02d}",
            end=f"{year:04d}-{6 if first_half else 12:02d}",
            precision=Precision.MONTH,
        )
    calendar = expr.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR)
    if (
        expr.kind == "since"
        and calendar
        and _START_OR_DEADLINE.search(sentence, max(expr.start_offset - 12, 0), expr.start_offset)
        and not _FROM_A_DATE.search(sentence, max(expr.start_offset - 24, 0), expr.start_offset)
    ):
        return expr
    return None
