"""The pipeline, end to end: read → enrich → model → validate → emit → write.

:func:`process_article` is a pure function of (source file, its sidecar, settings):
it touches nothing but those files, so it can run in any order, in parallel, or
on another machine. The per-article stage (:class:`ArticleWorker`) runs it and
renders the article's own files and its :class:`~dateline.emit.summary.ArticleSummary`.
:func:`build_site` then:

1. takes the output folder's lock (one build at a time);
2. reuses every article whose inputs are unchanged (:mod:`dateline.write.cache`)
   and runs the per-article stage for the others, in order, on ``jobs`` processes;
3. writes each article's files as soon as they are made, all or nothing per
   article (a failure fails that article only; its previous files stay);
4. runs the cross-article checks over the summaries (duplicate slugs, one
   ``@id`` as two kinds of thing);
5. renders the feeds, index and home page from the summaries and writes them;
6. removes the files of articles that are gone (only files the previous
   manifest lists), then writes the manifest and the cache state, last.

The per-article error policy lives here and nowhere else: an article that fails
is reported and left out (its last good version kept); the others are published.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import importlib
import itertools
import json
import os
import re
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from dateline.emit.summary import SharedParts
from dateline.errors import ArticleError, Finding, OutputError, SettingsError, ValidationFailed
from dateline.read import discover_names
from dateline.read.files import read_capped
from dateline.read.sidecar import SIDECAR_SUFFIXES, sidecar_path
from dateline.settings import REGISTRY_FILE, Settings
from dateline.write.atomic import inside, remove_leftovers, write_group
from dateline.write.cache import (
    BuildCache,
    CacheEntry,
    CacheState,
    StateEntry,
    article_key,
    file_stamp,
    finding_from_json,
    finding_to_json,
    findings_json,
    held_summary,
    site_key,
    summary_bytes,
)
from dateline.write.lock import build_lock
from dateline.write.manifest import MANIFEST, Manifest, article_files
from dateline.write.stream import Chunks, same_chunks, write_chunks

if TYPE_CHECKING:
    # Only what a no-op build runs is imported above: the per-article stage's modules
    # (models, enrichers, readers, renderers) load in the functions that use them,
    # and the site-wide stage's when it runs, so a build with nothing to do starts
    # in a fraction of the time.
    from concurrent.futures import ProcessPoolExecutor

    from dateline.carry import CarriedArticle
    from dateline.emit.html import PageRenderer
    from dateline.emit.site import SiteEmitter, SiteInput
    from dateline.emit.summary import ArticleSummary
    from dateline.enrich import Enricher
    from dateline.hold import Held
    from dateline.model.article import ArticleGraph
    from dateline.model.layers import Layer
    from dateline.model.meta import ArticleMeta
    from dateline.read import Draft
    from dateline.write.forked import Forked

__all__ = [
    "ArticleResult",
    "ArticleWorker",
    "BuildReport",
    "build_site",
    "check_site",
    "process_article",
    "render_site",
    "written_layers",
]

#: The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes).
MAX_NAME_BYTES = 255

Status = Literal["built", "unchanged", "held", "failed"]


class ArticleResult:
    """One article's outcome: its findings, and its slug when it was published.

    ``graph`` and ``body`` are what :func:`process_article` made. A build does not
    hold them for every article (a site of 100,000 would not fit in memory): for a
    published article they are read back from the build cache when first asked for.
    """

    __slots__ = ("_body", "_graph", "_load", "_path", "findings", "nodes", "slug", "status")

    def __init__(
        self,
        path: Path | str,
        graph: ArticleGraph | None = None,
        body: str | None = None,
        findings: tuple[Finding, ...] = (),
        slug: str | None = None,
        status: Status | None = None,
        load: Callable[[], tuple[ArticleGraph, str] | None] | None = None,
    ) -> None:
        # a build of a large site holds a result per article: the path's text, not a
        # Path object (several times its memory), unless a finding names it too
        self._path = path
        self._graph = graph
        self._body = body
        self.findings = findings
        self.slug = slug
        #: built now, reused from the cache, held back (a draft, an embargo), or failed
        self.status = status
        self._load = load
        #: ``graph.graph()`` as :func:`process_article` validated it (the JSON-LD nodes
        #: the article's files are made of), so it is made once; None when not made
        self.nodes: list[dict[str, Any]] | None = None

    @property
    def path(self) -> Path:
        """The article's file."""
        path = self._path
        return path if isinstance(path, Path) else Path(path)

    def _loaded(self) -> None:
        if self._graph is None and self._load is not None:
            loaded, self._load = self._load(), None
            if loaded is not None:
                self._graph, self._body = loaded

    @property
    def graph(self) -> ArticleGraph | None:
        self._loaded()
        return self._graph

    @property
    def body(self) -> str | None:
        self._loaded()
        return self._body

    @property
    def ok(self) -> bool:
        if self.status is not None:
            return self.status != "failed"
        return self._graph is not None and not any(f.severity == "error" for f in self.findings)

    def __repr__(self) -> str:
        return f"ArticleResult({self.path!s}, status={self.status}, slug={self.slug})"


class PathList(Sequence[Path]):
    """Paths, kept as their text, a few hundred joined into one string.

    A full build of a large site writes two files per article and reports each; a
    :class:`~pathlib.Path` object takes several times the memory of its text, and a
    string of its own ~50 bytes more than the text: the report keeps blocks of
    :data:`_PATH_BLOCK` names, each block's common beginning (the output folder)
    once, and makes a path when it is read. (No path holds a NUL character.)
    """

    __slots__ = ("_blocks", "_count", "_pending")

    def __init__(self, paths: Iterable[Path | str] = ()) -> None:
        #: full blocks: their common beginning, NUL, then the rest of each name
        #: joined by NULs
        self._blocks: list[str] = []
        self._pending: list[str] = []
        self._count = 0
        self.extend(paths)

    def append(self, path: Path | str) -> None:
        self._pending.append(os.fspath(path))
        self._count += 1
        if len(self._pending) >= _PATH_BLOCK:
            self._seal()

    def extend(self, paths: Iterable[Path | str]) -> None:
        for path in paths:
            self.append(path)

    def _seal(self) -> None:
        names = self._pending
        start = os.path.commonprefix(names)  # noqa: RUF071 - text, cut by its length
        self._blocks.append("\0".join([start, *(n[len(start) :] for n in names)]))
        self._pending = []

    def _names(self) -> Iterator[str]:
        for block in self._blocks:
            start, *rest = block.split("\0")
            yield from (start + name for name in rest)
        yield from self._pending

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [Path(name) for name in list(self._names())[index]]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("PathList index out of range")
        block, at = divmod(index, _PATH_BLOCK)
        if block < len(self._blocks):
            start, *rest = self._blocks[block].split("\0")
            return Path(start + rest[at])
        return Path(self._pending[at])

    def __iter__(self) -> Iterator[Path]:
        return (Path(name) for name in self._names())

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str | os.PathLike):
            return False
        wanted = os.fspath(path)
        return any(name == wanted for name in self._names())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PathList):
            return len(self) == len(other) and all(
                a == b for a, b in zip(self._names(), other._names(), strict=True)
            )
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"PathList({list(self._names())!r})"


#: Names joined into one string by :class:`PathList`.
_PATH_BLOCK = 256


@dataclass
class BuildReport:
    """What a build or check did, for the command line to summarise."""

    results: list[ArticleResult] = field(default_factory=list)
    written: PathList = field(default_factory=PathList)
    removed: list[Path] = field(default_factory=list)
    #: problems of the site-wide outputs (feeds, sitemaps): a file that has one is not written
    site_findings: list[Finding] = field(default_factory=list)
    #: the site-wide outputs (feeds, index, pages), by path relative to the output
    #: folder, with the size rendered; None for a file that was already right (a
    #: full archive page, a page whose articles did not change), not rendered again
    outputs: dict[str, int | None] = field(default_factory=dict, repr=False)
    #: previous versions of failing articles, kept in the feeds
    carried: list[ArticleSummary] = field(default_factory=list)
    #: with ``dry_run``: what would be written and removed (relative to the output folder)
    would_write: list[str] = field(default_factory=list)
    would_remove: list[str] = field(default_factory=list)
    #: drafts and embargoed articles: checked, in no output
    held: list[Held] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [*(f for r in self.results for f in r.findings), *self.site_findings]

    @property
    def ok(self) -> bool:
        return not self.failed and not any(f.severity == "error" for f in self.site_findings)

    @property
    def failed(self) -> list[ArticleResult]:
        return [r for r in self.results if not r.ok]

    @property
    def published(self) -> list[ArticleResult]:
        held = {h.path for h in self.held}
        if not held:  # (a result's path is made from text on each look)
            return [r for r in self.results if r.ok]
        return [r for r in self.results if r.ok and r.path not in held]

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)


def written_layers(
    draft: Draft, settings: Settings, site: ArticleMeta | None = None
) -> dict[Layer, ArticleMeta]:
    """Every layer but enrichment: what the site, the reader and the editor say
    (``site``: the site's layer, when the caller made it once for many articles)."""
    import dateline.model.layers  # noqa: PLC0415 - not loaded by a no-op build (see process_article)

    layer = dateline.model.layers.Layer
    return {
        layer.SITE: dateline.model.layers.site_layer(settings) if site is None else site,
        layer.READER: draft.found,
        layer.FRONT_MATTER: draft.front_matter,
        layer.SIDECAR: draft.sidecar,
    }


def _site_ids(settings: Settings) -> frozenset[str]:
    import dateline.model.ids  # noqa: PLC0415 - not loaded by a no-op build (see process_article)

    return frozenset({dateline.model.ids.website_id(settings.base_url)})


def _file_name_findings(graph: ArticleGraph, path: Path) -> list[Finding]:
    longest = max(len(name.rsplit("/", 1)[-1].encode()) for name in article_files(graph.slug))
    if longest <= MAX_NAME_BYTES:
        return []
    return [
        Finding(
            code="file_name_too_long",
            message=f"the slug is {len(graph.slug)} characters; its file names would be "
            f"{longest} bytes, over the {MAX_NAME_BYTES} file systems allow",
            path=path,
            field="slug",
            hint="give the article a shorter 'slug' in its front matter or sidecar",
        )
    ]


def _with_inferred(
    graph: ArticleGraph,
    merged: ArticleMeta,
    layers: dict[Layer, ArticleMeta],
    base: str,
    enrichers: Sequence[Enricher],
) -> ArticleGraph:
    """The graph, knowing which of its nodes enrichment inferred (the publisher never:
    it is the site's or the editor's, even when enrichment names it too; nor what it
    took from the registry, which the newsroom wrote)."""
    import dateline.model.ids  # noqa: PLC0415 - not loaded by a no-op build (see process_article)
    import dateline.model.layers  # noqa: PLC0415 - not loaded by a no-op build

    entity_id, key_for = dateline.model.ids.entity_id, dateline.model.ids.key_for
    inferred_keys = dateline.model.layers.inferred_keys
    registry: dict[str, str] = {}
    facts = sys.modules.get("dateline.enrich.facts")  # loaded only where facts are enriched
    if facts is not None:
        registry = {
            entry.id: entry.type
            for enricher in enrichers
            if isinstance(enricher, facts.FactsEnricher)
            for entry in enricher.entities.registry.entries
        }
    ids = {entity_id(base, key) for key in inferred_keys(layers, registry)}
    if merged.publisher is not None:
        ids.discard(entity_id(base, key_for(merged.publisher.name)))
    return graph.model_copy(update={"inferred": frozenset(ids)}) if ids else graph


def process_article(
    path: Path,
    settings: Settings,
    enrichers: Sequence[Enricher] | None = None,
    *,
    site: ArticleMeta | None = None,
    seen: Callable[[bytes, bytes | None], None] | None = None,
    find_sidecar: Callable[[Path], Path | None] | None = None,
) -> ArticleResult:
    """Read, enrich, model and validate one article. Never raises for bad input.

    ``enrichers`` default to :func:`~dateline.enrich.default_enrichers` for the site;
    ``site`` is :func:`~dateline.model.layers.site_layer` of ``settings``, when the
    caller keeps it for many articles; ``seen`` is given the bytes of the article
    and of its sidecar as they were read, ``find_sidecar`` finds its sidecar (see
    :func:`~dateline.read.readers.read_article`).
    The result carries the graph's JSON-LD nodes it validated (``nodes``), which the
    article's files are written from: made once per article.
    """
    # Modules, not names: ``from m import f`` in a function looks for ``m.__path__``
    # on each call, and a module that is no package raises (and drops) an
    # AttributeError for it, ~0.4 us per statement; ``import m`` only finds m (loaded
    # here, on first use: a no-op build never loads them). 17 per article.
    import dateline.budget  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.emit.body  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.enrich  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.model.assemble  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.model.layers  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.read.readers  # noqa: PLC0415 - not loaded by a no-op build
    import dateline.validate.graph  # noqa: PLC0415 - not loaded by a no-op build

    layers_of = dateline.model.layers
    merge_layers = layers_of.merge_layers
    if enrichers is None:
        enrichers = dateline.enrich.default_enrichers(settings)
    try:
        with dateline.budget.article_budget(settings.max_article_seconds, path):
            draft = dateline.read.readers.read_article(
                path,
                settings.max_file_bytes,
                root=settings.content_dir,
                seen=seen,
                find_sidecar=find_sidecar or sidecar_path,
            )
            layers = written_layers(draft, settings, site)
            layers[layers_of.Layer.ENRICHMENT] = dateline.enrich.enrich(
                draft, merge_layers(layers), enrichers
            )
            merged = merge_layers(layers)
            graph = dateline.model.assemble.assemble(
                merged, draft.body_text, path, settings, draft.word_count
            )
            graph = _with_inferred(graph, merged, layers, settings.base_url, enrichers)
            nodes = graph.graph()
            findings = dateline.validate.graph.validate_graph(
                graph, path, _site_ids(settings), nodes
            )
            findings += _file_name_findings(graph, path)
            if any(f.severity == "error" for f in findings):
                raise ValidationFailed(findings)
            body = dateline.emit.body.body_html(draft, graph.article.url)
        result = ArticleResult(path, graph, body, tuple(findings), slug=graph.slug)
        result.nodes = nodes
        return result
    except ArticleError as exc:
        return ArticleResult(path, findings=tuple(exc.findings()))
    except Exception as exc:  # a bug in dateline must not stop the other articles
        return ArticleResult(path, findings=(_internal_error(path, exc),))


