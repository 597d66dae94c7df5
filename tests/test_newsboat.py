"""What a real subscriber sees: newsboat fetches the built feeds over loopback HTTP.

newsboat runs headless (``-x reload``) with its own urls file, cache and config, and HOME/XDG
pointed at a temporary folder, so the user's real newsboat setup is never read. The tests then
read newsboat's sqlite cache (tables ``rss_feed`` and ``rss_item``), which holds exactly what
the reader shows.

JSON Feed is not covered: newsboat has never supported it (installed here: 2.21; the upstream
request newsboat/newsboat#426 is still open), so only RSS and Atom are checked.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from dateline.pipeline import BuildReport
from dateline.settings import Settings
from tests.conftest import SEED_SLUG

from .loopback import serve

BASE_URL = "https://dateline.example.org/"
SEED_URL = f"{BASE_URL}articles/{SEED_SLUG}.html"
HEADLINE = "Iran, Russia relations remains unchanging: Mokhber delivers Leader’s message to Putin"
PUBLISHED = "2024-07-05T23:02:00+03:30"
AUTHOR = "Tehran Times"

ATOM_NS = "{http://www.w3.org/2005/Atom}"
# feed file -> ElementTree path of its items, relative to the root element
FEEDS = {"rss.xml": "channel/item", "atom.xml": f"{ATOM_NS}entry"}

# newsboat keeps an Atom entry's *last* rel="alternate" link (newsboat/newsboat#2060), which
# is why dateline links the JSON-LD with rel="describedby": the page is the only alternate.


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Subscription:
    feed_file: str
    feed_url: str
    cache: Path


@pytest.fixture(scope="module")
def newsboat() -> str:
    path = shutil.which("newsboat")
    if path is None:
        pytest.skip("newsboat is not installed")
    return path


@pytest.fixture(scope="module")
def server_url(out: Path) -> Iterator[str]:
    """Base URL of a loopback HTTP server serving the built ``out`` folder."""
    with serve(functools.partial(_QuietHandler, directory=str(out))) as url:
        yield url + "/"


def _run_newsboat(newsboat: str, feed_url: str, work: Path) -> Path:
    """Fetch ``feed_url`` once with newsboat, headless; return its sqlite cache."""
    home = work / "home"
    home.mkdir()
    urls = work / "urls"
    urls.write_text(f"{feed_url}\n", encoding="utf-8")
    config = work / "config"
    config.write_text("# empty: newsboat defaults only\n", encoding="utf-8")
    cache = work / "cache.db"
    cmd = [newsboat, "-u", str(urls), "-c", str(cache), "-C", str(config), "-x", "reload"]
    # A minimal environment: no proxy variables (libcurl honours them), and HOME/XDG dirs in
    # tmp so nothing of the user's own newsboat setup is read. UTF-8 locale so titles are
    # stored without transliteration.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NO_PROXY": "127.0.0.1",
        "no_proxy": "127.0.0.1",
    }
    proc = subprocess.run(
        cmd,
        env=env,
        cwd=work,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, f"newsboat exited {proc.returncode}: {proc.stderr}"
    assert "Error" not in proc.stderr, proc.stderr
    assert "Error" not in proc.stdout, proc.stdout
    assert cache.is_file(), "newsboat wrote no cache"
    return cache


@pytest.fixture(scope="module", params=sorted(FEEDS))
def subscription(
    request: pytest.FixtureRequest,
    newsboat: str,
    server_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Subscription:
    """One headless newsboat reload of one feed format (run once per format)."""
    feed_file: str = request.param
    feed_url = server_url + feed_file
    work = tmp_path_factory.mktemp(f"newsboat-{feed_file.replace('.', '-')}")
    return Subscription(feed_file, feed_url, _run_newsboat(newsboat, feed_url, work))


def _rows(cache: Path, query: str, *params: str) -> list[sqlite3.Row]:
    con = sqlite3.connect(cache)
    try:
        con.row_factory = sqlite3.Row
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def _seed_item(sub: Subscription) -> sqlite3.Row:
    """The seed article as newsboat stored it, found by its guid (RSS guid / Atom id)."""
    rows = _rows(
        sub.cache,
        "SELECT * FROM rss_item WHERE feedurl = ? AND guid = ?",
        sub.feed_url,
        SEED_URL,
    )
    assert len(rows) == 1, f"seed item not found once by guid in {sub.feed_file}"
    return rows[0]


def test_newsboat_feed_title_and_item_count(
    subscription: Subscription, built: tuple[Settings, BuildReport]
) -> None:
    settings = built[0]
    feed_path = settings.output_dir / subscription.feed_file
    expected_items = len(ET.parse(feed_path).getroot().findall(FEEDS[subscription.feed_file]))
    assert expected_items >= 1

    feeds = _rows(subscription.cache, "SELECT rssurl, url, title FROM rss_feed")
    assert [row["rssurl"] for row in feeds] == [subscription.feed_url]
    assert feeds[0]["title"] == settings.title == "Dateline: Iran and Eurasia"
    assert feeds[0]["url"] == BASE_URL

    items = _rows(
        subscription.cache, "SELECT id FROM rss_item WHERE feedurl = ?", subscription.feed_url
    )
    assert len(items) == expected_items


def test_newsboat_seed_item(subscription: Subscription) -> None:
    item = _seed_item(subscription)
    assert item["title"] == HEADLINE
    assert item["author"] == AUTHOR
    assert item["pubDate"] == int(datetime.fromisoformat(PUBLISHED).timestamp())
    content = item["content"]
    assert "Mokhber" in content
    assert "Astana" in content
    # The HTML body was unescaped exactly once: real tags, no escaped ones.
    assert "<p>" in content
    assert "&lt;p&gt;" not in content


@pytest.mark.parametrize(
    "subscription",
    ["rss.xml", "atom.xml"],
    indirect=True,
)
def test_newsboat_seed_item_link(subscription: Subscription) -> None:
    assert _seed_item(subscription)["url"] == SEED_URL
