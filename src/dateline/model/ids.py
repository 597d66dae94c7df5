"""Stable ``@id``s and URLs: a pure function of the base URL and a key or slug.

The same input always gives the same ids, so consumers can merge what they read
across builds and across articles: the Vladimir Putin of one article is the
Vladimir Putin of the next because both are ``<base>id/vladimir-putin``.
"""

from __future__ import annotations

import functools

from slugify import slugify

__all__ = ["article_id", "document_url", "entity_id", "key_for", "page_url", "website_id"]


@functools.lru_cache(maxsize=8192)
def key_for(name: str, max_length: int = 96) -> str:
    """A key for a name: lowercase ASCII words joined by hyphens.

    Remembered for the most recent names: a site names the same authors,
    publisher and places in article after article, and slugify (transliteration,
    several regular expressions) is the costly part of making a node.
    """
    return slugify(name, max_length=max_length, word_boundary=True) or "unnamed"


def page_url(base_url: str, slug: str) -> str:
    return f"{base_url}articles/{slug}.html"


def document_url(base_url: str, slug: str) -> str:
    return f"{base_url}articles/{slug}.jsonld"


def article_id(base_url: str, slug: str) -> str:
    return f"{page_url(base_url, slug)}#article"


def entity_id(base_url: str, key: str) -> str:
    return f"{base_url}id/{key}"


def website_id(base_url: str) -> str:
    return f"{base_url}#website"
