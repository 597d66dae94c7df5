"""The dateline: the place a story was filed from, printed before the first sentence.

``TEHRAN –``, ``WASHINGTON (Reuters) -``, ``KYIV, Ukraine —``, ``NEW DELHI, March
12 (PTI):``, ``Nairobi —``. The place is kept as printed (``TEHRAN``); the agency
and the date that some styles add are not part of it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Dateline", "find_dateline"]


def _letters(test: str) -> str:
    """The Latin letters (ASCII, Latin-1, Extended-A and -B) that are ``test``
    ("isupper", "islower"), as a regex class body: ``ZÜRICH``, ``SÃO PAULO``,
    ``KRAKÓW``, ``Malmö`` are datelines as much as ``ZURICH`` is."""
    return "".join(re.escape(c) for c in map(chr, range(0x41, 0x250)) if getattr(c, test)())


_UP = _letters("isupper")
_LOW = _letters("islower")
_PLACE_CAPS = rf"[{_UP}][{_UP}.'’\-]*(?:\s+[{_UP}][{_UP}.'’\-]*){{0,3}}"
_PLACE_TITLE = rf"[{_UP}][{_LOW}.'’\-]+(?:\s+[{_UP}][{_LOW}.'’\-]+){{0,2}}"
_REGION = rf"[{_UP}][{_UP}{_LOW}.'’\-]+(?:\s+[{_UP}][{_UP}{_LOW}.'’\-]+){{0,2}}"
_MONTH_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
_DASH = r"(?:\s*[–—-]{1,2}|\s*:)\s+"

_PATTERNS = [
    re.compile(
        rf"^(?P<place>{_PLACE_CAPS})(?:,\s+(?P<region>{_REGION}))?"
        rf"(?:,\s+(?P<date>{_MONTH_DAY}))?\s*(?:{_AGENCY})?{_DASH}"
    ),
    re.compile(
        rf"^(?P<place>{_PLACE_TITLE})(?:,\s+(?P<region>{_REGION}))?\s*(?:{_AGENCY})?"
        rf"\s*[–—]\s+"
    ),
]


@dataclass(frozen=True)
class Dateline:
    """A dateline as printed: ``place`` (``KYIV``), ``region`` (``Ukraine``), and agency."""

    place: str
    region: str | None
    agency: str | None
    end: int  # where the first sentence starts


@functools.lru_cache(maxsize=16)
def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, if it has one.

    Remembered for the last few paragraphs asked about: the dateline, the summary
    and the credit enrichers (and entity finding, with enrichment on) each ask it
    of the same lead paragraph of every article; a :class:`Dateline` is frozen."""
    for pattern in _PATTERNS:
        match = pattern.match(paragraph)
        if match and len(match["place"]) >= 2:
            return Dateline(
                place=match["place"].strip(),
                region=match["region"],
                agency=match["agency"],
                end=match.end(),
            )
    return None
