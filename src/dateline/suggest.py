"""'Did you mean …?': the closest known name to a mistyped one.

Used for settings keys and IANA time zones. For zones, the place is what people
remember and the region what they get wrong (``Europe/Tehran``), so a zone whose
last part is the same place wins before spelling closeness is tried
(``Africa/Nairobbi`` → ``Africa/Nairobi``).
"""

from __future__ import annotations

import difflib
import functools
import zoneinfo
from collections.abc import Iterable

__all__ = ["closest", "closest_zone", "did_you_mean"]


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest in spelling to ``name`` (case aside), if any is close."""
    options = {k.casefold(): k for k in known}
    found = difflib.get_close_matches(name.casefold(), list(options), n=1, cutoff=cutoff)
    return options[found[0]] if found else None


@functools.cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


def _place(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].casefold().replace(" ", "_")


def closest_zone(name: str) -> str | None:
    """The IANA zone meant by ``name``: the same place in another region, else the
    closest spelling of the whole name, else of the place alone."""
    zones = _zones()
    place = _place(name)
    same_place = [z for z in zones if _place(z) == place]
    if same_place:
        return same_place[0]
    whole = closest(name, zones, cutoff=0.8)
    if whole:
        return whole
    by_place: dict[str, str] = {}
    for zone in zones:
        by_place.setdefault(_place(zone), zone)
    near = closest(place, by_place, cutoff=0.8)
    return by_place[near.casefold()] if near else None


def did_you_mean(suggestion: str | None) -> str | None:
    return f"did you mean {suggestion!r}?" if suggestion else None
