"""Drafts and embargoes: checked on every build, absent from every output until released."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from icalendar import Calendar

from dateline.cli import main
from dateline.enrich import DEFAULT_ENRICHERS
from dateline.hold import parse_now
from dateline.model.meta import ArticleMeta
from dateline.pipeline import BuildReport, build_site
from dateline.read.draft import Draft
from dateline.settings import Settings

from .held_site import BEFORE, DRAFT_MARKS, EMBARGO_MARKS, RELEASE, site_with_held


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def mentions(out: Path, marks: tuple[str, ...]) -> list[str]:
    """Every output file (by path or content) that contains one of ``marks``; not the
    build cache, ``.dateline/``, which keeps the check of a held article so that it is
    not redone on every build (README: it is never published)."""
    return sorted(
        name
        for name, data in files(out).items()
        if not name.startswith(".dateline/") and any(m in name or m.encode() in data for m in marks)
    )


def build(settings: Settings, now: dt.datetime) -> BuildReport:
    report = build_site(settings, now=now)
    assert not report.failed, [str(f) for f in report.findings]
    return report


def test_held_articles_are_in_no_output_until_released(tmp_path: Path) -> None:
    settings = site_with_held(tmp_path)
    out = settings.output_dir
    report = build(settings, BEFORE)
    assert sorted(h.slug for h in report.held) == ["draft-harbour-rules", "embargoed-tidal-barrage"]
    assert len(report.published) == 3
    assert mentions(out, DRAFT_MARKS) == []
    assert mentions(out, EMBARGO_MARKS) == []
    # the rest of the site is there: the checks above looked at real outputs
    assert {"rss.xml", "sitemap.xml", "events.ics", "index.jsonld", "robots.txt"} <= set(files(out))
    assert (out / "section" / "world" / "rss.xml").is_file()

    released = build(settings, RELEASE)
    assert [h.slug for h in released.held] == ["draft-harbour-rules"]
    assert mentions(out, DRAFT_MARKS) == []
    found = set(mentions(out, EMBARGO_MARKS))
    expected = {
        "articles/embargoed-tidal-barrage.html",
        "articles/embargoed-tidal-barrage.jsonld",
        "rss.xml",
        "atom.xml",
        "feed.json",
        "index.html",
        "index.jsonld",
        "sitemap.xml",
        "news-sitemap.xml",
        "events.ics",
        "section/energy/rss.xml",
        "author/embargo-writer/index.html",
        "id/marrowmouth.html",
        "id/marrowmouth-tidal-company.jsonld",
    }
    assert expected <= found, expected - found
    titles = [e.title for e in feedparser.parse((out / "rss.xml").read_bytes()).entries]
    assert titles[0] == "Tidal barrage opens at Marrowmouth"
    calendar = Calendar.from_ical((out / "events.ics").read_bytes())
    assert "Opening of the Marrowmouth tidal barrage" in [
        str(e["summary"]) for e in calendar.walk("VEVENT")
    ]


def test_held_articles_are_not_built_again_while_held(tmp_path: Path) -> None:
    """A reviewer found a site with one draft re-reading, re-enriching and loading the
    language model on every build (7 s instead of 0.1 s): a held article's check is
    kept until its text changes or its embargo passes, its findings still reported."""
    settings = site_with_held(tmp_path)
    read: list[str] = []

    def watched(draft: Draft, known: ArticleMeta) -> ArticleMeta:
        read.append(draft.path.name)
        return ArticleMeta()

    enrichers = (*DEFAULT_ENRICHERS, watched)
    first = build_site(settings, enrichers, now=BEFORE)
    assert sorted(read) == sorted(r.path.name for r in first.results)
    held = {r.path.name: r.findings for r in first.results if r.status == "held"}
    assert sorted(held) == ["draft-harbour.md", "embargoed-tidal.md"]
    read.clear()
    again = build_site(settings, enrichers, now=BEFORE)
    assert read == []
    assert {r.path.name: r.findings for r in again.results if r.status == "held"} == held
    assert sorted(h.slug for h in again.held) == ["draft-harbour-rules", "embargoed-tidal-barrage"]
    # the draft's text changes: it is checked again; the embargo passes: it is built
    draft = settings.content_dir / "draft-harbour.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    released = build_site(settings, enrichers, now=RELEASE)
    assert sorted(read) == ["draft-harbour.md", "embargoed-tidal.md"]
    assert [h.slug for h in released.held] == ["draft-harbour-rules"]
    titles = [
        e.title for e in feedparser.parse((settings.output_dir / "rss.xml").read_bytes()).entries
    ]
    assert titles[0] == "Tidal barrage opens at Marrowmouth"


def test_a_held_article_never_fails_a_published_one(tmp_path: Path) -> None:
    """A draft is in no output, so it contradicts nothing published: its clashes (a
    slug taken, an author's id given to an organization) are its own to fix before
    release; the published articles stay published (a reviewer saw a draft unpublish
    an article it never touched)."""
    settings = site_with_held(tmp_path)
    (settings.content_dir / "draft-clash.md").write_text(
        "---\ntitle: A draft on the same visit\ndate: 2024-05-20 08:00\ndraft: true\n"
        "slug: blinken-kyiv-may-2024\n"
        "entities:\n  - {id: jane-roe, type: Organization, name: Jane Roe Holdings}\n---\n"
        "KYIV — A second story about the visit, not ready yet.\n",
        encoding="utf-8",
    )
    report = build_site(settings, now=BEFORE)
    assert [r.path.name for r in report.failed] == ["draft-clash.md"]
    codes = {f.code for f in report.findings if f.path and f.path.name == "draft-clash.md"}
    assert {"duplicate_slug", "conflicting_id"} <= codes
    titles = [
        e.title for e in feedparser.parse((settings.output_dir / "rss.xml").read_bytes()).entries
    ]
    assert "Blinken arrives in Kyiv as allies weigh new aid" in titles
    assert len(report.published) == 3


def test_a_draft_that_becomes_an_embargo_is_unpublished_again(tmp_path: Path) -> None:
    """An article published by mistake and then put under embargo disappears from
    the pages too, not only from the feeds."""
    settings = site_with_held(tmp_path)
    build(settings, RELEASE)
    assert (settings.output_dir / "articles" / "embargoed-tidal-barrage.html").is_file()
    report = build(settings, BEFORE)
    removed = {p.relative_to(settings.output_dir).as_posix() for p in report.removed}
    assert "articles/embargoed-tidal-barrage.html" in removed
    assert "section/energy/feed.json" in removed
    assert "news-sitemap.xml" in removed
    assert mentions(settings.output_dir, EMBARGO_MARKS) == []


def test_same_inputs_and_now_give_the_same_bytes(tmp_path: Path) -> None:
    first = site_with_held(tmp_path / "a")
    second = site_with_held(tmp_path / "b")
    build(first, RELEASE)
    build(second, RELEASE)
    a, b = files(first.output_dir), files(second.output_dir)
    # the two copies live in different folders: only the manifest names them
    a.pop(".dateline-manifest.json")
    b.pop(".dateline-manifest.json")
    assert a == b


def test_check_lists_what_is_held_and_until_when(tmp_path: Path) -> None:
    settings = site_with_held(tmp_path)
    config = str(settings.content_dir.parent / "dateline.toml")
    result = CliRunner().invoke(main, ["check", "--config", config, "--now", "2026-01-01"])
    assert result.exit_code == 0, result.output
    assert "draft-harbour.md: held: draft" in result.stderr
    assert "embargoed-tidal.md: held: embargoed until 2031-01-01T09:00:00+00:00" in result.stderr
    # (the Geneva story's inferred main event has no place: a warning, not a failure)
    assert "checked 5 articles: ok, " in result.stderr
    assert result.stderr.rstrip().endswith("2 held")
    as_json = CliRunner().invoke(
        main, ["check", "--config", config, "--now", "2031-01-01T09:00Z", "--format", "json"]
    )
    held = json.loads(as_json.stdout)["held"]
    assert [(h["slug"], h["held"], h["until"]) for h in held] == [
        ("draft-harbour-rules", "draft", None)
    ]
    before = CliRunner().invoke(
        main, ["check", "--config", config, "--now", "2026-01-01", "--format", "json"]
    )
    assert ("embargoed-tidal-barrage", "embargo", "2031-01-01T09:00:00+00:00") in [
        (h["slug"], h["held"], h["until"]) for h in json.loads(before.stdout)["held"]
    ]


def test_a_draft_with_a_mistake_is_still_reported(tmp_path: Path) -> None:
    settings = site_with_held(tmp_path)
    draft = settings.content_dir / "draft-harbour.md"
    draft.write_text(draft.read_text().replace("date: 2024-05-20 08:00", "date: 2024-13-40"))
    report = build_site(settings, now=BEFORE)
    assert [r.path.name for r in report.failed] == ["draft-harbour.md"]


def test_now_must_be_a_time() -> None:
    result = CliRunner().invoke(main, ["check", "--now", "tomorrow"])
    assert result.exit_code == 2
    assert "ISO 8601" in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2031-01-01", dt.datetime(2031, 1, 1, tzinfo=dt.UTC)),
        ("2031-01-01T09:00+03:30", dt.datetime(2031, 1, 1, 5, 30, tzinfo=dt.UTC)),
    ],
)
def test_now_forms(text: str, expected: dt.datetime) -> None:
    assert parse_now(text) == expected
