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


def test_events_that_name_no_one_are_the_articles_own(tmp_path: Path) -> None:
    """An event's @id is its name and date, shared by every article that reports it;
    "Strike begins" names no one and no place, so two articles' strikes begun on the
    same Monday are two events (a reviewer's French rail and Finnish port strikes were
    one @id, and one entry in events.ics). One that names who took part is shared."""
    content = tmp_path / "content"
    content.mkdir()
    stories = {
        "rail.md": "---\ntitle: French rail strike\ndate: 2026-11-24 10:00\n---\n"
        "PARIS — The strike began on Monday after talks with SNCF failed.\n\n"
        "Emmanuel Macron met Olaf Scholz in Berlin on Monday.\n",
        "port.md": "---\ntitle: Finnish port strike\ndate: 2026-11-24 11:00\n---\n"
        "HELSINKI — The strike began on Monday, the union said.\n\n"
        "Emmanuel Macron met Olaf Scholz in Berlin on Monday.\n",
    }
    for name, text in stories.items():
        (content / name).write_text(text, encoding="utf-8")
    report = build_site(repo_settings(tmp_path / "feeds", content))
    assert not report.failed, [str(f) for f in report.findings]
    schema = rdflib.Namespace(SCHEMA)
    events: dict[str, set[str]] = {}
    for path in sorted((tmp_path / "feeds" / "articles").glob("*.jsonld")):
        graph = to_graph(json.loads(path.read_text(encoding="utf-8")))
        for node in graph.subjects(rdflib.RDF.type, schema.Event):
            name = str(graph.value(node, schema.name))
            events.setdefault(name, set()).add(str(node))
    strikes = events.get("Strike begins", set())
    assert len(strikes) == 2, events
    meetings = {i for name, ids in events.items() if "Emmanuel Macron" in name for i in ids}
    assert len(meetings) == 1, events
