"""The state rows of built articles are written while the build runs ("staged") and
become the state only when the build saves it: the state a build leaves is the one
it would have saved row by row, and a build that dies leaves the state it found."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import dateline.pipeline
import dateline.write.cache
from dateline.errors import OutputError
from dateline.pipeline import build_site
from dateline.read.files import read_capped
from dateline.write.cache import FORMAT, BuildCache, CacheState, StateEntry

from .test_incremental import _same_slug_article, article, make_site


def _rows(out: Path) -> dict[str, tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(out / ".dateline" / "cache.sqlite")) as db:
        return {row[0]: row[1:] for row in db.execute("SELECT * FROM state")}


def test_the_state_is_the_same_whether_rows_are_staged_or_saved_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = make_site(tmp_path, name="staged")
    assert build_site(staged, jobs=2).ok

    def refused(self: BuildCache, articles: object, parse: bool, stamps: object) -> None:
        raise OutputError("disk full", path=self.state_file)

    monkeypatch.setattr(BuildCache, "stage", refused)  # every row saved at the end
    saved = make_site(tmp_path, name="saved")
    assert build_site(saved, jobs=2).ok
    state = _rows(staged.output_dir)
    assert len(state) == 11
    assert state == _rows(saved.output_dir)


def test_an_article_a_cross_check_fails_after_it_was_built_keeps_no_state_row(
    tmp_path: Path,
) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    before = _rows(settings.output_dir)
    # built (and staged) first, then failed with the unchanged article whose slug it took
    slug = "delegates-meet-in-quito-for-round-5-of-talks"
    (settings.content_dir / "a-newcomer.md").write_text(_same_slug_article(slug))
    report = build_site(settings)
    assert sorted(r.path.name for r in report.failed) == ["a-newcomer.md", "gen-05.txt"]
    after = _rows(settings.output_dir)
    assert "a-newcomer.md" not in after
    assert after["gen-05.txt"][0] == before["gen-05.txt"][0]  # the version still shown
    assert after["gen-05.txt"][-1] == 1  # carried


def test_a_build_that_dies_after_staging_leaves_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    good = _rows(settings.output_dir)
    (settings.content_dir / "gen-02.txt").write_text(article(2, city="Tunis"))

    def dies(self: BuildCache, state: object, before: object) -> None:
        self.commit()  # what it wrote so far reaches the file, then it is killed
        raise RuntimeError("killed")

    with monkeypatch.context() as patched:
        patched.setattr(BuildCache, "save_state", dies)
        with pytest.raises(RuntimeError):
            build_site(settings)
    assert _rows(settings.output_dir) == good
    # the next build builds the changed article again, and saves its row
    assert build_site(settings).count("built") == 1
    after = _rows(settings.output_dir)
    assert after["gen-02.txt"][0] != good["gen-02.txt"][0]
    assert {s: r for s, r in after.items() if s != "gen-02.txt"} == {
        s: r for s, r in good.items() if s != "gen-02.txt"
    }


def test_a_build_with_workers_commits_its_entries_while_they_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build wrote to the cache (entries, staged rows) reaches the file in
    batches while its workers run, not all at once after the last article; the state
    is still the one the build saves at its end."""
    settings = make_site(tmp_path)
    monkeypatch.setattr(dateline.pipeline, "STAGE_BATCH", 2)
    monkeypatch.setattr(dateline.pipeline, "COMMIT_BATCHES", 1)
    seen: list[tuple[int, int]] = []  # (entries, state rows) another connection reads
    real_commit, real_save = BuildCache.commit, BuildCache.save_state

    def commit(self: BuildCache) -> None:
        real_commit(self)
        with contextlib.closing(sqlite3.connect(self.state_file)) as db:
            entries = db.execute("SELECT count(*) FROM entries").fetchone()[0]
            state = db.execute("SELECT count(*) FROM state").fetchone()[0]
        seen.append((entries, state))

    saved: list[int] = []

    def save_state(self: BuildCache, state: Any, before: Any) -> None:
        saved.append(len(seen))
        real_save(self, state, before)

    monkeypatch.setattr(BuildCache, "commit", commit)
    monkeypatch.setattr(BuildCache, "save_state", save_state)
    assert build_site(settings, jobs=2).ok
    during = seen[: saved[0]]
    # committed a few at a time, growing, before the state was saved; no state yet
    assert len(during) >= 3
    assert [entries for entries, _ in during] == sorted(entries for entries, _ in during)
    assert during[0][0] < len(_rows(settings.output_dir))
    assert all(state == 0 for _, state in during)
    assert len(_rows(settings.output_dir)) == 11


def test_a_cache_of_another_format_is_replaced(tmp_path: Path) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    cache_file = settings.output_dir / ".dateline" / "cache.sqlite"
    with contextlib.closing(sqlite3.connect(cache_file)) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE name = 'format'")
        db.commit()
    again = build_site(settings)
    assert again.ok
    assert again.count("built") == 11  # nothing trusted from the old cache
    with contextlib.closing(sqlite3.connect(cache_file)) as db:
        (version,) = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    assert version == str(FORMAT)
    assert build_site(settings).count("unchanged") == 11


def _entry(key: str) -> StateEntry:
    return StateEntry(key, '{"summary": "' + key + '"}', [], {"articles/x.html": 1})


