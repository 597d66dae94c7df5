"""What a run of words looks like: a person's name, a product, a title-cased line.

Pure predicates over text, with no article state: the linker in
:mod:`dateline.enrich.entities` asks them about one candidate at a time. Split out of
that module so each rule's test can reach the shape it checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from dateline.enrich.gazetteer import Gazetteer, fold
from dateline.enrich.given_names import given_names
from dateline.enrich.lexicon import (
    COMMON_STARTERS,
    COMPANY_WORDS,
    CORPORATE_SUFFIXES,
    DENOMINATIONS,
    DOCUMENT_WORDS,
    EVENT_WORDS,
    GIVEN_NAME_WORDS,
    LOWER_TITLES,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_WORDS,
    ORGAN_HEADS,
    ORGAN_MEMBERS,
    PARTY_WORDS,
    PLACE_WORDS,
    PLATFORMS,
    SINGLE_ORGS,
    TITLE_WORDS,
)

__all__ = [
    "HEADLINE_VERBS",
    "NAME_SUFFIXES",
    "as_medium",
    "before_headline_verb",
    "church_body",
    "clean_candidate",
    "counted_names",
    "event_name",
    "family",
    "furniture_line",
    "given_name_first",
    "is_corporate_form",
    "is_given_name",
    "is_name_continued",
    "is_organ",
    "is_short_for",
    "is_shortened",
    "long_form_of",
    "looks_like_person",
    "market_indexes",
    "name_like",
    "named_product",
    "next_word",
    "org_cue_before",
    "org_names",
    "organ_of",
    "owned_product",
    "person_like",
    "previous_word",
    "programme_names",
    "shouted_line",
    "shouted_word",
    "strip_connectors",
    "title_cased",
    "two_names",
    "undotted",
    "written_name",
]


UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"  # Latin capitals: "Ángel Di María", "Łukasz"


# One capitalised word. Atomic (?>...): once a word is read it is never re-split, so
# "Ab-Ab-Ab" cannot be tried as 2^n ways of words joined by hyphens (issue 8).
WORD = (
    rf"(?>(?:[A-Z]\.){{2,}}|[{UPPER}][\w’'\-]*[\w](?:['’](?=\s+[{UPPER}]))?|[A-Z]\d+|"
    rf"(?:al|el)-[{UPPER}][\w’'\-]*[\w]|"  # "Nimr al-Nimr"
    r"(?<=of )\d+\b)"
)


DATE_WORDS = "|".join(sorted(w for w in NOT_NAMES if w.istitle()))


# "on" joins "Committee on International Affairs" but not "Vladimir Putin on Thursday"
CONNECT = (
    r"(?:\s+(?:(?:of|for|"
    + "|".join(sorted(NAME_PARTICLES))
    + rf"|on(?=\s+(?!(?:{DATE_WORDS})\b)))"
    r"\s+(?:the\s+)?)?|-)"
)


SPAN = re.compile(rf"(?<![\w’'-]){WORD}(?:{CONNECT}{WORD})*")


POSSESSIVE_SPLIT = re.compile(r"(?<=\w)['’]s\s+")


POSSESSIVE = re.compile(r"['’]s?$")


CONNECTOR_WORDS = {"of", "for", "on", "the", *NAME_PARTICLES}


EDGE = re.compile(r"^(?:the\s+|The\s+|[\s\"“”‘’'(),;:]+)+|[\s\"“”‘’'(),;:]+$")


HANDLE_OR_DOMAIN = re.compile(r"(?:^|\s)[@#]\w|\w\.(?:com|org|net|gov|edu|io|co\.uk)\b")


LOWER_WORD = re.compile(r"\b[a-z]+\b")


def shouted_word(span: str, ordinary: frozenset[str]) -> bool:
    """An all-capitals word the article also writes in lower case (``GREAT``/``great``)
    or a span opening with one (``GREAT Governor``)."""
    first = span.split(" ", 1)[0]
    return len(first) > 2 and first.isalpha() and first.isupper() and first.lower() in ordinary


SCORE = re.compile(r"^\d+[-–:]\d+$")


#: Lower-case words a name may hold ("Bank of America", "Rock and Roll Hall of Fame",
#: "Society for the Prevention of Cruelty to Animals", "Juan Carlos de la Vega").
INNER_WORDS = CONNECTOR_WORDS | {"and", "to", "in", "at", "upon", "y", "e", "a", "an"}


#: capitalised verbs of a headline in title case, which no name holds after its first word:
#: "Federal Reserve Is Changing What It Means", "Andy Brown Will Be Democratic Nominee"
HEADLINE_VERBS = frozenset(
    """Is Are Was Were Will Would Be Been Has Have Had Says Said Can Could Should Must Does
    Did""".split()
)


def before_headline_verb(span: str) -> str:
    """``span`` up to a title-case headline's verb (``Federal Reserve Is Changing``
    → ``Federal Reserve``): a name ends where the sentence goes on."""
    words = span.split(" ")
    cut = next((i for i, w in enumerate(words) if i > 0 and w in HEADLINE_VERBS), None)
    return span if cut is None else " ".join(words[:cut])


def clean_candidate(span: str) -> tuple[int, str] | None:
    """A model entity without what the model sometimes takes along: a leading "the",
    quotes, and a parenthesis (``the Shanghai Cooperation Organization (SCO``)."""
    if "(" in span:
        span = span[: span.index("(")]
    if HANDLE_OR_DOMAIN.search(span):
        return None  # '@POTUS', 'Gawker.com': an account or a website, no one's name
    offset = 0
    while True:
        match = EDGE.search(span)
        if match is None or not match.group(0):
            break
        if match.start() == 0:
            offset += match.end()
            span = span[match.end() :]
        else:
            span = span[: match.start()]
    words = span.split()
    while len(words) > 1 and words[0].isalpha() and words[0].islower():
        # "state Department of Public Safety": a lowercase word before the name
        if words[0] in NAME_PARTICLES:
            break
        offset += len(span) - len(span.lstrip()) + len(words[0])
        span = span.lstrip()[len(words[0]) :]
        offset += len(span) - len(span.lstrip())
        span = span.lstrip()
        words = words[1:]
    while words and words[-1].islower() and words[-1] not in NAME_PARTICLES:
        words.pop()  # "von der Leyen later"
    words = before_headline_verb(" ".join(words)).split()
    if any(w.isalpha() and w.islower() and w not in INNER_WORDS for w in words[1:-1]):
        return None  # "Garrett hit Rudolph": a clause, not a name
    if any(w == "the" and words[i] not in INNER_WORDS for i, w in enumerate(words[1:-1])):
        return None  # "Rathbun the Scientology": "the" inside a name follows "of", "for" …
    scores = 0
    while len(words) - scores > 1 and not any(c.isalpha() for c in words[-1 - scores]):
        scores += 1
    if scores >= 2 or (scores and SCORE.search(words[-1])):
        # a results line: "Todd Martin 6-4 6-2", "Pusan 0 2 1 3 7 2" (but "Channel 4")
        words = words[:-scores]
    span = strip_connectors(span[: len(" ".join(words))]) if words else ""
    if not span or not any(c.isupper() for c in span) or len(span) == 1:
        return None  # no capital, or a lone letter ("G, H" keys)
    return offset, span


def previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w’'.-]+)\s+$", text[max(0, start - 40) : start])
    return match.group(1).rstrip(".") if match else ""


def next_word(text: str, end: int) -> str:
    match = re.match(r"\s+([\w’'-]+)", text[end : end + 40])
    return match.group(1) if match else ""


MODEL_NUMBER = re.compile(r"^(?:[A-Z]+-?\d+[A-Za-z]*|[IVX]{2,4}|\d{3,})$")


def church_body(words: list[str]) -> bool:
    """``Catholic Church``, ``Church of Scientology``: a church named by its faith is a
    body; ``St Mary's Church`` is a building."""
    if "Church" not in words:
        return False
    at = words.index("Church")
    return (at > 0 and words[at - 1] in DENOMINATIONS) or (
        words[at + 1 : at + 2] == ["of"]
        and words[at + 2 : at + 3] not in (["St"], ["St."], ["Saint"])
    )


def is_given_name(word: str) -> bool:
    """A common given name, or a hyphenated pair opening with one (``Eva-Marie``,
    ``Jean-Luc``, ``Pierre-Hugues``): the French and German double given names."""
    head, hyphen, rest = word.partition("-")
    return word.upper() in given_names() or (
        bool(hyphen) and rest[:1].isupper() and head.upper() in given_names()
    )


def given_name_first(words: list[str]) -> bool:
    """Two or three words that read as a name and open with a common given name, with
    no company word (``Dean Kamen``; not ``Dean Witter Inc.`` or ``Warner Bros.``)."""
    return (
        2 <= len(words) <= 3
        and is_given_name(words[0])
        and words[0].lower() not in NAME_PARTICLES
        and not words[-1].endswith(".")
        and not any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words)
        and person_like(words)
    )


