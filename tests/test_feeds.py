"""Feeds, read back the way feed readers read them: feedparser, and JSON Schema for JSON Feed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import json
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from dateline.emit.feeds import (
    EntryWriter,
    FeedPage,
    _text_entries,
    atom_from_entries,
    entries_from_parts,
    entry_parts,
    render_atom,
    render_rss,
    rss_from_entries,
)
from dateline.emit.summary import Byline
from dateline.pipeline import BuildReport
from dateline.settings import Settings
from dateline.write.cache import BuildCache

from .conftest import ROOT, SEED_SLUG

BASE = "https://dateline.example.org/"
SEED_URL = f"{BASE}articles/{SEED_SLUG}.html"
SEED_JSONLD = f"{BASE}articles/{SEED_SLUG}.jsonld"
HEADLINE = "Iran, Russia relations remains unchanging: Mokhber delivers Leader’s message to Putin"
PUBLISHED = dt.datetime(2024, 7, 5, 23, 2, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))


@pytest.fixture(scope="module", params=["rss.xml", "atom.xml"])
def parsed(request: pytest.FixtureRequest, out: Path) -> Any:
    return feedparser.parse((out / request.param).read_bytes())


def seed_entry(parsed: Any) -> Any:
    return next(e for e in parsed.entries if e.link == SEED_URL)


def test_feed_is_well_formed(parsed: Any) -> None:
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version in {"rss20", "atom10"}


def test_channel_links_to_the_site_and_itself(parsed: Any) -> None:
    assert parsed.feed.title == "Dateline: Iran and Eurasia"
    assert parsed.feed.link == BASE  # the site, not the feed
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [BASE + ("rss.xml" if parsed.version == "rss20" else "atom.xml")]


def test_seed_entry_title_link_date_and_content(parsed: Any) -> None:
    entry = seed_entry(parsed)
    assert entry.title == HEADLINE
    assert entry.id == SEED_URL
    assert dt.datetime(*entry.published_parsed[:6]).replace(tzinfo=dt.UTC) == PUBLISHED
    assert entry.author == "Tehran Times"
    content = entry.content[0].value
    assert content.startswith("<p>TEHRAN – During a meeting with Russian President Vladimir Putin")
    assert "Eurasian Union as an observer member.</p>" in content
    assert entry.summary.startswith("During a meeting with Russian President Vladimir Putin")


def test_entry_points_at_its_jsonld(parsed: Any) -> None:
    links = {(link.rel, link.type): link.href for link in seed_entry(parsed).links}
    assert links[("describedby", "application/ld+json")] == SEED_JSONLD
    assert links[("alternate", "text/html")] == SEED_URL
    alternates = [link for link in seed_entry(parsed).links if link.rel == "alternate"]
    assert [link.type for link in alternates] == ["text/html"]  # readers open this one


def test_rss_dates_are_rfc822_and_last_build_is_newest_article(out: Path) -> None:
    root = etree.parse(str(out / "rss.xml")).getroot()
    channel = root.find("channel")
    assert channel is not None
    dates = [email.utils.parsedate_to_datetime(d.text or "") for d in root.iter("pubDate")]
    assert dates
    assert all(d.tzinfo is not None for d in dates)
    last = email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate") or "")
    assert last == max(dates)
    guids = [g.text for g in root.iter("guid")]
    assert len(guids) == len(set(guids))


def test_atom_updated_is_newest_article_not_build_time(out: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = etree.parse(str(out / "atom.xml")).getroot()
    updated = [
        dt.datetime.fromisoformat(u.text or "") for u in root.findall("a:entry/a:updated", ns)
    ]
    assert dt.datetime.fromisoformat(root.findtext("a:updated", namespaces=ns) or "") == max(
        updated
    )


@pytest.fixture(scope="module")
def jsonfeed(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    return data


def test_json_feed_validates_against_the_1_1_schema(jsonfeed: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "schemas" / "jsonfeed-1.1.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(jsonfeed), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_json_feed_schema_rejects_what_the_spec_forbids() -> None:
    """The schema is a real check: a feed without version or an item without id fails."""
    schema = json.loads((ROOT / "schemas" / "jsonfeed-1.1.schema.json").read_text("utf-8"))
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}
    jsonschema.validate(good, schema)
    for bad in [
        {"title": "t", "items": []},
        {**good, "items": [{"content_text": "x"}]},
        {
            **good,
            "items": [{"id": "1", "content_text": "x", "date_published": "2024-07-05T23:02:00"}],
        },
        {**good, "titel": "typo"},
    ]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_json_feed_seed_item(jsonfeed: dict[str, Any]) -> None:
    item = next(i for i in jsonfeed["items"] if i["id"] == SEED_URL)
    assert item["title"] == HEADLINE
    assert dt.datetime.fromisoformat(item["date_published"]) == PUBLISHED
    assert item["_jsonld"]["url"] == SEED_JSONLD
    assert item["authors"] == [{"name": "Tehran Times", "url": "https://www.tehrantimes.com/"}]
    assert jsonfeed["feed_url"] == BASE + "feed.json"


def test_items_newest_first_and_at_most_max_items(
    built: tuple[Settings, BuildReport], jsonfeed: dict[str, Any]
) -> None:
    dates = [dt.datetime.fromisoformat(i["date_published"]) for i in jsonfeed["items"]]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == min(len(built[1].published), built[0].max_items)


def test_feeds_joined_from_entries_made_once_are_the_feeds_feedgen_renders(
    built: tuple[Settings, BuildReport],
) -> None:
    """Each article's RSS item and Atom entry are made once (for both documents);
    joined into a subscription feed or an archive page they give the very bytes
    feedgen renders of the whole document, odd text included."""
    settings = built[0]
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    entries = [cache.read_entry(e.key) for e in state.articles.values()]
    items = [(e.summary, e.body) for e in entries if e is not None]
    for summary, body in items:  # the build kept each body apart from its entry too
        assert cache.read_body(state.articles[summary.source].key) == body
    first = items[0][0]
    odd = dataclasses.replace(
        first,
        source="odd.md",
        slug="odd",
        base=BASE,  # its page: BASE + "articles/odd.html"
        description=None,
        section=None,
        keywords=("a&b", "Zürich"),
        authors=(),
    )
    items = sorted([*items, (odd, "x & <y> ]]> é\n\n  <p>z\n</p>\r\n")], key=lambda i: i[0].order)
    writer = EntryWriter(settings)
    made = [writer(summary, body) for summary, body in items]
    summaries = [summary for summary, _ in items]
    archive = FeedPage(
        archive=True, current=BASE + "rss.xml", prev_archive=BASE + "p", next_archive=BASE + "n"
    )
    for page in (None, FeedPage(prev_archive=BASE + "archive/rss-1.xml"), archive):
        for count in (len(items), 1, 0):
            rss = render_rss(settings, items[:count], page=page)
            assert (
                rss_from_entries(
                    settings, summaries[:count], [m[0] for m in made[:count]], page=page
                )
                == rss
            )
            atom = render_atom(settings, items[:count], BASE + "t.xml", "T", page=page)
            joined = atom_from_entries(
                settings,
                summaries[:count],
                [m[1] for m in made[:count]],
                BASE + "t.xml",
                "T",
                page=page,
            )
            assert joined == atom
            for data in (rss, atom):
                parsed = feedparser.parse(data)
                assert not parsed.bozo, parsed.get("bozo_exception")
                assert len(parsed.entries) == count


_PLAIN_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from("&<>\"'\t\n]]>\u2028\xa0é"),
    max_size=40,
)
_FEED_TEXT = _PLAIN_TEXT


@given(
    headline=_FEED_TEXT.filter(bool),
    description=st.none() | _FEED_TEXT,
    body=_FEED_TEXT,
    section=st.none() | _FEED_TEXT.filter(bool),
    keywords=st.lists(_FEED_TEXT.filter(bool), max_size=3),
    authors=st.lists(
        st.tuples(_FEED_TEXT.filter(bool), st.none() | _FEED_TEXT.filter(bool)), max_size=3
    ),
    published=st.sampled_from(["2024-07-05T23:02:00+03:30", "2024-02-29", "1999-12-31T23:59:59Z"]),
    modified=st.none() | st.sampled_from(["2024-07-06T01:00:00.250000-05:00", "2025-01-01"]),
    # sometimes a character lxml writes as a reference or refuses, in one of the texts
    odd=st.none() | st.tuples(st.sampled_from("\r\x01\x1f\ufffe\uffff"), st.integers(0, 5)),
)
@hypothesis_settings(max_examples=150, deadline=None)
def test_entries_written_as_text_are_feedgens_bytes(
    built: tuple[Settings, BuildReport],
    headline: str,
    description: str | None,
    body: str,
    section: str | None,
    keywords: list[str],
    authors: list[tuple[str, str | None]],
    published: str,
    modified: str | None,
    odd: tuple[str, int] | None,
) -> None:
    """An entry written as text (the fast path) is byte for byte the one feedgen and
    lxml make, for any text; text they would write otherwise (or refuse) goes to them."""
    if odd is not None:
        char, where = odd
        if where == 0:
            headline += char
        elif where == 1:
            body += char
        elif where == 2:
            description = (description or "") + char
        elif where == 3:
            keywords = [*keywords, char]
        else:
            authors = [("A" + char, None)] if where == 4 else [("A", "https://a/" + char)]
    settings = built[0]
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    entry = cache.read_entry(next(iter(state.articles.values())).key)
    assert entry is not None
    summary = dataclasses.replace(
        entry.summary,
        headline=headline,
        description=description,
        section=section,
        keywords=tuple(keywords),
        authors=tuple(Byline(name, url, True) for name, url in authors),
        date_published=published.replace("Z", "+00:00"),
        date_modified=modified,
    )
    try:
        slow = EntryWriter(settings, fast=False)(summary, body)
    except ValueError:  # lxml refuses the text: the fast path leaves it to lxml
        assert _text_entries(summary, body) is None
        assert entry_parts(summary, body) is None
        with pytest.raises(ValueError, match="XML compatible"):
            EntryWriter(settings)(summary, body)
        return
    assert EntryWriter(settings)(summary, body) == slow
    # what a worker keeps for the archive pages: the same bytes once joined, made
    # wherever the text path makes the entries
    parts = entry_parts(summary, body)
    assert (parts is None) == (_text_entries(summary, body) is None)
    if parts is not None:
        assert entries_from_parts(parts, body) == slow
        # the body as the build cache gives it back to the archive pages: its UTF-8
        assert entries_from_parts(parts, body.encode()) == slow


def test_archive_pages_joined_from_the_workers_entries_are_feedgens(tmp_path: Path) -> None:
    """The archive pages hold every article of the site: they are joined from the
    entries each article's worker made around its body and the cache kept. Rendered
    again by feedgen alone (no text path, no kept entries) from the summaries and
    bodies read back, every page is the same, byte for byte."""
    from dateline.emit.site import render_feeds  # noqa: PLC0415
    from dateline.emit.siteinput import SiteInput  # noqa: PLC0415
    from dateline.pipeline import build_site  # noqa: PLC0415

    from .test_incremental import make_site  # noqa: PLC0415

    settings = make_site(tmp_path, count=6).model_copy(update={"max_items": 2})
    assert build_site(settings, jobs=1).ok
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    keys = {source: entry.key for source, entry in state.articles.items()}
    kept = cache.read_feeds(list(keys.values()))
    # the workers made every article's entries (the path under test was taken)
    assert len(kept) == 9
    assert all(parts is not None for _, parts in kept.values())
    listed = sorted((entry.summary for entry in state.articles.values()), key=lambda s: s.order)
    again = SiteInput(listed, lambda summary: kept[keys[summary.source]][0])
    again.shared["feed entry writer"] = EntryWriter(settings, fast=False)
    pages = dict(render_feeds(settings, again))
    assert len([name for name in pages if name.startswith("archive/")]) == 8
    for name, data in pages.items():
        assert data == (settings.output_dir / name).read_bytes(), name
