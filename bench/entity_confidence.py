"""How often an entity on each basis is right: the numbers behind the entity confidences.

``python -m bench.entity_confidence --content bench/data/ner/content
--fold bench/data/ner/gold/dev4=WEIGHTS ...`` runs dateline's enrichment (default
settings, no registry) on every annotated article of each fold, with the news recognizer
read from that fold's weights (the ``ner`` folder of a ``bench/train_ner.py`` run that
never saw the fold's articles; ``news`` for the shipped ones), and counts, per basis
(:class:`dateline.enrich.confidence.Basis`), the published entities whose names match an
annotated entity of the same kind (``PER``/``ORG``/``LOC``, one to one, as
``bench.eval_annotated`` scores them) and those that match none. The entities the
recognizers disagree on and no cue keeps (``Extraction.proposed``, never published) are
right when they match an annotated entity the published ones missed.

Prints a table per fold and pooled (``--by-kind``: also per basis and kind), then one JSON
line. :data:`dateline.enrich.confidence.CONFIDENCE` holds the pooled shares.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.corpora.annotated import AnnotatedArticle, read_annotated
from bench.corpora.run import Runner
from bench.corpora.score import unmatched_names
from dateline.enrich.confidence import Basis
from dateline.enrich.extraction import Found
from dateline.enrich.facts import FactsEnricher
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.nlp import NlpModel
from dateline.model.layers import merge_layers
from dateline.model.meta import ArticleMeta
from dateline.pipeline import written_layers
from dateline.read.draft import Draft, Paragraph

__all__ = ["count", "main"]

KINDS = ("PER", "ORG", "LOC")
#: (basis, kind, right) -> entities
Counts = Counter[tuple[str, str, bool]]


def count(articles: Sequence[AnnotatedArticle], runner: Runner, facts: FactsEnricher) -> Counts:
    """Right and wrong entities per basis and kind over ``articles``."""
    out: Counts = Counter()
    for article in articles:
        draft = Draft(
            path=Path(f"{article.id}.txt"),
            paragraphs=tuple(Paragraph(t, i + 3) for i, t in enumerate(article.paragraphs)),
            found=ArticleMeta(title=article.title, date=article.published),
        )
        known = merge_layers(written_layers(draft, runner.settings))
        found = facts.facts(draft, known)
        named = found.entities.named()
        proposed: list[Found] = list(getattr(found.entities, "proposed", []))
        for kind in KINDS:
            gold = article.entities.get(kind, [])
            ours = [e for e in named if runner.family(e.type) == kind]
            names = [{e.name, *e.alternate_name} for e in ours]
            missed, extra = unmatched_names(gold, names)
            wrong = {id(n) for n in extra}
            for entity, forms in zip(ours, names, strict=True):
                basis = found.bases.get(entity.key, Basis.RULE)
                out[(basis.value, kind, id(forms) not in wrong)] += 1
            more = [e for e in proposed if runner.family(e.type) == kind]
            forms_more = [{e.name, *e.alternate_name} for e in more]
            _, extra_more = unmatched_names(missed, forms_more)
            wrong_more = {id(n) for n in extra_more}
            for forms in forms_more:
                out[(Basis.UNCONFIRMED.value, kind, id(forms) not in wrong_more)] += 1
    return out


def table(counts: Counts, by_kind: bool = False) -> list[str]:
    """One line per basis (and kind): right, wrong, the share right."""
    rows: Counter[tuple[str, bool]] = Counter()
    for (basis, kind, ok), n in counts.items():
        rows[(f"{basis} {kind}" if by_kind else basis, ok)] += n
    lines = []
    for label in sorted({label for label, _ in rows}, key=_order):
        right, wrong = rows[(label, True)], rows[(label, False)]
        lines.append(
            f"  {label:<16} right {right:5}  wrong {wrong:5}  P {right / (right + wrong):.3f}"
        )
    return lines


def _order(label: str) -> tuple[int, str]:
    basis = label.split(maxsplit=1)[0]
    return list(Basis).index(Basis(basis)), label


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, required=True, help="folder of <id>.md texts")
    parser.add_argument(
        "--fold",
        action="append",
        required=True,
        metavar="GOLD=NER",
        help="a gold folder and the recognizer weights that never saw it (repeatable)",
    )
    parser.add_argument("--by-kind", action="store_true", help="also per basis and kind")
    args = parser.parse_args(argv)
    runner = Runner()
    pooled: Counts = Counter()
    result: dict[str, dict[str, int]] = {}
    for fold in args.fold:
        gold, _, ner = fold.partition("=")
        facts = FactsEnricher(Gazetteer.shared(), nlp=NlpModel(ner=ner or "news"))
        counts = count(read_annotated(Path(gold), args.content), runner, facts)
        pooled.update(counts)
        print(f"{gold} (weights {ner or 'news'})", *table(counts, args.by_kind), sep="\n")
        result[gold] = {f"{b} {k} {r}": n for (b, k, r), n in sorted(counts.items())}
    print("pooled", *table(pooled, args.by_kind), sep="\n")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
