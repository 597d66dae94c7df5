"""What dateline says about the seed article must be true to its text.

Read back through rdflib (via pyld's RDF conversion), the way a program
consuming the JSON-LD would, and asked the questions a reader would ask.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import rdflib

from .conftest import ROOT
from .jsonld_helpers import to_graph

PREFIX = "PREFIX s: <http://schema.org/>\n"


@pytest.fixture(scope="module")
def rdf(seed_doc: dict[str, Any]) -> rdflib.Graph:
    return to_graph(seed_doc)


def ask(graph: rdflib.Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in graph.query(PREFIX + query))  # type: ignore[union-attr]


def article(seed_doc: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = seed_doc["@graph"][0]
    return node


def test_the_article_facts(seed_doc: dict[str, Any]) -> None:
    a = article(seed_doc)
    assert a["@type"] == "NewsArticle"
    assert a["headline"] == (
        "Iran, Russia relations remains unchanging: Mokhber delivers Leader’s message to Putin"
    )
    assert a["datePublished"] == "2024-07-05T23:02:00+03:30"
    assert a["dateline"] == "TEHRAN"
    assert a["inLanguage"] == "en"
    body = a["articleBody"]
    source = (ROOT / "content" / "000_92e7f391879ebd38.txt").read_text(encoding="utf-8")
    assert body.startswith("TEHRAN – During a meeting with Russian President Vladimir Putin")
    assert body.endswith(
        "He expressed support for Iran’s proposal to join the Eurasian Union as an observer member."
    )
    assert "Leave a Comment" not in body
    assert "\u00a0" not in body
    # every paragraph of the source is in the body, word for word
    for paragraph in source.split("\n\n")[2:-1]:
        if paragraph.strip():
            assert paragraph.strip() in body
    assert a["wordCount"] == len(body.split()) == 373


def test_publisher_is_tehran_times(rdf: rdflib.Graph) -> None:
    assert ask(
        rdf, "SELECT ?n ?u WHERE { ?a a s:NewsArticle; s:publisher [ s:name ?n; s:url ?u ] }"
    ) == [("Tehran Times", "https://www.tehrantimes.com/")]


def test_about_is_the_mokhber_putin_meeting(rdf: rdflib.Graph) -> None:
    rows = ask(
        rdf,
        """SELECT ?date ?place ?country ?super WHERE {
            ?a a s:NewsArticle; s:about ?e .
            ?e a s:Event; s:startDate ?date; s:location ?l; s:superEvent [ s:name ?super ] .
            ?l s:name ?place; s:containedInPlace [ s:name ?country ] .
        }""",
    )
    assert rows == [
        (
            "2024-07-04",
            "Astana",
            "Kazakhstan",
            "24th summit of the Council of Heads of State of the Shanghai Cooperation Organization",
        )
    ]
    attendees = ask(rdf, "SELECT ?n WHERE { ?a s:about [ s:attendee [ s:name ?n ] ] }")
    assert attendees == [("Mohammad Mokhber",), ("Vladimir Putin",)]


def test_the_meeting_was_on_the_thursday_before_publication(seed_doc: dict[str, Any]) -> None:
    published = dt.datetime.fromisoformat(article(seed_doc)["datePublished"])
    event = next(n for n in seed_doc["@graph"] if n["@id"] == article(seed_doc)["about"][0]["@id"])
    meeting = dt.date.fromisoformat(event["startDate"])
    assert meeting.strftime("%A") == "Thursday"
    assert 0 < (published.date() - meeting).days < 7


def test_other_events_keep_their_precision(rdf: rdflib.Graph) -> None:
    rows = ask(
        rdf, "SELECT ?n ?d WHERE { ?a s:mentions ?e . ?e a s:Event; s:name ?n; s:startDate ?d }"
    )
    dates: dict[str, str] = {row[0]: row[1] for row in rows}
    assert (
        dates["Signing of the free trade agreement between Iran and the Eurasian Economic Union"]
        == "2023-12"
    )
    assert (
        dates[
            "Agreement between Russia, Iran and India establishing the International North-South "
            "Transport Corridor"
        ]
        == "2002"
    )


def test_mentions_the_people_organizations_and_places_named(rdf: rdflib.Graph) -> None:
    named = {n for (n,) in ask(rdf, "SELECT ?n WHERE { ?a s:mentions [ s:name ?n ] }")}
    for name in [
        "Mohammad Mokhber",
        "Vladimir Putin",
        "Leonid Slutsky",
        "Ali Khamenei",
        "Shanghai Cooperation Organization",
        "Eurasian Economic Union",
        "International North-South Transport Corridor",
        "State Duma Committee on International Affairs",
        "Tehran",
        "Moscow",
        "Astana",
        "Iran",
        "Russia",
        "India",
        "Kazakhstan",
    ]:
        assert name in named, name


def test_slutsky_has_his_role_and_places_have_coordinates(rdf: rdflib.Graph) -> None:
    assert ask(rdf, "SELECT ?t WHERE { ?p s:name 'Leonid Slutsky'; s:jobTitle ?t }") == [
        ("Chairman of the State Duma Committee on International Affairs",)
    ]
    coords = {
        n: (float(lat), float(lon))
        for n, lat, lon in ask(
            rdf,
            "SELECT ?n ?lat ?lon WHERE { ?p a s:City; s:name ?n; "
            "s:geo [ s:latitude ?lat; s:longitude ?lon ] }",
        )
    }
    assert coords["Astana"] == pytest.approx((51.18, 71.45), abs=0.01)
    assert coords["Tehran"] == pytest.approx((35.69, 51.42), abs=0.01)


def test_nothing_the_text_does_not_support(seed_doc: dict[str, Any]) -> None:
    """No author was invented (the publisher is the corporate author), no source URL,
    no image, and events the text does not date or place have no date or place."""
    a = article(seed_doc)
    nodes = {n["@id"]: n for n in seed_doc["@graph"]}
    assert [nodes[r["@id"]]["name"] for r in a["author"]] == ["Tehran Times"]
    assert "isBasedOn" not in a
    assert "image" not in a
    slutsky = next(
        n
        for n in nodes.values()
        if n.get("name", "").startswith("Meeting between Mohammad Mokhber and Leonid")
    )
    assert "startDate" not in slutsky
    assert "location" not in slutsky
    fta = next(
        n for n in nodes.values() if n.get("name", "").startswith("Signing of the free trade")
    )
    assert "location" not in fta


def test_ids_are_stable_urls_under_base_url(seed_doc: dict[str, Any]) -> None:
    ids = [n["@id"] for n in seed_doc["@graph"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("https://dateline.example.org/") for i in ids)
    assert "https://dateline.example.org/id/vladimir-putin" in ids
