"""Benchmark dateline on a generated corpus: time and memory of check, build and rebuild.

Run by ``make bench`` as ``.venv/bin/python bench/bench.py``. It writes a synthetic
corpus of plain-text articles (a third with a sidecar) to a temporary folder,
then measures, each phase on its own:

- ``check_site``: read, enrich, model and validate every article, writing nothing;
- a full ``build_site`` into an empty output folder;
- a second ``build_site`` of the same input into the same folder (nothing changed,
  so nothing should be rewritten);
- a third, separate build with :mod:`tracemalloc` on, for the build's peak Python
  allocation (tracemalloc slows it down, so its time is not the build's time);
- ``process_article`` on the repository's real seed article, averaged over runs.

It prints numbers only and never asserts on them. Everything is generated from
``--seed``, so two runs with the same arguments build the same corpus. No network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from dateline.model.ids import key_for
from dateline.pipeline import BuildReport, build_site, check_site, process_article
from dateline.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "content" / "000_92e7f391879ebd38.txt"
CONFIG = ROOT / "dateline.toml"

T = TypeVar("T")

# --- the fixed text bank ------------------------------------------------------------

DATELINES = (
    "TEHRAN – ",
    "MOSCOW – ",
    "ASTANA – ",
    "NEW DELHI – ",
    "WASHINGTON (Reuters) - ",
    "KYIV, Ukraine — ",
)

PEOPLE = (
    ("Vladimir Putin", "Russian President"),
    ("Mohammad Mokhber", "Iran's acting president"),
    ("Sergei Lavrov", "Russian Foreign Minister"),
    ("Narendra Modi", "Indian Prime Minister"),
    ("Kassym-Jomart Tokayev", "Kazakh President"),
    ("Antony Blinken", "U.S. Secretary of State"),
    ("Volodymyr Zelensky", "Ukrainian President"),
    ("Leonid Slutsky", "Chairman of the State Duma Committee on International Affairs"),
    ("S. Jaishankar", "Indian External Affairs Minister"),
    ("Dmytro Kuleba", "Ukrainian Foreign Minister"),
)

# Blocs that hold summits, sign trade agreements and have spokespeople.
ORGANIZATIONS = (
    "the Shanghai Cooperation Organization (SCO)",
    "the Eurasian Economic Union (EAEU)",
    "the BRICS group",
    "the European Union",
    "the Organization of the Petroleum Exporting Countries (OPEC)",
    "the Collective Security Treaty Organization (CSTO)",
    "the Commonwealth of Independent States (CIS)",
)

PLACES = (
    "Tehran",
    "Moscow",
    "Astana, Kazakhstan",
    "New Delhi",
    "Washington",
    "Kyiv",
    "Tashkent",
    "Baku",
    "Geneva",
    "Beijing",
)

COUNTRIES = (
    "Iran",
    "Russia",
    "India",
    "Kazakhstan",
    "China",
    "Ukraine",
    "the United States",
    "Turkey",
    "Azerbaijan",
    "Uzbekistan",
)

TOPICS = (
    "energy cooperation",
    "the North-South Transport Corridor",
    "grain exports",
    "sanctions relief",
    "a free trade agreement",
    "regional security",
    "nuclear talks",
    "a new gas pipeline",
    "customs procedures",
    "banking links",
)

WHEN = (
    "on Thursday",
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Friday",
    "last week",
    "in December 2023",
    "in March 2024",
    "earlier this month",
)

# Each sentence may use {person}, {title}, {person2}, {org}, {place}, {country},
# {country2}, {topic} and {when}; the lead sentences also open the first paragraph.
LEADS = (
    "During a meeting with {title} {person} {when}, officials from {country} and {country2} "
    "discussed ways to expand {topic}.",
    "{title} {person} said {when} that talks with {country2} on {topic} had made real progress.",
    "Delegations from {country} and {country2} met in {place} {when} to review {topic}, "
    "according to a statement released after the talks.",
    "{country} and {country2} signed a memorandum on {topic} {when}, the latest step in "
    "their growing partnership.",
    "Senior officials gathered in {place} {when} for a meeting of {org} dominated by {topic}.",
    "{title} {person} arrived in {place} {when} for two days of talks expected to focus on "
    "{topic}.",
)

SENTENCES = (
    "Speaking in {place} on the sidelines of a summit of {org}, {person} stressed that "
    "relations between {country} and {country2} were strategic and long term.",
    "{person} called for accelerating the implementation of a comprehensive cooperation "
    "agreement signed {when}.",
    "The two sides agreed to set up a joint working group on {topic} that will report back "
    "within six months.",
    "In December 2023, {country} and {org} signed a free trade agreement that removes tariffs "
    "on most industrial goods.",
    "Officials said trade between {country} and {country2} rose by nearly a fifth last year, "
    "driven largely by energy and agricultural products.",
    "{person2} welcomed the agreement and said it would open new markets for exporters in "
    "both countries.",
    "Analysts in {place} said the deal reflects a broader effort to reduce dependence on "
    "Western financial systems.",
    "A spokesperson for {org} said the organization supported the proposal and would "
    "consider it at its next meeting.",
    "The ministers also discussed {topic} and agreed to meet again before the end of the year.",
    "{person} met {person2} {when} and reviewed progress on projects agreed at their previous "
    "meeting.",
    "The statement said both governments remained committed to a multipolar world order "
    "based on international law.",
    "According to the foreign ministry, the visit was planned months ago and was not linked "
    "to recent events in the region.",
    "The corridor, a 7,200 km multi-modal network, is meant to cut freight times between "
    "{country} and {country2} by as much as 40 percent.",
    "Diplomats in {place} said the talks were frank and constructive but that differences "
    "remained on several points.",
    "{title} {person} is expected to travel to {place} next month for a summit of {org}.",
    "The central banks of {country} and {country2} agreed {when} to link their national "
    "payment card systems.",
    "{org} is due to publish its annual report on {topic} in the coming weeks.",
    "Observers noted that it was the third meeting between the two leaders this year.",
    "The agreement still needs to be ratified by the parliaments of both countries before "
    "it can take effect.",
    "Officials declined to give further details, saying negotiations were continuing.",
    "Earlier {when}, {person2} told reporters in {place} that {country} would not accept "
    "preconditions for the talks.",
    "Business leaders from {country2} attended a forum in {place} {when} on investment "
    "opportunities in {topic}.",
    "The two delegations signed documents on customs, transport and cultural exchanges.",
    "{person} thanked his hosts and invited {person2} to visit {country} at a convenient time.",
)

HEADLINES = (
    "{country} and {country2} agree to expand {topic}",
    "{person} meets {person2} in {city}",
    "{person} calls for faster work on {topic}",
    "{country}, {country2} sign memorandum on {topic}",
    "Talks in {city} focus on {topic}",
    "{person} says ties with {country2} are strategic",
    "{org_short} members discuss {topic} in {city}",
    "{country} welcomes progress on {topic} with {country2}",
)

ORG_SHORT = ("SCO", "EAEU", "BRICS", "OPEC", "CSTO", "EU")

PUBLISHERS = (
    ("Tehran Times", "https://www.tehrantimes.com/"),
    ("Mehr News Agency", "https://en.mehrnews.com/"),
    ("IRNA", "https://en.irna.ir/"),
    ("Tasnim News Agency", "https://www.tasnimnews.com/en"),
)

START, END = dt.date(2023, 1, 1), dt.date(2024, 12, 31)


# --- the corpus ---------------------------------------------------------------------


def _fill(template: str, rng: random.Random) -> str:
    (person, title), (person2, _) = rng.sample(PEOPLE, 2)
    country, country2 = rng.sample(COUNTRIES, 2)
    values = {
        "person": person,
        "title": title,
        "person2": person2,
        "org": rng.choice(ORGANIZATIONS),
        "org_short": rng.choice(ORG_SHORT),
        "place": rng.choice(PLACES),
        "city": rng.choice(PLACES).split(",")[0],
        "country": country,
        "country2": country2,
        "topic": rng.choice(TOPICS),
        "when": rng.choice(WHEN),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _headline(rng: random.Random, taken: set[str]) -> str:
    """A headline whose slug no other article has (two would clash on their file names)."""
    for _ in range(50):
        headline = _fill(rng.choice(HEADLINES), rng)
        if key_for(headline) not in taken:
            break
    else:  # the combinations ran out: number it, as a live blog does
        headline = f"{headline} ({len(taken) + 1})"
    taken.add(key_for(headline))
    return headline


def _date_line(rng: random.Random) -> str:
    day = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
    hour, minute = rng.randrange(24), rng.randrange(60)
    # Printed as the seed's publisher prints it: minutes not padded ("23:2").
    return f"{day:%B} {day.day}, {day.year} - {hour}:{minute}"


def _paragraphs(rng: random.Random) -> list[str]:
    count = rng.randint(4, 12)
    lead = rng.choice(DATELINES) + _fill(rng.choice(LEADS), rng)
    rest = [
        " ".join(_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(1, 3)))
        for _ in range(count - 1)
    ]
    return [lead, *rest]


def _sidecar(rng: random.Random) -> str:
    name, url = rng.choice(PUBLISHERS)
    return f'publisher:\n  name: "{name}"\n  url: "{url}"\ntimezone: Asia/Tehran\n'


@dataclass(frozen=True)
class Corpus:
    articles: int
    sidecars: int
    paragraphs: int
    bytes: int


def generate_corpus(folder: Path, articles: int, seed: int) -> Corpus:
    """Write ``articles`` plain-text articles (a third with a sidecar) into ``folder``."""
    rng = random.Random(seed)
    taken: set[str] = set()
    sidecars = paragraphs = size = 0
    for index in range(articles):
        stem = f"{index:04d}_{rng.getrandbits(64):016x}"
        body = _paragraphs(rng)
        lines = [_headline(rng, taken), "", _date_line(rng), "", "\n\n".join(body)]
        if rng.random() < 0.5:
            lines += ["\u00a0", "", "Leave a Comment"]  # scraper leftovers, as in the seed
        text = "\n".join(lines) + "\n"
        path = folder / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        paragraphs += len(body)
        if rng.random() < 1 / 3:
            side = _sidecar(rng)
            (folder / f"{stem}.yaml").write_text(side, encoding="utf-8")
            size += len(side.encode("utf-8"))
            sidecars += 1
    return Corpus(articles=articles, sidecars=sidecars, paragraphs=paragraphs, bytes=size)


# --- measuring ----------------------------------------------------------------------


def timed(func: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def tree_size(folder: Path) -> tuple[int, int]:
    """Number of files under ``folder`` and their total size in bytes."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


