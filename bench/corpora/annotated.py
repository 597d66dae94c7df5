"""Articles annotated by hand, one YAML file per article, beside the article's text.

The format (``<id>.yaml``; the article is ``<content>/<id>.md`` or ``.txt``, front
matter with ``title`` and ``date`` then the body)::

    id: a090
    persons:
      - name: Benjamin Netanyahu      # the fullest form the text gives
        also: [Netanyahu]              # every other form the text uses
    organizations:
      - name: United Nations
        also: [UN]
    places:
      - name: West Bank
    dated_happenings:
      - what: US says settlements are not illegal
        when_text: on Monday           # the words that date it
        when_value: "2019-11-18"       # optional: the calendar time they give (TIMEX3-like:
                                       # day, month, year or START/END), null for none
        sentence: "... announced on Monday by U.S. Secretary of State Mike Pompeo."
        scheduled: false

It is how the lead had real news articles annotated by someone who never saw
dateline's output nor its rules (an independent annotator, given only the texts and
the guidelines above), so that the scores are on text nobody tuned rules on: the
issue's own measure (persons, organizations, places and dated happenings per
article). The annotations stay out of the repository with the articles they
describe (the texts are the publishers').
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["AnnotatedArticle", "Happening", "read_annotated"]

#: the YAML keys of the three families, by the CoNLL family they count as
FAMILIES = {"persons": "PER", "organizations": "ORG", "places": "LOC"}
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class Happening:
    """A dated happening as annotated: what, the words that date it, its sentence.

    ``value`` is the annotator's own normalised date for it (``2019-11-18``,
    ``2019-11``, ``2019``, or a span ``START/END``), ``None`` where the words give no
    calendar time ("recently"); ``valued`` says whether the annotator gave one at
    all (older gold files have only the words).
    """

    what: str
    when_text: str
    sentence: str
    scheduled: bool = False
    value: str | None = None
    valued: bool = False


@dataclass
class AnnotatedArticle:
    """One article: its text (headline, paragraphs, publication date) and its gold."""

    id: str
    title: str
    published: dt.date | None
    paragraphs: list[str]
    entities: dict[str, list[set[str]]] = field(default_factory=dict)
    happenings: list[Happening] = field(default_factory=list)


def _names(rows: Any) -> list[set[str]]:
    out = []
    for row in rows or []:
        names = {str(row["name"]), *(str(n) for n in row.get("also") or [])}
        out.append({n.strip() for n in names if n.strip()})
    return out


def _value(value: Any) -> str | None:
    """An annotated ``when_value`` as text (YAML reads 2019 as a number, dates as dates)."""
    return None if value is None else str(value)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _article(path: Path) -> tuple[str, dt.date | None, list[str]]:
    text = path.read_text(encoding="utf-8")
    front: dict[str, Any] = {}
    found = _FRONT.match(text)
    if found:
        front = yaml.safe_load(found.group(1)) or {}
        text = text[found.end() :]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return str(front.get("title", "")), _date(front.get("date")), paragraphs


def read_annotated(gold: Path, content: Path) -> list[AnnotatedArticle]:
    """Every ``<id>.yaml`` in ``gold`` with its article from ``content``, by id."""
    out = []
    for path in sorted(gold.glob("*.yaml")):
        row = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        key = str(row.get("id") or path.stem)
        source = next(
            (p for p in (content / f"{key}.md", content / f"{key}.txt") if p.exists()), None
        )
        if source is None:
            raise FileNotFoundError(f"{path}: no article {key}.md or {key}.txt in {content}")
        title, published, paragraphs = _article(source)
        if not title.strip() and paragraphs:
            # A page whose reader found no headline: its first line is the one a
            # reader sees as the title (scoring runs the article as dateline would).
            title = paragraphs.pop(0)
        out.append(
            AnnotatedArticle(
                id=key,
                title=title,
                published=published,
                paragraphs=paragraphs,
                entities={family: _names(row.get(k)) for k, family in FAMILIES.items()},
                happenings=[
                    Happening(
                        what=str(h.get("what", "")),
                        when_text=str(h.get("when_text", "")),
                        sentence=str(h.get("sentence", "")),
                        scheduled=bool(h.get("scheduled", False)),
                        value=_value(h.get("when_value")),
                        valued="when_value" in h,
                    )
                    for h in row.get("dated_happenings") or []
                ],
            )
        )
    return out
