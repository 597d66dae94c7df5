"""Training dateline's entity recognizer (bench/train_ner.py, bench/corpora/ner_spans.py).

The fixture is the seed article annotated by hand (tests/data/annotated), the format
the annotated dev sets use.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bench.corpora.annotated import AnnotatedArticle, read_annotated
from bench.corpora.ner_spans import project_article
from bench.train_ner import held_out_ids, main, train

DATA = Path(__file__).resolve().parent / "data" / "annotated"


def _article(**entities: list[set[str]]) -> AnnotatedArticle:
    return AnnotatedArticle(
        id="t1",
        title="Ford Motor cuts jobs",
        published=None,
        paragraphs=["Ford said on Monday that Ford Motor will close the Dearborn plant."],
        entities=entities,
    )


def test_longest_form_claims_its_words_first() -> None:
    article = _article(ORG=[{"Ford Motor", "Ford"}], LOC=[{"Dearborn"}])
    projection = project_article(article, [[], []])
    title, body = projection.texts
    assert [(title.text[s:e], label) for s, e, label in title.spans] == [("Ford Motor", "ORG")]
    assert [(body.text[s:e], label) for s, e, label in body.spans] == [
        ("Ford", "ORG"),
        ("Ford Motor", "ORG"),
        ("Dearborn", "GPE"),
    ]
    assert projection.unplaced == []


def test_the_models_other_labels_are_kept_and_its_unlisted_names_dropped() -> None:
    body = "Ford said on Monday that Ford Motor will close the Dearborn plant."
    monday = (body.index("Monday"), body.index("Monday") + 6, "DATE")
    plant = (body.index("Dearborn"), body.index(" plant") + 6, "FAC")  # not annotated
    projection = project_article(_article(ORG=[{"Ford"}]), [[], [monday, plant]])
    labels = [(body[s:e], label) for s, e, label in projection.texts[1].spans]
    assert ("Monday", "DATE") in labels
    assert all(label != "FAC" for _, label in labels)


def test_a_name_not_in_the_text_is_counted() -> None:
    projection = project_article(_article(PER=[{"Jim Farley"}], ORG=[{"Ford"}]), [[], []])
    assert projection.unplaced == ["t1 PER 'Jim Farley'"]


def test_the_seed_annotations_are_all_placed() -> None:
    (article,) = read_annotated(DATA / "gold", DATA / "content")
    projection = project_article(article, [[] for _ in range(1 + len(article.paragraphs))])
    assert projection.names > 10
    assert projection.unplaced == []


def test_a_held_out_folder_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(DATA / "gold", gold)
    (gold / "HELD-OUT").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="held out"):
        main(["--gold", str(gold), "--content", str(DATA / "content"), "--out", str(tmp_path)])


def test_a_held_out_article_is_never_rehearsed(tmp_path: Path) -> None:
    held = tmp_path / "held"
    held.mkdir()
    (held / "seed.yaml").write_text("id: seed\n", encoding="utf-8")
    assert held_out_ids([held]) == {"seed"}
    with pytest.raises(SystemExit, match="held out"):
        main(
            [
                "--gold",
                str(DATA / "gold"),
                "--content",
                str(DATA / "content"),
                "--held-out",
                str(held),
                "--out",
                str(tmp_path / "out"),
            ]
        )


def test_training_is_deterministic() -> None:
    """Same annotations and seed: byte-identical weights (what the package ships)."""
    runs = [
        train([DATA / "gold"], DATA / "content", [], epochs=1, log=None)
        .get_pipe("ner")
        .to_bytes(exclude=["vocab"])
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
