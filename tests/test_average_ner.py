"""Averaging recognizers trained alike (bench/average_ner.py, "model soup").

The folders are written the way bench/train_ner.py writes one (the component's
``to_disk``): the default model's own recognizer, and the same changed by one update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest
from bench.average_ner import average, main, parameters

from dateline.enrich.nlp import DEFAULT_MODEL, DIGEST_FILE, NlpModel


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two ner folders with the same labels and other weights: (model's own, updated)."""
    from spacy.training import Example  # noqa: PLC0415 - spaCy stays lazy

    root = tmp_path_factory.mktemp("soup")
    nlp = NlpModel(DEFAULT_MODEL, "model").nlp
    ner: Any = nlp.get_pipe("ner")
    ner.to_disk(root / "own", exclude=["vocab"])
    doc = nlp.make_doc("Shares of Acme rose on the Nasdaq.")
    example = Example.from_dict(doc, {"entities": [(10, 14, "ORG")]})
    ner.update([example], sgd=nlp.resume_training())
    ner.to_disk(root / "updated", exclude=["vocab"])
    ner.from_disk(root / "own", exclude=["vocab"])  # the shared model stays the model's
    return root / "own", root / "updated"


def test_the_mean_of_identical_weights_is_those_weights_and_loads(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    _, updated = folders
    assert main(["--out", str(tmp_path), str(updated), str(updated)]) == 0
    soup = tmp_path / "ner"
    for name in ("model", "moves", "cfg"):
        assert (soup / name).read_bytes() == (updated / name).read_bytes()
    assert (soup / DIGEST_FILE).is_file()
    model = NlpModel(DEFAULT_MODEL, str(soup))
    doc = model.nlp("Shares of Acme Corporation rose after Jane Doe spoke in Paris.")
    assert {e.text for e in doc.ents} >= {"Jane Doe", "Paris"}


def test_the_mean_of_two_weight_sets_is_halfway(folders: tuple[Path, Path]) -> None:
    own, updated = folders
    ner: Any = average([own, updated]).get_pipe("ner")
    mean = parameters(ner.model)
    ends = []
    for folder in folders:
        ner.from_disk(folder, exclude=["vocab"])
        ends.append(parameters(ner.model))
    assert mean.keys() == ends[0].keys()
    moved = [k for k in mean if not numpy.array_equal(ends[0][k], ends[1][k])]
    assert moved  # the update changed some weights, so halfway is a real test
    for key in mean:
        numpy.testing.assert_allclose(mean[key], (ends[0][key] + ends[1][key]) / 2, rtol=1e-6)


def test_recognizers_with_other_labels_are_refused(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own, _ = folders
    other = tmp_path / "other"
    other.mkdir()
    for name in ("model", "cfg"):
        (other / name).write_bytes((own / name).read_bytes())
    (other / "moves").write_bytes(b"not the same labels")
    assert main(["--out", str(tmp_path / "out"), str(own), str(other)]) == 2
    error = capsys.readouterr().err
    assert f"{other}: its moves differs" in error
    assert not (tmp_path / "out").exists()
    assert main(["--out", str(tmp_path / "out"), str(own)]) == 2
