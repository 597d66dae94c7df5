"""The pipeline, end to end: read → enrich → model → validate → emit → write.

:func:`process_article` is a pure function of (source file, its sidecar, settings):
it touches nothing but those files, so it can run in any order, in parallel, or
on another machine. :func:`build_site` runs it for every article, then renders
the site-wide outputs from the articles that passed and writes everything
atomically. The per-article error policy lives here and nowhere else: an
article that fails is reported and left out; the others are still published.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.budget import article_budget
from dateline.carry import MANIFEST, CarriedArticle, carry_forward, manifest_bytes
from dateline.emit import (
    FEED_FILES,
    PageRenderer,
    body_html,
    document,
    dumps,
    render_atom,
    render_jsonfeed,
    render_rss,
)
from dateline.emit.feeds import as_datetime
from dateline.emit.readers import OPTIONAL_FILES, OWNED_FOLDERS, reader_outputs
from dateline.emit.sitemaps import NEWS_SITEMAP, SITEMAP
from dateline.enrich import Enricher, default_enrichers, enrich
from dateline.errors import ArticleError, Finding, ValidationFailed
from dateline.hold import Held, held_articles, wall_clock
from dateline.model.article import ArticleGraph, SiteGraph, WebSite
from dateline.model.assemble import assemble, publisher_node
from dateline.model.ids import website_id
from dateline.model.layers import Layer, merge_layers, site_layer
from dateline.model.meta import ArticleMeta
from dateline.read import Draft, discover, read_article
from dateline.settings import Settings
from dateline.validate import validate_graph
from dateline.validate.feeds import check_atom, check_jsonfeed, check_rss
from dateline.validate.sitemaps import check_sitemap
from dateline.write import write_outputs

__all__ = [
    "ArticleResult",
    "BuildReport",
    "build_site",
    "check_site",
    "process_article",
    "written_layers",
]


@dataclass(frozen=True)
class ArticleResult:
    """One article's outcome: its graph and body HTML, or the findings that stopped it."""

    path: Path
    graph: ArticleGraph | None = None
    body: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return self.graph is not None and not any(f.severity == "error" for f in self.findings)


@dataclass
class BuildReport:
    """What a build or check did, for the command line to summarise."""

    results: list[ArticleResult] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    #: problems of the site-wide outputs (feeds), found before anything is written
    site_findings: list[Finding] = field(default_factory=list)
    #: every output, by path relative to the output folder
    outputs: dict[str, bytes] = field(default_factory=dict, repr=False)
    #: previous versions of failing articles, kept in the feeds
    carried: list[CarriedArticle] = field(default_factory=list)
    #: drafts and embargoed articles: checked, in no output
    held: list[Held] = field(default_factory=list)

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
        return [r for r in self.results if r.ok and r.path not in held]


def written_layers(draft: Draft, settings: Settings) -> dict[Layer, ArticleMeta]:
    """Every layer but enrichment: what the site, the reader and the editor say."""
    return {
        Layer.SITE: site_layer(settings),
        Layer.READER: draft.found,
        Layer.FRONT_MATTER: draft.front_matter,
        Layer.SIDECAR: draft.sidecar,
    }


def _site_ids(settings: Settings) -> frozenset[str]:
    return frozenset({website_id(settings.base_url)})


def process_article(
    path: Path, settings: Settings, enrichers: Sequence[Enricher] | None = None
) -> ArticleResult:
    """Read, enrich, model and validate one article. Never raises for bad input.

    ``enrichers`` default to :func:`~dateline.enrich.default_enrichers` for the site.
    """
    if enrichers is None:
        enrichers = default_enrichers(settings)
    try:
        with article_budget(settings.max_article_seconds, path):
            draft = read_article(path, settings.max_file_bytes, root=settings.content_dir)
            layers = written_layers(draft, settings)
            layers[Layer.ENRICHMENT] = enrich(draft, merge_layers(layers), enrichers)
            graph = assemble(merge_layers(layers), draft.body_text, path, settings)
            findings = validate_graph(graph, path, _site_ids(settings))
            if any(f.severity == "error" for f in findings):
                raise ValidationFailed(findings)
            body = body_html(draft, graph.article.url)
        return ArticleResult(path, graph, body, tuple(findings))
    except ArticleError as exc:
        return ArticleResult(path, findings=tuple(exc.findings()))
    except Exception as exc:  # a bug in dateline must not stop the other articles
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ArticleResult(
            path,
            findings=(
                Finding(
                    code="internal_error",
                    message=f"dateline failed on this article: {type(exc).__name__}: {exc} "
                    f"(at {Path(where.filename).name}:{where.lineno})",
                    path=path,
                    hint="this is a bug in dateline; please report it with the file",
                ),
            ),
        )


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "AEIOU" else f"a {word}"


