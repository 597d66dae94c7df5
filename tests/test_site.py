"""End to end: builds compared with committed expected files, determinism,
atomic writes, one bad article among good ones, the command line, no network."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import OutputError
from dateline.pipeline import build_site
from dateline.settings import load_settings

from .conftest import DATA, ROOT, repo_settings

SITE = DATA / "site"


def tree(root: Path) -> dict[str, bytes]:
    """Every published file (the build cache and lock in .dateline/ are not published)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".dateline"
    }


def build_test_site(tmp_path: Path) -> Path:
    settings = load_settings(SITE / "dateline.toml").model_copy(
        update={"output_dir": tmp_path / "out"}
    )
    report = build_site(settings)
    assert not report.failed, [str(f) for f in report.findings]
    return settings.output_dir


def test_test_site_matches_expected_files(tmp_path: Path) -> None:
    """When output changes on purpose, rebuild tests/data/site/expected and review the diff:
    .venv/bin/dateline build --config tests/data/site/dateline.toml"""
    built = tree(build_test_site(tmp_path))
    expected = tree(SITE / "expected")
    assert sorted(built) == sorted(expected)
    for name in expected:
        assert built[name] == expected[name], f"{name} differs from tests/data/site/expected"


def test_committed_feeds_are_what_content_builds(out: Path) -> None:
    """feeds/ is the publisher's output: it must be what `make` would build now."""
    assert tree(out) == tree(ROOT / "feeds"), "feeds/ is stale: run make and commit it"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = tree(build_test_site(tmp_path / "a"))
    second = tree(build_test_site(tmp_path / "b"))
    assert first == second


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    settings = load_settings(SITE / "dateline.toml").model_copy(update={"output_dir": tmp_path})
    assert build_site(settings).written
    assert build_site(settings).written == []


def test_markup_in_content_is_shown_not_run(tmp_path: Path) -> None:
    page = (build_test_site(tmp_path) / "articles" / "blinken-kyiv-may-2024.html").read_text()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def copy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    return site


