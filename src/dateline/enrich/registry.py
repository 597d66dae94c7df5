"""The newsroom's entity registry: canonical names, aliases, types and links.

A YAML list in the content folder (``entities.yaml``). Mentions resolve against
it before anything else, so ``Mokhber`` becomes Mohammad Mokhber and ``the Leader
of the Islamic Revolution`` becomes Ali Khamenei — but only because the registry
says so: the registry is the editor's knowledge, never a guess of dateline's.

Every name and alias is compiled into one trie-shaped pattern, so matching costs
one pass over the text whatever the registry's size (5,000 entries: milliseconds
per article), and aliases that would match everywhere (``""``, ``the``) are refused
when the registry is loaded, not discovered as false facts in the feeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError

from dateline.enrich.lexicon import STOP_WORDS
from dateline.errors import ReadError, SettingsError
from dateline.model.ids import key_for
from dateline.model.meta import EntitySpec, _listify
from dateline.read.encoding import clean_strings, decode
from dateline.read.files import read_capped
from dateline.read.yamlmeta import load_yaml
from dateline.settings import REGISTRY_FILE

__all__ = ["REGISTRY_FILE", "Registry", "RegistryEntry", "RegistryMatch", "load_registry"]


class RegistryEntry(EntitySpec):
    """An entity as the newsroom knows it.

    ``aliases`` are other ways the text refers to it (``Mokhber``, ``Iran's acting
    president``); unlike ``alternateName`` they are not published as names.
    """

    aliases: Annotated[
        list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)

    def names(self) -> list[str]:
        """Every string the text may use for this entity, in a stable order."""
        return list(dict.fromkeys([self.name, *self.alternate_name, *self.aliases]))


@dataclass(frozen=True)
class RegistryMatch:
    """One registry name found in a text: ``text[start:end]`` names ``entry``."""

    entry: RegistryEntry
    start: int
    end: int


def _trie_pattern(names: list[str]) -> str:
    """A regular expression equivalent to ``name1|name2|...`` whose alternatives share
    prefixes (a trie), so the engine tries one branch per character instead of every
    name at every position; longer names are tried before their prefixes."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a name ends here: the longer ones first, then this one
            return f"(?:{body})?"
        return body

    return emit(trie)


@dataclass(frozen=True)
class Registry:
    entries: tuple[RegistryEntry, ...] = ()

    def by_id(self, key: str) -> RegistryEntry | None:
        return self._ids.get(key)

    @cached_property
    def _ids(self) -> dict[str, RegistryEntry]:
        """Key → entry; the first entry with a key keeps it."""
        out: dict[str, RegistryEntry] = {}
        for entry in self.entries:
            out.setdefault(entry.id, entry)
        return out

    def with_publisher(self, name: str) -> Registry:
        """This registry and the site's publisher, an organization every article may
        name ("three sources told the Harbour Gazette"): a mention of it is the
        publisher's own node, never a guess of another kind under the publisher's
        ``@id``. An entry the newsroom wrote for the same key or name wins."""
        key = key_for(name)
        if self.by_id(key) is not None or name in self._names:
            return self
        entry = RegistryEntry(id=key, type="NewsMediaOrganization", name=name)
        return Registry((*self.entries, entry))

    @cached_property
    def _names(self) -> dict[str, RegistryEntry]:
        """Name → entry; the first entry listing a name keeps it."""
        out: dict[str, RegistryEntry] = {}
        for entry in self.entries:
            for name in entry.names():
                out.setdefault(name, entry)
        return out

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        names = [n for n in self._names if n]
        if not names:
            return None
        # the trie pattern nests one group per shared character; names of a few hundred
        # characters stay far below the engine's limits
        return re.compile(r"(?<![\w-])(?:" + _trie_pattern(names) + r")(?![\w-])")

    def finditer(self, text: str) -> Iterator[RegistryMatch]:
        """Registry names in ``text``, leftmost-longest, not overlapping, whole words."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            yield RegistryMatch(self._names[match.group(0)], match.start(), match.end())


_ENTRIES = TypeAdapter(list[RegistryEntry])


def load_registry(content_dir: Path, max_bytes: int = 2_000_000) -> Registry:
    """The registry in ``content_dir``, or an empty one. Raises :class:`SettingsError`.

    It is read as sidecars are: not when it links outside the content folder or is
    over ``max_bytes``, and with the same limits on YAML nesting and aliases.
    """
    path = content_dir / REGISTRY_FILE
    if not path.is_file():
        return Registry()
    try:
        raw = read_capped(path, root=content_dir, max_bytes=max_bytes, what="registry")
        data = load_yaml(decode(raw, path), path)
    except ReadError as exc:
        raise SettingsError(
            exc.message,
            path=path,
            line=exc.line,
            code="registry_syntax" if exc.code == "yaml_syntax" else exc.code,
            hint=exc.hint,
        ) from exc
    if data is not None and not isinstance(data, list):
        raise SettingsError(
            "the registry must be a YAML list of entities",
            path=path,
            code="registry_invalid",
            hint="start each entry with '- id: ...'",
        )
    try:
        entries = _ENTRIES.validate_python(clean_strings(data or []))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise SettingsError(
            err["msg"],
            path=path,
            field=".".join(str(p) for p in err["loc"]),
            code="registry_invalid",
            hint="each entry needs id, type and name; see README 'Entity registry'",
        ) from exc
    check_entries(entries, path)
    return Registry(tuple(entries))


def check_entries(entries: list[RegistryEntry], path: Path | None = None) -> None:
    """Refuse what would make the registry match everywhere or mean two things:
    empty names and aliases, aliases that are common words, ids used twice."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise SettingsError(
                f"id {entry.id!r} is used by entries {seen[entry.id]} and {index}",
                path=path,
                field=f"{index}.id",
                code="registry_duplicate_id",
                hint="give each entity its own id, or merge the two entries into one",
            )
        seen[entry.id] = index
        for kind, values in (
            ("name", [entry.name]),
            ("alternateName", entry.alternate_name),
            ("alias", entry.aliases),
        ):
            key = "aliases" if kind == "alias" else kind
            for value in values:
                if not value.strip():
                    raise SettingsError(
                        f"entry {entry.id!r} has an empty {kind}",
                        path=path,
                        field=f"{index}.{key}",
                        code="registry_alias_empty",
                        hint="remove the empty name: it would match every position of every text",
                    )
                if value.strip().casefold() in STOP_WORDS:
                    raise SettingsError(
                        f"entry {entry.id!r} has the common word {value!r} as "
                        f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}: it would make every "
                        f"{value.strip()!r} in every article this entity",
                        path=path,
                        field=f"{index}.{key}",
                        code="registry_alias_stopword",
                        hint="use a name that only this entity goes by",
                    )