def _shown(path: Path) -> str:
    """A path as a person in the working folder would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _mark_duplicate_slugs(results: list[ArticleResult]) -> list[ArticleResult]:
    """Two articles with one slug would overwrite each other: both fail, each naming the other."""
    by_slug: dict[str, list[ArticleResult]] = {}
    for result in results:
        if result.graph is not None:
            by_slug.setdefault(result.graph.slug, []).append(result)
    clashes = {id(r): group for group in by_slug.values() if len(group) > 1 for r in group}
    out = []
    for result in results:
        group = clashes.get(id(result))
        if group is None:
            out.append(result)
            continue
        others = ", ".join(_shown(o.path) for o in group if o is not result)
        assert result.graph is not None
        clash = Finding(
            code="duplicate_slug",
            message=f"slug {result.graph.slug!r} is also the slug of {others}",
            path=result.path,
            field="slug",
            hint="give one of them another 'slug' in its front matter or sidecar",
        )
        out.append(ArticleResult(result.path, findings=(*result.findings, clash)))
    return out


def _mark_conflicting_ids(results: list[ArticleResult]) -> list[ArticleResult]:
    """One @id, two kinds of thing (a Country here, an Organization there): consumers
    merging the site's documents would get a contradiction, so both articles fail."""
    seen: dict[str, tuple[str, ArticleResult]] = {}
    clashes: dict[int, list[Finding]] = {}
    for result in results:
        if result.graph is None:
            continue
        for node in result.graph.nodes:
            kind = node.type
            first = seen.setdefault(node.id, (kind, result))
            if first[0] != kind and first[1] is not result:
                other = first[1]
                for one, two, k in ((result, other, kind), (other, result, first[0])):
                    clashes.setdefault(id(one), []).append(
                        Finding(
                            code="conflicting_id",
                            message=f"{node.id} is {_a(k)} here but "
                            f"{_a(first[0] if one is result else kind)} in {_shown(two.path)}",
                            path=one.path,
                            field="entities",
                            hint="give one of them another id in its sidecar",
                        )
                    )
    return [
        ArticleResult(r.path, findings=(*r.findings, *clashes[id(r)])) if id(r) in clashes else r
        for r in results
    ]


def validate_outputs(settings: Settings, outputs: dict[str, bytes]) -> list[Finding]:
    """Feed rules on every rendered feed, the site's and each topic's
    (see :mod:`dateline.validate.feeds`)."""
    base, out = settings.base_url, settings.output_dir
    findings = []
    for name in sorted(outputs):
        folder, _, file = name.rpartition("/")
        home = base + (folder + "/" if folder else "")
        if file == FEED_FILES["rss"]:
            findings += check_rss(outputs[name], out / name, home, base + name)
        elif file == FEED_FILES["atom"]:
            findings += check_atom(outputs[name], out / name, home, base + name)
        elif file == FEED_FILES["json"]:
            findings += check_jsonfeed(outputs[name], out / name)
        elif name in (SITEMAP, NEWS_SITEMAP):
            findings += check_sitemap(outputs[name], out / name)
    return findings


def _newest_first(results: list[ArticleResult]) -> list[ArticleResult]:
    return sorted(results, key=lambda r: _newest(r.graph) if r.graph else (0.0, ""))


def check_site(
    settings: Settings,
    enrichers: Sequence[Enricher] | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    now: dt.datetime | None = None,
) -> BuildReport:
    """Process every article and report; write nothing.

    ``now`` (default: the wall clock) decides which articles are still embargoed.

    Raises :class:`~dateline.errors.SettingsError` when the entity registry is invalid:
    it concerns every article, so no article is processed.
    """
    if enrichers is None:
        enrichers = default_enrichers(settings)
    paths = discover(settings.content_dir)
    shown = progress(paths) if progress is not None else paths
    results = [process_article(p, settings, enrichers) for p in shown]
    results = _mark_conflicting_ids(_mark_duplicate_slugs(results))
    now = now or wall_clock()
    report = BuildReport(results=results, held=held_articles(results, now))
    taken = {r.graph.slug for r in report.published if r.graph is not None}
    report.carried = carry_forward(
        [r.path for r in report.failed], settings.output_dir, settings.content_dir, taken
    )
    report.outputs = render_site(settings, _newest_first(report.published), report.carried, now=now)
    report.site_findings = validate_outputs(settings, report.outputs)
    report.site_findings.extend(c.finding() for c in report.carried)
    return report


