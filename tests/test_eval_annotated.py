"""Scoring on articles annotated by hand (bench/eval_annotated.py).

The fixture is the seed article (the Tehran Times piece in content/, a real one),
annotated by hand in the format of bench/corpora/annotated.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bench.corpora.annotated import Happening, read_annotated
from bench.corpora.run import Runner
from bench.eval_annotated import annotated_date, main, on_date, same_sentence

from dateline.enrich.nlp import news_ner_path

DATA = Path(__file__).resolve().parent / "data" / "annotated"


def test_reads_gold_and_article_text() -> None:
    (article,) = read_annotated(DATA / "gold", DATA / "content")
    assert article.id == "seed"
    assert article.published is not None
    assert article.published.isoformat() == "2024-07-05"
    assert article.title.startswith("Iran, Russia relations")
    assert article.paragraphs[0].startswith("TEHRAN – During a meeting")
    assert {"Vladimir Putin", "Putin"} in article.entities["PER"]
    assert len(article.entities["LOC"]) == 7
    assert [h.when_text for h in article.happenings] == [
        "on Thursday",
        "In December 2023",
        "in 2002",
    ]


def test_a_gold_file_without_its_article_says_which(tmp_path: Path) -> None:
    (tmp_path / "a999.yaml").write_text("id: a999\npersons: []\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"a999\.md"):
        read_annotated(tmp_path, DATA / "content")


def test_a_page_without_a_headline_is_titled_by_its_first_line(tmp_path: Path) -> None:
    """Web pages whose reader found no headline (names/trafilatura) still score: dateline
    needs a title, and the first line is the one a reader sees as such."""
    (tmp_path / "page.yaml").write_text("id: page\norganizations: [{name: UK}]\n", "utf-8")
    (tmp_path / "page.md").write_text(
        '---\ntitle: ""\n---\n\nHalls too full, experts warn\n\nAs UK universities reopen.\n',
        encoding="utf-8",
    )
    (article,) = read_annotated(tmp_path, tmp_path)
    assert article.title == "Halls too full, experts warn"
    assert article.paragraphs == ["As UK universities reopen."]


@pytest.mark.parametrize(
    ("annotated", "evidence", "same"),
    [
        (
            "In December 2023, Iran and the EAEU signed",
            "In December 2023, Iran and the EAEU signed a significant free trade agreement.",
            True,
        ),
        # an annotator's ellipsis: any long enough piece finds the sentence
        (
            "… was established by an agreement … in 2002",
            "The INSTC was established by an agreement between Russia, Iran, and India in 2002.",
            True,
        ),
        ("“Quoted” words", "\u201cQuoted\u201d words, and more.", True),
        (
            "In December 2023, Iran and the EAEU signed",
            "Putin further noted that Tehran and Moscow share common positions.",
            False,
        ),
        ("In December 2023", None, False),
    ],
)
def test_same_sentence(annotated: str, evidence: str | None, same: bool) -> None:
    assert same_sentence(Happening("x", "", annotated), evidence) is same


def test_the_seed_scores_what_dateline_gets_right(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(DATA / "gold"), "--content", str(DATA / "content")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert "dateline, typed PER" in lines[1]
    # every person and place of the seed, and its three dated happenings on their dates
    assert result["names"]["PER"]["recall"] == 1.0
    assert result["names"]["LOC"]["recall"] == 1.0
    assert result["happenings"]["found_on_date"] == 3
    seed = result["per_article"]["seed"]
    assert seed["PER"] == [3, 0, 0]
    assert seed["happenings"]["gold"] == 3


def test_nothing_to_score_is_an_error(tmp_path: Path) -> None:
    assert main(["--gold", str(tmp_path), "--content", str(DATA / "content")]) == 2


def _gold_with_a_missing_person(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    text = (DATA / "gold" / "seed.yaml").read_text(encoding="utf-8")
    text = text.replace("persons:\n", "persons:\n  - name: Jane Unnamed\n", 1)
    (gold / "seed.yaml").write_text(text, encoding="utf-8")
    return gold


def test_misses_lists_what_was_missed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold_with_a_missing_person(tmp_path)
    args = ["--gold", str(gold), "--content", str(DATA / "content"), "--json", "--misses"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "PER missed: Jane Unnamed" in err
    assert "Vladimir Putin" not in err  # found, so not listed
    assert err.startswith("seed Iran, Russia relations")


def test_misses_are_refused_for_a_held_out_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = _gold_with_a_missing_person(tmp_path)
    (gold / "HELD-OUT").touch()
    with pytest.raises(SystemExit) as exited:
        main(["--gold", str(gold), "--content", str(DATA / "content"), "--misses"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "held out" in err
    assert "Jane Unnamed" not in err


@pytest.mark.parametrize(("scheduled", "day"), [(True, "2025-02-14"), (False, "2024-02-14")])
def test_a_scheduled_happening_is_dated_forward(scheduled: bool, day: str) -> None:
    (article,) = read_annotated(DATA / "gold", DATA / "content")
    article.published = dt.date(2024, 5, 8)
    happening = Happening("Sentencing", "Feb. 14", "Sentencing is set for Feb. 14.", scheduled)
    assert annotated_date(happening, article) == day


@pytest.mark.parametrize(
    ("start", "want", "on"),
    [
        ("2019-11-12", "2019-11-12", True),
        ("2019-11-12T10:00:00+00:00", "2019-11-12", True),
        ("2019-11-12", "2019-11", True),  # finer than the annotated month
        ("2019", "2019-11", False),  # coarser is not that month
        ("2019-11-13", "2019-11-12", False),
        ("2019-11-11", "2019-11-11/2019-11-17", True),  # "last week"
        ("2019-11-17", "2019-11-11/2019-11-17", True),
        ("2019-11-18", "2019-11-11/2019-11-17", False),
        ("2019-10-02", "2019-09/2019-11", True),  # "this fall"
        ("2019-12", "2019-09/2019-11", False),
        ("2019", "2019-09/2019-11", False),
    ],
)
def test_an_event_is_on_the_annotated_date_or_inside_its_span(
    start: str, want: str, on: bool
) -> None:
    assert on_date(start, want) is on


def _gold_with_values(tmp_path: Path, values: tuple[str, str, str]) -> Path:
    """The seed's gold with the annotator's own dates (``when_value``) added."""
    gold = tmp_path / "gold"
    gold.mkdir(parents=True)
    text = (DATA / "gold" / "seed.yaml").read_text(encoding="utf-8")
    for words, value in zip(("on Thursday", "In December 2023", "in 2002"), values, strict=True):
        text = text.replace(
            f"when_text: {words}\n", f"when_text: {words}\n    when_value: {value}\n", 1
        )
    (gold / "seed.yaml").write_text(text, encoding="utf-8")
    return gold


def test_the_annotators_value_is_the_date_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # right values score as the resolver did; a wrong one and a null one do not count
    gold = _gold_with_values(tmp_path, ('"2024-07-04"', "2023-12", "2002"))
    (article,) = read_annotated(gold, DATA / "content")
    assert [h.value for h in article.happenings] == ["2024-07-04", "2023-12", "2002"]
    assert main(["--gold", str(gold), "--content", str(DATA / "content"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["happenings"]["found_on_date"] == 3

    gold = _gold_with_values(tmp_path / "b", ('"2024-07-03"', "null", "2002"))
    (article,) = read_annotated(gold, DATA / "content")
    assert [(h.value, h.valued) for h in article.happenings][:2] == [
        ("2024-07-03", True),
        (None, True),
    ]
    assert annotated_date(article.happenings[1], article) is None
    assert main(["--gold", str(gold), "--content", str(DATA / "content"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["happenings"]
    assert result["found_on_date"] == 1
    assert result["gold_with_date"] == 2
    assert result["recall_on_date_of_dated"] == 0.5


def test_the_scorers_can_run_other_recognizer_weights(tmp_path: Path) -> None:
    """``--ner FOLDER`` scores weights bench/train_ner.py wrote elsewhere (trained
    without the set scored), with every other setting a new site's."""
    assert Runner().facts.nlp.news_ner == news_ner_path()
    for name in ("cfg", "model", "moves"):  # a folder bench/train_ner.py wrote (not loaded)
        (tmp_path / name).write_bytes(b"")
    assert Runner(str(tmp_path)).facts.nlp.news_ner == tmp_path
    assert Runner("model").facts.nlp.news_ner is None
