"""The publication date, with its time zone, or only the precision the page gives.

Metadata first (JSON-LD ``datePublished``, ``article:published_time``…), then
htmldate's reading of the page. A time without a zone is never taken as UTC: the
publisher's zone, by name, comes from the ``[site.ingest.timezones]`` setting for
the host; without one, only the date is kept, because a wrong instant is worse
than a less precise one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import htmldate
import lxml.html

from dateline.model.types import MAX_YEAR, MIN_YEAR
from dateline.read.datetext import parse_date_line

__all__ = ["FoundDate", "parse_date", "publication_date"]

#: ISO 8601's basic form, 20200316T13:00:00Z, as some CMSs write it
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})T")
_ISO_LIKE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?$",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    """A publication date: aware datetime, or a plain date when no zone is known."""

    value: dt.datetime | dt.date
    extractor: str
    #: the IANA zone applied to a zone-less time, when one was
    zone: str | None = None


def _offset(text: str) -> dt.timezone:
    if text.upper() == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


#: RFC 822 as feeds write it, "Tue, 12 Mar 2024 08:00:00 GMT" (weekday optional);
#: other text goes to the date-line parser, which also reads "07:47 PM EST"
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def _rfc822(text: str) -> dt.datetime | None:
    """RFC 822's "-0000" means "zone unknown": parsedate_to_datetime returns it naive."""
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def parse_date(text: str, zone: str | None) -> dt.datetime | dt.date | None:
    """ISO 8601 (as metadata writes it) or RFC 822 (as feeds write it).

    An aware time stays as it is; a zone-less time gets ``zone`` by name, or
    becomes its date when there is no zone to give it.
    """
    text = _COMPACT.sub(r"\1-\2-\3T", text.strip())
    value: dt.datetime | dt.date
    match = _ISO_LIKE.match(text)
    if match:
        year, month, day, hour, minute, second, offset = match.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
            if hour is None:
                return date
            value = dt.datetime(
                date.year, date.month, date.day, int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            return None
        if offset:
            return value.replace(tzinfo=_offset(offset))
    else:
        parsed = _rfc822(text) if _RFC822.match(text) else None
        if parsed is None:
            # as pages print them: "November 19, 2019, 07:47 PM EST", "2020-05-06 10:07 CEST"
            line = parse_date_line(re.sub(r"(:\d{2})\.\d+", r"\1", text))
            if line is None or not isinstance(line.value, dt.datetime):
                return None if line is None else line.value
            parsed = line.value
        if parsed.tzinfo is not None:
            return parsed
        value = parsed
    if zone:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value.date()


def _parsed(candidates: Iterable[tuple[str, str]], zone: str | None) -> list[FoundDate]:
    out = []
    for text, extractor in candidates:
        value = parse_date(text, zone)
        if value is not None and MIN_YEAR <= value.year <= MAX_YEAR:
            naive_zoned = zone if isinstance(value, dt.datetime) and _was_naive(text) else None
            out.append(FoundDate(value, extractor, naive_zoned))
    return out


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def publication_date(
    candidates: Iterable[tuple[str, str]], html: str, url: str, zone: str | None
) -> FoundDate | None:
    """The first declared date that parses (a placeholder like 0001-01-01 does not), else
    htmldate's date. A plain date takes its time from a lower candidate (another syntax,
    a ``<time datetime>``) that is an aware time on the same day: more precision, same fact.
    """
    found = _parsed(candidates, zone)
    first = next((f for f in found if f.extractor != "time"), None)
    if first is None:
        first = _htmldate(html, url)
    if first is None or isinstance(first.value, dt.datetime):
        return first
    for other in found:
        if isinstance(other.value, dt.datetime) and _day(other.value) == first.value:
            return other
    return first


def _htmldate(html: str, url: str) -> FoundDate | None:
    # a parsed tree, never the string: htmldate fetches a string that looks like a URL
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    found = htmldate.find_date(
        tree, url=url, original_date=True, extensive_search=True, outputformat="%Y-%m-%d"
    )
    if found:
        try:
            return FoundDate(dt.date.fromisoformat(found), "htmldate")
        except ValueError:
            return None
    return None


def _was_naive(text: str) -> bool:
    match = _ISO_LIKE.match(text.strip())
    return bool(match and match.group(4) and not match.group(7))
