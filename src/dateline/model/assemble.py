"""Model: merged metadata and body text → a validated :class:`ArticleGraph`.

This is where keys become ``@id``s, naive times get their zone by name, and an
entity or event that links to a key nobody defined becomes a finding naming the
field. Everything downstream renders the graph built here and nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from dateline.errors import Finding, ValidationFailed
from dateline.model.article import ArticleGraph, NewsArticle
from dateline.model.base import Ref, trusted
from dateline.model.codes import validation_findings
from dateline.model.entities import (
    GeoCoordinates,
    ImageObject,
    Organization,
    Person,
    Place,
    PostalAddress,
)
from dateline.model.event import Event
from dateline.model.ids import article_id, document_url, entity_id, key_for, page_url, website_id
from dateline.model.meta import AgencySpec, ArticleMeta, AuthorSpec, EntitySpec, EventSpec
from dateline.model.types import MAX_YEAR, MIN_YEAR, absolute_url
from dateline.settings import Settings
from dateline.suggest import closest_zone, did_you_mean

__all__ = ["GEONAMES", "assemble", "localize", "publisher_node", "slug_for"]

GEONAMES = "https://sws.geonames.org/{}/"
#: NewsArticle fields and the front-matter keys they come from, for error messages.
_FRONT_MATTER = {
    "date_published": "date",
    "date_modified": "updated",
    "headline": "title",
    "description": "summary",
    "in_language": "language",
    "article_section": "section",
    "keywords": "tags",
    "is_based_on": "source",
    "article": "article",
}
_PERSON = ("Person",)
_ORGS = ("Organization", "GovernmentOrganization", "NewsMediaOrganization")


def localize(value: dt.datetime | dt.date, zone: str) -> dt.datetime | dt.date:
    """Give a naive time its zone *by name*, so the offset is the one in force that day.

    Tehran's offset was +04:30 in summer until 2022 and +03:30 since; a fixed
    offset would be wrong for half the archive. Aware times and plain dates pass.
    """
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value


def slug_for(meta: ArticleMeta, path: Path) -> str:
    """The article's slug: the editor's, else one made from the headline, else the file name."""
    if meta.slug:
        return meta.slug
    return key_for(meta.title or path.stem)


def publisher_node(meta: ArticleMeta, base_url: str) -> Organization:
    assert meta.publisher is not None  # the site layer always sets one
    pub = meta.publisher
    return _publisher(pub.name, pub.url, pub.logo, base_url)


@functools.lru_cache(maxsize=8)
def _publisher(name: str, url: str, logo: str | None, base_url: str) -> Organization:
    """The publisher's node, made (and validated) once per site in a process, not for
    each of its articles: the same values make the same node, which is frozen."""
    return Organization(
        id=entity_id(base_url, key_for(name)),
        type="NewsMediaOrganization",
        name=name,
        url=url,
        logo=ImageObject(url=logo) if logo else None,
    )


#: Credited people, agencies and the links to them (and to the publisher and the site)
#: remembered per process: a site credits the same few in article after article.
_CREDITS_KEPT = 256


@functools.lru_cache(maxsize=_CREDITS_KEPT)
def _ref(node_id: str) -> Ref:
    """A link to a node many articles link to (the publisher, the site, a reporter): made
    (and validated) once in a process; a :class:`Ref` is frozen."""
    return Ref(id=node_id)


@functools.lru_cache(maxsize=_CREDITS_KEPT)
def _person(node_id: str, name: str, url: str | None) -> Person:
    """A credited person's node, made once in a process (frozen: shared by the graphs
    of the articles that credit them, as their text is)."""
    return Person(id=node_id, name=name, url=url)


@functools.lru_cache(maxsize=_CREDITS_KEPT)
def _organization(
    node_id: str, kind: Literal["Organization", "NewsMediaOrganization"], name: str, url: str | None
) -> Organization:
    """A credited organization's node (an agency), made once in a process (frozen)."""
    return Organization(id=node_id, type=kind, name=name, url=url)


