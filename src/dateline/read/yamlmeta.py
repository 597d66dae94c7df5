"""YAML metadata (front matter, sidecars) into an :class:`ArticleMeta`, with errors
that name the file, the line and the key, and suggest the key that was meant."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dateline.errors import Finding, ReadError, ValidationFailed
from dateline.model.codes import validation_findings
from dateline.model.meta import ArticleMeta, EntitySpec, EventSpec
from dateline.read.encoding import clean_strings
from dateline.validate.vocabulary import Vocabulary

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
    data = clean_strings(data)
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
    return sorted(info.alias or name for name, info in model.model_fields.items())


def meta_from_mapping(data: dict[str, Any], path: Path, lines: dict[str, int]) -> ArticleMeta:
    """Validate metadata; every problem becomes one finding naming its key and line.

    An unknown key gets a suggestion: the key meant, if it is a near miss of one
    dateline reads, or a note that it is a schema.org property dateline does not
    take (yet), from the schema.org term list.
    """
    try:
        return ArticleMeta.model_validate(data)
    except ValidationError as exc:
        findings = validation_findings(exc, path, lines)
        errors = exc.errors()
        out = []
        for found, err in zip(findings, errors, strict=True):
            finding = found
            if finding.code == "unknown_property":
                loc = tuple(err["loc"])
                name = str(loc[-1])
                hint = _suggest(name, _known_keys(loc))
                code = "unknown_property"
                if hint is None and name in Vocabulary.bundled().properties:
                    code = "unsupported_property"
                    hint = f"{name!r} is a schema.org property, but dateline does not take it here"
                elif hint is None:
                    hint = _suggest(name, Vocabulary.bundled().terms())
                    hint = f"not a schema.org term either; {hint}" if hint else None
                finding = Finding(
                    code=code,
                    message=f"unknown key {name!r}",
                    path=finding.path,
                    line=finding.line,
                    field=finding.field,
                    hint=hint,
                )
            out.append(finding)
        raise ValidationFailed(out) from exc
