"""Feeds per section, tag and author: as valid as the site's, found by autodiscovery."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html

from dateline.pipeline import build_site
from dateline.settings import Settings

from .held_site import RELEASE, site_with_held

HUB = "https://hub.example.com/"


@pytest.fixture(scope="module")
def topical(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = site_with_held(tmp_path_factory.mktemp("topics"))
    settings = settings.model_copy(update={"hubs": [HUB]})
    report = build_site(settings, now=RELEASE)
    assert report.ok, [str(f) for f in report.findings]
    assert not report.site_findings  # every feed passed dateline's own feed rules
    return settings


def topic_feeds(out: Path) -> list[Path]:
    return sorted(p for kind in ("section", "tag", "author") for p in (out / kind).rglob("*.*"))


def test_every_topic_has_three_feeds_that_parse_without_bozo(topical: Settings) -> None:
    out = topical.output_dir
    folders = sorted(p.parent.relative_to(out).as_posix() for p in out.glob("*/*/rss.xml"))
    assert folders == [
        "author/embargo-writer",
        "author/jane-roe",
        "section/energy",
        "section/world",
        "tag/diplomacy",
        "tag/tidal-power",
        "tag/ukraine",
        "tag/united-states",
    ]
    for folder in folders:
        for name in ("rss.xml", "atom.xml"):
            parsed = feedparser.parse((out / folder / name).read_bytes())
            assert not parsed.bozo, (folder, name, parsed.get("bozo_exception"))
            assert parsed.entries, (folder, name)
        as_json = json.loads((out / folder / "feed.json").read_bytes())
        assert as_json["feed_url"] == topical.base_url + folder + "/feed.json"


def test_section_feed_holds_its_articles_only(topical: Settings) -> None:
    parsed = feedparser.parse((topical.output_dir / "section/world/atom.xml").read_bytes())
    assert parsed.feed.title == "Test Desk: World"
    assert [e.title for e in parsed.entries] == ["Blinken arrives in Kyiv as allies weigh new aid"]
    links = {(link.rel, link.href) for link in parsed.feed.links}
    assert ("self", topical.base_url + "section/world/atom.xml") in links
    assert ("alternate", topical.base_url + "section/world/") in links


def test_every_feed_names_the_hub(topical: Settings) -> None:
    out = topical.output_dir
    for path in [out / "rss.xml", out / "atom.xml", *topic_feeds(out)]:
        if path.suffix == ".xml":
            parsed = feedparser.parse(path.read_bytes())
            hubs = [link.href for link in parsed.feed.links if link.rel == "hub"]
            assert hubs == [HUB], path
    for path in [out / "feed.json", *(p for p in topic_feeds(out) if p.suffix == ".json")]:
        assert json.loads(path.read_bytes())["hubs"] == [{"type": "WebSub", "url": HUB}]


def test_pages_point_readers_at_their_topic_feeds(topical: Settings) -> None:
    out, base = topical.output_dir, topical.base_url
    page = lxml_html.fromstring((out / "articles/blinken-kyiv-may-2024.html").read_bytes())
    rss = page.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href')
    assert rss == [
        base + "rss.xml",
        base + "section/world/rss.xml",
        base + "tag/ukraine/rss.xml",
        base + "tag/united-states/rss.xml",
        base + "tag/diplomacy/rss.xml",
        base + "author/jane-roe/rss.xml",
    ]
    index = lxml_html.fromstring((out / "index.html").read_bytes())
    assert index.xpath('//link[@type="application/atom+xml"]/@href') == [
        base + "atom.xml",
        base + "section/energy/atom.xml",
        base + "section/world/atom.xml",
    ]
    assert index.xpath('//link[@type="text/calendar"]/@href') == [base + "events.ics"]
    topic = lxml_html.fromstring((out / "section/world/index.html").read_bytes())
    assert topic.xpath('//link[@type="application/feed+json"]/@href') == [
        base + "feed.json",
        base + "section/world/feed.json",
    ]
