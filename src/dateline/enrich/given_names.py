"""Given names, to tell a person from a company when the language model cannot.

The model calls some people organizations (``founded by Dean Kamen``, a results
line ``Scott Draper (Australia)``). A two- or three-word "organization" that opens
with a common given name, has no company or place word and is no place is a
person. The list is the US Census 1990 first names (5,494 names, public domain),
as shipped by the MIT-licensed PyPI package ``names``; it is read once per process.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["given_name_sex", "given_names"]

_FILES = ("dist.male.first", "dist.female.first")


@functools.cache
def given_names() -> frozenset[str]:
    """Upper-case given names (``DEAN``, ``FELICIA``); empty if the package is missing."""
    try:
        folder = resources.files("names")
    except ModuleNotFoundError:  # pragma: no cover - a core dependency
        return frozenset()
    out: set[str] = set()
    for name in _FILES:
        for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(line.split()[0])
    return frozenset(out)


#: how many times likelier in one list than the other a name must be to count as a man's
#: or a woman's (MICHAEL 2.6 % of men, 0.012 % of women; JORDAN 0.056 / 0.012 is neither)
_SEX_RATIO = 10.0


@functools.cache
def _shares() -> dict[str, tuple[float, float]]:
    """Each given name's share among men and among women, in per cent."""
    try:
        folder = resources.files("names")
    except ModuleNotFoundError:  # pragma: no cover - a core dependency
        return {}
    out: dict[str, list[float]] = {}
    for column, name in enumerate(_FILES):
        for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                out.setdefault(parts[0], [0.0, 0.0])[column] = float(parts[1])
    return {k: (v[0], v[1]) for k, v in out.items()}


def given_name_sex(name: str) -> str | None:
    """``"m"`` or ``"f"`` when the census gives the name (almost) only to men or to
    women, else ``None``; so that "she" is never read as a Michael, nor "he" as a Mary."""
    male, female = _shares().get(name.upper(), (0.0, 0.0))
    if male > _SEX_RATIO * female:
        return "m"
    if female > _SEX_RATIO * male:
        return "f"
    return None
