"""The ``dateline`` command ends as soon as its work is done (``os._exit``, see
:func:`dateline.cli.run`): what it printed still arrives when its output is a pipe,
and its exit code is the one the command chose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import copy_test_site


def _dateline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        capture_output=True,  # pipes: buffered output is lost unless flushed
        text=True,
        check=False,
        timeout=300,
    )


def test_a_build_prints_its_closing_line_and_exits_0(tmp_path: Path) -> None:
    config = copy_test_site(tmp_path, "enrich = false\n")
    done = _dateline("build", "--config", str(config), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("built 3 of 3 articles into ")
    assert (config.parent / "out" / "rss.xml").is_file()


def test_a_failed_article_exits_1_and_a_usage_error_2(tmp_path: Path) -> None:
    config = copy_test_site(tmp_path, "enrich = false\n")
    (config.parent / "content" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    failed = _dateline("build", "--config", str(config), cwd=tmp_path)
    assert failed.returncode == 1
    assert "broken.md" in failed.stdout + failed.stderr
    assert "built 3 of 4 articles" in failed.stderr
    missing = _dateline("build", "--config", str(tmp_path / "nowhere.toml"), cwd=tmp_path)
    assert missing.returncode == 2
    assert "nowhere.toml" in missing.stderr
