"""How well ``dateline add`` reads pages: body P/R/F1, headline and datePublished shares.

Run by ``make eval-ingest DIR=... TRUTH=...``. ``DIR`` holds saved pages
(``<id>.html`` or ``<id>.html.gz``), ``TRUTH`` a JSON object ``{id: {"articleBody":
..., "url": ..., "headline"?: ..., "datePublished"?: ...}}`` (the format of the
article-extraction-benchmark's ground-truth.json; headline and datePublished are
optional and, when present, are checked for being right, not only present).

Per page, the body is scored on word tokens (``\\w+``, as that benchmark tokenizes),
bag-of-tokens precision, recall and F1, then averaged over pages. Every page is also
checked the way ``dateline add`` checks it (a page with no text, headline or date, or
only a paywall teaser, is refused with a reason, not added); every page it would add
is written as a Markdown article and built with the real pipeline (enrichment off,
so the run is quick). Both shares are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from dateline.ingest.frontmatter import render, target_path
from dateline.ingest.page import Extracted, extract_page, is_aware, refusal
from dateline.pipeline import process_article
from dateline.settings import PublisherSettings, Settings

_TOKEN = re.compile(r"\w+")


def prf(truth: str, predicted: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of one page's body."""
    want, got = Counter(_TOKEN.findall(truth)), Counter(_TOKEN.findall(predicted))
    common = sum((want & got).values())
    if not want and not got:
        return 1.0, 1.0, 1.0
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _load(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode("utf-8", errors="replace")


def _pages(folder: Path) -> dict[str, Path]:
    pages = {}
    for path in sorted(folder.iterdir()):
        name = path.name
        for suffix in (".html.gz", ".htm.gz", ".html", ".htm"):
            if name.endswith(suffix):
                pages[name[: -len(suffix)]] = path
    return pages


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def _date_right(found: Any, truth: str) -> tuple[bool, bool]:
    """(right, aware and right): a true day is matched by the day of the found time in its
    own offset or in UTC; a true instant by an aware time at that instant."""
    if len(truth) == 10:
        want_day = dt.date.fromisoformat(truth)
        days = {found.date() if isinstance(found, dt.datetime) else found}
        if is_aware(found):
            days.add(found.astimezone(dt.UTC).date())  # annotators often wrote the UTC day
        right = want_day in days
        return right, right and is_aware(found)
    try:
        want = dt.datetime.fromisoformat(truth.replace("Z", "+00:00"))
    except ValueError:
        return False, False
    if not is_aware(found) or want.tzinfo is None:
        return False, False
    same: bool = found == want
    return same, same


def _builds(article: Extracted, url: str, settings: Settings, folder: Path) -> bool:
    path = target_path(folder, article, set())
    path.write_text(
        render(
            article,
            slug=path.stem,
            requested=url,
            retrieved=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
            etag=None,
            last_modified=None,
        ),
        encoding="utf-8",
    )
    local = settings.model_copy(update={"content_dir": folder.resolve()})
    ok = process_article(path, local, enrichers=[]).ok
    path.unlink()
    return ok


def evaluate(folder: Path, truth: dict[str, Any], build: bool = True) -> dict[str, Any]:
    pages = _pages(folder)
    missing = sorted(set(truth) - set(pages))
    if missing:
        raise SystemExit(f"eval-ingest: no page in {folder} for {len(missing)} ids: {missing[:3]}")
    scores: list[tuple[float, float, float]] = []
    headline = headline_right = headline_truth = 0
    aware = date_right = date_aware_right = date_truth = built = accepted = 0
    extractors: Counter[str] = Counter()
    settings = Settings(
        title="eval",
        base_url="https://eval.example.org/",
        publisher=PublisherSettings(name="eval", url="https://eval.example.org/"),
        enrich=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for key in sorted(truth):
            item = truth[key]
            url = item.get("url") or f"https://example.org/{key}"
            article = extract_page(_load(pages[key]), url)
            if "articleBody" in item:
                scores.append(prf(item["articleBody"], article.body))
            extractors[article.extractors.get("body", "none")] += 1
            headline += bool(article.headline)
            if "headline" in item:
                headline_truth += 1
                headline_right += _norm(article.headline or "") == _norm(item["headline"])
            value = article.date.value if article.date else None
            aware += is_aware(value)
            if isinstance(item.get("datePublished"), str):
                date_truth += 1
                right, aware_right = _date_right(value, item["datePublished"])
                date_right += right
                date_aware_right += aware_right
            if refusal(article) is None:
                accepted += 1
                if build:
                    built += _builds(article, url, settings, Path(tmp))
    n = len(truth)
    result: dict[str, Any] = {"pages": n}
    if scores:
        result |= {
            "body_pages": len(scores),
            "body_precision": statistics.mean(s[0] for s in scores),
            "body_recall": statistics.mean(s[1] for s in scores),
            "body_f1": statistics.mean(s[2] for s in scores),
            "body_f1_median": statistics.median(s[2] for s in scores),
        }
    result |= {
        "headline_share": headline / n,
        "aware_date_share": aware / n,
        "body_extractor": dict(sorted(extractors.items())),
    }
    if headline_truth:
        result["headline_right"] = headline_right / headline_truth
    if date_truth:
        result["date_right"] = date_right / date_truth
        result["date_aware_and_right"] = date_aware_right / date_truth
    result["added_share"] = accepted / n
    if build:
        result["added_that_build"] = built / accepted if accepted else 0.0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder of saved pages")
    parser.add_argument("truth", type=Path, help="JSON of the true article bodies")
    parser.add_argument("--no-build", action="store_true", help="skip building each page")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    result = evaluate(args.dir, truth, build=not args.no_build)
    if not args.json:
        for name, value in result.items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"{name:<18} {shown}")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
