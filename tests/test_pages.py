"""Pages a reader is glad to read: zones by name, topics, source credit, entity pages,
paging. Read back with lxml and extruct, as a browser and a crawler would."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import extruct
import rdflib
from lxml import html as lxml_html

from dateline.emit.html import human_date, zone_label
from dateline.pipeline import build_site
from dateline.settings import load_settings

from .conftest import DATA, SEED_SLUG
from .jsonld_helpers import SCHEMA, to_graph

SITE = DATA / "site"


def page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def test_times_are_shown_in_the_story_zone_by_name(out: Path) -> None:
    tree = page(out / "articles" / f"{SEED_SLUG}.html")
    assert tree.xpath('//p[@class="byline"]/time/text()') == ["5 July 2024, 23:02 Tehran time"]
    assert zone_label("America/Argentina/Buenos_Aires") == "Buenos Aires time"
    assert zone_label("Etc/UTC") == "UTC"
    noon = dt.datetime(2024, 7, 5, 12, 0, tzinfo=dt.UTC)
    assert human_date(noon, "Etc/GMT+3") == "5 July 2024, 09:00 -03:00"
    assert human_date(noon, "America/New_York") == "5 July 2024, 08:00 New York time"
    assert human_date(noon, None) == "5 July 2024, 12:00 +00:00"


def test_named_entities_link_to_their_own_pages(out: Path) -> None:
    tree = page(out / "articles" / f"{SEED_SLUG}.html")
    links = tree.xpath('//section[@class="entities"]//a/@href')
    assert "https://dateline.example.org/id/vladimir-putin.html" in links
    for href in links:
        target = out / href.removeprefix("https://dateline.example.org/")
        assert target.is_file(), href
    putin = out / "id" / "vladimir-putin.html"
    found = extruct.extract(putin.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    assert found == [json.loads((out / "id" / "vladimir-putin.jsonld").read_bytes())]
    graph = found[0]["@graph"]
    assert graph[0]["@id"] == "https://dateline.example.org/id/vladimir-putin"
    assert graph[0]["@type"] == "Person"
    naming = [n for n in graph[1:] if n["@type"] == "NewsArticle"]
    assert [n["url"] for n in naming] == [f"https://dateline.example.org/articles/{SEED_SLUG}.html"]
    assert naming[0]["mentions"] == {"@id": "https://dateline.example.org/id/vladimir-putin"}
    listed = page(putin).xpath('//ul[@class="articles"]/li/a/@href')
    assert listed == [naming[0]["url"]]


def test_section_tags_byline_and_source_credit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    story = site / "content" / "2024-03-kyiv-visit.md"
    story.write_text(
        story.read_text().replace(
            "section: World", "section: World\nsource: https://wire.example.com/kyiv-visit"
        )
    )
    config = site / "dateline.toml"
    config.write_text(
        config.read_text().replace(
            "[site.publisher]", 'topic_feeds = ["section", "tag"]\n[site.publisher]'
        )
    )
    settings = load_settings(config)
    assert build_site(settings).ok
    tree = page(settings.output_dir / "articles" / "blinken-kyiv-may-2024.html")
    base = settings.base_url
    assert tree.xpath('//p[@class="kicker"]//a/@href') == [base, base + "section/world/"]
    assert tree.xpath('//p[@class="tags"]/a/text()') == ["Ukraine", "United States", "Diplomacy"]
    assert tree.xpath('//p[@class="tags"]/a/@href')[0] == base + "tag/ukraine/"
    assert "By Jane Roe" in tree.xpath('string(//p[@class="byline"])')
    assert tree.xpath('//p[@class="source"]/a/@href') == ["https://wire.example.com/kyiv-visit"]
    data = json.loads((settings.output_dir / "articles/blinken-kyiv-may-2024.jsonld").read_bytes())
    assert data["@graph"][0]["isBasedOn"] == "https://wire.example.com/kyiv-visit"


def test_index_pages_through_every_article_once(tmp_path: Path) -> None:
    settings = load_settings(SITE / "dateline.toml").model_copy(
        update={"output_dir": tmp_path / "out", "page_size": 1}
    )
    assert build_site(settings).ok
    out, base = settings.output_dir, settings.base_url
    seen = []
    url: str | None = base
    while url is not None:
        path = out / (url.removeprefix(base) or "index.html")
        tree = page(path)
        seen += tree.xpath('//ul[@class="articles"]/li/a/@href')
        summaries = tree.xpath('//ul[@class="articles"]/li/p[@class="summary"]/text()')
        assert len(summaries) == 1, path
        nxt = tree.xpath('//link[@rel="next"]/@href')
        url = nxt[0] if nxt else None
    assert len(seen) == 3 == len(set(seen))
    # the archive is numbered from the oldest: page 1 holds the oldest article
    assert page(out / "page" / "1.html").xpath('//link[@rel="prev"]/@href') == [
        base + "page/2.html"
    ]
    assert page(out / "page" / "2.html").xpath('//link[@rel="prev"]/@href') == [base]


def test_partial_dates_read_as_written() -> None:
    assert human_date("2023-12") == "December 2023"
    assert human_date("2024") == "2024"


def test_entity_document_reads_as_rdf(out: Path) -> None:
    """A consumer merging the site's documents learns who is named where."""
    doc = json.loads((out / "id" / "vladimir-putin.jsonld").read_bytes())
    graph = to_graph(doc)
    putin = rdflib.URIRef("https://dateline.example.org/id/vladimir-putin")
    article = rdflib.URIRef(f"https://dateline.example.org/articles/{SEED_SLUG}.html#article")
    assert (article, rdflib.URIRef(SCHEMA + "mentions"), putin) in graph
    assert (putin, rdflib.URIRef(SCHEMA + "name"), rdflib.Literal("Vladimir Putin")) in graph


def test_topic_pages_are_paged_too(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    (site / "content" / "geneva-talks.yaml").write_text("section: World\n")
    settings = load_settings(site / "dateline.toml").model_copy(update={"page_size": 1})
    assert build_site(settings).ok
    out, base = settings.output_dir, settings.base_url
    first = page(out / "section" / "world" / "index.html")
    # numbered as the home page's archive: page 1 holds the oldest
    second = page(out / "section" / "world" / "page" / "1.html")
    assert first.xpath('//link[@rel="canonical"]/@href') == [base + "section/world/"]
    assert first.xpath('//link[@rel="next"]/@href') == [base + "section/world/page/1.html"]
    assert second.xpath('//link[@rel="prev"]/@href') == [base + "section/world/"]
    listed = [*first.xpath("//ul[@class='articles']/li/a/@href")]
    listed += second.xpath("//ul[@class='articles']/li/a/@href")
    assert listed == [
        base + "articles/blinken-kyiv-may-2024.html",
        base + "articles/climate-negotiators-resume-talks-in-geneva.html",
    ]
    sitemap = (out / "sitemap.xml").read_text()
    assert f"<loc>{base}section/world/page/1.html</loc>" in sitemap
