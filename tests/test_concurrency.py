"""One build at a time per output folder: a second one waits or exits 2, never interleaves."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.pipeline import build_site
from dateline.write.cache import BuildCache
from dateline.write.lock import BuildLocked, build_lock

from .test_incremental import make_site


def cli_args(tmp_path: Path, out: Path) -> list[str]:
    config = tmp_path / "site" / "dateline.toml"
    text = config.read_text()
    if "enrich = false" not in text:
        config.write_text(text.replace("[site]", "[site]\nenrich = false", 1))
    return ["build", "--config", str(config), "--out", str(out)]


def test_a_second_build_exits_2_while_another_holds_the_folder(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    with build_lock(BuildCache(settings.output_dir).lock_file):
        with pytest.raises(BuildLocked):
            build_site(settings)
        result = CliRunner().invoke(main, cli_args(tmp_path, settings.output_dir))
    assert result.exit_code == 2
    assert "build_locked" in result.stderr
    assert not (settings.output_dir / "rss.xml").exists()  # it wrote nothing
    # once the first is done, a build goes ahead
    assert build_site(settings).ok


def test_a_second_build_can_wait_for_the_first(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    lock = BuildCache(settings.output_dir).lock_file
    held = threading.Event()

    def hold() -> None:
        with build_lock(lock):
            held.set()
            time.sleep(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    result = CliRunner().invoke(main, [*cli_args(tmp_path, settings.output_dir), "--wait", "30"])
    holder.join()
    assert result.exit_code == 0, result.output
    assert not feedparser.parse((settings.output_dir / "rss.xml").read_bytes()).bozo


def test_the_lock_holds_across_processes_and_dies_with_its_holder(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    lock = BuildCache(settings.output_dir).lock_file
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from dateline.write.lock import build_lock\n"
            f"with build_lock(Path({str(lock)!r})):\n"
            "    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildLocked):
            build_site(settings)
    finally:
        holder.kill()  # killed, not released: the system frees the lock
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert build_site(settings, wait=10).ok