def event_name(words: list[str]) -> bool:
    """``Google Science Fair``, ``Northern Arena Esports Championship``: a name with an
    event's word and no organization word names an event, which this linker does not
    publish as an organization or a place."""
    if words[-1] in EVENT_WORDS and len(words) > 1:
        return True  # "United Nations Climate Action Summit": the event is the head
    return any(w in EVENT_WORDS for w in words) and not any(w in ORG_WORDS for w in words)


# "on Facebook, Twitter, and Instagram": the platforms listed after the preposition too
MEDIUM_BEFORE = re.compile(
    r"(?:\b(?:on|across|via|through|onto)|\b(?:took|takes|turned|turns|went|posted|wrote)\s+to)"
    r"\s+(?:the\s+)?(?:(?:" + "|".join(sorted(PLATFORMS)) + r"),?\s+(?:(?:and|or)\s+)?)*$",
    re.IGNORECASE,
)


# "iMac", "iPhones"; "MacBook Pro", "AirPods Max": a camel-cased name with a model word
PRODUCT = re.compile(
    r"i[A-Z][a-z]+s?|[A-Z][a-z]+[A-Z][a-z]+s?\s+(?:Pro|Air|Max|Plus|Mini|Ultra|Lite)"
)


# "Chromecast Ultra", "Nintendo Switch Lite", "Founder's Edition": a model's last word
PRODUCT_TAIL = re.compile(r"\S\s+(?:Pro|Pros|Max|Mini|Ultra|Lite|Plus|Edition|Dot)$")


