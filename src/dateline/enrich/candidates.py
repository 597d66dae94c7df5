"""The language model's entity candidates, per sentence, before the linker sees them.

The model cuts and labels names in ways news text breaks (``Ursula von der`` + ``Leyen``,
``Lockheed`` + ``Martin``, one name labelled three ways); these functions mend the spans
and settle one label per name, so the linker reads each candidate once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from dateline.enrich.gazetteer import fold
from dateline.enrich.lexicon import (
    CAPTION_LABELS,
    COMMON_STARTERS,
    COMPANIES_NAMED_AFTER_PEOPLE,
    COMPANY_WORDS,
    COMPASS_WORDS,
    CORPORATE_SUFFIXES,
    DOCUMENT_WORDS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_WORDS,
    PARTY_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    SINGLE_ORGS,
    TITLE_WORDS,
)
from dateline.enrich.name_shapes import SPAN, UPPER, given_name_first, org_cue_before, person_like
from dateline.enrich.nlp import OWN_NAMES, UNCONFIRMED, ParsedArticle, core
from dateline.enrich.sentences import Sentence
from dateline.enrich.teams import person_after_team

__all__ = [
    "DOUBTED",
    "DOUBTED_PLACE",
    "DOUBTS",
    "SAYS",
    "US_COUNTY",
    "US_STATE",
    "before_caption_label",
    "body_after_place",
    "compass_before",
    "confirmed_organizations",
    "county_lists",
    "doubted_organizations",
    "given_name_before",
    "joined",
    "known_companies",
    "label_votes",
    "list_mates",
    "model_candidates",
    "repeated_people",
    "sourced",
    "state_tags",
    "team_spans",
    "weak_organizations",
]


# The model's labels that can name a Person, Organization or Place.
NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

#: The label of an organization the news recognizer proposed, the model's own did not
#: confirm and no cue of :func:`weak_organizations` keeps: the linker takes a second look
#: (a person or a place the name is, a cue around it) and proposes the rest for review.
DOUBTED = "DOUBTED_ORG"
#: A doubted organization the model's own recognizer read as a place (a GPE or LOC of
#: the same words, ``Wisconsin``, ``Nawada``): the linker takes it for the place when the
#: gazetteer knows one of that name, else doubts it as any other.
DOUBTED_PLACE = "DOUBTED_ORG_PLACE"
#: The labels of doubted organizations.
DOUBTS = frozenset({DOUBTED, DOUBTED_PLACE})


def model_candidates(
    parsed: ParsedArticle, sentences: Sequence[Sentence]
) -> dict[int, list[tuple[int, int, str]]]:
    """The model's entities of each paragraph, given to the sentence they fall in, with
    offsets in that sentence's text. One pass over sentences and entities together."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    known = confirmed_organizations(parsed)
    for number, group in by_paragraph.items():
        if number >= len(parsed.paragraphs):
            continue
        doc = parsed.paragraphs[number]
        weak = weak_organizations(doc, known)
        ents = sorted(
            [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NER_LABELS]
            + [(e.start_char, e.end_char, e.label_) for e in weak]
            + doubted_organizations(doc, weak),
        )
        cursor = 0
        at = 0
        for sentence in group:
            offset = doc.text.find(sentence.text, cursor)
            if offset < 0:
                continue
            cursor = offset + len(sentence.text)
            while at < len(ents) and ents[at][0] < offset:
                at += 1
            while at < len(ents) and ents[at][1] <= cursor:
                start, end, label = ents[at]
                out.setdefault(sentence.index, []).append((start - offset, end - offset, label))
                at += 1
    return out


