"""`make eval-ingest` (bench/eval_ingest.py) on the fixture pages: its numbers can fail."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from bench.eval_ingest import evaluate, main, prf

from .conftest import DATA

PAGES = DATA / "ingest"


def test_token_scores() -> None:
    assert prf("a b c d", "a b c d") == (1.0, 1.0, 1.0)
    precision, recall, f1 = prf("a b c d", "a b x")
    assert precision == pytest.approx(2 / 3)
    assert recall == 0.5
    assert f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert prf("a", "") == (0.0, 0.0, 0.0)


def _corpus(tmp_path: Path) -> tuple[Path, dict[str, dict[str, str]]]:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGES / "opengraph.html", pages / "og.html")
    (pages / "yoast.html.gz").write_bytes(gzip.compress((PAGES / "yoast.html").read_bytes()))
    truth = {
        "og": {
            "url": "https://valley-courier.example/news/rail-strike-called-off",
            "articleBody": "The national rail strike planned for Monday has been called off",
            "headline": "Rail strike called off after last-minute pay offer",
            "datePublished": "2024-09-01T21:45:00+00:00",
        },
        "yoast": {
            "url": "https://harbour-gazette.example/2024/03/12/ministers-agree-port-deal/",
            "articleBody": "Transport ministers from the two neighbouring countries agreed",
            "headline": "Something else entirely",
            "datePublished": "2024-03-12",
        },
    }
    return pages, truth


def test_evaluate_reads_pages_and_scores_against_the_truth(tmp_path: Path) -> None:
    pages, truth = _corpus(tmp_path)
    result = evaluate(pages, truth)
    assert result["pages"] == 2
    assert result["body_recall"] == 1.0  # both true bodies are inside what was extracted
    assert 0.0 < result["body_precision"] < 0.5  # the truths are only a sentence long
    assert result["headline_share"] == 1.0
    assert result["headline_right"] == 0.5
    assert result["date_right"] == 1.0
    assert result["aware_date_share"] == 1.0
    assert result["added_share"] == 1.0
    assert result["added_that_build"] == 1.0


def test_command_line_prints_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages, truth = _corpus(tmp_path)
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert main([str(pages), str(tmp_path / "truth.json"), "--json", "--no-build"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pages"] == 2
    assert "added_that_build" not in result