class _Builder:
    """Collects findings while turning specs into nodes, so all are reported at once."""

    def __init__(self, path: Path, base_url: str, keys: dict[str, str]) -> None:
        self.path = path
        self.base_url = base_url
        self.keys = keys  # key -> schema.org type of what it names
        self.findings: list[Finding] = []

    def refs(self, keys: Iterable[str], field: str, allowed: tuple[str, ...]) -> list[Ref]:
        out = []
        for key in keys:
            kind = self.keys.get(key)
            if kind is None:
                self.findings.append(
                    Finding(
                        code="unknown_reference",
                        message=f"{key!r} is not the id of any entity or event of this article",
                        path=self.path,
                        field=field,
                        hint="add it under 'entities' or 'events', or fix the spelling",
                    )
                )
            elif kind not in allowed:
                self.findings.append(
                    Finding(
                        code="reference_type",
                        message=f"{key!r} is a {kind}, but {field} takes {' or '.join(allowed)}",
                        path=self.path,
                        field=field,
                    )
                )
            else:
                out.append(Ref(id=entity_id(self.base_url, key)))
        return out

    def ref(self, key: str | None, field: str, allowed: tuple[str, ...]) -> Ref | None:
        found = self.refs([key], field, allowed) if key else []
        return found[0] if found else None

    def entity(self, spec: EntitySpec, index: int) -> Person | Organization | Place:
        field = f"entities[{index}]"
        node_id = entity_id(self.base_url, spec.id)
        same_as = list(spec.same_as)
        if spec.geonames_id:
            same_as.append(GEONAMES.format(spec.geonames_id))
        if spec.type == "Person":
            return Person(
                id=node_id,
                name=spec.name,
                alternate_name=list(spec.alternate_name),
                description=spec.description,
                job_title=spec.job_title,
                # schema.org's affiliation takes an Organization: "Russian President" is
                # affiliated with Russia the country, which schema.org says as nationality
                affiliation=self.refs(
                    [k for k in spec.affiliation if self.keys.get(k) != "Country"],
                    f"{field}.affiliation",
                    _ORGS,
                ),
                nationality=self.refs(
                    [k for k in spec.affiliation if self.keys.get(k) == "Country"],
                    f"{field}.affiliation",
                    ("Country",),
                ),
                member_of=self.refs(spec.member_of, f"{field}.memberOf", _ORGS),
                works_for=self.refs(spec.works_for, f"{field}.worksFor", _ORGS),
                url=spec.url,
                same_as=same_as,
            )
        if spec.type in _ORGS:
            return Organization(
                id=node_id,
                type=spec.type,
                name=spec.name,
                alternate_name=list(spec.alternate_name),
                description=spec.description,
                url=spec.url,
                parent_organization=self.ref(
                    spec.parent_organization, f"{field}.parentOrganization", _ORGS
                ),
                same_as=same_as,
            )
        return Place(
            id=node_id,
            type=spec.type,
            name=spec.name,
            alternate_name=list(spec.alternate_name),
            description=spec.description,
            geo=GeoCoordinates(latitude=spec.geo.latitude, longitude=spec.geo.longitude)
            if spec.geo
            else None,
            address=PostalAddress(address_country=spec.country)
            if spec.country and spec.type != "Country"
            else None,
            contained_in_place=self.ref(
                spec.contained_in,
                f"{field}.containedIn",
                ("Place", "City", "Country", "AdministrativeArea"),
            ),
            same_as=same_as,
        )

    def event(self, spec: EventSpec, index: int) -> Event:
        field = f"events[{index}]"
        agents = ("Person", *_ORGS)
        places = ("Place", "City", "Country", "AdministrativeArea")
        return Event(
            id=entity_id(self.base_url, spec.id),
            type=spec.type,
            event_status=spec.event_status,
            name=spec.name,
            description=spec.description,
            start_date=spec.start_date,
            end_date=spec.end_date,
            location=self.refs(spec.location, f"{field}.location", places),
            attendee=self.refs(spec.attendee, f"{field}.attendee", agents),
            organizer=self.refs(spec.organizer, f"{field}.organizer", agents),
            performer=self.refs(spec.performer, f"{field}.performer", agents),
            super_event=self.ref(
                spec.super_event,
                f"{field}.superEvent",
                ("Event", "BusinessEvent", "SportsEvent", "PublicationEvent"),
            ),
            about=self.refs(spec.about, f"{field}.about", tuple(set(self.keys.values()))),
        )


