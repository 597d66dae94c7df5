"""dateline's enrichment scored on public corpora that other people annotated.

Run by ``make eval-public CONLL=... TEMPEVAL=... MEANTIME=... GUM=...`` (each optional; a
corpus not given is skipped). The corpora are not in the repository (their
licences forbid it, or they are large): see README's evaluation section for
where to get them. Each document goes through the enrichment a build runs
(:mod:`bench.corpora.run`), with the document's creation time as the
publication date.

- CoNLL-2003 (English NER; ``eng.testb`` is the held-out test set): PER/ORG/LOC
  precision, recall, F1 over name mentions, exact (same span and type) and
  lenient (overlapping span, same type); and over each document's distinct
  entities ("names": what dateline publishes, one node per entity, against the
  annotated names with surnames joined to full names). MISC is ignored on both
  sides: its annotations are not scored, and neither is a name dateline finds
  over one.
  Beside it, spaCy's model alone on the same text, and the model's own published
  scores (OntoNotes 5, from its meta.json).
- TempEval-3 platinum (TIMEX3): extent P/R/F1 (strict: same characters; relaxed:
  overlapping), and the normalised value of each relaxed match compared with the
  annotation's, as in the task's value F1. Beside it, HeidelTime's published
  result on the same set.
- MEANTIME (NewsReader, Wikinews): per-document entities as dateline publishes
  them (one per name, typed person/organization/place), and dated happenings:
  annotated events that a TLINK places at a date of the text — the share dateline
  reports with that date (recall) and the share of dateline's dated Events that
  are an annotated event (precision), counted in the sentences MEANTIME annotates
  fully (headline and first body sentences; past them it has no times and only
  cross-document event chains), with every sentence's count beside it.
  ``corpus_airbus`` is the tuning part; the other three are held out.
- GUM (Georgetown University Multilayer corpus, news = Wikinews; ``--gum`` is the
  corpus root or its ``dep/`` folder): GUM annotates every mention of every entity,
  so each document's named people, organizations and places are complete (see
  :mod:`bench.corpora.gum` for what counts as named). Scored as per-document
  distinct names, the issue's target metric: dateline's published entities (name +
  alternateName) against GUM's named person/organization/place groups (each the set
  of its names), one to one, strict (a normalised name equal) and lenient (one name
  contains the other as whole words: ``Washington`` for ``Washington, D.C.``), typed
  (PER/ORG/LOC) and type-blind (GUM calls a country that acts, or its national team,
  an organization). Beside it, spaCy's
  model alone on the same text, its names clustered per document as for CoNLL.
  **Split, fixed before any scoring: the 24 news documents in name order, counted
  from 1 — odd positions are the tuning half (read their misses with --misses),
  even positions are held out (report these; never read their texts or misses).**

Prints a table per corpus, then one JSON line (``--json``: only the JSON).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from bench.corpora.conll import read_conll
from bench.corpora.gum import GumDocument, read_gum_folder, split_of
from bench.corpora.meantime import TYPES, MeantimeDocument, read_meantime_folder
from bench.corpora.run import Output, Runner
from bench.corpora.score import (
    PRF,
    cluster_names,
    match_names,
    print_result,
    score_spans,
    timex_value,
)
from bench.corpora.timeml import TimeMLDocument, read_timeml_folder

T = TypeVar("T")

#: Published anchors, printed beside our numbers.
#: HeidelTime (run HeidelTime-t) on the TempEval-3 platinum test set, all TIMEX3:
#: UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3", Task A results table.
#: The value F1 (77.61) was checked against a second source quoting the paper; the
#: extent F1s are the paper's as recalled and were not re-checked on this machine.
HEIDELTIME_TE3 = {
    "strict_f1": 0.8134,
    "relaxed_f1": 0.9030,
    "value_f1": 0.7761,
    "source": "UzZaman et al. 2013 (SemEval-2013 Task 1), HeidelTime-t",
}
#: spaCy model label → CoNLL type (OntoNotes GPE and FAC are CoNLL locations).
SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
MEANTIME_DEV = frozenset({"corpus_airbus"})
_ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _sample(items: list[T], size: int | None, seed: int) -> list[T]:
    if size is None or size >= len(items):
        return items
    return sorted(random.Random(seed).sample(items, size), key=items.index)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# -- CoNLL-2003 ------------------------------------------------------------------------


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def eval_conll(
    path: Path, runner: Runner, sample: int | None, seed: int, misses: bool = False
) -> dict[str, Any]:
    documents = _sample(read_conll(path), sample, seed)
    exact: dict[str, PRF] = {t: PRF() for t in TYPES}
    lenient: dict[str, PRF] = {t: PRF() for t in TYPES}
    model_exact: dict[str, PRF] = {t: PRF() for t in TYPES}
    names: dict[str, PRF] = {t: PRF() for t in TYPES}
    nlp = runner.facts.nlp.nlp
    started = time.perf_counter()
    for doc in documents:
        texts = [s.text for s in doc.sentences]
        published = next(
            (_day(m.group(1)) for t in texts[:3] for m in [_ISO_DAY.search(t)] if m), None
        )
        out = runner.run(f"conll-{doc.number}", texts[0], texts[1:], published, mentions=True)
        gold = [(s.sentence - 1, s.start, s.end, s.type) for s in doc.spans]
        misc = [g for g in gold if g[3] == "MISC"]
        gold = [g for g in gold if g[3] != "MISC"]

        def keep(span: tuple[int, int, int, str], misc: Sequence[Any] = misc) -> bool:
            return not any(span[0] == m[0] and span[1] < m[2] and m[1] < span[2] for m in misc)

        ours = [(m.paragraph, m.start, m.end, m.family) for m in out.mentions]
        ours = [s for s in ours if keep(s)]
        if misses:
            _conll_misses(doc.number, texts, gold, ours)
        for kind, score in score_spans(gold, ours).items():
            exact.setdefault(kind, PRF()).add(score)
        for kind, score in _document_names(texts, gold, misc, out, runner).items():
            names[kind].add(score)
        for kind, score in score_spans(gold, ours, lenient=True).items():
            lenient.setdefault(kind, PRF()).add(score)
        model: list[tuple[int, int, int, str]] = []
        for i, parsed in enumerate(nlp.pipe(texts)):
            for ent in parsed.ents:
                label = SPACY_TO_CONLL.get(ent.label_)
                if label is not None:
                    model.append((i - 1, ent.start_char, ent.end_char, label))
        for kind, score in score_spans(gold, [s for s in model if keep(s)]).items():
            model_exact.setdefault(kind, PRF()).add(score)
    performance: dict[str, Any] = nlp.meta.get("performance", {})
    per_type = performance.get("ents_per_type", {})
    return {
        "file": str(path),
        "documents": len(documents),
        "exact": _families(exact),
        "lenient": _families(lenient),
        "document_names": _families(names),
        "model_alone_exact": _families(model_exact),
        "model_published_ontonotes": {
            "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
            "PERSON": per_type.get("PERSON", {}),
            "ORG": per_type.get("ORG", {}),
            "GPE": per_type.get("GPE", {}),
            "LOC": per_type.get("LOC", {}),
            "all": {k: performance.get(k) for k in ("ents_p", "ents_r", "ents_f")},
        },
        "seconds": round(time.perf_counter() - started, 1),
    }


def _document_names(
    texts: Sequence[str],
    gold: Sequence[tuple[int, int, int, str]],
    misc: Sequence[tuple[int, int, int, str]],
    out: Output,
    runner: Runner,
) -> dict[str, PRF]:
    """Per type, the document's distinct entities (what dateline publishes: one node per
    entity with its names) against the distinct names CoNLL annotates in it.

    An entity dateline only saw inside MISC names (``Russian`` → Russia) is not scored,
    as MISC is not."""

    def text(span: tuple[int, int, int, str]) -> str:
        return texts[span[0] + 1][span[1] : span[2]]

    def in_misc(paragraph: int, start: int, end: int) -> bool:
        return any(paragraph == m[0] and start < m[2] and m[1] < end for m in misc)

    seen: dict[str, list[bool]] = {}
    for mention in out.mentions:
        seen.setdefault(mention.key, []).append(
            in_misc(mention.paragraph, mention.start, mention.end)
        )
    named = _named(out)
    scores: dict[str, PRF] = {}
    for kind in TYPES:
        want = cluster_names([text(g) for g in gold if g[3] == kind], surnames=kind == "PER")
        ours = [
            {e.name, *e.alternate_name}
            for e in out.entities
            if runner.family(e.type) == kind
            and e.id in named
            and not (seen.get(e.id) and all(seen[e.id]))
        ]
        scores[kind] = match_names(want, ours)
    return scores


def _conll_misses(
    number: int,
    texts: Sequence[str],
    gold: Sequence[tuple[int, int, int, str]],
    ours: Sequence[tuple[int, int, int, str]],
) -> None:
    def show(span: tuple[int, int, int, str]) -> str:
        return f"{texts[span[0] + 1][span[1] : span[2]]!r}/{span[3]}"

    missed = sorted(set(gold) - set(ours))
    extra = sorted(set(ours) - set(gold))
    if missed or extra:
        _say(f"doc {number}: {texts[0]!r}")
        _say(f"  missed {', '.join(show(s) for s in missed)}")
        _say(f"  extra  {', '.join(show(s) for s in extra)}")


def _families(scores: dict[str, PRF]) -> dict[str, dict[str, float | int]]:
    total = PRF()
    for kind in TYPES:
        total.add(scores.get(kind, PRF()))
    return {**{k: scores.get(k, PRF()).as_dict() for k in TYPES}, "all": total.as_dict()}


# -- TempEval-3 ------------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line separated paragraphs with their offsets; inner newlines become spaces."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        out.append((match.start(), match.group(0).replace("\n", " ")))
    return out


def find_timexes(doc: TimeMLDocument, types: set[str] | None = None) -> list[tuple[int, int, str]]:
    """dateline's temporal expressions in ``doc``: ``(start, end, TIMEX3 value)``; with
    ``types``, only those whose TIMEX3 type is one of them (the DATE line scores our
    dates against gold dates, not our durations and sets against gold dates)."""
    from dateline.enrich.sentences import split_sentences  # noqa: PLC0415
    from dateline.enrich.temporal import find_times  # noqa: PLC0415
    from dateline.read.draft import Paragraph  # noqa: PLC0415

    reference = _day(doc.dct)
    if reference is None:
        return []
    found: list[tuple[int, int, str]] = []
    for offset, paragraph in _paragraphs(doc.text):
        cursor = 0
        for sentence in split_sentences([Paragraph(paragraph, 0)]):
            at = paragraph.find(sentence.text, cursor)
            at = max(at, 0)
            cursor = at + len(sentence.text)
            for expr in find_times(sentence.text, reference):
                if types is not None and getattr(expr, "timex_type", "DATE") not in types:
                    continue
                value = getattr(expr, "value", None) or timex_value(
                    expr.start, expr.end, expr.precision
                )
                base = offset + at
                found.append((base + expr.start_offset, base + expr.end_offset, value))
    return found


def eval_tempeval(path: Path) -> dict[str, Any]:
    documents = read_timeml_folder(path)
    started = time.perf_counter()
    results: dict[str, Any] = {"folder": str(path), "documents": len(documents)}
    for label, types in (("all", None), ("DATE", {"DATE"})):
        strict, relaxed, value = PRF(), PRF(), PRF()
        for doc in documents:
            gold = [t for t in doc.timexes if types is None or t.type in types]
            ours = find_timexes(doc, types)
            spans_gold = {(0, t.start, t.end, "T") for t in gold}
            spans_ours = {(0, a, b, "T") for a, b, _ in ours}
            strict.add(score_spans(spans_gold, spans_ours).get("T", PRF()))
            relaxed.add(score_spans(spans_gold, spans_ours, lenient=True).get("T", PRF()))
            used: set[int] = set()
            right = 0
            for t in gold:
                hit = next(
                    (
                        i
                        for i, o in enumerate(ours)
                        if i not in used and t.start < o[1] and o[0] < t.end
                    ),
                    None,
                )
                if hit is not None:
                    used.add(hit)
                    right += ours[hit][2] == t.value
            value.add(PRF(right, len(ours) - right, len(gold) - right))
        matched = relaxed.tp
        results[label] = {
            "gold": strict.tp + strict.fn,
            "strict": strict.as_dict(),
            "relaxed": relaxed.as_dict(),
            "value": value.as_dict(),
            "value_accuracy_of_matches": round(value.tp / matched, 3) if matched else None,
        }
    results["heideltime_published"] = dict(HEIDELTIME_TE3)
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


# -- MEANTIME --------------------------------------------------------------------------

_STOP = frozenset("a an the of and or to by in on at for with between from into over".split())


def _stems(text: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def _event_words(name: str, trigger: str | None) -> set[str]:
    """What an Event was triggered by: its trigger where known, else the words of its
    name that are not names (``Meeting between Tim Cook and …`` → ``meeting``)."""
    if trigger:
        return _stems(trigger)
    words = name.split()
    kept = [w for i, w in enumerate(words) if i == 0 or not w[:1].isupper()]
    return _stems(" ".join(kept))


def _where(doc: MeantimeDocument, evidence: str) -> list[tuple[int, int, int]]:
    """Where an event's evidence sentence is in the document: (paragraph, start, end)."""
    out = []
    for index, text in [(-1, doc.title), *enumerate(doc.paragraphs)]:
        at = text.find(evidence.strip())
        if at >= 0:
            out.append((index, at, at + len(evidence.strip())))
    return out