def doubted_organizations(doc: Doc, kept: Sequence[Span]) -> list[tuple[int, int, str]]:
    """The unconfirmed organizations no cue kept (:func:`weak_organizations`), labelled
    :data:`DOUBTED`: the confirming step doubts the label, not that a name is there
    ("Koon said", "by Armenia"), so the linker still reads them."""
    if UNCONFIRMED not in doc.spans:
        return []
    taken = [(e.start_char, e.end_char) for e in [*doc.ents, *kept]]
    runs = [m.span() for m in SPAN.finditer(doc.text)]
    places = {core(e) for e in doc.spans.get(OWN_NAMES, []) if e.label_ in ("GPE", "LOC")}
    return [
        (span.start_char, span.end_char, DOUBTED_PLACE if core(span) in places else DOUBTED)
        for span in doc.spans[UNCONFIRMED]
        if span.label_ == "ORG"
        and not any(a < span.end_char and span.start_char < b for a, b in taken)
        # a name's piece ("Mikel" + "Afzelius") or a credit line ("News / Sputnik - 29th
        # April"): the capitalised run is read whole, as if no recognizer had seen it
        and not any(
            a < span.end_char and span.start_char < b and (a < span.start_char or span.end_char < b)
            for a, b in runs
        )
        and not re.search(r"[/:\d]", span.text)
    ]


def confirmed_organizations(parsed: ParsedArticle) -> frozenset[str]:
    """The organizations' names the recognizers agree on anywhere in the article."""
    return frozenset(
        fold(e.text.removeprefix("the ").removeprefix("The "))
        for doc in (parsed.headline, *parsed.paragraphs)
        for e in doc.ents
        if e.label_ == "ORG"
    )


def weak_organizations(doc: Doc, known: frozenset[str]) -> list[Span]:
    """The organizations the news recognizer proposed and the model's own did not
    confirm (``nlp_ner_confirm``) that the text's own cue keeps: a name the article
    names as an organization elsewhere ("the House of Representatives" again, before
    "Speaker"), or one that ends in a company's word ("Balmond Studio", "Acme Corp.")."""
    if UNCONFIRMED not in doc.spans:
        return []
    taken = [(e.start_char, e.end_char) for e in doc.ents]
    out = []
    for span in doc.spans[UNCONFIRMED]:
        name = span.text.removeprefix("the ").removeprefix("The ")
        last = name.split()[-1].rstrip(",") if name.split() else ""
        if span.label_ != "ORG" or any(a < span.end_char and span.start_char < b for a, b in taken):
            continue
        if (
            fold(name) in known
            or (
                " " in name
                and (last in COMPANY_WORDS or last in CORPORATE_SUFFIXES)
                and "/" not in name  # "Acme Corp/Beta Music LLC": a list, not one name
                and doc.text[span.end_char : span.end_char + 1] != "-"  # "Urban Co-op Banks"
            )
        ):
            out.append(span)
    return out


#: Words that introduce who reported or was told something: what follows is a news
#: outlet, an agency or a company ("according to The Daily Ledger", "told the Valley
#: Courier", "shares of Acme"), not a person or a place, whatever the model missed.
_SOURCE_BEFORE = re.compile(
    r"\b(?:[Aa]ccording to(?:\s+(?:a\s+|an\s+)?(?:reports?|data|figures|a study|a survey)"
    r"\s+(?:from|by|in))?|reported by|told|tells|telling|(?:published|appeared) in|"
    r"in an interview with|[Ss]hares of|(?:a\s+)?spokes(?:man|woman|person) for)\s+(?:the\s+)?$"
)
#: "<X> reported", "<X> reports that", "a <X> spokeswoman": the outlet or body again
_SOURCE_AFTER = re.compile(
    r"['’]?s?\s+(?:(?:first\s+)?reported\b|reports\s+that\b|spokes(?:man|woman|person)\b)"
)
_DOMAIN = re.compile(r"\.[a-z]")
_LIST_NEXT = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)")
#: the model's labels a source cue does not overrule: people and places stay so
_KEPT_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})


