"""Precision and recall of automatic enrichment on the annotated corpus in tests/data/eval.

Run by ``make eval``. Each article there has a ``.expected.yaml`` written by hand
from the text alone (see tests/data/eval/README.md). The articles are processed
with no registry (only the text, the gazetteer and the rules), and compared:

- entities by type family (Person, Organization, Place), matched on folded names,
  acronyms counting as names;
- events matched one to one when the expected trigger word is in the sentence the
  event came from and they share a participant, the start date or the place; for matched
  events the start date and location are scored too;
- datePublished (same instant and offset), dateline and dateline place.

- dated happenings: expected events with a ``startDate`` that dateline reports with
  that date (recall), and dateline's dated events that match an expected event
  (precision).

The articles are split in two halves (``split.yaml``): ``tuning`` may be read while
writing rules, ``held_out`` may not. Each half is reported on its own, then all 20.

Prints a table per half, then one JSON line (``--json`` prints only the JSON).
Run it from the repository's root as a module: ``python -m bench.evaluate``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bench.corpora.score import PRF
from dateline.enrich import DEFAULT_ENRICHERS, FactsEnricher, default_enrichers, enrich
from dateline.enrich.facts import Facts
from dateline.enrich.gazetteer import Gazetteer, fold
from dateline.model.assemble import localize
from dateline.model.layers import Layer, merge_layers
from dateline.pipeline import written_layers
from dateline.read import read_article
from dateline.settings import PublisherSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "eval"
FAMILIES = {
    "Person": {"Person"},
    "Organization": {"Organization", "GovernmentOrganization", "NewsMediaOrganization"},
    "Place": {"Place", "City", "Country", "AdministrativeArea"},
}


def norm(name: str) -> str:
    text = fold(name).replace(".", "").replace("’", "'")
    for prefix in ("the ",):
        text = text.removeprefix(prefix)
    return " ".join(text.replace("-", " ").split())


@dataclass
class Score(PRF):
    """Counts (the corpora's :class:`~bench.corpora.score.PRF`) and, for ``-v``, the
    names behind the misses and extras."""

    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def settings() -> Settings:
    return Settings(
        title="eval",
        base_url="https://eval.example.org/",
        timezone="UTC",
        publisher=PublisherSettings(name="Eval", url="https://eval.example.org/"),
        content_dir=CORPUS,
    )


def score_entities(expected: dict[str, list[dict[str, Any]]], facts: Facts) -> dict[str, Score]:
    out: dict[str, Score] = {}
    predicted = facts.entities.named()
    for family, kinds in FAMILIES.items():
        score = Score()
        want = expected.get(family) or []
        got = [e for e in predicted if e.type in kinds]
        got_names = [{norm(e.name), *(norm(a) for a in e.alternate_name)} for e in got]
        used: set[int] = set()
        for item in want:
            names = {norm(item["name"])}
            if item.get("alternateName"):
                names.add(norm(str(item["alternateName"])))
            hit = next((i for i, g in enumerate(got_names) if i not in used and g & names), None)
            if hit is None:
                score.fn += 1
                score.misses.append(item["name"])
            else:
                score.tp += 1
                used.add(hit)
        for i, e in enumerate(got):
            if i not in used:
                score.fp += 1
                score.extras.append(e.name)
        out[family] = score
    return out


@dataclass
class EventScore:
    score: Score = field(default_factory=Score)
    dates_right: int = 0
    dates_scored: int = 0
    places_right: int = 0
    places_scored: int = 0
    # dated happenings: expected events with a startDate, and events dateline dated
    dated_expected: int = 0
    dated_found_right: int = 0
    dated_predicted: int = 0
    dated_predicted_matched: int = 0

    def add(self, other: EventScore) -> None:
        self.score.add(other.score)
        for name in (
            "dates_right",
            "dates_scored",
            "places_right",
            "places_scored",
            "dated_expected",
            "dated_found_right",
            "dated_predicted",
            "dated_predicted_matched",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_events(expected: list[dict[str, Any]], facts: Facts) -> EventScore:
    result = EventScore()
    names = {k: norm(e.name) for k, e in facts.entities.entities.items()}
    used: set[int] = set()
    result.dated_expected = sum(1 for item in expected if item.get("startDate"))
    result.dated_predicted = sum(1 for event in facts.events if event.start)
    for item in expected:
        trigger = str(item.get("trigger", "")).lower()
        participants = {norm(p) for p in item.get("participants") or []}
        candidates = []
        for i, event in enumerate(facts.events):
            if i in used or trigger not in event.evidence.lower():
                continue
            theirs = {names.get(k, k) for k in (*event.attendee, *event.about, *event.organizer)}
            same_day = bool(item.get("startDate")) and item["startDate"] == event.start
            where = {names.get(k, k) for k in event.location}
            same_place = bool(item.get("location")) and norm(str(item["location"])) in where
            if participants & theirs or same_day or same_place:
                candidates.append(i)
        if not candidates:
            result.score.fn += 1
            result.score.misses.append(item["name"])
            continue
        hit = candidates[0]
        used.add(hit)
        result.score.tp += 1
        event = facts.events[hit]
        result.dated_predicted_matched += bool(event.start)
        result.dated_found_right += bool(item.get("startDate")) and str(item.get("startDate")) == (
            event.start or ""
        )
        if item.get("startDate") or event.start:
            result.dates_scored += 1
            result.dates_right += str(item.get("startDate") or "") == (event.start or "")
        if item.get("location") or event.location:
            result.places_scored += 1
            where = {names.get(k, k) for k in event.location}
            result.places_right += norm(str(item.get("location") or "")) in where
    for i, event in enumerate(facts.events):
        if i not in used:
            result.score.fp += 1
            result.score.extras.append(event.name)
    return result


def same_instant(expected: str, value: dt.datetime | dt.date | None) -> bool:
    if value is None:
        return False
    if isinstance(value, dt.datetime):
        want = dt.datetime.fromisoformat(expected)
        return value == want and value.utcoffset() == want.utcoffset()
    return value.isoformat() == expected


def split() -> dict[str, list[str]]:
    """The article stems of each half (tests/data/eval/split.yaml): ``tuning`` may be read
    while writing rules; ``held_out`` may not (see tests/data/eval/README.md)."""
    data = yaml.safe_load((CORPUS / "split.yaml").read_text(encoding="utf-8"))
    return {half: [str(stem) for stem in data[half]] for half in ("tuning", "held_out")}


def run(verbose: bool, half: str | None = None) -> dict[str, Any]:
    """Scores over the whole corpus, or over one half of it (``tuning``/``held_out``)."""
    site = settings()
    # the facts enricher a site with these settings runs (model, confidence threshold)
    facts_enricher = next(
        (e for e in default_enrichers(site) if isinstance(e, FactsEnricher)),
        FactsEnricher(Gazetteer.shared()),
    )
    totals = {family: Score() for family in FAMILIES}
    events_total = EventScore()
    published_right = dateline_right = place_right = 0
    articles = sorted(CORPUS.glob("*.expected.yaml"))
    if half is not None:
        stems = set(split()[half])
        articles = [a for a in articles if a.name.removesuffix(".expected.yaml") in stems]
    started = time.perf_counter()
    enrich_seconds = 0.0
    for expected_path in articles:
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        draft = read_article(CORPUS / expected["source"], site.max_file_bytes)
        layers = written_layers(draft, site)
        known = merge_layers(layers)
        t0 = time.perf_counter()
        simple = enrich(draft, known, DEFAULT_ENRICHERS)
        facts = facts_enricher.facts(draft, known)
        # (the threshold is read where the enricher has one: the baseline's does not)
        inferred = (
            FactsEnricher.layer(facts, facts_enricher.min_confidence)
            if hasattr(facts_enricher, "min_confidence")
            else facts_enricher.layer(facts)
        )
        # score what is published: events under the confidence threshold are only proposed
        shown = {e.id for e in inferred.events or []}
        facts = replace(facts, events=[e for e in facts.events if e.key in shown])
        enrich_seconds += time.perf_counter() - t0
        layers[Layer.ENRICHMENT] = merge_layers({Layer.READER: simple, Layer.ENRICHMENT: inferred})
        merged = merge_layers(layers)
        published = localize(merged.date, merged.timezone or "UTC") if merged.date else None
        ok_published = same_instant(str(expected["datePublished"]), published)
        ok_dateline = (merged.dateline or "").upper() == str(expected.get("dateline", "")).upper()
        place = facts.entities.entities.get(facts.dateline_place or "")
        ok_place = place is not None and norm(place.name) == norm(
            str(expected.get("datelinePlace"))
        )
        published_right += ok_published
        dateline_right += ok_dateline
        place_right += ok_place
        entity_scores = score_entities(expected.get("entities") or {}, facts)
        event_score = score_events(expected.get("events") or [], facts)
        for family, score in entity_scores.items():
            totals[family].add(score)
        events_total.add(event_score)
        if verbose:
            print(f"\n{expected['source']}", file=sys.stderr)
            if not ok_published:
                print(
                    f"  datePublished {published} != {expected['datePublished']}", file=sys.stderr
                )
            for family, score in entity_scores.items():
                if score.misses or score.extras:
                    print(
                        f"  {family}: missed {score.misses}; extra {score.extras}", file=sys.stderr
                    )
            if event_score.score.misses or event_score.score.extras:
                print(
                    f"  events: missed {event_score.score.misses}; "
                    f"extra {event_score.score.extras}",
                    file=sys.stderr,
                )
    elapsed = time.perf_counter() - started
    overall = Score()
    for score in totals.values():
        overall.add(score)
    n = len(articles)
    return {
        "articles": n,
        "entities": {
            family: score.as_dict() for family, score in [*totals.items(), ("all", overall)]
        },
        "events": events_total.score.as_dict(),
        "event_start_date_accuracy": _ratio(events_total.dates_right, events_total.dates_scored),
        "event_location_accuracy": _ratio(events_total.places_right, events_total.places_scored),
        "dated_happenings": {
            "expected": events_total.dated_expected,
            "found_right_date": events_total.dated_found_right,
            "recall_right_date": _ratio(
                events_total.dated_found_right, events_total.dated_expected
            ),
            "dated_events": events_total.dated_predicted,
            "dated_events_matched": events_total.dated_predicted_matched,
            "precision": _ratio(events_total.dated_predicted_matched, events_total.dated_predicted),
        },
        "datePublished_accuracy": _ratio(published_right, n),
        "dateline_accuracy": _ratio(dateline_right, n),
        "dateline_place_accuracy": _ratio(place_right, n),
        "enrichment_articles_per_second": round(n / enrich_seconds, 1) if enrich_seconds else None,
        "seconds": round(elapsed, 3),
    }


def _ratio(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


def table(rows: Iterable[tuple[str, str]]) -> str:
    rows = list(rows)
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def rows(result: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("articles", str(result["articles"]))]
    for family, prf in result["entities"].items():
        out.append(
            (
                f"entities {family}",
                f"P {prf['precision']:.3f}  R {prf['recall']:.3f}  F1 {prf['f1']:.3f}  "
                f"(tp {prf['tp']}, fp {prf['fp']}, fn {prf['fn']})",
            )
        )
    ev = result["events"]
    out.append(
        (
            "events",
            f"P {ev['precision']:.3f}  R {ev['recall']:.3f}  F1 {ev['f1']:.3f}  "
            f"(tp {ev['tp']}, fp {ev['fp']}, fn {ev['fn']})",
        )
    )
    dh = result["dated_happenings"]
    out.append(
        (
            "dated happenings",
            f"found with the right date {dh['found_right_date']} of {dh['expected']} "
            f"(recall {dh['recall_right_date']}); dated Events that are a reported event "
            f"{dh['dated_events_matched']} of {dh['dated_events']} (precision {dh['precision']})",
        )
    )
    for key in (
        "event_start_date_accuracy",
        "event_location_accuracy",
        "datePublished_accuracy",
        "dateline_accuracy",
        "dateline_place_accuracy",
        "enrichment_articles_per_second",
    ):
        out.append((key, str(result[key])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses per article")
    parser.add_argument(
        "--half",
        choices=("tuning", "held_out"),
        help="score one half only (default: each half, then all)",
    )
    args = parser.parse_args()
    Gazetteer.shared().city("Paris")  # load the data outside the timed part
    halves = [args.half] if args.half else ["tuning", "held_out"]
    result: dict[str, Any] = {half: run(args.verbose, half) for half in halves}
    if not args.half:
        result["all"] = run(False)
    if not args.json:
        for half, scores in result.items():
            title = {"tuning": "TUNING half", "held_out": "HELD-OUT half", "all": "ALL"}[half]
            print(f"== {title} ({', '.join(split()[half]) if half != 'all' else 'all 20'})")
            print(table(rows(scores)))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
