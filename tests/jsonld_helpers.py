"""JSON-LD helpers for tests: expansion under a given context, RDF via pyld → rdflib."""

from __future__ import annotations

import copy
from typing import Any

import rdflib
from pyld import jsonld

from dateline.jsonld import LocalDocumentLoader

SCHEMA = "http://schema.org/"


def expand(doc: dict[str, Any], context: dict[str, Any] | None = None) -> list[Any]:
    """Expand ``doc``; with ``context``, inline that context in place of the URL."""
    doc = copy.deepcopy(doc)
    if context is not None:
        doc["@context"] = context.get("@context", context)
    result: list[Any] = jsonld.expand(doc, {"documentLoader": LocalDocumentLoader()})
    return result


def to_graph(doc: dict[str, Any]) -> rdflib.Graph:
    """The document as an rdflib graph, converted by pyld so no context is fetched."""
    nquads = jsonld.to_rdf(
        copy.deepcopy(doc),
        {"format": "application/n-quads", "documentLoader": LocalDocumentLoader()},
    )
    graph = rdflib.Graph()
    graph.parse(data=nquads, format="nquads")
    return graph
