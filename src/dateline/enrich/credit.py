"""Wire credit: the agency a story's dateline names, and the people its credit line names.

A story that opens ``LONDON (Reuters) -`` or ``WASHINGTON (AP) —`` was written by
that agency, not by the site that runs it; one that ends ``(Reporting by …; Editing
by …)`` names who reported and who edited it. Crediting the site as author of such a
story is false, and reading the credit line as article text is worse: the reporters
became Persons (or Organizations) the story "mentions". This module reads only what
the text says:

* the agency, from the dateline's parenthesis (``(Reuters)``, ``(PTI)``), or from a
  dateline with no place (``March 21 (Reuters) -``), and only when the agency is in
  the bundled table (``data/agencies.yaml``): a parenthesis it cannot read credits
  no one;
* the people, from a closing credit line in Reuters style (``Reporting by A and B
  in Oslo; Writing by C; Editing by D``) or AP style (``Associated Press writers A
  and B contributed to this report.``), each with the role the line gives.

The place in the dateline itself is :mod:`dateline.enrich.dateline`'s job; this
module asks it and adds nothing to it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

import yaml

from dateline.enrich.dateline import find_dateline
from dateline.read.draft import Draft, Paragraph

__all__ = [
    "Agency",
    "Credit",
    "Credited",
    "Role",
    "agency_named",
    "find_credit",
    "load_agencies",
    "placeless_end",
    "without_credit",
]


@dataclass(frozen=True)
class Agency:
    """A news agency a dateline may credit: one row of ``data/agencies.yaml``."""

    key: str
    name: str
    url: str
    printed: tuple[str, ...]
    example: str


@functools.cache
def load_agencies() -> tuple[Agency, ...]:
    """The bundled agency table (read once per process; rows are immutable)."""
    text = resources.files("dateline").joinpath("data/agencies.yaml").read_text("utf-8")
    return tuple(
        Agency(
            key=str(row["key"]),
            name=str(row["name"]),
            url=str(row["url"]),
            printed=tuple(str(p) for p in row["printed"]),
            example=str(row["example"]),
        )
        for row in yaml.safe_load(text)
    )


def agency_named(printed: str, agencies: Sequence[Agency] | None = None) -> Agency | None:
    """The agency printed as ``printed`` (``AP``, ``Reuters``), ignoring case; else None."""
    wanted = " ".join(printed.split()).casefold()
    for agency in load_agencies() if agencies is None else agencies:
        if any(wanted == p.casefold() for p in agency.printed):
            return agency
    return None


class Role(StrEnum):
    """What a credit line says a person did."""

    REPORTING = "reporting"
    ADDITIONAL_REPORTING = "additional reporting"
    WRITING = "writing"
    COMPILING = "compiling"
    CONTRIBUTING = "contributing"
    EDITING = "editing"


@dataclass(frozen=True)
class Credited:
    """A person a credit line names, with the role it gives them."""

    name: str
    role: Role


@dataclass(frozen=True)
class Credit:
    """What the text credits: the agency (with the dateline that names it) and the
    people of the closing credit line (with that line as printed).

    ``text_end`` is where the article's own text ends: the index of the first
    paragraph that is only credit, and the length the paragraph before it keeps
    (a credit in parentheses may close the last paragraph)."""

    agency: Agency | None = None
    agency_evidence: str | None = None
    people: tuple[Credited, ...] = ()
    people_evidence: str | None = None
    text_end: tuple[int, int | None] | None = None

    @property
    def contributors(self) -> tuple[str, ...]:
        return _unique(p.name for p in self.people if p.role is not Role.EDITING)

    @property
    def editors(self) -> tuple[str, ...]:
        return _unique(p.name for p in self.people if p.role is Role.EDITING)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


_MONTH_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
#: ``March 21 (Reuters) -`` and ``(Bloomberg) --``: an agency dateline with no place
_PLACELESS = re.compile(
    rf"^(?:{_MONTH_DAY}\s*)?\((?P<agency>[A-Za-z][\w .&/-]{{0,30}})\)"
    r"(?:\s*[–—-]{1,2}|\s*:)\s+"
)

_ROLES = {
    "reporting": Role.REPORTING,
    "reported": Role.REPORTING,
    "additional reporting": Role.ADDITIONAL_REPORTING,
    "further reporting": Role.ADDITIONAL_REPORTING,
    "extra reporting": Role.ADDITIONAL_REPORTING,
    "writing": Role.WRITING,
    "written": Role.WRITING,
    "compiled": Role.COMPILING,
    "compiling": Role.COMPILING,
    "editing": Role.EDITING,
    "edited": Role.EDITING,
}
_ROLE = "|".join(sorted((re.escape(r) for r in _ROLES), key=len, reverse=True))
#: one ``;``-separated part of a Reuters-style credit: ``Reporting by A and B in Oslo``
_SEGMENT = re.compile(rf"^(?P<role>{_ROLE})\s+by\s+(?P<names>.+)$", re.IGNORECASE)
#: a closing parenthesis that is a credit: ``… on Friday. (Reporting by A; Editing by B)``
_TRAILING = re.compile(rf"\s*\((?P<credit>(?:{_ROLE})\s+by\s[^()]+)\)\s*$", re.IGNORECASE)
#: AP style: ``Associated Press writers A and B contributed to this report.``
_CONTRIBUTED = re.compile(
    r"^(?:The\s+)?(?P<agency>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+"
    r"(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?|videojournalists?)\s+"
    r"(?P<names>.+?)\s+contributed(?:\s+(?:to\s+this\s+(?:report|story)|reporting))?"
    r"(?:\s+from\s+[^.]+)?\.?$"
)
#: a person's name as credit lines print it: two to five words, each capitalised or a
#: particle (``Gwladys Fouche``, ``Ida Wolden Bache``, ``Mohammed bin Salman``)
_PARTICLE = r"(?:de|da|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|das|ter)"
_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]'[A-Z][\w'’-]*)"
_NAME = re.compile(rf"^{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,4}}$")
#: words that make a credited "name" a desk or a team, not a person
_NOT_PEOPLE = frozenset(
    "staff newsroom bureau desk team reporters correspondents writers tv television "
    "video graphics photos pictures service services agency agencies news".split()
)
#: ``… in Oslo``, ``… from Kyiv``: where a person reported from is not part of the name
_WHERE = re.compile(r"\s+(?:in|from|at)\s+\S.*$")


def _names(text: str, agencies: Sequence[Agency]) -> list[str]:
    """The people's names in ``A, B and C in Oslo`` (places dropped; desks refused)."""
    names = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text):
        name = _WHERE.sub("", part.strip()).strip(" .")
        words = name.split()
        if not _NAME.match(name) or any(w.casefold() in _NOT_PEOPLE for w in words):
            continue
        if agency_named(name, agencies) is not None:
            continue
        names.append(name)
    return names