class _Credits:
    """The nodes of the people and the agency an article credits, each made once.

    A credited name whose key an entity of the article already holds is that entity
    when the kinds agree (the reporter the story also names); otherwise it gets a key of
    its own (``-person``, ``-organization``), so no two nodes ever share an ``@id``.
    """

    def __init__(self, base_url: str, keys: dict[str, str], publisher: Organization) -> None:
        self.base_url = base_url
        self.keys = keys
        self.publisher = publisher
        self.nodes: list[Person | Organization] = []

    def _made(self, node_id: str) -> bool:
        return any(n.id == node_id for n in self.nodes)

    def people(self, specs: Iterable[AuthorSpec]) -> list[Ref]:
        """Refs to the credited persons (and organizations), making each node once."""
        refs: list[Ref] = []
        for spec in specs:
            key = key_for(spec.name)
            if spec.type == "Organization":
                found = self.organization(key, spec.name, spec.url, "Organization")
            else:
                found = self.person(key, spec)
            if found not in refs:
                refs.append(found)
        return refs

    def person(self, key: str, spec: AuthorSpec) -> Ref:
        kind = self.keys.get(key)
        if kind is not None and kind not in _PERSON:
            key = f"{key}-person"
        node_id = entity_id(self.base_url, key)
        if kind not in _PERSON and not self._made(node_id):
            self.nodes.append(_person(node_id, spec.name, spec.url))
        return _ref(node_id)

    def organization(
        self,
        key: str,
        name: str,
        url: str | None,
        kind: Literal["Organization", "NewsMediaOrganization"],
    ) -> Ref:
        node_id = entity_id(self.base_url, key)
        if node_id == self.publisher.id:
            return _ref(node_id)  # the site itself
        taken = self.keys.get(key)
        if taken is not None and taken not in _ORGS:
            node_id = entity_id(self.base_url, f"{key}-organization")
        if taken not in _ORGS and not self._made(node_id):
            self.nodes.append(_organization(node_id, kind, name, url))
        return _ref(node_id)

    def agency(self, spec: AgencySpec | None) -> Ref | None:
        if spec is None:
            return None
        key = spec.id or key_for(spec.name)
        return self.organization(key, spec.name, spec.url, "NewsMediaOrganization")


