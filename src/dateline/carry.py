"""Carry a failing article's last good version forward, so a bad edit loses nothing.

When an article that was published before now fails (a typo in its sidecar, a
broken date line), its subscribers should not see it vanish from the feeds. Each
build records which source file produced which slug (``.dateline-manifest.json``
in the output folder); the next build, finding that file failing, reads back the
JSON-LD it published last time and the body HTML its JSON Feed item carried, and
keeps that version in the feeds and the site index until the file is fixed. Its
page and JSON-LD stay as they were.

The build cache (:mod:`dateline.write.cache`) keeps every article's last good
version whole, so this is the fallback for a folder whose cache is gone (built by
an older dateline, or deleted): it can carry only what the JSON Feed still holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from dateline.errors import Finding
from dateline.model.article import ArticleGraph, GraphNode, NewsArticle
from dateline.write.manifest import Manifest

__all__ = ["CarriedArticle", "carry_forward", "read_manifest"]
_NODES = TypeAdapter(list[GraphNode])


class CarriedArticle:
    """A previous version: its graph and body HTML, and the finding that explains it."""

    def __init__(self, source: Path, graph: ArticleGraph, body: str) -> None:
        self.source = source
        self.graph = graph
        self.body = body

    def finding(self) -> Finding:
        return Finding(
            code="kept_previous_version",
            message=f"the version published before ({self.graph.article.url}) stays in the "
            "feeds until this file is fixed",
            path=self.source,
            severity="warning",
        )


def _relative(path: Path, content_dir: Path) -> str:
    try:
        return path.resolve().relative_to(content_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_manifest(output_dir: Path) -> dict[str, str]:
    """Source → slug of every article the last build published or kept."""
    return dict(Manifest.read(output_dir).sources)


def _previous_graph(output_dir: Path, slug: str, zone: str | None) -> ArticleGraph | None:
    path = output_dir / "articles" / f"{slug}.jsonld"
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        nodes = doc["@graph"]
        article = NewsArticle.model_validate(nodes[0])
        return ArticleGraph(
            id=article.url.removesuffix(".html") + ".jsonld",
            slug=slug,
            article=article,
            nodes=_NODES.validate_python(nodes[1:]),
            timezone=zone,
            draft=False,  # it was published: drafts never are
        )
    except (OSError, ValueError, KeyError, IndexError, ValidationError):
        return None  # written by another version of dateline, or damaged: nothing to carry


def _previous_bodies(output_dir: Path) -> dict[str, str]:
    try:
        feed = json.loads((output_dir / "feed.json").read_text(encoding="utf-8"))
        return {str(i["id"]): str(i["content_html"]) for i in feed.get("items", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _previous_slugs(
    failed: Iterable[Path], manifest: dict[str, str], content_dir: Path
) -> Iterable[tuple[Path, str]]:
    """Each failed source the manifest knows, with its slug. A failed *folder* (one
    that cannot be listed) stands for every source the manifest has under it."""
    for source in failed:
        key = _relative(source, content_dir)
        if source.is_dir():
            prefix = "" if key == "." else key + "/"
            for name, slug in manifest.items():
                if name.startswith(prefix):
                    yield content_dir / name, slug
        elif key in manifest:
            yield source, manifest[key]


def carry_forward(
    failed: Iterable[Path], output_dir: Path, content_dir: Path, taken: set[str]
) -> list[CarriedArticle]:
    """Previous versions of the ``failed`` sources that can still be shown.

    ``taken`` are the slugs this build publishes: a previous version never displaces
    a current article.
    """
    full = Manifest.read(output_dir)
    manifest = dict(full.sources)
    bodies: dict[str, str] | None = None
    out = []
    for source, slug in _previous_slugs(failed, manifest, content_dir):
        if slug in taken:
            continue
        graph = _previous_graph(output_dir, slug, full.zones.get(_relative(source, content_dir)))
        if graph is None:
            continue
        if bodies is None:
            bodies = _previous_bodies(output_dir)
        body = bodies.get(graph.article.url)
        if body is not None:
            out.append(CarriedArticle(source, graph, body))
    return out
