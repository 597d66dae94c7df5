"""The preview server, through a loopback HTTP client: media types, 200 then 304,
gzip, WebSub Link headers, local links, rebuild on change, feeds/ untouched."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from dateline.cli import main
from dateline.serve import Preview, Site, respond
from dateline.settings import load_settings

from .conftest import DATA

SITE = DATA / "site"
HUB = "https://hub.example.com/"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def start(tmp_path: Path, interval: float = 3600) -> Preview:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    settings = load_settings(site / "dateline.toml").model_copy(update={"hubs": [HUB]})
    server = Preview(settings, tmp_path / "preview", port=0, now=NOW, interval=interval)
    server.start()
    return server


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview for the tests that only read from it."""
    server = start(tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        server.stop()


def get(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers=headers, timeout=10)


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("", "text/html; charset=utf-8"),
        ("articles/blinken-kyiv-may-2024.html", "text/html; charset=utf-8"),
        ("rss.xml", "application/rss+xml; charset=utf-8"),
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("feed.json", "application/feed+json"),
        ("section/world/rss.xml", "application/rss+xml; charset=utf-8"),
        ("index.jsonld", "application/ld+json"),
        ("articles/blinken-kyiv-may-2024.jsonld", "application/ld+json"),
        ("events.ics", "text/calendar; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
    ],
)
def test_media_types(preview: Preview, path: str, media_type: str) -> None:
    answer = get(preview.url + path)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == media_type


def test_200_then_304_with_the_etag(preview: Preview) -> None:
    url = preview.url + "rss.xml"
    first = get(url, **{"Accept-Encoding": "identity"})
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert first.content == (preview.settings.output_dir / "rss.xml").read_bytes()
    again = get(url, **{"If-None-Match": etag, "Accept-Encoding": "identity"})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    by_date = get(url, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304
    stale = get(url, **{"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_gzip_when_asked(preview: Preview) -> None:
    url = preview.url + "index.html"
    on_disk = (preview.settings.output_dir / "index.html").read_bytes()
    raw = requests.get(url, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.headers["Vary"] == "Accept-Encoding"
    body = raw.raw.read()
    assert gzip.decompress(body) == on_disk
    assert int(raw.headers["Content-Length"]) == len(body) < len(on_disk)
    plain = get(url, **{"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.content == on_disk
    assert plain.headers["ETag"] != raw.headers["ETag"]  # other bytes, other strong tag
    # a client holding the gzip variant's tag gets a 304 too
    again = get(url, **{"If-None-Match": raw.headers["ETag"], "Accept-Encoding": "gzip"})
    assert again.status_code == 304


def test_websub_link_headers_on_feeds(preview: Preview) -> None:
    for path in ("rss.xml", "atom.xml", "feed.json", "section/world/atom.xml"):
        answer = get(preview.url + path)
        links = requests.utils.parse_header_links(answer.headers["Link"])
        assert {(link["rel"], link["url"]) for link in links} == {
            ("hub", HUB),
            ("self", preview.url + path),
        }
    assert "Link" not in get(preview.url + "index.html").headers


def test_links_stay_on_the_preview(preview: Preview) -> None:
    page = get(preview.url + "index.html").text
    assert preview.url + "articles/blinken-kyiv-may-2024.html" in page
    assert "https://test.example.net/desk/" not in page
    # an entity's @id dereferences to its page
    entity = get(preview.url + "id/kyiv")
    assert entity.status_code == 200
    assert "<h1>Kyiv</h1>" in entity.text


def test_nothing_outside_the_output_is_served(preview: Preview) -> None:
    site = Site(preview.settings.output_dir, preview.url)
    for path in (
        "/../site/dateline.toml",
        "/%2e%2e/site/dateline.toml",
        "/.dateline-manifest.json",
    ):
        assert respond(site, path, {}).status == 404, path
    assert get(preview.url + ".dateline-manifest.json").status_code == 404
    assert get(preview.url + "no-such-page.html").status_code == 404
    folder = requests.get(preview.url + "section/world", allow_redirects=False, timeout=10)
    assert folder.status_code == 301
    assert folder.headers["Location"] == "/section/world/"


def test_rebuilds_on_change_and_never_touches_the_output_folder(tmp_path: Path) -> None:
    preview = start(tmp_path)
    try:
        rebuild_and_look(preview)
    finally:
        preview.stop()


def rebuild_and_look(preview: Preview) -> None:
    published = load_settings(preview.settings.content_dir.parent / "dateline.toml").output_dir
    before = get(preview.url + "rss.xml")
    assert preview.rebuild_if_changed() is None  # nothing changed yet
    story = preview.settings.content_dir / "geneva-talks.txt"
    story.write_text(story.read_text().replace("resume talks", "reopen talks"))
    report = preview.rebuild_if_changed()
    assert report is not None
    assert report.ok
    after = get(preview.url + "rss.xml")
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Climate negotiators reopen talks in Geneva" in after.text
    assert not published.exists(), "the preview wrote into the site's output folder"


def test_the_watcher_rebuilds_by_itself(tmp_path: Path) -> None:
    server = start(tmp_path, interval=0.05)
    try:
        story = server.settings.content_dir / "geneva-talks.txt"
        story.write_text(story.read_text().replace("resume talks", "reopen talks"))
        for _ in range(400):
            if "reopen talks" in get(server.url + "index.html").text:
                break
            server._stopped.wait(0.05)
        assert "Climate negotiators reopen talks in Geneva" in get(server.url + "index.html").text
    finally:
        server.stop()


def test_serve_refuses_the_published_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    result = CliRunner().invoke(
        main, ["serve", "--config", str(site / "dateline.toml"), "--out", str(site / "expected")]
    )
    assert result.exit_code == 2
    assert "must not be built into" in result.stderr
    assert not (site / "expected").exists()


def test_an_edited_settings_file_is_read_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    config = site / "dateline.toml"
    server = Preview(
        load_settings(config),
        tmp_path / "preview",
        port=0,
        now=NOW,
        watch=[site / "content", config],
        interval=3600,
        reload=lambda: load_settings(config),
    )
    server.start()
    try:
        config.write_text(config.read_text().replace('title = "Test Desk"', 'title = "Desk Two"'))
        assert server.rebuild_if_changed() is not None
        page = get(server.url + "index.html").text
        assert "<h1>Desk Two</h1>" in page
        assert server.url + "articles/" in page  # still the preview's own address
    finally:
        server.stop()


def test_the_watcher_says_why_an_edit_is_not_shown(tmp_path: Path) -> None:
    """An edit that breaks an article keeps its old version on the preview: the
    watcher's log must say why, as the first build does (a reviewer saw only
    "rebuilt: 10 of 12 articles, 0 files changed")."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    lines: list[str] = []
    server = Preview(
        load_settings(site / "dateline.toml"),
        tmp_path / "preview",
        port=0,
        now=NOW,
        interval=0.05,
        log=lines.append,
    )
    server.start()
    try:
        (site / "content" / "broken.md").write_text(
            "---\ntitle: Broken\ndate: 2026-99-01\n---\nGENEVA — Text.\n", encoding="utf-8"
        )
        for _ in range(400):
            if any(line.startswith("rebuilt:") for line in lines):
                break
            server._stopped.wait(0.05)
        assert any("broken.md" in line and "error" in line for line in lines), lines
        assert any(line.startswith("rebuilt:") and "1 failed" in line for line in lines), lines
    finally:
        server.stop()