MEDIUM_AFTER = re.compile(
    r"^['’]?s?\s+(?:users?|handles?|accounts?|posts?|feeds?|pages?|videos?|followers|"
    r"threads?|live|stories|story|channels?|profiles?|trends?|trending|reaction|storm|polls?)\b"
)


#: "Forest Hill police", "Dallas residents": nouns that follow the place they belong to
CONNECTED = re.compile(r"\s(?:of|on|for|and|&)\s")


ORG_COMMA = re.compile(
    r",\s+(?!(?:Inc|Ltd|LLC|L\.L\.C|Co|Corp|LP|L\.P|S\.A|SA|AG|N\.V|NV|plc|PLC|GmbH)\b)"
)


#: Lowercase nouns for what a person is, written right before the name ("economist Eswar
#: Prasad", "quarterback Mason Rudolph", "his father Leopold III"): a person's name follows
ROLE_NOUNS = LOWER_TITLES | frozenset(
    """economist professor analyst manager lawyer attorney executive actor actress singer
    rapper player reporter writer author researcher scientist engineer officer agent
    diplomat quarterback linebacker receiver cornerback rusher striker goalkeeper defender
    pitcher guard forward musician artist producer designer founder investor cleric imam
    rabbi pastor priest bishop activist father mother son daughter brother sister wife
    husband widow uncle aunt cousin""".split()
)
ROLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(ROLE_NOUNS)) + r")\s+$")


#: What an organization is, said right before its name ("beauty company Glossier", "a news
#: station, WRAL", "companies like Astrobotic", "a group called ReOpenNC", "CEO of Zoom"):
#: the name is a body's, whatever a recognizer doubted
ORG_CUE_BEFORE = re.compile(
    r"\b(?:(?:company|companies|firm|firms|group|station|network|newspaper|journal|website|"
    r"magazine|agency|start-?up|maker|chipmaker|automaker|carmaker|retailers?|carriers?|"
    r"airline|lender|insurer|broadcaster|non-?profit|charity|publisher|label|brand|outlet|"
    r"conglomerate)(?:,|\s+(?:like|such\s+as|called|named))?"
    r"|(?:CEO|CFO|COO|CTO|[Cc]hief\s+executive|[Cc]o-?founder|[Ff]ounder|chairman|chairwoman|"
    r"spokes(?:man|woman|person)|employees|executives)(?:\s+&\s+founder)?(?:\s+(?:of|at|for)|,)"
    r"|published\s+(?:on|by))\s+(?:the\s+)?$"
)