def _internal_error(path: Path, exc: Exception) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Finding(
        code="internal_error",
        message=f"dateline failed on this article: {type(exc).__name__}: {exc} "
        f"(at {Path(where.filename).name}:{where.lineno})",
        path=path,
        hint="this is a bug in dateline; please report it with the file",
    )


# --- the per-article stage ------------------------------------------------------------


class ArticleTask:
    """One article to build: its file, its path in the content folder, its cache key.

    With ``site_key`` the key is not known yet: the worker makes it from the bytes it
    reads (:func:`~dateline.write.cache.article_key`), and its output's task carries
    it. A full build keys every article so: reading each file in the build's own
    process first, only to hash it, was a serial tenth of the build.

    The file may be given as its path's text: its :class:`~pathlib.Path` is made when
    first asked for. A task goes to a worker and back with each article, as that text:
    the build makes no path for an article its worker reports nothing about (a path
    was made, taken apart to be sent, and parsed on arrival, twice per article).
    """

    __slots__ = ("_path", "key", "site_key", "source")

    def __init__(
        self, path: Path | str, source: str, key: str, site_key: str | None = None
    ) -> None:
        self._path = path
        self.source = source
        self.key = key
        self.site_key = site_key

    @property
    def path(self) -> Path:
        """The article's file."""
        path = self._path
        if not isinstance(path, Path):
            path = self._path = Path(path)  # made once
        return path

    @property
    def name(self) -> str:
        """The article's file, as text."""
        return os.fspath(self._path)

    def _fields(self) -> tuple[str, str, str, str | None]:
        return (os.fspath(self._path), self.source, self.key, self.site_key)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArticleTask):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"ArticleTask(path={self.path!r}, source={self.source!r}, key={self.key!r}, "
            f"site_key={self.site_key!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # its fields in a tuple, the path as text (see above)
        return (ArticleTask, self._fields())


