"""TimeML documents (TempEval-3: ``*.tml``): the text, its creation time and its TIMEX3s.

The document creation time (``<DCT><TIMEX3 functionInDocument="CREATION_TIME">``) is
what dateline would take as the publication date; the TIMEX3 elements inside
``<TEXT>`` are the temporal expressions to find, each with its normalised
``value`` (``2013-03-22``, ``2013-W11``, ``P1M``…). TempEval-3 data comes from
TimeBank/AQUAINT and news sites: it is never committed, only read from a path.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TimeMLDocument", "Timex", "read_timeml", "read_timeml_folder"]


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str


@dataclass
class TimeMLDocument:
    name: str
    dct: str  # the creation time's value, e.g. 2013-03-22
    text: str
    timexes: list[Timex] = field(default_factory=list)


def _flatten(element: ET.Element, parts: list[str], timexes: list[Timex], offset: int) -> int:
    """Append ``element``'s text (tags dropped) to ``parts``; record TIMEX3 spans."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        timexes.append(Timex(start, offset, "", element.get("type", ""), element.get("value", "")))
    return offset


def read_timeml(path: Path) -> TimeMLDocument:
    """One TimeML file."""
    root = ET.parse(path).getroot()
    dct = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value", "")
            break
    body = root.find("TEXT")
    parts: list[str] = []
    found: list[Timex] = []
    if body is not None:
        _flatten(body, parts, found, 0)
    text = "".join(parts)
    timexes = [Timex(t.start, t.end, text[t.start : t.end], t.type, t.value) for t in found]
    return TimeMLDocument(path.stem.removesuffix(".tml"), dct, text, timexes)


def read_timeml_folder(folder: Path) -> list[TimeMLDocument]:
    """Every ``*.tml`` file in ``folder`` (sorted by name), or the one file given."""
    if folder.is_file():
        return [read_timeml(folder)]
    return [read_timeml(p) for p in sorted(folder.glob("*.tml"))]
