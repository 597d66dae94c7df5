"""Value types shared by the models: absolute URLs, dates that keep their precision.

Each type also carries, as :class:`Term` metadata, how its property is typed in
the schema.org JSON-LD context, so the context dateline serves is generated from
the models instead of being a second hand-kept copy.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field
from pydantic_core import PydanticCustomError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "AbsoluteUrl",
    "DateValue",
    "LanguageTag",
    "Line",
    "PartialDate",
    "Published",
    "Term",
    "absolute_url",
    "check_year",
]

# Dates outside this window are typing mistakes in news (year 0, 20024), not news.
MIN_YEAR = 1000
MAX_YEAR = 2200


@dataclass(frozen=True)
class Term:
    """How a property is typed in the JSON-LD context (``@type`` of its term).

    ``"@id"`` makes a string value an IRI; ``"Date"`` tags the literal as a
    schema.org Date, exactly as the official schema.org context does.
    """

    type: str | None = None


#: What RFC 3986 allows in a URL's path, query and fragment (``%`` only before two hex digits).
_URL_CHARS = frozenset(string.ascii_letters + string.digits + "-._~:/?#@!$&'()*+,;=%")
_HOST = re.compile(
    r"^(?:[A-Za-z0-9._~!$&'()*+,;=:%-]*@)?(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$"
)
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")
#: A path, query and fragment that need no encoding (no ``%`` at all): the common case.
_PLAIN = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]*\Z")
#: Whitespace as :meth:`str.isspace` sees it (``\s`` on text is the same test).
_SPACE = re.compile(r"\s")


def _encoded(part: str) -> str:
    """``part`` with every character RFC 3986 does not allow percent-encoded (UTF-8)."""
    if _PLAIN.match(part):  # checked once per URL of every article: skip the loop
        return part
    out = []
    for i, char in enumerate(part):
        if char == "%" and not _HEX2.match(part, i + 1):
            out.append("%25")
        elif char in _URL_CHARS:
            out.append(char)
        else:
            out.append(quote(char, safe=""))
    return "".join(out)


def absolute_url(value: str) -> str:
    """Accept only absolute http(s) URLs with a host: feeds and JSON-LD need them.

    Characters RFC 3986 does not allow (``"``, ``<``, ``>``, ``\\``, ``{``, non-ASCII
    letters…) are percent-encoded in the path, query and fragment, so no output
    (JSON Feed, JSON-LD, an HTML attribute) ever carries them raw; a host with
    them, and any whitespace, is refused.
    """
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or _SPACE.search(value)
        or not _HOST.match(parts.netloc)
    ):
        raise PydanticCustomError(
            "invalid_url",
            "{value} is not an absolute http(s) URL like https://example.org/page",
            {"value": repr(value)},
        )
    head = f"{parts.scheme}://{parts.netloc}"
    rest = value[len(head) :] if value.startswith(head) else value.split(parts.netloc, 1)[1]
    return head + _encoded(rest)


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PydanticCustomError(
            "date_out_of_range",
            "year {year} is outside {low}–{high}; is it a typing mistake?",
            {"year": year, "low": MIN_YEAR, "high": MAX_YEAR},
        )
    return year


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> Any:
    """Normalise YAML's dates and ints to ISO text and check the calendar.

    YAML reads ``2024-07-04`` as a date and ``2002`` as an int; both are fine
    ways for an editor to write a date, so they become ``"2024-07-04"`` / ``"2002"``.
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) != 4:
        # pydantic would read "20024" as seconds since 1970; here it is a mistyped year
        raise PydanticCustomError(
            "invalid_date", "{value} is not a date: a year has four digits", {"value": repr(value)}
        )
    if isinstance(value, str):
        match = _PARTIAL.match(value.strip())
        if match:
            year, month, day = match.groups()
            check_year(int(year))
            if month and not 1 <= int(month) <= 12:
                raise PydanticCustomError(
                    "invalid_date",
                    "month {month} in {value} does not exist",
                    {"month": month, "value": repr(value)},
                )
            if day:
                try:
                    dt.date(int(year), int(month), int(day))
                except ValueError as exc:
                    raise PydanticCustomError(
                        "invalid_date",
                        "{value} is not a day of the calendar",
                        {"value": repr(value)},
                    ) from exc
            return value.strip()
    return value


def _aware_year(value: dt.datetime) -> dt.datetime:
    check_year(value.year)
    return value


PartialDate = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="A date with the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]
# A datetime is always zone-aware: a naive time is given its zone by name before
# it reaches a model (see dateline.enrich.published), never a guessed fixed offset.
Published = Annotated[
    AwareDatetime | dt.date,
    AfterValidator(lambda v: _aware_year(v) if isinstance(v, dt.datetime) else v),
    Term("Date"),
]
DateValue = Annotated[
    AwareDatetime | PartialDate,
    BeforeValidator(_partial_date, json_schema_input_type=str | int),
    AfterValidator(lambda v: _aware_year(v) if isinstance(v, dt.datetime) else v),
    Term("Date"),
]
AbsoluteUrl = Annotated[str, AfterValidator(absolute_url), Term("@id")]


def _one_line(value: Any) -> Any:
    """Headlines and names are one line: runs of any whitespace (U+2028 too) become a space."""
    return " ".join(value.split()) if isinstance(value, str) else value


#: A headline or a name: one line of text, not blank.
Line = Annotated[str, BeforeValidator(_one_line), Field(min_length=1)]
LanguageTag = Annotated[
    str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", description="BCP 47 tag")
]