@dataclass(frozen=True)
class ArticleOutput:
    """What the per-article stage made of one article: small enough to send between
    processes, and all the write stage needs."""

    task: ArticleTask
    result: ArticleResult
    #: the article's own files, by path relative to the output folder (none when the
    #: worker wrote them itself: see ``written``)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    #: the cache entry; when the worker wrote the files, without its graph and body
    #: (they are in ``stored``, which is all the build does with them)
    entry: CacheEntry | None = None
    #: the files the worker wrote whose content changed (see :class:`WriteTo`), as
    #: text: sent back for each article of a build, a path is parsed again on arrival
    written: tuple[str, ...] | None = None
    #: the cache entry as the cache stores it (:meth:`CacheEntry.to_bytes`), made by
    #: the worker that wrote the files
    stored: bytes | None = field(default=None, repr=False)
    #: what the build keeps of an article its worker wrote (then ``entry`` is None)
    kept: WrittenArticle | None = field(default=None, repr=False)
    #: the article's feed entries around its body (:func:`~dateline.emit.feeds.entry_parts`),
    #: kept in the cache for the archive pages; None: the site-wide stage writes them
    feed: bytes | None = field(default=None, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        kept, result = self.kept, self.result
        if (
            kept is None
            or self.entry is not None
            or self.files
            or self.written is None
            or self.stored is None
            or result.status != "built"
            or result.slug != kept.slug
            or result._graph is not None
            or result._body is not None
            or result._load is not None
            or result.nodes is not None
        ):
            return (
                ArticleOutput,
                (
                    self.task,
                    result,
                    self.files,
                    self.entry,
                    self.written,
                    self.stored,
                    kept,
                    self.feed,
                ),
            )
        # an article its worker wrote (every article of a full build): sent as a flat
        # tuple of texts and bytes, not as the objects the build makes of them (the
        # task, its result, what is kept), whose pickling and unpickling took ~25 us
        # per article of the build's own process and its worker's
        return (
            _written_output,
            (
                *self.task._fields(),
                result.findings,
                kept.slug,
                kept.summary,
                kept.files,
                kept.owned,
                kept.findings,
                kept.body_utf8,
                self.written,
                self.stored,
                self.feed,
            ),
        )


def _written_output(
    name: str,
    source: str,
    key: str,
    site_key: str | None,
    findings: tuple[Finding, ...],
    slug: str,
    summary: bytes | str,
    files: str | int,
    owned: tuple[str, ...] | None,
    findings_json: str,
    body_utf8: bytes,
    written: tuple[str, ...],
    stored: bytes,
    feed: bytes | None,
) -> ArticleOutput:
    """An :class:`ArticleOutput` of an article its worker wrote, as it arrives (see
    :meth:`ArticleOutput.__reduce__`): the file stays text until a path is asked for."""
    return ArticleOutput(
        ArticleTask(name, source, key, site_key),
        ArticleResult(name, findings=findings, slug=slug, status="built"),
        written=written,
        stored=stored,
        kept=WrittenArticle(slug, summary, files, owned, findings_json, body_utf8),
        feed=feed,
    )


@dataclass(frozen=True, slots=True)
class WrittenArticle:
    """What the build needs of an article its worker built and wrote: the summary as
    the build holds it until the site-wide stage (see :func:`held_summary`), made in
    the worker, so the build's own process, which is serial, neither receives the
    summary object (and its nodes and bylines) nor encodes it again; no graph."""

    slug: str
    #: the summary, deflated JSON or JSON text (see :class:`WriteTo`;
    #: :attr:`StateEntry.summary` reads both)
    summary: bytes | str
    #: the files' sizes as the state holds them
    files: str | int
    #: the files, when they are not the slug's two (see :func:`_owned`)
    owned: tuple[str, ...] | None
    #: its findings as the cache keeps them: their JSON text (:func:`findings_json`)
    findings: str
    #: the body HTML in UTF-8, as the worker encoded it once for the page and the feed
    #: entries (sent so, it is not encoded again to be sent)
    body_utf8: bytes

    @property
    def body(self) -> str:
        """The body HTML (the cache keeps it apart, for the feeds)."""
        return self.body_utf8.decode("utf-8")

    def __reduce__(self) -> tuple[Any, ...]:
        # as ArticleTask's: 6.5 us less per article in the worker, 2 in the build
        return (
            WrittenArticle,
            (self.slug, self.summary, self.files, self.owned, self.findings, self.body_utf8),
        )


@dataclass(frozen=True)
class WriteTo:
    """Tells a worker to write the article's files itself, into ``output_dir``, unless
    the article is held back (a draft, or dated after ``now``, a POSIX timestamp).

    Writing where the files are made spreads the file system's work over the
    workers and sends back a few hundred bytes per article instead of its files
    and graph; the build still decides what is published (see :func:`_build_with`).
    """

    output_dir: Path
    now: float
    #: the summary the worker sends back deflated (a build that holds it as bytes until
    #: the site-wide stage), or as its JSON text (one that reads it back on arrival)
    deflate: bool = True
    #: the build reports notices; without, the worker sends back none (the cache entry
    #: still keeps them): two per article of a typical site, each a Finding and its
    #: path made again on arrival, ~10 us of the build's own process per article
    notices: bool = True


class ArticleWorker:
    """The per-article stage, with what it needs made once per process, on first use
    (the registry, the gazetteer and the language model load only if an article is
    enriched; a process that builds nothing loads nothing)."""

    def __init__(self, settings: Settings, enrichers: Sequence[Enricher] | None = None) -> None:
        self.settings = settings
        self._enrichers = enrichers
        self._targets: dict[Path, _Targets] = {}

    @cached_property
    def enrichers(self) -> Sequence[Enricher]:
        from dateline.enrich import default_enrichers  # noqa: PLC0415 - not loaded by a no-op build

        return self._enrichers if self._enrichers is not None else default_enrichers(self.settings)

    @cached_property
    def _sidecars(self) -> _Sidecars:
        return _Sidecars()

    @cached_property
    def site(self) -> ArticleMeta:
        """The site's metadata layer, the same for every article."""
        from dateline.model.layers import site_layer  # noqa: PLC0415 - not loaded by a no-op build

        return site_layer(self.settings)

    @cached_property
    def pages(self) -> PageRenderer:
        from dateline.emit.html import PageRenderer  # noqa: PLC0415 - not loaded by a no-op build

        return PageRenderer(self.settings)

    def __call__(
        self, task: ArticleTask, keep_graph: bool = False, write_to: WriteTo | None = None
    ) -> ArticleOutput:
        keyed = None if task.site_key is None else _Keyed(task.site_key, task.source)
        result = process_article(
            task.path,
            self.settings,
            self.enrichers,
            site=self.site,
            seen=keyed,
            # a folder listed once per build, not two stats per article: a worker that
            # writes serves one build (its process, or its build's own worker), where
            # a Dask worker's process serves many, and asks the file system each time
            find_sidecar=self._sidecars.of if write_to is not None else None,
        )
        if keyed is not None:
            # keyed by the bytes it was built from (unread: never reused, as in the plan)
            task = ArticleTask(task.path, task.source, keyed.key or f"unread-{task.source}")
        if not result.ok or result.graph is None or result.body is None:
            return ArticleOutput(task, ArticleResult(task.path, findings=result.findings))
        try:
            made, body = self._rendered(task, result, keep_graph)
        except Exception as exc:  # a bug in an emitter must not stop the other articles
            return ArticleOutput(
                task, ArticleResult(task.path, findings=(_internal_error(task.path, exc),))
            )
        if write_to is None or made.entry is None or _held(made.entry.summary, write_to.now):
            return made
        targets = self._targets.get(write_to.output_dir)
        if targets is None:
            targets = self._targets[write_to.output_dir] = _Targets(write_to.output_dir)
        return _write_own_files(
            made, made.entry, targets, write_to.deflate, body, notices=write_to.notices
        )

    def _render(self, task: ArticleTask, result: ArticleResult, keep: bool) -> ArticleOutput:
        return self._rendered(task, result, keep)[0]

    def _rendered(
        self, task: ArticleTask, result: ArticleResult, keep: bool
    ) -> tuple[ArticleOutput, bytes]:
        """The article's files and cache entry, and its body HTML in UTF-8.

        The JSON-LD document is serialised once, to the bytes of its file, and the
        page is made around those bytes and the body's (see
        :meth:`~dateline.emit.html.PageRenderer.render_bytes`), which the feed
        entries and the build take too: each encoded once."""
        import dateline.emit.feeds  # noqa: PLC0415 - not loaded by a no-op build (see process_article)
        import dateline.emit.jsonld  # noqa: PLC0415 - not loaded by a no-op build
        import dateline.emit.summary  # noqa: PLC0415 - not loaded by a no-op build

        entry_parts = dateline.emit.feeds.entry_parts
        document, dumps_bytes = dateline.emit.jsonld.document, dateline.emit.jsonld.dumps_bytes
        summarize = dateline.emit.summary.summarize

        graph, body = result.graph, result.body
        assert graph is not None
        assert body is not None
        doc = document(graph, result.nodes)
        jsonld = dumps_bytes(doc, floats=graph.holds_floats())
        summary = summarize(task.source, graph, doc["@graph"][0])
        body_utf8 = body.encode("utf-8")
        # the page prints the publication time as the summary tells it: made once
        page = self.pages.render_bytes(graph, body_utf8, jsonld, summary.published_text)
        files = {
            f"articles/{graph.slug}.jsonld": jsonld,
            f"articles/{graph.slug}.html": page,
        }
        entry = CacheEntry(
            key=task.key,
            summary=summary,
            body=body,
            graph=doc["@graph"],
            findings=[
                finding_to_json(f, self.settings.content_dir, task.path) for f in result.findings
            ],
            files={name: len(data) for name, data in files.items()},
        )
        kept = ArticleResult(
            task.path,
            graph if keep else None,
            body if keep else None,
            result.findings,
            slug=graph.slug,
            status="built",
        )
        # the entries every archive page of the site holds, made here, in parallel,
        # where the site-wide stage would make one per article, serially
        feed = entry_parts(summary, body, body_utf8)
        return ArticleOutput(task, kept, files, entry, feed=feed), body_utf8


class _Keyed:
    """The key of an article's bytes as the reader reads them (see :class:`ArticleTask`)."""

    __slots__ = ("key", "site_key", "source")

    def __init__(self, site_key: str, source: str) -> None:
        self.site_key, self.source = site_key, source
        self.key = ""

    def __call__(self, data: bytes, sidecar: bytes | None) -> None:
        self.key = article_key(self.site_key, self.source, data, sidecar)


class _Targets:
    """Where files go in an output folder: ``inside(out, name)``, with each folder
    resolved (and checked to be in the output folder) once per build instead of
    once per file. A name that is a link is resolved whole, as :func:`inside` does."""

    def __init__(self, out: Path) -> None:
        self.out = out
        #: each folder, resolved, as text (the files' paths are made as text: see
        #: :data:`~dateline.write.atomic.Target`)
        self.folders: dict[str, str] = {}
        #: folders that held nothing when first looked at (see :meth:`__call__`)
        self.empty: set[str] = set()

    def __call__(self, name: str) -> tuple[Path | str, bool]:
        """The file's path, and whether nothing is there yet: one ``lstat`` tells both,
        and spares :func:`~dateline.write.atomic.write_group` a look at a file that is
        not there (a full build's every file).

        In a folder that held nothing when this build first wrote to it (a full build
        into a new output folder), a file is new without a look: only this build puts
        files there, each name once, and a name taken meanwhile all the same (two
        articles with one slug) makes the nameless file's link fail, never replace
        anything; it is then written as an existing file is (see
        :func:`~dateline.write.atomic.write_group`)."""
        folder, _, base = name.rpartition("/")
        if not folder or base in ("", ".", ".."):
            return inside(self.out, name), False
        resolved = self.folders.get(folder)
        if resolved is None:
            where = inside(self.out, folder)
            resolved = self.folders[folder] = os.fspath(where)
            if _holds_nothing(where):
                self.empty.add(folder)
        target = f"{resolved}{os.sep}{base}"
        if folder in self.empty:
            return target, True
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            return target, True
        except OSError:
            return target, False
        return (inside(self.out, name), False) if stat.S_ISLNK(mode) else (target, False)


def _holds_nothing(folder: Path) -> bool:
    """Whether ``folder`` is missing or empty."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _write_own_files(
    made: ArticleOutput,
    entry: CacheEntry,
    targets: _Targets,
    deflate: bool = True,
    body_utf8: bytes | None = None,
    *,
    notices: bool = True,
) -> ArticleOutput:
    """Write an article's files where it was built (all or nothing, see
    :func:`~dateline.write.atomic.write_group`); a failure fails this article only.
    ``body_utf8``: the entry's body in UTF-8, when the caller has it. Without
    ``notices`` its result holds none (see :class:`WriteTo`)."""
    try:
        files: dict[Path | str, bytes] = {}
        new: set[Path | str] = set()
        for name, data in made.files.items():
            path, missing = targets(name)
            files[path] = data
            if missing:
                new.add(path)
        written = write_group(files, new=new)
    except OutputError as exc:
        return ArticleOutput(
            made.task,
            ArticleResult(made.task.path, findings=(*made.result.findings, *exc.findings())),
        )
    # the summary's JSON, made once: held by the build, and part of the cache entry
    summary_json = summary_bytes(entry.summary)
    summary, sizes = held_summary(entry.summary, entry.files, deflate, summary_json)
    kept = WrittenArticle(
        entry.summary.slug,
        summary,
        sizes,
        _owned(entry.files, entry.summary),
        findings_json(entry.findings),
        # the body: the cache keeps it apart too, for the feeds (BuildCache.read_body)
        entry.body.encode("utf-8") if body_utf8 is None else body_utf8,
    )
    result = made.result
    if not notices and result.findings:
        # (not any() of a generator: closed at the first notice, every article's
        # has one, it raised GeneratorExit in it)
        shown = tuple(f for f in result.findings if f.severity != "notice")
        if len(shown) != len(result.findings):
            result = ArticleResult(
                result.path, findings=shown, slug=result.slug, status=result.status
            )
    return ArticleOutput(
        made.task,
        result,
        written=tuple([os.fspath(path) for path in written]),
        stored=entry.to_bytes(summary_json),
        kept=kept,
        feed=made.feed,
    )


@functools.cache
def _process_worker(settings_json: str) -> ArticleWorker:
    """One worker per settings per process: the heavy state is made once per process."""
    return ArticleWorker(Settings.model_validate_json(settings_json))


#: Seconds between a worker's checks that the build that started it is still alive.
ORPHAN_CHECK_SECONDS = 0.5


def _init_worker(parent: int, inherited: tuple[int, ...] = ()) -> None:
    """Set up one worker process: leave when the build does.

    A build killed outright (SIGKILL, OOM killer, a closed terminal) cannot tell
    its pool to stop, and the workers, each holding its own end of the task queue,
    would wait for work forever, ~50-300 MB apiece. So each worker watches its
    parent and exits once it has been re-parented. A forked worker also closes
    ``inherited`` (the build lock's descriptor): the lock is the build's alone,
    and is gone with the build, not with the last of its workers.
    """
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    # What the worker holds once started (every module it imported) lives as long as
    # the worker: the garbage collector need not walk it again at each full
    # collection. Measured: 6-20% of a worker's CPU (2k and 1k article builds).
    gc.freeze()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _run_in_process(
    settings_json: str, task: ArticleTask, write_to: WriteTo | None = None
) -> ArticleOutput:
    return _process_worker(settings_json)(task, write_to=write_to)


def _run_chunk(
    settings_json: str, tasks: Sequence[ArticleTask], write_to: WriteTo | None
) -> list[ArticleOutput]:
    worker = _process_worker(settings_json)
    return [worker(task, write_to=write_to) for task in tasks]


#: Chunks of articles given to a local pool at a time, per process: enough that no
#: worker waits for work while the build takes results in order, few enough that
#: the results waiting to be taken stay small.
POOL_WINDOW_PER_PROCESS = 4


#: With ``jobs=None`` (every core), articles per extra process: below that, starting a
#: process and loading its language model costs more than it saves.
ARTICLES_PER_PROCESS = 32


def auto_jobs(articles: int) -> int:
    """Processes for ``articles`` to build when the user did not say: every core, but
    not more than there is work for."""
    return max(1, min(default_jobs(), articles // ARTICLES_PER_PROCESS))


#: The modules the per-article stage imports on its first article.
_ARTICLE_MODULES = (
    "dateline.budget",
    "dateline.emit.body",
    "dateline.emit.jsonld",
    "dateline.emit.summary",
    "dateline.enrich",
    "dateline.model.assemble",
    "dateline.read.readers",
    "dateline.validate",
)


def fork_workers() -> bool:
    """Whether this process can fork its workers: a platform with ``fork()`` (not
    macOS, whose system libraries may not work in a forked copy; Python spawns there)
    and no other thread running (a forked copy of a process with threads holds
    whatever locks those threads held, forever): a command-line build; a library
    caller with threads of its own gets spawned workers."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def _warm(settings_json: str) -> None:
    """Make a worker's per-article state (imports, the page template, the feed entry
    writer) while the build still plans; enrichment state stays lazy."""
    for module in _ARTICLE_MODULES:  # what process_article and _render import
        importlib.import_module(module)
    worker = _process_worker(settings_json)
    _ = worker.site, worker.pages


class WorkerPool:
    """The local worker processes of one build, made on first use or ahead of it.

    Where it is safe (see :func:`fork_workers`) the workers are forked from the
    build's process once it has imported the per-article stage (:func:`_warm`): they
    start with it in memory, shared, where a spawned worker spends ~0.3 s of CPU
    starting Python and importing dateline again, each (a tenth of a 1,000-article
    build's CPU). Elsewhere they are spawned. :meth:`start` begins that while the
    build still plans (a full build of a large site plans for about as long), so
    the workers are ready when the first articles are; the build closes the pool
    when the per-article stage ends (:meth:`close`, also on any error).
    """

    def __init__(self, settings: Settings, lock: int | None = None) -> None:
        self.settings_json = settings.model_dump_json()
        #: the build lock's descriptor, which a forked worker closes (see _init_worker)
        self.lock = lock
        self._executor: ProcessPoolExecutor | None = None
        self._workers = 0

    def start(self, workers: int) -> None:
        """Start ``workers`` processes now (each warms up: :func:`_warm`)."""
        executor = self.executor(workers)
        for _ in range(workers):  # one task each: a spawning pool starts a process per task
            executor.submit(_warm, self.settings_json)

    def executor(self, workers: int) -> ProcessPoolExecutor:
        """The pool's executor with ``workers`` processes (a started one of another size
        is closed first)."""
        if self._executor is not None and self._workers != workers:
            self.close()
        if self._executor is None:
            # imported here: a build with nothing (or one article) to build runs no pool
            import multiprocessing  # noqa: PLC0415
            from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

            if fork_workers():
                # what every worker needs, imported and made once, here: a forked
                # worker starts with it (pages this process does not write to stay
                # shared, and the tree's memory counts them once)
                _warm(self.settings_json)
                context: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
                inherited = () if self.lock is None else (self.lock,)
            else:
                # spawned: it holds only what it imports, and inherits no descriptor
                context = multiprocessing.get_context("spawn")
                inherited = ()
            self._executor = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(os.getpid(), inherited),
            )
            self._workers = workers
        return self._executor

    def close(self) -> None:
        """End the worker processes (work not started is dropped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


#: A full build starts its workers before it plans when the content folder's top
#: level alone holds this many entries (an estimate made without reading the tree:
#: a small site is built faster than a process starts).
EARLY_POOL_ENTRIES = 4 * ARTICLES_PER_PROCESS


def _early_workers(settings: Settings, jobs: int | None) -> int:
    """Workers to start before planning a full build: 0 when the site looks small."""
    if jobs == 1:
        return 0
    try:
        with os.scandir(settings.content_dir) as listing:
            entries = sum(1 for _ in itertools.islice(listing, EARLY_POOL_ENTRIES))
    except OSError:
        return 0
    if entries < EARLY_POOL_ENTRIES:
        return 0
    return default_jobs() if jobs is None else jobs


def run_articles(
    settings: Settings,
    tasks: Sequence[ArticleTask],
    jobs: int | None = 1,
    enrichers: Sequence[Enricher] | None = None,
    keep_graphs: bool = False,
    scheduler: str | None = None,
    write_to: WriteTo | None = None,
    pool: WorkerPool | None = None,
) -> Generator[ArticleOutput, None, None]:
    """The per-article stage for every task, results in the order of ``tasks``.

    With ``jobs`` > 1 the articles are spread over that many processes (each loads
    its own enrichment state, lazily); the order of results, and so every output,
    is the same as with one. Given ``enrichers`` (a library caller's own) it runs
    in this process. Workers are forked where that is safe, else spawned (see
    :class:`WorkerPool`); neither keeps the build lock. With ``scheduler`` the
    articles go to that Dask cluster instead (:func:`run_on_dask`). With ``write_to``
    local workers write each article's files themselves (a Dask worker does not:
    the output folder is on this machine). ``pool`` is the build's
    :class:`WorkerPool` (maybe started already); it is closed when this ends.
    """
    if scheduler is not None and tasks:
        yield from run_on_dask(settings, tasks, scheduler)
        return
    jobs = auto_jobs(len(tasks)) if jobs is None else min(jobs, len(tasks))
    if jobs <= 1 or enrichers is not None or keep_graphs:
        if pool is not None:
            pool.close()  # started for more work than there is
        worker = ArticleWorker(settings, enrichers)
        for task in tasks:
            yield worker(task, keep_graphs, write_to)
        return
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    pool = pool if pool is not None else WorkerPool(settings)
    try:
        executor = pool.executor(jobs)
        as_json = pool.settings_json
        chunks = (tasks[start:end] for start, end in chunk_bounds(len(tasks), chunk, jobs))
        # a window of chunks, not every task at once (as pool.map would): when this
        # process falls behind, finished articles wait in the workers' queue, not here
        pending = collections.deque(
            executor.submit(_run_chunk, as_json, part, write_to)
            for part in itertools.islice(chunks, jobs * POOL_WINDOW_PER_PROCESS)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(executor.submit(_run_chunk, as_json, following, write_to))
            yield from done
    finally:  # done, or the build stopped early: the rest is not built
        pool.close()


def chunk_bounds(count: int, chunk: int, jobs: int) -> Iterator[tuple[int, int]]:
    """Where each chunk of ``count`` tasks starts and ends: ``chunk`` tasks, smaller
    towards the end (the remaining work shared ``TAIL_SHARES`` ways per process, not
    below :data:`TAIL_CHUNK`), so the processes run out of work together: with
    chunks of one size, one process could still build its last chunk (~0.1 s at 10k)
    with the other's core idle."""
    start = 0
    while start < count:
        left = count - start
        size = max(min(chunk, left // (jobs * TAIL_SHARES)), min(TAIL_CHUNK, chunk), 1)
        yield start, min(count, start + size)
        start += size


#: See :func:`chunk_bounds`.
TAIL_SHARES = 4
TAIL_CHUNK = 8


#: Articles sent to a Dask cluster ahead of the one being collected: enough to keep
#: every worker busy, few enough that results waiting in order stay small.
DASK_WINDOW = 2000
#: Seconds to wait for the scheduler to answer (Dask retries a refused connection).
DASK_CONNECT_SECONDS = 30.0


def run_on_dask(
    settings: Settings, tasks: Sequence[ArticleTask], scheduler: str
) -> Iterator[ArticleOutput]:
    """The per-article stage on a Dask distributed cluster, results in task order.

    Each worker runs the same function as a local worker process (so the output is
    the same, byte for byte), loading its enrichment state once, lazily. Workers
    need dateline installed (the same version) and the content folder readable at
    the same path. A task that fails on the cluster fails its article only.
    """
    try:
        from distributed import Client  # noqa: PLC0415 - optional, heavy: only for --executor dask
    except ImportError as exc:
        raise SettingsError(
            "the Dask executor needs the 'distributed' package",
            code="dask_missing",
            hint="pip install 'dateline[dask]'",
        ) from exc
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_SECONDS, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise SettingsError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}",
            code="scheduler_unreachable",
            hint="start it (dask scheduler) or check --scheduler ADDRESS",
        ) from exc
    as_json = settings.model_dump_json()
    try:
        pending: collections.deque[tuple[ArticleTask, Any]] = collections.deque()
        for task in tasks:
            pending.append((task, client.submit(_run_in_process, as_json, task, pure=False)))
            if len(pending) >= DASK_WINDOW:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _collect(task: ArticleTask, future: Any) -> ArticleOutput:
    try:
        output: ArticleOutput = future.result()
    except Exception as exc:  # a worker lost, a task that could not run: this article only
        return ArticleOutput(
            task, ArticleResult(task.path, findings=(_internal_error(task.path, exc),))
        )
    return output


