"""Workers write their articles' files themselves; the build still decides what is
published.

Two articles with one slug are built in separate processes, and each worker writes
its own files before the build sees the clash: both articles fail, as in a build
that wrote everything itself, and what is on disk afterwards is the version the
site still shows (none, for two new articles), whichever worker wrote last.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dateline import pipeline
from dateline.pipeline import ArticleTask, WriteTo, build_site, run_articles
from dateline.read.files import read_capped
from dateline.settings import Settings, load_settings
from dateline.write import atomic
from dateline.write import cache as cache_module

from .conftest import DATA

SITE = DATA / "site"


def _article(headline: str, day: int, slug: str = "") -> str:
    front = [f'title: "{headline}"', f"date: 2024-03-{day:02d}T10:00:00+00:00"]
    if slug:
        front.append(f"slug: {slug}")
    return (
        "---\n" + "\n".join(front) + "\n---\n"
        f"{headline}, officials said on day {day} of the talks in Geneva.\n\n"
        "The delegations will meet again next month.\n"
    )


def _site(tmp_path: Path, name: str, count: int = 70) -> Settings:
    """``count`` Markdown articles (enough for the pool to start) and enrichment off."""
    content = tmp_path / name / "content"
    content.mkdir(parents=True)
    for number in range(count):
        headline = f"Delegates agree on point {number} of a treaty"
        (content / f"a{number:03d}.md").write_text(_article(headline, number % 27 + 1))
    settings = load_settings(SITE / "dateline.toml")
    return settings.model_copy(
        update={"enrich": False, "content_dir": content, "output_dir": tmp_path / name / "out"}
    )


def _published(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".dateline" not in p.parts
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_two_new_articles_with_one_slug_leave_no_page(tmp_path: Path, jobs: int) -> None:
    settings = _site(tmp_path, f"jobs{jobs}")
    content = settings.content_dir
    (content / "a000.md").write_text(_article("The first story", 3, slug="one-slug"))
    # the last in source order, so its worker is the last to write that slug's files
    (content / "z999.md").write_text(_article("A different story", 4, slug="one-slug"))
    report = build_site(settings, jobs=jobs)
    assert sorted(r.path.name for r in report.failed) == ["a000.md", "z999.md"]
    codes = {f.code for r in report.failed for f in r.findings}
    assert "duplicate_slug" in codes
    # neither was published before, and both fail: whichever worker wrote last, no
    # page of that slug is left behind (a failed article is in no output)
    assert not list((settings.output_dir / "articles").glob("one-slug.*"))
    # once the clash is resolved, the first story is published from its source
    (content / "z999.md").write_text(_article("A different story", 4, slug="other-slug"))
    assert build_site(settings, jobs=jobs).ok
    page = (settings.output_dir / "articles" / "one-slug.html").read_text()
    assert "The first story" in page
    assert "A different story" not in page


def test_a_parallel_build_with_a_slug_clash_equals_a_serial_one(tmp_path: Path) -> None:
    trees = []
    for jobs in (1, 2):
        settings = _site(tmp_path, f"jobs{jobs}")
        (settings.content_dir / "a001.md").write_text(_article("Published first", 5, "twin"))
        report = build_site(settings, jobs=jobs)
        assert len(report.published) == 70
        # a later edit gives another article the same slug: the published one stays
        (settings.content_dir / "a050.md").write_text(_article("An impostor", 6, "twin"))
        report = build_site(settings, jobs=jobs)
        assert {r.path.name for r in report.failed} == {"a001.md", "a050.md"}
        twin = (settings.output_dir / "articles" / "twin.html").read_text()
        assert "Published first" in twin
        assert "An impostor" not in twin
        trees.append(_published(settings.output_dir))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 140


def test_workers_report_what_they_wrote(tmp_path: Path) -> None:
    settings = _site(tmp_path, "site")
    first = build_site(settings, jobs=2)
    assert first.ok
    names = {p.name for p in first.written}
    assert "delegates-agree-on-point-7-of-a-treaty.html" in names
    assert "delegates-agree-on-point-7-of-a-treaty.jsonld" in names
    again = build_site(settings, jobs=2, force=True)
    assert again.ok
    assert again.written == []  # the same bytes: nothing rewritten


def test_a_pool_hands_back_articles_in_order_and_stops_when_told(tmp_path: Path) -> None:
    settings = _site(tmp_path, "site", count=400)
    tasks = [
        ArticleTask(path, path.name, str(number))
        for number, path in enumerate(sorted(settings.content_dir.iterdir()))
    ]
    out = settings.output_dir
    outputs = run_articles(settings, tasks, jobs=2, write_to=WriteTo(out, 1e18))
    first = [next(outputs) for _ in range(30)]
    assert [o.task.source for o in first] == [t.source for t in tasks[:30]]
    assert all(o.written for o in first)
    outputs.close()  # the build stopped: what was not started is not built
    pages = list((out / "articles").glob("*.html"))
    assert 30 <= len(pages) < len(tasks)


def test_a_full_build_starts_its_workers_while_it_plans_and_builds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build of a site that looks large starts its workers before it plans
    (their start-up overlaps the planning), uses them for the articles, and publishes
    what a serial build does; a rebuild with little to do starts none early."""
    monkeypatch.setattr(pipeline, "EARLY_POOL_ENTRIES", 8)
    events: list[str] = []
    real_start, real_plan, real_executor = (
        pipeline.WorkerPool.start,
        pipeline._plan,
        pipeline.WorkerPool.executor,
    )

    def start(pool: pipeline.WorkerPool, workers: int) -> None:
        events.append(f"start {workers}")
        real_start(pool, workers)

    def executor(pool: pipeline.WorkerPool, workers: int) -> Any:
        events.append(f"new pool {workers}" if pool._executor is None else f"pool {workers}")
        return real_executor(pool, workers)

    def plan(*args: Any, **kwargs: Any) -> Any:
        events.append("plan")
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(pipeline.WorkerPool, "start", start)
    monkeypatch.setattr(pipeline.WorkerPool, "executor", executor)
    monkeypatch.setattr(pipeline, "_plan", plan)
    serial = _site(tmp_path, "serial")
    assert build_site(serial, jobs=1).ok
    assert events == ["plan"]
    early = _site(tmp_path, "early")
    assert build_site(early, jobs=2).ok
    # started before the plan, and the same processes build the articles
    assert events[1:] == ["start 2", "new pool 2", "plan", "pool 2"]
    assert _published(early.output_dir) == _published(serial.output_dir)
    events.clear()
    (early.content_dir / "a001.md").write_text(_article("A late correction", 2))
    assert build_site(early, jobs=2).ok
    assert events == ["plan"]  # one article: no pool at all