class FailedArticles(RuntimeError):
    """The generated corpus did not build cleanly: the numbers would not mean much."""


def require_clean(report: BuildReport, phase: str) -> None:
    if report.failed:
        shown = "\n".join(f"  {finding}" for finding in report.findings[:5])
        raise FailedArticles(
            f"{phase}: {len(report.failed)} of {len(report.results)} articles failed; "
            f"first findings:\n{shown}"
        )


def bench_seed(settings: Settings, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        result, seconds = timed(lambda: process_article(SEED_ARTICLE, settings))
        if not result.ok:
            raise FailedArticles("seed article: " + "; ".join(str(f) for f in result.findings))
        times.append(seconds * 1000)
    return {
        "runs": runs,
        "mean_ms": statistics.fmean(times),
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
    }


def run(articles: int, seed: int, seed_runs: int) -> dict[str, Any]:
    repo_settings = load_settings(CONFIG)
    # One untimed call first, so lazy imports, regex compilation and pydantic's
    # first validations are not charged to the check phase.
    process_article(SEED_ARTICLE, repo_settings)

    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        root = Path(tmp)
        content = root / "content"
        content.mkdir()
        corpus, gen_s = timed(lambda: generate_corpus(content, articles, seed))
        settings = repo_settings.model_copy(
            update={"content_dir": content, "output_dir": root / "feeds"}
        )

        checked, check_s = timed(lambda: check_site(settings))
        require_clean(checked, "check_site")

        built, build_s = timed(lambda: build_site(settings))
        require_clean(built, "build_site")
        out_files, out_bytes = tree_size(settings.output_dir)

        rebuilt, rebuild_s = timed(lambda: build_site(settings))
        require_clean(rebuilt, "second build_site")

        traced_settings = settings.model_copy(update={"output_dir": root / "feeds-traced"})
        tracemalloc.start()
        try:
            traced, traced_s = timed(lambda: build_site(traced_settings))
            _, traced_peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        require_clean(traced, "traced build_site")

    seed_stats = bench_seed(repo_settings, seed_runs)
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        max_rss_kib //= 1024

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "seed": seed,
        "corpus": {
            "articles": corpus.articles,
            "sidecars": corpus.sidecars,
            "paragraphs": corpus.paragraphs,
            "bytes": corpus.bytes,
            "generate_s": gen_s,
        },
        "check": {
            "seconds": check_s,
            "articles_per_s": rate(len(checked.results), check_s),
            "published": len(checked.published),
            "failed": len(checked.failed),
        },
        "build": {
            "seconds": build_s,
            "articles_per_s": rate(len(built.results), build_s),
            "published": len(built.published),
            "failed": len(built.failed),
            "files_written": len(built.written),
            "output_files": out_files,
            "output_bytes": out_bytes,
        },
        "rebuild": {
            "seconds": rebuild_s,
            "articles_per_s": rate(len(rebuilt.results), rebuild_s),
            "files_rewritten": len(rebuilt.written),
            "files_removed": len(rebuilt.removed),
        },
        "memory": {
            "max_rss_kib": max_rss_kib,
            "tracemalloc_build_peak_bytes": traced_peak,
            "tracemalloc_build_seconds": traced_s,
        },
        "seed_article": seed_stats,
    }


