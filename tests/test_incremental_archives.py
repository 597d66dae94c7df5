"""RFC 5005 archives: the subscription feeds stay at max_items; every older article is
in an archive page a reader can walk to; a full page is not rewritten by later builds."""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree

from dateline.emit.feeds import FH_NS
from dateline.pipeline import build_site
from dateline.validate.feeds import safe_xml_parser

from .test_incremental import make_site

ATOM = "{http://www.w3.org/2005/Atom}"


def links(data: bytes) -> dict[str, str]:
    """rel → href of the feed-level links (Atom, or RSS's atom:link)."""
    root = etree.fromstring(data, safe_xml_parser())
    channel = root.find("channel")
    parent = channel if channel is not None else root
    return {
        str(link.get("rel")): str(link.get("href"))
        for link in parent.findall(f"{ATOM}link")
        if link.get("rel") in ("prev-archive", "next-archive", "current")
    }


def is_archive(data: bytes) -> bool:
    root = etree.fromstring(data, safe_xml_parser())
    return bool(root.findall(f".//{{{FH_NS}}}archive"))


def walk(out: Path, base: str, feed: str) -> list[list[str]]:
    """Entry links of the subscription feed, then of each archive page going back."""
    pages = []
    data = (out / feed).read_bytes()
    assert not is_archive(data)
    seen = set()
    while True:
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.bozo_exception
        pages.append([e.link for e in parsed.entries])
        prev = links(data).get("prev-archive")
        if prev is None:
            return pages
        assert prev not in seen
        seen.add(prev)
        data = (out / prev.removeprefix(base)).read_bytes()
        assert is_archive(data)
        assert links(data)["current"] == base + feed


def test_every_article_is_in_the_feed_or_an_archive_page(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=8)  # 11 articles, max_items = 2
    assert build_site(settings).ok
    out, base = settings.output_dir, settings.base_url
    urls = {f"{base}articles/{p.stem}.html" for p in (out / "articles").glob("*.html")}
    assert len(urls) == 11
    for feed in ("rss.xml", "atom.xml"):
        pages = walk(out, base, feed)
        assert len(pages[0]) == 2  # the subscription feed stays at max_items
        assert [len(p) for p in pages[1:]] == [2, 2, 2, 2, 2]  # five full pages
        assert {link for page in pages for link in page} == urls
    kind = "atom"
    assert links((out / f"archive/{kind}-1.xml").read_bytes()) == {
        "current": f"{base}{kind}.xml",
        "next-archive": f"{base}archive/{kind}-2.xml",
    }
    assert links((out / f"archive/{kind}-3.xml").read_bytes()) == {
        "current": f"{base}{kind}.xml",
        "prev-archive": f"{base}archive/{kind}-2.xml",
        "next-archive": f"{base}archive/{kind}-4.xml",
    }


def newest(day: int, city: str) -> str:
    """An article newer than every other in the test site."""
    return (
        f"Ministers gather in {city}\n\nPublished {day} June 2024 10:00 GMT\n\n"
        f"{city.upper()}: Ministers met on Monday, officials said.\n"
    )


def test_full_pages_are_not_rewritten_when_newer_articles_come(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=7)  # 10 articles: five full pages
    build_site(settings)
    out = settings.output_dir
    pages = {p.name: p.read_bytes() for p in (out / "archive").iterdir()}
    assert len(pages) == 10
    # one newer article: no page fills, none changes or is even written
    (settings.content_dir / "new-1.txt").write_text(newest(1, "Dakar"))
    report = build_site(settings)
    assert not [p for p in report.written if p.parent.name == "archive"]
    assert {p.name: p.read_bytes() for p in (out / "archive").iterdir()} == pages
    # a second one fills page six; pages one to four stay byte for byte, page five
    # only gains its next-archive link
    (settings.content_dir / "new-2.txt").write_text(newest(2, "Lagos"))
    build_site(settings)
    now = {p.name: p.read_bytes() for p in (out / "archive").iterdir()}
    assert sorted(now) == sorted([*pages, "atom-6.xml", "rss-6.xml"])
    for number in range(1, 5):
        for kind in ("atom", "rss"):
            assert now[f"{kind}-{number}.xml"] == pages[f"{kind}-{number}.xml"]
    assert "next-archive" in links(now["atom-5.xml"])
    assert (
        feedparser.parse(now["atom-5.xml"]).entries == feedparser.parse(pages["atom-5.xml"]).entries
    )
