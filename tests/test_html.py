"""HTML pages, read back the way crawlers and aggregators read them: extruct."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import extruct
import pytest
from lxml import html as lxml_html

from .conftest import SEED_SLUG

BASE = "https://dateline.example.org/"


def pages(out: Path) -> list[Path]:
    return sorted((out / "articles").glob("*.html"))


def extract(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = extruct.extract(
        path.read_text(encoding="utf-8"),
        base_url=BASE + "articles/" + path.name,
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )
    return data


def test_extruct_finds_the_same_graph_as_the_jsonld_file(out: Path) -> None:
    assert pages(out)
    for page in pages(out):
        found = extract(page)["json-ld"]
        on_disk = json.loads(page.with_suffix(".jsonld").read_text(encoding="utf-8"))
        assert found == [on_disk], page.name


def test_opengraph_tags(out: Path) -> None:
    og = extract(out / "articles" / f"{SEED_SLUG}.html")["opengraph"][0]
    assert og["@type"] == "article"  # extruct's uniform form of og:type
    assert og["og:url"] == f"{BASE}articles/{SEED_SLUG}.html"
    assert og["og:title"].startswith("Iran, Russia relations remains unchanging")
    assert og["article:published_time"] == "2024-07-05T23:02:00+03:30"


@pytest.mark.parametrize(
    ("kind", "href"),
    [
        ("application/rss+xml", BASE + "rss.xml"),
        ("application/atom+xml", BASE + "atom.xml"),
        ("application/feed+json", BASE + "feed.json"),
        ("application/ld+json", f"{BASE}articles/{SEED_SLUG}.jsonld"),
    ],
)
def test_feed_autodiscovery(out: Path, kind: str, href: str) -> None:
    tree = lxml_html.fromstring((out / "articles" / f"{SEED_SLUG}.html").read_bytes())
    assert tree.xpath(f'//link[@rel="alternate"][@type="{kind}"]/@href') == [href]


def test_page_shows_the_article_to_people(out: Path) -> None:
    tree = lxml_html.fromstring((out / "articles" / f"{SEED_SLUG}.html").read_bytes())
    assert tree.findtext(".//h1").startswith("Iran, Russia relations remains unchanging")
    text = tree.text_content()
    assert "Shanghai Cooperation Organization" in text
    assert tree.xpath("//time/@datetime") == ["2024-07-05T23:02:00+03:30"]
    events = [li.text_content() for li in tree.xpath('//section[@class="events"]//li')]
    assert "Meeting between Mohammad Mokhber and Vladimir Putin — 4 July 2024, Astana" in events


def test_home_page_lists_articles_and_carries_the_site_graph(out: Path) -> None:
    page = out / "index.html"
    found = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    assert found == [json.loads((out / "index.jsonld").read_text(encoding="utf-8"))]
    tree = lxml_html.fromstring(page.read_bytes())
    assert tree.xpath('//link[@type="application/rss+xml"]/@href') == [BASE + "rss.xml"]
    links = tree.xpath('//ul[@class="articles"]/li/a/@href')
    assert links == [f"{BASE}articles/{SEED_SLUG}.html"]
