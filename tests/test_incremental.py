"""Incremental builds: unchanged articles are not built again, and an incremental or
parallel build writes exactly what a clean serial build writes."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

import dateline.pipeline
import dateline.write.cache
from dateline.cli import main
from dateline.emit.site import SiteGraph, site_graph_digest
from dateline.emit.siteinput import SiteInput
from dateline.pipeline import ArticleResult, BuildReport, build_site, check_site
from dateline.settings import Settings, load_settings
from dateline.write.cache import BuildCache

from .conftest import DATA
from .test_list_items import _summary

SITE = DATA / "site"

CITIES = ("Geneva", "Nairobi", "Lima", "Oslo", "Hanoi", "Quito", "Accra", "Riga")


def tree(root: Path) -> dict[str, bytes]:
    """The published files (not the cache in .dateline/)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".dateline"
    }


def article(number: int, city: str = "") -> str:
    city = city or CITIES[number % len(CITIES)]
    return (
        f"Delegates meet in {city} for round {number} of talks\n\n"
        f"Published {number % 27 + 1} March 2024 {number % 24:02d}:05 GMT\n\n"
        f"{city.upper()}: Delegates from {number + 3} countries met on Tuesday for talks "
        f"on a treaty, officials said.\n\nThe round is the {number}th this year.\n"
    )


def count_hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources whose bytes a build hashes for their cache key, in order: a file whose
    stat says it is unchanged must not be read at all."""
    hashed: list[str] = []
    real_key = dateline.write.cache.article_key

    def counting(site: str, source: str, *args: bytes | None) -> str:
        hashed.append(source)
        return real_key(site, source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(dateline.pipeline, "article_key", counting)
    return hashed


def make_site(tmp_path: Path, count: int = 8, name: str = "site") -> Settings:
    """The test site (three articles, one with a sidecar) plus ``count`` generated ones;
    enrichment off, so the tests measure the build, not the language model."""
    site = tmp_path / name
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    for number in range(count):
        (site / "content" / f"gen-{number:02d}.txt").write_text(article(number))
    settings = load_settings(site / "dateline.toml")
    return settings.model_copy(update={"enrich": False, "output_dir": site / "out"})


@pytest.fixture
def processed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the articles the build processes (read, enrich, model, validate)."""
    names: list[str] = []
    real = dateline.pipeline.process_article

    def recording(path: Path, *args: object, **kwargs: object) -> ArticleResult:
        names.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dateline.pipeline, "process_article", recording)
    return names


def test_a_rebuild_of_unchanged_articles_reads_and_writes_nothing(
    tmp_path: Path, processed: list[str]
) -> None:
    settings = make_site(tmp_path)
    first = build_site(settings)
    assert first.ok
    assert first.count("built") == 11
    processed.clear()
    again = build_site(settings)
    assert processed == []
    assert again.ok
    assert (again.count("built"), again.count("unchanged")) == (0, 11)
    assert again.written == []
    assert again.removed == []
    # the findings of unchanged articles are still reported
    assert sorted(f.code for f in again.findings) == sorted(f.code for f in first.findings)


def test_a_changed_article_rewrites_only_its_files_and_the_site_files(
    tmp_path: Path, processed: list[str]
) -> None:
    settings = make_site(tmp_path)
    build_site(settings)
    before = tree(settings.output_dir)
    processed.clear()
    changed = settings.content_dir / "gen-03.txt"
    changed.write_text(changed.read_text().replace("Tuesday", "Wednesday"))
    report = build_site(settings)
    assert processed == ["gen-03.txt"]
    assert (report.count("built"), report.count("unchanged")) == (1, 10)
    slug = "delegates-meet-in-oslo-for-round-3-of-talks"
    after = tree(settings.output_dir)
    rewritten = {name for name in after if after[name] != before.get(name)}
    # the archive page that holds it changes too, and no other
    pages = {n for n in rewritten if n.startswith("archive/")}
    assert pages == {"archive/atom-3.xml", "archive/rss-3.xml"}
    assert all(slug in after[page].decode() for page in pages)
    rewritten -= pages
    assert rewritten <= {
        f"articles/{slug}.html",
        f"articles/{slug}.jsonld",
        "rss.xml",
        "atom.xml",
        "feed.json",
        "index.html",
        "index.jsonld",
    }
    assert f"articles/{slug}.html" in rewritten
    assert "Wednesday" in after[f"articles/{slug}.jsonld"].decode()


