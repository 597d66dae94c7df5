"""``dateline add`` and ``dateline import``: URLs in, Markdown articles out.

Each URL is fetched through :mod:`dateline.ingest.fetch`, read by
:mod:`dateline.ingest.page` and written by :mod:`dateline.ingest.frontmatter`.
One URL that fails never stops the others; each gets one :class:`Outcome`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from dateline import __version__
from dateline.enrich import Enricher, default_enrichers
from dateline.ingest.errors import IngestError
from dateline.ingest.feeds import FeedItem, read_feed
from dateline.ingest.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchPolicy, Resolver
from dateline.ingest.fetch import system_resolver as default_resolver
from dateline.ingest.frontmatter import ContentIndex, Known, index_content, render, target_path
from dateline.ingest.frontmatter import write_article as write_file
from dateline.ingest.page import extract_page, refusal
from dateline.pipeline import process_article
from dateline.settings import Settings
from dateline.write.atomic import write_atomic

__all__ = ["Ingester", "Outcome", "policy_for"]

Status = Literal["added", "updated", "unchanged", "skipped", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one URL: the file written, or why not."""

    url: str
    status: Status
    path: Path | None = None
    error: IngestError | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def as_line(self) -> str:
        if self.error is not None:
            return self.error.as_line()
        return f"{self.url}: {self.status} {self.path}"


def policy_for(settings: Settings, allow_private: bool) -> FetchPolicy:
    """The fetch limits of the site's ``[site.ingest]`` settings."""
    ingest = settings.ingest
    contact = ingest.contact or settings.base_url
    return FetchPolicy(
        user_agent=f"dateline/{__version__} (+{contact})",
        connect_timeout=ingest.connect_timeout,
        read_timeout=ingest.read_timeout,
        total_timeout=ingest.total_timeout,
        max_bytes=ingest.max_bytes,
        delay=ingest.delay,
        allow_private=allow_private,
        robots=ingest.robots,
    )


class Ingester:
    """One run of ``add`` or ``import`` over one content folder."""

    def __init__(
        self,
        settings: Settings,
        *,
        allow_private: bool = False,
        resolver: Resolver = default_resolver,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.settings = settings
        self.content_dir = settings.content_dir
        self.fetcher = fetcher or Fetcher(policy_for(settings, allow_private), resolver=resolver)
        self.index: ContentIndex = index_content(self.content_dir)
        #: the site's enrichers, made once per run (the language model loads once)
        self._enrichers: Sequence[Enricher] | None = None

    def close(self) -> None:
        self.fetcher.close()

    def add(
        self,
        url: str,
        *,
        feed: str | None = None,
        guid: str | None = None,
        feed_date: str | None = None,
    ) -> Outcome:
        """Fetch one page and write it; an article fetched before is re-fetched conditionally."""
        try:
            return self._add(url, feed, guid, feed_date)
        except IngestError as exc:
            return Outcome(url, "failed", error=exc)

    def _add(self, url: str, feed: str | None, guid: str | None, feed_date: str | None) -> Outcome:
        known = self.index.find(url)
        got = self.fetcher.fetch(
            url,
            HTML_TYPES,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
        )
        if got.not_modified and known is not None:
            return Outcome(url, "unchanged", known.path)
        host = urlsplit(got.final_url).hostname or ""
        zone = self.settings.ingest.zone_for(host)
        try:
            article = extract_page(got.text, got.final_url, zone, feed_date)
        except Exception as exc:  # a parser library choking on hostile markup: one URL fails
            raise IngestError(
                f"the page could not be read: {type(exc).__name__}",
                url=url,
                code="extract_failed",
                hint="report it with the page saved, if it is a page dateline should read",
            ) from exc
        refused = refusal(article)
        if refused is not None:
            code, message, hint = refused
            raise IngestError(message, url=url, code=code, hint=hint)
        known = known or self.index.find(article.canonical, got.final_url, guid=guid)
        path = known.path if known else target_path(self.content_dir, article, self.index.paths)
        text = render(
            article,
            slug=path.stem,
            requested=url,
            retrieved=got.retrieved,
            etag=got.etag,
            last_modified=got.last_modified,
            feed=feed,
            guid=guid,
        )
        self.content_dir.mkdir(parents=True, exist_ok=True)
        self._write_if_it_builds(url, path, text)
        self.index.add(
            Known(path, got.etag, got.last_modified),
            [url, got.final_url, article.canonical],
            guid,
        )
        return Outcome(url, "updated" if known else "added", path)

    def _write_if_it_builds(self, url: str, path: Path, text: str) -> None:
        """Write the article, then run it through the real pipeline; if it would not
        build, put back what was there before and say why (every page added builds)."""
        before = path.read_bytes() if path.is_file() else None
        write_file(path, text)
        if self._enrichers is None:
            self._enrichers = default_enrichers(self.settings)
        result = process_article(path, self.settings, self._enrichers)
        if result.ok:
            return
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, before)
        first = next(f for f in result.findings if f.severity == "error")
        raise IngestError(
            f"the article would not build: {first.code}: {first.message}",
            url=url,
            code="does_not_build",
            hint=first.hint or "save it by hand as a .md file and fix what is named",
        )

    def import_feed(self, feed_url: str, limit: int | None = None) -> Iterator[Outcome]:
        """Every item of the feed not imported before (same canonical URL or guid), in order.

        Raises :class:`IngestError` when the feed itself cannot be read.
        """
        got = self.fetcher.fetch(feed_url, FEED_TYPES)
        items: list[FeedItem] = read_feed(got.body, got.final_url, got.content_type)
        done = 0
        for item in items:
            if limit is not None and done >= limit:
                return
            known = self.index.find(item.link, guid=item.guid)
            if known is not None:
                yield Outcome(item.link, "skipped", known.path)
                continue
            done += 1
            yield self.add(item.link, feed=feed_url, guid=item.guid, feed_date=item.published)