def score_happenings(doc: MeantimeDocument, out: Output) -> dict[str, int]:
    """Counts for one document: gold dated happenings found with their date, and
    dateline's dated Events that are annotated events (and those whose date is right).

    Precision counts only Events from the sentences MEANTIME annotated fully (the
    headline and the first body sentences, :attr:`MeantimeDocument.scope`): past them
    it annotated only cross-document chains, so an Event there that is no annotated
    event is not known to be wrong. ``*_all_sentences`` counts every dated Event."""
    counts = {"gold": len(doc.dated), "found_right_date": 0, "found_any_date": 0}
    dated = [e for e in out.events if e.start_date is not None]
    spots = {e.id: _where(doc, e.evidence or "") for e in dated}

    def covers(event_id: str, paragraph: int, start: int, end: int) -> bool:
        return any(p == paragraph and a <= start and end <= b for p, a, b in spots[event_id])

    def is_that(event_id: str, name: str, text: str, lemma: str) -> bool:
        words = _event_words(name, out.triggers.get(event_id))
        return bool(words & (_stems(text) | _stems(lemma)))

    def in_scope(event_id: str) -> bool:
        return any(p < doc.scope for p, _, _ in spots[event_id])  # the headline is -1

    used: set[str] = set()
    for happening in doc.dated:
        m = happening.mention
        here = [e for e in dated if e.id not in used and covers(e.id, m.paragraph, m.start, m.end)]
        same = [e for e in here if is_that(e.id, e.name, m.text, m.lemma)]
        right = [e for e in same if str(e.start_date) == happening.date]
        if right:
            counts["found_right_date"] += 1
            used.add(right[0].id)
        if same:
            counts["found_any_date"] += 1
    anchored = {(h.mention.paragraph, h.mention.start): h.date for h in doc.dated}
    for key in ("events_dated", "events_matched", "events_matched_sentence"):
        counts[key] = counts[f"{key}_all_sentences"] = 0
    counts["events_matched_right_date"] = 0
    for event in dated:
        inside = [m for m in doc.events if covers(event.id, m.paragraph, m.start, m.end)]
        hits = [m for m in inside if is_that(event.id, event.name, m.text, m.lemma)]
        counts["events_dated_all_sentences"] += 1
        counts["events_matched_all_sentences"] += bool(hits)
        counts["events_matched_sentence_all_sentences"] += bool(inside)
        if not in_scope(event.id):
            continue
        counts["events_dated"] += 1
        counts["events_matched_sentence"] += bool(inside)
        counts["events_matched"] += bool(hits)
        counts["events_matched_right_date"] += any(
            anchored.get((m.paragraph, m.start)) == str(event.start_date) for m in hits
        )
    return counts


