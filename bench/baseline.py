"""The minimal pipeline dateline is measured against: front matter → pydantic → JSON →
feedgen RSS and Atom. No enrichment, no HTML pages, no validation beyond the model,
no cache: the least a static feed generator can do with the same corpus.

Run by ``bench/bench.py`` as ``python bench/baseline.py CONTENT OUT [MAX_ITEMS]``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml
from feedgen.feed import FeedGenerator
from pydantic import AwareDatetime, BaseModel


class Article(BaseModel):
    title: str
    date: AwareDatetime
    author: str
    tags: list[str]
    summary: str
    slug: str
    body: str


def read(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    if isinstance(meta.get("date"), str):
        meta["date"] = dt.datetime.fromisoformat(meta["date"])
    return Article(**meta, body=body)


def main(content: Path, out: Path, max_items: int) -> None:
    (out / "articles").mkdir(parents=True, exist_ok=True)
    articles = []
    for path in sorted(content.glob("*.md")):
        article = read(path)
        (out / "articles" / f"{article.slug}.json").write_text(article.model_dump_json())
        articles.append((article.date, article.slug, article.title, article.summary))
    articles.sort(reverse=True)
    fg = FeedGenerator()
    fg.id("https://bench.example.org/")
    fg.title("bench")
    fg.description("bench")
    fg.link(href="https://bench.example.org/", rel="alternate")
    for date, slug, title, summary in articles[:max_items]:
        fe = fg.add_entry(order="append")
        url = f"https://bench.example.org/articles/{slug}.html"
        fe.id(url)
        fe.link(href=url)
        fe.title(title)
        fe.description(summary)
        fe.published(date)
        fe.updated(date)
    fg.rss_file(str(out / "rss.xml"))
    fg.atom_file(str(out / "atom.xml"))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 50)
