"""Issue 7: one @id described as two kinds of thing in two articles.

Only an editor's word may fail an article: a subtype is no contradiction, and a
clash involving a node enrichment inferred warns the inferring article but never
stops it publishing. Built with the real pipeline (enrichment on) and read back
from the feeds with feedparser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import feedparser
from click.testing import CliRunner
from rdflib import RDF, Namespace, URIRef

from dateline.cli import main

from .conftest import DATA
from .jsonld_helpers import SCHEMA, to_graph

SITE = DATA / "conflicts"
LINE = re.compile(r"^content/(\S+) \[.+?\]: (error|warning) (\w+): (.*)$")


def _build(site: Path) -> tuple[int, dict[str, set[str]], list[str]]:
    cwd = os.getcwd()
    try:
        os.chdir(site)
        result = CliRunner().invoke(main, ["build", "--config", "dateline.toml"])
    finally:
        os.chdir(cwd)
    codes: dict[str, set[str]] = {}
    lines = []
    for line in result.output.splitlines():
        match = LINE.match(line)
        if match and match[3] != "main_event_incomplete":
            codes.setdefault(match[1], set()).add(match[3])
            lines.append(line)
    return result.exit_code, codes, lines


def _published(site: Path) -> set[str]:
    feed = feedparser.parse((site / "out" / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return {entry.title for entry in feed.entries}


def test_only_editors_clashes_fail_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    code, codes, lines = _build(site)
    assert code == 1  # the two editor-written Mercurys
    assert codes == {
        # enrichment: Raleigh the City vs Raleigh the Organization -> warnings only
        "c-raleigh-city.md": {"inferred_id_conflict"},
        "d-raleigh-org.md": {"inferred_id_conflict"},
        # two editors disagree: both fail, as before
        "g-mercury-planet.md": {"conflicting_id"},
        "h-mercury-singer.md": {"conflicting_id"},
    }
    # the editor's Raleigh is never blamed for a guess; the guess names the editor's
    assert any("c-raleigh-city.md" in x and "e-editor-raleigh.md" in x for x in lines)
    assert any("g-mercury" in x and "h-mercury-singer.md" in x for x in lines)
    assert any("h-mercury" in x and "g-mercury-planet.md" in x for x in lines)
    assert _published(site) == {
        # the publisher Forbes (NewsMediaOrganization) and the inferred Organization Forbes
        "Annual list of billionaires published",
        "Billionaire count climbs, report says",
        "Storm floods streets in Raleigh",
        "Raleigh signs a new bicycle sponsorship deal",
        "Raleigh bicycles return to the shops",
    }
    # a rebuild from the cache (summaries read back) says the same
    assert _build(site)[:2] == (code, codes)


def test_inferred_clash_alone_builds_clean(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    for name in ("g-mercury-planet.md", "h-mercury-singer.md", "e-editor-raleigh.md"):
        (site / "content" / name).unlink()
    code, codes, lines = _build(site)
    assert code == 0
    assert set(codes) == {"c-raleigh-city.md", "d-raleigh-org.md"}
    assert any("c-raleigh-city.md" in x and "d-raleigh-org.md" in x for x in lines)
    assert any("d-raleigh-org.md" in x and "c-raleigh-city.md" in x for x in lines)
    assert len(_published(site)) == 4


def test_registry_types_are_the_editors(tmp_path: Path) -> None:
    """An entity enrichment took from the registry is the newsroom's word: against an
    editor's other type both articles fail; against an inference only that warns."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    for name in ("g-mercury-planet.md", "h-mercury-singer.md", "e-editor-raleigh.md"):
        (site / "content" / name).unlink()
    (site / "content" / "entities.yaml").write_text(
        "- {id: raleigh, type: City, name: Raleigh}\n", encoding="utf-8"
    )
    (site / "content" / "f-editor-raleigh.md").write_text(
        "---\ntitle: Raleigh bicycles return to the shops\ndate: 2024-05-03T10:00:00Z\n"
        "entities:\n  - {id: raleigh, type: Organization, name: Raleigh}\n"
        "mentions: [raleigh]\n---\nNOTTINGHAM — The bicycle maker said its new models "
        "were back in the shops on Friday.\n",
        encoding="utf-8",
    )
    code, codes, _ = _build(site)
    assert code == 1
    # both of the registry's Raleighs (a City) clash with the editor's Organization
    assert codes == {
        "c-raleigh-city.md": {"conflicting_id"},
        "d-raleigh-org.md": {"conflicting_id"},
        "f-editor-raleigh.md": {"conflicting_id"},
    }