def eval_meantime(
    path: Path, runner: Runner, sample: int | None, seed: int, misses: bool = False
) -> dict[str, Any]:
    documents = _sample(read_meantime_folder(path), sample, seed)
    started = time.perf_counter()
    parts: dict[str, dict[str, Any]] = {}
    for part in ("dev", "held_out"):
        chosen = [d for d in documents if (d.corpus in MEANTIME_DEV) == (part == "dev")]
        strict = {t: PRF() for t in TYPES}
        lenient = {t: PRF() for t in TYPES}
        on_annotated = {t: PRF() for t in TYPES}
        happenings: dict[str, int] = {}
        for doc in chosen:
            out = runner.run(doc.name, doc.title, doc.paragraphs, _day(doc.dct))
            for kind in TYPES:
                gold = [{e.label, *e.mentions} for e in doc.entities if e.type == kind]
                ours = [
                    {e.name, *e.alternate_name}
                    for e in out.entities
                    if runner.family(e.type) == kind and e.id in _named(out)
                ]
                strict[kind].add(match_names(gold, ours))
                lenient[kind].add(match_names(gold, ours, lenient=True))
                # precision where MEANTIME annotated something: names it did not annotate
                # at all (it leaves some out) are not counted against dateline here
                seen = [n for n in ours if match_names([doc.annotated], [n], lenient=True).tp]
                on_annotated[kind].add(_precision_only(match_names(gold, seen, lenient=True)))
            if misses and part == "dev":
                _meantime_misses(doc, out, runner)
            for key, value in score_happenings(doc, out).items():
                happenings[key] = happenings.get(key, 0) + value
        gold_n, dated_n = happenings.get("gold", 0), happenings.get("events_dated", 0)
        parts[part] = {
            "documents": len(chosen),
            "corpora": sorted({d.corpus for d in chosen}),
            "entities_strict": _families(strict),
            "entities_lenient": _families(lenient),
            "entities_on_annotated_names": _families(on_annotated),
            "dated_happenings": {
                **happenings,
                "recall_right_date": _ratio(happenings.get("found_right_date", 0), gold_n),
                "recall_any_date": _ratio(happenings.get("found_any_date", 0), gold_n),
                "precision": _ratio(happenings.get("events_matched", 0), dated_n),
                "precision_right_date": _ratio(
                    happenings.get("events_matched_right_date", 0), dated_n
                ),
                "precision_same_sentence": _ratio(
                    happenings.get("events_matched_sentence", 0), dated_n
                ),
                "precision_all_sentences": _ratio(
                    happenings.get("events_matched_all_sentences", 0),
                    happenings.get("events_dated_all_sentences", 0),
                ),
            },
        }
    return {"folder": str(path), **parts, "seconds": round(time.perf_counter() - started, 1)}


