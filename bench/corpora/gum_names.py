"""GUM's named persons, organizations and places as training data for the recognizer.

``python -m bench.corpora.gum_names --gum DIR --out DIR [--genre GENRE ...]``

dateline's news recognizer (bench/train_ner.py) learns from 150 annotated news articles;
organizations are the family it gets least right on news it never saw. GUM (the
Georgetown University Multilayer corpus, github.com/amir-zeldes/gum) annotates *every*
mention of every entity by hand, with its type, so each of its named persons,
organizations and places is an exact span (:class:`bench.corpora.gum.GumName`, the
names its scorer reads), and a name nobody typed is no entity. That is more
human-annotated text of the kind the recognizer needs, under open licences.

Only the genres whose texts are openly licensed are written (:data:`GENRES`; GUM's
LICENSE.txt): Wikinews news and interviews (CC BY 2.5), academic and court texts (CC
BY 4.0), Wikipedia biographies and Wikivoyage guides (CC BY-SA 3.0); never fiction,
essays, letters, podcasts, wikiHow (non-commercial), reddit (reddit's terms) nor genres
the licence file does not name. GUM's annotations are CC BY 4.0. The news documents at
even positions in name order are dateline's public held-out set
(:func:`bench.corpora.gum.split_of`): they are never written, and bench/data/ner/held-out.txt
lists them so the trainer refuses them too.

One JSON Lines file per genre, one document a line, sorted by name::

    {"id": "GUM_bio_byron", "texts": [["Lord Byron ...", [[0, 10, "PER"], ...]], ...]}

each text a headline or paragraph as GUM's ``# text`` lines write its sentences, each
span ``[start, end, family]`` (PER/ORG/LOC) of a named mention in it. The trainer
(:func:`bench.corpora.ner_spans.named_spans`) turns them into the model's labels.

Measured (bench/NER-TRAINING.md, session 10), they raise organizations on news the
recognizer never saw but cost persons and places on the public corpora, so ``make ner``
does not train on them and the repository holds none: write them to a scratch folder and
give ``bench/train_ner.py --names`` its files. Whoever commits them must keep the
licences above with them (the CC BY-SA genres share alike) and GUM's attribution.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpora.gum import GumDocument, read_gum_folder, split_of

__all__ = ["GENRES", "NamedText", "NamesDocument", "document_line", "read_names", "write_genre"]

#: genre → licence of its texts (GUM's LICENSE.txt): the only genres ever written
GENRES = {
    "news": "CC BY 2.5 (Wikinews)",
    "interview": "CC BY 2.5 (Wikinews)",
    "academic": "CC BY 4.0",
    "court": "CC BY 4.0",
    "bio": "CC BY-SA 3.0 (Wikipedia)",
    "voyage": "CC BY-SA 3.0 (Wikivoyage)",
}
_FAMILIES = frozenset({"PER", "ORG", "LOC"})


@dataclass(frozen=True)
class NamedText:
    """One headline or paragraph with its named mentions ``(start, end, family)``."""

    text: str
    names: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class NamesDocument:
    """One GUM document's texts with their named mentions."""

    id: str
    texts: tuple[NamedText, ...]


class NamesFileError(ValueError):
    """A names file line that is not a document as :func:`document_line` writes it."""

    def __init__(self, path: Path, line: int, what: str) -> None:
        super().__init__(
            f"{path}:{line}: {what}; remake the file with python -m bench.corpora.gum_names"
        )


def document_line(doc: GumDocument) -> str:
    """The JSON line of one document (texts in order, spans sorted)."""
    texts = doc.texts()
    spans: list[list[list[int | str]]] = [[] for _ in texts]
    for name in doc.names:
        spans[name.text].append([name.start, name.end, name.family])
    rows = [[text, names] for text, names in zip(texts, spans, strict=True)]
    return json.dumps({"id": doc.name, "texts": rows}, ensure_ascii=False)


def write_genre(gum: Path, genre: str, out: Path) -> tuple[int, int]:
    """Write ``out/<genre>.jsonl`` from the GUM clone ``gum``; the documents and names
    written. News documents the public evaluation holds out are left out."""
    if genre not in GENRES:
        raise SystemExit(
            f"GUM genre {genre!r} is not openly licensed here; choose of {sorted(GENRES)}"
        )
    documents = read_gum_folder(gum, genre, as_written=True)
    if genre == "news":
        split = split_of(documents)
        documents = [d for d in documents if split[d.name] == "tuning"]
    out.mkdir(parents=True, exist_ok=True)
    lines = [document_line(d) for d in documents]
    (out / f"{genre}.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(documents), sum(len(d.names) for d in documents)


def read_names(path: Path) -> list[NamesDocument]:
    """The documents of one names file."""
    documents = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        try:
            row = json.loads(line)
            texts = []
            for text, names in row["texts"]:
                spans = tuple((int(s), int(e), str(f)) for s, e, f in names)
                if any(f not in _FAMILIES or not 0 <= s < e <= len(text) for s, e, f in spans):
                    raise NamesFileError(path, number, "a span outside its text or of no family")
                texts.append(NamedText(str(text), spans))
            documents.append(NamesDocument(str(row["id"]), tuple(texts)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            if isinstance(error, NamesFileError):
                raise
            raise NamesFileError(path, number, f"not a names document ({error})") from error
    return documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gum", type=Path, required=True, help="a clone of amir-zeldes/gum")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--genre", nargs="*", default=sorted(GENRES))
    args = parser.parse_args(argv)
    for genre in args.genre:
        documents, names = write_genre(args.gum, genre, args.out)
        print(f"{genre}: {documents} documents, {names} named mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