def _credit_line(text: str, agencies: Sequence[Agency]) -> list[Credited] | None:
    """The people of a whole credit line, or None when ``text`` is not one."""
    line = text.strip()
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    line = line.rstrip(".").strip()
    contributed = _CONTRIBUTED.match(line)
    if contributed and agency_named(contributed["agency"], agencies) is not None:
        found = _names(contributed["names"], agencies)
        return [Credited(n, Role.CONTRIBUTING) for n in found] or None
    people: list[Credited] = []
    for segment in re.split(r"\s*;\s*", line) if ";" in line else [line]:
        match = _SEGMENT.match(segment.strip())
        if match is None:
            return None  # one part that is not a credit: the paragraph is article text
        role = _ROLES[" ".join(match["role"].split()).casefold()]
        people.extend(Credited(n, role) for n in _names(match["names"], agencies))
    return people or None


def placeless_end(paragraph: str) -> int:
    """Where an agency dateline with no place (``March 21 (Reuters) -``) ends; 0 if none."""
    found = _PLACELESS.match(paragraph)
    return found.end() if found else 0


def find_credit(paragraphs: Sequence[str], agencies: Sequence[Agency] | None = None) -> Credit:
    """What ``paragraphs`` (the article's body, in order) credit; empty when nothing."""
    table = load_agencies() if agencies is None else agencies
    agency = evidence = None
    if paragraphs:
        first = paragraphs[0]
        dateline = find_dateline(first)
        printed, end = (dateline.agency, dateline.end) if dateline else (None, 0)
        placeless = _PLACELESS.match(first) if dateline is None else None
        if placeless is not None:
            printed, end = placeless["agency"], placeless.end()
        agency = agency_named(printed, table) if printed else None
        evidence = first[:end].strip() if agency else None
    people: list[Credited] = []
    lines: list[str] = []
    text_end: tuple[int, int | None] | None = None
    # credit lines close the story: read back from the last paragraph (never the lead)
    index = len(paragraphs) - 1
    while index > 0:
        found = _credit_line(paragraphs[index], table)
        if found is None:
            break
        people[:0] = found
        lines.insert(0, paragraphs[index].strip())
        text_end = (index, None)
        index -= 1
    # the credit in brackets that ends the last paragraph of text; the pattern ends with
    # the closing bracket, which a search would look for at every character
    if index >= 0 and paragraphs[index].rstrip().endswith(")"):
        trailing = _TRAILING.search(paragraphs[index])
        found = _credit_line(trailing["credit"], table) if trailing else None
        if trailing is not None and found is not None and trailing.start() > 0:
            people[:0] = found
            lines.insert(0, trailing.group().strip())
            text_end = (index, trailing.start())
    return Credit(
        agency=agency,
        agency_evidence=evidence,
        people=tuple(people),
        people_evidence=" ".join(lines) or None,
        text_end=text_end,
    )


def without_credit(draft: Draft, credit: Credit | None = None) -> Draft:
    """The draft without its closing credit line, for the extractors that read the text
    for facts: the people who reported a story are not people the story is about."""
    if credit is None:
        credit = find_credit([p.text for p in draft.paragraphs])
    if credit.text_end is None:
        return draft
    index, keep = credit.text_end
    paragraphs: tuple[Paragraph, ...] = draft.paragraphs[:index]
    if keep is not None:
        last = draft.paragraphs[index]
        paragraphs += (Paragraph(last.text[:keep].rstrip(), last.line),)
    return dataclasses.replace(draft, paragraphs=paragraphs)
