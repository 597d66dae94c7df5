"""What enrichment costs beyond the language model's parse, on the articles in
tests/data/eval and the seed (issue 7: at most 1.5x the model's own time).

Run: ``.venv/bin/python bench/entity_cost.py [--rounds N]``. Prints, per stage, the
seconds summed over all articles (best of N rounds), and the ratios.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.enrich.dateline import find_dateline
from dateline.enrich.facts import FactsEnricher
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.registry import load_registry
from dateline.enrich.sentences import split_sentences
from dateline.model.layers import merge_layers
from dateline.pipeline import written_layers
from dateline.read import read_article
from dateline.settings import PublisherSettings, Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    site = Settings(
        title="bench",
        base_url="https://bench.example.org/",
        publisher=PublisherSettings(name="Bench", url="https://bench.example.org/"),
        content_dir=ROOT / "content",
    )
    paths = sorted((ROOT / "tests" / "data" / "eval").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "data" / "eval").glob("*.md"))
    paths += [ROOT / "content" / "000_92e7f391879ebd38.txt"]
    enricher = FactsEnricher(Gazetteer.shared(), load_registry(ROOT / "content"))
    articles = []
    for path in paths:
        draft = read_article(path, site.max_file_bytes)
        articles.append((draft, merge_layers(written_layers(draft, site))))
    enricher.facts(*articles[0])  # load the model and the gazetteer outside the timing
    best = {"parse": float("inf"), "entities": float("inf"), "facts": float("inf")}
    words = sum(len(p.text.split()) for d, _ in articles for p in d.paragraphs)
    for _ in range(args.rounds):
        spent = dict.fromkeys(best, 0.0)
        for draft, known in articles:
            t0 = time.perf_counter()
            parsed = enricher.parse(draft, known)
            t1 = time.perf_counter()
            sentences = split_sentences(draft.paragraphs)
            dateline = find_dateline(draft.paragraphs[0].text) if draft.paragraphs else None
            enricher.entities.extract(known.title or "", sentences, dateline, parsed)
            t2 = time.perf_counter()
            enricher.facts(draft, known)  # parse + entities + events, as a build runs it
            t3 = time.perf_counter()
            spent["parse"] += t1 - t0
            spent["entities"] += t2 - t1
            spent["facts"] += t3 - t2
        best = {k: min(best[k], spent[k]) for k in best}
    beyond = best["facts"] - best["parse"]
    print(f"{len(articles)} articles, {words} words, best of {args.rounds} rounds")
    print(f"model parse:                 {best['parse']:.3f} s")
    print(
        f"entities (given the parse):  {best['entities']:.3f} s  "
        f"= {best['entities'] / best['parse']:.2f}x the parse"
    )
    print(f"whole facts enrichment:      {best['facts']:.3f} s")
    print(f"enrichment beyond the parse: {beyond:.3f} s  = {beyond / best['parse']:.2f}x the parse")


if __name__ == "__main__":
    main()
