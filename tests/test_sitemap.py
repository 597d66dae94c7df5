"""sitemap.xml, news-sitemap.xml and robots.txt, validated against their XML schemas."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

import dateline.validate.sitemaps
from dateline.emit.readers import _newest, _Pages
from dateline.emit.sitemaps import (
    NEWS_WINDOW,
    SITEMAP_NS,
    PageEntry,
    render_news_sitemap,
    render_sitemap,
)
from dateline.emit.summary import ArticleSummary
from dateline.errors import Finding
from dateline.pipeline import build_site, check_sitemap_in_parts
from dateline.settings import Settings
from dateline.validate.sitemaps import SITEMAP_SCHEMAS, check_sitemap
from dateline.write.cache import BuildCache

from .held_site import RELEASE, released_site, site_with_held
from .test_incremental import make_site
from .test_list_items import _summary

XSD = SITEMAP_SCHEMAS
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return released_site(tmp_path_factory.mktemp("sitemap"))


def valid(schema: etree.XMLSchema, path: Path) -> etree._Element:
    doc = etree.parse(str(path))
    assert schema.validate(doc), f"{path.name}: {schema.error_log}"
    return doc.getroot()


def test_sitemap_lists_every_page_with_lastmod(schema: etree.XMLSchema, released: Settings) -> None:
    out, base = released.output_dir, released.base_url
    root = valid(schema, out / "sitemap.xml")
    listed = [u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")]
    assert len(listed) == len(set(listed))
    pages = {
        base + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")
    }
    assert set(listed) == pages
    lastmods = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert lastmods[base + "articles/blinken-kyiv-may-2024.html"] == "2024-05-14T09:30:00+03:00"
    assert lastmods[base] == "2031-01-01T09:00:00+00:00"


def test_news_sitemap_has_the_last_two_days(schema: etree.XMLSchema, released: Settings) -> None:
    root = valid(schema, released.output_dir / "news-sitemap.xml")
    (url,) = root.iter(f"{SM}url")
    assert url.findtext(f"{SM}loc") == (released.base_url + "articles/embargoed-tidal-barrage.html")
    news = url.find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Test Desk"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == "2031-01-01T09:00:00+00:00"
    assert news.findtext(f"{NEWS}title") == "Tidal barrage opens at Marrowmouth"


def test_robots_names_both_sitemaps(released: Settings) -> None:
    robots = (released.output_dir / "robots.txt").read_text()
    assert f"Sitemap: {released.base_url}sitemap.xml" in robots.splitlines()
    assert f"Sitemap: {released.base_url}news-sitemap.xml" in robots.splitlines()


def test_quiet_period_has_no_news_sitemap(schema: etree.XMLSchema, tmp_path: Path) -> None:
    settings = site_with_held(tmp_path)
    build_site(settings, now=RELEASE + dt.timedelta(days=3))
    out = settings.output_dir
    assert not (out / "news-sitemap.xml").exists()
    assert "news-sitemap" not in (out / "robots.txt").read_text()
    valid(schema, out / "sitemap.xml")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<lastmod>2024-05-14T09:30:00+03:00</lastmod>", "<lastmod>14 May 2024</lastmod>"),
        ("<loc>https://test.example.net/desk/</loc>", "<loc>/desk/</loc>"),
        ("<news:language>en</news:language>", "<news:language>English</news:language>"),
        ("<news:title>Tidal barrage opens at Marrowmouth</news:title>", ""),
    ],
)
def test_the_schemas_catch_mistakes(
    schema: etree.XMLSchema, released: Settings, old: str, new: str
) -> None:
    for name in ("sitemap.xml", "news-sitemap.xml"):
        text = (released.output_dir / name).read_text()
        if old in text:
            broken = etree.fromstring(text.replace(old, new).encode())
            assert not schema.validate(broken)
            return
    pytest.fail(f"{old!r} is in neither sitemap")


def test_every_build_checks_its_sitemaps(released: Settings) -> None:
    path = released.output_dir / "sitemap.xml"
    assert check_sitemap(path.read_bytes(), path) == []
    broken = path.read_bytes().replace(b"<lastmod>2024-05-14T09:30:00+03:00", b"<lastmod>soon")
    findings = check_sitemap(broken, path)
    assert findings
    assert {f.code for f in findings} == {"sitemap_schema"}
    assert any("lastmod" in f.message for f in findings)


def test_more_pages_than_one_sitemap_may_hold_make_a_sitemap_index(
    schema: etree.XMLSchema, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The protocol caps a sitemap at 50,000 URLs; a site with more pages (a 100,000
    article archive) failed its build on the schema. Here the cap is 5."""
    from dateline.emit import sitemaps  # noqa: PLC0415 - the module whose cap is lowered

    settings = site_with_held(tmp_path)
    build_site(settings, now=RELEASE + dt.timedelta(hours=1))
    out, base = settings.output_dir, settings.base_url
    whole = [u.findtext(f"{SM}loc") for u in valid(schema, out / "sitemap.xml").iter(f"{SM}url")]
    assert len(whole) > 10

    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_URLS", 5)
    report = build_site(settings, now=RELEASE + dt.timedelta(hours=1))
    assert not report.failed, [str(f) for f in report.findings]
    index = valid(schema, out / "sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    parts = [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")]
    assert parts == [f"{base}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    listed: list[str | None] = []
    for part in parts:
        root = valid(schema, out / str(part).removeprefix(base))
        urls = [u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")]
        assert 0 < len(urls) <= 5
        listed += urls
    assert listed == whole  # every page, once, in the same order
    assert f"Sitemap: {base}sitemap.xml" in (out / "robots.txt").read_text().splitlines()

    monkeypatch.undo()
    build_site(settings, now=RELEASE + dt.timedelta(hours=1))
    assert valid(schema, out / "sitemap.xml").tag == f"{SM}urlset"
    assert not list(out.glob("sitemap-*.xml"))  # the parts are removed with the index


def test_a_pages_lastmod_is_its_newest_articles_modification_or_publication(
    tmp_path: Path,
) -> None:
    settings = make_site(tmp_path, count=2)
    assert build_site(settings).ok
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    cache.close()
    newest, older = sorted((e.summary for e in state.articles.values()), key=lambda s: s.order)[:2]
    assert _newest([older, newest]) == newest.lastmod == newest.date_published
    modified = dataclasses.replace(older, date_modified="2099-01-01T00:00:00+05:00")
    assert _newest([newest, modified]) == "2099-01-01T00:00:00+05:00"
    earlier = dataclasses.replace(older, date_modified=older.date_published)
    assert _newest([earlier, newest]) == newest.lastmod
    assert _newest([]) is None


def test_the_sitemap_is_the_bytes_lxml_writes() -> None:
    """The sitemap is written as text, not built as an lxml tree: the same bytes as the
    tree would serialize to, escapes included, and the same refusal of text XML
    cannot hold."""

    def by_lxml(pages: list[PageEntry]) -> bytes:
        urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
        for page in pages:
            url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page.url
            if page.lastmod is not None:
                etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = page.lastmod
        return bytes(
            etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )

    pages = [
        PageEntry("https://example.org/a?x=1&y=<2>\r\"'", "2024-07-05T23:02:00+03:30"),
        PageEntry("https://example.org/Straße/ü.html", None),
    ]
    for case in ([], pages, pages[1:]):
        assert render_sitemap(case) == by_lxml(case)
    with pytest.raises(ValueError, match="XML compatible"):
        render_sitemap([PageEntry("https://example.org/\x01", None)])


def test_a_large_sitemap_is_checked_in_parts_with_the_same_findings() -> None:
    """A sitemap of tens of thousands of URLs is checked against the schema a few
    thousand at a time (the whole tree took ~70 MB): the same findings, on the same
    lines of the file, as the whole file checked at once."""
    pages = [
        PageEntry(f"https://example.org/articles/a-long-enough-slug-{n}.html", "2024-07-05")
        for n in range(9000)
    ]
    good = render_sitemap(pages)
    assert len(good) > 1 << 20
    assert check_sitemap_in_parts(good, Path("s.xml"), every=1000) == []
    pages[7777] = PageEntry(pages[7777].url, "last tuesday")
    pages[8999] = PageEntry("https://example.org/" + "x" * 3000, None)
    bad = render_sitemap(pages)
    whole = check_sitemap(bad, Path("s.xml"))
    assert len(whole) == 2
    assert check_sitemap_in_parts(bad, Path("s.xml"), every=1000) == whole


def test_urls_the_replaced_sitemap_held_are_not_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build checks only the URLs its sitemap did not hold before (byte for byte),
    and a bad new URL is still found, on its line of the whole file."""
    pages = [
        PageEntry(f"https://example.org/articles/slug-{n}.html", "2024-07-05") for n in range(300)
    ]
    before = render_sitemap(pages)
    pages.insert(0, PageEntry("https://example.org/articles/new.html", "2024-07-06"))
    pages[150] = PageEntry(pages[150].url, "last tuesday")
    pages.append(PageEntry("https://example.org/" + "x" * 3000, None))
    after = render_sitemap(pages)
    whole = check_sitemap(after, Path("s.xml"))
    assert len(whole) == 2
    checked: list[int] = []
    real = dateline.validate.sitemaps.check_sitemap

    def counting(data: bytes, path: Path) -> list[Finding]:
        checked.append(data.count(b"<url>"))
        return real(data, path)

    monkeypatch.setattr(dateline.validate.sitemaps, "check_sitemap", counting)
    assert check_sitemap_in_parts(after, Path("s.xml"), before=before) == whole
    assert checked == [3]  # the new first URL, the changed one, the new last one
    checked.clear()
    assert check_sitemap_in_parts(after, Path("s.xml"), every=2, before=before) == whole
    assert checked == [2, 1]
    checked.clear()
    # nothing known: every URL is checked
    assert check_sitemap_in_parts(after, Path("s.xml"), every=100, before=b"") == whole
    assert checked == [302]


def test_an_incremental_build_checks_only_the_new_sitemap_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    (settings.content_dir / "gen-99.txt").write_text(
        "A new round of talks\n\nPublished 28 March 2024 10:05 GMT\n\n"
        "OSLO: Delegates met again on Friday, officials said.\n"
    )
    checked: list[bytes] = []
    real = dateline.validate.sitemaps.check_sitemap

    def recording(data: bytes, path: Path) -> list[Finding]:
        checked.append(data)
        return real(data, path)

    monkeypatch.setattr(dateline.validate.sitemaps, "check_sitemap", recording)
    report = build_site(settings)
    assert report.ok
    assert report.count("built") == 1
    assert settings.output_dir / "sitemap.xml" in report.written
    (sitemap,) = [c for c in checked if b"<urlset" in c]
    urls = [u.text for u in etree.fromstring(sitemap).findall(f"{SM}url/{SM}loc")]
    # the new article's URL; not those of the others (nor the home page: not the newest)
    assert urls == [settings.base_url + "articles/a-new-round-of-talks.html"]
    listed = etree.parse(str(settings.output_dir / "sitemap.xml")).findall(f"{SM}url/{SM}loc")
    assert len(listed) > 10
    assert urls[0] in [u.text for u in listed]


def test_the_news_window_is_told_to_the_second(released: Settings) -> None:
    """Each article's date is parsed only near the window (its summary's timestamp
    tells the rest): one exactly two days old and one published now are in, one a
    second older and one a second in the future are out."""
    now = dt.datetime(2031, 1, 3, 9, 0, tzinfo=dt.UTC)

    def at(slug: str, when: dt.datetime) -> ArticleSummary:
        return ArticleSummary(
            source=f"{slug}.md",
            slug=slug,
            base=released.base_url,
            headline=slug,
            date_published=when.isoformat(),
            date_modified=None,
            published_text="",
            timestamp=when.timestamp(),
            dateline=None,
            description=None,
            in_language="en",
            section=None,
            keywords=(),
            authors=(),
            index_text="",
            nodes=(),
        )

    second = dt.timedelta(seconds=1)
    articles = [
        at("future", now + second),
        at("now", now.astimezone(dt.timezone(dt.timedelta(hours=5)))),
        at("oldest", now - NEWS_WINDOW),
        at("too-old", now - NEWS_WINDOW - second),
    ]
    news = render_news_sitemap(released, articles, now)
    assert news is not None
    listed = [u.findtext(f"{SM}loc") for u in etree.fromstring(news).iter(f"{SM}url")]
    assert listed == [
        released.base_url + "articles/now.html",
        released.base_url + "articles/oldest.html",
    ]


def test_the_sitemaps_digest_reads_each_page_as_the_sitemap_shows_it() -> None:
    """Whether the sitemaps are made again is told from each page's address and
    lastmod, an article's read from its summary: the same texts as its entry."""
    modified = dataclasses.replace(
        _summary(2, "https://example.org/"), date_modified="2024-06-01T10:00:00+03:00"
    )
    pages = _Pages([_summary(1, "https://example.org/"), modified])
    pages.before.append(PageEntry("https://example.org/", "2024-06-01T10:00:00+03:00"))
    pages.after.append(PageEntry("https://example.org/tag/talks/", None))
    assert list(pages.texts()) == [f"{e.url} {e.lastmod}" for e in pages]
    assert "https://example.org/articles/story-2.html 2024-06-01T10:00:00+03:00" in pages.texts()
