"""After every sentence is read: the entities that are one, merged.

A name the model typed two ways, a given name written short, a person the model took for
a body: each pair becomes one entity, its other names kept as alternateNames and every
mention and link repointed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from dateline.enrich.extraction import Extraction, Found, Mention
from dateline.enrich.lexicon import (
    COMPANIES_NAMED_AFTER_PEOPLE,
    COMPANY_WORDS,
    CORPORATE_SUFFIXES,
)
from dateline.enrich.name_shapes import family, is_short_for, person_like

__all__ = [
    "absorb",
    "known_name",
    "likeliest_full_name",
    "merge_given_name_variants",
    "merge_reordered_bodies",
    "merge_same_names",
    "people_taken_for_bodies",
    "repoint",
    "same_given_name",
]


def known_name(result: Extraction, span: str) -> Found | None:
    """The entity the article already gave this very name, if exactly one."""
    same = [
        e
        for e in result.entities.values()
        if e.named and e.type in ("Person",) and (e.name == span or span in e.alternate_name)
    ]
    return same[0] if len(same) == 1 else None


def absorb(result: Extraction, short: Found, target: Found) -> None:
    """``short`` is another name of ``target``: kept as its alternateName, then merged."""
    for name in [short.name, *short.alternate_name]:
        if name != target.name and name not in target.alternate_name:
            target.alternate_name.append(name)
    repoint(result, short, target)


def likeliest_full_name(short: str, full: list[Found], counts: Counter[str]) -> list[Found]:
    """The one of several full names a lone name is short for that a reader would take:
    one it ends (a surname: ``Mohamed`` is ``Ahmed Mohamed``, not ``Mohamed El-Hassan``),
    then, if it ends more than one, the one the article names most often (its subject,
    not the father named once: ``Mohamed El-Hassan Mohamed``)."""
    words = short.split()
    ending = [p for p in full if p.name.split()[-len(words) :] == words] or full
    if len(ending) < 2:
        return ending
    ranked = sorted(ending, key=lambda p: -counts[p.key])
    if counts[ranked[0].key] > counts[ranked[1].key]:
        return ranked[:1]
    return ending


def same_given_name(a: str, b: str) -> bool:
    """``B.`` and ``Benjamin``, ``Josh`` and ``Joshua``: one given name, written as an
    initial or shortened."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) == 1:
        return long.startswith(short)
    return len(short) >= 3 and long.startswith(short)


def merge_given_name_variants(result: Extraction, counts: Counter[str]) -> None:
    """``Josh Apte`` and ``Joshua Apte``, ``B. U. Nzeribe`` and ``Benjamin Nzeribe``: full
    names with one surname whose given names agree (an initial, a short form) are one
    person, when every full name with that surname agrees; the one the article names
    most (then the longest) keeps the name, the others are its alternateNames."""
    by_surname: dict[str, list[Found]] = {}
    for e in result.entities.values():
        words = e.name.split()
        if e.type == "Person" and e.registry is None and len(words) >= 2:
            by_surname.setdefault(words[-1], []).append(e)
    for group in by_surname.values():
        if len(group) < 2 or len({e.name.split()[0].rstrip(".") for e in group}) < 2:
            continue
        firsts = [e.name.split()[0] for e in group]
        if not all(same_given_name(a, b) for a in firsts for b in firsts):
            continue
        keep = max(group, key=lambda e: (counts[e.key], len(e.name), e.key))
        for other in group:
            if other is not keep and other.key in result.entities:
                absorb(result, other, keep)


def people_taken_for_bodies(result: Extraction) -> None:
    """``Mason Rudolph`` the model called an organization once, in an article that calls
    him ``Rudolph`` the person elsewhere: a two- or three-word name that reads as a
    person's, no company's, whose short form is a person of the article, is a person."""
    people = [e.name for e in result.entities.values() if e.type == "Person"]
    if not people:
        return
    for org in result.entities.values():
        words = org.name.split()
        if (
            org.type == "Organization"
            and org.registry is None
            and not org.key.endswith("-team")
            and 2 <= len(words) <= 3
            and org.name not in COMPANIES_NAMED_AFTER_PEOPLE
            and not any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words)
            and person_like(words)
            and any(is_short_for(name, org.name) for name in people)
        ):
            org.type = "Person"


