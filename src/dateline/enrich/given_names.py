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

__all__ = ["given_names"]

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