# --- cross-article checks ---------------------------------------------------------------


def _shown(path: Path) -> str:
    """A path as a person in the working folder would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cross_article_findings(
    summaries: Sequence[ArticleSummary], content_dir: Path, held: AbstractSet[str] = frozenset()
) -> dict[str, list[Finding]]:
    """Findings that fail articles because of another article, by source.

    Two articles with one slug would overwrite each other: both fail, each naming the
    other. One ``@id`` described as two kinds of thing: see
    :func:`dateline.validate.conflicts.id_conflicts` (only editors' clashes fail).
    A held article (``held``: drafts, embargoes) is in no output: it fails for a clash
    with any article, and never fails a published one.
    """
    from dateline.validate.conflicts import id_conflicts  # noqa: PLC0415 - loaded when the site-wide stage runs

    out: dict[str, list[Finding]] = {}
    by_slug: dict[str, list[ArticleSummary]] = {}
    for summary in summaries:
        by_slug.setdefault(summary.slug, []).append(summary)
    for group in by_slug.values():
        if len(group) < 2:
            continue
        for summary in group:
            against = [
                o
                for o in group
                if o is not summary and (summary.source in held or o.source not in held)
            ]
            if not against:
                continue
            others = ", ".join(_shown(content_dir / o.source) for o in against)
            out.setdefault(summary.source, []).append(
                Finding(
                    code="duplicate_slug",
                    message=f"slug {summary.slug!r} is also the slug of {others}",
                    path=content_dir / summary.source,
                    field="slug",
                    hint="give one of them another 'slug' in its front matter or sidecar",
                )
            )
    for source, found in id_conflicts(summaries, lambda s: _shown(content_dir / s), held).items():
        for finding in found:
            out.setdefault(source, []).append(
                dataclasses.replace(finding, path=content_dir / source)
            )
    return out


# --- site-wide outputs ------------------------------------------------------------------


def validate_outputs(settings: Settings, site_files: Mapping[str, bytes | None]) -> list[Finding]:
    """Feed rules on every rendered feed, the site's and each topic's (see
    :mod:`dateline.validate.feeds`); archive pages are made by the same code."""
    findings = []
    for name, data in sorted(site_files.items()):
        if data is not None:
            findings += validate_output(settings, name, data)
    return findings


def validate_output(
    settings: Settings, name: str, data: bytes, before: bytes | None = None
) -> list[Finding]:
    """:func:`validate_outputs` for one file. ``before``: the bytes of the file this
    build replaces, when the same code and settings wrote (and checked) them: a
    sitemap's URLs that were there are not checked again (see
    :func:`check_sitemap_in_parts`)."""
    from dateline.emit.urls import FEED_FILES  # noqa: PLC0415 - not loaded by a no-op build
    from dateline.validate.feeds import check_atom, check_jsonfeed, check_rss  # noqa: PLC0415 - loaded when the site-wide stage runs

    if name.startswith("archive/"):
        return []
    base, out = settings.base_url, settings.output_dir
    folder, _, file = name.rpartition("/")
    home = base + (folder + "/" if folder else "")
    if file == FEED_FILES["rss"]:
        return check_rss(data, out / name, home, base + name)
    if file == FEED_FILES["atom"]:
        return check_atom(data, out / name, home, base + name)
    if file == FEED_FILES["json"]:
        return check_jsonfeed(data, out / name)
    if is_sitemap(name):
        return check_sitemap_in_parts(data, out / name, before=before)
    return []


def is_sitemap(name: str) -> bool:
    """``name`` (relative to the output folder) is one of the sitemaps."""
    from dateline.emit.sitemaps import NEWS_SITEMAP, SITEMAP  # noqa: PLC0415 - loaded when the site-wide stage runs

    return name in (SITEMAP, NEWS_SITEMAP) or re.fullmatch(r"sitemap-\d+\.xml", name) is not None


#: URLs of a sitemap checked against the schema at a time (see check_sitemap_in_parts).
SITEMAP_CHECK_URLS = 2000

_URLSET_HEAD = (
    b"<?xml version='1.0' encoding='UTF-8'?>\n"
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)
_URLSET_TAIL = b"</urlset>\n"
_URL_END = b"  </url>\n"


def check_sitemap_in_parts(
    data: bytes, path: Path, every: int = SITEMAP_CHECK_URLS, before: bytes | None = None
) -> list[Finding]:
    """:func:`~dateline.validate.sitemaps.check_sitemap` on a sitemap as dateline
    writes it, ``every`` URLs at a time, each part wrapped in the sitemap's own
    first and last lines; the findings name lines of the whole file.

    A sitemap part of 50,000 URLs parsed and validated whole took ~70 MB that the
    process kept to its end: the peak of a large site's build. Each ``<url>`` is
    checked on its own by the schema, so the parts say what the whole would (a
    file that is not in this form, or holds more URLs than one sitemap may, is
    checked whole).

    ``before``: the sitemap this one replaces, checked when it was written: a
    ``<url>`` it held, byte for byte, is not checked again (a build where one
    article was added checks a few URLs, not every URL of the site)."""
    from dateline.emit.sitemaps import MAX_SITEMAP_URLS  # noqa: PLC0415 - loaded when the site-wide stage runs
    from dateline.validate.sitemaps import check_sitemap  # noqa: PLC0415 - loaded when the site-wide stage runs

    def in_form(text: bytes) -> bool:
        return (
            text.startswith(_URLSET_HEAD)
            and text.endswith(_URLSET_TAIL)
            and text.count(_URL_END) <= MAX_SITEMAP_URLS
        )

    known = before is not None and in_form(before) and in_form(data)
    if not known and (len(data) < 1 << 20 or not in_form(data)):
        return check_sitemap(data, path)
    checked = set(_url_blocks(before)) if before is not None and known else set()
    found: list[Finding] = []
    # each part: its bytes, and where each of its runs of URLs starts, as
    # (line in the part, line in the whole file)
    part: list[bytes] = []
    lines: list[tuple[int, int]] = []
    count, part_line = 0, _URLSET_HEAD.count(b"\n")
    whole_line = part_line  # lines of the whole file before this URL
    last_end = -1
    for start, end in _url_spans(data):
        block = data[start:end]
        if block not in checked:
            if start != last_end or not lines:
                lines.append((part_line, whole_line))
            part.append(block)
            part_line += block.count(b"\n")
            count += 1
            last_end = end
        whole_line += block.count(b"\n")
        if count == every:
            found += _check_part(check_sitemap, part, lines, path)
            if len(found) >= 10:
                return found[:10]
            part, lines, count, part_line = [], [], 0, _URLSET_HEAD.count(b"\n")
            last_end = -1
    if part:
        found += _check_part(check_sitemap, part, lines, path)
    return found[:10]


def _url_spans(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each ``<url>`` of a sitemap in dateline's form is (start, end)."""
    at, end = len(_URLSET_HEAD), len(data) - len(_URLSET_TAIL)
    while at < end:
        next_end = data.find(_URL_END, at, end)
        cut = end if next_end < 0 else next_end + len(_URL_END)
        yield at, cut
        at = cut


def _url_blocks(data: bytes) -> Iterator[bytes]:
    for start, end in _url_spans(data):
        yield data[start:end]


def _check_part(
    check: Callable[[bytes, Path], list[Finding]],
    part: list[bytes],
    lines: list[tuple[int, int]],
    path: Path,
) -> list[Finding]:
    """``check`` on some URLs of a sitemap, wrapped in its first and last lines; the
    findings name the lines of the whole file (``lines``: see check_sitemap_in_parts)."""
    found = check(_URLSET_HEAD + b"".join(part) + _URLSET_TAIL, path)
    if not found:
        return []
    starts = [at for at, _ in lines]

    def whole(match: re.Match[str]) -> str:
        line = int(match[1])
        run = max(bisect.bisect_right(starts, line - 1) - 1, 0)
        return f"line {line - lines[run][0] + lines[run][1]}"

    return [
        dataclasses.replace(finding, message=re.sub(r"^line (\d+)", whole, finding.message))
        for finding in found
    ]


class _Entries:
    """Cache entries by key: those made in this run in memory (when nothing is written),
    the rest read back from the cache folder."""

    def __init__(self, cache: BuildCache | None, writable: bool = False) -> None:
        self.cache = cache
        self.writable = writable
        self.memory: dict[str, CacheEntry] = {}

    def get(self, key: str) -> CacheEntry | None:
        entry = self.memory.get(key)
        if entry is None and self.cache is not None:
            entry = self.cache.read_entry(key)
        return entry

    def body(self, key: str) -> str | None:
        """The article's body HTML, read alone (not the whole entry) when it is cached."""
        entry = self.memory.get(key)
        if entry is not None:
            return entry.body
        return self.cache.read_body(key) if self.cache is not None else None

    def feeds(self, keys: Sequence[str]) -> dict[str, tuple[str | bytes, bytes | None]]:
        """The bodies of these articles (text, or read from the cache, UTF-8) and the
        feed entries their workers made around them (see :meth:`BuildCache.read_feeds`),
        by key; a key not cached is left out."""
        found: dict[str, tuple[str | bytes, bytes | None]] = {
            k: (e.body, None) for k in keys if (e := self.memory.get(k)) is not None
        }
        rest = [key for key in keys if key not in found]
        if rest and self.cache is not None:
            found.update(self.cache.read_feeds(rest, utf8=True))
        return found


def _graph_of(entry: CacheEntry) -> tuple[ArticleGraph, str]:
    from dateline.model.article import ArticleGraph  # noqa: PLC0415 - not loaded by a no-op build

    nodes = entry.graph
    graph = ArticleGraph.model_validate(
        {
            "@id": entry.summary.graph_url,
            "slug": entry.summary.slug,
            "article": nodes[0],
            "nodes": nodes[1:],
            "timezone": entry.summary.timezone,
            "draft": entry.summary.draft,
        }
    )
    return graph, entry.body


def _site_input(
    settings: Settings,
    entries: _Entries,
    keys: Mapping[str, str],
    listed: Sequence[ArticleSummary],
    **more: Any,
) -> SiteInput:
    """What the site-wide emitters get: the summaries, and each article's body and
    nodes read back from the cache entry of its key when an emitter asks."""
    from dateline.emit.site import SiteInput  # noqa: PLC0415 - loaded when the site-wide stage runs

    def entry_of(summary: ArticleSummary) -> CacheEntry:
        entry = entries.get(keys[summary.source])
        if entry is not None:
            return entry
        # the entry is gone or damaged (never trusted): build the article again
        task = ArticleTask(settings.content_dir / summary.source, summary.source, "")
        made = ArticleWorker(settings)(task)
        if made.entry is None or made.entry.summary != summary:
            raise OutputError(
                "the build cache lost this article and it changed while the build ran",
                path=task.path,
                hint="run the build again",
            )
        entry = dataclasses.replace(made.entry, key=keys[summary.source])
        if entries.cache is not None and entries.writable:
            entries.cache.write_entry(entry)
        return entry

    def node(summary: ArticleSummary, node_id: str) -> dict[str, Any] | None:
        return next((n for n in entry_of(summary).graph if n.get("@id") == node_id), None)

    def body(summary: ArticleSummary) -> str:
        text = entries.body(keys[summary.source])
        return text if text is not None else entry_of(summary).body

    def feed(summaries: Sequence[ArticleSummary]) -> list[tuple[str | bytes, bytes | None]]:
        found = entries.feeds([keys[summary.source] for summary in summaries])
        return [
            found.get(keys[summary.source]) or (entry_of(summary).body, None)
            for summary in summaries
        ]

    return SiteInput(
        listed,
        body,
        node,
        lambda s: keys[s.source],
        feed=feed,
        **more,
    )


