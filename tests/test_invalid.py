"""`dateline check` on a corpus of bad inputs: one finding per planted problem, right code."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dateline.cli import main

from .conftest import DATA, ROOT

INVALID = DATA / "invalid"
EXPECTED: dict[str, list[str]] = yaml.safe_load((INVALID / "EXPECTED.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict[str, object]]]:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        result = CliRunner().invoke(main, ["check", "--content", str(INVALID), "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for finding in report["findings"]:
        by_file[Path(str(finding["path"])).name].append(finding)
    return by_file


def test_every_file_in_the_corpus_has_an_expectation() -> None:
    files = {p.name for p in INVALID.iterdir() if p.suffix in (".txt", ".md")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_finding_per_planted_problem(
    findings: dict[str, list[dict[str, object]]], name: str
) -> None:
    got = [f["code"] for f in findings[name]]
    assert got == EXPECTED[name]
    for finding in findings[name]:
        assert finding["message"]
        assert finding["severity"] in ("error", "warning")


def test_findings_say_where(findings: dict[str, list[dict[str, object]]]) -> None:
    (typo,) = findings["unknown-key.md"]
    assert (typo["line"], typo["field"]) == (4, "sumary")
    assert "summary" in str(typo["hint"])
    (misspelt,) = findings["misspelt-property.md"]
    assert "startDate" in str(misspelt["hint"])
    (escape,) = findings["slug-escape.md"]
    assert escape["field"] == "slug"


def test_text_output_is_one_line_per_problem_and_no_traceback() -> None:
    result = CliRunner().invoke(
        main, ["check", "--content", str(INVALID), "--config", str(ROOT / "dateline.toml")]
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == sum(len(v) for v in EXPECTED.values()) + 1  # + the summary line
    assert "Traceback" not in result.output + result.stderr


def test_seed_site_check_json_is_clean() -> None:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        result = CliRunner().invoke(main, ["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["published"] == report["articles"] == 1
