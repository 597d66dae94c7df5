"""What enrichment costs beside the language model's own parse, and temporal worst cases.

    .venv/bin/python bench/bench_enrich.py [--repeat N]

For every article of tests/data/eval: the time of the model's parse alone
(``NlpModel.parse_article``), and of the whole facts pass (``FactsEnricher.facts``:
the same parse, entities, temporal expressions, clauses, events), best of N runs.
The issue's budget: enrichment at most 1.5x the parse. Then the issue-8 inputs for
temporal expressions (a 64 KB schedule sentence, 4,000 "on Monday" phrases).
Prints a table and one JSON line. Not part of `make test`: times are never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import time
from collections.abc import Callable
from pathlib import Path

from dateline.enrich import FactsEnricher
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.temporal import find_times
from dateline.model.layers import merge_layers
from dateline.pipeline import written_layers
from dateline.read import read_article
from dateline.settings import PublisherSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "eval"


def best(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    site = Settings(
        title="bench",
        base_url="https://bench.example.org/",
        publisher=PublisherSettings(name="Bench", url="https://bench.example.org/"),
    )
    enricher = FactsEnricher(Gazetteer.shared())
    enricher.nlp.parse_article("warm up", ["The model loads once."])
    parse_total = facts_total = 0.0
    words = 0
    for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")):
        draft = read_article(path, site.max_file_bytes)
        known = merge_layers(written_layers(draft, site))
        texts = [p.text for p in draft.paragraphs]
        words += sum(len(t.split()) for t in texts)
        title = known.title or ""
        parse_total += best(
            functools.partial(enricher.nlp.parse_article, title, texts), args.repeat
        )
        facts_total += best(functools.partial(enricher.facts, draft, known), args.repeat)
    friday = dt.date(2024, 7, 5)
    mondays = best(functools.partial(find_times, "They met on Monday, " * 4000, friday), 1)
    schedule = "Session at 10:00 on July 4, room A; " * 1800
    sixty_four = best(functools.partial(find_times, schedule, friday), 1)
    result = {
        "articles": len(list(CORPUS.glob("*.expected.yaml"))),
        "words": words,
        "parse_seconds": round(parse_total, 3),
        "facts_seconds": round(facts_total, 3),
        "facts_over_parse": round(facts_total / parse_total, 2),
        "extra_over_parse": round((facts_total - parse_total) / parse_total, 2),
        "temporal_4000_mondays_seconds": round(mondays, 3),
        "temporal_64kb_schedule_seconds": round(sixty_four, 3),
        "schedule_bytes": len(schedule),
    }
    print(f"parse alone      {parse_total:7.3f} s  ({words} words)")
    print(f"whole facts pass {facts_total:7.3f} s  = {result['facts_over_parse']}x the parse")
    print(f"temporal: 4,000 'on Monday' {mondays:.3f} s; {len(schedule)} B {sixty_four:.3f} s")
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