#: ... or right after it ("LVMH CFO", "Acme employees", "Acme, a German company")
ORG_CUE_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:CEO|CFO|COO|CTO|chief\s+executive|spokes(?:man|woman|person)|"
    r"employees|shareholders|headquarters)\b"
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|group|station|network|"
    r"newspaper|journal|website|magazine|agency|start-?up|maker|retailer|carrier|airline|"
    r"lender|insurer|broadcaster|non-?profit|charity|publisher|label|brand|outlet)\b"
)


#: a name listed before another: "Astrobotic, " or "Sprint and " (read backwards)
_LISTED_BEFORE = re.compile(
    rf"{WORD}(?:{CONNECT}{WORD})*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$"
)


def org_cue_before(text: str, start: int) -> bool:
    """Whether the text says what kind of body the name at ``start`` is, right before it
    or before the list it ends (:data:`ORG_CUE_BEFORE`): "chipmaker Intel", "companies
    Astrobotic, Intuitive Machines and Orbit Beyond", "carriers like Sprint and Verizon"."""
    at = start
    for _ in range(8):  # a list of eight names at most
        before = text[max(0, at - 80) : at]
        if ORG_CUE_BEFORE.search(before):
            return True
        listed = _LISTED_BEFORE.search(before)
        if listed is None:
            return False
        at -= len(before) - listed.start()
    return False


AFTER_PLACE = re.compile(r"\s+(?:police|residents|firefighters|governor|mayor)\b")


OWNER_BEFORE = re.compile(r"(?:\b(?:a|an|his|her|their|my|our|your)|['’]s)\s+$")


PRODUCT_NOUN = re.compile(
    r"\s+(?:sedans?|SUVs?|trucks?|pickups?|cars?|minivans?|hatchbacks?|coupes?|vans?|"
    r"phones?|smartphones?|laptops?|tablets?|consoles?|watch|headphones|earbuds)\b"
)


#: what a thing's name is the name of, said right after it ("the A12X Bionic chip", "Swiss
#: Army knives", "the SLS Block 1B rocket")
_THING_AFTER = re.compile(
    r"\s+(?:chip|chipset|processor|app|apps|knife|knives|rocket|rockets|booster|capsule|"
    r"charger|chargers)\b"
)
_SCAN_AFTER = re.compile(r"\s+scans?\b")


def named_product(text: str, start: int, span: str) -> bool:
    """A name of two words or more, with no word of a body's or a company's and no big
    company's name first, right before a noun for a product ("A10 Fusion chipset"); or
    an acronym before "scan" ("a CT scan"). A one-word name there stays a maker's
    ("a Qualcomm chipset", "the BBC app")."""
    words = span.split()
    end = start + len(span)
    if len(words) == 1:
        return span.isupper() and _SCAN_AFTER.match(text, end) is not None
    return (
        _THING_AFTER.match(text, end) is not None
        and words[0] not in SINGLE_ORGS
        and not any(w in ORG_WORDS or w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words)
    )


def two_names(words: list[str]) -> bool:
    """``Black Widow and Captain America``, ``Santo Spirito and Immacolata``: two names
    joined by "and", one of them of two words or more, no "of", "for" or "on" around
    (``Centers for Disease Control and Prevention`` is one body's name)."""
    if "and" not in words or any(w in ("of", "for", "on") for w in words):
        return False
    at = words.index("and")
    return at > 0 and max(at, len(words) - at - 1) >= 2


def owned_product(text: str, start: int, end: int) -> bool:
    """``Webb's Ford sedan``, ``a Samsung phone``: a maker's name before what someone owns
    names the thing, not the company."""
    return bool(PRODUCT_NOUN.match(text, end)) and bool(
        OWNER_BEFORE.search(text[max(0, start - 12) : start])
    )


def as_medium(text: str, start: int, end: int) -> bool:
    """A platform named as where something was said (``on Twitter``, ``Twitter users``)."""
    return bool(
        MEDIUM_BEFORE.search(text[max(0, start - 80) : start])
        or MEDIUM_AFTER.match(text[end : end + 30])
    )


#: Words prose writes in lower case inside a sentence; capitalised there, the line is a
#: title ("Stadia Is Essentially A Beta Version"), a subheading or a related link.
TITLE_FUNCTION_WORDS = frozenset(
    """Is Are Was Were Be A An To Of In On For And With At By From As Into Your Its How What
    Why After Over Up Out About Will Can Has Have Not This That Who We You Our Than""".split()
)


LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_cased(text: str) -> bool:
    """A line in title case: nearly every word capitalised, function words too. As in an
    all-capitals line, capitals carry no signal there (the model reads "Current Roster Of
    Games" as an organization)."""
    words = LINE_WORD.findall(text)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.85 * len(words) and any(w in TITLE_FUNCTION_WORDS for w in words[1:])


#: what parts the items of a site's menu or a list of links: " - ", " | ", " • ", " · "
_ITEM_BREAK = re.compile(r"\s+[-|•·»]\s+")
#: the words of a bar of sharing buttons, beside the platforms' names
_SHARE_WORDS = frozenset(
    """share tweet email e-mail print pin follow us on this article story page comment
    comments save copy link whatsapp messenger sms flipboard""".split()
)


def furniture_line(text: str) -> bool:
    """A line of the web page around the story, kept by the scraper: a menu or a list of
    links (four items or more parted by " - ", " | " or " • ", each of five words or
    fewer, most capitalised, none with a comma or ending a sentence: "Education - Urdu
    News - Car Prices - Breaking News"), or a bar of sharing buttons ("Share on Facebook
    Twitter Email").
    Decided by the line's shape, never by the names in it: such a line names no one
    the story reports on, and its capitals carry no signal."""
    items = [item for item in _ITEM_BREAK.split(text.strip()) if item]
    if len(items) >= 4 and all(
        len(item.split()) <= 5
        and not item.rstrip().endswith((".", "!", "?", ":"))
        and not re.search(r"[,;]", item)  # "France - Bernard Lama; Lilian Thuram, ...": a squad
        for item in items
    ):
        return sum(1 for item in items if item[:1].isupper()) >= 0.75 * len(items)
    words = LINE_WORD.findall(text)
    return (
        2 <= len(words) <= 12
        and any(w in PLATFORMS for w in words)
        and all(w.lower() in _SHARE_WORDS or w in PLATFORMS for w in words)
    )


