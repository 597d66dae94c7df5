"""Metadata precedence, layer by layer:
site settings < reader < enrichment < front matter < sidecar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.enrich import DEFAULT_ENRICHERS, default_enrichers
from dateline.model.layers import Layer, merge_layers, site_layer
from dateline.model.meta import ArticleMeta
from dateline.pipeline import process_article
from dateline.settings import Settings

from .conftest import repo_settings

ALL = [Layer.SITE, Layer.READER, Layer.ENRICHMENT, Layer.FRONT_MATTER, Layer.SIDECAR]


@pytest.mark.parametrize("top", ALL)
def test_highest_layer_that_sets_a_field_wins(top: Layer) -> None:
    layers = {layer: ArticleMeta(summary=layer.name) for layer in ALL if layer <= top}
    assert merge_layers(layers).summary == top.name


def test_a_layer_that_says_nothing_erases_nothing() -> None:
    merged = merge_layers(
        {Layer.READER: ArticleMeta(title="From the text"), Layer.SIDECAR: ArticleMeta()}
    )
    assert merged.title == "From the text"


def test_site_layer_gives_defaults(tmp_path: Path) -> None:
    site = site_layer(repo_settings(tmp_path))
    assert (site.language, site.timezone) == ("en", "UTC")
    assert site.publisher is not None
    assert site.publisher.name == "Dateline"


def write_article(tmp_path: Path, sidecar: str | None = None, front: str | None = None) -> Path:
    if front is not None:
        path = tmp_path / "a.md"
        path.write_text(f"---\n{front}---\n\nTEHRAN – Lead paragraph.\n", encoding="utf-8")
    else:
        path = tmp_path / "a.txt"
        path.write_text(
            "Headline from the text\n\nJuly 5, 2024 - 23:2\n\nTEHRAN – Lead paragraph.\n",
            encoding="utf-8",
        )
    if sidecar is not None:
        path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    return path


def published(tmp_path: Path, path: Path) -> dict[str, object]:
    result = process_article(path, repo_settings(tmp_path / "out", tmp_path))
    assert result.graph is not None, [str(f) for f in result.findings]
    return result.graph.article.jsonld()


def test_reader_beats_site_and_site_fills_the_gaps(tmp_path: Path) -> None:
    article = published(tmp_path, write_article(tmp_path))
    assert article["headline"] == "Headline from the text"  # reader
    assert article["inLanguage"] == "en"  # site
    # a date printed without a zone takes the dateline city's (enrichment beats site)...
    assert article["datePublished"] == "2024-07-05T23:02:00+03:30"


def test_site_time_zone_when_nothing_better_is_known(tmp_path: Path) -> None:
    path = write_article(tmp_path)
    path.write_text(path.read_text().replace("TEHRAN – ", ""), encoding="utf-8")
    # ...and the site's (UTC) when there is no dateline either
    assert published(tmp_path, path)["datePublished"] == "2024-07-05T23:02:00Z"


def test_enrichment_beats_reader_but_not_the_editor(tmp_path: Path) -> None:
    article = published(tmp_path, write_article(tmp_path))
    assert article["description"] == "Lead paragraph."  # enrichment: lead without dateline
    assert article["dateline"] == "TEHRAN"
    edited = published(tmp_path, write_article(tmp_path, "summary: An editor's summary\n"))
    assert edited["description"] == "An editor's summary"


def test_sidecar_time_zone_applies_to_the_readers_naive_date(tmp_path: Path) -> None:
    article = published(tmp_path, write_article(tmp_path, "timezone: Asia/Tehran\n"))
    assert article["datePublished"] == "2024-07-05T23:02:00+03:30"


def test_time_zone_is_applied_by_name_with_the_offset_of_that_day(tmp_path: Path) -> None:
    """Tehran kept summer time until 2022: a 2021 July date is +04:30, not today's +03:30."""
    path = write_article(tmp_path, "timezone: Asia/Tehran\ndate: 2021-07-05 23:02\n")
    assert published(tmp_path, path)["datePublished"] == "2021-07-05T23:02:00+04:30"


def test_sidecar_beats_front_matter_beats_reader(tmp_path: Path) -> None:
    path = write_article(
        tmp_path, "title: Sidecar title\n", front="title: Front title\ndate: 2024-01-02\n"
    )
    assert published(tmp_path, path)["headline"] == "Sidecar title"
    path.with_suffix(".yaml").unlink()
    assert published(tmp_path, path)["headline"] == "Front title"


def test_editors_dateline_beats_the_one_found(tmp_path: Path) -> None:
    path = write_article(tmp_path, "dateline: TEHRAN, Iran\n")
    assert published(tmp_path, path)["dateline"] == "TEHRAN, Iran"


def test_aware_date_keeps_its_printed_offset(tmp_path: Path) -> None:
    path = write_article(tmp_path, "timezone: Asia/Tehran\n")
    path.write_text(path.read_text().replace("July 5, 2024 - 23:2", "July 5, 2024 20:32 GMT"))
    assert published(tmp_path, path)["datePublished"] == "2024-07-05T20:32:00Z"
    assert dt.datetime.fromisoformat("2024-07-05T20:32:00+00:00") == dt.datetime.fromisoformat(
        "2024-07-06T00:02:00+03:30"
    )


def test_enrich_false_skips_inferred_facts(tmp_path: Path) -> None:
    """With enrichment off, the seed builds with no inferred entities or events."""
    settings = Settings.model_validate(
        {
            "title": "t",
            "base_url": "https://example.org/",
            "publisher": {"name": "P", "url": "https://example.org/"},
            "content_dir": tmp_path,
            "enrich": False,
        }
    )
    assert default_enrichers(settings) == DEFAULT_ENRICHERS
    assert (
        len(default_enrichers(settings.model_copy(update={"enrich": True})))
        == len(DEFAULT_ENRICHERS) + 1
    )  # the facts enricher
