"""The public-corpus evaluation (bench/eval_public.py): readers, scorers, and one run.

The files under tests/data/eval_public are made up, in each corpus' format; the real
corpora are never in the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.corpora.conll import read_conll, spans_from_tags
from bench.corpora.gum import GumDocument, read_gum, read_gum_folder, split_of
from bench.corpora.meantime import read_meantime, read_meantime_folder
from bench.corpora.run import Output, family
from bench.corpora.score import (
    PRF,
    cluster_names,
    match_names,
    norm_name,
    score_spans,
    timex_value,
)
from bench.corpora.text import detokenize
from bench.corpora.timeml import read_timeml
from bench.eval_public import find_timexes, main, score_happenings

from dateline.model.meta import EventSpec

DATA = Path(__file__).resolve().parent / "data" / "eval_public"
MEANTIME = DATA / "meantime"
GUM = DATA / "gum"


# --- tokens back to text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Oslo", ",", "Norway"], "Oslo, Norway"),
        (["the", "CDC", "'s", "Dr.", "Jhung"], "the CDC's Dr. Jhung"),
        (["(", "EADS", ")", "."], "(EADS)."),
        (["he", "said", '"', "no", '"', "."], 'he said "no".'),
        (["US$", "40", "%"], "US$ 40%"),
    ],
)
def test_tokens_become_prose_with_their_offsets(tokens: list[str], text: str) -> None:
    rebuilt, spans = detokenize(tokens)
    assert rebuilt == text
    assert [rebuilt[a:b] for a, b in spans] == tokens


# --- CoNLL-2003 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["I-PER", "I-PER", "O", "I-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),  # IOB1
        (["I-LOC", "B-LOC", "O"], [(0, 1, "LOC"), (1, 2, "LOC")]),  # IOB1: B splits
        (["B-PER", "I-PER", "B-PER"], [(0, 2, "PER"), (2, 3, "PER")]),  # IOB2
        (["I-ORG", "I-PER"], [(0, 1, "ORG"), (1, 2, "PER")]),  # type change starts one
        (["O", "O"], []),
    ],
)
def test_iob1_and_iob2_tags_give_the_same_names(
    tags: list[str], spans: list[tuple[int, int, str]]
) -> None:
    assert spans_from_tags(tags) == spans


def test_conll_documents_sentences_and_names() -> None:
    docs = read_conll(DATA / "tiny.conll")
    assert len(docs) == 2
    first = docs[0]
    assert [s.text for s in first.sentences] == [
        "HARBOURTOWN WINS.",
        "LONDON 2031-04-02",
        "Mara Quill of Harbourtown Rovers met Elm Sato in London, the Welsh coach said.",
    ]
    named = [(first.sentences[s.sentence].text[s.start : s.end], s.type) for s in first.spans]
    assert named == [
        ("HARBOURTOWN", "ORG"),
        ("LONDON", "LOC"),
        ("Mara Quill", "PER"),
        ("Harbourtown Rovers", "ORG"),
        ("Elm Sato", "PER"),
        ("London", "LOC"),
        ("Welsh", "MISC"),
    ]
    second = docs[1]
    assert [(s.start, s.end, s.type) for s in second.spans] == [
        (0, 4, "LOC"),
        (5, 11, "LOC"),
        (13, 19, "LOC"),
    ]


# --- TimeML (TempEval-3) -------------------------------------------------------------------


def test_timeml_gives_the_creation_time_and_each_timex_with_its_offsets() -> None:
    doc = read_timeml(DATA / "tiny.tml")
    assert doc.dct == "2031-04-04"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Tuesday", "DATE", "2031-04-01"),
        ("September", "DATE", "2031-09"),
        ("five months", "DURATION", "P5M"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_datelines_resolver_runs_over_timeml_text_relative_to_the_creation_time() -> None:
    doc = read_timeml(DATA / "tiny.tml")
    found = {
        doc.text[a:b].removeprefix("on ").removeprefix("in "): v for a, b, v in find_timexes(doc)
    }
    assert found["Tuesday"] == "2031-04-01"  # the Tuesday before Friday 2031-04-04
    assert found["September"] == "2031-09"


def test_the_date_line_scores_only_our_dates() -> None:
    doc = read_timeml(DATA / "tiny.tml")
    every = {v for _, _, v in find_timexes(doc)}
    dates = {v for _, _, v in find_timexes(doc, {"DATE"})}
    assert "P5M" in every  # our duration is scored on the all-TIMEX3 line...
    assert "P5M" not in dates  # ...not as a false DATE on the DATE line
    assert {"2031-04-01", "2031-09"} <= dates


@pytest.mark.parametrize(
    ("start", "end", "precision", "value"),
    [
        ("2013-03-22", None, "day", "2013-03-22"),
        ("2013-03", None, "month", "2013-03"),
        ("2013", None, "year", "2013"),
        ("2013-03-11", "2013-03-17", "range", "2013-W11"),
        ("2013-03-12", "2013-03-17", "range", "2013-03-12/2013-03-17"),
    ],
)
def test_resolved_dates_become_timex3_values(
    start: str, end: str | None, precision: str, value: str
) -> None:
    assert timex_value(start, end, precision) == value


# --- MEANTIME ------------------------------------------------------------------------------


def test_meantime_entities_events_and_dated_happenings() -> None:
    doc = read_meantime(MEANTIME / "corpus_test" / "1_tiny.xml")
    assert doc.dct == "2031-04-04"
    assert doc.title == "Quill meets Sato"
    assert doc.paragraphs == ["Mara Quill met Elm Sato in Oslo on Tuesday.", "She said so."]
    named = {(e.type, e.label, tuple(sorted(e.mentions))) for e in doc.entities}
    # an instance never named in the text is not expected of dateline
    assert named == {
        ("PER", "Mara Quill", ("Mara Quill", "Quill")),
        ("PER", "Elm Sato", ("Elm Sato",)),
        ("LOC", "Oslo", ("Oslo",)),
    }
    assert [m.text for m in doc.events] == ["met", "said"]  # the generic "meets" is left out
    # "said" is only placed by the creation time, not by a date the text gives
    assert [(h.mention.text, h.mention.paragraph, h.date) for h in doc.dated] == [
        ("met", 0, "2031-04-01")
    ]
    assert read_meantime_folder(MEANTIME)[0].corpus == "corpus_airbus"


def _event(name: str, start: str | None, evidence: str) -> EventSpec:
    return EventSpec.model_validate(
        {
            "id": name.lower().replace(" ", "-"),
            "name": name,
            "start_date": start,
            "evidence": evidence,
        }
    )


def test_a_dated_happening_is_found_only_in_its_sentence_and_with_its_date() -> None:
    doc = read_meantime(MEANTIME / "corpus_test" / "1_tiny.xml")
    sentence = "Mara Quill met Elm Sato in Oslo on Tuesday."
    right = Output(
        events=[_event("Meeting between Mara Quill and Elm Sato", "2031-04-01", sentence)]
    )
    counts = score_happenings(doc, right)
    assert counts["found_right_date"] == 1
    assert counts["events_matched"] == counts["events_matched_right_date"] == 1
    wrong_day = Output(events=[_event("Meeting of Quill", "2031-03-25", sentence)])
    counts = score_happenings(doc, wrong_day)
    assert (counts["found_right_date"], counts["found_any_date"]) == (0, 1)
    assert counts["events_matched_right_date"] == 0
    elsewhere = Output(events=[_event("Statement", "2031-04-01", "She said so.")])
    counts = score_happenings(doc, elsewhere)
    assert counts["found_any_date"] == 0
    assert counts["events_matched"] == 0  # "Statement" is not the annotated "said"
    assert counts["events_matched_sentence"] == 1


# --- scoring -------------------------------------------------------------------------------


def test_span_scores_exact_and_lenient() -> None:
    gold = [(0, 0, 10, "PER"), (0, 20, 26, "LOC"), (1, 0, 4, "ORG")]
    ours = [(0, 0, 10, "PER"), (0, 20, 33, "LOC"), (1, 0, 4, "PER")]
    exact = score_spans(gold, ours)
    assert (exact["PER"].tp, exact["PER"].fp, exact["PER"].fn) == (1, 1, 0)
    assert (exact["LOC"].tp, exact["LOC"].fn) == (0, 1)
    assert exact["ORG"].fn == 1
    lenient = score_spans(gold, ours, lenient=True)
    assert lenient["LOC"].tp == 1
    assert lenient["ORG"].tp == 0  # overlapping but of another type


def test_prf_arithmetic() -> None:
    score = PRF(tp=3, fp=1, fn=2)
    assert score.precision == 0.75
    assert score.recall == 0.6
    assert round(score.f1, 4) == 0.6667
    assert PRF().precision == PRF().recall == 1.0


def test_names_match_after_normalising_and_lenient_names_match_inside_noun_phrases() -> None:
    assert norm_name("The U.S. Air Force") == norm_name("us air force")
    gold = [{"Louis Gallois", "EADS chief executive Louis Gallois"}, {"Boeing"}]
    assert match_names(gold, [{"Louis Gallois"}, {"Airbus"}]).as_dict()["tp"] == 1
    strict = match_names([{"EADS chief executive Louis Gallois"}], [{"Louis Gallois"}])
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)
    lenient = match_names(
        [{"EADS chief executive Louis Gallois"}], [{"Louis Gallois"}], lenient=True
    )
    assert lenient.tp == 1
    assert match_names([{"Boeing"}], [{"Boeing"}, {"boeing"}]).fp == 1  # one to one


def test_a_documents_names_become_its_distinct_entities() -> None:
    people = cluster_names(["Mara Quill", "QUILL", "Quill", "Elm Sato", "Sato"], surnames=True)
    assert sorted(sorted(c) for c in people) == [
        ["Elm Sato", "Sato"],
        ["Mara Quill", "QUILL", "Quill"],
    ]
    # a place's last word is not the place: "York" is not "New York"
    places = cluster_names(["New York", "York", "NEW YORK"], surnames=False)
    assert sorted(sorted(c) for c in places) == [["NEW YORK", "New York"], ["York"]]


def test_types_count_in_their_family_through_superclasses() -> None:
    table = {
        "City": ["Place"],
        "SportsTeam": ["SportsOrganization"],
        "SportsOrganization": ["Organization"],
    }
    assert family("City", table) == "LOC"
    assert family("SportsTeam", table) == "ORG"
    assert family("Person", table) == "PER"
    assert family("Event", table) is None


# --- GUM ------------------------------------------------------------------------------------


def test_gum_named_people_organizations_and_places_with_their_names() -> None:
    (doc,) = read_gum(GUM / "dep" / "GUM_news_alpha.conllu")
    assert doc.title == "Harbourtown opens bridge"
    assert doc.date == "2024-03-04"  # the date line, not the creation date 2024-03-01
    assert doc.paragraphs == [  # the date line is not body text
        "Mayor Mara Quill of Harbourtown opened the bridge, campaigner Elm Sato said. "
        "She thanked the Harbourtown Rovers and Muslims in the United States.",
        "The city council approved it.",
    ]
    found = {(e.type, frozenset(e.names)) for e in doc.entities}
    assert found == {
        ("LOC", frozenset({"Harbourtown"})),
        # a title is not the name; the person's "of" phrase is another entity's name
        ("PER", frozenset({"Mara Quill", "Mayor Mara Quill of Harbourtown"})),
        # GUM heads "campaigner Elm Sato" by the common noun: the name is its flat part
        ("PER", frozenset({"Elm Sato", "campaigner Elm Sato"})),
        # the Wikipedia title is a name too, without its parenthesised note
        ("ORG", frozenset({"Harbourtown Rovers", "the Harbourtown Rovers"})),
        # "United" is tagged VERB/NNP: a proper noun by its XPOS
        ("LOC", frozenset({"United States", "the United States"})),
    }  # not "Muslims" (a group), "the city council" (not a name), "She", the bridge
    rovers = next(e for e in doc.entities if e.type == "ORG")
    assert rovers.identity == "Harbourtown_Rovers_(club)"


def test_gum_without_a_date_line_keeps_the_creation_date_and_hyphenated_names() -> None:
    (doc,) = read_gum(GUM / "dep" / "GUM_news_beta.conllu")
    assert doc.date == "2024-05-07"
    assert doc.paragraphs == [
        "Envoys of the Nordic Council met Ines Varga-Holm in Oslo on Tuesday."
    ]
    names = {e.type: set(e.names) for e in doc.entities}
    assert names == {
        "LOC": {"Oslo"},
        "ORG": {"Nordic Council", "the Nordic Council"},
        "PER": {"Ines Varga-Holm"},
    }


def test_gum_split_is_by_position_in_name_order() -> None:
    docs = [GumDocument(name, "", None) for name in ("GUM_news_c", "GUM_news_a", "GUM_news_b")]
    assert split_of(docs) == {
        "GUM_news_a": "tuning",
        "GUM_news_b": "held_out",
        "GUM_news_c": "tuning",
    }
    assert [d.name for d in read_gum_folder(GUM)] == ["GUM_news_alpha", "GUM_news_beta"]
    assert read_gum_folder(GUM / "dep") == read_gum_folder(GUM)


def test_eval_public_scores_gum_halves_apart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gum", str(GUM), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["gum"]
    tuning, held_out = result["tuning"], result["held_out"]
    assert tuning["documents"] == held_out["documents"] == 1
    gold = {
        part: sum(p["names"][k]["tp"] + p["names"][k]["fn"] for k in ("PER", "ORG", "LOC"))
        for part, p in (("tuning", tuning), ("held_out", held_out))
    }
    assert gold == {"tuning": 5, "held_out": 3}
    blind = held_out["names_type_blind"]
    assert blind["tp"] + blind["fn"] == 3
    assert (
        held_out["model_alone_names"]["all"]["tp"] + held_out["model_alone_names"]["all"]["fn"] == 3
    )
    assert main(["--gum", str(GUM), "--misses", "--json"]) == 0
    listed = capsys.readouterr().err
    assert "GUM_news_alpha" in listed  # tuning misses are listed...
    assert "GUM_news_beta" not in listed  # ...held-out ones never


# --- one run of the script on all three --------------------------------------------------------


def test_eval_public_runs_dateline_on_each_corpus_and_prints_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "--conll",
            str(DATA / "tiny.conll"),
            "--tempeval",
            str(DATA / "tiny.tml"),
            "--meantime",
            str(MEANTIME),
            "--json",
        ]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    conll = result["conll"]
    assert conll["documents"] == 2
    assert conll["exact"]["all"]["tp"] + conll["exact"]["all"]["fn"] == 9  # MISC not scored
    assert 0.0 <= conll["exact"]["all"]["f1"] <= 1.0
    names = conll["document_names"]["all"]
    # HARBOURTOWN, Harbourtown Rovers, London, Mara Quill, Elm Sato; Oslo, Bergen, Norway
    assert names["tp"] + names["fn"] == 8
    assert conll["model_published_ontonotes"]["PERSON"]["f"] > 0.5
    tempeval = result["tempeval"]
    assert tempeval["all"]["gold"] == 3
    assert tempeval["DATE"]["relaxed"]["tp"] == 2
    assert tempeval["DATE"]["value"]["tp"] == 2
    meantime = result["meantime"]
    assert meantime["dev"]["documents"] == meantime["held_out"]["documents"] == 1
    assert meantime["held_out"]["dated_happenings"]["gold"] == 1
    assert (
        meantime["held_out"]["entities_strict"]["PER"]["tp"]
        + meantime["held_out"]["entities_strict"]["PER"]["fn"]
        == 2
    )


def test_misses_are_listed_for_tuning_data_and_refused_for_held_out_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--meantime", str(MEANTIME), "--misses", "--json"]) == 0
    listed = capsys.readouterr().err
    assert "corpus_airbus/2_tiny" in listed  # the dev part is listed...
    assert "corpus_test/1_tiny" not in listed  # ...the held-out part never
    held_out = tmp_path / "eng.testb"
    held_out.write_text((DATA / "tiny.conll").read_text(encoding="utf-8"), encoding="utf-8")
    for refused in (["--conll", str(held_out)], ["--tempeval", str(DATA / "tiny.tml")]):
        with pytest.raises(SystemExit):
            main([*refused, "--misses"])


def test_eval_public_needs_a_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "nothing to do" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--conll", str(DATA / "missing.conll")])


def test_meantime_precision_counts_only_the_sentences_it_annotated() -> None:
    # MEANTIME annotates the headline, the date line and four body sentences (CAT
    # sentences 0-5); "Sato flew home on Wednesday" (sentence 6) has no annotation
    doc = read_meantime(MEANTIME.parent / "meantime_scope" / "corpus_test" / "3_scope.xml")
    assert doc.scope == 4
    assert len(doc.paragraphs) == 5
    flew = _event("Sato flies home", "2031-04-02", "Sato flew home on Wednesday.")
    talked = _event("Talks", "2031-04-01", "They talked.")
    counts = score_happenings(doc, Output(events=[flew, talked]))
    assert (counts["events_dated"], counts["events_matched"]) == (1, 0)  # "They talked."
    assert counts["events_dated_all_sentences"] == 2
    assert counts["events_matched_all_sentences"] == 0