def render_site(
    settings: Settings,
    published: list[ArticleResult],
    carried: Sequence[CarriedArticle] = (),
    now: dt.datetime | None = None,
) -> dict[str, bytes]:
    """Every output of a build for articles already processed, by path relative to the
    output folder (a library helper: :func:`build_site` streams instead)."""
    from dateline.emit.site import render_site_files  # noqa: PLC0415 - loaded when the site-wide stage runs
    from dateline.hold import wall_clock  # noqa: PLC0415 - not loaded by a no-op build

    worker = ArticleWorker(settings, enrichers=())
    entries = _Entries(None)
    keys: dict[str, str] = {}
    summaries: list[ArticleSummary] = []
    outputs: dict[str, bytes] = {}
    for index, result in enumerate(published):
        source = _source(result.path, settings.content_dir)
        task = ArticleTask(result.path, source, str(index))
        made = worker._render(task, result, keep=False)
        assert made.entry is not None
        outputs.update(made.files)
        entries.memory[task.key] = made.entry
        keys[source] = task.key
        summaries.append(made.entry.summary)
    for item in carried:
        source = _source(item.source, settings.content_dir)
        entry = _carried_entry(settings, source, item)
        entries.memory[entry.key] = entry
        keys[source] = entry.key
        summaries.append(entry.summary)
    summaries.sort(key=lambda s: s.order)
    site = _site_input(settings, entries, keys, summaries, now=now or wall_clock())
    site = dataclasses.replace(site, key_of=None)  # nothing to keep: render every file
    for name, data in render_site_files(settings, site):
        if data is not None:
            outputs[name] = data.join() if isinstance(data, Chunks) else data
    return outputs


def _carried_entry(settings: Settings, source: str, item: CarriedArticle) -> CacheEntry:
    """A previous version read back from the published files, as a cache entry."""
    from dateline.emit.jsonld import document  # noqa: PLC0415 - not loaded by a no-op build
    from dateline.emit.summary import summarize  # noqa: PLC0415 - not loaded by a no-op build

    files = article_files(item.graph.slug)
    summary = summarize(source, item.graph)
    sizes = {}
    for name in files:
        try:
            sizes[name] = (settings.output_dir / name).stat().st_size
        except OSError:
            sizes[name] = -1
    # keyed by what it holds: the site-wide files showing it change when it does
    digest = hashlib.sha256(json.dumps(summary.to_json(), sort_keys=True).encode()).hexdigest()
    return CacheEntry(
        key=f"carried-{digest}",
        summary=summary,
        body=item.body,
        graph=document(item.graph)["@graph"],
        findings=[],
        files=sizes,
    )


def _source(path: Path, content_dir: Path) -> str:
    try:
        return path.relative_to(content_dir).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(content_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


# --- the build --------------------------------------------------------------------------


class _Tasks(Sequence[ArticleTask]):
    """The articles to build, kept as the texts of their paths, sources and keys (the
    plan holds those anyway): a task is made when the pool takes it, not held for each
    article of a large site's full build (and its path stays text: see ArticleTask)."""

    __slots__ = ("_keys", "_names", "_sources", "site_key")

    def __init__(self, site_key: str | None = None) -> None:
        self._names: list[str] = []
        self._sources: list[str] = []
        #: "" for an article its worker keys (with ``site_key``: see ArticleTask)
        self._keys: list[str] = []
        self.site_key = site_key

    def _task(self, name: str, source: str, key: str) -> ArticleTask:
        if key:
            return ArticleTask(name, source, key)
        return ArticleTask(name, source, f"unread-{source}", self.site_key)

    def add(self, name: str, source: str, key: str) -> None:
        self._names.append(name)
        self._sources.append(source)
        self._keys.append(key)

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> ArticleTask: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleTask]: ...
    def __getitem__(self, index: int | slice) -> ArticleTask | list[ArticleTask]:
        if isinstance(index, slice):
            return [
                self._task(n, s, k)
                for n, s, k in zip(
                    self._names[index], self._sources[index], self._keys[index], strict=True
                )
            ]
        return self._task(self._names[index], self._sources[index], self._keys[index])


@dataclass(frozen=True)
class _Plan:
    """The articles of a build: which are reused from the cache, which to build."""

    #: every article's file, as text (see :class:`ArticleResult`)
    names: list[str]
    sources: list[str]
    tasks: _Tasks
    reuse: dict[str, StateEntry]
    site_key: str
    #: source → (stamp, key) of every article whose stamp can be trusted next time
    stamps: dict[str, tuple[str, str]]
    #: source → stamp of each article its worker keys: its key joins ``stamps`` when
    #: the worker tells it (see :meth:`keyed`)
    unkeyed: dict[str, str] = field(default_factory=dict)
    #: the indexes (in ``names``) of the articles whose stamps were too new to trust
    #: (see :func:`_settled`)
    racy: list[int] = field(default_factory=list)

    def keyed(self, task: ArticleTask) -> None:
        """Record the key a worker made for ``task`` (the stamp was taken before it
        read the file: a change in between shows as another stamp next time)."""
        stamp = self.unkeyed.pop(task.source, None)
        if stamp is not None and not task.key.startswith("unread-"):
            self.stamps[task.source] = (stamp, task.key)


def _plan(
    settings: Settings, cache: BuildCache, state: CacheState, force: bool, now: float
) -> _Plan:
    """Which articles to build and which to reuse.

    An article is reused when its key (a hash of its bytes, its sidecar's and the
    site's) is the one its files were built from and those files are intact. A file
    whose ``stat`` stamp is the one recorded with its key is not read again to
    compute it (see :func:`~dateline.write.cache.file_stamp`). When nothing can be
    reused (``force``, another site key, no cache) no file is read here: each
    article's worker keys it (see :class:`ArticleTask`).
    """

    content = settings.content_dir
    found = discover_names(content)
    registry = None
    if settings.enrich:
        try:
            registry = (content / REGISTRY_FILE).read_bytes()
        except OSError:
            registry = None
    key_of_site = site_key(settings, registry)
    usable = not force and state.site_key == key_of_site
    prefix = os.fspath(content) + os.sep
    sidecars = _Sidecars()
    now_ns = time.time_ns()
    names: list[str] = []
    sources, tasks, reuse, stamps = [], _Tasks(key_of_site), {}, {}
    unkeyed: dict[str, str] = {}
    racy: list[int] = []
    # only a build that may have a second process settles them (see _render_site)
    settles = len(found) <= SECOND_PROCESS_MAX
    for name in found:
        names.append(name)
        source = name[len(prefix) :] if name.startswith(prefix) else _source(Path(name), content)
        if os.sep != "/":  # pragma: no cover - sources are POSIX paths
            source = source.replace(os.sep, "/")
        sidecar = sidecars.of(name)
        stamp = file_stamp(name, now_ns)
        side_stamp = file_stamp(os.fspath(sidecar), now_ns) if sidecar is not None else "-"
        stamp = f"{stamp}|{side_stamp}" if stamp and side_stamp else ""
        known = state.stamps.get(source) if usable and stamp else None
        if known is not None and known[0] == stamp:
            key = known[1]
        elif not usable:  # built whatever its key: its worker keys it
            sources.append(source)
            tasks.add(name, source, "")
            if stamp:
                unkeyed[source] = stamp
            elif settles:
                racy.append(len(names) - 1)
            continue
        else:
            cap = settings.max_file_bytes
            try:  # with the reader's checks: no link out of content/, nothing over the cap
                data = read_capped(Path(name), root=content, max_bytes=cap)
                side = (
                    read_capped(sidecar, root=content, max_bytes=cap)
                    if sidecar is not None
                    else None
                )
            except (OSError, ArticleError):
                data, side = b"", None  # the reader reports it; never reuse on a read error
                key = ""
            else:
                key = article_key(key_of_site, source, data, side)
        if stamp and key:
            stamps[source] = (stamp, key)
        elif key and settles:
            racy.append(len(names) - 1)
        sources.append(source)
        before = state.articles.get(source)
        if (
            usable
            and key
            and before is not None
            and (before.key == key or _still_held(before.key, key, now))
            and not before.carried
            and cache.intact(before.files)
        ):
            reuse[source] = before
        else:
            tasks.add(name, source, key or f"unread-{source}")
    return _Plan(names, sources, tasks, reuse, key_of_site, stamps, unkeyed, racy)


def _settled(
    settings: Settings, plan: _Plan, keys: Mapping[str, str], indexes: Iterable[int]
) -> dict[str, tuple[str, str]]:
    """The stamps of the articles at ``indexes`` of the plan, too new to be trusted by
    their stamps when the build planned (see :data:`~dateline.write.cache.RACY_SECONDS`),
    taken now that they are not, when each file still holds what the build read.

    A site written just before its first build (an import, a checkout, a generated
    benchmark corpus) would otherwise have each of those files read and hashed again
    by the next build (~30 us each). Here each is stamped first and read after: a
    change after the stamp shows as another stamp next time, a change before it as
    another key (the file is then left for the next build to read)."""
    content, cap = settings.content_dir, settings.max_file_bytes
    sidecars = _Sidecars()
    now_ns = time.time_ns()
    settled: dict[str, tuple[str, str]] = {}
    for index in indexes:
        name, source = plan.names[index], plan.sources[index]
        key = keys.get(source)
        if not key:  # not built (a failure, a draft): nothing to trust
            continue
        sidecar = sidecars.of(name)
        stamp = file_stamp(name, now_ns)
        side_stamp = file_stamp(os.fspath(sidecar), now_ns) if sidecar is not None else "-"
        if not stamp or not side_stamp:  # still too new
            continue
        try:
            data = read_capped(Path(name), root=content, max_bytes=cap)
            side = (
                read_capped(sidecar, root=content, max_bytes=cap) if sidecar is not None else None
            )
        except (OSError, ArticleError):
            continue
        if article_key(plan.site_key, source, data, side) == key:
            settled[source] = (f"{stamp}|{side_stamp}", key)
    return settled


class _Sidecars:
    """Finds articles' sidecars with one listing per folder, not a ``stat`` per
    article and suffix (the rule stays :func:`~dateline.read.sidecar.sidecar_path`'s)."""

    def __init__(self) -> None:
        self._names: dict[str, frozenset[str] | None] = {}

    def of(self, article: Path | str) -> Path | None:
        """The sidecar of ``article``, given as its path's text where the caller has
        that (several times cheaper to take apart; this runs for every article)."""
        folder, base = os.path.split(article)
        if folder not in self._names:
            try:
                self._names[folder] = frozenset(os.listdir(folder or "."))
            except OSError:
                self._names[folder] = None
        names = self._names[folder]
        stem = base.rsplit(".", 1)[0] if "." in base else base
        if names is not None and not any(stem + s in names for s in SIDECAR_SUFFIXES):
            return None
        return sidecar_path(Path(article))


def check_site(
    settings: Settings,
    enrichers: Sequence[Enricher] | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    now: dt.datetime | None = None,
    jobs: int | None = 1,
) -> BuildReport:
    """Process every article and report; write nothing.

    ``now`` (default: the wall clock) decides which articles are still embargoed.

    Raises :class:`~dateline.errors.SettingsError` when the entity registry is invalid:
    it concerns every article, so no article is processed.
    """
    return _build(settings, enrichers, progress, now, jobs=jobs, force=True, mode="check")


def build_site(
    settings: Settings,
    enrichers: Sequence[Enricher] | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    now: dt.datetime | None = None,
    *,
    jobs: int | None = 1,
    force: bool = False,
    dry_run: bool = False,
    wait: float = 0.0,
    scheduler: str | None = None,
    notices: bool = True,
) -> BuildReport:
    """Build every output from ``settings.content_dir`` into ``settings.output_dir``.

    Unchanged articles are reused from the build cache unless ``force``; ``jobs``
    processes build the others (``None``: as many as there are cores and work
    for; where they are spawned, as on macOS or in a process running threads, a
    script calling this with ``jobs`` > 1 needs the ``if __name__ == "__main__":``
    guard). ``now`` (default: the wall clock) decides
    which articles are still embargoed. ``scheduler`` (a Dask scheduler's address)
    builds the articles on that cluster instead of local processes. With ``dry_run``
    nothing is written: the report lists what would be written and removed. Raises
    :class:`~dateline.write.lock.BuildLocked` when another build holds the folder
    for longer than ``wait`` seconds. Without ``notices`` the report leaves out
    notices (a caller that will not show them saves reading them back from the cache
    and holding them: two per article on a typical site).
    """
    if dry_run:
        return _build(
            settings,
            enrichers,
            progress,
            now,
            jobs=jobs,
            force=force,
            mode="dry-run",
            scheduler=scheduler,
            notices=notices,
        )
    with build_lock(BuildCache(settings.output_dir).lock_file, wait) as lock:
        return _build(
            settings,
            enrichers,
            progress,
            now,
            jobs=jobs,
            force=force,
            mode="build",
            lock=lock,
            scheduler=scheduler,
            notices=notices,
        )


