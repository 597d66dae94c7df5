"""`make eval`'s corpus is split into a tuning half and a held-out half, scored apart."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "eval"


def _evaluate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "bench" / "evaluate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_two_halves_split_every_article_once() -> None:
    halves = _evaluate().split()
    tuning, held_out = set(halves["tuning"]), set(halves["held_out"])
    every = {p.name.removesuffix(".expected.yaml") for p in CORPUS.glob("*.expected.yaml")}
    assert tuning | held_out == every
    assert not tuning & held_out
    assert len(tuning) == len(held_out) == 10
    assert "held_out" in (CORPUS / "README.md").read_text(encoding="utf-8")


def test_each_half_is_scored_on_its_own_with_dated_happenings() -> None:
    evaluate = _evaluate()
    held_out = evaluate.run(verbose=False, half="held_out")
    assert held_out["articles"] == 10
    happenings = held_out["dated_happenings"]
    assert happenings["expected"] > 0
    assert 0 <= happenings["found_right_date"] <= happenings["expected"]
    assert 0 <= happenings["dated_events_matched"] <= happenings["dated_events"]
    label, text = evaluate.rows(held_out)[-7]
    assert label == "dated happenings"
    assert "recall" in text
