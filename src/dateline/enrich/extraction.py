"""What the entity linker produces for one article: entities, mentions, context.

Shared by the linker (:mod:`dateline.enrich.entities`), the merges after it, and the
event rules that read who took part in each clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.enrich.gazetteer import GeoPlace
from dateline.enrich.registry import RegistryEntry
from dateline.model.meta import EntitySpec, GeoSpec

__all__ = ["Extraction", "Found", "Mention"]


@dataclass
class Found:
    """An entity as it is being assembled from its mentions."""

    key: str
    type: str
    name: str
    evidence: str
    alternate_name: list[str] = field(default_factory=list)
    job_title: str | None = None
    affiliation: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    parent: str | None = None
    contained_in: str | None = None
    place: GeoPlace | None = None
    registry: RegistryEntry | None = None
    named: bool = True  # False for a country added only because a named city is in it

    def spec(self) -> EntitySpec:
        entry = self.registry
        place = self.place
        geo = None
        if entry is not None and entry.geo is not None:
            geo = entry.geo
        elif place is not None and place.latitude is not None and place.longitude is not None:
            geo = GeoSpec(latitude=place.latitude, longitude=place.longitude)
        return EntitySpec.model_validate(
            {
                "id": self.key,
                "type": self.type,
                "name": self.name,
                "alternate_name": (entry.alternate_name if entry else []) or self.alternate_name,
                "description": entry.description if entry else None,
                "job_title": (entry.job_title if entry else None) or self.job_title,
                "affiliation": (entry.affiliation if entry else []) or self.affiliation,
                "member_of": (entry.member_of if entry else []) or self.member_of,
                "works_for": entry.works_for if entry else [],
                "parent_organization": (entry.parent_organization if entry else None)
                or self.parent,
                "contained_in": (entry.contained_in if entry else None) or self.contained_in,
                "country": (entry.country if entry else None)
                or (place.country if place and place.kind == "City" else None),
                "geo": geo,
                "geonames_id": (entry.geonames_id if entry else None)
                or (place.geonames_id if place else None),
                "url": entry.url if entry else None,
                "same_as": entry.same_as if entry else [],
                "evidence": self.evidence,
            }
        )


@dataclass(frozen=True)
class Mention:
    key: str
    sentence: int  # -1 for the headline
    start: int
    end: int
    text: str


@dataclass
class Extraction:
    entities: dict[str, Found] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # ISO codes, most mentioned first
    acronyms: dict[str, str] = field(default_factory=dict)  # defined in the text: ACR → long
    #: one-word names the model calls a person, and nothing else, in two or more places
    #: ("Mokhber stated …", "Mokhber called for …"): people the story names by surname
    recurring_people: frozenset[str] = frozenset()

    #: the article's words written in lower case: an all-capitals "VOTE" or "GREAT" is
    #: one of them shouted, not a name
    ordinary_words: frozenset[str] = frozenset()

    #: descriptions resolved to the person they describe ("Iran's acting president" →
    #: Mokhber, :mod:`dateline.enrich.coref`); apart from ``mentions``, which are names
    descriptions: list[Mention] = field(default_factory=list)

    #: folded names the article uses as sports teams (:mod:`dateline.enrich.teams`)
    teams: frozenset[str] = frozenset()
    #: folded names the article uses as stock indexes ("the benchmark Sensex")
    indexes: frozenset[str] = frozenset()
    #: folded names the article uses for programmes, missions' vehicles and storms
    #: ("the Paycheck Protection Program", "the CLPS program", "Hurricane Florence")
    programmes: frozenset[str] = frozenset()
    #: folded full names that beat or lost to another in a story about sport: players
    players: frozenset[str] = frozenset()
    #: the model's candidates as written (no leading "the", no possessive ending): the
    #: names the article uses on their own
    alone: frozenset[str] = frozenset()
    #: one-word names the article also writes as plurals ("Macs"): products
    counted: frozenset[str] = frozenset()

    #: organizations proposed, not published: names the news recognizer called an
    #: organization that the model's own recognizer did not confirm (``nlp_ner_confirm``)
    #: and that no cue of the text settles, as the linker would have published them;
    #: ``dateline review`` lists them for an editor to judge. Never in the metadata.
    proposed: list[Found] = field(default_factory=list)
    #: where each proposed organization is named (``Mention.key`` is its ``Found.key``)
    proposed_mentions: list[Mention] = field(default_factory=list)

    def in_sentence(self, index: int, descriptions: bool = False) -> list[Mention]:
        """The mentions in one sentence, in text order; with ``descriptions``, the
        resolved descriptions too (who took part, for a clause that names no one)."""
        found = [m for m in self.mentions if m.sentence == index]
        if descriptions:
            found += [m for m in self.descriptions if m.sentence == index]
        return sorted(found, key=lambda m: (m.start, m.end))

    def entity_at(self, sentence: int, start: int, end: int) -> str | None:
        """The key of the entity a name or resolved description names within
        ``start:end`` of a sentence (-1: the headline), the longest one if several."""
        covering = [
            m
            for m in [*self.mentions, *self.descriptions]
            if m.sentence == sentence and start <= m.start and m.end <= end
        ]
        if not covering:
            return None
        return max(covering, key=lambda m: (m.end - m.start, -m.start)).key

    def named(self) -> list[Found]:
        return [e for e in self.entities.values() if e.named]

    def free_key(self, base: str, suffix: str = "event") -> str:
        """``base``, or ``base-<suffix>`` (then ``-2``, ``-3``…) when an entity already has
        that key: the key rule that keeps inferred nodes apart (an Organization and an
        Event both called "Kohelet Policy Forum" get ``kohelet-policy-forum`` and
        ``kohelet-policy-forum-event``), so enrichment never fails a build on a key."""
        if base not in self.entities:
            return base
        key = f"{base}-{suffix}"
        n = 2
        while key in self.entities:
            key = f"{base}-{suffix}-{n}"
            n += 1
        return key
