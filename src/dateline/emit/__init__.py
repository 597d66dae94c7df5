"""Emit: every output is a rendering of the validated models, as bytes in memory.

Nothing here writes a file; :mod:`dateline.write` does, atomically, once every
output of a build is rendered.
"""

from dateline.emit.body import body_html
from dateline.emit.feeds import render_atom, render_rss
from dateline.emit.html import PageRenderer
from dateline.emit.jsonfeed import render_jsonfeed
from dateline.emit.jsonld import document, dumps, script_json
from dateline.emit.urls import FEED_FILES, FeedUrls

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
