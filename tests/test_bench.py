"""``make bench`` itself: it measures both tools in one run and checks issue 9's
full-build targets from that run (no timing is asserted here, only the report)."""

from __future__ import annotations

import json

import pytest
from bench.bench import article_text, main, targets


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


def test_a_small_run_measures_both_tools_and_checks_the_targets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(
            ["--sizes", "20", "--enriched", "0", "--tools", "dateline", "baseline", "--no-install"]
        )
        == 0
    )
    out = capsys.readouterr().out
    result = json.loads(out.strip().splitlines()[-1])
    assert result["articles"] == 20
    for tool in ("dateline", "baseline"):
        phases = result["runs"][tool]
        assert set(phases) == {"full build", "no-op rebuild", "one changed", "one added"}
        assert all(run["code"] == 0 and run["cpu"] > 0 for run in phases.values())
        # memory counts each page once: never more than the sum of resident sets
        assert all(0 < run["peak"] <= run["peak_rss"] for run in phases.values())
        # the kernel's share of the CPU time is told apart, with the load it ran under
        assert all(0 <= run["sys"] <= run["cpu"] and run["load"] >= 0 for run in phases.values())
    assert "target full build CPU <= 2x baseline" in out
    assert " sys s " in out
    assert " load" in out
