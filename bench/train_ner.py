"""Fine-tune the language model's entity recognizer on hand-annotated news articles.

``python -m bench.train_ner --gold DIR [--gold DIR ...] --content DIR --out DIR``

spaCy's ``en_core_web_sm`` was trained on OntoNotes, whose conventions differ from
the ones dateline's annotators follow (products, stock indexes and events are not
organizations; venues are places; outlets and teams are organizations). Rules
downstream can only filter what the model proposes, so the model itself is taught
the conventions: its ``ner`` component (which has its own token encoder, so the
tagger and parser are untouched) is updated on the annotated articles, their names
projected onto the text (:mod:`bench.corpora.ner_spans`).

More human-annotated text can come from GUM (``--names``: the JSON Lines files
:mod:`bench.corpora.gum_names` writes, whose every named person, organization and place
is a span: :func:`bench.corpora.ner_spans.named_spans`); ``make ner`` does not use it
(measured: bench/NER-TRAINING.md, session 10).

So that it does not forget what it knew, every epoch also rehearses (a) the model's
own labels the annotators do not cover (dates, numbers, nationalities ...), kept in
the annotated texts, and (b) the original model's entities on unannotated articles
(``--rehearse``), as pseudo-gold.

Deterministic: fixed seed, texts in sorted order, shuffled by a seeded generator, one
thread (run it with ``OMP_NUM_THREADS=1``). A gold folder holding a file named
``HELD-OUT`` is refused, and so is any article listed in bench/data/ner/held-out.txt
or in a ``--held-out`` folder: held-out articles are never trained on nor rehearsed. The
list also names GUM's held-out news documents (the public evaluation's), so a names file
holding one is refused.

Writes ``--out``/``ner`` (the component alone, what dateline ships: ``make ner``
writes it into the package) with ``model.sha256``, the digest dateline's model version
(the enrichment cache key) reads; with ``--pipeline`` also the whole pipeline to
``--out``/``pipeline`` (a model folder that the ``nlp_model`` setting can name, for
evaluation).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bench.corpora.annotated import _article, read_annotated
from bench.corpora.gum_names import read_names
from bench.corpora.ner_spans import (
    Projection,
    TextSpans,
    named_spans,
    project_article,
    rehearsal_spans,
)
from bench.eval_annotated import HELD_OUT_MARK
from dateline.enrich.nlp import DEFAULT_MODEL, reads_as_english

__all__ = [
    "HELD_OUT_LIST",
    "held_out_ids",
    "listed_held_out",
    "load_examples",
    "load_names",
    "main",
    "rehearsal_files",
    "save_ner",
    "train",
]

#: Article ids never trained on nor rehearsed, whatever the command line says.
HELD_OUT_LIST = Path(__file__).resolve().parent / "data" / "ner" / "held-out.txt"
#: The file beside the weights that records their digest (read by dateline's model version).
DIGEST_FILE = "model.sha256"


def _ents(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def held_out_ids(folders: Sequence[Path]) -> frozenset[str]:
    """The article ids of held-out gold folders (their file names only: never read)."""
    return frozenset(p.stem for folder in folders for p in folder.glob("*.yaml"))


def listed_held_out(path: Path = HELD_OUT_LIST) -> frozenset[str]:
    """The ids the held-out list names (one a line; ``#`` starts a comment)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def rehearsal_files(paths: Sequence[Path]) -> list[Path]:
    """Article files to rehearse: each path itself, or a folder's ``*.md`` files."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    return files


def load_examples(
    nlp: Any,
    gold: Sequence[Path],
    content: Path,
    rehearse: Sequence[Path],
    held_out: frozenset[str] = frozenset(),
) -> tuple[list[TextSpans], list[TextSpans], list[Projection]]:
    """The annotated texts with projected spans, and the rehearsal texts."""
    annotated: list[TextSpans] = []
    projections = []
    trained: set[str] = set()
    for folder in gold:
        if (folder / HELD_OUT_MARK).exists():
            raise SystemExit(f"{folder} is held out ({HELD_OUT_MARK}): never trained on")
        for article in read_annotated(folder, content):
            if article.id in held_out:
                raise SystemExit(f"{article.id} is held out: never trained on")
            trained.add(article.id)
            texts = [article.title, *article.paragraphs]
            model_ents = [_ents(d) for d in nlp.pipe(texts)]
            projection = project_article(article, model_ents)
            projections.append(projection)
            annotated.extend(projection.texts)
    rehearsal: list[TextSpans] = []
    for path in sorted(rehearsal_files(rehearse)):
        if path.stem in held_out or path.stem in trained:
            raise SystemExit(f"{path}: a held-out or annotated article cannot be rehearsed")
        title, _, paragraphs = _article(path)
        texts = [t for t in [title, *paragraphs] if t.strip()]
        docs = list(nlp.pipe(texts))
        if not reads_as_english([t for d in docs for t in d]):
            continue
        rehearsal.extend(rehearsal_spans(texts, docs))
    return annotated, rehearsal, projections


def load_names(
    nlp: Any, files: Sequence[Path], held_out: frozenset[str] = frozenset()
) -> tuple[list[TextSpans], int]:
    """The texts of names files (:mod:`bench.corpora.gum_names`) with their spans in
    the model's labels, and how many documents; a held-out document is refused."""
    texts: list[TextSpans] = []
    documents = 0
    for path in files:
        for document in read_names(path):
            if document.id in held_out:
                raise SystemExit(f"{path}: {document.id} is held out: never trained on")
            documents += 1
            rows = [t for t in document.texts if t.text.strip()]
            docs = nlp.pipe(t.text for t in rows)
            texts.extend(
                named_spans(t.text, t.names, _ents(d)) for t, d in zip(rows, docs, strict=True)
            )
    return texts, documents


def _example(nlp: Any, item: TextSpans) -> Any:
    from spacy.training import Example  # noqa: PLC0415 - heavy import

    predicted = nlp.make_doc(item.text)
    reference = nlp.make_doc(item.text)
    spans = []
    last = 0
    for start, end, label in item.spans:
        span = reference.char_span(start, end, label=label, alignment_mode="contract")
        if span is None or span.start < last:
            continue
        spans.append(span)
        last = span.end
    reference.set_ents(spans, default="outside")
    return Example(predicted, reference)


def train(
    gold: Sequence[Path],
    content: Path,
    rehearse: Sequence[Path],
    *,
    base: str = DEFAULT_MODEL,
    epochs: int = 8,
    seed: int = 0,
    dropout: float = 0.1,
    batch: int = 8,
    learn_rate: float = 0.001,
    rehearse_ratio: float = 1.0,
    held_out: frozenset[str] = frozenset(),
    names_files: Sequence[Path] = (),
    log: TextIO | None = sys.stderr,
) -> Any:
    """The base pipeline with its ``ner`` updated on the annotations; returns it."""
    import spacy  # noqa: PLC0415 - heavy import
    from thinc.api import fix_random_seed  # noqa: PLC0415

    fix_random_seed(seed)
    nlp = spacy.load(base)
    annotated, rehearsal, projections = load_examples(nlp, gold, content, rehearse, held_out)
    named, named_documents = load_names(nlp, names_files, held_out)
    names = sum(p.names for p in projections)
    unplaced = [u for p in projections for u in p.unplaced]
    skipped = sum(p.skipped_texts for p in projections)

    def say(line: str) -> None:
        if log is not None:
            print(line, file=log)

    say(
        f"{len(projections)} articles, {names} annotated names, {len(unplaced)} not found "
        f"in the text ({skipped} texts holding them glued to other words left out); "
        f"{len(annotated)} annotated texts, {len(rehearsal)} rehearsal texts; "
        f"{named_documents} documents of names files, {len(named)} texts"
    )
    for line in unplaced:
        say(f"  not placed: {line}")
    gold_examples = [_example(nlp, t) for t in annotated if t.text.strip()]
    gold_examples.extend(_example(nlp, t) for t in named)
    rehearsal_examples = [_example(nlp, t) for t in rehearsal if t.text.strip()]
    # rehearsal is sampled afresh each epoch, as many texts as the ratio says of all
    # the annotated ones (news and names files), so pseudo-gold does not outweigh the
    # annotations however much of it there is, nor the annotations drown what it keeps
    per_epoch = min(len(rehearsal_examples), round(rehearse_ratio * len(gold_examples)))
    optimizer = nlp.resume_training()
    optimizer.learn_rate = learn_rate
    order = random.Random(seed)
    with nlp.select_pipes(enable="ner"):
        for epoch in range(epochs):
            examples = [*gold_examples, *order.sample(rehearsal_examples, per_epoch)]
            order.shuffle(examples)
            losses: dict[str, float] = {}
            for at in range(0, len(examples), batch):
                nlp.update(examples[at : at + batch], sgd=optimizer, drop=dropout, losses=losses)
            say(f"epoch {epoch + 1}: ner loss {losses.get('ner', 0.0):.1f}")
    return nlp


def save_ner(nlp: Any, out: Path) -> Path:
    """Write the trained ``ner`` to ``out/ner`` with the digest of its weights."""
    folder = out / "ner"
    out.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe("ner").to_disk(folder, exclude=["vocab"])
    digest = hashlib.sha256((folder / "model").read_bytes()).hexdigest()
    (folder / DIGEST_FILE).write_text(f"{digest}  model\n", encoding="utf-8")
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument(
        "--rehearse",
        type=Path,
        nargs="*",
        default=[],
        help="unannotated article files, or folders of them (*.md)",
    )
    parser.add_argument(
        "--names",
        type=Path,
        nargs="*",
        default=[],
        help="names files (bench.corpora.gum_names: JSON Lines of texts with name spans)",
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base", default=DEFAULT_MODEL)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument(
        "--rehearse-ratio", type=float, default=1.0, help="rehearsal texts per annotated text"
    )
    parser.add_argument(
        "--held-out",
        type=Path,
        action="append",
        default=[],
        help="held-out gold folder: its article ids are refused (its files are not read)",
    )
    parser.add_argument("--pipeline", action="store_true", help="also save the whole pipeline")
    args = parser.parse_args(argv)
    nlp = train(
        args.gold,
        args.content,
        args.rehearse,
        base=args.base,
        epochs=args.epochs,
        seed=args.seed,
        dropout=args.dropout,
        learn_rate=args.learn_rate,
        rehearse_ratio=args.rehearse_ratio,
        held_out=held_out_ids(args.held_out) | listed_held_out(),
        names_files=args.names,
    )
    save_ner(nlp, args.out)
    if args.pipeline:
        nlp.to_disk(args.out / "pipeline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