# --- output -------------------------------------------------------------------------


def table(numbers: dict[str, Any]) -> str:
    c, ch, b, rb = numbers["corpus"], numbers["check"], numbers["build"], numbers["rebuild"]
    mem, seed = numbers["memory"], numbers["seed_article"]
    mib = 1024 * 1024
    rows = [
        ("corpus", "articles", f"{c['articles']}", ""),
        ("", "with sidecar", f"{c['sidecars']}", ""),
        ("", "paragraphs", f"{c['paragraphs']}", ""),
        ("", "size", f"{c['bytes'] / 1024:.1f}", "KiB"),
        ("check_site", "wall time", f"{ch['seconds']:.3f}", "s"),
        ("", "throughput", f"{ch['articles_per_s']:.1f}", "articles/s"),
        ("build_site", "wall time", f"{b['seconds']:.3f}", "s"),
        ("", "throughput", f"{b['articles_per_s']:.1f}", "articles/s"),
        ("", "files written", f"{b['files_written']}", ""),
        ("", "output size", f"{b['output_bytes'] / mib:.2f}", "MiB"),
        ("rebuild", "wall time", f"{rb['seconds']:.3f}", "s"),
        ("", "files rewritten", f"{rb['files_rewritten']}", ""),
        ("memory", "max RSS (whole run)", f"{mem['max_rss_kib'] / 1024:.1f}", "MiB"),
        ("", "tracemalloc peak, build", f"{mem['tracemalloc_build_peak_bytes'] / mib:.1f}", "MiB"),
        ("", "build under tracemalloc", f"{mem['tracemalloc_build_seconds']:.3f}", "s (slowed)"),
        ("seed article", f"process_article ×{seed['runs']}", f"{seed['mean_ms']:.2f}", "ms mean"),
        ("", "median / min", f"{seed['median_ms']:.2f} / {seed['min_ms']:.2f}", "ms"),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    header = (
        f"dateline bench: Python {numbers['python']}, {numbers['cpu_count']} CPUs, "
        f"{c['articles']} articles, seed {numbers['seed']}"
    )
    lines = [header, ""]
    for phase, metric, value, unit in rows:
        lines.append(
            f"{phase:<{widths[0]}}  {metric:<{widths[1]}}  {value:>{widths[2]}}  {unit}".rstrip()
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=500, help="corpus size (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument(
        "--seed-runs", type=int, default=50, help="process_article runs on the seed article"
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.seed_runs < 1:
        parser.error("--articles and --seed-runs must be at least 1")
    try:
        numbers = run(args.articles, args.seed, args.seed_runs)
    except FailedArticles as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    line = json.dumps(numbers, sort_keys=True)
    if not args.json:
        print(table(numbers))
        print()
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