def sourced(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    is_place: Callable[[str], bool] = lambda name: True,
) -> list[tuple[int, int, str]]:
    """The model's candidates with the outlets and companies a source cue introduces:
    ``according to The Ledger and Newsline``, ``told Variety``, ``Newsline reports that``.
    The model often labels such names nothing, or joins or cuts them; the
    cue's capitalised run (and the names listed with it) becomes one organization
    candidate. A person or a known place (``is_place``) the model labelled there keeps its
    label, as does a name that reads as a person's (a given name first); a "place" no
    gazetteer knows (``Newsline``) is the outlet the cue says it is."""
    found: list[tuple[int, int]] = []
    for match in SPAN.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        cue = _SOURCE_BEFORE.search(before)
        if cue is None and not _SOURCE_AFTER.match(text, match.end()):
            continue
        found.append((match.start(), match.end()))
        at = match.end()
        while cue is not None:  # "according to The Ledger and Newsline"
            joint = _LIST_NEXT.match(text, at)
            more = SPAN.match(text, joint.end()) if joint else None
            if more is None:
                break
            found.append((more.start(), more.end()))
            at = more.end()
    if not found:
        return list(spans)
    out = list(spans)
    for start, run_end in found:
        end = run_end
        words = text[start:end].split()
        while len(words) > 1 and words[-1] in NOT_NAMES:
            end -= len(words.pop()) + 1  # "told the Valley Courier Monday"
        named = words[1:] if words[0] == "The" else words
        if not named or named[0] in TITLE_WORDS | PERSON_TITLES | COMMON_STARTERS:
            continue  # "told Sen. Smith"
        words = named
        if (len(words) == 1 and words[0].lower() in STOP_WORDS) or _DOMAIN.match(text, end):
            continue  # "Others reported", "told Factcheck.info" (a website)
        overlapping = [s for s in out if s[0] < end and start < s[1]]
        if len(overlapping) > 1 or any(
            s[2] in _KEPT_LABELS
            and (s[2] in ("PERSON", "NORP") or is_place(_unthe(text[s[0] : s[1]])))
            for s in overlapping
        ):
            continue  # "told BBC Moscow correspondent ...": the model's two names stay
        if given_name_first(words):
            continue  # "told Jane Doe": a person's name, whatever the model said
        out = [s for s in out if s not in overlapping] + [(start, end, "ORG")]
    return sorted(out)


def _unthe(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) else name


