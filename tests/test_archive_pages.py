"""The home page's archive is numbered from the oldest article, so a full page never
changes: a site that gains an article renders its home page again, not every page.
Read back with lxml, as a browser follows the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from dateline.emit.lists import IndexPage, archived_pages
from dateline.pipeline import build_site
from dateline.settings import Settings

from .test_incremental import make_site, tree
from .test_incremental_archives import newest


def paged_site(tmp_path: Path, name: str = "site") -> Settings:
    settings = make_site(tmp_path, count=7, name=name)  # 10 articles
    return settings.model_copy(update={"page_size": 2})


def walk(out: Path, base: str) -> list[list[str]]:
    """The article links of the home page, then of each older page (rel="next"),
    checking that each page's rel="prev" leads back to the page before."""
    pages: list[list[str]] = []
    url: str | None = base
    before: str | None = None
    while url is not None:
        tree_ = lxml_html.fromstring((out / (url.removeprefix(base) or "index.html")).read_bytes())
        assert tree_.xpath('//link[@rel="canonical"]/@href') == [url]
        assert tree_.xpath('//link[@rel="prev"]/@href') == ([before] if before else [])
        pages.append(tree_.xpath('//ul[@class="articles"]/li/a/@href'))
        nxt = tree_.xpath('//link[@rel="next"]/@href')
        before, url = url, (nxt[0] if nxt else None)
    return pages


@pytest.mark.parametrize(
    ("articles", "size", "archived", "home"),
    [
        (0, 20, 0, 0),
        (19, 20, 0, 19),
        (20, 20, 0, 20),
        (39, 20, 0, 39),
        (40, 20, 1, 20),
        (41, 20, 1, 21),
        (3, 1, 2, 1),
    ],
)
def test_the_home_page_holds_what_no_full_page_holds(
    articles: int, size: int, archived: int, home: int
) -> None:
    assert archived_pages(articles, size) == archived
    assert articles - archived * size == home
    assert home < 2 * size


def test_links_between_the_home_page_and_its_archive() -> None:
    base = "https://example.org/"
    home, oldest, newest_page = (IndexPage(n, 3, base) for n in (0, 1, 3))
    assert (home.prev, home.next) == (None, base + "page/3.html")
    assert (newest_page.prev, newest_page.next) == (base, base + "page/2.html")
    assert (oldest.prev, oldest.next) == (base + "page/2.html", None)
    assert IndexPage(0, 0, base).next is None


def test_every_article_is_on_exactly_one_page_newest_first(tmp_path: Path) -> None:
    settings = paged_site(tmp_path)
    assert build_site(settings).ok
    out, base = settings.output_dir, settings.base_url
    pages = walk(out, base)
    assert [len(p) for p in pages] == [2, 2, 2, 2, 2]  # the home page, then pages 4 to 1
    urls = [url for page in pages for url in page]
    assert sorted(urls) == sorted(
        f"{base}articles/{p.stem}.html" for p in (out / "articles").glob("*.html")
    )
    assert len(set(urls)) == 10
    assert sorted(p.name for p in (out / "page").iterdir()) == [f"{n}.html" for n in (1, 2, 3, 4)]


def test_full_pages_are_not_rendered_again_when_newer_articles_come(tmp_path: Path) -> None:
    settings = paged_site(tmp_path)
    assert build_site(settings).ok
    out = settings.output_dir
    before = {p.name: p.read_bytes() for p in (out / "page").iterdir()}
    # one newer article: the home page takes it; no page of the archive is written
    (settings.content_dir / "new-1.txt").write_text(newest(1, "Dakar"))
    report = build_site(settings)
    assert report.ok
    assert not [p for p in report.written if p.parent.name == "page"]
    assert out / "index.html" in report.written
    assert {p.name: p.read_bytes() for p in (out / "page").iterdir()} == before
    # a second one fills a page: page 5 is new, page 4 only gains its link to it
    (settings.content_dir / "new-2.txt").write_text(newest(2, "Lagos"))
    report = build_site(settings)
    written = sorted(p.name for p in report.written if p.parent.name == "page")
    assert written == ["4.html", "5.html"]
    for number in (1, 2, 3):
        assert (out / "page" / f"{number}.html").read_bytes() == before[f"{number}.html"]
    assert len(walk(out, settings.base_url)[0]) == 2
    # and the site is what a clean serial build of the same articles makes
    clean = paged_site(tmp_path, name="clean")
    (clean.content_dir / "new-1.txt").write_text(newest(1, "Dakar"))
    (clean.content_dir / "new-2.txt").write_text(newest(2, "Lagos"))
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(out) == tree(clean.output_dir)


def test_topic_pages_are_numbered_from_the_oldest_too(tmp_path: Path) -> None:
    """A section's pages are numbered as the home page's archive: an article added to
    a section renders the section's own page and feeds again, not its full pages,
    and the pages read newest first from the section's own page."""
    settings = paged_site(tmp_path)
    for number in range(7):
        (settings.content_dir / f"gen-{number:02d}.yaml").write_text("section: World\n")
    assert build_site(settings).ok
    out, base = settings.output_dir, settings.base_url
    folder = out / "section" / "world"
    pages = walk(folder, base + "section/world/")
    assert [len(p) for p in pages] == [2, 2, 2, 2]  # its own page, then pages 3 to 1
    assert sorted(p.name for p in (folder / "page").iterdir()) == ["1.html", "2.html", "3.html"]
    full = {p.name: p.read_bytes() for p in (folder / "page").iterdir()}
    (settings.content_dir / "new-1.txt").write_text(newest(1, "Dakar"))
    (settings.content_dir / "new-1.yaml").write_text("section: World\n")
    report = build_site(settings)
    assert report.ok
    names = [f"section/world/page/{n}.html" for n in (1, 2, 3)]
    assert all(report.outputs[n] is None for n in names)  # not even rendered
    assert report.outputs["section/world/index.html"]
    assert report.outputs["section/world/rss.xml"]
    assert {p.name: p.read_bytes() for p in (folder / "page").iterdir()} == full
    assert [len(p) for p in walk(folder, base + "section/world/")] == [3, 2, 2, 2]
    clean = paged_site(tmp_path, name="clean")
    for number in range(7):
        (clean.content_dir / f"gen-{number:02d}.yaml").write_text("section: World\n")
    (clean.content_dir / "new-1.txt").write_text(newest(1, "Dakar"))
    (clean.content_dir / "new-1.yaml").write_text("section: World\n")
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(out) == tree(clean.output_dir)
