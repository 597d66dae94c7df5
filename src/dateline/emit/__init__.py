"""Emit: every output is a rendering of the validated models, as bytes in memory.

Nothing here writes a file; :mod:`dateline.write` does, atomically, once every
output of a build is rendered.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.emit.body import body_html
    from dateline.emit.feeds import render_atom, render_rss
    from dateline.emit.html import PageRenderer
    from dateline.emit.jsonfeed import render_jsonfeed
    from dateline.emit.jsonld import document, dumps, script_json
    from dateline.emit.urls import FEED_FILES, FeedUrls

#: Where each name lives: loaded on first use (PEP 562), so that importing one
#: light module of this package (:mod:`dateline.emit.summary` for the build cache)
#: does not load Markdown, Jinja and feedgen on a build that renders nothing.
_HOMES = MappingProxyType(
    {
        "body_html": "dateline.emit.body",
        "render_atom": "dateline.emit.feeds",
        "render_rss": "dateline.emit.feeds",
        "PageRenderer": "dateline.emit.html",
        "render_jsonfeed": "dateline.emit.jsonfeed",
        "document": "dateline.emit.jsonld",
        "dumps": "dateline.emit.jsonld",
        "script_json": "dateline.emit.jsonld",
        "FEED_FILES": "dateline.emit.urls",
        "FeedUrls": "dateline.emit.urls",
    }
)


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dateline.emit' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "FEED_FILES",
    "FeedUrls",
    "PageRenderer",
    "body_html",
    "document",
    "dumps",
    "render_atom",
    "render_jsonfeed",
    "render_rss",
    "script_json",
]
