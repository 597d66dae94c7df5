"""The hostile corpus (tests/data/hostile/): one `dateline build` names every bad file
with its own code, publishes the rest, leaks nothing and never crashes."""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from dateline.cli import main

from .conftest import DATA, ROOT

HOSTILE = DATA / "hostile"
EXPECTED: dict[str, Any] = yaml.safe_load((HOSTILE / "EXPECTED.yaml").read_text("utf-8"))
SECRET = "the-secret-marker-of-a-file-outside-content"
#: Files the test makes, because they cannot or should not be committed.
MADE = {"leak.txt", "shadow.txt", "secret.txt", "big-sidecar.txt"}


def _outcomes(expected: Any) -> list[list[str]]:
    return expected["any_of"] if isinstance(expected, dict) else [expected]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    site = tmp_path_factory.mktemp("hostile")
    content = site / "content"
    shutil.copytree(HOSTILE, content)
    (content / "EXPECTED.yaml").unlink()
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(f"{SECRET}\n\nJuly 5, 2024 - 10:00\n\nTEHRAN – {SECRET}\n")
    (content / "leak.txt").symlink_to("/etc/passwd")
    (content / "leak.yaml").write_text("title: Leak\n")
    (content / "shadow.txt").write_text("Shadow\n\nJuly 5, 2024 - 10:00\n\nTEHRAN – Shops.\n")
    (content / "shadow.yaml").symlink_to(outside)
    (content / "secret.txt").symlink_to(outside)  # a second link, to a file with a date line
    (content / "big-sidecar.txt").write_text("Big\n\nJuly 5, 2024 - 10:00\n\nTEHRAN – Shops.\n")
    (content / "big-sidecar.yaml").write_text("summary: " + "word " * 600_000 + "\n")
    shutil.copy(ROOT / "dateline.toml", site / "dateline.toml")  # the defaults users have
    cwd = os.getcwd()
    os.chdir(site)
    try:
        built = CliRunner().invoke(main, ["build"])
        checked = CliRunner().invoke(main, ["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    assert built.exit_code == 1, built.stderr  # some articles failed, the others published
    assert SECRET not in built.stderr
    assert "root:x:0:0" not in built.stderr
    return site, json.loads(checked.stdout)


def test_every_file_of_the_corpus_has_an_expectation() -> None:
    files = {p.name for p in HOSTILE.iterdir() if p.suffix in (".txt", ".md")}
    assert files | MADE == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gets_its_own_code(
    hostile_build: tuple[Path, dict[str, Any]], name: str
) -> None:
    _, report = hostile_build
    by_file: dict[str, list[str]] = defaultdict(list)
    for finding in report["findings"]:
        if finding["severity"] == "error":
            by_file[Path(str(finding["path"])).with_suffix("").name].append(finding["code"])
    got = by_file.get(Path(name).stem, [])
    assert got in _outcomes(EXPECTED[name]), (name, got)


def test_nothing_crashed_and_nothing_leaked(hostile_build: tuple[Path, dict[str, Any]]) -> None:
    site, report = hostile_build
    assert all(f["code"] != "internal_error" for f in report["findings"]), report["findings"]
    out = site / "feeds"
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in everything
    assert b"root:x:0:0" not in everything
    for feed in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((out / feed).read_bytes())
        assert not parsed.bozo
    published = {e.title for e in feedparser.parse((out / "rss.xml").read_bytes()).entries}
    assert {
        "Monday",
        "Shops open",
        "Bad URLs",
        "Senate votes",
        "Possessives",
        "Brackets",
    } <= published
    assert "Leak" not in published
