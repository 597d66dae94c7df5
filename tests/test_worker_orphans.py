"""A build killed outright takes its worker processes with it.

SIGKILL gives the build no chance to stop its pool; before the workers watched
their parent, each killed parallel build left its workers waiting for work forever
(found: 132 idle ``dateline build`` processes after a day of kill tests).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")

SETTINGS = """[site]
title = "Orphans"
base_url = "https://example.org/"
enrich = false

[site.publisher]
name = "Orphans"
url = "https://example.org/"
"""


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_the_build_is_killed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    body = "LONDON – Officials met in London on Monday to talk about trade, they said. " * 40
    for n in range(2000):
        (content / f"story-{n:04d}.md").write_text(
            f"---\ntitle: Story {n}\ndate: 2024-07-01T10:00:00+00:00\n---\n{body}\n",
            encoding="utf-8",
        )
    (tmp_path / "dateline.toml").write_text(SETTINGS, encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "dateline", "build", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = children(build.pid)
        time.sleep(0.02)
    if build.poll() is not None:
        pytest.skip("the build finished before its workers could be seen")
    assert workers, "the build started no worker process"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for pid in left:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived the killed build"