def test_a_changed_sidecar_builds_its_article_again(tmp_path: Path, processed: list[str]) -> None:
    settings = make_site(tmp_path)
    build_site(settings)
    processed.clear()
    (settings.content_dir / "undated-note.yaml").write_text("date: 2023-11-03\nlanguage: en-GB\n")
    report = build_site(settings)
    assert processed == ["undated-note.txt"]
    doc = json.loads(
        (settings.output_dir / "articles" / "an-undated-note-from-the-desk.jsonld").read_text()
    )
    assert doc["@graph"][0]["datePublished"].startswith("2023-11-03")
    assert report.ok


def test_added_and_deleted_articles(tmp_path: Path, processed: list[str]) -> None:
    settings = make_site(tmp_path)
    build_site(settings)
    processed.clear()
    (settings.content_dir / "gen-99.txt").write_text(article(99, "Dakar"))
    (settings.content_dir / "gen-01.txt").unlink()
    report = build_site(settings)
    assert processed == ["gen-99.txt"]
    assert sorted(p.name for p in report.removed) == [
        "delegates-meet-in-nairobi-for-round-1-of-talks.html",
        "delegates-meet-in-nairobi-for-round-1-of-talks.jsonld",
    ]
    out = settings.output_dir
    assert (out / "articles" / "delegates-meet-in-dakar-for-round-99-of-talks.html").is_file()
    index = json.loads((out / "index.jsonld").read_text())
    headlines = [n.get("headline") for n in index["@graph"]]
    assert "Delegates meet in Dakar for round 99 of talks" in headlines
    assert "Delegates meet in Nairobi for round 1 of talks" not in headlines


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s.model_copy(update={"title": "Another Desk"}), id="settings"),
        pytest.param(lambda s: s, id="force"),
    ],
)
def test_settings_changes_and_force_build_everything_again(
    tmp_path: Path, processed: list[str], change: Callable[[Settings], Settings]
) -> None:
    settings = make_site(tmp_path)
    build_site(settings)
    processed.clear()
    changed = change(settings)
    report = build_site(changed, force=changed is settings)
    assert len(processed) == 11
    assert report.count("built") == 11


def test_a_damaged_cache_or_missing_output_is_never_trusted(
    tmp_path: Path, processed: list[str]
) -> None:
    settings = make_site(tmp_path)
    build_site(settings)
    clean = tree(settings.output_dir)
    out, cache = settings.output_dir, BuildCache(settings.output_dir)
    # a page and a feed deleted by hand, a page cut short (a disk that filled), a
    # truncated entry
    (out / "articles" / "delegates-meet-in-lima-for-round-2-of-talks.html").unlink()
    (out / "rss.xml").unlink()
    half = out / "articles" / "delegates-meet-in-oslo-for-round-3-of-talks.jsonld"
    half.write_bytes(half.read_bytes()[:100])
    with sqlite3.connect(cache.state_file) as db:
        # the newest article's entry (the feeds, made again, need its body) cut short
        db.execute(
            "UPDATE entries SET data = substr(data, 1, 50) WHERE key = "
            "(SELECT key FROM state WHERE source = '2024-03-kyiv-visit.md')"
        )
    db.close()
    processed.clear()
    build_site(settings)
    assert sorted(processed) == ["2024-03-kyiv-visit.md", "gen-02.txt", "gen-03.txt"]
    assert tree(out) == clean
    # a damaged cache file: everything is built again, to the same bytes
    cache.state_file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    processed.clear()
    build_site(settings)
    assert len(processed) == 11
    assert tree(out) == clean


