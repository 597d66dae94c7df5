"""Edit a sidecar's text: drop some top-level keys, append others, keep the rest as written.

A sidecar is an editor's file. ``review --write`` used to load it and dump it
again, which dropped every comment and reflowed every value. Here the file's
text is kept byte for byte except for the blocks of the keys replaced, and new
keys are appended after it; the result is checked by parsing it back, and only
if that fails (a flow-style ``{...}`` document, say) is the file written anew.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import yaml

__all__ = ["edit_top_level"]


def _dump(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=96)


def _key_lines(text: str) -> list[tuple[str, int]] | None:
    """Each top-level key and the line it starts on; None when the text is not a
    block mapping whose keys can be cut out line by line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return None
    return [(str(key.value), key.start_mark.line) for key, _ in node.value]


def _without(text: str, keys: list[tuple[str, int]], drop: Collection[str]) -> str:
    """``text`` without the lines of the keys in ``drop``. Comments at the start of a
    line just before the next key stay: they are about that key."""
    lines = text.splitlines(keepends=True)
    starts = [line for _, line in keys] + [len(lines)]
    removed: set[int] = set()
    for index, (name, start) in enumerate(keys):
        if name not in drop:
            continue
        end = starts[index + 1]
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        removed.update(range(start, end))
    return "".join(line for number, line in enumerate(lines) if number not in removed)


def edit_top_level(
    text: str | None, drop: Collection[str], add: Mapping[str, Any], header: str = ""
) -> str:
    """The YAML ``text`` without the top-level keys ``drop``, with ``add`` appended.

    ``header`` (comment lines) goes before what is added, unless ``text`` already
    has it. A new file (``text`` None or blank) is ``header`` and ``add``.
    """
    if text is None or not text.strip():
        return header + _dump(add) if add else header
    existing = yaml.safe_load(text)
    existing = existing if isinstance(existing, dict) else {}
    expected = {k: v for k, v in existing.items() if k not in drop} | dict(add)
    keys = _key_lines(text)
    if keys is not None:
        kept = _without(text, keys, drop)
        if kept and not kept.endswith("\n"):
            kept += "\n"
        kept = kept.rstrip("\n").removesuffix("...").rstrip("\n") + "\n" if kept.strip() else ""
        note = header if add and header and header not in text else ""
        merged = kept + ("\n" if kept and add else "") + note + (_dump(add) if add else "")
        try:
            if (yaml.safe_load(merged) or {}) == expected:
                return merged
        except yaml.YAMLError:
            pass
    return header + _dump(expected)
