"""JSON-LD: every document expands the same under dateline's context and the official one,
uses only schema.org terms, and never makes dateline fetch a remote context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from dateline.jsonld import LocalDocumentLoader, RemoteContextRefused, generate_context
from dateline.model.event import Event

from .conftest import ROOT, SCHEMAORG
from .jsonld_helpers import SCHEMA, expand, to_graph


def documents(out: Path) -> list[Path]:
    return sorted([out / "index.jsonld", *(out / "articles").glob("*.jsonld")])


@pytest.fixture(scope="module")
def vocabulary() -> set[str]:
    path = SCHEMAORG / "schemaorg-current-https.jsonld"
    if not path.is_file():
        pytest.skip("../shared/schemaorg is not here")
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
    return {node["@id"].removeprefix("schema:") for node in graph}


def _iris(expanded: Any) -> set[str]:
    """Every property IRI and type IRI used in an expanded document."""
    found: set[str] = set()
    if isinstance(expanded, list):
        for item in expanded:
            found |= _iris(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key == "@type":
                found |= set(value) if isinstance(value, list) else {value}
            elif not key.startswith("@"):
                found.add(key)
            found |= _iris(value)
    return found


def _keys(doc: Any) -> set[str]:
    if isinstance(doc, list):
        return set().union(*(_keys(x) for x in doc)) if doc else set()
    if isinstance(doc, dict):
        own = {k for k in doc if not k.startswith("@")}
        types = doc.get("@type", [])
        own |= set(types if isinstance(types, list) else [types])
        return own.union(*(_keys(v) for v in doc.values()))
    return set()


def test_there_are_documents_to_check(out: Path) -> None:
    assert len(documents(out)) >= 2


def test_generated_context_matches_the_official_one_term_by_term(
    official_context: dict[str, Any],
) -> None:
    official = official_context["@context"]
    ours = generate_context()
    assert "@vocab" not in ours  # so a misspelt term does not expand silently
    for term, definition in ours.items():
        assert official[term] == definition, term


def test_checked_in_context_is_the_generated_one() -> None:
    on_disk = json.loads((ROOT / "schemas" / "schemaorg-context.jsonld").read_text("utf-8"))
    assert on_disk == {"@context": generate_context()}


def test_documents_expand_identically_under_both_contexts(
    out: Path, official_context: dict[str, Any]
) -> None:
    for path in documents(out):
        doc = json.loads(path.read_text(encoding="utf-8"))
        ours = expand(doc)  # via the document loader and schemas/
        official = expand(doc, official_context)
        assert ours == official, path.name
        assert ours, path.name


def test_every_term_is_defined_by_our_context(out: Path) -> None:
    """Under our context an undefined term would be dropped, so check none is used."""
    defined = set(generate_context())
    for path in documents(out):
        used = _keys(json.loads(path.read_text(encoding="utf-8"))["@graph"])
        assert used <= defined, (path.name, used - defined)


def test_every_type_and_property_is_in_the_schema_org_vocabulary(
    out: Path, vocabulary: set[str]
) -> None:
    for path in documents(out):
        iris = _iris(expand(json.loads(path.read_text(encoding="utf-8"))))
        assert all(i.startswith(SCHEMA) for i in iris), path.name
        unknown = {i.removeprefix(SCHEMA) for i in iris} - vocabulary
        assert not unknown, (path.name, unknown)


def test_misspelt_property_is_caught_not_silently_expanded(
    official_context: dict[str, Any],
) -> None:
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headlin": "x"}
    assert expand(doc) == [{"@type": [SCHEMA + "NewsArticle"]}]
    assert SCHEMA + "headlin" in json.dumps(expand(doc, official_context))


@pytest.mark.parametrize(
    "url", ["https://example.org/context.jsonld", "http://127.0.0.1:9/ctx", "file:///etc/passwd"]
)
def test_remote_contexts_are_refused(url: str) -> None:
    doc = {"@context": url, "name": "x"}
    loader = LocalDocumentLoader()
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(doc, {"documentLoader": loader})
    assert loader.refused == [url]
    with pytest.raises(RemoteContextRefused):
        loader(url, {})


def test_ids_resolve_to_nodes_in_the_same_document(out: Path) -> None:
    for path in documents(out):
        if path.name == "index.jsonld":
            continue
        graph = to_graph(json.loads(path.read_text(encoding="utf-8")))
        subjects = {str(s) for s in graph.subjects()}
        linked = {
            str(o)
            for p, o in graph.predicate_objects()
            if str(p).startswith(SCHEMA)
            and str(p) not in {SCHEMA + "url", SCHEMA + "sameAs", SCHEMA + "mainEntityOfPage"}
            and o.__class__.__name__ == "URIRef"
        }
        website = {s for s in linked if s.endswith("#website")}
        assert linked - website <= subjects, path.name


def test_event_status_is_an_iri_under_both_contexts(official_context: dict[str, Any]) -> None:
    """A scheduled event's status must reach RDF consumers as schema:EventScheduled (an
    IRI), not as the string "EventScheduled", whichever context they expand with."""
    event = Event.model_validate(
        {"@id": "https://example.org/a#e", "name": "Talks", "eventStatus": "EventScheduled"}
    )
    node = event.model_dump(by_alias=True, exclude_none=True, mode="json")
    doc = {"@context": "https://schema.org", **node}
    ours = expand(doc, {"@context": generate_context()})
    official = expand(doc, official_context)
    status = f"{SCHEMA}eventStatus"
    assert ours[0][status] == [{"@id": f"{SCHEMA}EventScheduled"}]
    assert official[0][status] == ours[0][status]
    assert Event.model_validate(node).event_status == "EventScheduled"  # read back