def test_a_full_build_keys_each_article_once_in_its_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build reads no article in the build's own process (its worker keys it
    from the bytes it builds from), yet saves every article's stamp and key: the
    next build reads none of them either, and finds each unchanged."""
    settings = _site(tmp_path, "keyed", count=40)
    (settings.content_dir / "a001.yaml").write_text("section: World\n")  # a sidecar too
    read: list[Path] = []

    def counted(path: Path, **kwargs: Any) -> bytes:
        read.append(path)
        return read_capped(path, **kwargs)

    monkeypatch.setattr(pipeline, "read_capped", counted)
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)  # files made just now count
    first = build_site(settings, jobs=1)
    assert first.ok
    assert first.count("built") == 40
    assert read == []  # the plan read nothing
    cache = cache_module.BuildCache(settings.output_dir)
    state = cache.load_state()
    cache.close()
    assert set(state.stamps) == {f"a{n:03d}.md" for n in range(40)}
    assert {s: k for s, (_, k) in state.stamps.items()} == {
        s: e.key for s, e in state.articles.items()
    }
    again = build_site(settings, jobs=1)
    assert again.count("unchanged") == 40
    assert again.written == []
    assert read == []  # the stamps told every key


#: Run in a fresh interpreter (no thread of the test run's own: a Dask client or a
#: loopback server leaves some, and then workers are spawned): forks a pool holding
#: the build lock, closes the build's descriptor, and takes the lock again.
_FORKED_LOCK = """
import fcntl, os, sys
from pathlib import Path
from dateline import pipeline
from dateline.settings import Settings
from dateline.write.lock import BuildLocked, build_lock

