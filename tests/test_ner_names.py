"""GUM's named mentions as training data for dateline's recognizer (bench/corpora/gum_names.py,
bench/corpora/ner_spans.py ``named_spans``, bench/train_ner.py ``--names``).

The fixtures are the two made-up GUM news documents the public scorer's tests read:
GUM_news_alpha (a tuning document: odd position) and GUM_news_beta (held out: even).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.corpora.gum import read_gum
from bench.corpora.gum_names import GENRES, NamesFileError, read_names, write_genre
from bench.corpora.ner_spans import named_spans
from bench.train_ner import HELD_OUT_LIST, listed_held_out, main

TESTS = Path(__file__).resolve().parent
GUM = TESTS / "data" / "eval_public" / "gum"
ANNOTATED = TESTS / "data" / "annotated"


def _named(path: Path) -> list[tuple[int, str, str]]:
    (doc,) = read_gum(path, as_written=True)
    texts = doc.texts()
    return [(n.text, texts[n.text][n.start : n.end], n.family) for n in doc.names]


def test_every_named_mention_is_placed_in_its_text_without_its_title() -> None:
    assert _named(GUM / "dep" / "GUM_news_alpha.conllu") == [
        (0, "Harbourtown", "LOC"),
        (1, "Mara Quill", "PER"),  # not "Mayor Mara Quill"
        (1, "Harbourtown", "LOC"),
        (1, "Elm Sato", "PER"),  # "campaigner Elm Sato": the name is its flat part
        (1, "Harbourtown", "LOC"),
        (1, "Harbourtown Rovers", "ORG"),
        (1, "United States", "LOC"),
    ]  # not "Muslims" (a group), the date line, "the city council"


_OBAMA = """# newdoc id = GUM_news_gamma
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# newpar
# newpar_block = p (1 s)
# text = US President Barack Obama thanked Chief Justice Ruth Ames's court.
1\tUS\tUS\tPROPN\tNNP\t_\t5\tnsubj\t_\tEntity=(1-person-new-nnnnn-cf1-1-coref-Barack_Obama(2-place-new-nnnnn-cf2-1-coref-United_States)
2\tPresident\tPresident\tPROPN\tNNP\t_\t1\tflat\t_\t_
3\tBarack\tBarack\tPROPN\tNNP\t_\t1\tflat\t_\t_
4\tObama\tObama\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)
5\tthanked\tthank\tVERB\tVBD\t_\t0\troot\t_\t_
6\tChief\tChief\tPROPN\tNNP\t_\t7\tcompound\t_\tEntity=(3-person-new-nnnnn-cf3-1-coref
7\tJustice\tJustice\tPROPN\tNNP\t_\t11\tnmod:poss\t_\t_
8\tRuth\tRuth\tPROPN\tNNP\t_\t7\tflat\t_\t_
9\tAmes\tAmes\tPROPN\tNNP\t_\t7\tflat\t_\t_
10\t's\t's\tPART\tPOS\t_\t7\tcase\t_\tEntity=3)
11\tcourt\tcourt\tNOUN\tNN\t_\t5\tobj\t_\tSpaceAfter=No
12\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

