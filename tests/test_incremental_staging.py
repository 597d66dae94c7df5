"""The state rows of built articles are written while the build runs ("staged") and
become the state only when the build saves it: the state a build leaves is the one
it would have saved row by row, and a build that dies leaves the state it found."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dateline.errors import OutputError
from dateline.pipeline import build_site
from dateline.write.cache import BuildCache

from .test_incremental import _same_slug_article, article, make_site


def _rows(out: Path) -> dict[str, tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(out / ".dateline" / "cache.sqlite")) as db:
        return {row[0]: row[1:] for row in db.execute("SELECT * FROM state")}


def test_the_state_is_the_same_whether_rows_are_staged_or_saved_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = make_site(tmp_path, name="staged")
    assert build_site(staged, jobs=2).ok

    def refused(self: BuildCache, articles: object, parse: bool) -> None:
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
