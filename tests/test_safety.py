"""A build never empties a site by surprise, never reads outside content/, and answers
every user mistake with its own code (never ``internal_error``)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import feedparser
import markdown_it
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from dateline.budget import article_budget
from dateline.cli import main
from dateline.enrich.registry import load_registry
from dateline.errors import SettingsError
from dateline.model.meta import ArticleMeta
from dateline.model.types import absolute_url
from dateline.pipeline import build_site, check_site, process_article
from dateline.read import markdown as markdown_module
from dateline.read.markdown import render_markdown
from dateline.review import Proposal, sidecar_text
from dateline.settings import Settings
from dateline.sidecar_edit import edit_top_level
from dateline.validate.vocabulary import Vocabulary

from .conftest import DATA, ROOT, repo_settings

STORY = "{title}\n\nJuly 5, 2024 - 10:00\n\nTEHRAN – {body}\n"
SECRET = "root:x:0:0:the-secret-marker"


def story(content: Path, name: str, title: str, body: str = "Shops opened today.") -> Path:
    path = content / name
    path.write_text(STORY.format(title=title, body=body), encoding="utf-8")
    return path


def plain_settings(tmp: Path, **update: Any) -> Settings:
    """The repository's settings on a temp site, without enrichment (not what is tested)."""
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    return repo_settings(tmp / "feeds", content).model_copy(update={"enrich": False, **update})


def codes(report_findings: Any) -> list[str]:
    return [f.code for f in report_findings]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    """A site folder with dateline.toml (enrichment off) and one article; cwd is the site."""
    config = (ROOT / "dateline.toml").read_text(encoding="utf-8")
    (tmp_path / "dateline.toml").write_text(config.replace("[site]\n", "[site]\nenrich = false\n"))
    (tmp_path / "content").mkdir()
    story(tmp_path / "content", "a.txt", "Shops open in Tehran")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- the folders a build is given ---------------------------------------------------------


def test_a_misspelt_content_folder_is_refused_and_the_site_kept(site: Path) -> None:
    assert run("build").exit_code == 0
    before = snapshot(site / "feeds")
    config = site / "dateline.toml"
    config.write_text(
        config.read_text().replace('content_dir = "content"', 'content_dir = "contnet"')
    )
    result = run("build")
    assert result.exit_code == 2
    assert "content_missing" in result.stderr
    assert "contnet" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(site / "feeds") == before
    assert run("check").exit_code == 2


def test_content_dir_is_resolved_against_the_config_files_folder(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = CliRunner().invoke(main, ["build", "--config", str(site / "dateline.toml")])
    assert result.exit_code == 0, result.stderr
    os.chdir(elsewhere)  # the fixture restores the working folder
    result = run("build", "--config", str(site / "dateline.toml"))
    assert result.exit_code == 0, result.stderr
    assert not (elsewhere / "feeds").exists()
    assert (site / "feeds" / "rss.xml").is_file()


@pytest.mark.parametrize(
    "out", ["content", "content/out", ".", "content/.."], ids=["same", "inside", "parent", "dots"]
)
def test_overlapping_output_and_content_folders_are_refused(site: Path, out: str) -> None:
    (site / "content" / "notes.txt.bak").write_text("keep me")
    before = snapshot(site)
    result = run("build", "--out", out)
    assert result.exit_code == 2
    assert "folders_overlap" in result.stderr
    assert snapshot(site) == before


def test_an_empty_content_folder_does_not_unpublish_the_site(site: Path) -> None:
    assert run("build").exit_code == 0
    before = snapshot(site / "feeds")
    (site / "content" / "a.txt").unlink()
    result = run("build")
    assert result.exit_code == 2
    assert "content_empty" in result.stderr
    assert "--allow-empty" in result.stderr
    assert snapshot(site / "feeds") == before
    # said on purpose, the site is emptied
    result = run("build", "--allow-empty")
    assert result.exit_code == 0, result.stderr
    assert feedparser.parse((site / "feeds" / "rss.xml").read_bytes()).entries == []


def test_an_empty_content_folder_with_nothing_published_builds(site: Path) -> None:
    (site / "content" / "a.txt").unlink()
    assert run("build").exit_code == 0


# --- content stays inside content/ ----------------------------------------------------------


@pytest.fixture
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outside") / "secret.txt"
    path.write_text(f"{SECRET}\n\nJuly 5, 2024 - 10:00\n\nTEHRAN – {SECRET}\n", encoding="utf-8")
    return path


def everything(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_an_article_linking_outside_content_is_refused_unread(tmp_path: Path, secret: Path) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "good.txt", "Shops open in Tehran")
    leak = settings.content_dir / "leak.txt"
    leak.symlink_to(secret)
    (settings.content_dir / "leak.yaml").write_text("title: Leak\n")
    (settings.content_dir / "passwd.txt").symlink_to("/etc/passwd")
    report = build_site(settings)
    by_path = {r.path.name: codes(r.findings) for r in report.failed}
    assert by_path == {"leak.txt": ["outside_content"], "passwd.txt": ["outside_content"]}
    assert len(report.published) == 1
    out = everything(settings.output_dir)
    assert SECRET.encode() not in out
    assert b"root:x:0:0" not in out


def test_a_sidecar_linking_outside_content_is_refused_and_not_printed(
    tmp_path: Path, secret: Path
) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "a.yaml").symlink_to(secret)
    result = process_article(settings.content_dir / "a.txt", settings)
    assert codes(result.findings) == ["outside_content"]
    assert all(SECRET not in str(f) for f in result.findings)


