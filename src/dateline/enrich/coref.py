"""Descriptions of people resolved to the person the article names: ``Iran's acting
president`` → Mokhber.

News copy often introduces its subject by role first and by name after ("Iran's
acting president conveyed a message ... Mokhber also stated ..."). Events read
who took part from the mentions of a clause, so a meeting reported of "Iran's
acting president" would otherwise have no attendee from Iran.

A description is a role said without a name: ``<Country>'s [acting] president``,
``the [Russian] foreign minister``. It resolves to a Person of the article only
when exactly one person fits it and that person is one the story is about:

- **fits**: the person's known title (if any) contains the description's role
  word (and its ``acting``/``former``… if said), and the person is not tied to
  another country than the one the description names;
- **the story is about them**: named in the headline or in two sentences or more.

Anything else (two people fit, or only someone named once in passing) stays
unresolved: a wrong attendee is a false fact, a missing one is not. A person
found this way with no title of their own takes the description's role and
country (``acting president``, Iran), since the text says it of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.enrich.gazetteer import Gazetteer, GeoPlace, fold
from dateline.enrich.lexicon import TITLE_MODIFIERS
from dateline.enrich.sentences import Sentence
from dateline.model.ids import key_for

__all__ = ["Description", "find_descriptions", "resolve"]

#: Roles a description is made of, lowercase, longest first where one contains another.
_ROLES = (
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "finance minister",
    "interior minister",
    "secretary-general",
    "secretary of state",
    "president",
    "vice president",
    "chancellor",
    "premier",
    "minister",
    "king",
    "queen",
    "emir",
    "speaker",
    "governor",
    "mayor",
    "leader",
    "chief executive",
)
_ROLE = "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True))
_MODIFIER = "|".join(sorted(TITLE_MODIFIERS | {"new"}))
# "Iran's acting president", "the Russian foreign minister", "the acting President";
# not "President Putin" or "the president, Joe Biden" (a name follows: not a description)
_DESCRIPTION = re.compile(
    rf"(?:(?P<owner>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)['’]s|\b[Tt]he(?:\s+(?P<demonym>[A-Z][a-z]+))?)"
    rf"\s+(?P<modifier>(?i:(?:(?:{_MODIFIER})\s+)*))(?P<role>(?i:{_ROLE}))\b(?![\w-])"
    r"(?!\s+[A-Z])"
)


@dataclass(frozen=True)
class Description:
    """A role said without a name, where the text says it."""

    sentence: int  # -1 for the headline
    start: int
    end: int
    text: str
    role: str  # "president", "foreign minister"
    modifier: str  # "acting", or ""
    country: GeoPlace | None  # Iran for "Iran's acting president"


@dataclass(frozen=True)
class Candidate:
    """What the resolver needs to know of one person the article names."""

    key: str
    job_title: str | None
    countries: frozenset[str]  # keys of the countries the person is tied to
    sentences: frozenset[int]  # where the article names them (-1: the headline)


def find_descriptions(
    headline: str, sentences: Sequence[Sentence], gazetteer: Gazetteer
) -> list[Description]:
    """Every description in the headline and sentences, in text order."""
    out: list[Description] = []
    for index, text in [(-1, headline), *((s.index, s.text) for s in sentences)]:
        for match in _DESCRIPTION.finditer(text):
            role = match["role"]
            country = None
            if match["owner"]:
                owner = match["owner"]
                if not owner[0].isupper():
                    continue
                country = gazetteer.country(owner)
                if country is None:
                    continue  # "Slutsky's deputy", "Airbus's chief executive": not a country
            elif match["demonym"]:
                country = gazetteer.demonym(match["demonym"])
                if country is None:
                    continue  # "the Acting ...": a capital that is no nationality
            begin = match.start("owner") if match["owner"] else match.start()
            out.append(
                Description(
                    sentence=index,
                    start=begin,
                    end=match.end(),
                    text=text[begin : match.end()],
                    role=role.lower(),
                    modifier=" ".join(match["modifier"].lower().split()),
                    country=country,
                )
            )
    return out


def resolve(description: Description, people: Sequence[Candidate]) -> Candidate | None:
    """The one person the description fits, if the story is about them; else None."""
    fitting = [p for p in people if _fits(description, p)]
    if len(fitting) != 1:
        return None
    (person,) = fitting
    if -1 not in person.sentences and len(person.sentences) < 2:
        return None  # someone named once in passing is not who the story calls "the president"
    return person


def _fits(description: Description, person: Candidate) -> bool:
    if description.country is not None:
        own = key_for(description.country.name)
        if person.countries and own not in person.countries:
            return False  # Putin (Russia) is not "Iran's acting president"
    if person.job_title is None:
        return True
    title = fold(person.job_title)
    role_word = description.role.split()[-1]
    if not re.search(rf"\b{re.escape(role_word)}\b", title):
        return False  # a chairman is not "the president"
    # "President" Putin is not "the acting president"
    return not description.modifier or description.modifier in title
