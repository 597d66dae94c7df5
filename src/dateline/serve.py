"""``dateline serve``: preview the site on 127.0.0.1, rebuilt when content changes.

The preview is built into its own folder with ``http://127.0.0.1:<port>/`` as
its base URL, so every link, feed and ``@id`` stays on the preview; the
publisher's ``feeds/`` is never touched. Files are served the way a real host
should serve them (see :mod:`dateline.http_headers`): their media types, strong
ETags and Last-Modified with 304 answers, gzip when the client asks, WebSub
``Link`` headers on feeds. A watcher polls the content folder and the settings
file and rebuilds when either changes, so an editor sees a fix on reload.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dateline.http_headers import COMPRESSIBLE, link_header, media_type
from dateline.pipeline import BuildReport, build_site
from dateline.settings import Settings

__all__ = ["Preview", "Response", "Site", "respond"]

#: Clients asking for gzip get it above this size; below, headers outweigh the gain.
_GZIP_MIN_BYTES = 256


@dataclass(frozen=True)
class Site:
    """What the server serves: a folder, the base URL it was built for, its hubs."""

    root: Path
    base_url: str
    hubs: list[str] = field(default_factory=list)
    #: the preview is always fresh: caches must ask again (and get a 304)
    cache_control: str = "no-cache"


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


def _resolve(root: Path, url_path: str) -> tuple[Path | None, str | None]:
    """The file for a URL path (or a redirect target), never outside ``root``."""
    path = unquote(urlsplit(url_path).path)
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") or "\\" in p or "\0" in p for p in parts):
        return None, None  # dot files (the manifest), '..', odd names: not served
    target = root.joinpath(*parts)
    if target.is_dir():
        if not path.endswith("/"):
            return None, path + "/"
        target = target / "index.html"
    elif not target.exists() and target.with_suffix(target.suffix + ".html").is_file():
        # an entity's @id (<base>id/<key>) dereferences to its page
        target = target.with_suffix(target.suffix + ".html")
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        return None, None
    return (target if target.is_file() else None), None


def _etag_matches(header: str, tags: set[str]) -> bool:
    """If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ is ignored."""
    if header.strip() == "*":
        return True
    offered = {t.strip().removeprefix("W/") for t in header.split(",")}
    return bool(offered & tags)


def _wants_gzip(header: str) -> bool:
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params or float(q) > 0
            except ValueError:
                return True
    return False


def respond(site: Site, url_path: str, request: Mapping[str, str], method: str = "GET") -> Response:
    """The answer to one GET or HEAD: a pure function of the folder and the request."""
    headers = {k.lower(): v for k, v in request.items()}
    target, redirect = _resolve(site.root, url_path)
    if redirect is not None:
        return Response(301, [("Location", redirect), ("Content-Length", "0")])
    if target is None:
        body = b"not found\n"
        return Response(
            404,
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
            body if method == "GET" else b"",
        )
    name = target.relative_to(site.root).as_posix()
    data = target.read_bytes()
    kind = media_type(name)
    digest = hashlib.sha256(data).hexdigest()[:32]
    # a strong ETag names exact bytes: the gzip body is other bytes, so another tag
    compress = (
        _wants_gzip(headers.get("accept-encoding", ""))
        and kind in COMPRESSIBLE
        and len(data) >= _GZIP_MIN_BYTES
    )
    etag = f'"{digest}-gz"' if compress else f'"{digest}"'
    modified = dt.datetime.fromtimestamp(int(target.stat().st_mtime), dt.UTC)
    common = [
        ("ETag", etag),
        ("Last-Modified", email.utils.format_datetime(modified, usegmt=True)),
        ("Cache-Control", site.cache_control),
        ("Vary", "Accept-Encoding"),
    ]
    link = link_header(name, site.base_url, site.hubs)
    if link is not None:
        common.append(("Link", link))
    if "if-none-match" in headers:
        fresh = _etag_matches(headers["if-none-match"], {f'"{digest}"', f'"{digest}-gz"'})
    elif "if-modified-since" in headers:
        try:
            since = email.utils.parsedate_to_datetime(headers["if-modified-since"])
            fresh = since.tzinfo is not None and modified <= since
        except (TypeError, ValueError):
            fresh = False
    else:
        fresh = False
    if fresh:
        return Response(304, common)
    if compress:
        data = gzip.compress(data, mtime=0)
        common.append(("Content-Encoding", "gzip"))
    return Response(
        200,
        [("Content-Type", kind), ("Content-Length", str(len(data))), *common],
        data if method == "GET" else b"",
    )


def _handler(current: Callable[[], Site], log: Callable[[str], None]) -> type:
    class Handler(BaseHTTPRequestHandler):
        server_version = "dateline-preview"

        def _answer(self, method: str) -> None:
            response = respond(current(), self.path, dict(self.headers.items()), method)
            self.send_response(response.status)
            for key, value in response.headers:
                self.send_header(key, value)
            self.end_headers()
            if response.body:
                self.wfile.write(response.body)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_HEAD(self) -> None:
            self._answer("HEAD")

        def log_message(self, format: str, *args: Any) -> None:
            log(format % args)

    return Handler


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``paths`` with its modification time and size."""
    seen: dict[str, tuple[int, int]] = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in files:
            if path.is_file():
                stat = path.stat()
                seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


