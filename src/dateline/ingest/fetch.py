"""Fetching untrusted URLs on a user's machine, safely.

``dateline add`` is pointed at URLs someone else wrote (a feed's links, a pasted
address), so every request goes through the same checks:

- http and https only; connect, read and whole-response time limits;
- the response is streamed and cut off at a maximum size, never held whole first;
- at most 5 redirects, each target checked again like the first URL;
- the host is resolved and refused when any address is loopback, private,
  link-local, multicast or otherwise not public (no SSRF), unless private
  addresses were allowed; the address actually connected to is checked again,
  so a name that resolves differently the second time (DNS rebinding) gets nowhere;
- only the content types the caller accepts (HTML for a page, feed types for a
  feed), with the charset from the headers, then the page's ``<meta>``, then detection;
- an identifying User-Agent, robots.txt honoured, a delay between requests to one
  host, and a conditional GET (ETag / Last-Modified) when re-fetching.
"""

from __future__ import annotations

import codecs
import datetime as dt
import ipaddress
import re
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from charset_normalizer import from_bytes
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from dateline.ingest.errors import IngestError

__all__ = [
    "FEED_TYPES",
    "HTML_TYPES",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "Resolver",
    "decode_body",
    "is_public_address",
    "system_resolver",
]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
    }
)
#: robots.txt is text; some servers send it as octet-stream
_ANY_TYPE: frozenset[str] = frozenset()
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

#: ``resolver(host, port)`` → the IP addresses the host name resolves to.
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's resolver, every address of every family."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for everything a LAN hides.

    ``is_global`` already excludes loopback, private (RFC 1918, fc00::/7), link-local,
    shared (100.64/10), documentation and reserved ranges; multicast is excluded on
    top, and IPv4 written inside IPv6 (``::ffff:127.0.0.1``) is judged as IPv4.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return bool(ip.is_global) and not ip.is_multicast


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one run of ``add`` or ``import``; defaults from the ``[site.ingest]`` settings."""

    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: the whole response, however slowly it trickles in
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    #: seconds between two requests to the same host (robots.txt's Crawl-delay if longer)
    delay: float = 1.0
    allow_private: bool = False
    robots: bool = True


@dataclass(frozen=True)
class Fetched:
    """A response that passed every check, or a 304 for a conditional GET."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    encoding: str
    retrieved: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def text(self) -> str:
        return self.body.decode(self.encoding, errors="replace")


class _AddressRefused(Exception):
    """Raised inside a connection when the peer is not a public address."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


def _guarded_pools(check: Callable[[str], None]) -> dict[str, type[HTTPConnectionPool]]:
    """Connection pools whose connections check the address they actually reached."""

    def verify(sock: socket.socket) -> socket.socket:
        try:
            check(str(sock.getpeername()[0]))
        except _AddressRefused:
            sock.close()
            raise
        return sock

    class Conn(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return verify(super()._new_conn())

    class TlsConn(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return verify(super()._new_conn())

    class Pool(HTTPConnectionPool):
        ConnectionCls = Conn

    class TlsPool(HTTPSConnectionPool):
        ConnectionCls = TlsConn

    return {"http": Pool, "https": TlsPool}


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, check: Callable[[str], None]) -> None:
        self._pools = _guarded_pools(check)
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools


def _media_type(header: str | None) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` → (``text/html``, ``UTF-8``)."""
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_body(data: bytes, header_charset: str | None) -> str:
    """The encoding: the header's, then a BOM, then ``<meta>`` or the XML declaration,
    then detection."""
    if found := _codec(header_charset):
        return found
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return name
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match and (found := _codec(match.group(1).decode("ascii", "replace"))):
            return found
    best = from_bytes(data[:200_000]).best()
    return (_codec(best.encoding) if best is not None else None) or "utf-8"