Mode = Literal["build", "dry-run", "check"]


def _build(
    settings: Settings,
    enrichers: Sequence[Enricher] | None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None,
    now: dt.datetime | None,
    *,
    jobs: int | None,
    force: bool,
    mode: Mode,
    lock: int | None = None,
    scheduler: str | None = None,
    notices: bool = True,
) -> BuildReport:
    from dateline.hold import wall_clock  # noqa: PLC0415 - not loaded by a no-op build

    cache = BuildCache(settings.output_dir, writable=mode == "build")
    pool = WorkerPool(settings, lock)
    try:
        with _fewer_collections():
            return _build_with(
                cache,
                settings,
                enrichers,
                progress,
                now or wall_clock(),
                jobs=jobs,
                force=force,
                mode=mode,
                lock=lock,
                scheduler=scheduler,
                notices=notices,
                pool=pool,
            )
    finally:
        pool.close()
        cache.close()


#: Allocations between two young-generation collections during a build (CPython's
#: default is 700).
_YOUNG_COLLECTION_EVERY = 50_000


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while a build runs.

    A build loads tens of thousands of long-lived, acyclic objects (each article's
    summary and state) and the collector, run every 700 allocations, scans them
    again and again: on a no-op or one-article rebuild of 10,000 articles that was
    a quarter of the time. The build makes few reference cycles, so collecting
    less often costs little memory. The thresholds are put back afterwards.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], _YOUNG_COLLECTION_EVERY), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build_with(
    cache: BuildCache,
    settings: Settings,
    enrichers: Sequence[Enricher] | None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None,
    now: dt.datetime,
    *,
    jobs: int | None,
    force: bool,
    mode: Mode,
    lock: int | None,
    scheduler: str | None = None,
    notices: bool = True,
    pool: WorkerPool | None = None,
) -> BuildReport:
    started = time.perf_counter()
    out = settings.output_dir
    writing = mode == "build"
    # the summaries only when something changed (read below)
    state = cache.load_state(summaries=False) if mode != "check" else CacheState()
    if enrichers is None and settings.enrich and mode == "check":
        from dateline.enrich import default_enrichers  # noqa: PLC0415 - not for a no-op build

        enrichers = default_enrichers(settings)  # a bad registry stops the check up front
    if (
        pool is not None
        and writing
        and scheduler is None
        and enrichers is None
        and (force or not state.articles)
    ):
        # a full build: every article will be built, so the workers can start now
        workers = _early_workers(settings, jobs)
        if workers > 1:
            pool.start(workers)
    plan = _plan(settings, cache, state, force or mode == "check", now.timestamp())
    # summaries read back on arrival (see _Staging) are sent as text, not deflated
    write_to = (
        WriteTo(
            out, now.timestamp(), deflate=len(plan.sources) > SECOND_PROCESS_MAX, notices=notices
        )
        if writing and scheduler is None
        else None
    )
    aside = (
        _build_aside(settings, plan.tasks, write_to)
        if write_to is not None and enrichers is None and _few_aside(plan, jobs)
        else None
    )
    try:
        old_manifest = Manifest.read(out) if mode != "check" else Manifest()
        if aside is not None:  # (a build with nothing to do never reads them: below)
            cache.read_summaries(state)
    except BaseException:
        if aside is not None:  # (no copy is left behind)
            aside.result()
        raise
    report = BuildReport()

    if (
        writing
        and not plan.tasks
        and set(plan.sources) == set(state.articles) == set(old_manifest.sources)
        and cache.intact(state.site_files)
        and all(set(old_manifest.files[s]) == set(e.files) for s, e in plan.reuse.items())
        # what depends on "now" (the news sitemap) is still what it was
        and state.now <= now.timestamp() < state.valid_until
    ):
        # nothing changed since the last complete build: nothing to do, nothing loaded
        if writing:
            cache.save_stamps(plan.stamps, state)
        report.results = [
            _reused(s, e, old_manifest.sources[s], path, settings, _lazy(None, out, e.key), notices)
            for s, path in zip(plan.sources, plan.names, strict=True)
            if (e := plan.reuse[s]) is not None
        ]
        report.seconds = time.perf_counter() - started
        return report

    if aside is None:
        cache.read_summaries(state)
    if enrichers is None and settings.enrich and plan.tasks and aside is None:
        from dateline.enrich import default_enrichers  # noqa: PLC0415 - not for a no-op build

        # the registry concerns every article: an invalid one stops the build up front
        default_enrichers(settings)
    if writing and aside is None:  # (before the copy was made, if one was)
        remove_leftovers(out)
        remove_leftovers(out / "articles")
    early_imports = jobs != 1 and len(plan.tasks) >= EARLY_POOL_ENTRIES and aside is None
    built_aside = None
    if aside is not None:
        try:
            # while the copy builds them: what this process needs next
            for unchanged in plan.reuse.values():
                _ = unchanged.summary
        finally:  # (waited for whatever happens here: no copy is left behind)
            built_aside = aside.result()  # None: the copy failed; they are built here
    entries = _Entries(cache if mode != "check" else None, writable=writing)
    outputs = (
        _each(built_aside)
        if built_aside is not None
        else run_articles(
            settings, plan.tasks, jobs, enrichers, scheduler=scheduler, write_to=write_to, pool=pool
        )
    )
    shown = iter(progress(PathList(plan.names)) if progress is not None else plan.names)
    results: dict[str, ArticleResult] = {}
    # summaries, or (built now) the state entry holding one as text until the loop ends
    seen: dict[str, ArticleSummary | StateEntry] = {}
    shared = SharedParts()
    new_state = CacheState(site_key=plan.site_key, stamps=plan.stamps)
    # source → the key of its entry: read from the new state, not a dict of its own
    keys = _KeysOf(new_state.articles)
    # the files a written article owns when they are not its summary's (see _owned):
    # rare, so not a dict of every source
    extra_files: dict[str, tuple[str, ...]] = {}
    claimed: dict[str, str] = {}  # slug → source, in this build
    # built articles whose state rows are not written yet (see _Staging)
    staging = _Staging(
        cache if writing else None,
        parse=len(plan.sources) <= SECOND_PROCESS_MAX,
        commit=jobs != 1,
        total=len(plan.tasks),
        stamps=(plan.stamps, state.stamps),
    )

    for name, source in zip(plan.names, plan.sources, strict=True):
        next(shown, None)
        reused = plan.reuse.get(source)
        if reused is not None:
            summary = reused.summary  # read back once here (every unchanged article)
            if _held(summary, now):  # still held, or --now went back in time
                again = _reused(source, reused, summary.slug, name, settings, _unloaded, notices)
                results[source] = _hold(report, Path(name), summary, again.findings)
                seen[source] = summary
                if not reused.files:  # held when built: its entry stays (see _held_key)
                    new_state.articles[source] = reused
                continue
            results[source] = _reused(
                source,
                reused,
                summary.slug,
                name,
                settings,
                _lazy(entries, out, reused.key),
                notices,
            )
            seen[source] = summary
            new_state.articles[source] = reused
            if (owned := reused.owned_files()) is not None:
                extra_files[source] = owned
            claimed.setdefault(summary.slug, source)
            continue
        made = next(outputs)
        assert made.task.source == source
        if early_imports:
            _import_site_stage()
            early_imports = False
        plan.keyed(made.task)
        # built and written by its worker (which held back nothing it wrote), or built
        entry, kept = made.entry, made.kept
        if kept is not None:
            slug, built_key = kept.slug, made.task.key
        elif entry is not None:
            slug, built_key = entry.summary.slug, entry.key
            if _held(entry.summary, now):
                # a draft or an embargo: checked, never written; its state entry, with
                # no files, lets the next build skip it while it is held (see _held_key)
                results[source] = _hold(report, Path(name), entry.summary, made.result.findings)
                seen[source] = entry.summary
                if writing:
                    new_state.articles[source] = StateEntry(
                        _held_key(built_key, entry.summary), entry.summary, entry.findings, {}
                    )
                continue
        else:
            results[source] = made.result
            continue
        if claimed.setdefault(slug, source) != source:
            # another article already wrote this slug in this build: do not overwrite it
            results[source] = made.result
            seen[source] = (
                entry.summary
                if entry is not None
                else StateEntry(built_key, kept.summary, [], kept.files, shared=shared)  # type: ignore[union-attr]
            )
            if made.written is not None:  # its worker did: the first one's files go back
                _write_again(settings, claimed[slug], keys.get(claimed[slug], ""), out)
            continue
        try:
            if kept is not None and made.stored is not None:
                cache.write_stored(built_key, made.stored, kept.body_utf8, made.feed)
                report.written.extend(made.written or ())
            elif entry is None:
                raise AssertionError("an article built without its cache entry")
            elif made.stored is not None and made.written is not None:
                cache.write_entry(entry, made.stored, made.feed)
                report.written.extend(made.written)
            elif writing:
                # the entry first: files without their entry would be built again anyway
                cache.write_entry(entry, feed=made.feed)
                written = write_group({inside(out, n): d for n, d in made.files.items()})
                report.written.extend(written)
            else:
                entries.memory[entry.key] = entry
            if mode == "dry-run":
                report.would_write.extend(n for n, d in made.files.items() if not _same(out / n, d))
        except OutputError as exc:
            results[source] = ArticleResult(name, findings=(*made.result.findings, *exc.findings()))
            continue
        findings = made.result.findings
        if not notices:
            findings = tuple(f for f in findings if f.severity != "notice")
        # the worker's path (parsed once, on arrival), which its findings name already
        path = made.task.path if findings else name
        if isinstance(path, Path):
            findings = _on_path(findings, path, made.task.path)
        # the plan's copy of the key (its stamp holds one): not a second for each article
        stamped = plan.stamps.get(source)
        key = stamped[1] if stamped is not None and stamped[1] == built_key else built_key
        results[source] = ArticleResult(
            path,
            findings=findings,
            slug=slug,
            status="built",
            load=_lazy(entries, out, key),
        )
        # the summary as its saved text until the site-wide stage: a third of the memory
        # of the object, for each article of a full build, while the workers still run
        if kept is not None:
            if kept.owned is not None:
                extra_files[source] = kept.owned
            held = StateEntry(key, kept.summary, kept.findings, kept.files, shared=shared)
        else:
            assert entry is not None
            if (owned := _owned(entry.files, entry.summary)) is not None:
                extra_files[source] = owned
            held = StateEntry.holding_text(key, entry.summary, entry.findings, entry.files, shared)
        seen[source] = new_state.articles[source] = held
        staging.add(source, slug, held)

    for _ in shown:  # let a progress bar finish
        pass
    outputs.close()  # the worker processes end here, before the site-wide stage
    staging.flush()
    summaries = {s: v.summary if isinstance(v, StateEntry) else v for s, v in seen.items()}
    del seen, claimed
    for source, summary in summaries.items():
        result = results[source]
        if result.slug == summary.slug:  # one copy of the slug, the summary's
            result.slug = summary.slug

    # cross-article checks, over every article (reused ones too)
    clashes = cross_article_findings(
        list(summaries.values()),
        settings.content_dir,
        {s for s in summaries if results[s].status == "held"},
    )
    # written (built now) or kept (unchanged), then failed by a cross-article check
    failed_late: dict[str, Status | None] = {}
    for source, found in clashes.items():
        before = results[source]
        if not any(f.severity == "error" for f in found):  # warnings: it still publishes
            before.findings = (*before.findings, *found)
            continue
        if before.status in ("built", "unchanged"):
            failed_late[source] = before.status
        results[source] = ArticleResult(before._path, findings=(*before.findings, *found))
        if (dropped := new_state.articles.pop(source, None)) is not None and dropped.staged:
            cache.unstage(source)
    report.results = [results[s] for s in plan.sources]

    # failing articles published before keep their last good version
    published = [s for s in plan.sources if results[s].ok and results[s].status != "held"]
    taken = {summaries[s].slug for s in published}
    carried = _carry(settings, report, state, old_manifest, entries, taken, mode)
    for source, (summary, kept_entry) in carried.items():
        entries.memory.setdefault(kept_entry.key, kept_entry)
        new_state.articles[source] = StateEntry(
            kept_entry.key, summary, [], kept_entry.files, carried=True
        )
    report.carried = [summary for summary, _ in carried.values()]
    # files written in this build by articles a cross-article check failed afterwards
    # (their worker could not know): the version the site still shows for that slug
    # goes back on disk, or, when none does, the files go
    late = [s for s in plan.sources if failed_late.get(s) == "built"] if failed_late else []
    if writing and late:
        shown_by = {summary.slug: entry for summary, entry in carried.values()}
        for source in late:
            del failed_late[source]  # its files are undone: it owns none
            files = extra_files.pop(source, None) or summaries[source].files
            _undo_late(settings, files, shown_by.get(summaries[source].slug))

    listed = sorted([*(summaries[s] for s in published), *report.carried], key=lambda s: s.order)
    previous = {n: m for n, m in state.site_marks.items() if cache.intact(_sizes(state, n))}
    site = _site_input(
        settings, entries, keys, listed, previous=previous, now=now, site_key=plan.site_key
    )
    # each site file is validated and written as soon as it is made (one in memory at a
    # time); a file that fails its checks is not written, and the one there stays
    site_files: dict[str, int] = {}  # written or kept → size
    broken: set[str] = set()
    split = (
        writing
        and jobs != 1
        and len(plan.tasks) >= SECOND_PROCESS_ARTICLES
        and len(listed) <= SECOND_PROCESS_MAX
    )
    for done in _render_site(settings, site, cache, entries, keys, state, plan, writing, split):
        report.outputs[done.name] = done.size
        report.site_findings.extend(done.findings)
        if done.listed is None:
            broken.add(done.name)
            continue
        site_files[done.name] = done.listed
        if done.changed:
            if writing:
                report.written.append(out / done.name)
            else:
                report.would_write.append(done.name)
    report.site_findings.extend(_kept_finding(settings, s) for s in report.carried)
    new_state.site_marks = site.marks
    new_state.valid_until = _valid_until(listed, now)
    # what only the site-wide files needed goes before the manifest is made: the
    # memory it frees is what the manifest's tables of every source take
    del site, listed, clashes

    # the manifest: every source still here keeps the files it owned if it failed now
    manifest_sources = {s: summaries[s].slug for s in published}
    manifest_sources.update({s: summary.slug for s, (summary, _) in carried.items()})
    # a listed source owns its slug's two files unless it says otherwise (see OwnedFiles)
    owned_files = {s: f for s in published if (f := extra_files.get(s)) is not None}
    owned_files.update({s: tuple(entry.files) for s, (_, entry) in carried.items()})

    def here(source: str) -> bool:
        """Still in the content folder, and not held (a draft, an embargo: in no
        output, its old page goes). Asked of the old manifest's sources, not made
        into a set of every source."""
        result = results.get(source)
        return result is not None and result.status != "held"

    unlisted = tuple(
        _folder_prefix(_source(r.path, settings.content_dir))
        for r in report.failed
        if r.path.is_dir()
    )
    for source, files in old_manifest.files.items():
        # a source still here (or in a folder that cannot be listed now) keeps its files
        if (
            source not in manifest_sources
            and source not in owned_files
            and (here(source) or source.startswith(unlisted))
        ):
            owned_files[source] = files
    for source in failed_late:
        if source not in manifest_sources and source not in owned_files:
            # written or kept, then failed a cross check: its files stay
            owned_files[source] = extra_files.get(source) or summaries[source].files
    kept_site = [n for n in old_manifest.site if n in broken]
    zones = {s: z for s in published if (z := summaries[s].timezone) is not None}
    zones.update({s: z for s, (summary, _) in carried.items() if (z := summary.timezone)})
    manifest = Manifest.of(manifest_sources, owned_files, [*site_files, *kept_site], zones)
    stale = old_manifest.stale(manifest)

    if not writing:
        if not same_chunks(out / MANIFEST, Chunks(manifest.pieces))[0]:
            report.would_write.append(MANIFEST)
        report.would_remove = [n for n in stale if (out / n).exists()]
        report.seconds = time.perf_counter() - started
        return report

    for name in stale:
        target = inside(out, name)
        if target.is_file():
            target.unlink()
            report.removed.append(target)
    # the same sources, files and zones: the manifest there is already right
    same = manifest == old_manifest and old_manifest.whole
    # written piece by piece: a large site's manifest is tens of megabytes
    if not same and write_chunks(out / MANIFEST, Chunks(manifest.pieces))[0]:
        report.written.append(out / MANIFEST)
    new_state.site_files = site_files
    new_state.now = now.timestamp()
    try:
        cache.save_state(new_state, state)
    except OutputError as exc:
        # the site is complete; without the state the next build only does more work
        report.site_findings.append(
            Finding(
                code="cache_not_saved",
                message=f"the build cache could not be saved ({exc.message}); the next "
                "build will build every article again",
                path=cache.state_file,
                severity="warning",
            )
        )
        report.seconds = time.perf_counter() - started
        return report
    report.seconds = time.perf_counter() - started
    return report


