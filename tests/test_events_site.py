"""Timeline events in a built site, read back by consumers' libraries: schema.org types
and eventStatus survive JSON-LD expansion; no inferred key clash fails an article."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib

from dateline.pipeline import build_site

from .conftest import repo_settings
from .jsonld_helpers import SCHEMA, to_graph

STORY = """Airline orders jets as leaders prepare a treaty

December 17, 2024 - 10:00

DUBAI – Emirates ordered 30 Boeing 787 jets on Monday, the airline said on Tuesday.

Russia and Iran are expected to sign the treaty early next year in Moscow.

Officials did not sign any agreement last week.
"""


def test_timeline_events_in_a_built_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "story.txt").write_text(STORY, encoding="utf-8")
    report = build_site(repo_settings(tmp_path / "feeds", content))
    assert not report.failed, [str(f) for f in report.findings]
    (doc_path,) = (tmp_path / "feeds" / "articles").glob("*.jsonld")
    doc = json.loads(doc_path.read_text(encoding="utf-8"))
    ids = [n["@id"] for n in doc["@graph"]]
    assert len(ids) == len(set(ids))
    graph = to_graph(doc)
    schema = rdflib.Namespace(SCHEMA)
    orders = [
        s
        for s in graph.subjects(rdflib.RDF.type, schema.BusinessEvent)
        if str(graph.value(s, schema.name)) == "Emirates orders 30 Boeing 787 jets"
    ]
    assert len(orders) == 1
    assert str(graph.value(orders[0], schema.startDate)) == "2024-12-16"  # Monday, not Tuesday
    scheduled = list(graph.subjects(schema.eventStatus, schema.EventScheduled))
    assert scheduled
    for event in scheduled:
        assert str(graph.value(event, schema.startDate)) == "2025"  # never a past day
    names = [str(o) for o in graph.objects(None, schema.name)]
    assert not any("Officials sign" in n for n in names)  # negated: no event