@dataclass
class Fetcher:
    """One run's HTTP client: the policy, robots.txt per host, and when each host was last hit.

    Its state (robots rules, last request per host) lives on the instance, one per run.
    """

    policy: FetchPolicy
    resolver: Resolver = system_resolver
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _session: requests.Session | None = None

    def _http(self) -> requests.Session:
        if self._session is None:
            session = requests.Session()
            session.trust_env = False  # no proxies or .netrc from the environment
            session.headers["User-Agent"] = self.policy.user_agent
            adapter = _GuardedAdapter(self._check_address)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._session = session
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    # -- checks -----------------------------------------------------------------

    def _check_address(self, address: str) -> None:
        if not self.policy.allow_private and not is_public_address(address):
            raise _AddressRefused(address)

    def _check_url(self, url: str) -> tuple[str, int]:
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise IngestError(f"not a URL: {exc}", url=url, code="url_invalid") from exc
        if parts.scheme not in ("http", "https"):
            raise IngestError(
                f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}",
                url=url,
                code="url_scheme",
                hint="give an address starting with https://",
            )
        try:
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise IngestError(f"bad port in URL: {exc}", url=url, code="url_invalid") from exc
        if not host:
            raise IngestError("the URL has no host", url=url, code="url_invalid")
        port = port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise IngestError(
                    f"cannot resolve {host}: {exc}", url=url, code="dns_failed"
                ) from exc
        if not addresses:
            raise IngestError(f"{host} resolves to no address", url=url, code="dns_failed")
        for address in addresses:
            if not self.policy.allow_private and not is_public_address(address):
                raise self._refused(url, host, address)
        return host, port

    def _refused(self, url: str, host: str, address: str) -> IngestError:
        shown = host if host == address else f"{host} ({address})"
        return IngestError(
            f"refused: {shown} is a loopback, private or otherwise non-public address",
            url=url,
            code="address_refused",
            hint="pass --allow-private-addresses to fetch from your own network",
        )

    # -- politeness -------------------------------------------------------------

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            remaining = last + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rules: urllib.robotparser.RobotFileParser | None = None
            try:
                got = self._get(origin + "/robots.txt", _ANY_TYPE, {}, robots=False)
            except IngestError as exc:
                if exc.code in ("address_refused", "url_scheme", "dns_failed"):
                    raise
                # RFC 9309: a server error means "assume everything is disallowed";
                # no robots.txt (404, 403) or none reachable: nothing is forbidden
                got = None
                if exc.status is not None and exc.status >= 500:
                    rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
                    rules.parse(["User-agent: *", "Disallow: /"])
            if got is not None and 200 <= got.status < 300:
                rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
                rules.parse(got.text.splitlines())
            self._robots[origin] = rules
        return self._robots[origin]

    # -- fetching ---------------------------------------------------------------

    def fetch(
        self,
        url: str,
        accept: Iterable[str],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET ``url`` through every check; a 304 comes back as ``not_modified``."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, frozenset(accept), headers, robots=self.policy.robots)

    def _get(
        self, url: str, accept: frozenset[str], headers: dict[str, str], *, robots: bool
    ) -> Fetched:
        seen: list[str] = []
        current = url
        while True:
            host, _ = self._check_url(current)
            delay = self.policy.delay
            if robots:
                rules = self._robots_for(current)
                if rules is not None:
                    if not rules.can_fetch("dateline", current):
                        raise IngestError(
                            "robots.txt of the site asks robots not to fetch this page",
                            url=current,
                            code="robots_disallowed",
                        )
                    crawl_delay = rules.crawl_delay("dateline")
                    delay = max(delay, float(crawl_delay or 0))
            self._wait_turn(host, delay)
            response = self._request(current, headers)
            with response:
                location = response.headers.get("Location")
                if response.status_code in _REDIRECTS and location:
                    seen.append(current)
                    target = urljoin(current, location)
                    if target in seen:
                        raise IngestError(
                            f"redirect loop back to {target}", url=url, code="redirect_loop"
                        )
                    if len(seen) > self.policy.max_redirects:
                        raise IngestError(
                            f"more than {self.policy.max_redirects} redirects",
                            url=url,
                            code="too_many_redirects",
                        )
                    current = target
                    continue
                return self._read(url, current, response, accept, tuple(seen))

    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            return self._http().get(
                url,
                headers=headers,
                allow_redirects=False,
                stream=True,
                timeout=(self.policy.connect_timeout, self.policy.read_timeout),
            )
        except _AddressRefused as exc:
            raise self._refused(url, urlsplit(url).hostname or "", exc.address) from exc
        except requests.Timeout as exc:
            raise IngestError(
                "the server did not answer in time", url=url, code="fetch_timeout"
            ) from exc
        except requests.RequestException as exc:
            refused = _cause(exc)
            if refused is not None:
                raise self._refused(url, urlsplit(url).hostname or "", refused.address) from exc
            raise IngestError(
                f"cannot connect: {type(exc).__name__}", url=url, code="fetch_failed"
            ) from exc

    def _read(
        self,
        url: str,
        final: str,
        response: requests.Response,
        accept: frozenset[str],
        redirects: tuple[str, ...],
    ) -> Fetched:
        kind, charset = _media_type(response.headers.get("Content-Type"))
        common: dict[str, Any] = {
            "url": url,
            "final_url": final,
            "status": response.status_code,
            "content_type": kind,
            "retrieved": self.now().replace(microsecond=0),
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
            "redirects": redirects,
        }
        if response.status_code == 304:
            return Fetched(body=b"", encoding="utf-8", **common)
        if not 200 <= response.status_code < 300:
            raise IngestError(
                f"the server answered HTTP {response.status_code} {response.reason or ''}".strip(),
                url=final,
                code="http_status",
                status=response.status_code,
            )
        if accept and kind not in accept:
            what = "an HTML page" if accept == HTML_TYPES else "a feed"
            raise IngestError(
                f"this is {kind or 'untyped content'}, not {what}",
                url=final,
                code="not_html" if accept == HTML_TYPES else "not_feed",
                hint="dateline import reads feeds" if accept == HTML_TYPES else None,
            )
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.policy.max_bytes:
            raise self._too_large(final)
        deadline = self.clock() + self.policy.total_timeout
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=65_536):
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise self._too_large(final)
                if self.clock() > deadline:
                    raise IngestError(
                        f"the response took over {self.policy.total_timeout:g} s",
                        url=final,
                        code="fetch_timeout",
                    )
                chunks.append(chunk)
        except requests.RequestException as exc:
            code = "fetch_timeout" if isinstance(exc, requests.ConnectionError) else "fetch_failed"
            raise IngestError(
                f"the response broke off: {type(exc).__name__}", url=final, code=code
            ) from exc
        body = b"".join(chunks)
        return Fetched(body=body, encoding=decode_body(body, charset), **common)

    def _too_large(self, url: str) -> IngestError:
        return IngestError(
            f"the response is over {self.policy.max_bytes:,} bytes; cut off",
            url=url,
            code="too_large",
            hint="raise max_bytes under [site.ingest] if this page is really that big",
        )


def _cause(exc: BaseException) -> _AddressRefused | None:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, _AddressRefused):
            return seen
        seen = (
            seen.__cause__
            or seen.__context__
            or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
        )
    return None
