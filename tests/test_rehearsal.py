"""Rehearsal text for the recognizer's fine-tuning (bench/corpora/rehearsal.py).

The pages are real ones from tests/data/ingest, laid out as htmldate's mediacloud
test set and trafilatura's evaluation set are (an index of URL -> file, the pages in a
folder), plus a German page: only English articles are rehearsed, and never a page
another corpus (with held-out articles) holds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.corpora.rehearsal import index_urls, mediacloud_articles, same_page, trafilatura_articles

from dateline.ingest.page import extract_page

PAGES = Path(__file__).resolve().parent / "data" / "ingest"

GERMAN = [
    "Die Regierung hat am Montag beschlossen, dass die Schulen in der Stadt nach den "
    "Ferien wieder geöffnet werden und die Kinder in die Klassen zurückkehren können.",
    "Die Eltern und die Ärzte haben noch viele Fragen, weil die Zahl der Fälle in den "
    "letzten Wochen wieder gestiegen ist und die Krankenhäuser voll sind.",
    "Der Bürgermeister sagte, dass die Stadt für jede Schule neue Geräte kaufen wird, "
    "damit die Luft in den Räumen besser wird und die Lehrer sicher arbeiten können.",
    "Die Gewerkschaft der Lehrer fordert mehr Personal und kleinere Klassen, denn nur "
    "so können die Regeln im Alltag auch wirklich eingehalten werden.",
    "Am Dienstag wollen die Minister der Länder in Berlin über die nächsten Schritte "
    "sprechen und einen gemeinsamen Plan für den Herbst vorstellen.",
    "Viele Familien sind froh, dass der Unterricht wieder beginnt, aber sie wünschen "
    "sich klare Informationen und mehr Hilfe für die Kinder, die zu Hause lernen.",
]


def _mediacloud(root: Path) -> Path:
    pages = root / "test_set"
    pages.mkdir(parents=True)
    shutil.copy(PAGES / "yoast.html", pages / "1.html")
    shutil.copy(PAGES / "paywall.html", pages / "2.html")
    paragraphs = "".join(f"<p>{text}</p>" for text in GERMAN)
    (pages / "3.html").write_text(
        f"<html lang='de'><head><title>Schulen öffnen</title></head><body><article>"
        f"<h1>Schulen öffnen wieder</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    index = {
        f"https://example.org/{n}": {"file": f"{n}.html", "date": "2020-06-07"} for n in (1, 2, 3)
    }
    (root / "eval_mediacloud_2020.json").write_text(json.dumps(index), encoding="utf-8")
    return root


def test_only_english_articles_long_enough_are_kept(tmp_path: Path) -> None:
    root = _mediacloud(tmp_path / "tests")
    written = mediacloud_articles(root, tmp_path / "out")
    # the paywalled teaser is too short, the German page is not English
    assert [p.name for p in written] == ["1.md"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "')
    assert len(text.split("---\n", 2)[2].split()) >= 120


def test_the_german_page_is_left_out_for_its_language_not_its_length(tmp_path: Path) -> None:
    root = _mediacloud(tmp_path / "tests")
    html = (root / "test_set" / "3.html").read_text(encoding="utf-8")
    page = extract_page(html, "https://example.org/3")
    assert sum(len(p.split()) for p in page.paragraphs) >= 120


def _trafilatura(root: Path) -> Path:
    """trafilatura's evaluation layout: ``evaldata.json`` (URL -> file) and ``eval/``."""
    pages = root / "eval"
    pages.mkdir(parents=True)
    shutil.copy(PAGES / "yoast.html", pages / "news.example.yoast.html")
    shutil.copy(PAGES / "yoast.html", pages / "held.example.yoast.html")
    paragraphs = "".join(f"<p>{text}</p>" for text in GERMAN)
    (pages / "de.example.schulen.html").write_text(
        f"<html lang='de'><head><title>Schulen</title></head><body><article>"
        f"<h1>Schulen öffnen wieder</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    index = {
        "https://news.example/yoast": {"file": "news.example.yoast.html"},
        "https://www.held.example/story/": {"file": "held.example.yoast.html"},
        "https://de.example/schulen": {"file": "de.example.schulen.html"},
    }
    (root / "evaldata.json").write_text(json.dumps(index), encoding="utf-8")
    return root


def test_trafilatura_pages_of_another_corpus_are_never_rehearsed(tmp_path: Path) -> None:
    root = _trafilatura(tmp_path / "tests")
    held = tmp_path / "ground-truth.json"
    held.write_text(json.dumps({"abc": {"url": "http://held.example/story"}}), encoding="utf-8")
    assert index_urls(held) == {"held.example/story"}
    assert same_page("https://www.Held.example/story/") == "held.example/story"
    written = trafilatura_articles(root, tmp_path / "out", not_in=index_urls(held))
    # the German page is no English prose; the page the other corpus holds is left out
    assert [p.name for p in written] == ["news.example.yoast.md"]
    everything = trafilatura_articles(root, tmp_path / "all")
    assert [p.name for p in everything] == ["news.example.yoast.md", "held.example.yoast.md"]