def _duplicates(keys: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({k for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]


def assemble(
    meta: ArticleMeta,
    body: str,
    path: Path,
    settings: Settings,
    words: int | None = None,
    *,
    checked: bool = False,
) -> ArticleGraph:
    """Build the article's graph; raises :class:`ValidationFailed` with every finding.

    ``words`` is ``len(body.split())`` when the caller has it (the reader counts them).
    ``checked``: validate the NewsArticle and the graph by their models even where
    what they are made of is known valid (what the fast way must equal: tests).
    """
    base = settings.base_url
    entities = list(meta.entities or [])
    events = list(meta.events or [])
    keys: dict[str, str] = {e.id: e.type for e in entities} | {e.id: e.type for e in events}
    builder = _Builder(path, base, keys)
    for dup in _duplicates([e.id for e in entities] + [e.id for e in events]):
        builder.findings.append(
            Finding(
                code="duplicate_id",
                message=f"id {dup!r} is used twice",
                path=path,
                field="entities/events",
            )
        )
    if not meta.title:
        builder.findings.append(
            Finding(
                code="missing_headline",
                message="the article has no headline",
                path=path,
                field="title",
                hint="put it on the first line, or set 'title' in front matter or the sidecar",
            )
        )
    if meta.date is None:
        builder.findings.append(
            Finding(
                code="missing_date",
                message="the article has no publication date"
                + (
                    f": the line {meta.date_text!r} under the headline is not a date line "
                    "dateline can read"
                    if meta.date_text
                    else ""
                ),
                path=path,
                field="date",
                hint="write the date line like 'July 19, 2024 10:00 EDT' or '2024-07-19 10:00', "
                "or set 'date' in the sidecar"
                if meta.date_text
                else "add a date line under the headline, or set 'date' in the sidecar",
            )
        )
    zone = meta.timezone or settings.timezone
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        builder.findings.append(
            Finding(
                code="unknown_timezone",
                message=f"unknown IANA time zone {zone!r}",
                path=path,
                field="timezone",
                hint=did_you_mean(closest_zone(zone)) or "use a name like 'Asia/Tehran'",
            )
        )
        zone = settings.timezone

    try:
        return _graph(
            meta,
            body,
            path=path,
            settings=settings,
            builder=builder,
            zone=zone,
            words=words,
            checked=checked,
        )
    except ValidationError as exc:
        raise ValidationFailed(validation_findings(exc, path, rename=_FRONT_MATTER)) from exc


def _graph(
    meta: ArticleMeta,
    body: str,
    *,
    path: Path,
    settings: Settings,
    builder: _Builder,
    zone: str,
    words: int | None = None,
    checked: bool = False,
) -> ArticleGraph:
    base = settings.base_url
    entities = list(meta.entities or [])
    events = list(meta.events or [])
    keys = builder.keys
    nodes: list[Event | Person | Organization | Place] = []
    nodes.extend(builder.event(spec, i) for i, spec in enumerate(events))
    publisher = publisher_node(meta, base)
    for i, spec in enumerate(entities):
        node = builder.entity(spec, i)
        if node.id != publisher.id:
            nodes.append(node)
        elif spec.type not in _ORGS:
            builder.findings.append(
                Finding(
                    code="conflicting_id",
                    message=f"entity {spec.id!r} ({spec.type}) has the id of the site's "
                    f"publisher, {publisher.name}",
                    path=path,
                    field=f"entities[{i}].id",
                    hint="give the entity another id in its sidecar",
                )
            )
        # an organization under the publisher's key is the publisher: its node stands
    credits = _Credits(base, keys, publisher)
    author_refs = credits.people(meta.author or [])
    agency = credits.agency(meta.agency)
    # unsigned: the agency the text credits is the author (a wire story's byline), else
    # the publisher (a newsroom's corporate byline); an editor's byline always wins
    author_refs = author_refs or [agency or _ref(publisher.id)]
    contributor = credits.people(meta.contributor or [])
    editor = credits.people(meta.editor or [])

    event_keys = [e.id for e in events]
    about_keys = meta.about if meta.about is not None else event_keys[:1]
    about = builder.refs(about_keys, "about", tuple(set(keys.values())))
    if meta.mentions is not None:
        mention_keys = meta.mentions
    else:
        mention_keys = [k for k in [*event_keys, *(e.id for e in entities)] if k not in about_keys]
    mentions = builder.refs(mention_keys, "mentions", tuple(set(keys.values())))
    location_created = builder.ref(
        meta.dateline_place, "datelinePlace", ("Place", "City", "Country", "AdministrativeArea")
    )
    if builder.findings:
        raise ValidationFailed(builder.findings)

    assert meta.title is not None
    assert meta.date is not None
    assert meta.language is not None
    slug = slug_for(meta, path)
    url = page_url(base, slug)
    values = {
        "id": article_id(base, slug),
        "url": url,
        "main_entity_of_page": url,
        "headline": meta.title,
        "description": meta.summary,
        "date_published": localize(meta.date, zone),
        "date_modified": localize(meta.updated, zone) if meta.updated else None,
        "dateline": meta.dateline,
        "article_body": body,
        "word_count": len(body.split()) if words is None else words,
        "in_language": meta.language,
        "article_section": meta.section,
        "keywords": list(meta.tags or []),
        "image": [ImageObject(url=meta.image.url, caption=meta.image.caption)]
        if meta.image
        else [],
        "author": author_refs,
        "source_organization": agency,
        "contributor": contributor,
        "editor": editor,
        "publisher": _ref(publisher.id),
        "location_created": location_created,
        "about": about,
        "mentions": mentions,
        "is_part_of": _ref(website_id(base)),
        "is_based_on": meta.source,
    }
    graph = {
        "id": document_url(base, slug),
        "slug": slug,
        "nodes": [*nodes, *credits.nodes, publisher],
        "draft": bool(meta.draft),
        "timezone": zone,
    }
    if checked or not _valid_as_made(values, slug):
        return ArticleGraph(article=NewsArticle(**values), **graph)
    # every value is a validated field of the metadata or a node its model made, and
    # what validation would still check of them was checked just now
    return trusted(ArticleGraph, {"article": trusted(NewsArticle, values), **graph})


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _valid_as_made(values: dict[str, Any], slug: str) -> bool:
    """Whether the NewsArticle's ``values`` and the graph's ``slug`` are, as they are,
    what validating them by their models gives: the checks the metadata's own
    validation did not make (a date's year and zone, the page's URL as built from
    the slug, the lengths). False: validate them (and report what is wrong)."""
    for moment in (values["date_published"], values["date_modified"]):
        if isinstance(moment, dt.datetime) and (
            moment.utcoffset() is None or not MIN_YEAR <= moment.year <= MAX_YEAR
        ):
            return False
    try:
        urls = [values["url"], *([values["is_based_on"]] if values["is_based_on"] else [])]
        if any(absolute_url(u) != u for u in urls):
            return False
    except ValueError:  # pydantic's own error: refused by the validator, said there
        return False
    return bool(
        _SLUG.fullmatch(slug)
        and values["headline"]
        and values["article_body"]
        and values["word_count"] >= 1
        and values["in_language"]
    )