def shouted_line(text: str) -> bool:
    """A line in capitals (a wire headline, a dateline, a results table's heading)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_organ(words: list[str]) -> bool:
    """``Council of Heads of State``, ``Board of Governors``: a body named by what it is,
    with an organization word first and no name of its own."""
    return (
        len(words) > 1
        and words[0] in ORG_WORDS
        and all(
            w in ORG_WORDS or w in TITLE_WORDS or w in ORGAN_MEMBERS or w in CONNECTOR_WORDS
            for w in words[1:]
        )
    )


def organ_of(text: str, end: int, long_forms: dict[str, str]) -> str | None:
    """The organization named by ``of [the] <organization>`` after a body: the body is an
    organ of it (``Council of Heads of State of the Shanghai Cooperation Organization``),
    not an organization the text names on its own."""
    after = re.match(r"\s+of\s+(?:the\s+)?", text[end : end + 12])
    if after is None:
        return None
    follow = SPAN.match(text, end + after.end())
    if follow is None:
        return None
    name = POSSESSIVE_SPLIT.split(follow.group(0))[0]
    if name in long_forms or any(w in ORG_WORDS for w in name.split()):
        return name
    return None


def written_name(surface: str) -> str:
    """A name as the text wrote it, in the case a name is printed in: an all-capitals
    dateline or headline word (``NEW YORK``) becomes ``New York``; an acronym (``U.S.``,
    ``UAE``) stays as it is."""
    if surface.isupper() and sum(c.isalpha() for c in surface) > 3:
        return " ".join(w.capitalize() for w in surface.split())
    return surface


def person_like(words: list[str]) -> bool:
    """A model PERSON is kept only when it reads as a name: capitalised words, no
    organization, place, party or document word, no digits, not all capitals."""
    names = [w for w in words if w not in NAME_PARTICLES]
    if not names or len(names) > 5 or (len(names) == 1 and len(names[0]) <= 2):
        return False
    if len(names) > 1 and ROMAN.match(names[-1]):
        names = names[:-1]  # "Leopold III"
    if len(names) > 1 and names[0] in GIVEN_NAME_WORDS:
        names = names[1:]  # "Christian Blanc": a given name that is also a word
    for at, word in enumerate(names):
        head, _, rest = word.partition("-")
        if head in NAME_PARTICLES and rest[:1].isupper():
            continue  # "al-Nimr"
        if at == 0 and len(names) > 1 and word in PLACE_WORDS and word.istitle():
            continue  # "Park Geun-hye": a place word heads a place name last, not first
        if (
            not word[0].isupper()
            or (word.isupper() and len(word) > 2 and not word.endswith("."))
            or any(c.isdigit() for c in word)
            or word in ORG_WORDS
            or word in PLACE_WORDS
            or word in PARTY_WORDS
            or word in NOT_NAMES
            or word in DOCUMENT_WORDS
        ):
            return False
    return True


def name_like(words: list[str]) -> bool:
    """A place name: capitalised, and not only words that are never names."""
    return words[0][0].isupper() and not all(w in NOT_NAMES or w in CONNECTOR_WORDS for w in words)


def is_corporate_form(short: list[str], long: list[str], gazetteer: Gazetteer) -> bool:
    """``long`` is ``short`` with corporate suffixes after it or a country before it."""
    if len(long) <= len(short):
        return False
    if long[: len(short)] == short:
        return all(w in CORPORATE_SUFFIXES for w in long[len(short) :])
    if long[-len(short) :] == short:
        head = " ".join(long[: -len(short)])
        return gazetteer.country(head) is not None
    return False


def is_name_continued(short: list[str], long: list[str], is_place: Callable[[str], bool]) -> bool:
    """``Rutgers`` is ``Rutgers University`` and ``Yankees`` the ``New York Yankees``:
    the longer name goes on after the shorter one in capitalised words (a body's name
    said in full, then by its first words: not a unit of it, ``Senate Armed Services
    Committee``, nor a body named after a whole one, ``United Nations Framework Convention
    on Climate Change``), or puts a place or nationality before it (a team or paper by its home
    town). Commas are no part of the words (``Acme Systems, Inc.``)."""
    a = [w.rstrip(",") for w in short]
    b = [w.rstrip(",") for w in long]
    if not 0 < len(a) < len(b):
        return False
    if b[: len(a)] == a:
        rest = b[len(a) :]
        return (
            rest[0][:1].isupper()
            and a[-1] not in ORG_WORDS  # "United Nations" is whole: not "... Convention on"
            and len([w for w in rest if w not in CORPORATE_SUFFIXES]) <= 2
            and not any(w in ORGAN_HEADS or w in DOCUMENT_WORDS for w in rest)
            and all(w[:1].isupper() or w in CONNECTOR_WORDS or w in {"and", "&"} for w in rest)
        )
    return b[-len(a) :] == a and is_place(" ".join(b[: -len(a)]))


def is_shortened(short: list[str], long: list[str]) -> bool:
    """``Eurasian Union`` is ``Eurasian Economic Union`` said shorter: the same first and
    last word, and the longer name's words include the shorter one's in order."""
    if not 2 <= len(short) < len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def family(kind: str) -> str:
    """``person``, ``organization`` or ``place``: the kinds an entity key must not mix."""
    if kind == "Person":
        return "person"
    if kind.endswith("Organization"):
        return "organization"
    return "place"


def is_short_for(short: str, full: str) -> bool:
    """``Putin`` and ``von der Leyen`` are short for ``Vladimir Putin`` and ``Ursula von der
    Leyen``: the shorter name's words end the longer one's. A family name said first
    (``Wang`` for ``Wang Yi``) or a single given name used alone (``Prabowo``) counts too."""
    a, b = short.split(), full.split()
    if len(b) > 2 and b[-1].rstrip(",") in NAME_SUFFIXES:
        b = b[:-1]  # "Kennedy" is "James P. Kennedy Jr."
        if len(a) == len(b) and a == b:
            return True
    return 0 < len(a) < len(b) and (b[-len(a) :] == a or (len(a) == 1 and b[0] == a[0]))


#: what follows a surname in a full name: "James P. Kennedy Jr.", "Ken Griffey Sr."
#: what follows a person's name and is no name of its own: "Martin Luther King Jr.",
#: "Martin Luther King III"
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")


def undotted(name: str) -> str:
    """``U.N.`` → ``UN``: an initialism written with dots is the same initialism."""
    return name.replace(".", "") if DOTTED.match(name) else name


def strip_connectors(text: str) -> str:
    words = text.split()
    while words and words[-1] in CONNECTOR_WORDS:
        words.pop()
    return " ".join(words)


def long_form_of(span: str, acronym: str) -> str | None:
    """The part of ``span`` that ``acronym`` abbreviates: the longest suffix that starts with
    the acronym's first letter and has no more capitalised words than the acronym has letters."""
    words = span.split()
    letters = [c for c in acronym if c.isalpha()]
    best = None
    for i in range(len(words)):
        suffix = words[i:]
        if len(suffix) == 1 and len(letters) > 1:
            break  # "Party" alone does not stand for "PKK"
        if suffix[0] in CONNECTOR_WORDS or suffix[0][0].upper() != acronym[0].upper():
            continue
        capitals = sum(1 for w in suffix if w[0].isupper())
        if capitals <= max(len(letters), 1):
            best = " ".join(suffix)
            break
    capitals = sum(1 for w in words if w[0].isupper())
    if best is None and capitals == len(letters) > 1 and any(w in ORG_WORDS for w in words):
        # a name in one language, its acronym in another: "Kurdistan Workers' Party (PKK)"
        best = strip_connectors(" ".join(words))
    return best


ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")