"""


def test_a_title_and_a_place_joined_to_a_name_are_not_the_name(tmp_path: Path) -> None:
    """GUM's trees sometimes make the title and the place before it part of a person's
    name ("US President Barack Obama"): a recognizer, like dateline's annotators, reads
    "US" a place and "Barack Obama" a person; "'s" ends no name; and the text is the
    sentence as written ("Ames's", not GUM's tokens' "Ames 's")."""
    path = tmp_path / "GUM_news_gamma.conllu"
    path.write_text(_OBAMA, encoding="utf-8")
    assert _named(path) == [(0, "US", "LOC"), (0, "Barack Obama", "PER"), (0, "Ruth Ames", "PER")]
    (doc,) = read_gum(path, as_written=True)
    assert doc.paragraphs == ["US President Barack Obama thanked Chief Justice Ruth Ames's court."]
    (scored,) = read_gum(path)  # what the public scorer reads is unchanged
    assert "Ames 's court" in scored.paragraphs[0]


def test_gum_labels_give_way_to_dateline_conventions() -> None:
    text = "Sweden beat the Moriori team of Washington State University in Pullman."
    sweden = (0, 6, "ORG")  # GUM: a country by what it does
    moriori = (text.index("Moriori"), text.index(" team"), "PER")
    university = (text.index("Washington"), text.index(" in"), "ORG")
    washington = (text.index("Washington"), text.index(" State"), "LOC")
    pullman = (text.index("Pullman"), len(text) - 1, "LOC")
    model = [
        (0, 6, "GPE"),
        (moriori[0], moriori[1], "NORP"),
        (text.index("Pullman"), len(text) - 1, "GPE"),
        (text.index("the Moriori"), text.index(" of"), "ORG"),  # not annotated: no entity
    ]
    spans = named_spans(text, [sweden, moriori, university, washington, pullman], model)
    assert [(text[s:e], label) for s, e, label in spans.spans] == [
        ("Sweden", "GPE"),
        ("Moriori", "NORP"),
        ("Washington State University", "ORG"),  # the longest of overlapping names
        ("Pullman", "GPE"),
    ]


def test_the_models_other_labels_stay_where_no_name_lies() -> None:
    text = "Ada Lovelace wrote on Monday."
    spans = named_spans(text, [(0, 12, "PER")], [(0, 3, "ORG"), (22, 28, "DATE")])
    assert spans.spans == ((0, 12, "PERSON"), (22, 28, "DATE"))


def test_news_documents_held_out_are_never_written(tmp_path: Path) -> None:
    assert write_genre(GUM, "news", tmp_path) == (1, 7)
    (doc,) = read_names(tmp_path / "news.jsonl")
    assert doc.id == "GUM_news_alpha"  # GUM_news_beta is at an even position: held out
    text = doc.texts[1]
    assert [text.text[s:e] for s, e, _ in text.names][:2] == ["Mara Quill", "Harbourtown"]


def test_only_openly_licensed_genres_are_written(tmp_path: Path) -> None:
    assert not {"fiction", "whow", "reddit", "essay", "letter", "podcast"} & set(GENRES)
    with pytest.raises(SystemExit, match="not openly licensed"):
        write_genre(GUM, "fiction", tmp_path)


def test_a_broken_names_file_says_where(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "texts": [["Ada", [[0, 9, "PER"]]]]}) + "\n")
    with pytest.raises(NamesFileError, match=r"bad.jsonl:1: a span outside its text"):
        read_names(path)


def test_a_held_out_gum_document_is_refused(tmp_path: Path) -> None:
    held = sorted(n for n in listed_held_out() if n.startswith("GUM_news_"))
    assert held
    names = tmp_path / "names.jsonl"
    row = {"id": held[0], "texts": [["Ada Lovelace wrote.", [[0, 12, "PER"]]]]}
    names.write_text(json.dumps(row) + "\n", encoding="utf-8")
    argv = ["--gold", str(ANNOTATED / "gold"), "--content", str(ANNOTATED / "content")]
    with pytest.raises(SystemExit, match=f"{held[0]} is held out"):
        main([*argv, "--names", str(names), "--out", str(tmp_path / "out")])


def test_the_held_out_list_names_gums_held_out_news_documents() -> None:
    """The 12 GUM news documents the public evaluation holds out (even positions of the
    24 in name order) are on the list train_ner refuses, and the repository holds no
    names file (its GUM texts are made by ``bench.corpora.gum_names`` where GUM is)."""
    held = sorted(n for n in listed_held_out() if n.startswith("GUM_"))
    assert len(held) == 12
    assert all(n.startswith("GUM_news_") for n in held)
    assert {"GUM_news_korea", "GUM_news_nasa", "GUM_news_worship"} <= set(held)
    assert not list(HELD_OUT_LIST.parent.rglob("*.jsonl"))
