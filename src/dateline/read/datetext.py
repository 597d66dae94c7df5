"""Parse a date line as publishers print it: ``July 5, 2024 - 23:2``, ``Published 12
March 2024 14:05 GMT``, ``March 12, 2024 2:05 PM EDT``, ``12.03.2024 14:05 CET``.

Written as a few explicit patterns rather than handed to a general date parser,
because a date line is short and known in shape, and general parsers guess (they
read ``We`` as Wednesday). A printed zone abbreviation gives a fixed offset, as
printed; a line without one gives a naive time that enrichment places in the
publisher's zone by name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

__all__ = [
    "GENERIC_ZONES",
    "ZONE_ABBREVIATIONS",
    "ParsedDate",
    "looks_like_date",
    "parse_date_line",
]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

#: Abbreviations newsrooms print, as the offset they stand for. Ambiguous ones
#: take the reading news sites use most (IST: India).
ZONE_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 60,
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "IRST": 210,
    "IRDT": 270,
    "GST": 240,
    "PKT": 300,
    "IST": 330,
    "ICT": 420,
    "WIB": 420,
    "CST": -360,
    "CDT": -300,
    "EST": -300,
    "EDT": -240,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "SGT": 480,
    "AEST": 600,
    "AEDT": 660,
    "EAT": 180,
    "WAT": 60,
    "CAT": 120,
    "SAST": 120,
}

#: Zones US newsrooms print without saying standard or daylight time ("10:00 am ET"):
#: the named zone, whose offset on the day is the one meant.
GENERIC_ZONES: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})[./](?P<mnum>\d{1,2})[./](?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
]
_AMPM = r"[ap]\.?m\.?"
_TIME = re.compile(
    r"(?<![\d.])(?P<hour>\d{1,2})"
    r"(?:[:.h](?P<minute>\d{1,2})(?::(?P<second>\d{2}))?(?:\s*(?P<ampm>" + _AMPM + r"))?"
    r"|\s*(?P<ampm_only>" + _AMPM + r"))(?![\d.\w])",
    re.I,
)
_ZONE = re.compile(
    r"\b(?P<abbr>"
    + "|".join(sorted([*ZONE_ABBREVIATIONS, *GENERIC_ZONES], key=len, reverse=True))
    + r")\b"
    r"(?:\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
    r"|(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})\b"
)
_WORDS_ALLOWED = re.compile(
    r"^(published|updated|posted|last|on|at|modified|date|time|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|am|pm|a|p|m|th|st|nd|rd)$",
    re.I,
)


@dataclass(frozen=True)
class ParsedDate:
    """A printed date line: its value and the text it came from.

    ``value`` is a naive ``datetime`` when no zone was printed, an aware one when
    one was, and a ``date`` when no time was printed.
    """

    value: dt.datetime | dt.date
    text: str


def _date_match(text: str) -> tuple[re.Match[str], dt.date] | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
        try:
            return match, dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


def parse_date_line(line: str) -> ParsedDate | None:
    """The date a line prints, or None when the line is not a date line.

    A line counts as a date line only if, once its date, time, zone and the usual
    words around them (``Published``, weekday names) are taken out, nothing but
    punctuation is left; a sentence that happens to contain a date is not one.
    """
    text = re.sub(r"(\d)T(\d)", r"\1 \2", line.strip().replace("\u00a0", " "))
    if not text or len(text) > 80:
        return None
    found = _date_match(text)
    if found is None:
        return None
    match, date = found
    rest = text[: match.start()] + " " + text[match.end() :]
    time_match = _TIME.search(rest)
    zone_match = _ZONE.search(rest)
    leftover = rest
    for m in (time_match, zone_match):
        if m:
            leftover = leftover.replace(m.group(0), " ", 1)
    words = re.findall(r"[^\W\d_]+", leftover)
    if any(not _WORDS_ALLOWED.match(w) for w in words):
        return None
    if re.search(r"\d", leftover):
        return None
    if time_match is None:
        return ParsedDate(value=date, text=line.strip())
    hour, minute = int(time_match["hour"]), int(time_match["minute"] or 0)
    second = int(time_match["second"] or 0)
    ampm = (time_match["ampm"] or time_match["ampm_only"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    value = dt.datetime.combine(date, dt.time(hour, minute, second))
    if zone_match:
        value = value.replace(tzinfo=_zone_offset(zone_match))
    return ParsedDate(value=value, text=line.strip())


def looks_like_date(line: str) -> bool:
    """Whether a short line names a month with a day or a year, or is digits and
    separators: a line a person meant as a date line, even when it cannot be read."""
    text = line.strip()
    if not text or len(text) > 80:
        return False
    month = re.search(_MONTH + r"\W", text + " ", re.I)
    numbers = re.search(r"\b\d{1,4}\b", text)
    several = len(re.findall(r"\d+", text)) >= 2
    return bool((month and numbers) or several) and len(re.findall(r"[^\W\d_]+", text)) <= 6


def _zone_offset(match: re.Match[str]) -> dt.tzinfo:
    if match["abbr"] in GENERIC_ZONES and not match["sign"]:
        return ZoneInfo(GENERIC_ZONES[match["abbr"]])
    if match["abbr"]:
        minutes = ZONE_ABBREVIATIONS.get(match["abbr"], 0)
        if match["sign"]:
            extra = int(match["oh"]) * 60 + int(match["om"] or 0)
            minutes += extra if match["sign"] == "+" else -extra
    else:
        minutes = int(match["oh2"]) * 60 + int(match["om2"])
        minutes = minutes if match["sign2"] == "+" else -minutes
    return dt.timezone(dt.timedelta(minutes=minutes))
