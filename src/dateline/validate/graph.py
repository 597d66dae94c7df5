"""Graph rules: every link resolves; schema.org and Google's rules hold (see
:mod:`dateline.validate.vocabulary` and :mod:`dateline.validate.google`).

Google's Event guidelines ask for ``name``, ``startDate`` and ``location``. They
apply here to the article's main events (its ``about``), which is what a search
engine would show, as a warning: without them the event is not eligible for an
event rich result, but the data is still true and the article is published. An
event only mentioned in passing may lack a date or place, because inventing one
would be worse than leaving it out.
"""

from __future__ import annotations

import functools
import typing
from pathlib import Path
from typing import Any

from dateline.errors import Finding
from dateline.model.article import ArticleGraph
from dateline.model.base import Ref, SchemaModel
from dateline.validate.google import check_article, check_events
from dateline.validate.vocabulary import Vocabulary

__all__ = ["validate_graph"]


def _site_types(graph: ArticleGraph) -> dict[str, list[str]]:
    """Types of nodes the article links to but the site graph describes."""
    return {graph.article.is_part_of.id: ["WebSite"]}


def _holds_ref(annotation: object) -> bool:
    """Whether a field typed ``annotation`` can hold a :class:`Ref` (``Ref``, ``list[Ref]``,
    ``Ref | None``, ``Annotated[Ref, …]``…)."""
    if isinstance(annotation, type) and issubclass(annotation, Ref):
        return True
    return any(_holds_ref(arg) for arg in typing.get_args(annotation))


@functools.cache
def _ref_fields(model: type[SchemaModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a model class that can hold links, with their JSON-LD names: found
    once per class, so each article's check looks only at those."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if _holds_ref(info.annotation)
    )


def _refs(model: SchemaModel) -> list[tuple[str, Ref]]:
    out: list[tuple[str, Ref]] = []
    for name, alias in _ref_fields(type(model)):
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        out.extend((alias, v) for v in values if isinstance(v, Ref))
    return out


def validate_graph(
    graph: ArticleGraph,
    path: Path,
    site_ids: frozenset[str],
    nodes: list[dict[str, Any]] | None = None,
) -> list[Finding]:
    """Findings for one article graph; ``site_ids`` are ids the site graph defines.

    ``nodes`` is ``graph.graph()`` when the caller has made it (it writes the same
    nodes out next): made once per article, not once here and once for the file.
    """
    findings: list[Finding] = []
    known = {graph.article.id, *(n.id for n in graph.nodes), *site_ids}
    for node in (graph.article, *graph.nodes):
        for prop, ref in _refs(node):
            if ref.id not in known:
                findings.append(
                    Finding(
                        code="dangling_reference",
                        message=f"{prop} of {node.id} links to {ref.id}, which no node describes",
                        path=path,
                        field=prop,
                    )
                )
    findings.extend(check_article(graph, path))
    findings.extend(check_events(graph, path))
    findings.extend(
        Vocabulary.bundled().check(
            graph.graph() if nodes is None else nodes, path, _site_types(graph)
        )
    )
    return findings