def test_one_bad_article_fails_alone_and_previous_feeds_stay(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    settings = load_settings(site / "dateline.toml")
    build_site(settings)
    old_page = settings.output_dir / "articles" / "climate-negotiators-resume-talks-in-geneva.html"
    old_bytes = old_page.read_bytes()
    # the Geneva story loses its date line; the other two are fine
    geneva = site / "content" / "geneva-talks.txt"
    geneva.write_text(geneva.read_text().replace("Published 12 March 2024 14:05 GMT", "someday"))
    report = build_site(settings)
    assert [r.path.name for r in report.failed] == ["geneva-talks.txt"]
    (finding,) = report.failed[0].findings
    assert (finding.code, finding.field, finding.path) == ("missing_date", "date", geneva)
    assert len(report.published) == 2
    # the failed article's previous page is still there, untouched...
    assert old_page.read_bytes() == old_bytes
    # ...and its last good version stays in the feeds, so subscribers lose nothing
    rss = feedparser.parse((settings.output_dir / "rss.xml").read_bytes())
    assert "Climate negotiators resume talks in Geneva" in [e.title for e in rss.entries]
    kept = [f for f in report.findings if f.code == "kept_previous_version"]
    assert [f.path for f in kept] == [geneva]
    # once fixed, it is published from its source again
    geneva.write_text(geneva.read_text().replace("someday", "Published 13 March 2024 09:00 GMT"))
    fixed = build_site(settings)
    assert fixed.ok
    assert not fixed.carried


def test_a_failed_write_fails_that_article_and_leaves_the_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(tmp_path)
    settings = load_settings(site / "dateline.toml")
    build_site(settings)
    out = settings.output_dir
    before = {name: (out / name).read_bytes() for name in ("rss.xml", "index.jsonld")}
    page = out / "articles" / "an-undated-note-from-the-desk.html"
    old_page = page.read_bytes()
    (site / "content" / "undated-note.yaml").write_text("date: 2025-01-01\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dateline.write.atomic.os.replace", broken_replace)
    report = build_site(settings)
    # the article whose files could not be written fails, alone, naming the file
    assert [r.path.name for r in report.failed] == ["undated-note.txt"]
    codes = [f.code for f in report.failed[0].findings]
    assert "write_failed" in codes
    # its previous page and its previous feed item stay; nothing else changed
    assert page.read_bytes() == old_page
    assert {name: (out / name).read_bytes() for name in before} == before
    assert "kept_previous_version" in [f.code for f in report.site_findings]
    assert not list(out.rglob("*.tmp"))


def test_a_failed_feed_write_stops_before_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(tmp_path)
    settings = load_settings(site / "dateline.toml")
    build_site(settings)
    out = settings.output_dir
    rss, manifest = out / "rss.xml", out / ".dateline-manifest.json"
    before, manifest_before = rss.read_bytes(), manifest.read_bytes()
    (site / "content" / "undated-note.yaml").write_text("date: 2025-01-01\n")
    real_replace = os.replace

    def replace_all_but_feeds(src: str, dst: str) -> None:
        if str(dst).endswith("rss.xml"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("dateline.write.atomic.os.replace", replace_all_but_feeds)
    with pytest.raises(OutputError) as info:
        build_site(settings)
    assert "previous file is unchanged" in str(info.value)
    assert rss.read_bytes() == before
    # the commit point was not reached: the manifest still describes the last build
    assert manifest.read_bytes() == manifest_before
    assert not list(out.rglob("*.tmp"))
    # the next build finishes the job
    monkeypatch.setattr("dateline.write.atomic.os.replace", real_replace)
    assert build_site(settings).ok
    assert rss.read_bytes() != before


def test_removed_articles_are_unpublished(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    settings = load_settings(site / "dateline.toml")
    build_site(settings)
    (site / "content" / "undated-note.txt").unlink()
    (site / "content" / "undated-note.yaml").unlink()
    report = build_site(settings)
    assert sorted(p.name for p in report.removed) == [
        "an-undated-note-from-the-desk.html",
        "an-undated-note-from-the-desk.jsonld",
    ]


def test_duplicate_slugs_fail_naming_both_files(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    shutil.copy(site / "content" / "geneva-talks.txt", site / "content" / "geneva-copy.txt")
    report = build_site(load_settings(site / "dateline.toml"))
    failed = sorted(r.path.name for r in report.failed)
    assert failed == ["geneva-copy.txt", "geneva-talks.txt"]
    messages = [f.message for r in report.failed for f in r.findings if f.code == "duplicate_slug"]
    assert any("geneva-talks.txt" in m for m in messages)
    assert any("geneva-copy.txt" in m for m in messages)


def test_build_touches_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)

    def no_lookup(*args: object, **kwargs: object) -> list[object]:
        attempts.append(args)
        raise OSError("name lookups disabled in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    settings = repo_settings(tmp_path / "feeds")
    report = build_site(settings)
    assert not report.failed
    assert attempts == []


# --- the command line -------------------------------------------------------------


def test_cli_build_exit_codes(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    runner = CliRunner()
    config = str(site / "dateline.toml")
    ok = runner.invoke(main, ["build", "--config", config, "--out", str(tmp_path / "o")])
    assert ok.exit_code == 0, ok.output
    assert "built 3 of 3 articles" in ok.stderr
    (site / "content" / "broken.md").write_text("---\ntitle: [\n---\nbody\n")
    bad = runner.invoke(main, ["build", "--config", config, "--out", str(tmp_path / "o")])
    assert bad.exit_code == 1
    assert "broken.md:3: error yaml_syntax" in bad.stderr
    assert "Traceback" not in bad.output
    assert (tmp_path / "o" / "rss.xml").is_file()


def test_cli_settings_error_is_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "dateline.toml"
    config.write_text(
        '[site]\ntitle = "x"\nbase_url = "not a url"\n[site.publisher]\nname="p"\nurl="https://p.example/"\n'
    )
    result = CliRunner().invoke(main, ["build", "--config", str(config)])
    assert result.exit_code == 2
    assert "site.base_url" in result.stderr
    missing = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2
    assert "settings_missing" in missing.stderr


def test_cli_check_writes_nothing(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    result = CliRunner().invoke(main, ["check", "--config", str(site / "dateline.toml")])
    assert result.exit_code == 0, result.output
    assert "checked 3 articles: ok" in result.stderr
    assert not (site / "expected").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["check"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_seed_site_check_prints_only_success() -> None:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        result = CliRunner().invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert result.stderr.strip() == "checked 1 articles: ok"
