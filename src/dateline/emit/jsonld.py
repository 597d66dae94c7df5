"""JSON-LD documents: an article's graph and the site's graph, as text.

Serialisation is fixed (key order from the models, two-space indent, UTF-8, a
final newline) so the same input always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from dateline.jsonld.context import SCHEMA_ORG
from dateline.model.article import ArticleGraph, SiteGraph

__all__ = ["document", "dumps", "dumps_bytes", "script_bytes", "script_json", "script_text"]


def document(
    graph: ArticleGraph | SiteGraph, nodes: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The graph as a JSON-LD document naming schema.org's context; ``nodes`` are
    ``graph.graph()`` when the caller has made them already."""
    return {"@context": SCHEMA_ORG, "@graph": graph.graph() if nodes is None else nodes}


#: Where orjson's text differs from :func:`json.dumps`: floats under 1e-4, which Python
#: writes ``1e-05``/``1.5e-07`` and orjson ``0.00001``/``1.5e-7``. Such a document (or
#: a string that merely looks so) is written by :mod:`json` instead. (Two searches,
#: each with a literal start, are several times faster than one with ``|``.)
_ORJSON_EXPONENT = re.compile(r"e-\d(?!\d)")


def _orjson_differs(text: str) -> bool:
    return "0.0000" in text or _ORJSON_EXPONENT.search(text) is not None


#: :data:`_ORJSON_EXPONENT` for orjson's own bytes (which write a float's digits in ASCII).
_ORJSON_EXPONENT_BYTES = re.compile(rb"e-\d(?!\d)")


def _has_exponent(data: bytes) -> bool:
    """``_ORJSON_EXPONENT_BYTES.search(data) is not None``, told by finding each ``e-``
    (a search in C; an article has a few, in hyphenated words) and looking at what
    follows: the pattern's own scan stopped at every ``e`` of the text, ~6 us per
    article's document."""
    at = data.find(b"e-")
    while at >= 0:
        if data[at + 2 : at + 3].isdigit() and not data[at + 3 : at + 4].isdigit():
            return True
        at = data.find(b"e-", at + 2)
    return False


def dumps_bytes(doc: dict[str, Any], floats: bool = True) -> bytes:
    """:func:`dumps` as UTF-8: what a ``.jsonld`` file holds, from orjson's own bytes,
    not decoded to text only to be encoded again (an article's document is ~5 KB).

    ``floats``: False when the caller knows that ``doc`` holds no float (an article's
    graph holds one only in a place's coordinates: see
    :meth:`~dateline.model.article.ArticleGraph.holds_floats`); orjson then writes
    what json writes, and its text is not searched for what a float would write
    differently (two searches through the document, ~8 us an article)."""
    try:
        data = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError
        data = None
    if data is None or (floats and (b"0.0000" in data or _has_exponent(data))):
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return data + b"\n"


def dumps(doc: dict[str, Any]) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)`` and a final newline.

    Made by orjson, which writes the very same text ~10x faster (the standard
    library's encoder is pure Python once ``indent`` is set), but for what
    :func:`_orjson_differs` finds and what orjson refuses (keys that are not
    strings, integers over 64 bits): those go through :mod:`json`.
    """
    try:
        text = orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError
        text = None
    if text is None or _orjson_differs(text):
        text = json.dumps(doc, ensure_ascii=False, indent=2)
    return text + "\n"


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(doc: dict[str, Any]) -> str:
    """JSON safe to put inside ``<script type="application/ld+json">``.

    Escaping ``<``, ``>`` and ``&`` means no text (``</script>``, ``<!--``) can end
    or confuse the script element; U+2028/2029 are escaped for old JS parsers.
    The result is still JSON that parses to the same document.
    """
    return script_text(json.dumps(doc, ensure_ascii=False, indent=2))


#: :data:`_SCRIPT_ESCAPES` in UTF-8: each character is its own bytes, which no other
#: character's encoding contains.
_SCRIPT_ESCAPE_BYTES = {
    char.encode("utf-8"): escaped.encode("ascii") for char, escaped in _SCRIPT_ESCAPES.items()
}


def script_bytes(data: bytes) -> bytes:
    """:func:`script_text` of a document :func:`dumps_bytes` wrote, in UTF-8."""
    data = data.removesuffix(b"\n")
    for char, escaped in _SCRIPT_ESCAPE_BYTES.items():
        if char in data:
            data = data.replace(char, escaped)
    return data


def script_text(text: str) -> str:
    """:func:`script_json` of a document already serialised by :func:`dumps` (its final
    newline is dropped): an article's page embeds the very text of its ``.jsonld``
    file, so the graph is serialised once, not twice."""
    text = text.removesuffix("\n")
    # str.replace per character is several times faster than str.translate with a dict
    for char, escaped in _SCRIPT_ESCAPES.items():
        if char in text:
            text = text.replace(char, escaped)
    return text