def merge_same_names(result: Extraction) -> None:
    """One name, one entity: "Mary Steenburgen" the model called a person in one place
    and an organization in another is one of them, the one most mentions say (a person
    on a tie; a place only when nothing else: "Alibaba" is no place the gazetteer
    knows). Gazetteer places and registry entries keep their own ("Jordan" the country
    and "Jordan" a player are two)."""
    by_name: dict[str, list[Found]] = {}
    for entity in result.entities.values():
        if entity.place is None and entity.registry is None and entity.named:
            by_name.setdefault(entity.name, []).append(entity)
    counts = Counter(m.key for m in result.mentions)
    for same in by_name.values():
        if len(same) < 2:
            continue
        # a place no gazetteer knows is the model's guess: a person or body wins over it
        # (but an area the text calls one, "Paktika province", is no guess)
        candidates = (
            [e for e in same if e.type == "AdministrativeArea"]
            or [e for e in same if family(e.type) != "place"]
            or same
        )
        keep = max(candidates, key=lambda e: (counts[e.key], e.type == "Person", -len(e.key)))
        for other in same:
            if other is not keep and other.key in result.entities:
                keep.alternate_name.extend(
                    n for n in other.alternate_name if n not in keep.alternate_name
                )
                keep.job_title = keep.job_title or other.job_title
                repoint(result, other, keep)
        base = min((e.key for e in same), key=len)
        if keep.key != base and base not in result.entities:
            # the name's own key ("alibaba", not "alibaba-organization") goes to what it is
            renamed = dataclasses.replace(keep, key=base)
            result.entities[base] = renamed
            repoint(result, keep, renamed)


#: "Department of Justice", "U.S. Department of State", "Ministry of Health": a national
#: body's head, then what it does ("Michigan Department of Health" is a state's, which a
#: "Health Department" of the same story need not be)
_HEAD_OF = re.compile(
    r"^(?:U\.S\.\s+)?(?P<head>Department|Ministry)\s+of\s+(?:the\s+)?(?P<what>[^,]+)$"
)
#: "Justice Department", "U.S. State Department", "Health Ministry": the same the other way
_WHAT_HEAD = re.compile(
    r"^(?:U\.S\.\s+)?(?P<what>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*)?)\s+(?P<head>Department|Ministry)$"
)


def _reordered_key(name: str) -> tuple[str, str] | None:
    """``("Department", "Justice")`` for both ``Justice Department`` and ``Department of
    Justice``; None for a name of another shape."""
    match = _HEAD_OF.match(name) or _WHAT_HEAD.match(name)
    return (match["head"], match["what"]) if match else None


def merge_reordered_bodies(result: Extraction) -> None:
    """``Justice Department`` and ``Department of Justice`` (``State Department`` and ``U.S.
    Department of State``) in one article are one body, named as the text first wrote it in
    full ("of"), the other kept as its alternateName. Only where exactly one "of" form has
    that key: ``Health Ministry`` beside two countries' "Ministry of Health" stays apart."""
    bodies: dict[tuple[str, str], list[Found]] = {}
    for entity in list(result.entities.values()):
        if family(entity.type) != "organization" or entity.registry is not None:
            continue
        key = _reordered_key(entity.name)
        if key is not None:
            bodies.setdefault(key, []).append(entity)
    for same in bodies.values():
        full = [e for e in same if _HEAD_OF.match(e.name)]
        if len(same) < 2 or len(full) != 1:
            continue
        (target,) = full
        for other in same:
            if other is not target and other.key in result.entities:
                absorb(result, other, target)


def repoint(result: Extraction, old: Found, new: Found) -> None:
    """Merge ``old`` into ``new``: its mentions and every link to it now name ``new``."""
    del result.entities[old.key]
    result.mentions = [
        Mention(new.key, m.sentence, m.start, m.end, m.text) if m.key == old.key else m
        for m in result.mentions
    ]
    for entity in result.entities.values():
        for links in (entity.affiliation, entity.member_of):
            if old.key in links:
                links[links.index(old.key)] = new.key
                links[:] = list(dict.fromkeys(links))
        if entity.parent == old.key:
            entity.parent = new.key
        if entity.contained_in == old.key:
            entity.contained_in = new.key
