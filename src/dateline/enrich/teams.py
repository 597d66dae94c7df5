"""Sports teams that go by a place's name: ``Leicestershire beat Somerset``.

Sports pages name clubs after their towns and counties (``Newcastle``, ``Essex``,
``Pohang``); the language model, and the gazetteer, read those names as places. A
name is a team where the text uses it the way teams are used: in a results line
(``Pohang 3 Ulsan 2``), a standings row (``Barnsley 3 3 0 0 8 2 9``), a fixture
(``East Fife v Clydebank``), or, in a story about sport, as the one who beat, drew
with or lost to another, or the one played against. Once a name is a team in an
article it is the team wherever that article writes it, except after ``in``/``at``,
where it is the place again.

Countries are left to the linker: wire services, and CoNLL-2003 which follows them,
write national teams as their countries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dateline.enrich.gazetteer import fold
from dateline.enrich.lexicon import COMMON_STARTERS, NOT_NAMES, SPORTS_WORDS

__all__ = ["team_names"]

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# one to four capitalised words ("Queen of South", "St Johnstone", "NEW YORK")
_NAME = rf"[{_UPPER}][\w.'’&-]*(?:\s(?:of|de|del|la|[{_UPPER}][\w.'’&-]*)){{0,3}}"
_NUMBER = r"\d{1,3}"
# "Pohang 3 Ulsan 2", "DETROIT 4 Kansas City 1", "Harlequins 75 Gloucester 19"
_RESULT = re.compile(rf"(?<![\w'’-])(?P<a>{_NAME})\s+{_NUMBER}\s+(?P<b>{_NAME})\s+{_NUMBER}\b")
# "Barnsley 3 3 0 0 8 2 9", "NEW YORK 74 59 .556 -": a row that opens a line
_STANDING = re.compile(rf"^(?P<a>{_NAME})(?:\s+(?:{_NUMBER}|\.\d+|-)){{3,}}\s*$")
# "East Fife v Clydebank", "Essex vs. Yorkshire"
_FIXTURE = re.compile(rf"(?<![\w'’-])(?P<a>{_NAME})\s+(?:v|vs\.?)\s+(?P<b>{_NAME})")
# "Leicestershire beat Somerset", "Rotor drew with Alania", "Essex lost to Kent"
_PLAYED = re.compile(
    rf"(?<![\w'’-])(?P<a>{_NAME})\s+(?i:beat|beats|defeated|drew\s+with|drew|"
    rf"lost\s+to|lose\s+to|edged|routed|thrashed|crushed|hammered|overcame|held)\s+"
    rf"(?:the\s+)?(?P<b>{_NAME})"
)
# "their match against Nottinghamshire"
_AGAINST = re.compile(rf"\b(?:against|versus)\s+(?:the\s+)?(?P<b>{_NAME})")
# "Wild coach Bruce Boudreau", "Pittsburgh center Maurkice Pouncey", "Cleveland DL"
_POSITION = re.compile(
    rf"(?<![\w'’-])(?P<a>{_NAME})(?:['’]s?)?\s+(?:(?:head|assistant|defensive|offensive|star|"
    rf"veteran|starting|backup)\s+)?(?:coach|quarterback|center|centre|defenseman|winger|"
    rf"forward|goalie|goaltender|goalkeeper|striker|midfielder|defender|pitcher|catcher|"
    rf"linebacker|cornerback|receiver|running\s+back|tight\s+end|pass\s+rusher|DL|LB|QB|WR)\b"
)
# "a 4-1 win over the Sabres", "their defeat to Kent"
_OVER = re.compile(
    rf"\b(?:win|victory|loss|defeat|draw)\s+(?:over|to|against|with)\s+(?:the\s+)?(?P<b>{_NAME})"
)
# "a 1-0 home defeat", "won 32-22" (not a date's "08-30")
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")
_SPORTS_WORD = re.compile(r"\b(?:" + "|".join(sorted(SPORTS_WORDS)) + r")\b", re.IGNORECASE)


def team_names(texts: Iterable[str], people: Iterable[str] = ()) -> frozenset[str]:
    """Folded names the article uses as sports teams. ``people`` are names the model
    labelled as persons (``Testud beat Gorrochategui`` is about players, not clubs)."""
    lines = list(texts)
    people_folded = {fold(p) for p in people}
    found: set[str] = set()
    for line in lines:
        for pattern in (_RESULT, _FIXTURE):
            for match in pattern.finditer(line):
                found.update((match["a"], match["b"]))
        standing = _STANDING.match(line.strip())
        if standing:
            found.add(standing["a"])
    sides: set[str] = set()  # named by a player's position: no person (checked below)
    if found or _about_sport(lines):
        for line in lines:
            for match in _PLAYED.finditer(line):
                found.update((match["a"], match["b"]))
            found.update(match["b"] for match in _AGAINST.finditer(line))
            found.update(match["b"] for match in _OVER.finditer(line))
            sides.update(match["a"] for match in _POSITION.finditer(line))
    names = {_trimmed(name) for name in found} - people_folded
    names |= {_trimmed(name) for name in sides}
    names.discard("")
    return frozenset(names)


def _trimmed(name: str) -> str:
    """The folded name without words that open a sentence: ``On Saturday Newcastle``."""
    words = name.split()
    while words and (words[0] in COMMON_STARTERS or words[0] in NOT_NAMES):
        words = words[1:]
    return fold(" ".join(words))


def _about_sport(lines: list[str]) -> bool:
    """A story about sport: a score (``1-0``), or sport's words said twice or more."""
    if any(_SCORE.search(line) for line in lines):
        return True
    return sum(len(_SPORTS_WORD.findall(line)) for line in lines) >= 2
