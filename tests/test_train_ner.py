"""Training dateline's entity recognizer (bench/train_ner.py, bench/corpora/ner_spans.py).

The fixture is the seed article annotated by hand (tests/data/annotated), the format
the annotated dev sets use.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from bench.corpora.annotated import AnnotatedArticle, read_annotated
from bench.corpora.ner_spans import project_article
from bench.train_ner import (
    DIGEST_FILE,
    HELD_OUT_LIST,
    held_out_ids,
    listed_held_out,
    main,
    rehearsal_files,
    save_ner,
    train,
)

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


def test_a_text_with_a_name_glued_to_other_words_is_left_out() -> None:
    """A table pasted as one line ("$250Theodora Hancock2020-09-03") holds names the
    projection cannot place at word boundaries: the text would teach them as no entity."""
    article = AnnotatedArticle(
        id="t2",
        title="Donations to the campaign",
        published=None,
        paragraphs=[
            "Tracey Mann raised money in September.",
            "DateAmountContributor2020-09-01$250Theodora Hancock2020-09-03$500Larry Fleming",
        ],
        entities={"PER": [{"Tracey Mann"}, {"Theodora Hancock"}, {"Larry Fleming"}]},
    )
    glued = article.paragraphs[1]
    person = (glued.index("Theodora"), glued.index("Hancock") + 7, "PERSON")
    projection = project_article(article, [[], [], [person]])
    assert [t.text for t in projection.texts] == [
        "Donations to the campaign",
        article.paragraphs[0],
    ]
    assert projection.skipped_texts == 1
    assert len(projection.unplaced) == 2


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


def test_training_is_deterministic(tmp_path: Path) -> None:
    """Same annotations, rehearsal and seed: byte-identical weights and digest (what
    ``make ner`` ships), on a tiny training set."""
    rehearsal = tmp_path / "rehearsal"
    rehearsal.mkdir()
    text = (DATA / "content" / "seed.md").read_text(encoding="utf-8")
    (rehearsal / "other.md").write_text(text, encoding="utf-8")
    folders = []
    for run in ("a", "b"):
        nlp = train(
            [DATA / "gold"], DATA / "content", [rehearsal], epochs=1, rehearse_ratio=0.5, log=None
        )
        folders.append(save_ner(nlp, tmp_path / run))
    for name in ("cfg", "moves", "model", DIGEST_FILE):
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
    digest = (folders[0] / DIGEST_FILE).read_text(encoding="utf-8").split()[0]
    assert digest == hashlib.sha256((folders[0] / "model").read_bytes()).hexdigest()


def test_an_article_on_the_held_out_list_is_refused(tmp_path: Path) -> None:
    held = sorted(listed_held_out())
    assert {"a090", "a123", "a166", "a180"} <= set(held)
    gold, content = tmp_path / "gold", tmp_path / "content"
    gold.mkdir()
    content.mkdir()
    seed = (DATA / "gold" / "seed.yaml").read_text(encoding="utf-8")
    (gold / "a100.yaml").write_text(seed.replace("id: seed", "id: a100"), encoding="utf-8")
    shutil.copy(DATA / "content" / "seed.md", content / "a100.md")
    with pytest.raises(SystemExit, match="a100 is held out"):
        main(["--gold", str(gold), "--content", str(content), "--out", str(tmp_path / "out")])


def test_the_repository_trains_on_no_held_out_article() -> None:
    """bench/data/ner holds dev annotations and rehearsal text only."""
    data = HELD_OUT_LIST.parent
    held = listed_held_out()
    gold = {p.stem for p in data.glob("gold/*/*.yaml")}
    assert gold
    assert not gold & held
    assert gold == {p.stem for p in (data / "content").glob("*.md")}
    rehearsed = {p.stem for p in rehearsal_files(sorted(data.glob("rehearsal/*")))}
    assert len(rehearsed) > 100
    assert not rehearsed & (held | gold)


def test_the_names_only_set_is_rehearsal_text_annotated_verbatim() -> None:
    """names/trafilatura annotates rehearsal pages for scoring: each id is a rehearsal
    page (none held out, none trained on as gold), and every name form it lists is in
    that page's text word for word, or the scorer would count a miss no one can find."""
    data = HELD_OUT_LIST.parent
    rows = sorted((data / "names" / "trafilatura").glob("*.yaml"))
    assert len(rows) > 100
    articles = read_annotated(data / "names" / "trafilatura", data / "rehearsal" / "trafilatura")
    assert not {a.id for a in articles} & (
        listed_held_out() | {p.stem for p in data.glob("gold/*/*.yaml")}
    )
    for article in articles:
        text = "\n".join([article.title, *article.paragraphs])
        for family, names in article.entities.items():
            for forms in names:
                missing = [f for f in forms if f not in text]
                assert not missing, (article.id, family, missing)