def test_naming_the_sites_publisher_links_the_publisher(tmp_path: Path) -> None:
    """A story that names its own newsroom ("three sources told the Harbour Gazette")
    mentions the publisher's node; no guess of another kind takes the publisher's
    @id, which would contradict every other article of the site (a reviewer found
    every article failing with conflicting_id because one draft named the site)."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    for path in (site / "content").iterdir():
        path.unlink()
    toml = site / "dateline.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('name = "Clash Desk"', 'name = "Harbour Gazette"'),
        encoding="utf-8",
    )
    (site / "content" / "strike.md").write_text(
        "---\ntitle: Port strike talks collapse\ndate: 2026-11-20T10:00:00Z\n---\n"
        "HAMBURG — Talks between dock workers and port operators collapsed late on "
        "Thursday, three sources told the Harbour Gazette on Friday.\n",
        encoding="utf-8",
    )
    (site / "content" / "ferry.md").write_text(
        "---\ntitle: New ferry line opens\ndate: 2026-11-21T10:00:00Z\n---\n"
        "HAMBURG — A new ferry line between Hamburg and Cuxhaven opened on Saturday.\n",
        encoding="utf-8",
    )
    code, codes, lines = _build(site)
    assert (code, codes) == (0, {}), lines
    assert _published(site) == {"Port strike talks collapse", "New ferry line opens"}
    publisher = "https://clash.example.net/id/harbour-gazette"
    graph = to_graph(
        json.loads((site / "out" / "articles" / "port-strike-talks-collapse.jsonld").read_text())
    )
    kinds = {str(o) for o in graph.objects(URIRef(publisher), RDF.type)}
    assert kinds == {SCHEMA + "NewsMediaOrganization"}
    article = URIRef("https://clash.example.net/articles/port-strike-talks-collapse.html#article")
    assert URIRef(publisher) in set(graph.objects(article, Namespace(SCHEMA).mentions))


def test_an_editors_entity_under_the_publishers_id_fails_with_a_reason(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    for path in (site / "content").iterdir():
        path.unlink()
    toml = site / "dateline.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("enrich = true", "enrich = false"),
        encoding="utf-8",
    )
    (site / "content" / "desk.md").write_text(
        "---\ntitle: The desk names its editor\ndate: 2024-05-03T10:00:00Z\n"
        "entities:\n  - {id: clash-desk, type: Person, name: Clash Desk}\n---\n"
        "LONDON — The desk named a new editor on Friday.\n",
        encoding="utf-8",
    )
    (site / "content" / "other.md").write_text(
        "---\ntitle: Another story\ndate: 2024-05-04T10:00:00Z\n"
        "entities:\n  - {id: clash-desk, type: NewsMediaOrganization, name: Clash Desk}\n---\n"
        "LONDON — The desk published another story on Saturday.\n",
        encoding="utf-8",
    )
    code, codes, lines = _build(site)
    assert code == 1
    assert codes == {"desk.md": {"conflicting_id"}}, lines
    assert "entities[0].id" in lines[0] or "publisher" in lines[0]
    # the organization under the publisher's id is the publisher: one node, it publishes
    assert _published(site) == {"Another story"}
    graph = json.loads((site / "out" / "articles" / "another-story.jsonld").read_text())
    ids = [n["@id"] for n in graph["@graph"]]
    assert ids.count("https://clash.example.net/id/clash-desk") == 1
