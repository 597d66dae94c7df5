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
from collections.abc import Callable, Iterable

from dateline.enrich.gazetteer import fold
from dateline.enrich.lexicon import COMMON_STARTERS, COMPASS_WORDS, NOT_NAMES, SPORTS_WORDS

__all__ = ["person_after_team", "player_names", "team_names"]

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# one to four capitalised words ("Queen of South", "St Johnstone", "NEW YORK")
# (a dot only inside a word, "U.S": "Pouncey. Cleveland" is two sentences, not one name)
_CAPITAL = rf"[{_UPPER}](?:[\w'’&-]|\.(?=\w))*"
_NAME = rf"{_CAPITAL}(?:\s(?:of|de|del|la|{_CAPITAL})){{0,3}}"
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
    rf"lost\s+to|lose\s+to|edged|routed|thrashed|crushed|hammered|overcame|held|topped|"
    rf"downed|upset|blanked|outlasted|outscored|swept|fell\s+to|knocked\s+off|held\s+off|"
    rf"(?:rolled|cruised|rallied|slipped|pulled|got)\s+past)\s+"
    rf"(?:the\s+)?(?P<b>{_NAME})"
)
# "their match against Nottinghamshire"
_AGAINST = re.compile(rf"\b(?:against|versus|game\s+at)\s+(?:the\s+)?(?P<b>{_NAME})")
# "Wild coach", "defensive captain", "pass rusher", "DL": a player's or coach's place
_ROLE = (
    r"(?:(?:head|assistant|defensive|offensive|star|veteran|starting|backup)\s+)?"
    r"(?:coach|captain|quarterback|center|centre|defenseman|winger|forward|goalie|goaltender|"
    r"goalkeeper|striker|midfielder|defender|pitcher|catcher|linebacker|cornerback|receiver|"
    r"running\s+back|tight\s+end|pass\s+rusher|DL|LB|QB|WR)\b"
)
# "Wild coach Bruce Boudreau", "Pittsburgh center Maurkice Pouncey", "Cleveland DL"
_POSITION = re.compile(rf"(?<![\w'’-])(?P<a>{_NAME})(?:['’]s?)?\s+{_ROLE}")
_ROLE_AFTER = re.compile(rf"\s+{_ROLE}\s+")
# "a 4-1 win over the Sabres", "their defeat to Kent"
_OVER = re.compile(
    rf"\b(?:win|victory|loss|defeat|draw)\s+(?:over|to|against|with)\s+(?:the\s+)?(?P<b>{_NAME})"
)
# "a 1-0 home defeat", "won 32-22" (not a date's "08-30")
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")
_SPORTS_WORD = re.compile(r"\b(?:" + "|".join(sorted(SPORTS_WORDS)) + r")\b", re.IGNORECASE)


def team_names(
    texts: Iterable[str],
    people: Iterable[str] = (),
    is_place: Callable[[str], bool] = lambda name: False,
) -> frozenset[str]:
    """Folded names the article uses as sports teams. ``people`` are names the model
    labelled as persons (``Testud beat Gorrochategui`` is about players, not clubs; a
    place's name counts only where a full name ends with it);
    who beat whom makes a team only of a place's name or a one-word name (``Rotor``),
    as players beat each other too (``Tsonga beat Pospisil``)."""
    lines = list(texts)
    people_list = list(people)
    full_names = {fold(p) for p in people_list if " " in p}
    # a place's name the model took for a person ("Leicestershire beat Somerset") is no
    # person unless the article names someone in full by it ("Michael Jackson")
    people_folded = {
        fold(p)
        for p in people_list
        if not is_place(p) or any(n.endswith(" " + fold(p)) for n in full_names)
    }
    found: set[str] = set()
    played: set[str] = set()
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
                played.update((match["a"], match["b"]))
            played.update(match["b"] for match in _AGAINST.finditer(line))
            played.update(match["b"] for match in _OVER.finditer(line))
            sides.update(match["a"] for match in _POSITION.finditer(line))
    regional: set[str] = set()
    for name in played:
        words = _opened(name)
        if len(words) == 1 or (words and is_place(" ".join(words))):
            found.add(" ".join(words))
        compass = name.split()
        if len(compass) == 2 and compass[0] in COMPASS_WORDS and is_place(compass[1]):
            # "Eastern Michigan rolled past Northern Illinois": a college by its region
            regional.add(fold(name))
    names = ({_trimmed(name) for name in found} | regional) - people_folded
    names |= {_trimmed(name) for name in sides}
    names.discard("")
    return frozenset(names)


def player_names(texts: Iterable[str], is_place: Callable[[str], bool]) -> frozenset[str]:
    """Folded names of two or three words that beat, or lost to, another in a story
    about sport and are no place: players (``Vasek Pospisil edged Reilly Opelka``),
    whatever the model labelled them."""
    lines = list(texts)
    if not _about_sport(lines):
        return frozenset()
    names = set()
    for line in lines:
        for match in _PLAYED.finditer(line):
            for name in (match["a"], match["b"]):
                words = _opened(name)
                if 2 <= len(words) <= 3 and not any(
                    is_place(" ".join(words[:n])) for n in range(1, len(words) + 1)
                ):  # "Texas Rangers", "New York Yankees" are clubs
                    names.add(fold(" ".join(words)))
    return frozenset(names)


def person_after_team(name: str, teams: frozenset[str]) -> tuple[int, int] | None:
    """Where the team ends and the person starts in ``Browns DL Sheldon Richardson``
    (a team, a position, a name, which the model reads as one person), if it is that."""
    for match in _ROLE_AFTER.finditer(name):
        if fold(name[: match.start()]) in teams and match.end() < len(name):
            return match.start(), match.end()
    return None


def _opened(name: str) -> list[str]:
    """The name's words without those that open a sentence: ``On Saturday Newcastle``."""
    words = name.split()
    while words and (words[0] in COMMON_STARTERS or words[0] in NOT_NAMES):
        words = words[1:]
    return words


def _trimmed(name: str) -> str:
    """The folded name without words that open a sentence."""
    return fold(" ".join(_opened(name)))


def _about_sport(lines: list[str]) -> bool:
    """A story about sport: a score (``1-0``), or sport's words said twice or more."""
    if any(_SCORE.search(line) for line in lines):
        return True
    return sum(len(_SPORTS_WORD.findall(line)) for line in lines) >= 2
