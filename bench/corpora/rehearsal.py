"""Unannotated English news text for rehearsal while fine-tuning the recognizer.

``python -m bench.corpora.rehearsal --trafilatura DIR --out DIR [--not-in INDEX ...]``

:mod:`bench.train_ner` rehearses the original model's own entities on articles nobody
annotated, so that the tuned recognizer does not forget what it knew. The rehearsal
text in the repository (bench/data/ner/rehearsal/) is the benchmark's articles that are
neither annotated nor held out, and the English pages of trafilatura's evaluation set
(adbar/trafilatura, Apache-2.0; ``tests/evaldata.json`` and ``tests/eval/``): this
module turns such pages into article files the way dateline itself would read them
(its own page reader), keeps those of at least 120 words that read as English, and
writes one ``<page>.md`` each. Pages whose URL is in another corpus's index
(``--not-in``: the benchmark's and the mediacloud set's, which hold held-out articles)
are left out, so no held-out text is ever rehearsed.

The session-6 weights rehearsed the English pages of the mediacloud 2020 test set of
adbar/htmldate (:func:`mediacloud_articles`); those pages are now annotated (dev) or
held out, so they are no rehearsal text any more.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dateline.enrich.nlp import DEFAULT_MODEL, NlpModel, foreign_function_words, reads_as_english
from dateline.ingest.page import extract_page

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = [
    "index_urls",
    "is_english_prose",
    "mediacloud_articles",
    "same_page",
    "trafilatura_articles",
]

#: the fewest body words a page needs to count as an article
MIN_WORDS = 120
#: the most body words of an article (longer pages of the trafilatura set are wikis,
#: timetables and recipe collections, and would outweigh the news in rehearsal)
MAX_WORDS = 3000
#: English prose has 40-50% stop words; a page under this share is mostly lists/code
PROSE_STOP_SHARE = 0.3
#: lowercase words that are another language's function words, at most (a German page
#: quoting English keeps a high English share but has ~30% of these; English has <6%)
FOREIGN_SHARE = 0.08


def same_page(url: str) -> str:
    """A URL without scheme, ``www.``, case and trailing slash: one page, however linked."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".lower()


def index_urls(index: Path) -> frozenset[str]:
    """The pages an index names (:func:`same_page` form): its keys that are URLs, and
    the ``url`` of each entry (the benchmark's ground truth keeps URLs there)."""
    data: dict[str, Any] = json.loads(index.read_text(encoding="utf-8"))
    urls = [key for key in data if "://" in key]
    urls += [row["url"] for row in data.values() if isinstance(row, dict) and "url" in row]
    return frozenset(same_page(url) for url in urls)


def is_english_prose(tokens: Iterable[Token]) -> bool:
    """Whether a page's words are English prose, not lists, code or another language.

    Stricter than :func:`~dateline.enrich.nlp.reads_as_english` (which must accept an
    English results table): rehearsal should be the running text a news model reads."""
    words = [t for t in tokens if any(c.isalpha() for c in t.text)]
    lower = [t for t in words if t.text.islower() and len(t.text) > 1]
    if not words or not lower:
        return False
    foreign = foreign_function_words()
    return (
        sum(t.is_stop for t in words) / len(words) >= PROSE_STOP_SHARE
        and sum(t.lower_ in foreign for t in lower) / len(lower) < FOREIGN_SHARE
    )


def _write_articles(
    pages: Iterable[tuple[str, Path]],
    out: Path,
    *,
    min_words: int,
    skip: frozenset[str],
    prose: bool = False,
) -> list[Path]:
    """Each English article of ``(url, page file)`` pages as ``out/<page stem>.md``
    (with ``prose``: only English prose of at most :data:`MAX_WORDS` words)."""
    tokenizer = NlpModel(DEFAULT_MODEL).nlp.tokenizer
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for url, path in pages:
        if same_page(url) in skip or not path.is_file():
            continue
        try:
            page = extract_page(path.read_text(encoding="utf-8", errors="replace"), url)
        except Exception:  # a page the reader refuses is simply not used
            continue
        words = sum(len(p.split()) for p in page.paragraphs)
        if words < min_words or (prose and words > MAX_WORDS):
            continue
        body = "\n\n".join(page.paragraphs)
        tokens = tokenizer(body)
        if not reads_as_english(tokens) or (prose and not is_english_prose(tokens)):
            continue
        title = (page.headline or "").replace('"', "'")
        target = out / f"{path.stem}.md"
        target.write_text(f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")
        written.append(target)
    return written


def mediacloud_articles(root: Path, out: Path, *, min_words: int = MIN_WORDS) -> list[Path]:
    """Write each English article page of the mediacloud test set under ``root`` to ``out``.

    Pages in index order of their URLs; a page the reader cannot read, or that has
    no body of ``min_words`` words, is left out, and so is one whose body does not
    read as English to the model."""
    index = json.loads((root / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    pages = [(url, root / "test_set" / row["file"]) for url, row in sorted(index.items())]
    return _write_articles(pages, out, min_words=min_words, skip=frozenset())


def trafilatura_articles(
    root: Path, out: Path, *, not_in: frozenset[str] = frozenset(), min_words: int = MIN_WORDS
) -> list[Path]:
    """Write each English article page of trafilatura's evaluation set (``root`` = its
    ``tests/`` folder) to ``out``, as :func:`mediacloud_articles` does, leaving out the
    pages ``not_in`` names (:func:`same_page` form). That set is of every kind of page
    and language, so only English prose of at most :data:`MAX_WORDS` words is kept."""
    index = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = [(url, root / "eval" / row["file"]) for url, row in sorted(index.items())]
    return _write_articles(pages, out, min_words=min_words, skip=not_in, prose=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--trafilatura", type=Path, help="trafilatura's tests/ folder (evaldata.json + eval/)"
    )
    source.add_argument(
        "--mediacloud", type=Path, help="htmldate's tests/ folder (index + test_set/)"
    )
    parser.add_argument(
        "--not-in",
        type=Path,
        action="append",
        default=[],
        help="a JSON index of pages never to use (URL keys, or entries with a url)",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the article files")
    args = parser.parse_args(argv)
    if args.trafilatura is not None:
        skip = frozenset().union(*(index_urls(index) for index in args.not_in))
        written = trafilatura_articles(args.trafilatura, args.out, not_in=skip)
    else:
        written = mediacloud_articles(args.mediacloud, args.out)
    print(f"{len(written)} English articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
