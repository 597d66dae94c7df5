"""The state rows of built articles are written while the build runs ("staged") and
become the state only when the build saves it: the state a build leaves is the one
it would have saved row by row, and a staged row never outlives its build."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from dateline.errors import OutputError
from dateline.pipeline import build_site
from dateline.write.cache import BuildCache, StateEntry

from .test_incremental import _same_slug_article, article, make_site


def _rows(out: Path, table: str = "state") -> dict[str, tuple[str, ...]]:
    with contextlib.closing(sqlite3.connect(out / ".dateline" / "cache.sqlite")) as db:
        return {row[0]: row[1:] for row in db.execute(f"SELECT * FROM {table}")}


def test_the_state_is_the_same_whether_rows_are_staged_or_saved_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = make_site(tmp_path, name="staged")
    assert build_site(staged, jobs=2).ok
    assert _rows(staged.output_dir, "staged") == {}  # moved into the state, none left

    def refused(self: BuildCache, articles: object) -> None:
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
    assert _rows(settings.output_dir, "staged") == {}


def test_rows_a_build_that_died_left_staged_are_never_used(tmp_path: Path) -> None:
    settings = make_site(tmp_path)
    assert build_site(settings).ok
    good = _rows(settings.output_dir)
    # a build that staged a row for gen-01.txt, committed it, and died
    cache = BuildCache(settings.output_dir, writable=True)
    state = cache.load_state()
    real = state.articles["gen-01.txt"]
    cache.stage([("gen-01.txt", StateEntry("not-its-key", real.summary, [], real.files))])
    cache.commit()
    cache.close()
    assert set(_rows(settings.output_dir, "staged")) == {"gen-01.txt"}
    # the next build (one other article changed) keeps the real row
    (settings.content_dir / "gen-02.txt").write_text(article(2, city="Tunis"))
    assert build_site(settings).count("built") == 1
    after = _rows(settings.output_dir)
    assert after["gen-01.txt"] == good["gen-01.txt"]
    assert after["gen-02.txt"][0] != good["gen-02.txt"][0]
    assert _rows(settings.output_dir, "staged") == {}