def test_links_inside_content_still_work(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path)
    (settings.content_dir / "drafts").mkdir()
    story(settings.content_dir / "drafts", "a.txt", "Shops open in Tehran")
    (settings.content_dir / "a.yaml").write_text("section: Business\n")
    (settings.content_dir / "drafts" / "a.yaml").symlink_to(settings.content_dir / "a.yaml")
    report = build_site(settings)
    assert report.ok, [str(f) for f in report.findings]
    assert report.published[0].graph is not None
    assert report.published[0].graph.article.article_section == "Business"


def test_a_folder_linking_outside_content_is_a_finding(tmp_path: Path, secret: Path) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    report = check_site(settings)
    assert [(r.path.name, codes(r.findings)) for r in report.failed] == [
        ("elsewhere", ["outside_content"])
    ]


def test_a_registry_linking_outside_content_is_refused(tmp_path: Path, secret: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "entities.yaml").symlink_to(secret)
    with pytest.raises(SettingsError) as caught:
        load_registry(content)
    assert caught.value.code == "outside_content"
    assert SECRET not in str(caught.value)


# --- bounded work ---------------------------------------------------------------------------


def test_a_huge_sidecar_fails_its_article_only(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path, max_file_bytes=50_000)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    story(settings.content_dir, "b.txt", "Bazaar reopens")
    (settings.content_dir / "b.yaml").write_text("summary: " + "word " * 20_000)
    report = build_site(settings)
    assert [(r.path.name, codes(r.findings)) for r in report.failed] == [
        ("b.txt", ["file_too_large"])
    ]
    assert report.failed[0].findings[0].path == settings.content_dir / "b.yaml"
    assert not report.site_findings  # the feeds are written, with the other article
    assert len(feedparser.parse(settings.output_dir / "rss.xml").entries) == 1


def test_a_huge_registry_is_refused(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text("# " + "x" * 5000 + "\n")
    with pytest.raises(SettingsError) as caught:
        load_registry(tmp_path, max_bytes=1000)
    assert caught.value.code == "file_too_large"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
)


@pytest.mark.parametrize(
    ("sidecar", "code"),
    [
        (BOMB, "yaml_aliases"),
        ("tags: &t [a, *t]\n", "yaml_aliases"),
        ("tags: " + "[" * 999 + "]" * 999 + "\n", "yaml_too_deep"),
        ("about: " + "{a: " * 900 + "1" + "}" * 900 + "\n", "yaml_too_deep"),
        ("wordCount: " + "9" * 5000 + "\n", "number_too_long"),
    ],
    ids=["alias-bomb", "recursive-alias", "deep-list", "deep-mapping", "huge-integer"],
)
def test_hostile_yaml_gets_its_own_code(tmp_path: Path, sidecar: str, code: str) -> None:
    settings = plain_settings(tmp_path)
    path = story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "a.yaml").write_text(sidecar)
    assert codes(process_article(path, settings).findings) == [code]
    front = settings.content_dir / "b.md"
    front.write_text(f"---\ntitle: Shops\ndate: 2024-07-05T10:00:00Z\n{sidecar}---\n\nText.\n")
    assert codes(process_article(front, settings).findings) == [code]


