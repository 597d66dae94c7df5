"""`dateline publish` pings WebSub hubs: tested against a loopback hub the test starts."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.publish import ping_hubs

from .conftest import DATA
from .loopback import serve

SITE = DATA / "site"


class Hub:
    """A hub that records each publish ping and answers with the next planned status."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.pings: list[dict[str, list[str]]] = []
        self.statuses = list(statuses or [])
        self.lock = threading.Lock()

    def handler(self) -> Callable[..., BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                form = parse_qs(self.rfile.read(length).decode("ascii"))
                with hub.lock:
                    hub.pings.append({**form, "content-type": [self.headers["Content-Type"] or ""]})
                    status = hub.statuses.pop(0) if hub.statuses else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    @property
    def topics(self) -> list[str]:
        return sorted(p["hub.url"][0] for p in self.pings)


@pytest.fixture
def hub() -> Iterator[tuple[Hub, str]]:
    recorder = Hub()
    with serve(recorder.handler()) as url:
        yield recorder, url + "/hub"


def site_with_hub(tmp_path: Path, hub_url: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    config = site / "dateline.toml"
    config.write_text(
        config.read_text().replace("[site.publisher]", f'hubs = ["{hub_url}"]\n[site.publisher]')
    )
    return config


def test_publish_pings_the_hub_for_each_changed_feed(tmp_path: Path, hub: tuple[Hub, str]) -> None:
    recorder, url = hub
    config = site_with_hub(tmp_path, url)
    base = "https://test.example.net/desk/"
    result = CliRunner().invoke(main, ["publish", "--config", str(config), "--now", "2026-01-01"])
    assert result.exit_code == 0, result.output
    assert recorder.topics == [
        base + "atom.xml",
        base + "feed.json",
        base + "rss.xml",
        base + "section/world/atom.xml",
        base + "section/world/feed.json",
        base + "section/world/rss.xml",
    ]
    assert all(p["hub.mode"] == ["publish"] for p in recorder.pings)
    assert all(p["content-type"] == ["application/x-www-form-urlencoded"] for p in recorder.pings)
    assert f"ok: {url} <- {base}rss.xml (HTTP 204)" in result.stderr
    assert "all ok" in result.stderr

    # nothing changed: nobody is pinged
    recorder.pings.clear()
    again = CliRunner().invoke(main, ["publish", "--config", str(config), "--now", "2026-01-01"])
    assert again.exit_code == 0
    assert recorder.pings == []
    assert "no feed changed" in again.stderr

    # one story changes: only the feeds it is in
    story = config.parent / "content" / "geneva-talks.txt"
    story.write_text(story.read_text().replace("resume talks", "reopen talks"))
    third = CliRunner().invoke(main, ["publish", "--config", str(config), "--now", "2026-01-01"])
    assert third.exit_code == 0, third.output
    assert recorder.topics == [base + "atom.xml", base + "feed.json", base + "rss.xml"]


def test_a_busy_hub_is_retried_with_backoff() -> None:
    recorder = Hub(statuses=[503, 429, 204])
    waits: list[float] = []
    with serve(recorder.handler()) as url:
        (result,) = ping_hubs([url], ["https://x.example/rss.xml"], backoff=0.5, sleep=waits.append)
    assert result.ok
    assert result.attempts == 3
    assert waits == [0.5, 1.0]
    assert len(recorder.pings) == 3


def test_a_refusing_hub_is_reported_and_fails_the_command(tmp_path: Path) -> None:
    recorder = Hub(statuses=[400])
    with serve(recorder.handler()) as url:
        config = site_with_hub(tmp_path, url)
        result = CliRunner().invoke(main, ["publish", "--config", str(config)])
    assert result.exit_code == 1
    assert f"FAILED: {url} <- https://test.example.net/desk/atom.xml (HTTP 400)" in result.stderr
    assert "6 failed" not in result.stderr  # only the first topic got the 400
    assert "1 failed" in result.stderr


def test_an_unreachable_hub_is_tried_then_reported() -> None:
    with serve(Hub().handler()) as url:
        pass  # the server is gone: its port refuses connections
    waits: list[float] = []
    (result,) = ping_hubs([url], ["https://x.example/rss.xml"], timeout=2, sleep=waits.append)
    assert not result.ok
    assert result.attempts == 3
    assert "could not connect" in result.detail
    assert waits == [1.0, 2.0]
