"""Unannotated English news text for rehearsal while fine-tuning the recognizer.

``python -m bench.corpora.rehearsal --mediacloud DIR --out DIR``

:mod:`bench.train_ner` rehearses the original model's own entities on articles nobody
annotated, so that the tuned recognizer does not forget what it knew. Part of the
text the measured weights (bench/NER-TRAINING.md) rehearsed is the mediacloud 2020
test set of adbar/htmldate (Apache-2.0; ``tests/eval_mediacloud_2020.json`` and
``tests/test_set/`` of that repository): this module turns those pages into article
files the way dateline itself would read them (its own page reader), keeps those of
at least 120 words that read as English, and writes one ``<page>.md`` each. The rest
of the rehearsal text was the benchmark's articles that are neither annotated nor
held out.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from dateline.enrich.nlp import DEFAULT_MODEL, NlpModel, reads_as_english
from dateline.ingest.page import extract_page

__all__ = ["mediacloud_articles"]

#: the fewest body words a page needs to count as an article
MIN_WORDS = 120


def mediacloud_articles(root: Path, out: Path, *, min_words: int = MIN_WORDS) -> list[Path]:
    """Write each English article page of the mediacloud test set under ``root`` to ``out``.

    Pages in index order of their URLs; a page the reader cannot read, or that has
    no body of ``min_words`` words, is left out, and so is one whose body does not
    read as English to the model."""
    index = json.loads((root / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    tokenizer = NlpModel(DEFAULT_MODEL).nlp.tokenizer
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for url, row in sorted(index.items()):
        path = root / "test_set" / row["file"]
        try:
            page = extract_page(path.read_text(encoding="utf-8", errors="replace"), url)
        except Exception:  # a page the reader refuses is simply not used
            continue
        if not page.paragraphs or sum(len(p.split()) for p in page.paragraphs) < min_words:
            continue
        body = "\n\n".join(page.paragraphs)
        if not reads_as_english(tokenizer(body)):
            continue
        title = (page.headline or "").replace('"', "'")
        target = out / f"{Path(row['file']).stem}.md"
        target.write_text(f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--mediacloud", type=Path, required=True, help="htmldate's tests/ folder (index + pages)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the article files")
    args = parser.parse_args(argv)
    written = mediacloud_articles(args.mediacloud, args.out)
    print(f"{len(written)} English articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
