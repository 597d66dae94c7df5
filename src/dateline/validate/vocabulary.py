"""schema.org conformance: every type and property exists, and each property is used on
a type it belongs to (domainIncludes) with a value of a type it takes (rangeIncludes),
subclasses included.

The table comes with dateline (``dateline/data/schemaorg-terms.json``, derived from
the official release by :mod:`dateline.validate.vocabgen`), so checking needs no
network. The checks run on the JSON-LD a build emits, i.e. on what consumers see.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import Finding

__all__ = ["Vocabulary"]

_TABLE = Path(__file__).resolve().parent.parent / "data" / "schemaorg-terms.json"
# JSON values and the schema.org data types they can stand for.
_LITERALS: dict[type, set[str]] = {
    str: {"Text", "URL", "Date", "DateTime", "Time"},
    bool: {"Boolean"},
    int: {"Integer", "Number"},
    float: {"Number", "Float"},
}


@dataclass(frozen=True)
class Vocabulary:
    version: str
    classes: dict[str, list[str]]
    members: dict[str, list[str]]
    properties: dict[str, dict[str, list[str]]]

    @staticmethod
    @functools.cache
    def bundled() -> Vocabulary:
        """The table shipped with dateline (read once per process; it is read-only)."""
        data = json.loads(_TABLE.read_text(encoding="utf-8"))
        return Vocabulary(data["version"], data["classes"], data["members"], data["properties"])

    def ancestors(self, name: str) -> frozenset[str]:
        return self._ancestors(name)

    @functools.cached_property
    def _cache(self) -> dict[str, frozenset[str]]:
        return {}

    def _ancestors(self, name: str) -> frozenset[str]:
        found = self._cache.get(name)
        if found is None:
            out = {name}
            for parent in self.classes.get(name, []):
                out |= self._ancestors(parent)
            found = frozenset(out)
            self._cache[name] = found
        return found

    def is_a(self, kinds: Iterable[str], targets: Iterable[str]) -> bool:
        wanted = set(targets)
        return any(self.ancestors(k) & wanted for k in kinds)

    @functools.cached_property
    def _fits(self) -> dict[tuple[tuple[str, ...], str, str], bool]:
        """Answers of :meth:`_is_a_for` already given: a build asks the same few
        (types, property) questions for every article."""
        return {}

    def _is_a_for(self, kinds: list[str], prop: str, side: str) -> bool:
        """:meth:`is_a` of ``kinds`` against the ``side`` ("domains" or "ranges") of
        ``prop``, remembered."""
        key = (tuple(kinds), prop, side)
        found = self._fits.get(key)
        if found is None:
            found = self._fits[key] = self.is_a(kinds, self.properties[prop][side])
        return found

    @functools.cached_property
    def _literal_fits(self) -> dict[tuple[type, str], bool]:
        """(JSON type, property) → whether every value of that type fits the property's
        range (see :meth:`_value`): an article's texts and numbers are checked by one
        look each, not a walk through the ranges."""
        return {}

    def terms(self) -> list[str]:
        return sorted({*self.classes, *self.properties})

    def check(
        self, graph: list[dict[str, Any]], path: Path | None, known: dict[str, list[str]]
    ) -> list[Finding]:
        """Findings for the nodes of a compacted ``@graph``; ``known`` gives the types of
        nodes described elsewhere (the site's WebSite)."""
        types = dict(known)
        for node in graph:
            if "@id" in node:
                types[node["@id"]] = _types(node)
        findings: list[Finding] = []
        for node in graph:
            findings.extend(self._node(node, types, path))
        return findings

    def _node(
        self, node: dict[str, Any], types: dict[str, list[str]], path: Path | None
    ) -> list[Finding]:
        findings: list[Finding] = []
        kinds = _types(node)
        where = node.get("@id", "an embedded node")
        for kind in kinds:
            if kind not in self.classes:
                findings.append(
                    Finding("unknown_type", f"{kind!r} ({where}) is not a schema.org type", path)
                )
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            spec = self.properties.get(prop)
            if spec is None:
                findings.append(
                    Finding(
                        "unknown_schema_property",
                        f"{prop!r} on {where} is not a schema.org property",
                        path,
                        field=prop,
                    )
                )
                continue
            if kinds and not self._is_a_for(kinds, prop, "domains"):
                findings.append(
                    Finding(
                        "property_not_allowed",
                        f"{prop!r} is not a property of {'/'.join(kinds)} ({where}); "
                        f"schema.org allows it on {', '.join(spec['domains'])}",
                        path,
                        field=prop,
                    )
                )
            ranges = spec["ranges"]
            fits = self._literal_fits
            for item in value if isinstance(value, list) else [value]:
                literal = type(item)
                if literal in _LITERALS:
                    fit = fits.get((literal, prop))
                    if fit is None:
                        fit = "Thing" in ranges or not _LITERALS[literal].isdisjoint(ranges)
                        fits[literal, prop] = fit
                    if fit:  # what _value says of any such value here: it fits
                        continue
                problem = self._value(item, ranges, types, prop)
                if problem:
                    findings.append(
                        Finding(
                            "range_mismatch",
                            f"{prop!r} of {where} takes {' or '.join(spec['ranges'])}, "
                            f"not {problem}",
                            path,
                            field=prop,
                        )
                    )
                if isinstance(item, dict) and "@type" in item:
                    findings.extend(self._node(item, types, path))
        return findings

    def _value(
        self, value: Any, ranges: list[str], types: dict[str, list[str]], prop: str | None = None
    ) -> str | None:
        """None when ``value`` fits ``ranges`` (those of ``prop``, when given), else a
        description of what it is."""
        if "Thing" in ranges:
            return None
        if isinstance(value, dict):
            ref = str(value.get("@id", ""))
            member = ref.removeprefix("schema:") if ref.startswith("schema:") else None
            if member is not None and member in self.members and not _types(value):
                # {"@id": "schema:EventScheduled"}: an enumeration member by its IRI
                return None if self.is_a(self.members[member], ranges) else member
            kinds = _types(value) or types.get(ref, [])
            if not kinds:
                return None if "URL" in ranges else "a node of unknown type"
            fits = self._is_a_for(kinds, prop, "ranges") if prop else self.is_a(kinds, ranges)
            return None if fits else "/".join(kinds)
        literal = _LITERALS.get(type(value))
        if literal is not None and not literal.isdisjoint(ranges):
            # Text is text: a headline "Monday" or a section "Retail" is a word, even
            # though schema.org also names enumeration members so.
            return None
        if isinstance(value, str) and value in self.members:
            # Only where the range is enumerations alone does a string stand for a member.
            return None if self.is_a(self.members[value], ranges) else value
        return f"a {type(value).__name__} value"


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    return list(value) if isinstance(value, list) else [value]
