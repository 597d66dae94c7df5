"""The test site plus a draft and an embargoed story (tests/data/held), for reader tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from dateline.pipeline import build_site
from dateline.settings import Settings, load_settings

from .conftest import DATA

SITE = DATA / "site"
HELD = DATA / "held"
BEFORE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
RELEASE = dt.datetime(2031, 1, 1, 9, 0, tzinfo=dt.UTC)
#: words that only the draft / only the embargoed story (or their entities) contain
DRAFT_MARKS = ("Quillport", "quillport", "draft-harbour-rules", "Draft Writer", "Ports")
EMBARGO_MARKS = ("Marrowmouth", "marrowmouth", "embargoed-tidal-barrage", "Embargo Writer")


def site_with_held(tmp_path: Path, topics: str = '["section", "tag", "author"]') -> Settings:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    for story in HELD.glob("*.md"):
        shutil.copy(story, site / "content" / story.name)
    config = site / "dateline.toml"
    config.write_text(
        config.read_text().replace("[site.publisher]", f"topic_feeds = {topics}\n[site.publisher]")
    )
    return load_settings(config).model_copy(update={"output_dir": tmp_path / "out"})


def released_site(tmp_path: Path) -> Settings:
    """Built one hour after the embargoed story's release (so it is news)."""
    settings = site_with_held(tmp_path)
    report = build_site(settings, now=RELEASE + dt.timedelta(hours=1))
    assert not report.failed, [str(f) for f in report.findings]
    return settings
