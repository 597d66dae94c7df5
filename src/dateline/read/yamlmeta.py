"""YAML metadata (front matter, sidecars) into an :class:`ArticleMeta`, with errors
that name the file, the line and the key, and suggest the key that was meant."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dateline.errors import Finding, ReadError, ValidationFailed
from dateline.model.codes import validation_findings
from dateline.model.meta import ArticleMeta, EntitySpec, EventSpec
from dateline.read.encoding import clean_strings
from dateline.validate.vocabulary import Vocabulary

__all__ = [
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "load_yaml",
    "load_yaml_mapping",
    "meta_from_mapping",
]

#: Deeper nesting than any metadata needs; beyond it Python's own recursion would fail.
MAX_YAML_DEPTH = 50
#: Values in a document once every alias is expanded. An "alias bomb" (anchors that
#: each repeat the one before ten times) is a few hundred bytes and expands to
#: billions; metadata and registries of thousands of entities stay far below this.
MAX_YAML_NODES = 200_000


def _too_deep(path: Path, line: int) -> ReadError:
    return ReadError(
        f"values are nested more than {MAX_YAML_DEPTH} deep",
        path=path,
        line=line,
        code="yaml_too_deep",
        hint="metadata needs only a few levels: check the brackets and indentation",
    )


def _too_many(root: yaml.Node, path: Path, line_offset: int) -> ReadError:
    return ReadError(
        f"the YAML expands to more than {MAX_YAML_NODES:,} values once its aliases are repeated",
        path=path,
        line=root.start_mark.line + 1 + line_offset,
        code="yaml_aliases",
        hint="write the values out instead of using '&anchor' and '*alias'",
    )


def _check_tree(root: yaml.Node, path: Path, line_offset: int) -> None:
    """:func:`_check_shape` for a document without aliases (no ``*`` in its text), which
    is a tree: the same walk, in the same order, without tracking shared nodes. Every
    article's front matter takes this path."""
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_YAML_DEPTH:
            raise _too_deep(path, node.start_mark.line + 1 + line_offset)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)
    if count > MAX_YAML_NODES:
        raise _too_many(root, path, line_offset)


def _check_shape(root: yaml.Node, path: Path, line_offset: int) -> None:
    """Refuse a document too deep or too large once aliases are expanded, before
    anything is built from it: counting is linear in the document's own size
    (each shared node is counted once and its count reused)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            open_nodes.discard(key)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_YAML_NODES + 1)
            continue
        if key in sizes:
            continue
        line = node.start_mark.line + 1 + line_offset
        if key in open_nodes:
            raise ReadError(
                "an alias refers to the value it is inside (a recursive anchor)",
                path=path,
                line=line,
                code="yaml_aliases",
                hint="write the value out instead of using '&anchor' and '*alias'",
            )
        if depth > MAX_YAML_DEPTH:
            raise _too_deep(path, line)
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)
    if sizes[id(root)] > MAX_YAML_NODES:
        raise _too_many(root, path, line_offset)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
#: Scalar tags whose values the loader's own constructors make (a merge key ``<<``
#: or a ``=`` value key is neither: a document with one is built by the loader).
_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class _NotPlain(Exception):
    """A node :func:`_construct_tree` leaves to the loader."""


def _construct_tree(node: yaml.Node, loader: Any) -> Any:
    """What ``loader.construct_document(node)`` makes of an alias-free document of
    plain mappings, sequences and scalars (every front matter): built here in one
    walk, where PyYAML's constructor (pure Python even with libyaml) goes through
    generators and bookkeeping for each node. Scalars other than strings are made
    by the loader's own constructor for their tag (dates, numbers: the same values
    and errors). Raises :class:`_NotPlain` for anything else (another tag, a merge
    key, a key that is not a scalar)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag in _SCALARS:
            return loader.construct_object(node)
    elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_construct_tree(child, loader) for child in node.value]
    elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                raise _NotPlain
            mapping[_construct_tree(key_node, loader)] = _construct_tree(value_node, loader)
        return mapping
    raise _NotPlain


def _construct(node: yaml.Node, loader: Any, tree: bool) -> Any:
    if tree:
        try:
            return _construct_tree(node, loader)
        except _NotPlain:
            pass
    return loader.construct_document(node)