def body_after_place(
    text: str, spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The model's candidates with a place it cut off the body it names made one: ``the
    US Air Force``, where the model tags ``US`` and leaves ``Air Force`` out. A place
    followed, across one space, by a capitalised run the model left alone that holds an
    organization word is that organization's name."""
    out = list(spans)
    for i, (start, end, label) in enumerate(out):
        if label != "GPE" or text[end : end + 1] != " ":
            continue
        run = SPAN.match(text, end + 1)
        if run is None or any(s[0] < run.end() and run.start() < s[1] for s in out):
            continue
        if any(w in ORG_WORDS for w in run.group(0).split()):
            out[i] = (start, run.end(), "ORG")
    return out


#: the label of a US state written as a code ("R-TX", "Gladstone, NJ")
US_STATE = "US_STATE"
_STATE_CODE = r"(?:[A-Z]{2}\b(?![-.'’]\w)|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z][a-z]?\.)"
#: "(R-TX)", "D-Minn.": a lawmaker's party and state; "Gladstone, NJ", "Harrisburg,
#: Pa.": a town, then its state
_STATE_TAG = re.compile(rf"(?:(?<=[(\s])[RDI]-|(?<=[a-z]), )(?P<code>{_STATE_CODE})(?=[\s,.;:)]|$)")


#: a town's name right before ", <state code>": one to three capitalised words
_TOWN_BEFORE = re.compile(r"(?<![\w’'.-])[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=, $)")
#: a state a party tag spells out, as AP style does for eight ("R-Texas", "D-Ohio.")
_PARTY_STATE = re.compile(r"(?<=[(\s])[RDI]-(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)")


def state_tags(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    is_state: Callable[[str], bool],
    start: int = 0,
) -> list[tuple[int, int, str]]:
    """The model's candidates with the US states a text writes as codes: ``Rep. Jane Roe
    (R-TX)``, ``Sen. John Cornyn, R-Texas``, ``in Trenton, NJ``. The model leaves such
    codes out or takes them into the town's name; each is its own candidate, labelled
    :data:`US_STATE`. ``start`` skips the dateline, whose region is read on its own."""
    tags = [m for m in _STATE_TAG.finditer(text, start) if is_state(m["code"])]
    found = [(m.start("code"), m.end("code")) for m in tags]
    found += [
        (m.start("name"), m.end("name"))
        for m in _PARTY_STATE.finditer(text, start)
        if is_state(m["name"]) and not any(a <= m.start("name") < b for a, b in found)
    ]
    found.sort()
    if not found:
        return list(spans)
    out: list[tuple[int, int, str]] = []
    for a, model_end, label in spans:
        inside = [f for f in found if f[0] < model_end and a < f[1]]
        if inside and a >= inside[0][0]:
            continue  # the code alone
        # "Trenton, NJ" as one name: Trenton
        b = a + len(text[a : inside[0][0]].rstrip(" ,-(")) if inside else model_end
        if b > a:
            out.append((a, b, label))
    for m in tags:
        # "Ruth Eckerd Hall – Clearwater, Fla.": the town the code follows, which the
        # model left out (in a list of venues, say), is a place
        town = _TOWN_BEFORE.search(text, max(start, m.start() - 40), m.start("code"))
        if town is not None and not any(a < town.end() and town.start() < b for a, b, _ in out):
            out.append((town.start(), town.end(), "GPE"))
    return sorted([*out, *((a, b, US_STATE) for a, b in found)])


#: the label of a county a list names before the plural ("Berrien, Cass and Kalamazoo
#: counties"): each name is the county, whatever the recognizers made of it
US_COUNTY = "US_COUNTY"
_COUNTY_NAME = r"[A-Z][a-z]+(?:[ '’.-]{1,2}[A-Z][a-z]+){0,2}"
#: two or more names, then "counties": "Orange and Riverside counties", "Barry, Berrien,
#: Calhoun, Cass, Kalamazoo and Van Buren counties"
_COUNTY_LIST = re.compile(
    rf"(?<![\w’'.-])(?P<names>(?:{_COUNTY_NAME}, )*{_COUNTY_NAME},? (?:and|or) {_COUNTY_NAME})"
    r" counties\b"
)


def county_lists(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    is_county: Callable[[str], bool],
) -> list[tuple[int, int, str]]:
    """The candidates with the counties a list names before the plural: ``Berrien,
    Calhoun, Cass and Kalamazoo counties`` is four counties, each labelled
    :data:`US_COUNTY` where the gazetteer knows a county of that name; the recognizers
    read such bare names as persons (``Cass``), cities (``Orange``) or nothing. The
    names replace the recognizers' candidates they overlap."""
    found: list[tuple[int, int]] = []
    for match in _COUNTY_LIST.finditer(text):
        base = match.start("names")
        for name in re.finditer(_COUNTY_NAME, match["names"]):
            if is_county(name.group(0)):
                found.append((base + name.start(), base + name.end()))
    if not found:
        return list(spans)
    kept = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in found)]
    return sorted([*kept, *((a, b, US_COUNTY) for a, b in found)])


def team_spans(
    text: str, spans: Sequence[tuple[int, int, str]], teams: frozenset[str]
) -> list[tuple[int, int, str]]:
    """The model's candidates with the teams inside them cut out: ``Haitai 2 Samsung 0``
    is two teams, ``Lotte 5`` is Lotte."""
    if not teams:
        return list(spans)
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        piece = text[start:end]
        if fold(piece) in teams:
            out.append((start, end, label))
            continue
        split = person_after_team(piece, teams)
        if split is not None:
            # "Browns DL Sheldon Richardson": the team, then the player
            out.append((start, start + split[0], "ORG"))
            out.append((start + split[1], end, label))
            continue
        inside = [
            (start + m.start(), start + m.end(), label)
            for m in SPAN.finditer(piece)
            if fold(m.group(0)) in teams
        ]
        if inside and not any(c.isalpha() for c in SPAN.sub("", piece)):
            out.extend(inside)  # only teams and scores in it
        else:
            out.append((start, end, label))
    return out