#: Articles built in one build from which its site-wide stage runs in two processes
#: (see :func:`_render_site`): below that the feeds' archives and the home pages are
#: mostly kept, and copying the process costs more than it saves.
SECOND_PROCESS_ARTICLES = 1000
#: Files whose stamps are settled at a time while the second process works (see
#: :func:`_settled`): ~2 ms of work between two looks at whether it is done.
SETTLE_BATCH = 64
#: Articles listed above which it does not: a forked copy of the build shares its
#: memory only until it touches it (reference counts), and the summaries of a very
#: large site would be copied in good part.
SECOND_PROCESS_MAX = 20_000


#: Built articles whose state rows are written to the cache at a time (see _Staging).
STAGE_BATCH = 256
#: Batches of :data:`STAGE_BATCH` between two commits of the cache while a build's
#: workers run (see _Staging).
COMMIT_BATCHES = 4


class _Staging:
    """The state rows of the articles a build built, written to the cache in batches
    as they arrive (:meth:`~dateline.write.cache.BuildCache.stage`), while the
    workers still run: after the last article, saving the state of a 10,000-article
    build was ~0.15 s of one core of two with the other idle.

    With ``parse``, each summary is also parsed once its row is written (a few
    microseconds, on arrival, instead of one after another when the site-wide stage
    begins); a very large site keeps them as text until then (a third of the memory).
    A batch the cache refuses stays unstaged: :meth:`~dateline.write.cache.BuildCache.save_state`
    writes those rows itself (and meets the same error, reported there).

    With ``commit``, what the build wrote to the cache so far (entries, staged rows;
    never the state) is committed every :data:`COMMIT_BATCHES` batches: the
    entries of a 10,000-article build are ~170 MB, and a first commit after the
    last article (before the site-wide stage's second process can read them) waited
    ~0.1 s for the disk with both cores idle; committed while the workers run, the
    disk takes them a few megabytes at a time, and the build process waits while
    they compute. The last :data:`COMMIT_BATCHES` batches of the ``total`` articles
    to build are committed one by one: what is left to commit when the workers are
    done is one batch at most (it was up to four, ~0.05-0.1 s of waiting for the
    disk with both cores idle).

    With ``stamps`` (the build's, which its loop fills as the articles are keyed, and
    the last build's), each batch's stamps that changed are written with it (see
    :meth:`~dateline.write.cache.BuildCache.stage`): 10,000 of them took ~0.02 s after
    the site-wide stage, with the other core idle.
    """

    def __init__(
        self,
        cache: BuildCache | None,
        parse: bool,
        commit: bool = False,
        total: int = 0,
        stamps: tuple[Mapping[str, tuple[str, str]], Mapping[str, tuple[str, str]]] | None = None,
    ) -> None:
        self._cache = cache
        self._parse = parse
        self._commit = commit
        #: the build's stamps and the last build's: each batch's new stamps are staged
        #: with it (see BuildCache.stage), not written after the last article
        self._stamps = stamps
        self._flushed = 0
        #: articles still to come (at most: some may fail, or be held back)
        self._left = total
        self._batch: list[tuple[str, str, StateEntry]] = []

    def add(self, source: str, slug: str, entry: StateEntry) -> None:
        self._batch.append((source, slug, entry))
        self._left -= 1
        if len(self._batch) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if self._cache is not None and self._batch:
            fresh = None
            if self._stamps is not None:
                now, before = self._stamps
                fresh = {
                    source: stamp
                    for source, _, _ in self._batch
                    if (stamp := now.get(source)) is not None and before.get(source) != stamp
                }
            with contextlib.suppress(OutputError):
                self._cache.stage(self._batch, self._parse, fresh)
                self._flushed += 1
                if self._commit and (
                    self._flushed % COMMIT_BATCHES == 0 or self._left < COMMIT_BATCHES * STAGE_BATCH
                ):
                    self._cache.commit()
        if self._parse:
            for _, _, entry in self._batch:
                _ = entry.summary  # parsed now (if staging did not), its text let go
        self._batch.clear()


#: Modules only the site-wide stage uses, each imported on its first use (some by
#: another module, lazily): a build with workers imports them while they run.
_SITE_STAGE_MODULES = (
    "dateline.emit.site",
    "dateline.validate.conflicts",
    "dateline.validate.feeds",
    "dateline.validate.sitemaps",
    "dateline.write.forked",
    "feedgen.feed",
    "icalendar",
    "jsonschema",
)


#: What every site-wide stage imports (the rest of :data:`_SITE_STAGE_MODULES` only
#: when a file that needs it is made again).
_SITE_STAGE_CORE = ("dateline.emit.site", "dateline.validate.conflicts")


#: Fewest unchanged articles whose summaries a build reads back while a forked copy
#: of it builds the few changed ones (see :func:`_build_aside`).
ASIDE_REUSED = SECOND_PROCESS_ARTICLES


def _few_aside(plan: _Plan, jobs: int | None) -> bool:
    """Whether this build's few articles are built by a forked copy of this process
    (:func:`_build_aside`): some to build, too few for the worker pool, the user did
    not ask for one process (``jobs=1``), and many unchanged ones to read back."""
    tasks = len(plan.tasks)
    if not tasks or jobs == 1 or len(plan.reuse) < ASIDE_REUSED:
        return False
    if default_jobs() < 2 or not fork_workers():  # one core, or no safe fork here
        return False
    return (auto_jobs(tasks) if jobs is None else min(jobs, tasks)) <= 1


def _build_aside(
    settings: Settings, tasks: Sequence[ArticleTask], write_to: WriteTo
) -> Forked[list[ArticleOutput]] | None:
    """Build ``tasks`` (and write their files) in a forked copy of this process, made
    as soon as the build has planned, while this one reads back the manifest and
    the summaries of the unchanged articles: where one article of 10,000 changed,
    the copy spends ~0.1 s importing the per-article stage and building it, and
    this process longer on its own part, which neither needs the other's. None when
    this process cannot be copied safely (see
    :func:`~dateline.write.forked.fork_call`).

    Before the copy is made: the entity registry is checked (an invalid one stops
    the build before anything is written), a killed build's temp files are removed
    (never the copy's), and what every site-wide stage runs is imported (most of it
    the articles need too: imported once, not in both processes)."""
    from dateline.write.forked import fork_call  # noqa: PLC0415 - incremental builds only

    if settings.enrich:
        from dateline.enrich import default_enrichers  # noqa: PLC0415 - not for a no-op build

        default_enrichers(settings)
    remove_leftovers(write_to.output_dir)
    remove_leftovers(write_to.output_dir / "articles")
    for module in _SITE_STAGE_CORE:
        importlib.import_module(module)
    worker = ArticleWorker(settings)
    return fork_call(lambda: [worker(task, write_to=write_to) for task in tasks])


def _each(outputs: list[ArticleOutput]) -> Generator[ArticleOutput, None, None]:
    """``outputs`` one by one, as :func:`run_articles` yields them."""
    yield from outputs


def _import_site_stage() -> None:
    """Import what the site-wide stage needs, in a build with workers, on its first
    result: ~0.3 s of one core that it spent after the last article (with the
    other idle), and that its second process (:func:`_render_site`) spent again."""
    for module in _SITE_STAGE_MODULES:
        importlib.import_module(module)


@dataclass(frozen=True)
class _SiteFile:
    """What the site-wide stage did with one file (in this process or the second)."""

    name: str
    #: its size as made (None: the file there was right, and kept)
    size: int | None
    #: its size as the state lists it (None: it failed its checks, nothing was written)
    listed: int | None
    findings: list[Finding]
    #: written (a build), or would be (a dry run)
    changed: bool


