"""Sidecar files: ``<article stem>.yaml`` beside any article, whose keys override the rest.

A sidecar lets an editor correct or add to an article they cannot or do not want
to edit (a scraped text, say) without touching its text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.model.meta import ArticleMeta

__all__ = ["SIDECAR_SUFFIXES", "read_sidecar", "sidecar_path"]

SIDECAR_SUFFIXES = (".yaml", ".yml")


def sidecar_path(article: Path) -> Path | None:
    """The sidecar of ``article``, if it has one."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = article.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, text: str) -> ArticleMeta:
    """The sidecar's metadata from its ``text``, decoded as articles are (see
    :func:`dateline.read.read_article`, which also caps its size and keeps it inside
    the content folder)."""
    # here, not at the top: finding sidecars (every build) must not load the models
    from dateline.read.yamlmeta import load_yaml_mapping, meta_from_mapping  # noqa: PLC0415

    data, lines = load_yaml_mapping(text, path)
    return meta_from_mapping(data, path, lines)