class Preview:
    """A preview server and its watcher. ``start`` binds and builds; ``stop`` ends both.

    ``now`` fixes the build's now (embargoes); by default each rebuild takes the
    current time, so an embargo lifts while the preview runs.
    """

    def __init__(
        self,
        settings: Settings,
        out_dir: Path,
        *,
        port: int = 8000,
        now: dt.datetime | None = None,
        watch: list[Path] | None = None,
        interval: float = 1.0,
        log: Callable[[str], None] = lambda _: None,
        reload: Callable[[], Settings] | None = None,
    ) -> None:
        self._settings = settings
        self._reload = reload
        self._out_dir = out_dir
        self._port = port
        self._now = now
        self._watch = watch if watch is not None else [settings.content_dir]
        self._interval = interval
        self._log = log
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: ThreadingHTTPServer | None = None
        self._snapshot: dict[str, tuple[int, int]] = {}
        self.settings = settings
        self.report: BuildReport | None = None

    @property
    def url(self) -> str:
        return self.settings.base_url

    def _site(self) -> Site:
        return Site(self.settings.output_dir, self.settings.base_url, list(self.settings.hubs))

    def start(self) -> BuildReport:
        handler = _handler(self._site, self._log)
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), handler)
        port = self._server.server_address[1]
        self.settings = self._settings.model_copy(
            update={"base_url": f"http://127.0.0.1:{port}/", "output_dir": self._out_dir}
        )
        report = self.rebuild()
        serving = threading.Thread(target=self._server.serve_forever, daemon=True)
        watching = threading.Thread(target=self._watch_loop, daemon=True)
        self._threads = [serving, watching]
        for thread in self._threads:
            thread.start()
        return report

    def rebuild(self) -> BuildReport:
        self._snapshot = _snapshot(self._watch)
        if self._reload is not None and self._server is not None:
            # settings edited: read them again, keeping the preview's address and folder
            self.settings = self._reload().model_copy(
                update={"base_url": self.settings.base_url, "output_dir": self._out_dir}
            )
        self.report = build_site(self.settings, now=self._now)
        return self.report

    def rebuild_if_changed(self) -> BuildReport | None:
        if _snapshot(self._watch) == self._snapshot:
            return None
        return self.rebuild()

    def _watch_loop(self) -> None:
        while not self._stopped.wait(self._interval):
            try:
                report = self.rebuild_if_changed()
            except Exception as exc:  # a bad settings edit must not stop the preview
                self._log(f"rebuild failed: {exc}")
                continue
            if report is not None:
                # what went wrong in this rebuild, as the first build shows it: an edit
                # that breaks an article keeps its old version on the preview, and the
                # editor must see why (a reviewer saw only "rebuilt: 10 of 12")
                for finding in report.findings:
                    if finding.severity != "notice":
                        self._log(str(finding))
                failed = f", {len(report.failed)} failed" if report.failed else ""
                self._log(
                    f"rebuilt: {len(report.published)} of {len(report.results)} articles"
                    f"{failed}, {len(report.written)} files changed"
                )

    def stop(self) -> None:
        self._stopped.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
