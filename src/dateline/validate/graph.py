"""Graph rules: every link resolves, and the story's main events are complete.

Google's Event guidelines ask for ``name``, ``startDate`` and ``location``. They
apply here to the article's main events (its ``about``), which is what a search
engine would show, as a warning: without them the event is not eligible for an
event rich result, but the data is still true and the article is published. An
event only mentioned in passing may lack a date or place, because inventing one
would be worse than leaving it out.
"""

from __future__ import annotations

from pathlib import Path

from dateline.errors import Finding
from dateline.model.article import ArticleGraph
from dateline.model.base import Ref, SchemaModel

__all__ = ["HEADLINE_LIMIT", "validate_graph"]

#: Google truncates longer headlines in Top stories; a warning, not an error.
HEADLINE_LIMIT = 110


def _refs(model: SchemaModel) -> list[tuple[str, Ref]]:
    out: list[tuple[str, Ref]] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        out.extend((info.alias or name, v) for v in values if isinstance(v, Ref))
    return out


def validate_graph(graph: ArticleGraph, path: Path, site_ids: frozenset[str]) -> list[Finding]:
    """Findings for one article graph; ``site_ids`` are ids the site graph defines."""
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
    about = {r.id for r in graph.article.about}
    for event in graph.events():
        if event.id not in about:
            continue
        missing = [
            name
            for name, value in (("startDate", event.start_date), ("location", event.location))
            if not value
        ]
        if missing:
            findings.append(
                Finding(
                    code="main_event_incomplete",
                    message=f"the main event {event.name!r} has no {' and no '.join(missing)}",
                    path=path,
                    field="about",
                    hint="give the event a startDate and location, or do not make it the "
                    "article's 'about'",
                    severity="warning",
                )
            )
    if len(graph.article.headline) > HEADLINE_LIMIT:
        findings.append(
            Finding(
                code="headline_long",
                message=f"the headline is {len(graph.article.headline)} characters; "
                f"Google shows at most {HEADLINE_LIMIT}",
                path=path,
                field="title",
                severity="warning",
            )
        )
    return findings