settings = Settings.model_validate_json(sys.argv[1])
lock_file = Path(sys.argv[2])
fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
pool = pipeline.WorkerPool(settings, fd)
executor = pool.executor(2)
assert executor._mp_context.get_start_method() == "fork"
assert executor.submit(os.getpid).result() != os.getpid()
assert len(executor._processes) == 2
try:
    with build_lock(lock_file):
        raise SystemExit("the lock was free while the build held it")
except BuildLocked:
    pass
os.close(fd)  # the build's hold ends (as when it is killed); its workers live on
# another build gets the folder (a worker still starting holds the inherited descriptor
# until its initializer closes it: a moment, longer on a loaded machine; never for good)
with build_lock(lock_file, wait=10):
    pass
pool.close()
print("ok")
"""


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no fork here")
def test_forked_workers_do_not_keep_the_build_lock(tmp_path: Path) -> None:
    """A build forks its workers (they start with dateline imported, where a spawned
    one imports it again), but a forked worker must not hold the build lock: once the
    build's own descriptor is closed (as when the build is killed outright), the
    folder is free at once, even while its workers still run."""
    settings = _site(tmp_path, "site", count=4)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _FORKED_LOCK,
            settings.model_dump_json(),
            str(tmp_path / "build.lock"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_worker_sends_the_summary_as_text_to_a_build_that_reads_it_on_arrival(
    tmp_path: Path,
) -> None:
    """Deflated for a build that holds it until the site-wide stage, as its JSON text for
    one that reads it back on arrival (no deflating only to inflate): either way the
    build reads back the same summary and writes the same state row."""
    settings = _site(tmp_path, "site", count=3)
    tasks = [ArticleTask(p, p.name, "k") for p in sorted(settings.content_dir.iterdir())]
    held: dict[bool, list[pipeline.WrittenArticle | None]] = {}
    for deflate in (True, False):
        out = settings.output_dir / str(deflate)
        worker = pipeline.ArticleWorker(settings)
        held[deflate] = [
            worker(task, write_to=WriteTo(out, 1e18, deflate=deflate)).kept for task in tasks
        ]
    for deflated, text in zip(held[True], held[False], strict=True):
        assert deflated is not None
        assert text is not None
        assert isinstance(deflated.summary, bytes)
        assert isinstance(text.summary, str)
        as_sent = [
            cache_module.StateEntry("k", kept.summary, kept.findings, kept.files)
            for kept in (deflated, text)
        ]
        rows = [entry.staged_row("a.md", text.slug, True) for entry in as_sent]
        assert rows[0] == rows[1]
        assert as_sent[0].summary == as_sent[1].summary
        assert as_sent[1].summary.slug == text.slug


def test_what_goes_between_processes_comes_back_equal(tmp_path: Path) -> None:
    """A task and what its worker wrote cross a pipe with each article (pickled field by
    field, see their ``__reduce__``): every field comes back."""
    settings = _site(tmp_path, "site", count=1)
    path = next(settings.content_dir.iterdir())
    task = ArticleTask(path, path.name, "", "site-key")
    made = pipeline.ArticleWorker(settings)(task, write_to=WriteTo(settings.output_dir, 1e18))
    assert made.kept is not None
    for value in (task, made.task, made.kept):
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == value
        assert type(again) is type(value)
    assert pickle.loads(pickle.dumps(made)).kept == made.kept


@pytest.mark.parametrize("notices", [True, False])
def test_what_a_worker_wrote_comes_back_whole_and_as_text(tmp_path: Path, notices: bool) -> None:
    """An article its worker wrote comes back as texts and bytes (see
    ``ArticleOutput.__reduce__``): everything the build reads of it is there, and
    it makes no path for the article until one is asked for."""
    settings = _site(tmp_path, "site", count=1)
    path = next(settings.content_dir.iterdir())
    task = ArticleTask(path, path.name, "", "site-key")
    write_to = WriteTo(settings.output_dir, 1e18, deflate=False, notices=notices)
    made = pipeline.ArticleWorker(settings)(task, write_to=write_to)
    assert made.kept is not None
    assert made.written
    sent = pickle.dumps([made], protocol=pickle.HIGHEST_PROTOCOL)
    if not notices:  # no finding names the file: no path object is sent at all
        assert b"pathlib" not in sent
    (again,) = pickle.loads(sent)
    assert again.task == made.task
    assert again.task.path == path
    for name in ("files", "entry", "written", "stored", "kept", "feed"):
        assert getattr(again, name) == getattr(made, name), name
    assert again.result.findings == made.result.findings
    assert bool(again.result.findings) is notices
    assert (again.result.slug, again.result.status, again.result.path) == (
        made.result.slug,
        "built",
        path,
    )
    assert again.result.ok


def test_a_build_that_shows_no_notices_keeps_them_for_one_that_does(tmp_path: Path) -> None:
    """Workers send back no notices to a build that does not show them (the command
    line's default), and the cache still keeps them: a later build with notices shows
    each article's, as a build that built them would."""
    settings = _site(tmp_path, "site")
    first = build_site(settings, jobs=2, notices=False)
    assert first.ok
    assert first.count("built") == 70
    assert not [f for f in first.findings if f.severity == "notice"]
    again = build_site(settings, jobs=2, notices=True)
    assert again.count("unchanged") == 70
    shown = [f for f in again.findings if f.severity == "notice"]
    fresh = _site(tmp_path, "fresh")
    built = build_site(fresh, jobs=2, notices=True)
    expected = [f for f in built.findings if f.severity == "notice"]
    assert expected
    assert sorted((f.path.name, f.code) for f in shown if f.path is not None) == sorted(
        (f.path.name, f.code) for f in expected if f.path is not None
    )
    # and the worker itself: its result for a build without notices holds none
    path = next(iter(sorted(settings.content_dir.iterdir())))
    task = ArticleTask(path, path.name, "k")
    for notices in (True, False):
        out = settings.output_dir.parent / f"out-{notices}"
        made = pipeline.ArticleWorker(settings)(task, write_to=WriteTo(out, 1e18, notices=notices))
        assert made.kept is not None
        assert any(f["severity"] == "notice" for f in json.loads(made.kept.findings))
        assert any(f.severity == "notice" for f in made.result.findings) is notices


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (70, 2), (1000, 3), (10_000, 2)])
def test_chunks_cover_every_task_in_order_and_shrink_at_the_end(count: int, jobs: int) -> None:
    """The pool's chunks take every task once, in order, never more than the chunk size;
    the last ones are small, so no process is left building a full chunk alone."""
    chunk = max(1, min(64, count // (jobs * 8)))
    bounds = list(pipeline.chunk_bounds(count, chunk, jobs))
    assert [i for start, end in bounds for i in range(start, end)] == list(range(count))
    sizes = [end - start for start, end in bounds]
    assert max(sizes) <= chunk
    assert all(size <= pipeline.TAIL_CHUNK for size in sizes[-2 * jobs :])
    if count >= 10_000:
        assert sizes[0] == chunk  # full chunks while there is plenty of work


def test_a_first_build_writes_its_article_files_without_looking_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into an output whose articles folder holds nothing, each file is written as new
    (no lookup first); a build over files already there looks, as before."""
    settings = _site(tmp_path, "site", count=3)
    looked: list[str] = []
    real = os.lstat

    def lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(path).parent.name == "articles":  # an article's file, not the folder
            looked.append(os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    first = build_site(settings, jobs=1)
    assert first.count("built") == 3
    assert looked == []
    again = build_site(settings, jobs=1, force=True)
    assert again.count("built") == 3
    assert len(looked) == 6


def test_site_files_are_placed_by_folder_not_each_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site-wide stage places its files in folders (archive pages, home pages) as
    the articles' are placed: each folder resolved once, not every file's path; the
    files are the same."""
    settings = _site(tmp_path, "site")
    resolved: list[str] = []

    def inside(root: Path, relative: str) -> Path:
        resolved.append(relative)
        return atomic.inside(root, relative)

    monkeypatch.setattr(pipeline, "inside", inside)
    assert build_site(settings, jobs=1).ok
    in_folders = [name for name in resolved if "/" in name]
    assert in_folders == []  # "archive", "page": folders, once each
    assert "archive" in resolved
    assert resolved.count("archive") == 1
    out = _published(settings.output_dir)
    assert any(name.startswith("archive/") for name in out)
    monkeypatch.undo()
    again = _site(tmp_path, "again")
    assert build_site(again, jobs=1).ok
    assert _published(again.output_dir) == out
