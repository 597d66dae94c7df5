"""Scores: precision, recall and F1 over spans, names and dated happenings.

Kept apart from the readers and from dateline so that each rule of matching is
a small function a test can call with made-up inputs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PRF",
    "cluster_names",
    "match_names",
    "norm_name",
    "overlaps",
    "score_spans",
    "timex_value",
    "unmatched_names",
]


@dataclass
class PRF:
    """Counts that make precision, recall and F1 (an empty side scores 1.0, as in conlleval)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


Span = tuple[int, int, int, str]  # (paragraph, start, end, type)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def score_spans(
    gold: Iterable[Span], predicted: Iterable[Span], *, lenient: bool = False
) -> dict[str, PRF]:
    """Per type: exact matches (same paragraph, offsets and type), or with ``lenient``
    one-to-one matches of overlapping spans of the same type."""
    want = sorted(set(gold))
    got = sorted(set(predicted))
    scores: dict[str, PRF] = {}
    for kind in {s[3] for s in [*want, *got]}:
        w = [s for s in want if s[3] == kind]
        g = [s for s in got if s[3] == kind]
        score = PRF()
        if not lenient:
            score.tp = len(set(w) & set(g))
        else:
            used: set[int] = set()
            for span in w:
                hit = next(
                    (i for i, p in enumerate(g) if i not in used and overlaps(span, p)), None
                )
                if hit is not None:
                    used.add(hit)
                    score.tp += 1
        score.fp = len(g) - score.tp
        score.fn = len(w) - score.tp
        scores[kind] = score
    return scores


_PUNCT = re.compile(r"[^\w\s]")


def norm_name(name: str) -> str:
    """Case, accents, punctuation and a leading ``the`` do not make names differ."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _PUNCT.sub(" ", text.replace("’", "'").replace("'s ", " ").replace(".", ""))
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _contains(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "


def match_names(
    gold: Sequence[set[str]], predicted: Sequence[set[str]], *, lenient: bool = False
) -> PRF:
    """One-to-one matches between gold entities and predicted ones, each a set of names.

    Strict: some name of one equals some name of the other (after :func:`norm_name`).
    Lenient: or one name contains the other as whole words (annotated mentions are
    whole noun phrases: ``EADS chief executive Louis Gallois``).
    """
    missed, extra = unmatched_names(gold, predicted, lenient=lenient)
    return PRF(tp=len(gold) - len(missed), fp=len(extra), fn=len(missed))


def unmatched_names(
    gold: Sequence[set[str]], predicted: Sequence[set[str]], *, lenient: bool = False
) -> tuple[list[set[str]], list[set[str]]]:
    """The gold entities no prediction matched, and the predictions that matched none.

    The matching of :func:`match_names`, kept apart so a tuning run can list what it
    missed and what it invented (``--misses``).
    """
    g = [{norm_name(n) for n in names} - {""} for names in gold]
    p = [{norm_name(n) for n in names} - {""} for names in predicted]

    def same(a: set[str], b: set[str]) -> bool:
        if a & b:
            return True
        return lenient and any(_contains(x, y) or _contains(y, x) for x in a for y in b)

    used: set[int] = set()
    missed: list[set[str]] = []
    for index, names in enumerate(g):
        hit = next((i for i, q in enumerate(p) if i not in used and same(names, q)), None)
        if hit is None:
            missed.append(gold[index])
        else:
            used.add(hit)
    extra = [predicted[i] for i in range(len(p)) if i not in used]
    return missed, extra


def cluster_names(names: Iterable[str], *, surnames: bool) -> list[set[str]]:
    """The distinct entities a document's name mentions stand for, as sets of names.

    Mentions equal after :func:`norm_name` are one entity; with ``surnames`` (people),
    a name that ends a longer name (``Cuttitta`` in ``Marcello Cuttitta``) joins it,
    as a reader would take it. Acronyms are not joined to their long forms: nothing
    in a CoNLL file says which long form an acronym stands for.
    """
    by_norm: dict[str, set[str]] = {}
    for name in names:
        key = norm_name(name)
        if key:
            by_norm.setdefault(key, set()).add(name)
    keys = sorted(by_norm, key=lambda k: (-len(k.split()), k))
    parent: dict[str, str] = {}
    for key in keys:
        if not surnames:
            continue
        longer = [k for k in keys if len(k.split()) > len(key.split()) and k.endswith(" " + key)]
        if longer:
            parent[key] = parent.get(longer[0], longer[0])
    clusters: dict[str, set[str]] = {}
    for key in keys:
        clusters.setdefault(parent.get(key, key), set()).update(by_norm[key])
    return list(clusters.values())


def timex_value(start: str, end: str | None, precision: str) -> str:
    """A TIMEX3 ``value`` for what dateline's resolver returns.

    Days, months and years are already TIMEX3 values (``2013-03-22``, ``2013-03``,
    ``2013``); a Monday-to-Sunday range is an ISO week (``2013-W11``).
    """
    import datetime as dt  # noqa: PLC0415 - local: only weeks need it

    if precision == "range" and end is not None and len(start) == 10 and len(end) == 10:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if first.weekday() == 0 and (last - first).days == 6:
            year, week, _ = first.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return f"{start}/{end}"
    return start


def print_result(
    result: dict[str, Any], render: Callable[[dict[str, Any]], str], only_json: bool
) -> int:
    """An evaluation's table (unless ``only_json``), then its one JSON line; exit code 0."""
    if not only_json:
        print(render(result))
    print(json.dumps(result, sort_keys=True))
    return 0