def _final_content(settings: Settings) -> None:
    """The edits the incremental build sees: one changed, one added, one deleted."""
    content = settings.content_dir
    changed = content / "gen-04.txt"
    changed.write_text(changed.read_text().replace("officials said", "the hosts said"))
    (content / "gen-50.txt").write_text(article(50, "Dakar"))
    (content / "gen-06.txt").unlink()


def test_incremental_and_parallel_builds_equal_a_clean_serial_build(tmp_path: Path) -> None:
    # incremental: build, edit, build again
    incremental = make_site(tmp_path, name="incremental")
    assert build_site(incremental, jobs=2).ok
    _final_content(incremental)
    report = build_site(incremental, jobs=2)
    assert report.ok
    assert report.count("built") == 2
    # clean and serial, from the same final content
    clean = make_site(tmp_path, name="clean")
    _final_content(clean)
    assert build_site(clean, force=True, jobs=1).ok
    # clean and parallel
    parallel = make_site(tmp_path, name="parallel")
    _final_content(parallel)
    assert build_site(parallel, force=True, jobs=2).ok
    expected = tree(clean.output_dir)
    assert len(expected) > 20
    assert tree(incremental.output_dir) == expected
    assert tree(parallel.output_dir) == expected
    rss = feedparser.parse(expected["rss.xml"])
    assert not rss.bozo


def _record_builders(monkeypatch: pytest.MonkeyPatch, log: Path, die_in_copy: bool = False) -> None:
    """Each article a build processes is logged with the process that built it (a
    forked copy's own list would be lost); with ``die_in_copy`` a forked copy of the
    build ends at its first article, as a killed one would."""
    real = dateline.pipeline.process_article
    build = os.getpid()

    def recording(path: Path, *args: object, **kwargs: object) -> ArticleResult:
        if die_in_copy and os.getpid() != build:
            os._exit(3)
        with log.open("a") as handle:
            handle.write(f"{os.getpid()} {path.name}\n")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dateline.pipeline, "process_article", recording)


def _builders(log: Path) -> dict[str, int]:
    return {name: int(pid) for pid, name in (line.split() for line in log.read_text().splitlines())}


@pytest.mark.skipif(
    not dateline.pipeline.fork_workers() or dateline.pipeline.default_jobs() < 2,
    reason="a copy is forked only with fork() and two cores",
)
@pytest.mark.parametrize("copy_dies", [False, True])
def test_a_few_changed_articles_are_built_aside_to_the_bytes_of_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copy_dies: bool
) -> None:
    """A few articles changed among many unchanged ones: a forked copy of the build
    builds them while the build reads back the others (here "many" is one), and the
    site is what a clean serial build makes; a copy that dies leaves them to the
    build itself, to the same bytes."""
    monkeypatch.setattr(dateline.pipeline, "ASIDE_REUSED", 1)
    incremental = make_site(tmp_path, name="incremental")
    assert build_site(incremental, jobs=1).ok
    log = tmp_path / "built-by"
    _record_builders(monkeypatch, log, die_in_copy=copy_dies)
    _final_content(incremental)
    report = build_site(incremental, jobs=None)
    assert report.ok
    assert (report.count("built"), report.count("unchanged")) == (2, 9)
    builders = _builders(log)
    assert sorted(builders) == ["gen-04.txt", "gen-50.txt"]
    if copy_dies:
        assert set(builders.values()) == {os.getpid()}
    else:
        assert os.getpid() not in builders.values()
    clean = make_site(tmp_path, name="clean")
    _final_content(clean)
    monkeypatch.undo()
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(incremental.output_dir) == tree(clean.output_dir)


def test_a_build_removes_only_files_its_manifest_lists(tmp_path: Path) -> None:
    """`--out content`, or any folder holding other files: nothing of theirs is removed."""
    settings = make_site(tmp_path, count=2)
    out = settings.output_dir
    theirs = {
        "articles/story.md": b"# a story\n",
        "articles/story.yaml": b"title: x\n",
        "articles/notes.txt.bak": b"notes\n",
        "articles/old-page.html": b"<p>someone else's page</p>\n",
        "humans.txt": b"Made by people\n",
    }
    for name, data in theirs.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    build_site(settings)
    (settings.content_dir / "gen-00.txt").unlink()  # one of ours goes
    report = build_site(settings)
    assert [p.name for p in report.removed] == [
        "delegates-meet-in-geneva-for-round-0-of-talks.html",
        "delegates-meet-in-geneva-for-round-0-of-talks.jsonld",
    ]
    for name, data in theirs.items():
        assert (out / name).read_bytes() == data