def looks_like_person(words: list[str]) -> bool:
    names = [w for w in words if w not in NAME_PARTICLES and w != "Al"]
    if not 2 <= len(names) <= 4 and not (len(names) == 1 and len(words) >= 2):
        return False
    for word in words:
        if word in NAME_PARTICLES or ROMAN.match(word):
            continue
        if (
            not word[0].isupper()
            or word.isupper()
            or any(c.isdigit() for c in word)
            or word in ORG_WORDS
            or word in PLACE_WORDS
            or word in TITLE_WORDS
            or word in NOT_NAMES
            or word.endswith(".")
        ):
            return False
    return words[0] not in COMMON_STARTERS and words[-1] not in NAME_PARTICLES


def org_names(role: str) -> list[str]:
    names = []
    for match in SPAN.finditer(role):
        span = match.group(0)
        for part in re.split(r"(?<=\w)['’]s?\s+", span):
            words = part.split()
            while words and (words[0] in TITLE_WORDS or words[0] in CONNECTOR_WORDS):
                words.pop(0)  # "Speaker of the U.S. House ..." → "U.S. House ..."
            if any(w in ORG_WORDS for w in words):
                names.append(" ".join(words))
    return names


_INDEX_HEADS = frozenset({"Index", "Average", "Composite"})
#: "the benchmark Sensex", "the blue-chip Dow": a word that introduces a stock index
_INDEX_BEFORE = re.compile(r"\b(?:benchmark|blue-chip|tech-heavy|broader|index)\s+(?:the\s+)?$")
#: "... 500 index", "Nikkei futures"; "fell 102.2 points": what only an index does
_INDEX_AFTER = re.compile(
    r"(?:\s+(?:index|average|futures)\b|(?:\s+\.?[A-Z0-9]{2,8}=?)?\s+(?:fell|rose|lost|gained|"
    r"added|declined|dropped|climbed|slipped|jumped|slumped|shed|advanced|tumbled|surged)"
    r"\s+(?:by\s+)?[\d,.]+\s+points\b)"
)


def market_indexes(texts: Iterable[str]) -> frozenset[str]:
    """Folded names an article uses as stock indexes: ``Hang Seng Index``, ``the benchmark
    Sensex``, ``the S&P 500 index``, ``the Dow ... fell 102 points``. Readers, and
    annotators, do not take a market's index for an organization; where the article says
    it once, the name is the index everywhere in it."""
    found: set[str] = set()
    for text in texts:
        for match in SPAN.finditer(text):
            name = POSSESSIVE_SPLIT.split(match.group(0))[-1]
            words = name.split()
            if (
                words[-1] in _INDEX_HEADS
                or _INDEX_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
                or _INDEX_AFTER.match(text, match.end())
            ):
                found.add(fold(name))
                found.add(fold(match.group(0)))
                if words[-1] in _INDEX_HEADS and len(words) > 1:
                    head = words[:-1]
                    if head[-1] == "Industrial":
                        head = head[:-1]  # "Dow Jones Industrial Average" → "Dow Jones"
                    found.add(fold(" ".join(head)))
    return frozenset(found)


