"""``make bench`` itself: it measures both tools in one run and checks issue 9's
full-build targets from that run (no timing is asserted here, only the report)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.bench import Run, _elsewhere, article_text, best_of, main, targets


def _runs(dateline: tuple[float, float], base: float, hugo: float | None) -> dict:  # type: ignore[type-arg]
    runs = {
        "dateline": {"full build": {"wall": dateline[0], "cpu": dateline[1]}},
        "baseline": {"full build": {"wall": base, "cpu": base}},
    }
    if hugo is not None:
        runs["hugo"] = {"full build": {"wall": hugo, "cpu": hugo * 1.1}}
    return runs


def test_targets_say_met_or_not_from_the_same_run() -> None:
    met = targets(_runs((8.0, 9.0), 4.6, 8.6))
    assert met[0].endswith("= 1.96x, met")
    assert met[1].endswith("= 0.93x, met")
    missed = targets(_runs((20.9, 32.3), 4.6, 8.6))
    assert "7.02x, NOT met" in missed[0]
    assert "2.43x, NOT met" in missed[1]
    assert "Hugo not measured" in targets(_runs((8.0, 9.0), 4.6, None))[1]


def test_the_corpus_is_the_same_every_run() -> None:
    assert article_text(7, seed=1) == article_text(7, seed=1)
    assert article_text(7, seed=1) != article_text(7, seed=2)
    name, text = article_text(7, seed=1)
    assert name == "000007.md"
    assert text.startswith("---\ntitle: ")
    assert len(text.split("---\n", 2)[2].split()) >= 600


def test_a_figure_is_the_best_of_its_runs_and_memory_the_most() -> None:
    runs = [
        Run(wall=6.7, cpu=6.6, peak=40, code=0, peak_rss=45, sys=0.6, load=3.0),
        Run(wall=5.9, cpu=6.1, peak=44, code=0, peak_rss=47, sys=0.5, load=1.0),
        Run(wall=6.0, cpu=5.8, peak=41, code=0, peak_rss=46, sys=0.4, load=0.5),
    ]
    best = best_of(runs)
    assert (best.wall, best.cpu, best.sys, best.load) == (5.9, 5.8, 0.4, 0.5)
    assert (best.peak, best.peak_rss, best.code, best.tries) == (44, 47, 0, 3)
    # a failed run is never hidden by a good one
    assert best_of([*runs, Run(wall=1.0, cpu=1.0, peak=1, code=2)]).code == 2


def test_a_repeated_full_build_writes_into_a_new_folder(tmp_path: Path) -> None:
    new = str(tmp_path / "dateline-2")
    build = ["dateline", "build", "--config", "c.toml"]
    assert _elsewhere(build, "--out", tmp_path, "dateline-2") == [*build, "--out", new]
    hugo = ["hugo", "--destination", "out", "--quiet"]
    assert _elsewhere(hugo, "--destination", tmp_path, "dateline-2")[2] == new
    assert (
        _elsewhere(["python", "baseline.py", "content", "base"], None, tmp_path, "dateline-2")[-1]
        == new
    )


def test_a_small_run_measures_both_tools_and_checks_the_targets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tools = ["--tools", "dateline", "baseline", "--no-install"]
    assert main(["--sizes", "20", "--enriched", "0", *tools, "--repeats", "2"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out.strip().splitlines()[-1])
    assert result["articles"] == 20
    assert "each figure the least of 2 runs" in out
    for tool in ("dateline", "baseline"):
        phases = result["runs"][tool]
        assert set(phases) == {"full build", "no-op rebuild", "one changed", "one added"}
        assert all(run["code"] == 0 and run["cpu"] > 0 for run in phases.values())
        assert all(run["tries"] == 2 for run in phases.values())
        # memory counts each page once: never more than the sum of resident sets
        assert all(0 < run["peak"] <= run["peak_rss"] for run in phases.values())
        # the kernel's share of the CPU time is told apart, with the load it ran under
        assert all(0 <= run["sys"] <= run["cpu"] and run["load"] >= 0 for run in phases.values())
    assert "target full build CPU <= 2x baseline" in out
    assert " sys s " in out
    assert " load" in out