def site_graph(settings: Settings, graphs: Sequence[ArticleGraph]) -> SiteGraph:
    publisher = publisher_node(site_layer(settings), settings.base_url)
    articles = [g.article for g in graphs]
    website = WebSite(
        id=website_id(settings.base_url),
        url=settings.base_url,
        name=settings.title,
        description=settings.description or None,
        in_language=settings.language,
        publisher=publisher.ref(),
        has_part=[a.ref() for a in articles],
    )
    return SiteGraph(
        id=settings.base_url + FEED_FILES["index"],
        website=website,
        publisher=publisher,
        articles=articles,
    )


def _newest(graph: ArticleGraph) -> tuple[float, str]:
    return (-as_datetime(graph.article.date_published).timestamp(), graph.slug)


def render_site(
    settings: Settings,
    published: list[ArticleResult],
    carried: Sequence[CarriedArticle] = (),
    now: dt.datetime | None = None,
) -> dict[str, bytes]:
    """Every output of a build, by path relative to the output folder.

    ``carried`` articles (previous versions of files that fail now) appear in the
    feeds and the site index, but their pages are not rewritten.
    """
    pages = PageRenderer(settings)
    outputs: dict[str, bytes] = {}
    for result in published:
        assert result.graph is not None
        assert result.body is not None
        slug = result.graph.slug
        outputs[f"articles/{slug}.jsonld"] = dumps(document(result.graph)).encode("utf-8")
        outputs[f"articles/{slug}.html"] = pages.render(result.graph, result.body).encode("utf-8")
    everything = sorted(
        [
            *((r.graph, r.body) for r in published if r.graph is not None and r.body is not None),
            *((c.graph, c.body) for c in carried),
        ],
        key=lambda item: _newest(item[0]),
    )
    site = site_graph(settings, [graph for graph, _ in everything])
    outputs[FEED_FILES["index"]] = dumps(document(site)).encode("utf-8")
    outputs.update(reader_outputs(settings, everything, site, now or wall_clock()))
    items = everything[: settings.max_items]
    outputs[FEED_FILES["rss"]] = render_rss(settings, items)
    outputs[FEED_FILES["atom"]] = render_atom(settings, items)
    outputs[FEED_FILES["json"]] = render_jsonfeed(settings, items)
    outputs[MANIFEST] = manifest_bytes(
        ((r.path, r.graph.slug) for r in published if r.graph is not None),
        carried,
        settings.content_dir,
    )
    return outputs


def build_site(
    settings: Settings,
    enrichers: Sequence[Enricher] | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
    now: dt.datetime | None = None,
) -> BuildReport:
    """Build every output from ``settings.content_dir`` into ``settings.output_dir``.

    Outputs are rendered in memory first and then written one by one, each
    atomically. Article files that no article produces any more are removed, but
    only after a build in which every article succeeded: a failing article's
    previous page stays published until it is fixed.
    """
    report = check_site(settings, enrichers, progress, now)
    outputs = report.outputs
    broken = {
        f.path.relative_to(settings.output_dir).as_posix()
        for f in report.site_findings
        if f.severity == "error" and f.path is not None
    }
    # a feed that fails its checks is not written: readers keep the previous one
    report.written = write_outputs(
        settings.output_dir, {k: v for k, v in outputs.items() if k not in broken}
    )
    if report.ok:
        keep = {settings.output_dir / name for name in outputs}
        for folder in ("articles", *OWNED_FOLDERS):
            owned = settings.output_dir / folder
            for stale in sorted(owned.rglob("*")) if owned.is_dir() else []:
                if stale.is_file() and stale not in keep:
                    stale.unlink()
                    report.removed.append(stale)
        for name in OPTIONAL_FILES:
            stale = settings.output_dir / name
            if stale.is_file() and stale not in keep:
                stale.unlink()
                report.removed.append(stale)
    return report