def repeated_people(
    labelled: Sequence[tuple[str, str]], texts: Sequence[str] = ()
) -> frozenset[str]:
    """One-word names labelled PERSON and never anything else, labelled twice or more, or
    written twice or more where one is of someone speaking (``Mokhber conveyed ...
    Mokhber stated``, where the model tagged only one of the two); and a word the model
    never labelled, which the article never writes in lower case, written twice or more
    and speaking, once inside a sentence or twice speaking: the story's subject by
    surname."""
    counts: dict[str, Counter[str]] = {}
    for name, label in labelled:
        if len(name.split()) == 1:
            counts.setdefault(name, Counter())[label] += 1
    people = {name for name, count in counts.items() if set(count) == {"PERSON"}}
    lower = {w for text in texts for w in re.findall(r"\b[a-z][a-z'’-]+\b", text)}
    labelled_words = {w for name, _ in labelled for w in name.split()}
    written: Counter[str] = Counter()
    speaking: Counter[str] = Counter()
    inside: set[str] = set()  # written inside a sentence, not only opening one
    for text in texts:
        for m in SPAN.finditer(text):
            name = m.group(0)
            if name in people or (
                name not in labelled_words
                and name.isalpha()
                and not name.isupper()
                and name.lower() not in STOP_WORDS
                and name.lower() not in lower
            ):
                written[name] += 1
                if SAYS.match(text, m.end()):
                    speaking[name] += 1
                if m.start() > 0 and not text[: m.start()].rstrip().endswith((".", "“", '"')):
                    inside.add(name)
    return frozenset(
        name
        for name in written
        if (name in people and counts[name]["PERSON"] >= 2)
        or (
            speaking[name]
            and written[name] >= 2
            and (
                name in people
                or name in inside
                # "Mokhber stated ... Mokhber called for"; not "Officials said ..."
                or (speaking[name] >= 2 and not name.endswith("s"))
            )
        )
    )


#: "<name> said", "<name> stated that": a verb of saying right after a lone name, which
#: only a person (or a body, which the model does not call a person) does
SAYS = re.compile(
    r"\s+(?:said|says|stated|states|told|added|noted|explained|asked|argued|wrote|insisted|"
    r"recalled|replied|warned|urged|called\s+for)\b"
)


def label_votes(
    labelled: Sequence[tuple[str, str]], titled: frozenset[str] = frozenset()
) -> dict[str, str]:
    """One label per name for the whole article: the model may call ``Ryanair`` an
    organization once and a person twice; the name keeps the label it got most often (a
    tie keeps each mention's own), and a lone word is a person only if nothing else.
    A lone word the article writes after a person's title (``President Trump``) is a
    person wherever it stands, whatever the model called it there."""
    counts: dict[str, Counter[str]] = {}
    for name, label in labelled:
        counts.setdefault(name, Counter())[label] += 1
    out: dict[str, str] = {}
    for name, count in counts.items():
        if name in titled and person_like([name]):
            out[name] = "PERSON"
            continue
        if len(name.split()) == 1 and "PERSON" in count and len(count) > 1:
            # one word the model also calls something else is a person's name only when a
            # full name says so (the surname rule), so its other label wins here
            del count["PERSON"]
        ranked = count.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[name] = ranked[0][0]
    return out


NAME_GOES_ON = re.compile(
    r"(?:\s+(?:" + "|".join(sorted(NAME_PARTICLES)) + rf"))*\s+[{UPPER}][\w’'-]*"
)


NEXT_NAME = re.compile(rf"[ ]([{UPPER}][a-zà-ÿ’'-]+)\b(?![’'.-])")


NOT_NAME_PARTS = (
    NOT_NAMES
    | TITLE_WORDS
    | ORG_WORDS
    | PLACE_WORDS
    | COMMON_STARTERS
    | DOCUMENT_WORDS
    | PARTY_WORDS
)