def test_dry_run_lists_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    build_site(settings)
    content = settings.content_dir
    (content / "gen-00.txt").unlink()
    (content / "gen-01.txt").write_text(article(1, "Lagos"))
    before = tree(settings.output_dir)
    config = tmp_path / "site" / "dateline.toml"
    config.write_text(config.read_text().replace("[site]", "[site]\nenrich = false", 1))
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--out", str(settings.output_dir), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert tree(settings.output_dir) == before
    lines = set(result.stdout.splitlines())
    out = settings.output_dir
    assert f"write {out / 'articles/delegates-meet-in-lagos-for-round-1-of-talks.html'}" in lines
    assert f"write {out / 'index.jsonld'}" in lines
    assert f"remove {out / 'articles/delegates-meet-in-geneva-for-round-0-of-talks.html'}" in lines
    assert f"remove {out / 'articles/delegates-meet-in-nairobi-for-round-1-of-talks.html'}" in lines
    assert not any("blinken" in line for line in lines)  # unchanged: not listed
    # and the real build then does exactly that
    report = build_site(settings)
    assert sorted(p.name for p in report.removed) == sorted(
        Path(line.split(" ", 1)[1]).name for line in lines if line.startswith("remove ")
    )


def test_a_slug_too_long_for_a_file_name_fails_that_article_only(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    (settings.content_dir / "gen-01.yaml").write_text("slug: " + "a" * 260 + "\n")
    checked = check_site(settings)
    assert [r.path.name for r in checked.failed] == ["gen-01.txt"]
    errors = [f.code for f in checked.failed[0].findings if f.severity == "error"]
    assert errors == ["file_name_too_long"]
    report: BuildReport = build_site(settings)
    assert [r.path.name for r in report.failed] == ["gen-01.txt"]
    assert len(report.published) == 4
    rss = feedparser.parse((settings.output_dir / "rss.xml").read_bytes())
    assert not rss.bozo
    index = json.loads((settings.output_dir / "index.jsonld").read_text())
    assert len([n for n in index["@graph"] if n["@type"] == "NewsArticle"]) == 4


def test_closing_line_counts_built_unchanged_failed_removed(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    config = tmp_path / "site" / "dateline.toml"
    config.write_text(config.read_text().replace("[site]", "[site]\nenrich = false", 1))
    args = ["build", "--config", str(config), "--out", str(settings.output_dir)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "5 built, 0 unchanged, 0 failed, 0 removed" in first.stderr
    (settings.content_dir / "gen-00.txt").unlink()
    again = CliRunner().invoke(main, args)
    assert "0 built, 4 unchanged, 0 failed, 2 removed" in again.stderr


def test_a_file_whose_stat_is_unchanged_is_not_read_and_any_change_is_seen(
    tmp_path: Path, processed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dateline.write.cache, "RACY_SECONDS", 0.0)
    hashed = count_hashed(monkeypatch)
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    assert len(hashed) == 11
    hashed.clear()
    processed.clear()
    assert build_site(settings).count("unchanged") == 11
    assert hashed == []  # every stamp matched: nothing read
    # new bytes of the same length, with the old modification time put back: the
    # change time and the inode still tell (an editor's tool that keeps mtimes)
    changed = settings.content_dir / "gen-04.txt"
    before = changed.stat()
    text = changed.read_text()
    replaced = tmp_path / "new.txt"
    replaced.write_text(text.replace("officials said", "officials SAID"))
    os.utime(replaced, ns=(before.st_atime_ns, before.st_mtime_ns))
    replaced.replace(changed)
    assert changed.stat().st_size == before.st_size
    report = build_site(settings)
    assert processed == ["gen-04.txt"]
    assert hashed == ["gen-04.txt"]
    assert report.count("built") == 1
    # a file changed within the racy window is never trusted by its stamp
    monkeypatch.setattr(dateline.write.cache, "RACY_SECONDS", 3600.0)
    hashed.clear()
    assert build_site(settings).count("unchanged") == 11
    assert len(hashed) == 11


def test_files_too_new_to_trust_when_a_large_build_planned_are_stamped_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site written just before its first build (an import, a generated corpus): its
    files' stamps cannot be trusted when the build plans, and the next build would read
    and hash every one. While a large build's second process works, the build stamps
    them, once they are old enough, if they still hold what was built; a file changed
    since keeps none."""
    monkeypatch.setattr(dateline.pipeline, "SECOND_PROCESS_ARTICLES", 1)
    monkeypatch.setattr(dateline.pipeline, "SETTLE_BATCH", 4)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # see test_stream
    monkeypatch.setattr(dateline.write.cache, "RACY_SECONDS", 3600.0)  # all too new
    settings = make_site(tmp_path)
    changed = settings.content_dir / "gen-04.txt"
    real_files = dateline.pipeline._site_files
    parent = os.getpid()

    def slow(*args: Any) -> Any:
        if os.getpid() != parent:  # the second process: this one has time to settle all
            time.sleep(1.0)
        return real_files(*args)

    monkeypatch.setattr(dateline.pipeline, "_site_files", slow)
    real_settled = dateline.pipeline._settled
    batches: list[int] = []

    def late(*args: Any) -> dict[str, tuple[str, str]]:
        if not batches:  # the articles are built: one changes, every file grows old
            changed.write_text(changed.read_text().replace("officials said", "officials SAID"))
            monkeypatch.setattr(dateline.write.cache, "RACY_SECONDS", 0.2)
            time.sleep(0.3)
        batches.append(len(args[3]))
        return real_settled(*args)

    monkeypatch.setattr(dateline.pipeline, "_settled", late)
    assert build_site(settings, jobs=None).count("built") == 11
    assert batches == [4, 4, 3]
    stamps = BuildCache(settings.output_dir).load_state().stamps
    assert len(stamps) == 10
    assert "gen-04.txt" not in stamps
    # the next build reads the changed file alone, and builds it
    hashed = count_hashed(monkeypatch)
    report = build_site(settings, jobs=1)
    assert hashed == ["gen-04.txt"]
    assert report.count("built") == 1


def _same_slug_article(slug: str) -> str:
    return (
        "---\ntitle: A newcomer that took another article's slug\n"
        f"date: 2024-03-20 10:00\nslug: {slug}\n---\n"
        "GENEVA: Delegates met again on Tuesday, officials said.\n"
    )


def test_a_duplicate_slug_found_late_leaves_the_published_version_on_disk(
    tmp_path: Path,
) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    out = settings.output_dir
    slug = "delegates-meet-in-quito-for-round-5-of-talks"
    page = out / "articles" / f"{slug}.html"
    published = page.read_bytes()
    # sorted before gen-05.txt: built (and written) before the reused one is seen
    (settings.content_dir / "a-newcomer.md").write_text(_same_slug_article(slug))
    report = build_site(settings)
    assert sorted(r.path.name for r in report.failed) == ["a-newcomer.md", "gen-05.txt"]
    assert page.read_bytes() == published
    assert "newcomer" not in (out / "rss.xml").read_text() + (out / "index.html").read_text()


def test_new_articles_failing_a_cross_check_leave_no_files(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    assert build_site(settings).ok
    for name in ("a-one.md", "b-two.md"):
        (settings.content_dir / name).write_text(_same_slug_article("taken-twice"))
    report = build_site(settings, jobs=2)
    assert sorted(r.path.name for r in report.failed) == ["a-one.md", "b-two.md"]
    assert not list(settings.output_dir.glob("articles/taken-twice.*"))
    manifest = json.loads((settings.output_dir / ".dateline-manifest.json").read_text())
    assert not any("taken-twice" in f for files in manifest["files"].values() for f in files)


def test_a_version_carried_without_the_cache_keeps_its_time_zone(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    assert build_site(settings).ok
    out = settings.output_dir
    home = (out / "index.html").read_bytes()
    assert b"09:30 Kyiv time" in home
    BuildCache(out).state_file.unlink()  # an older dateline's folder, or a deleted cache
    kyiv = settings.content_dir / "2024-03-kyiv-visit.md"
    kyiv.write_text(kyiv.read_text().replace("date: 2024-05-14 09:30", "date: someday"))
    report = build_site(settings)
    assert [r.path.name for r in report.failed] == [kyiv.name]
    assert [s.slug for s in report.carried] == ["blinken-kyiv-may-2024"]
    assert report.carried[0].timezone == "Europe/Kyiv"
    assert not report.carried[0].draft
    # the home page lists the kept version exactly as it did
    assert (out / "index.html").read_bytes() == home


def test_the_cache_key_reads_a_file_within_the_readers_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = count_hashed(monkeypatch)
    settings = make_site(tmp_path, count=1).model_copy(update={"max_file_bytes": 4000})
    (settings.content_dir / "huge.txt").write_text(article(7) + "x" * 5000)
    (settings.content_dir / "away.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text(article(8))
    report = build_site(settings)
    failed = {r.path.name: {f.code for f in r.findings} for r in report.failed}
    assert failed == {"huge.txt": {"file_too_large"}, "away.txt": {"outside_content"}}
    assert "huge.txt" not in hashed
    assert "away.txt" not in hashed


def test_a_body_change_leaves_the_files_that_do_not_show_bodies_unwritten(
    tmp_path: Path,
) -> None:
    """The site graph, the home page and the sitemap show headlines, dates and
    addresses, not bodies: a build after a body-only edit keeps them as they are
    (not even written), and the site is still what a clean serial build makes."""
    settings = make_site(tmp_path)
    build_site(settings)
    out = settings.output_dir
    changed = settings.content_dir / "gen-03.txt"
    # not its first paragraph, which is also its summary
    changed.write_text(changed.read_text().replace("this year", "so far this year"))
    report = build_site(settings)
    assert report.count("built") == 1
    written = {p.relative_to(out).as_posix() for p in report.written}
    assert "articles/delegates-meet-in-oslo-for-round-3-of-talks.html" in written
    assert not written & {"index.jsonld", "index.html", "sitemap.xml", ".dateline-manifest.json"}
    assert report.outputs["index.jsonld"] is None  # kept, never even encoded
    assert report.outputs["events.ics"] is None  # its events did not change
    # a changed headline is in all three
    changed.write_text(changed.read_text().replace("Delegates meet", "Envoys meet"))
    report = build_site(settings)
    written = {p.relative_to(out).as_posix() for p in report.written}
    assert {"index.jsonld", "index.html", "sitemap.xml"} <= written
    clean = make_site(tmp_path, name="clean")
    (clean.content_dir / "gen-03.txt").write_text(changed.read_text())
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(out) == tree(clean.output_dir)


def test_the_calendar_is_made_again_when_an_event_changes(tmp_path: Path) -> None:
    """events.ics is kept while what it lists is the same, and made again (as a clean
    build makes it) when an article renames an event."""
    settings = make_site(tmp_path, count=2)
    build_site(settings)
    kyiv = settings.content_dir / "2024-03-kyiv-visit.md"
    kyiv.write_text(kyiv.read_text().replace("Meeting between", "Talks between"))
    report = build_site(settings)
    assert report.count("built") == 1
    assert settings.output_dir / "events.ics" in report.written
    assert (
        b"SUMMARY:Talks between Antony Blinken" in (settings.output_dir / "events.ics").read_bytes()
    )
    clean = make_site(tmp_path, count=2, name="clean")
    (clean.content_dir / "2024-03-kyiv-visit.md").write_text(kyiv.read_text())
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(settings.output_dir) == tree(clean.output_dir)


def test_a_manifest_in_an_older_form_is_written_again(tmp_path: Path) -> None:
    """A build whose manifest equals the one there does not write it; one from an older
    dateline (no "files") is written in full at the next build that does anything."""
    settings = make_site(tmp_path)
    build_site(settings)
    path = settings.output_dir / ".dateline-manifest.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({k: v for k, v in data.items() if k != "files"}))
    changed = settings.content_dir / "gen-03.txt"
    changed.write_text(changed.read_text().replace("this year", "so far this year"))
    assert build_site(settings).ok
    assert json.loads(path.read_text()) == data


def test_the_cache_keeps_only_the_entries_its_sources_use(tmp_path: Path) -> None:
    """An entry replaced (its article changed) or left behind (its article deleted) is
    dropped when the cache is saved: the cache does not grow with every edit."""
    settings = make_site(tmp_path, count=3)
    assert build_site(settings).ok
    content = settings.content_dir
    with (content / "gen-00.txt").open("a") as f:
        f.write("\nOne more sentence.\n")
    (content / "gen-01.txt").unlink()
    assert build_site(settings).ok
    with sqlite3.connect(BuildCache(settings.output_dir).state_file) as db:
        entries = {k for (k,) in db.execute("SELECT key FROM entries")}
        used = {k for (k,) in db.execute("SELECT key FROM state")}
        sources = {s for (s,) in db.execute("SELECT source FROM state")}
    assert entries == used
    assert "gen-01.txt" not in sources
    assert len(sources) == len(used) == 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_cache_holds_each_body_once(tmp_path: Path, jobs: int) -> None:
    """An entry's body HTML is in its own column, not in the entry's JSON too (the
    cache of a large site was twice the size), and reads back whole: the feeds of an
    incremental build, made from the cached bodies, are a clean build's."""
    settings = make_site(tmp_path, count=3)
    assert build_site(settings, jobs=jobs).ok
    cache = BuildCache(settings.output_dir)
    with sqlite3.connect(cache.state_file) as db:
        rows = list(db.execute("SELECT key, data, body FROM entries"))
    assert len(rows) == 6
    for key, data, body in rows:
        assert "<p>" in body
        assert "body" not in json.loads(data)
        entry = cache.read_entry(key)
        assert entry is not None
        assert entry.body == body == cache.read_body(key)
    cache.close()
    with (settings.content_dir / "gen-00.txt").open("a") as f:
        f.write("\nOne more sentence.\n")
    assert build_site(settings, jobs=jobs).ok
    clean = make_site(tmp_path, count=3, name="clean")
    (clean.content_dir / "gen-00.txt").write_text((settings.content_dir / "gen-00.txt").read_text())
    assert build_site(clean, force=True, jobs=1).ok
    assert tree(settings.output_dir) == tree(clean.output_dir)
    assert not feedparser.parse(settings.output_dir / "rss.xml").bozo


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headline", "Another headline"),
        ("slug", "another-story"),
        ("date_published", "2024-05-15T09:30:00+03:00"),
        ("date_modified", "2024-05-16T10:00:00+03:00"),
        ("in_language", "fr"),
        ("index_text", '{\n  "@id": "https://example.org/x#article"\n}'),
        ("base", "https://example.net/"),
    ],
)
def test_the_site_graph_is_made_again_when_a_field_its_nodes_show_changes(
    field: str, value: str
) -> None:
    """The site graph's digest (which says whether index.jsonld and the home page are
    made again) is made from the fields its article nodes are written from, not from
    its text: each of them changes the text, and so the digest."""
    settings = load_settings(SITE / "dateline.toml")
    articles = [_summary(n, settings.base_url) for n in range(3)]
    changed = list(articles)
    changed[1] = dataclasses.replace(articles[1], **{field: value})  # type: ignore[arg-type]

    def digest(listed: list[Any]) -> str:
        return site_graph_digest(settings, SiteInput(listed, lambda _: "", key_of=lambda _: "k"))

    assert SiteGraph(settings, changed).text() != SiteGraph(settings, articles).text()
    assert digest(changed) != digest(articles)
    assert digest(list(articles)) == digest(articles)
