"""Average the weights of recognizers trained alike with different seeds ("model soup").

``python -m bench.average_ner --out DIR FOLDER FOLDER [...]``

Each FOLDER is a ``ner`` folder ``bench/train_ner.py`` wrote (``--out``/``ner``),
trained from the same base model with the same labels; only the seed (the order the
texts were seen in, dropout) differs. A single run's decisions on borderline names flip
with that noise; the element-wise mean of the runs' parameters keeps what they agree
on. Fine-tuned runs that start from the same weights stay close enough for their mean
to be a working model (it is not for runs trained from scratch).

Writes ``--out``/``ner`` with ``model.sha256``, as ``bench/train_ner.py`` does, so
``nlp_ner``, ``make``'s digest check and the scorers' ``--ner`` read it the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.train_ner import save_ner
from dateline.enrich.nlp import DEFAULT_MODEL

__all__ = ["AveragingError", "average", "main", "parameters"]

#: Files that must be byte-identical in every folder averaged: the labels and settings.
SAME_FILES = ("cfg", "moves")


class AveragingError(ValueError):
    """Recognizer folders that cannot be averaged (missing, or not trained alike)."""

    def __init__(self, folder: Path, what: str) -> None:
        super().__init__(
            f"{folder}: {what}; give ner folders bench/train_ner.py wrote with the same "
            "base model and labels (--out DIR gives DIR/ner)"
        )


def parameters(model: Any) -> dict[tuple[int, str], Any]:
    """Every parameter of a thinc model, keyed by its node's place in the walk and its name."""
    return {
        (at, name): node.get_param(name)
        for at, node in enumerate(model.walk())
        for name in node.param_names
        if node.has_param(name)
    }


def _check_alike(folders: Sequence[Path]) -> None:
    if len(folders) < 2:
        raise AveragingError(folders[0] if folders else Path("."), "at least two folders needed")
    for folder in folders:
        for name in (*SAME_FILES, "model"):
            if not (folder / name).is_file():
                raise AveragingError(folder, f"no {name} file")
    for folder in folders[1:]:
        for name in SAME_FILES:
            if (folder / name).read_bytes() != (folders[0] / name).read_bytes():
                raise AveragingError(folder, f"its {name} differs from {folders[0]}'s")


def average(folders: Sequence[Path], base: str = DEFAULT_MODEL) -> Any:
    """The base pipeline with its ``ner`` set to the mean of the folders' parameters."""
    import spacy  # noqa: PLC0415 - heavy import

    _check_alike(folders)
    nlp = spacy.load(base)
    ner: Any = nlp.get_pipe("ner")
    total: dict[tuple[int, str], Any] = {}
    for folder in folders:
        ner.from_disk(folder, exclude=["vocab"])
        params = parameters(ner.model)
        if total and params.keys() != total.keys():
            raise AveragingError(folder, "its network has other parameters than the first's")
        for key, value in params.items():
            if key in total and value.shape != total[key].shape:
                raise AveragingError(folder, f"parameter {key[1]} has another shape")
            # float64 sums: the mean does not depend on the folders' order
            summed = value.astype("float64")
            total[key] = total[key] + summed if key in total else summed
    nodes = list(ner.model.walk())
    for (at, name), value in total.items():
        mean = value / len(folders)
        nodes[at].set_param(name, mean.astype(nodes[at].get_param(name).dtype))
    return nlp


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+", help="ner folders to average")
    parser.add_argument("--out", type=Path, required=True, help="writes OUT/ner")
    parser.add_argument("--base", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    try:
        nlp = average(args.folders, base=args.base)
    except AveragingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    folder = save_ner(nlp, args.out)
    print(f"wrote {folder} (mean of {len(args.folders)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
