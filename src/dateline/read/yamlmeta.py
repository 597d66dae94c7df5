"""YAML metadata (front matter, sidecars) into an :class:`ArticleMeta`, with errors
that name the file, the line and the key, and suggest the key that was meant."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dateline.errors import Finding, ReadError, ValidationFailed
from dateline.model.meta import ArticleMeta, EntitySpec, EventSpec

__all__ = ["load_yaml_mapping", "meta_from_mapping"]


def load_yaml_mapping(
    text: str, path: Path, line_offset: int = 0
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML that must be a mapping; return it and the line of each top-level key."""
    # One parse gives both the data and the key positions; libyaml's loader when present.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(
            f"YAML syntax error: {problem}",
            path=path,
            line=line,
            code="yaml_syntax",
            hint="check the indentation and quote values that contain ': '",
        ) from exc
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ReadError(
            "the metadata must be a YAML mapping of key: value lines",
            path=path,
            line=1 + line_offset,
            code="yaml_not_mapping",
        )
    lines = {
        str(key.value): key.start_mark.line + 1 + line_offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return data, lines


def _suggest(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    """The keys valid at the place of an unknown key (top level or inside a spec)."""
    model: Any = ArticleMeta
    if len(loc) >= 3 and loc[0] in ("entities", "events"):
        model = EntitySpec if loc[0] == "entities" else EventSpec
    names: list[str] = []
    for name, info in model.model_fields.items():
        names.append(info.alias or name)
        names.append(name)
    return sorted(set(names))


def meta_from_mapping(data: dict[str, Any], path: Path, lines: dict[str, int]) -> ArticleMeta:
    """Validate metadata; every problem becomes one finding naming its key and line."""
    try:
        return ArticleMeta.model_validate(data)
    except ValidationError as exc:
        findings = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            field = ".".join(str(p) for p in loc)
            top = str(loc[0]) if loc else ""
            if err["type"] == "extra_forbidden":
                code, hint = "unknown_property", _suggest(str(loc[-1]), _known_keys(loc))
                message = f"unknown key {loc[-1]!r}"
            else:
                code, hint = f"invalid_{err['type']}", None
                message = err["msg"]
                if "input" in err and not isinstance(err["input"], dict | list):
                    message += f" (got {err['input']!r})"
            findings.append(
                Finding(
                    code=code,
                    message=message,
                    path=path,
                    line=lines.get(top),
                    field=field,
                    hint=hint,
                )
            )
        raise ValidationFailed(findings) from exc
