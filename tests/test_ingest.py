"""`dateline add` and `dateline import` against a loopback server the test starts.

The pages under tests/data/ingest are written in the styles found in the wild
(Yoast @graph, microdata only, OpenGraph only, no metadata, a paywall stub); the
server adds redirects, a loop, a slow answer, a 50 MB body, a PDF and three feeds.
Each added article is built with the real pipeline and its JSON-LD read back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import rdflib
import yaml
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dateline.cli import main
from dateline.ingest.dates import parse_date
from dateline.ingest.errors import IngestError
from dateline.ingest.feeds import read_feed
from dateline.ingest.fetch import Fetcher, FetchPolicy, is_public_address
from dateline.ingest.frontmatter import escape_markdown
from dateline.ingest.metadata import _title_without_site, read_metadata
from dateline.ingest.page import extract_page, refusal
from dateline.pipeline import build_site
from dateline.read.markdown import block_texts, render_markdown
from dateline.settings import load_settings

from .conftest import DATA
from .jsonld_helpers import SCHEMA, to_graph
from .loopback import serve

PAGES = DATA / "ingest"
HUGE = 50 * 1024 * 1024
TYPES = {
    "yoast": "text/html; charset=utf-8",
    "microdata": "text/html",  # charset only in the page's <meta>: windows-1252
    "opengraph": "text/html; charset=UTF-8",
    "plain": "text/html",
    "paywall": "text/html; charset=utf-8",
}


FEEDS = {
    "/rss.xml": ("application/rss+xml", "rss.xml"),
    "/atom.xml": ("application/atom+xml", "atom.xml"),
    "/feed.json": ("application/feed+json", "feed.json"),
}


class Handler(BaseHTTPRequestHandler):
    """The fixture site. Class attributes only hold what the test reads back."""

    requests: list[tuple[str, dict[str, str]]] = []  # noqa: RUF012  (per-test server record)

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, kind: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        # the client may give up (the slow page): that is the test passing
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        Handler.requests.append((path, dict(self.headers.items())))
        base = "http://{}:{}".format(*self.connection.getsockname()[:2])
        name = path.strip("/")
        if name in TYPES:
            etag = f'"{name}-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = (PAGES / f"{name}.html").read_bytes()
            self._send(
                200, TYPES[name], body, ETag=etag, Last_Modified="Tue, 12 Mar 2024 08:00:00 GMT"
            )
        elif path in FEEDS:
            kind, name = FEEDS[path]
            text = (PAGES / name).read_text(encoding="utf-8").replace("{base}", base)
            self._send(200, kind, text.encode())
        elif path == "/xhtml":
            self._send(200, "application/xhtml+xml", (PAGES / "yoast.html").read_bytes())
        elif path == "/nometa":  # windows-1252 bytes, and neither header nor page says so
            body = (PAGES / "microdata.html").read_bytes().replace(b"charset=windows-1252", b"")
            self._send(200, "text/html", body)
        elif path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif path == "/hop1":
            self._redirect("/hop2")
        elif path == "/hop2":
            self._redirect(f"{base}/yoast")
        elif path.startswith("/chain"):
            self._redirect(f"/chain{int(path[6:] or 0) + 1}")
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/escape":
            self._redirect("file:///etc/passwd")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", b"<html><p>late</p></html>")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>"
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(HUGE // len(chunk) + 1):
                    self.wfile.write(chunk)
        elif path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a page")
        elif path == "/private/page":
            self._send(200, "text/html", (PAGES / "plain.html").read_bytes())
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve(Handler) as base:
        yield base


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site folder: dateline.toml with quick limits, and an empty content folder."""
    (tmp_path / "content").mkdir()
    (tmp_path / "dateline.toml").write_text(
        """[site]
title = "Ingest test"
base_url = "https://mirror.example.org/"
enrich = false

[site.publisher]
name = "Mirror"
url = "https://mirror.example.org/"

[site.ingest]
delay = 0
read_timeout = 0.5
connect_timeout = 2
total_timeout = 10
max_bytes = 1000000
""",
        encoding="utf-8",
    )
    return tmp_path


