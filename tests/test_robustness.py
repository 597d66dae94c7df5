"""No bad input can crash a build, corrupt a feed, inject markup, or reach the network."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import extruct
import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from pyld import jsonld

from dateline.emit import FEED_FILES
from dateline.jsonld import LocalDocumentLoader
from dateline.pipeline import ArticleResult, build_site, process_article, render_site
from dateline.settings import Settings
from dateline.validate.feeds import check_atom, check_jsonfeed, check_rss, safe_xml_parser

from .conftest import ROOT, repo_settings
from .loopback import serve

NASTY = [
    "</script>",
    "<script>alert(1)</script>",
    "]]>",
    "<!--",
    "-->",
    "\u2028",
    "\u2029",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "<b>bold</b>",
    "&amp;",
    "&",
    '"',
    "'",
    "\x00",
    "\x1b",
    "\ufeff",
    "<![CDATA[x]]>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "{{ 7*7 }}",
    "\\u003c",
]
text_pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))
nasty_text = st.lists(text_pieces, min_size=1, max_size=8).map("".join)


def site_settings(tmp: Path) -> Settings:
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    return repo_settings(tmp / "feeds", content)


def published_or_explained(settings: Settings, result: ArticleResult) -> dict[str, bytes]:
    """Either a clear finding for the file (never a crash) or outputs that pass every check."""
    if not result.ok:
        assert result.findings
        assert all(f.code != "internal_error" for f in result.findings), result.findings
        assert all(f.path == result.path for f in result.findings)
        return {}
    return check_outputs(settings, [result])


def check_outputs(settings: Settings, results: list[ArticleResult]) -> dict[str, bytes]:
    """Every output parses with the consumers' own parsers and passes the feed rules."""
    published = [r for r in results if r.ok]
    outputs = render_site(settings, published)
    out = settings.output_dir
    urls = {name: settings.base_url + file for name, file in FEED_FILES.items()}
    assert check_rss(outputs["rss.xml"], out / "rss.xml", settings.base_url, urls["rss"]) == []
    assert check_atom(outputs["atom.xml"], out / "atom.xml", settings.base_url, urls["atom"]) == []
    assert check_jsonfeed(outputs["feed.json"], out / "feed.json") == []
    for feed in ("rss.xml", "atom.xml"):
        etree.fromstring(outputs[feed], safe_xml_parser())
        assert not feedparser.parse(outputs[feed]).bozo
    json.loads(outputs["feed.json"])
    for name, data in outputs.items():
        if name.endswith(".html"):
            doc = json.loads(outputs[name.replace(".html", ".jsonld")])
            tree = lxml_html.fromstring(data)
            scripts = tree.xpath('//script[@type="application/ld+json"]')
            assert len(scripts) == 1  # nothing from content opened another script
            assert json.loads(scripts[0].text) == doc
            assert tree.xpath("//script[not(@type)]") == []
            assert extruct.extract(data.decode(), syntaxes=["json-ld"])["json-ld"] == [doc]
    return outputs


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_an_article_or_a_clear_error(tmp_path: Path, data: bytes) -> None:
    settings = site_settings(tmp_path)
    path = settings.content_dir / "random.txt"
    path.write_bytes(data)
    published_or_explained(settings, process_article(path, settings))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    headline=nasty_text, body=nasty_text, dateline=st.sampled_from(["TEHRAN – ", "", "<b>X</b> – "])
)
def test_hostile_text_comes_out_as_valid_xml_json_and_inert_html(
    tmp_path: Path, headline: str, body: str, dateline: str
) -> None:
    settings = site_settings(tmp_path)
    path = settings.content_dir / "hostile.txt"
    path.write_text(
        f"{headline}\n\nJuly 5, 2024 - 23:2\n\n{dateline}{body}\n\nSecond paragraph {body}\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    result = process_article(path, settings)
    outputs = published_or_explained(settings, result)
    if not outputs:
        return
    assert result.graph is not None
    page = outputs[f"articles/{result.graph.slug}.html"]
    # the headline is shown as text (the h1 holds exactly it), never as markup
    h1 = lxml_html.fromstring(page).findtext(".//h1")
    assert h1 == result.graph.article.headline


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=nasty_text, body=nasty_text)
def test_hostile_markdown_front_matter_and_body(tmp_path: Path, title: str, body: str) -> None:
    settings = site_settings(tmp_path)
    path = settings.content_dir / "hostile.md"
    quoted = json.dumps(title)  # a YAML string that holds anything JSON can
    path.write_text(
        f"---\ntitle: {quoted}\ndate: 2024-07-05T10:00:00+03:30\n---\n\n"
        f"{body}\n\n[link](/x) {body}\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    published_or_explained(settings, process_article(path, settings))


# --- interrupted builds ---------------------------------------------------------------


def write_corpus(content: Path, count: int, word: str) -> None:
    for i in range(count):
        (content / f"{i:04d}.txt").write_text(
            f"Story {i} about {word}\n\nJuly {1 + i % 28}, 2024 - 10:{i % 60}\n\n"
            f"TEHRAN – {word} paragraph one of story {i}. " * 20 + "\n\nSecond paragraph.\n",
            encoding="utf-8",
        )


def parse_all(out: Path) -> None:
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        assert not path.name.endswith(".tmp") or path.name.startswith("."), path
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        if path.suffix in (".json", ".jsonld"):
            json.loads(data)
        elif path.suffix == ".xml":
            etree.fromstring(data, safe_xml_parser())
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path


def files_written_since(out: Path, start_ns: int) -> int:
    """How many article files (temp files aside) were written after ``start_ns``.

    One ``scandir`` of the articles folder: cheap enough to poll between two writes."""
    count = 0
    with os.scandir(out / "articles") as entries:
        for entry in entries:
            try:
                if not entry.name.endswith(".tmp") and entry.stat().st_mtime_ns > start_ns:
                    count += 1
            except FileNotFoundError:  # renamed away while we looked
                continue
    return count


def kill_after(command: list[str], cwd: Path, out: Path, files: int) -> bool:
    """Start a build and SIGKILL it once ``files`` article files are written; False when
    it finished first (a busy machine can starve the poller)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    start = time.time_ns()
    # its own process group, so that its worker processes are killed with it (as they are
    # when a machine loses power) instead of living on as orphans
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stderr=subprocess.DEVNULL, start_new_session=True
    )
    while process.poll() is None and files_written_since(out, start) < files:
        time.sleep(0.0005)
    with contextlib.suppress(ProcessLookupError):  # it ended, workers and all
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return process.returncode == -signal.SIGKILL and files_written_since(out, start) >= files


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of 150 articles built once by ``python -m dateline``, copied by each kill test.

    Enrichment is off: what is tested is writing, and it keeps the builds short."""
    site = tmp_path_factory.mktemp("killed")
    (site / "content").mkdir()
    config = (ROOT / "dateline.toml").read_text(encoding="utf-8")
    (site / "dateline.toml").write_text(config.replace("[site]\n", "[site]\nenrich = false\n"))
    write_corpus(site / "content", 150, "before")
    first = subprocess.run(
        [sys.executable, "-m", "dateline", "build", "--config", "dateline.toml"],
        cwd=site,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    written = [p for p in (site / "feeds").rglob("*") if p.is_file()]
    assert len(written) > 300, "the first build must have written every page and feed"
    return site


@pytest.mark.parametrize("after_files", [1, 30, 120])
def test_a_killed_build_leaves_every_published_file_complete(
    tmp_path: Path, first_build: Path, after_files: int
) -> None:
    """Kill the second build once it has written ``after_files`` files (not after a fixed
    delay, which may fall before the first write): whatever is left parses, and every
    file is either the previous complete version or the new one."""
    command = [sys.executable, "-m", "dateline", "build", "--config", "dateline.toml"]
    out = tmp_path / "feeds"
    for _attempt in range(3):
        shutil.rmtree(tmp_path)
        shutil.copytree(first_build, tmp_path)
        before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        write_corpus(tmp_path / "content", 150, "after")
        if kill_after(command, tmp_path, out, after_files):
            break
    else:
        pytest.fail(f"three builds ended before writing {after_files} files could be seen")
    parse_all(out)
    for path, old in before.items():
        new = path.read_bytes()  # still there, and either the old file or the new one
        assert new == old or b"after" in new or path.name in ("index.jsonld",), path
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    again = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, check=False, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert not list(out.rglob(".*.tmp"))
    parse_all(out)
    assert b"after" in (out / "rss.xml").read_bytes()


# --- no remote access -------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    #: requests received, reset by the fixture; a class attribute because the server
    #: makes a handler per request
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(b'{"@context": {"name": "http://evil.example/name"}}')

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Recorder.hits = []
    with serve(Recorder) as url:
        yield url


def test_nothing_in_content_makes_dateline_fetch_or_read_anything(
    tmp_path: Path, server: str
) -> None:
    settings = site_settings(tmp_path)
    content = settings.content_dir
    (content / "remote.md").write_text(
        "---\n"
        f"title: Remote things\ndate: 2024-07-05T10:00:00+03:30\nimage: {server}/cover.jpg\n"
        f"source: {server}/original\n"
        "---\n\n"
        f'TEHRAN – An image ![x]({server}/md.png) and raw <img src="{server}/raw.png">.\n\n'
        f'<script src="{server}/script.js"></script> <iframe src="{server}/frame"></iframe>\n',
        encoding="utf-8",
    )
    (content / "entity.txt").write_text(
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "{server}/entity"><!ENTITY p SYSTEM "file:///etc/passwd">]>\n\n'
        "July 5, 2024 - 23:2\n\nTEHRAN – &e; &p; and an external entity.\n",
        encoding="utf-8",
    )
    report = build_site(settings)
    assert not report.failed, [str(f) for f in report.findings]
    for page in (settings.output_dir / "articles").glob("*.html"):
        extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld", "opengraph"])
        doc = json.loads(page.with_suffix(".jsonld").read_text(encoding="utf-8"))
        jsonld.expand(doc, {"documentLoader": LocalDocumentLoader()})
    remote_context = {"@context": f"{server}/context.jsonld", "name": "x"}
    loader = LocalDocumentLoader()
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(remote_context, {"documentLoader": loader})
    assert loader.refused == [f"{server}/context.jsonld"]
    assert Recorder.hits == []
    everything = b"".join(p.read_bytes() for p in settings.output_dir.rglob("*") if p.is_file())
    assert b"root:x:0:0" not in everything  # /etc/passwd was never read
    shown = (settings.output_dir / "articles" / "remote-things.html").read_text(encoding="utf-8")
    assert "<img" not in shown
    assert "<iframe" not in shown
    assert f'<script src="{server}' not in shown