def _render_site(
    settings: Settings,
    site: SiteInput,
    cache: BuildCache,
    entries: _Entries,
    keys: Mapping[str, str],
    state: CacheState,
    plan: _Plan,
    writing: bool,
    split: bool,
) -> list[_SiteFile]:
    """Every site-wide file, made, checked and written (or compared, in a dry run), in
    the order of :data:`~dateline.emit.site.SITE_EMITTERS`.

    With ``split``, the emitters of :data:`~dateline.emit.site.ELSEWHERE` (the site
    graph, the home pages, sitemaps, calendar, the newest of the feeds' archive
    pages) run in a forked copy of this process while this one renders the rest of
    the feeds (:data:`~dateline.emit.site.SPLIT_EMITTERS`: the same files in the same
    order): after a full build's per-article stage this is the part that ran on one
    core of two. The copy reads the build cache through a
    connection of its own, so the entries written so far are committed first (the
    state, which makes them part of a build, still waits for the end). The files
    are the same bytes either way; what each process did is put back in order. This
    process, if it is done first, settles the stamps of files too new to trust when
    the build planned while it waits (:func:`_settled`: ``keys`` are the built
    articles').
    """
    from dateline.emit.site import ELSEWHERE, SPLIT_EMITTERS  # noqa: PLC0415 - see _site_input
    from dateline.write.forked import fork_call  # noqa: PLC0415 - large builds only

    if not split:
        return _site_files(settings, site, state, plan, writing)
    there = [i for i, emit in enumerate(SPLIT_EMITTERS) if emit in ELSEWHERE]

    def elsewhere() -> tuple[dict[int, list[_SiteFile]], dict[str, str]]:
        entries.cache = BuildCache(settings.output_dir)  # not the parent's connection
        entries.writable = False
        done = {
            i: _site_files(settings, site, state, plan, writing, SPLIT_EMITTERS[i]) for i in there
        }
        return done, site.marks

    cache.commit()
    forked = fork_call(elsewhere)
    if forked is None:
        return _site_files(settings, site, state, plan, writing)
    done: dict[int, list[_SiteFile]] = {}
    for i, emit in enumerate(SPLIT_EMITTERS):
        if i not in there:
            done[i] = _site_files(settings, site, state, plan, writing, emit)
    # while the copy still works (and only then: this time is free), stamps too new to
    # trust when the build planned are settled, a few files at a time
    racy = iter(plan.racy)
    while not forked.ready() and (batch := list(itertools.islice(racy, SETTLE_BATCH))):
        plan.stamps.update(_settled(settings, plan, keys, batch))
    result = forked.result()
    if result is None:  # the copy failed: its part is made here (any error comes again)
        done.update(
            {i: _site_files(settings, site, state, plan, writing, SPLIT_EMITTERS[i]) for i in there}
        )
    else:
        done.update(result[0])
        site.marks.update(result[1])
    return [f for i in sorted(done) for f in done[i]]


def _site_files(
    settings: Settings,
    site: SiteInput,
    state: CacheState,
    plan: _Plan,
    writing: bool,
    emitter: SiteEmitter | None = None,
) -> list[_SiteFile]:
    """The files of one emitter (or of every one), each checked and written as soon as
    it is made (one in memory at a time); a file that fails its checks is not written,
    and the one there stays.

    Files are placed as an article's are (:class:`_Targets`): each folder (``archive/``,
    ``page/``) resolved once, not each of a large site's ~900 files' every path
    component, and a file not there yet written as new (no temp file made and renamed).
    """
    from dateline.emit.site import render_site_files  # noqa: PLC0415 - see _site_input

    out = settings.output_dir
    targets = _Targets(out)
    made = (
        render_site_files(settings, site)
        if emitter is None
        else render_site_files(settings, site, (emitter,))
    )
    done: list[_SiteFile] = []
    for name, data in made:
        if data is None:
            done.append(
                _SiteFile(name, None, state.site_files[name], [], False)
            )  # kept when intact
            continue
        if isinstance(data, Chunks):
            # too large to hold (the site graph, the home page that embeds it): written
            # as it is made; JSON-LD and HTML have no output checks to pass first
            if writing:
                changed, size = write_chunks(inside(out, name), data, durable="/" not in name)
            else:
                same, size = same_chunks(out / name, data)
                changed = not same
            done.append(_SiteFile(name, size, size, [], changed))
            continue
        found = validate_output(settings, name, data, _checked_before(state, plan, out, name))
        if any(f.severity == "error" for f in found):
            done.append(_SiteFile(name, len(data), None, found, False))
            continue
        if writing:
            # top-level files (the feeds, sitemaps) are flushed to disk; the others are
            # checked by size by the next build, as article files are
            path, new = targets(name)
            written = write_group({path: data}, "/" not in name, new=(path,) if new else ())
            changed = bool(written)
        else:
            changed = not _same(out / name, data)
        done.append(_SiteFile(name, len(data), len(data), found, changed))
    return done


class _KeysOf(Mapping[str, str]):
    """Source → the key of its entry in ``articles`` (a build's new state): a view,
    not a second dict of every source of a large site."""

    __slots__ = ("_articles",)

    def __init__(self, articles: Mapping[str, StateEntry]) -> None:
        self._articles = articles

    def __getitem__(self, source: str) -> str:
        return self._articles[source].key

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


def _owned(files: Iterable[str], summary: ArticleSummary) -> tuple[str, ...] | None:
    """The files an article owns, or None when they are its summary's (every article
    built by this version: nothing to hold for each article until the manifest)."""
    listed = tuple(sorted(files))
    return None if listed == summary.files else listed


def _held(summary: ArticleSummary, now: dt.datetime | float) -> bool:
    moment = now if isinstance(now, float) else now.timestamp()
    return summary.draft or summary.timestamp > moment


#: Between an article's key and what holds it back, in the key of a held article's
#: state entry.
_HELD_MARK = "@held:"


def _held_key(key: str, summary: ArticleSummary) -> str:
    """The state key of an article held back when built: its key, and until when it is
    held ("draft" until its text changes; an embargo until its POSIX time). The plan
    reuses it, without the summary it has not read, only while it is still held: an
    embargo that has passed builds the article (it was never written), and a changed
    draft has another key. A draft's model load and enrichment are not paid again on
    each build while nothing about it changes."""
    return f"{key}{_HELD_MARK}{'draft' if summary.draft else repr(summary.timestamp)}"


def _still_held(saved: str, key: str, now: float) -> bool:
    """Whether ``saved`` is ``key``'s :func:`_held_key` and still holds at ``now``."""
    base, mark, until = saved.partition(_HELD_MARK)
    if not mark or base != key:
        return False
    if until == "draft":
        return True
    try:
        return now < float(until)
    except ValueError:
        return False


def _unloaded() -> None:
    """A held article's graph: never read back (nothing of it is published)."""
    return None


def _write_again(settings: Settings, source: str, key: str, out: Path) -> None:
    """Write the files of ``source`` again: a later article with the same slug was
    built, and its files written, by a worker that could not know. Built here again
    from the same inputs, they are the same bytes as before."""
    task = ArticleTask(settings.content_dir / source, source, key)
    made = ArticleWorker(settings)(task)
    # if it cannot be written now, it could not before either: both fail (duplicate_slug)
    with contextlib.suppress(OutputError):
        write_group({inside(out, name): data for name, data in made.files.items()})


def _undo_late(settings: Settings, files: Sequence[str], shown: CacheEntry | None) -> None:
    """Put back the files of the version the site shows (``shown``, a carried entry),
    or remove ``files`` when no version of their slug is published."""
    out = settings.output_dir
    if shown is not None:
        graph, body = _graph_of(shown)
        task = ArticleTask(settings.content_dir / shown.summary.source, shown.summary.source, "")
        made = ArticleWorker(settings, enrichers=())._render(
            task, ArticleResult(task.path, graph, body, slug=graph.slug), keep=False
        )
        with contextlib.suppress(OutputError):  # it could not be written: it stays failed
            write_group({inside(out, name): data for name, data in made.files.items()})
        return
    for name in files:
        with contextlib.suppress(OSError):
            inside(out, name).unlink()


def _hold(
    report: BuildReport, path: Path, summary: ArticleSummary, findings: tuple[Finding, ...]
) -> ArticleResult:
    from dateline.emit.feeds import as_datetime  # noqa: PLC0415 - not loaded by a no-op build
    from dateline.hold import Held  # noqa: PLC0415 - not loaded by a no-op build

    until = None
    if not summary.draft:
        text = summary.date_published
        until = as_datetime(
            dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
        )
    report.held.append(Held(path=path, slug=summary.slug, headline=summary.headline, until=until))
    return ArticleResult(path, findings=findings, slug=summary.slug, status="held")


def _folder_prefix(source: str) -> str:
    """What the sources in a folder start with (every source, for the content folder)."""
    return "" if source == "." else source + "/"


def _valid_until(listed: Sequence[ArticleSummary], now: dt.datetime) -> float:
    """When the outputs that depend on "now" next change: when the oldest article of
    the news sitemap's window leaves it (no article in it: never)."""
    from dateline.emit.sitemaps import NEWS_WINDOW  # noqa: PLC0415 - loaded when the site-wide stage runs

    window = NEWS_WINDOW.total_seconds()
    start, end = now.timestamp() - window, now.timestamp()
    return min((a.timestamp + window for a in listed if start <= a.timestamp <= end), default=1e18)


def _checked_before(state: CacheState, plan: _Plan, out: Path, name: str) -> bytes | None:
    """The bytes of the sitemap ``name`` as the last build wrote (and checked) it, when
    it is intact and the same code and settings made it (see check_sitemap_in_parts);
    None for any other file."""
    size = state.site_files.get(name)
    if size is None or state.site_key != plan.site_key or not is_sitemap(name):
        return None
    try:
        data = (out / name).read_bytes()
    except OSError:
        return None
    return data if len(data) == size else None


def _sizes(state: CacheState, name: str) -> dict[str, int]:
    return {name: state.site_files[name]} if name in state.site_files else {name: -1}


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _reused(
    source: str,
    entry: StateEntry,
    slug: str,
    name: str,
    settings: Settings,
    load: Callable[[], tuple[ArticleGraph, str] | None],
    notices: bool = True,
) -> ArticleResult:
    if not notices and entry.only_notices:
        return ArticleResult(name, slug=slug, status="unchanged", load=load)
    path = Path(name)
    known = {source: path}
    findings = tuple(
        finding_from_json(f, settings.content_dir, known, path)
        for f in entry.findings
        if notices or f.get("severity") != "notice"
    )
    return ArticleResult(path, findings=findings, slug=slug, status="unchanged", load=load)


def _lazy(
    entries: _Entries | None, out: Path, key: str
) -> Callable[[], tuple[ArticleGraph, str] | None]:
    """Reads an article's graph and body back when a caller asks for them."""
    return _LoadBack(entries.memory.get(key) if entries is not None else None, out, key)


class _LoadBack:
    """An article's graph and body, read back when asked for (one small object per
    article of a build: a closure and its cells took three times the memory)."""

    __slots__ = ("kept", "key", "out")

    def __init__(self, kept: CacheEntry | None, out: Path, key: str) -> None:
        self.kept, self.out, self.key = kept, out, key

    def __call__(self) -> tuple[ArticleGraph, str] | None:
        entry = self.kept
        if entry is None:
            cache = BuildCache(self.out)
            try:
                entry = cache.read_entry(self.key)
            finally:
                cache.close()
        return _graph_of(entry) if entry is not None else None


def _on_path(
    findings: tuple[Finding, ...], path: Path, theirs: Path | None = None
) -> tuple[Finding, ...]:
    """``findings`` naming the very ``path`` object the build has for the article (a
    worker sends back its own copy of the path with each result; kept for every
    article of a large site, the copies add up).

    ``theirs`` is the worker's copy (its task's path): a finding naming that object
    names the article, without comparing paths (which parses them), and is made anew
    without :func:`dataclasses.replace` (slow, generic); others are compared.
    """
    if all(f.path is None or f.path is path for f in findings):
        return findings
    return tuple(
        f
        if f.path is None or f.path is path or (f.path is not theirs and f.path != path)
        else Finding(f.code, f.message, path, f.line, f.field, f.hint, f.severity)
        for f in findings
    )


def _kept_finding(settings: Settings, summary: ArticleSummary) -> Finding:
    return Finding(
        code="kept_previous_version",
        message=f"the version published before ({summary.url}) stays in the "
        "feeds until this file is fixed",
        path=settings.content_dir / summary.source,
        severity="warning",
    )


def _carry(
    settings: Settings,
    report: BuildReport,
    state: CacheState,
    manifest: Manifest,
    entries: _Entries,
    taken: set[str],
    mode: Mode,
) -> dict[str, tuple[ArticleSummary, CacheEntry]]:
    """The last good version of each failing source that was published before.

    Taken from the build cache when it has it; otherwise (a folder built by an older
    dateline, or a deleted cache) read back from the published JSON-LD and JSON Feed.
    """
    if mode == "check":
        return {}
    out: dict[str, tuple[ArticleSummary, CacheEntry]] = {}
    fallback: list[Path] = []
    failed: list[str] = []
    for result in report.failed:
        source = _source(result.path, settings.content_dir)
        if result.path.is_dir():  # a folder that cannot be listed: every source in it
            prefix = _folder_prefix(source)
            failed.extend(s for s in manifest.sources if s.startswith(prefix))
        else:
            failed.append(source)
    for source in failed:
        before = state.articles.get(source)
        entry = entries.get(before.key) if before is not None else None
        if entry is not None and entry.summary.slug not in taken:
            out[source] = (entry.summary, entry)
        elif source in manifest.sources:
            fallback.append(settings.content_dir / source)
    if not fallback:
        return out
    # only when a version must be read back from the published files (its module
    # makes a validator of every node type as it loads: ~0.03 s of each build)
    from dateline.carry import carry_forward  # noqa: PLC0415

    for item in carry_forward(fallback, settings.output_dir, settings.content_dir, taken):
        source = _source(item.source, settings.content_dir)
        entry = _carried_entry(settings, source, item)
        out[source] = (entry.summary, entry)
    return out


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
