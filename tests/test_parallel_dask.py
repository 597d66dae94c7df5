"""The per-article stage on a Dask cluster gives the same bytes as a local build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.pipeline import build_site

from .test_incremental import make_site, tree

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster on loopback, started by the test: one worker, two threads."""
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        dashboard_address=None,
        host="127.0.0.1",
        protocol="tcp",
    ) as cluster:
        yield str(cluster.scheduler_address)


def test_a_dask_build_equals_a_clean_serial_build(tmp_path: Path, scheduler: str) -> None:
    local = make_site(tmp_path, name="local")
    assert build_site(local, force=True, jobs=1).ok
    on_dask = make_site(tmp_path, name="dask")
    report = build_site(on_dask, scheduler=scheduler)
    assert report.ok, [str(f) for f in report.findings]
    assert report.count("built") == 11
    assert tree(on_dask.output_dir) == tree(local.output_dir)
    # and a rebuild on the cluster after one change is still a local build's twin
    (on_dask.content_dir / "gen-02.txt").write_text(
        "Lima\n\nPublished 2 March 2024 02:05 GMT\n\nLIMA: Talks ended.\n"
    )
    (local.content_dir / "gen-02.txt").write_text(
        "Lima\n\nPublished 2 March 2024 02:05 GMT\n\nLIMA: Talks ended.\n"
    )
    assert build_site(on_dask, scheduler=scheduler).count("built") == 1
    assert build_site(local, force=True, jobs=1).ok
    assert tree(on_dask.output_dir) == tree(local.output_dir)


def test_the_command_line_takes_a_scheduler(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_site(tmp_path, count=2)
    config = tmp_path / "site" / "dateline.toml"
    config.write_text(config.read_text().replace("[site]", "[site]\nenrich = false", 1))
    args = ["build", "--config", str(config), "--out", str(settings.output_dir)]
    ran = CliRunner().invoke(main, [*args, "--executor", "dask", "--scheduler", scheduler])
    assert ran.exit_code == 0, ran.output
    assert "5 built" in ran.stderr
    alone = CliRunner().invoke(main, [*args, "--executor", "dask"])
    assert alone.exit_code == 2
    monkeypatch.setattr("dateline.pipeline.DASK_CONNECT_SECONDS", 2.0)
    unreachable = CliRunner().invoke(
        main, [*args, "--force", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert unreachable.exit_code == 2
    assert "scheduler_unreachable" in unreachable.stderr