def eval_gum(
    path: Path, runner: Runner, sample: int | None, seed: int, misses: bool = False
) -> dict[str, Any]:
    documents = read_gum_folder(path)
    split = split_of(documents)
    documents = _sample(documents, sample, seed)
    nlp = runner.facts.nlp.nlp
    started = time.perf_counter()
    parts: dict[str, dict[str, Any]] = {}
    for part in ("tuning", "held_out"):
        chosen = [d for d in documents if split[d.name] == part]
        typed = {t: PRF() for t in TYPES}
        lenient = {t: PRF() for t in TYPES}
        blind = PRF()
        model_typed = {t: PRF() for t in TYPES}
        model_lenient = {t: PRF() for t in TYPES}
        model_blind = PRF()
        for doc in chosen:
            out = runner.run(doc.name, doc.title, doc.paragraphs, _day(doc.date or ""))
            gold = {t: [set(e.names) for e in doc.entities if e.type == t] for t in TYPES}
            ours = {
                t: [
                    {e.name, *e.alternate_name}
                    for e in out.entities
                    if runner.family(e.type) == t and e.id in _named(out)
                ]
                for t in TYPES
            }
            model = _model_names(nlp, [doc.title, *doc.paragraphs])
            for kind in TYPES:
                typed[kind].add(match_names(gold[kind], ours[kind]))
                lenient[kind].add(match_names(gold[kind], ours[kind], lenient=True))
                model_typed[kind].add(match_names(gold[kind], model[kind]))
                model_lenient[kind].add(match_names(gold[kind], model[kind], lenient=True))
            every = [names for t in TYPES for names in gold[t]]
            blind.add(match_names(every, [n for t in TYPES for n in ours[t]]))
            model_blind.add(match_names(every, [n for t in TYPES for n in model[t]]))
            if misses and part == "tuning":
                _gum_misses(doc, gold, ours)
        parts[part] = {
            "documents": len(chosen),
            "names": _families(typed),
            "names_lenient": _families(lenient),
            "names_type_blind": blind.as_dict(),
            "model_alone_names": _families(model_typed),
            "model_alone_names_lenient": _families(model_lenient),
            "model_alone_names_type_blind": model_blind.as_dict(),
        }
    model_name = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    return {
        "folder": str(path),
        "split": "news documents in name order from 1: odd = tuning, even = held out",
        "model": model_name,
        **parts,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _model_names(nlp: Any, texts: Sequence[str]) -> dict[str, list[set[str]]]:
    """spaCy's model alone: each type's distinct names in the document (equal names
    joined, a person's surname joined to the full name), as for CoNLL."""
    found: dict[str, list[str]] = {t: [] for t in TYPES}
    for parsed in nlp.pipe(texts):
        for ent in parsed.ents:
            label = SPACY_TO_CONLL.get(ent.label_)
            if label is not None:
                found[label].append(ent.text)
    return {t: cluster_names(found[t], surnames=t == "PER") for t in TYPES}


def _gum_misses(
    doc: GumDocument, gold: dict[str, list[set[str]]], ours: dict[str, list[set[str]]]
) -> None:
    _say(f"{doc.name} ({doc.date}): {doc.title}")
    for kind in TYPES:
        missed = [sorted(g) for g in gold[kind] if not match_names([g], ours[kind]).tp]
        extra = [sorted(o) for o in ours[kind] if not match_names(gold[kind], [o]).tp]
        _say(f"  {kind} missed {missed}")
        _say(f"  {kind} extra  {extra}")


def _meantime_misses(doc: MeantimeDocument, out: Output, runner: Runner) -> None:
    _say(f"{doc.corpus}/{doc.name} (created {doc.dct})")
    for kind in TYPES:
        gold = sorted(e.label for e in doc.entities if e.type == kind)
        ours = sorted(e.name for e in out.entities if runner.family(e.type) == kind)
        _say(f"  {kind} annotated {gold}; dateline {ours}")
    _say(f"  dated happenings annotated {[(h.mention.text, h.date) for h in doc.dated]}")
    _say(f"  dateline Events {[(e.name, str(e.start_date)) for e in out.events]}")


def _precision_only(score: PRF) -> PRF:
    return PRF(score.tp, score.fp, 0)


def _named(out: Output) -> set[str]:
    """Entities the article names (not places added only as a named city's country)."""
    return {e.id for e in out.entities} if out.named is None else out.named


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


# -- printing ----------------------------------------------------------------------------


def _prf_line(d: dict[str, Any]) -> str:
    return (
        f"P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
        f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    )


def render(result: dict[str, Any]) -> str:
    lines: list[str] = []
    if "conll" in result:
        c = result["conll"]
        lines.append(f"CoNLL-2003 {c['file']} ({c['documents']} documents, {c['seconds']} s)")
        for kind in (*TYPES, "all"):
            lines.append(f"  dateline exact   {kind:<4} {_prf_line(c['exact'][kind])}")
        for kind in (*TYPES, "all"):
            lines.append(f"  dateline lenient {kind:<4} {_prf_line(c['lenient'][kind])}")
        for kind in (*TYPES, "all"):
            lines.append(f"  dateline names   {kind:<4} {_prf_line(c['document_names'][kind])}")
        for kind in (*TYPES, "all"):
            lines.append(f"  model alone      {kind:<4} {_prf_line(c['model_alone_exact'][kind])}")
        pub = c["model_published_ontonotes"]
        lines.append(f"  published: {pub['model']} on OntoNotes 5 (its meta.json):")
        for label in ("PERSON", "ORG", "GPE", "LOC"):
            s = pub[label]
            if s:
                lines.append(f"    {label:<6} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f']:.3f}")
    if "tempeval" in result:
        t = result["tempeval"]
        lines.append(f"TempEval-3 {t['folder']} ({t['documents']} documents, {t['seconds']} s)")
        for label in ("all", "DATE"):
            s = t[label]
            lines.append(f"  {label} TIMEX3 ({s['gold']} annotated)")
            lines.append(f"    strict extent  {_prf_line(s['strict'])}")
            lines.append(f"    relaxed extent {_prf_line(s['relaxed'])}")
            lines.append(f"    value          {_prf_line(s['value'])}")
            lines.append(f"    value accuracy of relaxed matches: {s['value_accuracy_of_matches']}")
        h = t["heideltime_published"]
        lines.append(
            f"  published: HeidelTime (TempEval-3, all TIMEX3) strict F1 {h['strict_f1']:.3f}, "
            f"relaxed F1 {h['relaxed_f1']:.3f}, value F1 {h['value_f1']:.3f}"
        )
    if "gum" in result:
        g = result["gum"]
        lines.append(f"GUM {g['folder']} ({g['seconds']} s; split: {g['split']})")
        for part in ("held_out", "tuning"):
            p = g[part]
            lines.append(f"  {part}: {p['documents']} documents, per-document distinct names")
            for who, key in (("dateline", "names"), ("model alone", "model_alone_names")):
                for kind in (*TYPES, "all"):
                    lines.append(f"    {who:<11} {kind:<4} {_prf_line(p[key][kind])}")
                lenient = p[f"{key}_lenient"]["all"]
                lines.append(f"    {who:<11} all, lenient names {_prf_line(lenient)}")
                blind = p[f"{key}_type_blind"]
                lines.append(f"    {who:<11} all, type-blind    {_prf_line(blind)}")
            lines.append(f"    (model alone: {g['model']})")
    if "meantime" in result:
        m = result["meantime"]
        lines.append(f"MEANTIME {m['folder']} ({m['seconds']} s)")
        for part in ("dev", "held_out"):
            p = m[part]
            lines.append(f"  {part}: {p['documents']} documents {', '.join(p['corpora'])}")
            for kind in (*TYPES, "all"):
                lines.append(f"    entities {kind:<4} {_prf_line(p['entities_strict'][kind])}")
            lenient = p["entities_lenient"]["all"]
            lines.append(f"    entities all, lenient names {_prf_line(lenient)}")
            for kind in (*TYPES, "all"):
                s = p["entities_on_annotated_names"][kind]
                lines.append(
                    f"    precision on names MEANTIME annotated {kind:<4} P {s['precision']:.3f}"
                    f"  (tp {s['tp']}, fp {s['fp']})"
                )
            h = p["dated_happenings"]
            lines.append(
                f"    dated happenings: {h['gold']} annotated; found with the right date "
                f"{h['found_right_date']} (recall {h['recall_right_date']}), with any date "
                f"{h['found_any_date']}"
            )
            lines.append(
                f"    dateline's dated Events in the sentences MEANTIME annotated: "
                f"{h['events_dated']}; an annotated event {h['events_matched']} (precision "
                f"{h['precision']}), and on its date {h['events_matched_right_date']}; same "
                f"sentence only {h['events_matched_sentence']}"
            )
            lines.append(
                f"    (in every sentence: {h['events_dated_all_sentences']} dated Events, "
                f"{h['events_matched_all_sentences']} annotated; precision "
                f"{h['precision_all_sentences']})"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--conll", type=Path, help="a CoNLL-2003 file (eng.testb: held out)")
    parser.add_argument("--tempeval", type=Path, help="TempEval-3 platinum folder of .tml files")
    parser.add_argument("--meantime", type=Path, help="MEANTIME English folder (CAT XML)")
    parser.add_argument(
        "--gum", type=Path, help="GUM corpus root or its dep/ folder (news documents)"
    )
    parser.add_argument("--sample", type=int, help="score N documents per corpus (seeded)")
    parser.add_argument("--seed", type=int, default=7, help="seed for --sample (default 7)")
    parser.add_argument(
        "--ner",
        help="nlp_ner for the run: the ner folder bench/train_ner.py wrote (default: shipped)",
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list each document's misses and extras on stderr, for tuning parts only "
        "(CoNLL eng.train/eng.testa, MEANTIME corpus_airbus, GUM odd positions); refused "
        "for held-out data",
    )
    args = parser.parse_args(argv)
    if args.misses and (args.tempeval or (args.conll and "testb" in args.conll.name)):
        parser.error("--misses is for tuning data: TempEval-3 platinum and eng.testb are held out")
    for given in (args.conll, args.tempeval, args.meantime, args.gum):
        if given is not None and not given.exists():
            parser.error(f"{given} does not exist")
    result: dict[str, Any] = {}
    runner = Runner(args.ner) if args.conll or args.meantime or args.gum else None
    if args.tempeval:
        result["tempeval"] = eval_tempeval(args.tempeval)
    if args.conll and runner:
        result["conll"] = eval_conll(args.conll, runner, args.sample, args.seed, args.misses)
    if args.meantime and runner:
        result["meantime"] = eval_meantime(
            args.meantime, runner, args.sample, args.seed, args.misses
        )
    if args.gum and runner:
        result["gum"] = eval_gum(args.gum, runner, args.sample, args.seed, args.misses)
    if args.sample:
        result["sample"] = {"documents": args.sample, "seed": args.seed}
    if not result:
        print("nothing to do: give --conll, --tempeval, --meantime and/or --gum", file=sys.stderr)
        return 2
    return print_result(result, render, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
