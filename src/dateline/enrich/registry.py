"""The newsroom's entity registry: canonical names, aliases, types and links.

A YAML list in the content folder (``entities.yaml``). Mentions resolve against
it before anything else, so ``Mokhber`` becomes Mohammad Mokhber and ``the Leader
of the Islamic Revolution`` becomes Ali Khamenei — but only because the registry
says so: the registry is the editor's knowledge, never a guess of dateline's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError

from dateline.errors import ReadError, SettingsError
from dateline.model.meta import EntitySpec, _listify
from dateline.read.encoding import clean_strings, decode
from dateline.read.files import read_capped
from dateline.read.yamlmeta import load_yaml

__all__ = ["REGISTRY_FILE", "Registry", "RegistryEntry", "load_registry"]

REGISTRY_FILE = "entities.yaml"


class RegistryEntry(EntitySpec):
    """An entity as the newsroom knows it.

    ``aliases`` are other ways the text refers to it (``Mokhber``, ``Iran's acting
    president``); unlike ``alternateName`` they are not published as names.
    """

    aliases: Annotated[
        list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)


@dataclass(frozen=True)
class Registry:
    entries: tuple[RegistryEntry, ...] = ()

    def by_id(self, key: str) -> RegistryEntry | None:
        return next((e for e in self.entries if e.id == key), None)

    def patterns(self) -> list[tuple[re.Pattern[str], RegistryEntry]]:
        """A pattern per name and alias, longest first, matching whole words."""
        pairs = [
            (name, entry)
            for entry in self.entries
            for name in {entry.name, *entry.alternate_name, *entry.aliases}
        ]
        pairs.sort(key=lambda pair: (-len(pair[0]), pair[0]))
        return [
            (re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"), entry)
            for name, entry in pairs
        ]


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
    return Registry(tuple(entries))