def _parse(text: str, path: Path, line_offset: int) -> tuple[Any, yaml.Node | None]:
    # One parse gives both the data and the key positions; libyaml's loader when present.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        tree = "*" not in text  # no alias: each node appears once
        if node is not None:
            (_check_tree if tree else _check_shape)(node, path, line_offset)
        data = _construct(node, loader, tree) if node is not None else None
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
    except ReadError:
        raise
    except ValueError as exc:
        bad_date = _bad_timestamp(node)
        if bad_date is not None:
            # YAML reads 2024-13-45 as a date and the calendar refuses it; the key's own
            # line and the value make the mistake plain where "ValueError" would not.
            scalar, reason = bad_date
            raise ReadError(
                f"{scalar.value!r} is not a date: {reason}",
                path=path,
                line=scalar.start_mark.line + 1 + line_offset,
                code="invalid_date",
                hint="write a real date as YYYY-MM-DD, or with a time as 2024-07-05T10:00:00+03:30",
            ) from exc
        # Python refuses to turn a string of over 4,300 digits into an int (CVE-2020-10735)
        raise ReadError(
            f"a number is too long to read: {exc}".split(";")[0],
            path=path,
            line=1 + line_offset,
            code="number_too_long",
            hint="quote it if it is text, or shorten it",
        ) from exc
    finally:
        loader.dispose()
    return (clean_strings(data) if data is not None else None), node


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _bad_timestamp(root: yaml.Node | None) -> tuple[yaml.ScalarNode, str] | None:
    """The first value YAML took for a date that no calendar has, and why; else None."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TIMESTAMP_TAG:
                try:
                    yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
                except ValueError as exc:
                    return node, str(exc)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def load_yaml(text: str, path: Path) -> Any:
    """Any YAML document (the registry is a list), with the limits of metadata."""
    return _parse(text, path, 0)[0]


#: Words a plain YAML 1.1 scalar reads as a boolean or null (PyYAML's resolvers): any
#: other plain scalar that starts with a letter is a string.
_NOT_TEXT = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
    "null Null NULL".split()
)
#: A character of a double-quoted scalar that stands for itself: printable (PyYAML's
#: reader refuses the rest), no line break (NEL, U+2028/9), no BOM, no ``"`` or ``\\``
#: (no escapes), nothing XML refuses (so :func:`clean_strings` changes nothing).
_QUOTED = (
    r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    r"\U00010000-\U0010ffff]*"
)
#: A plain scalar in block context that is text: words of letters, digits, ``_``, ``-``
#: and ``.``, one space apart, starting with a letter.
_PLAIN = r"[A-Za-z][\w.-]*(?: [\w.-]+)*"
_SIMPLE_LINE = re.compile(
    rf'([A-Za-z_][A-Za-z0-9_]*): (?:"({_QUOTED})"|\[([^\]\n]*)\]|'
    r"(\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)?)?)|"
    rf"({_PLAIN}))",
    re.ASCII,
)
_FLOW_ITEM = re.compile(r"[A-Za-z][\w.-]*(?: [\w.-]+)*", re.ASCII)
#: Items of one flow list read here; a longer list goes to the YAML parser (and its
#: limit on values, :data:`MAX_YAML_NODES`).
_MAX_SIMPLE_ITEMS = 100


def _simple_mapping(text: str, line_offset: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping of front matter written in the few shapes most articles use, one
    ``key: value`` a line: a double-quoted string without escapes, a flow list of
    plain words, a date or time, a plain word; None for anything else (then
    :func:`_parse` reads it, with YAML's own errors). The values and lines are
    what :func:`_parse` makes of the same text (a test compares them), in a tenth
    of the time: libyaml, PyYAML's resolver and constructor were a third of
    reading an article.
    """
    lines = text.split("\n")
    if lines[-1] != "" or len(lines) < 2:
        return None
    data: dict[str, Any] = {}
    where: dict[str, int] = {}
    for number, line in enumerate(lines[:-1], start=1 + line_offset):
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None:
            return None
        key, quoted, flow, moment, plain = match.groups()
        if key in _NOT_TEXT or key in data:
            return None
        value: Any
        if quoted is not None:
            value = quoted
        elif flow is not None:
            items = flow.split(", ") if flow else []
            if len(items) > _MAX_SIMPLE_ITEMS or not all(
                _FLOW_ITEM.fullmatch(item) and item not in _NOT_TEXT for item in items
            ):
                return None
            value = items
        elif moment is not None:
            value = _timestamp(moment)
            if value is None:
                return None
        elif plain in _NOT_TEXT:
            return None
        else:
            value = plain
        data[key] = value
        where[key] = number
    return data, where


def _timestamp(text: str) -> dt.date | dt.datetime | None:
    """A YAML timestamp of the shapes :data:`_SIMPLE_LINE` takes, made as PyYAML's
    ``construct_yaml_timestamp`` makes it; None when the calendar refuses it."""
    try:
        day = dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))
        if len(text) == 10:
            return day
        zone = text[19:]
        tzinfo = _offset(zone) if zone else None
        return dt.datetime(
            day.year,
            day.month,
            day.day,
            int(text[11:13]),
            int(text[14:16]),
            int(text[17:19]),
            tzinfo=tzinfo,
        )
    except ValueError:
        return None


@functools.lru_cache(maxsize=64)
def _offset(zone: str) -> dt.tzinfo:
    """The zone of a YAML time's ``Z`` or ``+03:30`` (:func:`_timestamp`), made once per
    offset: an archive's times have a handful (raises ValueError as ``timedelta`` does)."""
    if zone == "Z":
        return dt.UTC
    delta = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return dt.timezone(-delta if zone[0] == "-" else delta)


def load_yaml_mapping(
    text: str, path: Path, line_offset: int = 0
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML that must be a mapping; return it and the line of each top-level key.

    Raises :class:`ReadError`: ``yaml_syntax``, ``yaml_not_mapping``, ``yaml_too_deep``,
    ``yaml_aliases`` (an alias bomb), ``number_too_long``, ``invalid_date`` (a date
    no calendar has, such as 2024-13-45).
    """
    simple = _simple_mapping(text, line_offset)
    if simple is not None:
        return simple
    return _yaml_mapping(text, path, line_offset)


def _yaml_mapping(
    text: str, path: Path, line_offset: int = 0
) -> tuple[dict[str, Any], dict[str, int]]:
    """:func:`load_yaml_mapping` by the YAML parser."""
    data, node = _parse(text, path, line_offset)
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