@pytest.mark.parametrize("stages", [False, True], ids=["stages-nothing", "stages-others"])
def test_rows_a_dead_build_staged_never_become_state(tmp_path: Path, stages: bool) -> None:
    """Staged rows are committed with the entries while a build runs: a build that died
    leaves them in the cache, and the next build saves its own rows, never those."""
    dead = BuildCache(tmp_path, writable=True)
    dead.load_state()
    dead.stage([("a.md", "a", _entry("dead-a")), ("b.md", "b", _entry("dead-b"))], parse=False)
    dead.commit()
    dead.close()  # killed before it saved its state

    cache = BuildCache(tmp_path, writable=True)
    before = cache.load_state()
    assert before.articles == {}
    built = _entry("new-b")
    if stages:
        cache.stage([("b.md", "b", built)], parse=False)
    cache.save_state(CacheState(site_key="site", articles={"b.md": built}), before)
    cache.close()
    assert {source: row[0] for source, row in _rows(tmp_path).items()} == {"b.md": "new-b"}


def test_a_full_build_state_then_an_incremental_one_keeps_the_unchanged_rows(
    tmp_path: Path,
) -> None:
    """A full build's staged rows become the state whole; the next build, which
    stages one row, adds it to the rows it reuses."""
    settings = make_site(tmp_path)
    assert build_site(settings, jobs=2).ok
    full = _rows(settings.output_dir)
    (settings.content_dir / "gen-03.txt").write_text(article(3, city="Lima"))
    assert build_site(settings, jobs=2).count("built") == 1
    after = _rows(settings.output_dir)
    assert after.keys() == full.keys()
    assert [s for s in full if after[s] != full[s]] == ["gen-03.txt"]


def test_a_full_build_that_fails_to_save_its_state_leaves_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings, jobs=2).ok
    good = _rows(settings.output_dir)

    def refused(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    (settings.content_dir / "gen-04.txt").write_text(article(4, city="Oslo"))
    with monkeypatch.context() as patched:
        # the last statements of saving the state fail: none of it is kept (also when
        # the cache was committed just before, as a large build's second process needs)
        patched.setattr(dateline.write.cache, "_write_stamps", refused)
        patched.setattr(dateline.pipeline, "SECOND_PROCESS_ARTICLES", 1)
        report = build_site(settings, jobs=2, force=True)
    assert [f.code for f in report.site_findings] == ["cache_not_saved"]
    assert _rows(settings.output_dir) == good


def test_the_last_batches_are_committed_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near the end of the articles to build, each batch is committed as it is staged:
    when the workers are done, at most one batch is left for the disk to take (the
    second process of the site-wide stage needs every entry committed first)."""
    settings = make_site(tmp_path)
    monkeypatch.setattr(dateline.pipeline, "STAGE_BATCH", 2)
    monkeypatch.setattr(dateline.pipeline, "COMMIT_BATCHES", 4)
    committed: list[int] = []  # entries another connection reads after each commit
    real_commit, real_save = BuildCache.commit, BuildCache.save_state

    def commit(self: BuildCache) -> None:
        real_commit(self)
        with contextlib.closing(sqlite3.connect(self.state_file)) as db:
            committed.append(db.execute("SELECT count(*) FROM entries").fetchone()[0])

    before_save: list[int] = []

    def save_state(self: BuildCache, state: Any, before: Any) -> None:
        before_save.append(committed[-1] if committed else 0)
        real_save(self, state, before)

    monkeypatch.setattr(BuildCache, "commit", commit)
    monkeypatch.setattr(BuildCache, "save_state", save_state)
    assert build_site(settings, jobs=2).ok
    assert len(_rows(settings.output_dir)) == 11
    # every batch but the last (which is the build's end) committed while articles came
    assert 11 - before_save[0] <= 2
    assert committed == sorted(committed)


def _stamps(out: Path) -> dict[str, tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(out / ".dateline" / "cache.sqlite")) as db:
        return {row[0]: (row[1], row[2]) for row in db.execute("SELECT * FROM stamps")}


def test_the_stamps_of_built_articles_are_written_while_they_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamps of the files a build read (which key their bytes give) are written
    with the staged rows while the workers run, not after the site-wide stage; the
    next build trusts them: it reads no file again."""
    settings = make_site(tmp_path)
    monkeypatch.setattr(dateline.write.cache, "RACY_SECONDS", 0.0)  # every file trusted now
    monkeypatch.setattr(dateline.pipeline, "STAGE_BATCH", 2)
    monkeypatch.setattr(dateline.pipeline, "COMMIT_BATCHES", 1)
    committed: list[int] = []
    real_commit, real_save = BuildCache.commit, BuildCache.save_state

    def commit(self: BuildCache) -> None:
        real_commit(self)
        committed.append(len(_stamps(settings.output_dir)))

    before_save: list[int] = []

    def save_state(self: BuildCache, state: Any, before: Any) -> None:
        before_save.append(committed[-1] if committed else 0)
        real_save(self, state, before)

    with monkeypatch.context() as patched:
        patched.setattr(BuildCache, "commit", commit)
        patched.setattr(BuildCache, "save_state", save_state)
        assert build_site(settings, jobs=2).ok
    assert before_save[0] >= 9
    stamps, state = _stamps(settings.output_dir), _rows(settings.output_dir)
    assert sorted(stamps) == sorted(state)
    assert all(stamps[source][1] == row[0] for source, row in state.items())
    read: list[Path] = []

    def counted(path: Path, *args: Any, **kwargs: Any) -> bytes:
        read.append(path)
        return read_capped(path, *args, **kwargs)

    monkeypatch.setattr(dateline.pipeline, "read_capped", counted)
    assert build_site(settings, jobs=2).count("unchanged") == 11
    assert read == []
