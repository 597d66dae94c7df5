"""dateline's enrichment scored on real articles annotated by hand by someone else.

``python -m bench.eval_annotated --gold DIR --content DIR`` (``make eval-annotated``):
each ``<id>.yaml`` in ``--gold`` (format: :mod:`bench.corpora.annotated`) is scored
against what dateline publishes for ``<id>.md`` in ``--content``, going through the
enrichment a build runs (default settings, no registry), with the article's front
matter date as the publication day.

- Entities: per article, dateline's published persons, organizations and places
  (name + alternateName) against the annotated ones (each the set of its name forms),
  one to one, as for GUM (:func:`bench.corpora.score.match_names`): typed strict
  (a normalised name equal), typed lenient (one contains the other as whole words),
  and type-blind. Beside it, spaCy's model alone on the same text.
- Dated happenings: an annotated happening is *found* when a published Event with a
  date comes from its sentence; *on its date* when that Event's start is the
  annotator's own normalised date for it (``when_value``: a day, month or year the
  start must begin with, or a ``START/END`` span it must fall in). Gold files
  without ``when_value`` fall back to the date dateline's own resolver gives the
  annotator's words (``on Monday``, relative to the publication day, forward when
  the annotator marked it scheduled): an approximation that can only count what
  dateline itself can read, hence the annotators' values. Happenings whose words
  give no calendar time (``when_value: null``: "recently", "later") are never on
  date; the table also gives recall over the happenings that have a date.
  Precision: the share of published dated Events that come from a sentence holding
  an annotated happening.

Prints a table, then one JSON line (``--json``: only the JSON). ``--misses`` lists,
per article on stderr, the names missed and invented and the happenings not found
on their date, for tuning: a gold folder holding a file named ``HELD-OUT`` refuses
it, so a held-out set's errors are never read by whoever writes rules.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bench.corpora.annotated import AnnotatedArticle, Happening, read_annotated
from bench.corpora.meantime import TYPES
from bench.corpora.run import Output, Runner
from bench.corpora.score import PRF, match_names, print_result, unmatched_names
from bench.eval_public import _model_names, _named
from dateline.enrich.temporal import find_dates

_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
#: a file in a gold folder that marks it held out: its errors are never listed
HELD_OUT_MARK = "HELD-OUT"
#: the shortest piece of an annotated sentence that identifies it in the text
_MIN_PIECE = 15


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()


def _pieces(sentence: str) -> list[str]:
    """The annotated sentence's parts between ellipses, long enough to find it by."""
    parts = [_norm(p) for p in _ELLIPSIS.split(sentence)]
    long = [p for p in parts if len(p) >= _MIN_PIECE]
    return long or [p for p in parts if p]


def same_sentence(happening: Happening, evidence: str | None) -> bool:
    """Whether an Event's evidence sentence is the annotated happening's sentence."""
    if not evidence:
        return False
    where = _norm(evidence)
    pieces = _pieces(happening.sentence)
    return bool(pieces) and any(p in where or where in p for p in pieces)


def annotated_date(happening: Happening, article: AnnotatedArticle) -> str | None:
    """The annotator's date for a happening, or None where the words give none.

    Without the annotator's ``when_value``, the date dateline's resolver reads in the
    annotator's words: they are read out of their clause, so their tense is gone; the
    annotator's ``scheduled`` gives it back ("Feb. 14" of a sentencing still to come
    is the next Feb. 14, of one that happened the last)."""
    if happening.valued:
        return happening.value
    if article.published is None:
        return None
    found = find_dates(happening.when_text, article.published, future=happening.scheduled)
    return found[0].start if found else None


def on_date(start: object, want: str) -> bool:
    """Whether an Event's start is the annotated date: at its precision or finer
    (``2019-11-12`` is on ``2019-11``, ``2019`` is not), inside it for a span."""
    got = str(start)
    if "/" not in want:
        return got.startswith(want)
    low, high = want.split("/", 1)
    return len(got) >= len(low) and low <= got[: len(low)] and got[: len(high)] <= high


def score_happenings(article: AnnotatedArticle, out: Output) -> dict[str, int]:
    dated = [e for e in out.events if e.start_date is not None]
    found = on_time = with_date = 0
    for happening in article.happenings:
        want = annotated_date(happening, article)
        with_date += bool(want)
        here = [e for e in dated if same_sentence(happening, e.evidence)]
        if here:
            found += 1
            if want and any(on_date(e.start_date, want) for e in here):
                on_time += 1
    matched = sum(1 for e in dated if any(same_sentence(h, e.evidence) for h in article.happenings))
    return {
        "gold": len(article.happenings),
        "gold_with_date": with_date,
        "found": found,
        "found_on_date": on_time,
        "events_dated": len(dated),
        "events_matched": matched,
    }