def joined(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's candidates with a person's name that it cut after a particle made
    whole again: ``Ursula von der`` + ``Leyen`` → ``Ursula von der Leyen``."""
    out: list[tuple[int, int, str]] = []
    for model_start, model_end, label in spans:
        start, end = model_start, model_end
        if out and start < out[-1][1]:
            continue  # swallowed by the previous one
        if label == "PERSON" and text[start:end].rsplit(maxsplit=1)[-1] in NAME_PARTICLES:
            more = NAME_GOES_ON.match(text, end)
            if more:
                end = more.end()
        elif label == "PERSON" and re.search(r"\b[OD]$", text[start:end]):
            more = re.match(r"['’][A-Z][\w-]*", text[end:])  # "Michael O" + "'Leary"
            if more:
                end += more.end()
        elif label == "PERSON" and len(text[start:end].split()) == 1:
            more = NEXT_NAME.match(text, end)  # "Ganjar" + "Pranowo"
            if more and more.group(1) not in NOT_NAME_PARTS and not more.group(1).isupper():
                end = more.end()
            else:
                start = given_name_before(text, start, out[-1][1] if out else 0)
        end = before_caption_label(text, start, end)
        if label in ("PERSON", "GPE", "LOC") and " " not in text[start:end]:
            start = compass_before(text, start, out[-1][1] if out else 0)
        out.append((start, end, label))
    return out


def compass_before(text: str, start: int, floor: int) -> int:
    """The start of a one-word place name with the compass word the model cut off it:
    ``Central`` + ``Java``, ``East`` + ``Kalimantan`` are the region, not the island."""
    found = _COMPASS_BEFORE.search(text, max(floor, start - 12), start)
    return found.start(1) if found and found.end() == start else start


_COMPASS_BEFORE = re.compile(r"(?<![\w-])(" + "|".join(sorted(COMPASS_WORDS)) + r") $")


COMPANY_NAMES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(n) for n in sorted(COMPANIES_NAMED_AFTER_PEOPLE, key=len, reverse=True))
    + r")\b"
)


def known_companies(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A company named after people is one candidate, whatever pieces the model made of
    it ("Lockheed" + "Martin"); a company the model cut its first word from ("Shares of
    First" + "Chicago NBD Corp.") has it back."""
    spans = [_company_start(text, s) for s in spans]
    found = [(m.start(), m.end(), "ORG") for m in COMPANY_NAMES.finditer(text)]
    if not found:
        return list(spans)
    kept = [s for s in spans if not any(s[0] < b and a < s[1] for a, b, _ in found)]
    return sorted([*kept, *found])


def _company_start(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """``First Chicago NBD Corp.``: a capitalised word right before a company the model
    ended with a corporate suffix (not a sentence's first word, nor Mr. or Dr.) is the
    company's first word."""
    start, end, label = span
    words = text[start:end].split()
    if label != "ORG" or words[-1] not in CORPORATE_SUFFIXES or len(words) < 2:
        return span
    found = NAME_BEFORE.search(text, 0, start)
    if found is None or found.start(1) == 0:
        return span
    word = found.group(1)
    before = text[: found.start(1)].rstrip()
    if word in PERSON_TITLES or not before or before.endswith((".", "!", "?", '"', "“")):
        return span
    return (found.start(1), end, label)


LIST_JOIN = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def list_mates(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's labels corrected by a name's neighbours: in a list of people
    ("Romelu Lukaku, Yannick Carrasco, and Dries Mertens") a name the model called an
    organization is a person too, if it reads as one and names no company; and a word
    it called an organization right before a person ("Dries" + "Mertens") is the
    person's given name."""
    out = list(spans)
    for i, (start, model_end, label) in enumerate(out):
        if label != "ORG":
            continue
        end = model_end
        words = text[start:end].split()
        if any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES or w in ORG_WORDS for w in words):
            continue
        if text[start:end] in COMPANIES_NAMED_AFTER_PEOPLE or not person_like(words):
            continue
        if org_cue_before(text, start):
            continue  # "companies Astrobotic, Intuitive Machines and Orbit Beyond"
        after = out[i + 1] if i + 1 < len(out) else None
        if after and after[2] == "PERSON" and text[end : after[0]] == " " and len(words) == 1:
            out[i] = (start, start, "")  # joined into the next: emptied, then dropped
            out[i + 1] = (start, after[1], "PERSON")
            continue
        before = out[i - 1] if i else None
        more = NEXT_NAME.match(text, end) if len(words) == 1 else None
        if more and more.group(1) not in NOT_NAME_PARTS and (after is None or after[0] > end):
            end = more.end()  # "Dries" + "Mertens", which the model left out
            words = text[start:end].split()
        mates = [
            m
            for m in (before, after)
            if m is not None
            and m[2] == "PERSON"
            and LIST_JOIN.match(text[min(end, m[1]) : max(start, m[0])])
        ]
        if mates and len(words) >= 2:
            out[i] = (start, end, "PERSON")
    out = [s for s in out if s[0] < s[1]]
    mates = _unlabelled_mates(text, out)
    # a doubted organization that reads as one more person of the list is that person
    out = [
        s for s in out if s[2] not in DOUBTS or not any(m[0] < s[1] and s[0] < m[1] for m in mates)
    ]
    return sorted(out + mates)


def _unlabelled_mates(
    text: str, spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Names the model left out (or gave a label no linker reads, ``Dries Mertens``
    as a product) in a list of people it did label: persons, when they read as one."""
    people = [s for s in spans if s[2] == "PERSON"]
    if not people:
        return []
    found: list[tuple[int, int, str]] = []
    for run in SPAN.finditer(text):
        start, end = run.span()
        words = run.group(0).split()
        if (
            not 2 <= len(words) <= 3
            or any(s[0] < end and start < s[1] and s[2] not in DOUBTS for s in spans)
            or any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES or w in ORG_WORDS for w in words)
            or not all(_PLAIN_NAME.fullmatch(w) or w in NAME_PARTICLES for w in words)
            or not person_like(words)
        ):
            continue
        mates = [p for p in people if LIST_JOIN.match(text[min(end, p[1]) : max(start, p[0])])]
        # a list of people, not one item the model took for a person among titles
        if any(
            LIST_JOIN.match(text[min(m[1], p[1]) : max(m[0], p[0])])
            for m in mates
            for p in people
            if p != m
        ):
            found.append((start, end, "PERSON"))
    return found


#: one word as names are written: a capital, then lower case ("Mertens", "Al-Amin")
_PLAIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ’']+(?:-[A-ZÀ-ÖØ-Þa-zà-ÿ][a-zà-ÿ’']+)*")


NAME_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))([{UPPER}][a-zà-ÿ’'-]+) $")


def given_name_before(text: str, start: int, free_from: int) -> int:
    """Where a one-word person the model cut from its given name starts: "the Refugee
    Council Enver Solomon" tags only "Solomon"; "Enver" is a capitalised word in no
    other candidate that is no title, organization, place or sentence start."""
    found = NAME_BEFORE.search(text, free_from, start)
    if found is None or found.start(1) == 0:
        return start
    word = found.group(1)
    before = text[: found.start(1)].rstrip()
    if (
        word in NOT_NAME_PARTS
        or word in PERSON_TITLES
        or word in SINGLE_ORGS
        or before.endswith((".", "!", "?"))
    ):
        return start
    return found.start(1)


def before_caption_label(text: str, start: int, end: int) -> int:
    """The end of a candidate without a credit label it ran into: a caption with no full
    stop is followed by ``Image: Twitter`` in scraped news, and the model reads
    ``Ahmed Mohamed Image`` as one name."""
    head, _, last = text[start:end].rpartition(" ")
    if not head.strip() or last not in CAPTION_LABELS or not text[end:].lstrip(" ").startswith(":"):
        return end
    return start + len(head.rstrip())