#: the last word of a programme's or a vehicle's name, not a body's ("Paycheck Protection
#: Program", "Jobs Support Scheme", "Volatiles Investigating Polar Exploration Rover")
_PROGRAMME_HEADS = frozenset({"Program", "Programme", "Scheme", "Rover", "Lander"})
#: ... or the lowercase word after it, past the acronym it defines ("Commercial Lunar
#: Payload Services (CLPS) program", "the Human Landing System (HLS) procurement")
_PROGRAMME_AFTER = re.compile(
    r"(?:\s+\((?P<before>[A-Z][A-Za-z0-9&-]{1,9})\))?\s+(?:programs?|programmes?|procurement|"
    r"rovers?|landers?|schemes?|spacecraft|telescope)\b(?:\s+\((?P<after>[A-Z][A-Za-z0-9&-]{1,9})\))?"
)
#: a storm's name: "Hurricane Florence", "Typhoon Hagibis"
_STORM_WORDS = frozenset({"Hurricane", "Typhoon", "Cyclone", "Storm"})
#: storms a text lists by name after the plural: "hurricanes Harvey, Irma, Maria and Michael"
_STORM_LIST = re.compile(
    r"\b(?:[Hh]urricanes|[Tt]yphoons|[Cc]yclones|[Tt]ropical storms)\s+(?P<names>[A-Z][a-z]+"
    r"(?:,\s+[A-Z][a-z]+)*(?:,?\s+and\s+[A-Z][a-z]+)?)"
)
#: the United Nations' programmes are bodies: "World Food Programme"
_AGENCY_FIRST = frozenset({"United", "UN", "U.N.", "World"})


def programme_names(texts: Iterable[str], acronyms: Mapping[str, str]) -> frozenset[str]:
    """Folded names an article uses for a programme, a mission's vehicle or a storm:
    ``Paycheck Protection Program``, ``the CLPS program``, ``Hurricane Florence``.
    Recognizers often call them organizations; readers and annotators do not, and where
    the article says so once, the name (and the acronym it defines) is that everywhere.
    A name with a body's word (``National Aeronautics and Space Administration``) or a
    company's, or one everyone knows as a body (``SpaceX``), is never one."""
    long_forms = {long: short for short, long in acronyms.items()}
    found: set[str] = set()
    for text in texts:
        for storms in _STORM_LIST.finditer(text):
            # "hurricanes Harvey, Irma, Maria and Michael": each a storm in this article
            found.update(fold(n) for n in re.findall(r"[A-Z][a-z]+", storms["names"]))
        for match in SPAN.finditer(text):
            name = POSSESSIVE_SPLIT.split(match.group(0))[-1]
            words = name.split()
            if words[0] == "The":
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            full = acronyms.get(name, name).split()
            after = _PROGRAMME_AFTER.match(text, match.end())
            if (len(words) == 2 and words[0] in _STORM_WORDS) or (
                len(words) > 1 and words[-1] in _PROGRAMME_HEADS and words[0] not in _AGENCY_FIRST
            ):
                pass
            elif not (
                after
                and (len(words) > 1 or name in acronyms)
                and name not in SINGLE_ORGS
                and not any(
                    (w in ORG_WORDS and w not in _PROGRAMME_HEADS)
                    or w in COMPANY_WORDS
                    or w in CORPORATE_SUFFIXES
                    for w in full
                )
            ):
                continue
            found.add(fold(name))
            found.add(fold(" ".join(full)))
            if len(words) == 2 and words[0] in _STORM_WORDS:
                found.add(fold(words[1]))  # "Hurricane Irma", then "worse than Irma"
            if name in long_forms:
                found.add(fold(long_forms[name]))
            if after:  # "(CLPS)" before or after "program": the acronym it defines
                found.update(fold(a) for a in after.group("before", "after") if a)
    return frozenset(found)


_ONE_NAME = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*\b")


def counted_names(texts: Iterable[str]) -> frozenset[str]:
    """One-word names an article writes both bare and as a plural (``MacBook`` and
    ``MacBooks``, ``Mac`` and ``Macs``): a name that is counted is a product's, not an
    organization's. Both forms are returned."""
    written: set[str] = set()
    for text in texts:
        written.update(m.group(0) for m in _ONE_NAME.finditer(text))
    return frozenset(
        form
        for name in written
        if len(name) >= 3 and not name.endswith("s") and name + "s" in written
        for form in (name, name + "s")
    )
