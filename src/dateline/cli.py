"""The ``dateline`` command: a thin layer over :mod:`dateline.pipeline`.

Exit codes: 0 when every article built, 1 when any article failed (the others are
still published), 2 for a usage or settings error. Problems are printed one per
line to standard error as ``file:line [field]: severity code: message (hint)``;
a user mistake never shows a traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dateline.errors import DatelineError, Finding, SettingsError
from dateline.guard import check_content, check_folders
from dateline.hold import parse_now
from dateline.http_headers import is_feed
from dateline.pipeline import BuildReport, build_site, check_site
from dateline.settings import Settings, load_settings
from dateline.write.lock import BuildLocked

if TYPE_CHECKING:  # ingest pulls in HTML extraction; only `add` and `import` load it
    from dateline.ingest import Outcome

# review (the language model), serve and publish (HTTP) are imported by their own
# commands, so `dateline build` starts without them

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE = 0, 1, 2


def _config_option(func: F) -> F:
    return click.option(
        "--config",
        "config",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("dateline.toml"),
        show_default=True,
        help="Site settings file.",
    )(func)


def _content_option(func: F) -> F:
    return click.option(
        "--content",
        "content",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Folder of articles [default: content_dir from the settings, 'content'].",
    )(func)


def _out_option(func: F) -> F:
    return click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Output folder [default: output_dir from the settings, 'feeds'].",
    )(func)


def _settings(config: Path, **overrides: Path | None) -> Settings:
    try:
        settings = load_settings(config)
    except DatelineError as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    update = {k: v.resolve() for k, v in overrides.items() if v is not None}
    return settings.model_copy(update=update) if update else settings


def _guard(check: Callable[..., None], settings: Settings, *args: Any) -> None:
    """Run a folder check (:mod:`dateline.guard`); a refusal is one line and exit 2."""
    try:
        check(settings, *args)
    except SettingsError as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _relative(finding: Finding) -> Finding:
    """Print paths relative to the working directory when they are under it."""
    if finding.path is None:
        return finding
    try:
        # absolute, not resolved: a link is shown where it is, not where it leads
        path = Path(os.path.abspath(finding.path)).relative_to(Path.cwd())
    except ValueError:
        return finding
    return dataclasses.replace(finding, path=path)


def _notices_option(func: F) -> F:
    return click.option(
        "--notices",
        is_flag=True,
        help="Also show notices: what Google recommends but does not require.",
    )(func)


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_now(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date or time, like 2024-07-05T12:00:00+00:00"
        ) from None


def _now_option(func: F) -> F:
    return click.option(
        "--now",
        "now",
        callback=_parse_now,
        default=None,
        metavar="TIME",
        help="The build's 'now' (ISO 8601; default: the current time): articles dated "
        "after it are held back, and the news sitemap covers the two days before it.",
    )(func)


def _held(report: BuildReport) -> None:
    for held in report.held:
        click.echo(f"{_relative(Finding('', '', held.path)).path}: held: {held.reason}", err=True)


def _progress(paths: Sequence[Path]) -> Iterable[Path]:
    """A progress bar on a terminal for long runs; nothing when piped or in CI (then
    it yields nothing: the build only advances it, and a large site's paths are kept
    as text, so handing each one out as a Path cost a parse per article)."""
    if len(paths) < 50 or not sys.stderr.isatty():
        return
    with click.progressbar(paths, label="articles", file=sys.stderr) as bar:
        yield from bar


def _report(report: BuildReport, fmt: str, notices: bool = False) -> None:
    findings = [_relative(f) for f in report.findings if notices or f.severity != "notice"]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "articles": len(report.results),
                    "published": len(report.published),
                    "failed": [str(_relative(Finding("", "", r.path)).path) for r in report.failed],
                    "findings": [f.as_dict() for f in findings],
                    "held": [
                        {**h.as_dict(), "path": str(_relative(Finding("", "", h.path)).path)}
                        for h in report.held
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for finding in findings:
        click.echo(str(finding), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
def main() -> None:
    """Turn a folder of news articles into schema.org JSON-LD, HTML pages and feeds."""


@main.command()
@_content_option
@_out_option
@_config_option
@_notices_option
@click.option("--force", is_flag=True, help="Build every article again, ignoring the build cache.")
@click.option(
    "--jobs",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that build articles [default: every core, one per 32 articles to "
    "build; 1 builds in this process].",
)
@click.option(
    "--dry-run",
    "dry_run",
    is_flag=True,
    help="Print what would be written and removed; write nothing.",
)
@click.option(
    "--executor",
    "executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where articles are built: local processes, or a Dask cluster (--scheduler).",
)
@click.option(
    "--scheduler",
    "scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --executor dask: the scheduler's address, like tcp://10.0.0.5:8786.",
)
@click.option(
    "--wait",
    "wait",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Seconds to wait for another build of the same output folder to finish.",
)
@_now_option
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Build even when the content folder has no articles but the output has some "
    "(this unpublishes them all).",
)
def build(
    content: Path | None,
    out: Path | None,
    config: Path,
    notices: bool,
    now: dt.datetime | None,
    allow_empty: bool,
    force: bool,
    jobs: int | None,
    dry_run: bool,
    wait: float,
    executor: str,
    scheduler: str | None,
) -> None:
    """Build JSON-LD, HTML pages, RSS, Atom and JSON Feed from every article.

    Only articles whose file, sidecar or settings changed since the last build are
    built again (see --force). An article that fails is reported and left out; the
    others are published and the previous files of the failed one stay in place.
    Exit code 1 if any failed. Exit code 2, before anything is written, when the
    content folder is missing, overlaps the output folder, or is empty while the
    output holds articles, or when another build holds the output folder.
    """
    settings = _settings(config, content_dir=content, output_dir=out)
    if (executor == "dask") != (scheduler is not None):
        click.echo("dateline: --executor dask and --scheduler ADDRESS go together", err=True)
        sys.exit(EXIT_USAGE)
    _guard(check_folders, settings, allow_empty)
    try:
        report = build_site(
            settings,
            progress=_progress,
            now=now,
            jobs=jobs,
            force=force,
            dry_run=dry_run,
            wait=wait,
            scheduler=scheduler,
            notices=notices,
        )
    except (SettingsError, BuildLocked) as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except DatelineError as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_ARTICLE_FAILED)
    _report(report, "text", notices)
    _held(report)
    if dry_run:
        for name in report.would_write:
            click.echo(f"write {settings.output_dir / name}")
        for name in report.would_remove:
            click.echo(f"remove {settings.output_dir / name}")
        click.echo(
            f"dry run: {len(report.would_write)} files would be written and "
            f"{len(report.would_remove)} removed; nothing was written",
            err=True,
        )
        sys.exit(EXIT_OK if report.ok else EXIT_ARTICLE_FAILED)
    click.echo(
        f"built {len(report.published)} of {len(report.results)} articles into "
        f"{settings.output_dir}: {report.count('built')} built, "
        f"{report.count('unchanged')} unchanged, {len(report.failed)} failed, "
        f"{len(report.removed)} removed, {len(report.written)} files written, "
        f"{report.seconds:.2f} s"
        + (
            f"; kept the previous version of {len(report.carried)} failed article(s) in the feeds"
            if report.carried
            else ""
        )
        + (f"; held back {len(report.held)} (drafts, embargoes)" if report.held else ""),
        err=True,
    )
    sys.exit(EXIT_OK if report.ok else EXIT_ARTICLE_FAILED)


@main.command()
@_content_option
@_config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the findings (json for CI).",
)
@_notices_option
@_now_option
def check(
    content: Path | None, config: Path, fmt: str, notices: bool, now: dt.datetime | None
) -> None:
    """Read, enrich, model and validate every article; print each problem; write nothing.

    Drafts and embargoed articles are checked too, and listed with what holds them.
    """
    settings = _settings(config, content_dir=content)
    _guard(check_content, settings)
    try:
        report = check_site(settings, progress=_progress, now=now)
    except DatelineError as exc:
        # a bad registry or language model concerns every article: one line (and, for
        # a program reading --format json, the same as JSON), as build says it
        click.echo(f"dateline: {exc}", err=True)
        if fmt == "json":
            error = [_relative(f).as_dict() for f in exc.findings()]
            click.echo(json.dumps({"error": error}, indent=2, ensure_ascii=False))
        sys.exit(EXIT_USAGE if isinstance(exc, SettingsError) else EXIT_ARTICLE_FAILED)
    _report(report, fmt, notices)
    if fmt == "text":
        _held(report)
        warnings = sum(f.severity == "warning" for f in report.findings)
        status = "ok" if report.ok else f"{len(report.failed)} failed"
        click.echo(
            f"checked {len(report.results)} articles: {status}"
            + (f", {warnings} warnings" if warnings else "")
            + (f", {len(report.held)} held" if report.held else ""),
            err=True,
        )
    sys.exit(EXIT_OK if report.ok else EXIT_ARTICLE_FAILED)


@main.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_config_option
@click.option("--write", "write", is_flag=True, help="Save the proposal as the article's sidecar.")
@click.option(
    "--force", is_flag=True, help="With --write: replace events and entities the sidecar has."
)
def review(article: Path, config: Path, write: bool, force: bool) -> None:
    """Show the events and entities enrichment proposes for ARTICLE, with their evidence.

    With --write they are saved in the article's sidecar (<name>.yaml), where an
    editor keeps, edits or deletes each one; the sidecar wins on every later build.
    """
    from dateline.review import propose, render, write_sidecar  # noqa: PLC0415 - heavy

    settings = _settings(config)
    try:
        proposal = propose(article, settings)
        click.echo(render(proposal), nl=False)
        if write:
            target = write_sidecar(proposal, force=force)
            click.echo(f"wrote {target}", err=True)
    except SettingsError as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except DatelineError as exc:
        for finding in exc.findings():
            click.echo(str(_relative(finding)), err=True)
        sys.exit(EXIT_ARTICLE_FAILED)


def _ingest_options(func: F) -> F:
    func = click.option(
        "--allow-private-addresses",
        "allow_private",
        is_flag=True,
        help="Also fetch from loopback and private addresses (your own network).",
    )(func)
    func = click.option(
        "--content",
        "content",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Folder to write articles into [default: content_dir from the settings].",
    )(func)
    return _config_option(func)


def _outcome_line(outcome: Outcome) -> str:
    if outcome.path is None:
        return outcome.as_line()
    shown = _relative(Finding("", "", outcome.path)).path
    return f"{outcome.url}: {outcome.status} {shown}"


@main.command()
@click.argument("url", metavar="URL...", nargs=-1, required=True)
@_ingest_options
def add(url: tuple[str, ...], content: Path | None, config: Path, allow_private: bool) -> None:
    """Fetch each URL and write its article into the content folder as Markdown.

    Prints one line per URL: the file written, or why not. A page fetched before
    is fetched again only if the server says it changed. Exit code 1 if any failed.
    """
    settings = _settings(config, content_dir=content)
    from dateline.ingest import Ingester  # noqa: PLC0415 - see TYPE_CHECKING

    ingester = Ingester(settings, allow_private=allow_private)
    failed = False
    try:
        for one in url:
            outcome = ingester.add(one)
            failed |= not outcome.ok
            click.echo(_outcome_line(outcome))
    finally:
        ingester.close()
    sys.exit(EXIT_ARTICLE_FAILED if failed else EXIT_OK)


@main.command(name="import")
@click.argument("feed", metavar="FEED_URL")
@click.option(
    "--limit",
    "limit",
    type=click.IntRange(min=1),
    default=None,
    help="Add at most N new items.",
)
@_ingest_options
def import_(
    feed: str, limit: int | None, content: Path | None, config: Path, allow_private: bool
) -> None:
    """Read an RSS, Atom or JSON Feed and add each item's link.

    Items imported before (same canonical URL or guid) are skipped, so running it
    from cron is idempotent. Exit code 1 if the feed or any item failed.
    """
    settings = _settings(config, content_dir=content)
    from dateline.ingest import Ingester, IngestError  # noqa: PLC0415 - see TYPE_CHECKING

    ingester = Ingester(settings, allow_private=allow_private)
    failed = False
    try:
        for outcome in ingester.import_feed(feed, limit=limit):
            failed |= not outcome.ok
            click.echo(_outcome_line(outcome))
    except IngestError as exc:
        click.echo(exc.as_line())
        failed = True
    finally:
        ingester.close()
    sys.exit(EXIT_ARTICLE_FAILED if failed else EXIT_OK)


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@_content_option
@_config_option
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the preview build [default: a new temporary folder].",
)
@_now_option
def serve(
    port: int, content: Path | None, config: Path, out: Path | None, now: dt.datetime | None
) -> None:
    """Preview the site on http://127.0.0.1:PORT/, rebuilt when content changes.

    The preview is built with a local base URL into its own folder; the site's
    output folder (feeds/) is never touched. Ctrl-C stops it.
    """
    from dateline.serve import Preview  # noqa: PLC0415 - only for this command

    settings = _settings(config, content_dir=content)
    _guard(check_content, settings)
    folder = (
        out.resolve() if out is not None else Path(tempfile.mkdtemp(prefix="dateline-preview-"))
    )
    if folder == settings.output_dir.resolve():
        click.echo(
            f"dateline: the preview must not be built into {settings.output_dir} "
            "(the published output); choose another --out",
            err=True,
        )
        sys.exit(EXIT_USAGE)

    def reload() -> Settings:
        fresh = load_settings(config)
        return fresh.model_copy(update={"content_dir": settings.content_dir})

    preview = Preview(
        settings,
        folder,
        port=port,
        now=now,
        watch=[settings.content_dir, config.resolve()],
        log=lambda line: click.echo(line, err=True),
        reload=reload,
    )
    try:
        report = preview.start()
    except OSError as exc:
        click.echo(f"dateline: cannot serve on 127.0.0.1:{port}: {exc.strerror}", err=True)
        sys.exit(EXIT_USAGE)
    _report(report, "text")
    _held(report)
    click.echo(
        f"serving {preview.url} ({len(report.published)} of {len(report.results)} articles, "
        f"built in {folder}); watching {settings.content_dir}; Ctrl-C to stop",
        err=True,
    )

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # `kill` cleans up like Ctrl-C
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        preview.stop()
        if out is None:
            shutil.rmtree(folder, ignore_errors=True)


@main.command()
@_content_option
@_out_option
@_config_option
@_now_option
@click.option(
    "--timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds to wait for each hub's answer.",
)
@click.option(
    "--attempts",
    type=click.IntRange(1, 10),
    default=3,
    show_default=True,
    help="Tries per hub and feed (waiting 1 s, 2 s, 4 s… between them).",
)
def publish(
    content: Path | None,
    out: Path | None,
    config: Path,
    now: dt.datetime | None,
    timeout: float,
    attempts: int,
) -> None:
    """Build, then ping the WebSub hubs (setting: hubs) for every feed that changed.

    Exit code 1 if an article failed or a hub could not be told.
    """
    from dateline.publish import ping_hubs  # noqa: PLC0415 - HTTP, only here

    settings = _settings(config, content_dir=content, output_dir=out)
    _guard(check_folders, settings)
    try:
        report = build_site(settings, progress=_progress, now=now)
    except DatelineError as exc:
        click.echo(f"dateline: {exc}", err=True)
        sys.exit(EXIT_ARTICLE_FAILED)
    _report(report, "text")
    changed = sorted(
        settings.base_url + path.relative_to(settings.output_dir).as_posix()
        for path in report.written
        if is_feed(path.name)
    )
    click.echo(
        f"built {len(report.published)} of {len(report.results)} articles; "
        f"{len(changed)} feed(s) changed",
        err=True,
    )
    if not settings.hubs:
        click.echo("no hubs in the settings (hubs = [...]): nobody to tell", err=True)
    elif not changed:
        click.echo("no feed changed: no hub pinged", err=True)
    results = (
        ping_hubs(settings.hubs, changed, attempts=attempts, timeout=timeout) if changed else []
    )
    for result in results:
        click.echo(str(result), err=True)
    failed = [r for r in results if not r.ok]
    if results:
        click.echo(
            f"pinged {len(settings.hubs)} hub(s) for {len(changed)} feed(s): "
            + (f"{len(failed)} failed" if failed else "all ok"),
            err=True,
        )
    sys.exit(EXIT_OK if report.ok and not failed else EXIT_ARTICLE_FAILED)


def run() -> None:
    """The ``dateline`` command: :func:`main`, then the process ends at once.

    Ending the usual way frees every object the command made, one by one: after a
    build of 10,000 articles, ~0.1 s in which nothing is written and the command
    is still running. By the time the command returns its files are written and
    closed, its worker processes are gone and its output is flushed here, so the
    process ends with ``os._exit`` (as mypy does) and the exit code ``main`` gave.
    A caller that imports :func:`main` (a test, a script) keeps the usual exit.
    """
    code: int = EXIT_OK
    try:
        main(prog_name="dateline")
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:  # a message: printed, and the command failed
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to show
            stream.flush()
    os._exit(code)