@pytest.mark.parametrize(
    ("line", "reason"),
    [("date: 2024-13-45", "month must be in 1..12"), ("date: 2023-02-29", "day is out of range")],
)
def test_a_date_no_calendar_has_names_its_line_and_value(
    tmp_path: Path, line: str, reason: str
) -> None:
    settings = plain_settings(tmp_path)
    front = settings.content_dir / "b.md"
    front.write_text(f"---\ntitle: Shops\nauthor: Ana\n{line}\n---\n\nText.\n")
    (finding,) = process_article(front, settings).findings
    assert (finding.code, finding.line) == ("invalid_date", 4)
    assert line.split(": ")[1] in finding.message
    assert reason in finding.message
    assert "YYYY-MM-DD" in (finding.hint or "")


def test_an_alias_bomb_in_the_registry_is_refused(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text(BOMB)
    with pytest.raises(SettingsError) as caught:
        load_registry(tmp_path)
    assert caught.value.code == "yaml_aliases"


def test_ordinary_anchors_and_aliases_still_work(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path)
    path = story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "a.yaml").write_text("section: &s Business\ntags: [*s, shops]\n")
    result = process_article(path, settings)
    assert result.ok, result.findings


# --- sidecars are read as articles are ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_sidecars_in_other_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    settings = plain_settings(tmp_path)
    path = story(settings.content_dir, "a.txt", "Shops open in Tehran")
    summary = "Le café crème de la pâtisserie a rouvert à Téhéran, près du marché."
    (settings.content_dir / "a.yaml").write_bytes(f"summary: {summary}\n".encode(encoding))
    result = process_article(path, settings)
    assert result.ok, result.findings
    assert result.graph is not None
    assert result.graph.article.description == summary


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """Opening ``refused`` fails as a file without read permission does (the tests run
    as root, whom chmod does not stop); every other file opens."""
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == refused:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


def test_an_unreadable_sidecar_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = plain_settings(tmp_path)
    path = story(settings.content_dir, "a.txt", "Shops open in Tehran")
    side = settings.content_dir / "a.yaml"
    side.write_text("section: Business\n")
    refuse_to_open(monkeypatch, side)
    result = process_article(path, settings)
    assert [(f.code, f.path) for f in result.findings] == [("unreadable", side)]


def unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` cannot be listed: chmod 000 does not stop root, so os.scandir is told so."""
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)


def test_an_unreadable_folder_is_a_finding_and_its_pages_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "world").mkdir()
    story(settings.content_dir / "world", "b.txt", "Bazaar reopens")
    first = build_site(settings)
    assert first.ok
    pages = snapshot(settings.output_dir / "articles")
    assert len(pages) == 4
    unreadable(monkeypatch, settings.content_dir / "world")
    report = build_site(settings)
    assert [(r.path.name, codes(r.findings)) for r in report.failed] == [("world", ["unreadable"])]
    assert not report.ok  # exit code 1: something was not built
    assert snapshot(settings.output_dir / "articles") == pages
    titles = [e.title for e in feedparser.parse(settings.output_dir / "rss.xml").entries]
    assert sorted(titles) == ["Bazaar reopens", "Shops open in Tehran"]
    manifest = json.loads((settings.output_dir / ".dateline-manifest.json").read_text())
    assert "world/b.txt" in manifest["sources"]


def test_an_unreadable_article_keeps_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    path = story(settings.content_dir, "b.txt", "Bazaar reopens")
    assert build_site(settings).ok
    refuse_to_open(monkeypatch, path)
    report = build_site(settings)
    assert [(r.path.name, codes(r.findings)) for r in report.failed] == [("b.txt", ["unreadable"])]
    titles = [e.title for e in feedparser.parse(settings.output_dir / "rss.xml").entries]
    assert sorted(titles) == ["Bazaar reopens", "Shops open in Tehran"]


# --- ordinary words are text ----------------------------------------------------------------


def test_words_that_name_enumeration_members_are_text(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path)
    story(settings.content_dir, "a.txt", "Monday")
    (settings.content_dir / "b.md").write_text(
        "---\ntitle: Shops open\ndate: 2024-07-05T10:00:00Z\nsection: Retail\n"
        "tags: [Online, Monday]\n---\n\nShops opened today.\n"
    )
    report = build_site(settings)
    assert report.ok, [str(f) for f in report.findings]
    titles = {e.title for e in feedparser.parse(settings.output_dir / "rss.xml").entries}
    assert titles == {"Monday", "Shops open"}


@pytest.mark.parametrize("order", [1, -1])
def test_a_value_of_the_wrong_type_is_caught_whatever_was_checked_before(order: int) -> None:
    """The check remembers which JSON types fit a property: a text where a number goes
    is still caught after numbers fitted there, and the other way round."""
    vocabulary = Vocabulary.bundled()
    nodes = [
        {"@id": f"https://x.example/#a{i}", "@type": "NewsArticle", "wordCount": value}
        for i, value in enumerate([5, "many", 7, True][::order])
    ]
    for _ in range(2):
        found = vocabulary.check(nodes, None, {})
        assert sorted(f.message.rsplit(" ", 2)[-2] for f in found) == ["bool", "str"]


def test_enumeration_only_ranges_are_still_checked() -> None:
    node = {"@id": "https://x.example/#e", "@type": "Event", "name": "A meeting"}
    vocabulary = Vocabulary.bundled()
    good = vocabulary.check([{**node, "eventStatus": "EventScheduled"}], None, {})
    bad = vocabulary.check([{**node, "eventStatus": "Monday"}], None, {})
    assert good == []
    assert codes(bad) == ["range_mismatch"]


# --- a time budget per article --------------------------------------------------------------


class Stall:
    """An enricher standing for any stage that never ends on some input."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, draft: Any, known: Any) -> Any:
        if "slow" not in draft.path.name:
            return ArticleMeta()
        if self.kind == "regex":  # catastrophic backtracking: C code, interrupted by the alarm
            re.match(r"(a+)+b", "a" * 64)
        elif self.kind == "recursion":

            def down(n: int) -> int:
                return down(n + 1)

            down(0)
        while True:
            time.sleep(0.01)


@pytest.mark.parametrize(
    ("kind", "code"), [("loop", "too_slow"), ("regex", "too_slow"), ("recursion", "too_deep")]
)
def test_a_stalled_article_fails_alone_and_the_build_goes_on(
    tmp_path: Path, kind: str, code: str
) -> None:
    settings = plain_settings(tmp_path, max_article_seconds=0.5)
    story(settings.content_dir, "a.txt", "Shops open in Tehran")
    story(settings.content_dir, "slow.txt", "Bazaar reopens")
    report = build_site(settings, enrichers=[Stall(kind)])
    assert [(r.path.name, codes(r.findings)) for r in report.failed] == [("slow.txt", [code])]
    assert [e.title for e in feedparser.parse(settings.output_dir / "rss.xml").entries] == [
        "Shops open in Tehran"
    ]
    if kind == "recursion":
        assert "down" in report.failed[0].findings[0].message  # where it recursed


def test_the_budget_works_in_worker_threads_too(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path, max_article_seconds=0.3)
    path = story(settings.content_dir, "slow.txt", "Bazaar reopens")
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(process_article, path, settings, [Stall("loop")]).result()
    assert codes(result.findings) == ["too_slow"]


def test_the_budget_leaves_no_timer_behind(tmp_path: Path) -> None:
    with article_budget(5, tmp_path):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.01)  # nothing fires later


def test_chained_possessives_are_not_an_internal_error(tmp_path: Path) -> None:
    settings = repo_settings(tmp_path / "feeds", tmp_path)  # with enrichment: it recursed there
    path = story(tmp_path, "a.txt", "Possessives", " ".join(["Ali's"] * 1500) + " friend left.")
    result = process_article(path, settings)
    assert all(f.code != "internal_error" for f in result.findings), result.findings


# --- Markdown: rendered once, and fast on brackets ------------------------------------------


def test_markdown_is_rendered_once_per_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = plain_settings(tmp_path)
    path = settings.content_dir / "a.md"
    path.write_text("---\ntitle: Shops\ndate: 2024-07-05T10:00:00Z\n---\n\nShops *opened*.\n")
    calls: list[int] = []
    real = markdown_module._fast_renderer()

    class Counted:
        def render(self, source: str) -> str:
            calls.append(1)
            rendered: str = real.render(source)
            return rendered

    monkeypatch.setattr(markdown_module, "_fast_renderer", Counted)
    result = process_article(path, settings)
    assert result.ok
    assert result.body is not None
    assert "<em>opened</em>" in result.body
    assert len(calls) == 1


@pytest.mark.parametrize(
    "body", ["![" * 3000, "[" * 3000 + " [link](https://x.example/) " + "![" * 3000, "a [" * 1200]
)
def test_many_lone_brackets_render_as_written(body: str) -> None:
    plain = markdown_it.MarkdownIt("commonmark", {"html": False}).render(body)
    assert render_markdown(body) == plain


@pytest.mark.parametrize(
    "body",
    [
        ">" * 100_000,
        "- " * 100_000 + "x",
        "1. " * 50_000 + "x",
        "*" * 100_000 + "x" + "*" * 100_000,
        "> - " * 50_000 + "x",
    ],
    ids=["quotes", "bullets", "numbers", "emphasis", "quoted-lists"],
)
def test_deep_nesting_renders_without_crashing_the_build(body: str) -> None:
    """The Rust renderer overflows its stack (and kills the process) on 100,000 levels;
    such a body goes to markdown-it-py, run here in a child so a crash fails the test
    instead of ending the suite."""
    code = (
        "import sys; from dateline.read.markdown import render_markdown; "
        "print(len(render_markdown(sys.stdin.read())))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        input=body,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout) > 0


def test_both_renderers_give_the_same_html_on_every_sample_article() -> None:
    """markdown-it-pyrs renders ordinary articles; markdown-it-py the rare deep ones:
    a reader must not see which did it."""
    plain = markdown_it.MarkdownIt("commonmark", {"html": False})
    bodies = [
        p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(DATA.rglob("*.md"))
    ]
    bodies += [
        "Hello <b>raw</b> & [a](http://x.example) *e* `c<d`\n\n> q\n\n- a\n- b\n",
        '<div>raw block</div>\n\ntext  \nbreak\\\nline ![i](x.png "t")',
        "# H\n\nSetext\n===\n\n```py\nx<1\n```\n\n1. a\n2. b\n\n   c\n\n* * *",
        "<http://y.example> [ref]\n\n[ref]: http://z.example 'T' &copy; &#x41; &bogus;",
    ]
    assert len(bodies) > 10
    for body in bodies:
        assert markdown_module._fast_renderer().render(body) == plain.render(body), body[:80]


# --- URLs are real URLs ----------------------------------------------------------------------

RFC3986 = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def urls_in(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from urls_in(item)


def test_characters_rfc3986_does_not_allow_never_reach_the_outputs(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path)
    (settings.content_dir / "a.md").write_text(
        "---\ntitle: Shops\ndate: 2024-07-05T10:00:00Z\n"
        'image: "https://example.org/a\\"b<c>{d}|é.jpg"\n'
        'source: "https://example.org/x?q=<script>&r=%zz"\n'
        "---\n\nShops opened.\n",
        encoding="utf-8",
    )
    report = build_site(settings)
    assert report.ok, [str(f) for f in report.findings]
    feed = json.loads((settings.output_dir / "feed.json").read_text(encoding="utf-8"))
    doc = json.loads(next((settings.output_dir / "articles").glob("*.jsonld")).read_text())
    found = [*urls_in(feed), *urls_in(doc)]
    assert "https://example.org/a%22b%3Cc%3E%7Bd%7D%7C%C3%A9.jpg" in found
    assert "https://example.org/x?q=%3Cscript%3E&r=%25zz" in found
    assert all(RFC3986.match(url) for url in found), [u for u in found if not RFC3986.match(u)]
    page = next((settings.output_dir / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "<script>&" not in page
    assert 'a"b' not in page


@pytest.mark.parametrize(
    "url", ["https://exa<mple.org/", "https://example.org/a b", 'https://"example.org"/']
)
def test_urls_that_cannot_be_repaired_are_refused(tmp_path: Path, url: str) -> None:
    settings = plain_settings(tmp_path)
    path = story(settings.content_dir, "a.txt", "Shops open in Tehran")
    (settings.content_dir / "a.yaml").write_text(f"image: {json.dumps(url)}\n")
    assert codes(process_article(path, settings).findings) == ["invalid_url"]


def test_a_base_url_with_characters_urls_cannot_carry_is_refused(site: Path) -> None:
    config = site / "dateline.toml"
    text = config.read_text().replace(
        'base_url = "https://dateline.example.org/"',
        'base_url = "https://dateline.example.org/<x>/"',
    )
    config.write_text(text)
    result = run("build")
    assert result.exit_code == 2
    assert "settings_invalid" in result.stderr
    assert "%3Cx%3E" in result.stderr


# --- did you mean ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("max_itmes = 5", "max_items"),
        ('timezon = "UTC"', "timezone"),
        ("max_file_byte = 5", "max_file_bytes"),
    ],
)
def test_misspelt_settings_keys_get_a_did_you_mean(site: Path, line: str, meant: str) -> None:
    config = site / "dateline.toml"
    config.write_text(config.read_text().replace("[site]\n", f"[site]\n{line}\n"))
    result = run("build")
    assert result.exit_code == 2
    assert "settings_invalid" in result.stderr
    assert f"did you mean '{meant}'?" in result.stderr


def test_a_misspelt_key_in_a_settings_table_gets_a_did_you_mean(site: Path) -> None:
    config = site / "dateline.toml"
    config.write_text(config.read_text().replace('name = "Dateline"', 'nmae = "Dateline"'))
    result = run("check")
    assert result.exit_code == 2
    assert "[site.publisher.nmae]" in result.stderr
    assert "did you mean 'name'?" in result.stderr


def _drop_publisher_table(text: str) -> str:
    start = text.index("[site.publisher]")
    end = text.find("\n[", start + 1)
    return text[:start] + (text[end + 1 :] if end != -1 else "")


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            _drop_publisher_table,
            ["missing table [site.publisher]", "add a [site.publisher] table with name, url"],
        ),
        (
            lambda text: text.replace('name = "Dateline"\n', ""),
            ["missing key 'name' in [site.publisher]"],
        ),
    ],
    ids=["table", "key"],
)
def test_a_missing_setting_says_what_to_add(
    site: Path, edit: Callable[[str], str], said: list[str]
) -> None:
    config = site / "dateline.toml"
    config.write_text(edit(config.read_text()))
    result = run("check")
    assert result.exit_code == 2
    for text in said:
        assert text in result.stderr


@pytest.mark.parametrize(
    ("zone", "meant"),
    [
        ("Europe/Tehran", "Asia/Tehran"),
        ("Africa/Nairobbi", "Africa/Nairobi"),
        ("America/NewYork", "America/New_York"),
        ("Asia/Kolkatta", "Asia/Kolkata"),
        ("Tehran", "Asia/Tehran"),
    ],
)
def test_unknown_time_zones_suggest_the_zone_closest_by_name(
    site: Path, zone: str, meant: str
) -> None:
    config = site / "dateline.toml"
    config.write_text(config.read_text().replace('timezone = "UTC"', f'timezone = "{zone}"'))
    result = run("build")
    assert result.exit_code == 2
    assert f"did you mean '{meant}'?" in result.stderr
    # the same in an article's own metadata
    (site / "content" / "a.yaml").write_text(f"timezone: {zone}\n")
    settings = plain_settings(site)
    finding = process_article(site / "content" / "a.txt", settings).findings[0]
    assert (finding.code, finding.hint) == ("unknown_timezone", f"did you mean '{meant}'?")


# --- date lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Jul 19, 2024 10:00 am ET", "2024-07-19T10:00:00-04:00"),
        ("July 19, 2024 10:00 a.m. EDT", "2024-07-19T10:00:00-04:00"),
        ("10:00 a.m. EDT, July 19, 2024", "2024-07-19T10:00:00-04:00"),
        ("Friday, July 19, 2024 10 a.m. PT", "2024-07-19T10:00:00-07:00"),
        ("Jan. 5, 2025 at 9:30 p.m. ET", "2025-01-05T21:30:00-05:00"),
        ("Published July 19, 2024 10:00am CT", "2024-07-19T10:00:00-05:00"),
    ],
)
def test_common_us_date_lines_are_understood(tmp_path: Path, line: str, iso: str) -> None:
    settings = plain_settings(tmp_path)
    path = settings.content_dir / "a.txt"
    path.write_text(f"Shops open\n\n{line}\n\nWASHINGTON – Shops opened today.\n")
    result = process_article(path, settings)
    assert result.ok, result.findings
    assert result.graph is not None
    assert result.graph.article.date_published.isoformat() == iso


def test_a_date_line_that_cannot_be_read_is_quoted(tmp_path: Path) -> None:
    settings = plain_settings(tmp_path)
    path = settings.content_dir / "a.txt"
    path.write_text("Shops open\n\nJuly 19th 2024, ten o'clock ET\n\nWASHINGTON – Shops opened.\n")
    finding = process_article(path, settings).findings[0]
    assert finding.code == "missing_date"
    assert "July 19th 2024, ten o'clock ET" in finding.message


# --- review --write keeps the editor's file --------------------------------------------------

EDITED = """\
# Sidecar for the Astana story. Checked by M. on 5 July.
section: World   # not "Politics": see the style guide
tags:
  - Iran
  - Russia  # keep both
# the summary was rewritten by the desk
summary: >
  Iran's acting president met Putin in Astana.
entities:
  # the editor's own entity
  - id: mokhber
    type: Person
    name: Mohammad Mokhber
keywords_note: 1
"""


def proposal_for(tmp_path: Path, sidecar_text_: str | None) -> Proposal:
    article = tmp_path / "a.txt"
    article.write_text(STORY.format(title="Shops", body="Shops opened."))
    side = None
    if sidecar_text_ is not None:
        side = tmp_path / "a.yaml"
        side.write_text(sidecar_text_, encoding="utf-8")
    inferred = ArticleMeta.model_validate(
        {
            "entities": [{"id": "putin", "type": "Person", "name": "Vladimir Putin"}],
            "events": [{"id": "meeting", "name": "Meeting in Astana", "startDate": "2024-07-04"}],
            "about": ["meeting"],
        }
    )
    return Proposal(article, inferred, side, sidecar_has_facts=side is not None)


def test_review_write_keeps_comments_and_order(tmp_path: Path) -> None:
    text = sidecar_text(proposal_for(tmp_path, EDITED))
    assert text.startswith(EDITED.rstrip("\n"))  # the editor's text, byte for byte
    data = yaml.safe_load(text)
    assert list(data) == [
        "section", "tags", "summary", "entities", "keywords_note", "events", "about"
    ]  # fmt: skip
    assert data["entities"] == [{"id": "mokhber", "type": "Person", "name": "Mohammad Mokhber"}]
    assert data["events"][0]["name"] == "Meeting in Astana"


def test_review_write_force_replaces_only_the_facts(tmp_path: Path) -> None:
    text = sidecar_text(proposal_for(tmp_path, EDITED), replace=True)
    for kept in (
        "# Sidecar for the Astana story. Checked by M. on 5 July.",
        'section: World   # not "Politics": see the style guide',
        "  - Russia  # keep both",
        "# the summary was rewritten by the desk",
        "keywords_note: 1",
    ):
        assert kept in text
    assert "the editor's own entity" not in text
    data = yaml.safe_load(text)
    assert list(data)[:4] == ["section", "tags", "summary", "keywords_note"]
    assert [e["id"] for e in data["entities"]] == ["putin"]


def test_review_write_makes_a_new_sidecar_with_its_header(tmp_path: Path) -> None:
    text = sidecar_text(proposal_for(tmp_path, None))
    assert text.startswith("# Proposed by `dateline review`")
    assert list(yaml.safe_load(text)) == ["entities", "events", "about"]


def test_review_write_rewrites_a_flow_style_sidecar_whole(tmp_path: Path) -> None:
    text = sidecar_text(proposal_for(tmp_path, "{section: World, tags: [Iran]}\n"))
    data = yaml.safe_load(text)
    assert data["section"] == "World"
    assert data["events"][0]["id"] == "meeting"


def test_review_write_reads_a_latin1_sidecar(tmp_path: Path) -> None:
    proposal = proposal_for(tmp_path, None)
    side = tmp_path / "a.yaml"
    side.write_bytes("# café\nsection: Société\n".encode("latin-1"))
    proposal = Proposal(proposal.path, proposal.inferred, side, sidecar_has_facts=False)
    text = sidecar_text(proposal)
    assert text.startswith("# café\nsection: Société\n")


# --- properties of the two text transformations above -------------------------------------


@settings(max_examples=300, deadline=None)
@given(path=st.text(max_size=40))
def test_any_url_path_is_refused_or_made_rfc3986(path: str) -> None:
    url = "https://example.org/" + path
    if any(c.isspace() for c in path):
        with pytest.raises(PydanticCustomError):
            absolute_url(url)
        return
    made = absolute_url(url)
    assert RFC3986.match(made), made
    assert unquote(made) == unquote(url)  # the same address, only written as RFC 3986 wants
    assert absolute_url(made) == made  # encoding twice changes nothing


keys = st.sampled_from(["section", "tags", "summary", "entities", "events", "about", "x"])
# without U+0085/2028/2029: PyYAML writes them raw and reads them back as line breaks
# (dateline's own values never hold them: text is split on whitespace when read)
words = st.text(alphabet=st.characters(exclude_characters="\x85\u2028\u2029"), max_size=10)
values = st.one_of(words, st.integers(), st.lists(words, max_size=3))


@settings(max_examples=200, deadline=None)
@given(
    existing=st.dictionaries(keys, values, max_size=5),
    comment=st.booleans(),
    replace=st.booleans(),
    add=st.dictionaries(keys, values, max_size=3),
)
def test_sidecar_edits_give_exactly_the_merged_data(
    existing: dict[str, Any], comment: bool, replace: bool, add: dict[str, Any]
) -> None:
    text = yaml.safe_dump(existing, sort_keys=False, allow_unicode=True) if existing else ""
    if comment:
        text = "# the editor's note\n" + text.replace("\n", "  # why\n", 1)
    drop = [k for k in add if k in existing] if replace else []
    new = {k: v for k, v in add.items() if k in drop or k not in existing}
    merged = edit_top_level(text, drop, new, header="# header\n")
    written = yaml.safe_load(text) or {}  # what the editor's file says (YAML folds U+0085)
    expected = {k: v for k, v in written.items() if k not in drop} | new
    assert (yaml.safe_load(merged) or {}) == expected
    if comment and existing:
        assert merged.startswith("# the editor's note\n")


def test_inputs_that_make_the_rust_renderer_panic_are_rendered_by_markdown_it_py(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = markdown_it.MarkdownIt("commonmark", {"html": False})
    panics = "0![3-#b:~''3`[<\""  # markdown-it.rs 0.6: index out of bounds in code_pair.rs
    assert render_markdown(panics) == plain.render(panics)

    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    class Panicking:
        def render(self, source: str) -> str:
            raise PanicException(source)

    monkeypatch.setattr(markdown_module, "_fast_renderer", Panicking)
    assert render_markdown("Shops *opened*.") == "<p>Shops <em>opened</em>.</p>\n"


def test_without_the_rust_renderer_installed_markdown_still_renders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A virtual environment made before markdown-it-pyrs was a dependency builds
    every article the same, only slower (it failed each one with internal_error)."""

    def missing() -> None:
        raise ImportError("No module named 'markdown_it_pyrs'")

    monkeypatch.setattr(markdown_module, "_fast_renderer", missing)
    assert render_markdown("Shops *opened*.") == "<p>Shops <em>opened</em>.</p>\n"
