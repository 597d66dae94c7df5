"""Drafts and embargoes: which checked articles are not published yet, and until when.

An editor's ``draft: true`` holds an article until the key is removed; a
publication time after the build's "now" holds it until that time. Both are
checked like any other article (so a mistake shows before release) but appear in
no output at all: pages, feeds, the site graph, sitemaps, calendar. "Now" is an
input of the build (``--now``), so the same inputs and the same now always give
the same files, and an embargo can be tested without waiting for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dateline.model.article import ArticleGraph

__all__ = ["Held", "held_articles", "parse_now", "wall_clock"]


class _Result(Protocol):
    @property
    def path(self) -> Path: ...
    @property
    def graph(self) -> ArticleGraph | None: ...
    @property
    def ok(self) -> bool: ...


@dataclass(frozen=True)
class Held:
    """An article checked but not published: a draft (``until`` is None) or embargoed."""

    path: Path
    slug: str
    headline: str
    until: dt.datetime | None

    @property
    def reason(self) -> str:
        if self.until is None:
            return "draft (remove 'draft: true' to publish)"
        return f"embargoed until {self.until.isoformat()}"

    def as_dict(self) -> dict[str, str | None]:
        """For ``check --format json``: ``held`` is ``draft`` or ``embargo``."""
        return {
            "path": str(self.path),
            "slug": self.slug,
            "held": "draft" if self.until is None else "embargo",
            "until": self.until.isoformat() if self.until else None,
        }


def wall_clock() -> dt.datetime:
    """The default "now": the current time, to the second, in UTC."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def parse_now(text: str) -> dt.datetime:
    """``--now`` as ISO 8601; a date means its midnight and a time without zone is UTC."""
    value = dt.datetime.fromisoformat(text.strip())
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def held_articles(results: Iterable[_Result], now: dt.datetime) -> list[Held]:
    """Every article that passed its checks but is a draft or dated after ``now``."""
    from dateline.emit.feeds import as_datetime  # noqa: PLC0415 - not loaded by a no-op build (see dateline.pipeline)

    held = []
    for result in results:
        graph = result.graph
        if graph is None or not result.ok:
            continue
        published = as_datetime(graph.article.date_published)
        if graph.draft or published > now:
            held.append(
                Held(
                    path=result.path,
                    slug=graph.slug,
                    headline=graph.article.headline,
                    until=None if graph.draft else published,
                )
            )
    return held