def run(project: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(
        main,
        [*args, "--config", str(project / "dateline.toml"), "--content", str(project / "content")],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout.splitlines()


def front(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return data


def built(project: Path) -> dict[str, dict[str, Any]]:
    """Build the content folder with the real pipeline; every article's NewsArticle by source."""
    settings = load_settings(project / "dateline.toml").model_copy(
        update={"content_dir": project / "content", "output_dir": project / "feeds"}
    )
    report = build_site(settings)
    assert report.ok, [str(f) for f in report.findings if f.severity == "error"]
    out = {}
    for path in sorted((project / "feeds" / "articles").glob("*.jsonld")):
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        article = next(n for n in graph if n["@type"] == "NewsArticle")
        article["_graph"] = {n["@id"]: n for n in graph}
        out[article.get("isBasedOn", path.stem)] = article
    return out


def added(lines: list[str]) -> Path:
    assert len(lines) == 1, lines
    assert ": added " in lines[0], lines
    return Path(lines[0].split(": added ", 1)[1])


def test_yoast_graph(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/yoast", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["title"] == "Ministers agree port deal after all-night talks"
    assert meta["date"] == dt.datetime(
        2024, 3, 12, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert meta["author"] == [
        {"name": "Anna Berg", "url": "https://harbour-gazette.example/author/anna/"},
        {"name": "Omar Haddad"},
    ]
    assert meta["section"] == "Business"
    assert meta["tags"] == ["Ports", "Trade"]
    assert meta["image"] == "https://harbour-gazette.example/wp-content/uploads/2024/03/port.jpg"
    assert meta["language"] == "en-GB"
    assert meta["publisher"]["name"] == "The Harbour Gazette"
    assert meta["source"] == "https://harbour-gazette.example/2024/03/12/ministers-agree-port-deal/"
    prov = meta["provenance"]
    assert prov["url"] == f"{site}/yoast"
    assert prov["etag"] == '"yoast-v1"'
    assert prov["lastModified"] == "Tue, 12 Mar 2024 08:00:00 GMT"
    assert prov["retrieved"].tzinfo is not None
    assert prov["extractors"]["title"] == "json-ld"
    assert prov["extractors"]["body"] == "trafilatura"
    body = added(lines).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "eleven hours of talks" in body
    for furniture in (
        "Share on Facebook",
        "morning briefing",
        "Related stories",
        "Leave a comment",
    ):
        assert furniture not in body
    assert body.count("\n\n") >= 4  # paragraphs kept

    article = built(project)[meta["source"]]
    assert article["headline"] == meta["title"]
    assert article["datePublished"] == "2024-03-12T08:15:00+02:00"
    publisher = article["_graph"][article["publisher"]["@id"]]
    assert publisher["name"] == "The Harbour Gazette"
    names = {article["_graph"][a["@id"]]["name"] for a in article["author"]}
    assert names == {"Anna Berg", "Omar Haddad"}


def test_microdata_charset_from_meta_and_zone_by_host(project: Path, site: str) -> None:
    toml = project / "dateline.toml"
    toml.write_text(toml.read_text() + '\n[site.ingest.timezones]\n"127.0.0.1" = "Europe/Paris"\n')
    code, lines = run(project, "add", f"{site}/microdata", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["title"] == "Crue de la Loire : les quais fermés à Orléans"
    assert meta["author"] == [{"name": "Claire Dumont"}]
    assert meta["language"] == "fr"
    assert meta["timezone"] == "Europe/Paris"
    # 18:30 printed without a zone, in Paris on 20 May (summer time): 16:30 UTC
    assert meta["date"].astimezone(dt.UTC) == dt.datetime(2024, 5, 20, 16, 30, tzinfo=dt.UTC)
    assert meta["provenance"]["extractors"]["title"] == "microdata"
    article = built(project)[meta["source"]]
    assert article["datePublished"] == "2024-05-20T18:30:00+02:00"
    assert "« Nous n'avons pas vu un tel niveau depuis 2016 »" in article["articleBody"]


def test_zone_less_time_keeps_only_the_date(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/microdata", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["date"] == dt.date(2024, 5, 20)  # never silently UTC
    assert "timezone" not in meta
    assert built(project)[meta["source"]]["datePublished"] == "2024-05-20"


def test_opengraph_only(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["title"] == "Rail strike called off after last-minute pay offer"
    assert meta["date"] == dt.datetime(2024, 9, 1, 21, 45, tzinfo=dt.UTC)
    assert meta["author"] == [{"name": "Dana Whitfield"}]
    assert meta["tags"] == ["Rail", "Strikes"]
    assert meta["section"] == "Transport"
    assert meta["language"] == "en-US"
    assert meta["source"] == "https://valley-courier.example/news/rail-strike-called-off"
    assert meta["provenance"]["extractors"]["title"] == "opengraph"
    article = built(project)[meta["source"]]
    assert article["description"] == "Unions accepted a revised offer late on Sunday."
    assert "Share this article" not in article["articleBody"]


def test_no_metadata(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/plain", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["title"] == "Library reopens after two-year renovation"  # site name cut off
    assert meta["date"] == dt.date(2024, 2, 14)
    assert meta["provenance"]["extractors"]["date"] == "htmldate"
    assert meta["source"] == f"{site}/plain"
    article = built(project)[meta["source"]]
    assert article["isBasedOn"] == f"{site}/plain"
    assert "Advertise with us" not in article["articleBody"]


def test_paywall_stub_is_refused(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/paywall", "--allow-private-addresses")
    assert code == 1
    assert "error paywalled" in lines[0]
    assert not list((project / "content").iterdir())


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/loop-a", "redirect_loop"),
        ("/chain0", "too_many_redirects"),
        ("/slow", "fetch_timeout"),
        ("/huge", "too_large"),
        ("/report.pdf", "not_html"),
        ("/private/page", "robots_disallowed"),
        ("/missing", "http_status"),
    ],
)
def test_refused_pages(project: Path, site: str, path: str, code: str) -> None:
    status, lines = run(project, "add", f"{site}{path}", "--allow-private-addresses")
    assert status == 1
    assert lines == [lines[0]]
    assert f"error {code}:" in lines[0]


def test_redirects_are_followed_and_rechecked(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/hop1", "--allow-private-addresses")
    assert code == 0
    assert front(added(lines))["provenance"]["url"] == f"{site}/hop1"
    # each hop is checked again like the first URL: here, a hop to a file
    status, lines = run(project, "add", f"{site}/escape", "--allow-private-addresses")
    assert status == 1
    assert "error url_scheme" in lines[0]


def test_big_response_is_cut_off_not_held(site: str) -> None:
    policy = FetchPolicy(
        user_agent="t", delay=0, robots=False, max_bytes=2_000_000, allow_private=True
    )
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match="cut off") as info:
            Fetcher(policy).fetch(f"{site}/huge", ["text/html"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.code == "too_large"
    assert peak < 10_000_000  # the 50 MB body was never held


def test_loopback_refused_without_the_flag(project: Path, site: str) -> None:
    before = len(Handler.requests)
    code, lines = run(project, "add", f"{site}/yoast")
    assert code == 1
    assert len(Handler.requests) == before
    assert lines == [
        f"{site}/yoast: error address_refused: refused: 127.0.0.1 is a loopback, private or "
        "otherwise non-public address (pass --allow-private-addresses to fetch from your own "
        "network)"
    ]


def test_public_looking_name_resolving_to_loopback_is_refused(
    project: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(site.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def fake(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "news.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    before = len(Handler.requests)
    code, lines = run(project, "add", f"http://news.example.com:{port}/yoast")
    assert code == 1
    assert "error address_refused" in lines[0]
    assert "news.example.com (127.0.0.1)" in lines[0]
    assert len(Handler.requests) == before  # nothing reached the server


def test_connection_is_checked_after_dns(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name looked public when checked, the connection went to loopback."""
    port = int(site.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def rebound(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebound)
    before = len(Handler.requests)
    fetcher = Fetcher(
        FetchPolicy(user_agent="t", delay=0, robots=False),
        resolver=lambda host, p: ["93.184.215.14"],  # what the check saw
    )
    with pytest.raises(IngestError, match="non-public") as info:
        fetcher.fetch(f"http://rebind.example.com:{port}/yoast", ["text/html"])
    assert info.value.code == "address_refused"
    assert len(Handler.requests) == before


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("ff02::1", False),
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
    ],
)
def test_address_policy(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_user_agent_and_conditional_get(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 0
    path = added(lines)
    page = [h for p, h in Handler.requests if p == "/opengraph"][-1]
    assert page["User-Agent"].startswith("dateline/")
    assert "https://mirror.example.org/" in page["User-Agent"]
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 0
    assert lines == [f"{site}/opengraph: unchanged {path}"]
    again = [h for p, h in Handler.requests if p == "/opengraph"][-1]
    assert again["If-None-Match"] == '"opengraph-v1"'
    assert again["If-Modified-Since"] == "Tue, 12 Mar 2024 08:00:00 GMT"


def test_per_host_delay(site: str) -> None:
    slept: list[float] = []
    now = [0.0]
    fetcher = Fetcher(
        FetchPolicy(user_agent="t", delay=1.0, allow_private=True, robots=False),
        clock=lambda: now[0],
        sleep=slept.append,
    )
    fetcher.fetch(f"{site}/plain", ["text/html"])
    now[0] = 0.2
    fetcher.fetch(f"{site}/plain", ["text/html"])
    assert slept == [pytest.approx(0.8)]


@pytest.mark.parametrize("feed", ["/rss.xml", "/atom.xml", "/feed.json"])
def test_import_is_idempotent(project: Path, site: str, feed: str) -> None:
    code, lines = run(project, "import", f"{site}{feed}", "--allow-private-addresses")
    assert code == 0, lines
    assert len(lines) == 2, lines
    assert all(": added " in line for line in lines), lines
    files = sorted((project / "content").glob("*.md"))
    assert len(files) == 2
    guids = {front(f)["provenance"]["guid"] for f in files}
    assert len(guids) == 2
    assert all(front(f)["provenance"]["feed"] == f"{site}{feed}" for f in files)
    code, again = run(project, "import", f"{site}{feed}", "--allow-private-addresses")
    assert code == 0
    assert all(": skipped " in line for line in again), again
    assert sorted((project / "content").glob("*.md")) == files
    assert len(built(project)) == 2


def test_import_limit(project: Path, site: str) -> None:
    code, lines = run(
        project, "import", f"{site}/rss.xml", "--limit", "1", "--allow-private-addresses"
    )
    assert code == 0
    assert len(lines) == 1


def test_import_refuses_a_page_that_is_not_a_feed(project: Path, site: str) -> None:
    code, lines = run(project, "import", f"{site}/yoast", "--allow-private-addresses")
    assert code == 1
    assert "error not_feed" in lines[0]


def test_add_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["add"])
    assert result.exit_code == 2


def test_a_keyword_named_like_a_schema_member_is_text(project: Path) -> None:
    """A page tagged "False" (a fact-check) must build: the tag is text, not schema:False."""
    (project / "content" / "fact-check.md").write_text(
        "---\ntitle: Claim rated false\ndate: 2024-01-02\ntags: ['False', Syria]\n---\n\n"
        "The claim that the camp was closed is false, officials said.\n",
        encoding="utf-8",
    )
    assert built(project)  # built() asserts the build reported no error


_LAYERS = {
    "json-ld": '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "From JSON-LD", "datePublished": "2024-01-05"}</script>',
    "microdata": '<div itemscope itemtype="https://schema.org/NewsArticle">'
    '<span itemprop="headline">From microdata</span></div>',
    "opengraph": '<meta property="og:title" content="From OpenGraph">',
    "meta": '<meta name="twitter:title" content="From meta">',
    "title": "<title>From title | Site</title>",
}


@pytest.mark.parametrize("top", list(_LAYERS))
def test_headline_precedence_layer_by_layer(top: str) -> None:
    """Each layer wins over every layer below it and loses to every layer above it."""
    below = list(_LAYERS)[list(_LAYERS).index(top) :]
    head = "".join(_LAYERS[k] for k in below)
    html = f"<html><head>{head}</head><body><h1>From title</h1></body></html>"
    meta = read_metadata(html, "https://news.example.org/a")
    assert meta.source("headline") == top
    assert (
        meta.get("headline")
        == {
            "json-ld": "From JSON-LD",
            "microdata": "From microdata",
            "opengraph": "From OpenGraph",
            "meta": "From meta",
            "title": "From title",
        }[top]
    )


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2024-03-12T08:15:00+02:00", None, "2024-03-12T08:15:00+02:00"),
        ("2024-03-12T06:15:00Z", None, "2024-03-12T06:15:00+00:00"),
        ("20200316T13:00:00Z", None, "2020-03-16T13:00:00+00:00"),
        ("2024-03-12T08:15:00", None, "2024-03-12"),  # never silently UTC
        ("2024-03-12 08:15", "Asia/Tehran", "2024-03-12T08:15:00+03:30"),
        ("2022-07-12 08:15", "Asia/Tehran", "2022-07-12T08:15:00+04:30"),  # by name, that day
        ("2024-03-12", "Asia/Tehran", "2024-03-12"),
        ("Tue, 12 Mar 2024 08:00:00 GMT", None, "2024-03-12T08:00:00+00:00"),
        ("Tue, 12 Mar 2024 08:00:00 -0000", None, "2024-03-12"),  # RFC 822: zone unknown
        ("2020-05-06 10:07:01.000000 CEST", None, "2020-05-06T10:07:01+02:00"),
        ("November 19, 2019, 07:47 PM EST", None, "2019-11-19T19:47:00-05:00"),  # not 07:47
        ("Fri 6:45 PM, Feb 16, 2018", "America/Chicago", "2018-02-16T18:45:00-06:00"),
        ("yesterday", None, None),
    ],
)
def test_parse_date(text: str, zone: str | None, expected: str | None) -> None:
    value = parse_date(text, zone)
    assert (value.isoformat() if value is not None else None) == expected


def test_a_lower_layer_gives_the_time_of_a_declared_day() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "H", "datePublished": "2024-03-12"}</script></head><body>'
        '<time datetime="2024-03-12T08:15:00+01:00">12 March</time>'
        '<time datetime="2023-01-01T00:00:00Z">elsewhere</time><p>Text.</p></body></html>'
    )
    article = extract_page(html, "https://news.example.org/a")
    assert article.date is not None
    assert article.date.value == dt.datetime(2024, 3, 12, 7, 15, tzinfo=dt.UTC)
    assert article.extractors["date"] == "time"


def test_a_page_without_a_date_is_refused() -> None:
    html = "<html><head><title>H</title></head><body>" + "<p>Words here.</p>" * 5 + "</body></html>"
    article = extract_page(html, "https://news.example.org/a")
    refused = refusal(article)
    assert refused is not None
    assert refused[0] == "no_date"


def test_own_article_body_wins_when_the_page_shows_less() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        f'"headline": "H", "articleBody": "{words}."}}</script></head><body><article>'
        "<p>Only the first lines are in the page; the rest comes by script.</p>"
        "</article></body></html>"
    )
    article = extract_page(html, "https://news.example.org/a")
    assert article.extractors["body"] == "json-ld"
    assert "word199" in article.body


def test_the_headline_is_not_repeated_as_the_first_paragraph() -> None:
    html = (PAGES / "yoast.html").read_text(encoding="utf-8")
    article = extract_page(html, "https://harbour-gazette.example/x")
    assert article.extractors["body"] == "trafilatura"
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("HARBOUR CITY –")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1)
    | st.text(alphabet="#*_-+=>.)0123456789 <>&[]()!`~|\\:ab", min_size=1)
)
def test_escaped_paragraphs_render_as_the_same_text(text: str) -> None:
    """Whatever a page's text holds (#, *, <tag>, 1., &amp;), it comes back as that text."""
    paragraph = " ".join(text.split())
    assume(paragraph)
    blocks = block_texts(render_markdown(escape_markdown(paragraph)))
    assert " ".join(blocks) == paragraph


def test_import_takes_the_time_from_the_feed_when_the_page_has_none(
    project: Path, site: str
) -> None:
    code, lines = run(project, "import", f"{site}/atom.xml", "--allow-private-addresses")
    assert code == 0, lines
    plain = next(Path(line.split(": added ", 1)[1]) for line in lines if "/plain:" in line)
    meta = front(plain)
    assert meta["date"] == dt.datetime(
        2024, 2, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert meta["provenance"]["extractors"]["date"] == "feed"


def test_feed_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;&b;</title><link>https://news.example.org/a</link></item>
</channel></rss>""".encode()
    items = read_feed(feed, "https://news.example.org/feed.xml")
    assert [item.link for item in items] == ["https://news.example.org/a"]
    assert "TOP-SECRET" not in (items[0].title or "")
    assert "aaaaaaaaaa" not in (items[0].title or "")


def test_added_article_as_rdf_is_based_on_the_source(project: Path, site: str) -> None:
    """Read back as RDF (pyld → rdflib, contexts served locally): isBasedOn, publisher, date."""
    code, lines = run(project, "add", f"{site}/yoast", "--allow-private-addresses")
    assert code == 0
    source = front(added(lines))["source"]
    built(project)
    doc = json.loads(next((project / "feeds" / "articles").glob("*.jsonld")).read_text())
    graph = to_graph(doc)
    schema = rdflib.Namespace(SCHEMA)
    article = next(graph.subjects(rdflib.RDF.type, schema.NewsArticle))
    assert graph.value(article, schema.isBasedOn) == rdflib.URIRef(source)
    publisher = graph.value(article, schema.publisher)
    assert str(graph.value(publisher, schema.name)) == "The Harbour Gazette"
    published = graph.value(article, schema.datePublished)
    assert str(published) == "2024-03-12T08:15:00+02:00"


def test_the_editors_sidecar_still_wins(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 0
    path = added(lines)
    path.with_suffix(".yaml").write_text(
        "title: Rail strike averted\nauthor: Valley Courier staff\n", encoding="utf-8"
    )
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert lines == [f"{site}/opengraph: unchanged {path}"]  # the re-fetch leaves it alone
    article = next(iter(built(project).values()))
    assert article["headline"] == "Rail strike averted"
    names = {article["_graph"][a["@id"]]["name"] for a in article["author"]}
    assert names == {"Valley Courier staff"}


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        ("Library reopens | Northside Weekly", "Northside Weekly", None, "Library reopens"),
        ("Northside Weekly - Library reopens", "Northside Weekly", None, "Library reopens"),
        ("Trump's health - CNNPolitics", "CNN", None, "Trump's health"),
        (
            "Crue de la Loire : les quais fermés — Journal",
            None,
            "Crue de la Loire : les quais fermés",
            "Crue de la Loire : les quais fermés",
        ),
        ("CNN - Trump visits Ohio plant", None, "CNN", "CNN - Trump visits Ohio plant"),
        ("Biden: I will run again", "Daily News", None, "Biden: I will run again"),
    ],
)
def test_site_name_is_cut_off_the_headline(
    title: str, site: str | None, h1: str | None, expected: str
) -> None:
    assert _title_without_site(title, site, [h1] if h1 else []) == expected


def test_articlebody_with_html_in_it_becomes_paragraphs_of_text() -> None:
    filler = " ".join(f"w{i}" for i in range(120))
    body = f"<p>First &amp; foremost {filler}.</p><script>alert(1)</script><p>Second.</p>"
    html = (
        '<html><head><script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": body}).replace(
            "</", "<\\/"
        )
        + "</script></head><body><p>Teaser only.</p></body></html>"
    )
    article = extract_page(html, "https://news.example.org/a")
    assert article.extractors["body"] == "json-ld"
    assert article.paragraphs[0].startswith("First & foremost w0")
    assert article.paragraphs[1:] == ("Second.",)


class _Unavailable(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        status = 503 if self.path == "/robots.txt" else 200
        body = (PAGES / "plain.html").read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_robots_server_error_means_disallow() -> None:
    """RFC 9309: a 5xx for robots.txt means the whole site is off limits for now."""
    with serve(_Unavailable) as base:
        fetcher = Fetcher(FetchPolicy(user_agent="t", delay=0, allow_private=True))
        with pytest.raises(IngestError) as info:
            fetcher.fetch(f"{base}/page", ["text/html"])
        assert info.value.code == "robots_disallowed"
        got = Fetcher(FetchPolicy(user_agent="t", delay=0, allow_private=True, robots=False))
        assert got.fetch(f"{base}/page", ["text/html"]).status == 200


def test_xhtml_is_a_page(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/xhtml", "--allow-private-addresses")
    assert code == 0
    assert front(added(lines))["title"] == "Ministers agree port deal after all-night talks"


def test_charset_detected_when_nothing_declares_it(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/nometa", "--allow-private-addresses")
    assert code == 0
    meta = front(added(lines))
    assert meta["title"] == "Crue de la Loire : les quais fermés à Orléans"


class _Polite(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = (
            b"User-agent: dateline\nCrawl-delay: 7\n" if self.path == "/robots.txt" else b"<p>x</p>"
        )
        self.send_response(200)
        self.send_header(
            "Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html"
        )
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_crawl_delay_is_honoured() -> None:
    slept: list[float] = []
    now = [0.0]
    with serve(_Polite) as base:
        fetcher = Fetcher(
            FetchPolicy(user_agent="t", delay=1.0, allow_private=True),
            clock=lambda: now[0],
            sleep=slept.append,
        )
        fetcher.fetch(f"{base}/a", ["text/html"])
        now[0] = 2.0
        fetcher.fetch(f"{base}/b", ["text/html"])
    # /a waits 7 s after robots.txt; /b, asked 2 s after /a, waits the other 5 s
    assert slept == [7.0, 5.0]


_MARKUP = st.sampled_from(
    [
        "<html>", "<body>", "<p>", "</p>", '<script type="application/ld+json">', "</script>",
        '{"@type":"NewsArticle","headline":', '"x"', "}", "[", "]", '"@graph":[',
        '{"@id":"a"}', '"author":{"@id":"a"}', '"datePublished":"', "2024-13-45T99:99",
        "0001-01-01", '<meta property="og:title" content="', '">', "<title>", "</title>",
        "<h1>", "</h1>", '<time datetime="', "&#0;", "\x00", '<?xml version="1.0"?>',
        '<div itemscope itemtype="https://schema.org/NewsArticle">', "</span>",
        '<span itemprop="datePublished">', '<link rel="canonical" href="', "javascript:x",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_MARKUP | st.text(max_size=20), max_size=30).map("".join))
def test_any_markup_gives_an_article_or_a_reason(html: str) -> None:
    """Hostile or broken pages never raise out of extraction."""
    article = extract_page(html, "https://news.example.org/a")
    refused = refusal(article)
    if refused is None:
        assert article.headline
        assert article.paragraphs
        assert article.date is not None
    else:
        assert refused[0] in {"paywalled", "no_article", "no_headline", "no_date"}


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://0x7f000001/", "address_refused"),  # loopback written in hex
        ("http://2130706433/", "address_refused"),  # ... as one number
        ("http://127.1/", "address_refused"),  # ... abbreviated
        ("http://[::]/", "address_refused"),
        ("http://[::ffff:10.0.0.1]/", "address_refused"),
        ("http://169.254.169.254/latest/meta-data/", "address_refused"),  # cloud metadata
        ("http://[::1", "url_invalid"),
        ("http://a.example:99999/", "url_invalid"),
        ("https://", "url_invalid"),
        ("file:///etc/passwd", "url_scheme"),
        ("javascript:alert(1)", "url_scheme"),
    ],
)
def test_unsafe_urls_are_refused_before_any_connection(project: Path, url: str, code: str) -> None:
    status, lines = run(project, "add", url)
    assert status == 1
    assert lines[0].startswith(f"{url}: error {code}:")


def test_an_article_that_would_not_build_is_not_written(project: Path, site: str) -> None:
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 0
    path = added(lines)
    # an editor's sidecar that names an event nobody defined, and a stale validator,
    # so the next add fetches the page again and writes it again
    path.with_suffix(".yaml").write_text("about: [nobody-defined-this]\n", encoding="utf-8")
    stale = path.read_text(encoding="utf-8").replace('"opengraph-v1"', '"old"')
    path.write_text(stale, encoding="utf-8")
    code, lines = run(project, "add", f"{site}/opengraph", "--allow-private-addresses")
    assert code == 1
    assert "error does_not_build: the article would not build: unknown_reference" in lines[0]
    assert path.read_text(encoding="utf-8") == stale  # the previous file is put back
