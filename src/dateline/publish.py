"""``dateline publish``: build, then tell the WebSub hubs which feeds changed.

A hub fetches a topic (a feed URL) when its publisher pings it, and pushes the
new items to every subscriber at once, so readers hear of a story in seconds
instead of at their next poll. Only feeds the build actually rewrote are
pinged: an unchanged feed would make every subscriber fetch it for nothing.

The ping is the PubSubHubbub/WebSub publish notification: a form POST of
``hub.mode=publish`` and ``hub.url=<topic>``, one per topic. A hub that times
out or answers 5xx or 429 is retried with exponential backoff; a 4xx answer
is final (the request itself is wrong). Every attempt's outcome is reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import requests

__all__ = ["PingResult", "ping_hubs"]

_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class PingResult:
    """One topic announced to one hub: how it went, after how many attempts."""

    hub: str
    topic: str
    ok: bool
    attempts: int
    detail: str

    def __str__(self) -> str:
        outcome = "ok" if self.ok else "FAILED"
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{outcome}: {self.hub} <- {self.topic} ({self.detail}{tries})"


def _ping_once(
    session: requests.Session, hub: str, topic: str, timeout: float
) -> tuple[bool, bool, str]:
    """(succeeded, worth retrying, what happened)."""
    try:
        answer = session.post(hub, data={"hub.mode": "publish", "hub.url": topic}, timeout=timeout)
    except requests.Timeout:
        return False, True, f"no answer within {timeout:g} s"
    except requests.RequestException as exc:
        return False, True, f"could not connect: {type(exc).__name__}"
    detail = f"HTTP {answer.status_code}"
    if 200 <= answer.status_code < 300:
        return True, False, detail
    return False, answer.status_code in _RETRY_STATUS, detail


def ping_hubs(
    hubs: Sequence[str],
    topics: Sequence[str],
    *,
    attempts: int = 3,
    backoff: float = 1.0,
    timeout: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
    session: requests.Session | None = None,
) -> list[PingResult]:
    """Announce each topic to each hub; retry ``attempts`` times, waiting
    ``backoff``, then twice as long, and so on."""
    results = []
    with session or requests.Session() as http:
        http.headers["User-Agent"] = "dateline-publish (WebSub publisher)"
        for hub in hubs:
            for topic in topics:
                for attempt in range(1, attempts + 1):
                    ok, retry, detail = _ping_once(http, hub, topic, timeout)
                    if ok or not retry or attempt == attempts:
                        results.append(PingResult(hub, topic, ok, attempt, detail))
                        break
                    sleep(backoff * 2 ** (attempt - 1))
    return results