def evaluate(
    articles: Sequence[AnnotatedArticle], runner: Runner, *, misses: TextIO | None = None
) -> dict[str, Any]:
    """Score every article; with ``misses``, write each article's errors to it."""
    nlp = runner.facts.nlp.nlp
    started = time.perf_counter()
    typed = {t: PRF() for t in TYPES}
    lenient = {t: PRF() for t in TYPES}
    blind = PRF()
    model_typed = {t: PRF() for t in TYPES}
    model_lenient = {t: PRF() for t in TYPES}
    happenings: dict[str, int] = {}
    per_article: dict[str, dict[str, Any]] = {}
    for article in articles:
        out = runner.run(article.id, article.title, article.paragraphs, article.published)
        named = _named(out)
        ours = {
            t: [
                {e.name, *e.alternate_name}
                for e in out.entities
                if runner.family(e.type) == t and e.id in named
            ]
            for t in TYPES
        }
        gold = {t: article.entities.get(t, []) for t in TYPES}
        model = _model_names(nlp, [article.title, *article.paragraphs])
        row: dict[str, Any] = {}
        for kind in TYPES:
            score = match_names(gold[kind], ours[kind])
            typed[kind].add(score)
            lenient[kind].add(match_names(gold[kind], ours[kind], lenient=True))
            model_typed[kind].add(match_names(gold[kind], model[kind]))
            model_lenient[kind].add(match_names(gold[kind], model[kind], lenient=True))
            row[kind] = [score.tp, score.fp, score.fn]
        every = [names for t in TYPES for names in gold[t]]
        blind.add(match_names(every, [n for t in TYPES for n in ours[t]]))
        counts = score_happenings(article, out)
        if misses is not None:
            _write_misses(misses, article, gold, ours, out)
        for key, value in counts.items():
            happenings[key] = happenings.get(key, 0) + value
        row["happenings"] = counts
        per_article[article.id] = row
    return {
        "articles": len(articles),
        "names": {t: typed[t].as_dict() for t in TYPES},
        "names_lenient": {t: lenient[t].as_dict() for t in TYPES},
        "names_type_blind": blind.as_dict(),
        "model_alone_names": {t: model_typed[t].as_dict() for t in TYPES},
        "model_alone_names_lenient": {t: model_lenient[t].as_dict() for t in TYPES},
        "happenings": {
            **happenings,
            "recall": _ratio(happenings.get("found", 0), happenings.get("gold", 0)),
            "recall_on_date": _ratio(happenings.get("found_on_date", 0), happenings.get("gold", 0)),
            "recall_on_date_of_dated": _ratio(
                happenings.get("found_on_date", 0), happenings.get("gold_with_date", 0)
            ),
            "precision": _ratio(
                happenings.get("events_matched", 0), happenings.get("events_dated", 0)
            ),
        },
        "per_article": per_article,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _write_misses(
    to: TextIO,
    article: AnnotatedArticle,
    gold: dict[str, list[set[str]]],
    ours: dict[str, list[set[str]]],
    out: Output,
) -> None:
    """One article's missed and invented names and its happenings not found on date."""
    lines = []
    for kind in TYPES:
        missed, extra = unmatched_names(gold[kind], ours[kind])
        lines += [f"  {kind} missed: {' | '.join(sorted(names))}" for names in missed]
        lines += [f"  {kind} extra:  {' | '.join(sorted(names))}" for names in extra]
    dated = [e for e in out.events if e.start_date is not None]
    for happening in article.happenings:
        want = annotated_date(happening, article)
        here = [e for e in dated if same_sentence(happening, e.evidence)]
        if want and any(on_date(e.start_date, want) for e in here):
            continue
        got = "; ".join(f"{e.name!r} {e.start_date}" for e in here) or "no dated Event"
        lines.append(f"  happening {happening.what!r} [{happening.when_text} = {want}]: {got}")
    if lines:
        print(f"{article.id} {article.title[:70]}", *lines, sep="\n", file=to)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _line(label: str, d: dict[str, Any]) -> str:
    return (
        f"  {label:<34} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
        f"  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    )


def render(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles annotated by hand ({result['seconds']} s)"]
    for key, label in (
        ("names", "dateline, typed"),
        ("names_lenient", "dateline, typed, lenient names"),
        ("model_alone_names", "spaCy model alone, typed"),
        ("model_alone_names_lenient", "spaCy model alone, lenient"),
    ):
        for kind in TYPES:
            lines.append(_line(f"{label} {kind}", result[key][kind]))
    lines.append(_line("dateline, type-blind", result["names_type_blind"]))
    h = result["happenings"]
    lines.append(
        f"  dated happenings: {h.get('gold', 0)} annotated; an Event from their sentence "
        f"{h.get('found', 0)} (recall {h['recall']}), on the annotated date "
        f"{h.get('found_on_date', 0)} ({h['recall_on_date']}); of the "
        f"{h.get('gold_with_date', 0)} with a calendar date, on it "
        f"{h.get('found_on_date', 0)} ({h['recall_on_date_of_dated']})"
    )
    lines.append(
        f"  dateline's dated Events: {h.get('events_dated', 0)}; from a sentence with an "
        f"annotated happening {h.get('events_matched', 0)} (precision {h['precision']})"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="folder of <id>.yaml files")
    parser.add_argument(
        "--content", type=Path, required=True, help="folder of the articles (<id>.md)"
    )
    parser.add_argument(
        "--ner",
        help="nlp_ner for the run: the ner folder bench/train_ner.py wrote (default: shipped)",
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument(
        "--misses",
        action="store_true",
        help=f"list each article's errors on stderr (tuning sets only: refused where the "
        f"gold folder holds a {HELD_OUT_MARK} file)",
    )
    args = parser.parse_args(argv)
    for given in (args.gold, args.content):
        if not given.is_dir():
            parser.error(f"{given} is not a folder")
    if args.misses and (args.gold / HELD_OUT_MARK).exists():
        parser.error(f"{args.gold} is held out ({HELD_OUT_MARK}): its errors are not listed")
    articles = read_annotated(args.gold, args.content)
    if not articles:
        print(f"no <id>.yaml annotations in {args.gold}", file=sys.stderr)
        return 2
    result = evaluate(articles, Runner(args.ner), misses=sys.stderr if args.misses else None)
    return print_result(result, render, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
