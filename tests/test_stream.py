"""Streaming site-wide outputs: made from article summaries, and a changed article
re-renders only the site files that show it."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import dateline.emit.site
import dateline.pipeline
import dateline.write.forked
import dateline.write.manifest
from dateline.emit.jsonld import dumps
from dateline.emit.site import SiteEmitter, SiteFiles, SiteInput, site_document
from dateline.emit.summary import INDEX_KEYS, ZULU, ArticleSummary, SharedParts
from dateline.pipeline import PathList, build_site
from dateline.settings import Settings
from dateline.write.cache import BuildCache, StateEntry
from dateline.write.forked import fork_call
from dateline.write.manifest import Manifest, OwnedFiles, article_files
from dateline.write.stream import Chunks, same_chunks, write_chunks

from .test_incremental import make_site, tree

KYIV = "2024-03-kyiv-visit.md"


def with_topics(settings: Settings) -> Settings:
    return settings.model_copy(update={"topic_feeds": ["section", "tag", "author"]})


def test_the_site_graph_is_json_as_json_writes_it(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=3)
    awkward = settings.content_dir / "gen-01.txt"
    awkward.write_text(
        awkward.read_text().replace("Delegates meet", 'Delegates </script> & "quote" \\ “meet”', 1)
    )
    assert build_site(settings).ok
    out = settings.output_dir
    text = (out / "index.jsonld").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == dumps(doc)
    headlines = {n.get("headline") for n in doc["@graph"]}
    assert any(h and "</script>" in h for h in headlines)
    website = doc["@graph"][0]
    assert [p["@id"] for p in website["hasPart"]] == [n["@id"] for n in doc["@graph"][2:]]
    assert len(website["hasPart"]) == 6
    # the home page embeds the same document, escaped for a <script> element
    page = lxml_html.fromstring((out / "index.html").read_bytes())
    (script,) = page.xpath('//script[@type="application/ld+json"]/text()')
    assert "</script>" not in script
    assert json.loads(script) == doc
    # no article: no placeholder left, and still what json writes
    empty = site_document(settings, [])
    assert empty == dumps(json.loads(empty))
    assert "hasPart" not in json.loads(empty)["@graph"][0]


def test_each_index_node_is_the_article_node_as_json_writes_it(tmp_path: Path) -> None:
    settings = make_site(tmp_path, count=2)
    assert build_site(settings).ok
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    cache.close()
    assert len(state.articles) == 5
    for entry in state.articles.values():
        summary = entry.summary
        doc = json.loads((settings.output_dir / f"articles/{summary.slug}.jsonld").read_bytes())
        node = {k: v for k, v in doc["@graph"][0].items() if k in INDEX_KEYS}
        assert summary.index_json == json.dumps(node, indent=2, ensure_ascii=False)
    # the generated articles are dated GMT: their nodes are told from the fields with
    # the times written "Z" (as JSON-LD writes them), not held as text
    kept = [entry.summary.index_text for entry in state.articles.values()]
    assert kept.count(ZULU) >= 2
    assert all(text in ("", ZULU) or text.startswith("{") for text in kept)


def test_a_changed_article_renders_only_the_site_files_that_show_it(tmp_path: Path) -> None:
    settings = with_topics(make_site(tmp_path))
    first = build_site(settings)
    assert first.ok
    entity_pages = sorted(n for n in first.outputs if n.startswith("id/"))
    assert "id/antony-blinken.html" in entity_pages
    topic_pages = sorted(n for n in first.outputs if n.startswith(("section/", "tag/", "author/")))
    assert "section/world/index.html" in topic_pages

    # an article that names no entity and has no topic: those pages are not rendered
    other = settings.content_dir / "gen-04.txt"
    other.write_text(other.read_text().replace("officials said", "the hosts said"))
    second = build_site(settings)
    assert second.ok
    assert second.count("built") == 1
    assert all(second.outputs[n] is None for n in [*entity_pages, *topic_pages])
    # the site graph's bytes did not change (the headline did not): not rewritten
    assert settings.output_dir / "index.jsonld" not in second.written

    # the article naming them: its entities' and topics' pages are rendered again
    kyiv = settings.content_dir / KYIV
    kyiv.write_text(kyiv.read_text().replace("on Tuesday", "on Tuesday morning", 1))
    third = build_site(settings)
    assert third.ok
    assert third.count("built") == 1
    assert third.outputs["id/antony-blinken.html"] is not None
    assert third.outputs["section/world/index.html"] is not None
    assert third.outputs["tag/ukraine/rss.xml"] is not None

    # and every byte is what a clean build of the same content writes
    clean = with_topics(make_site(tmp_path, name="clean"))
    for name in ("gen-04.txt", KYIV):
        (clean.content_dir / name).write_bytes((settings.content_dir / name).read_bytes())
    assert build_site(clean, force=True).ok
    assert tree(settings.output_dir) == tree(clean.output_dir)


def test_a_build_ends_its_worker_processes_before_the_site_wide_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_site(tmp_path, count=4)
    seen: list[int] = []
    real = dateline.emit.site.render_site_files

    def counting(*args: object, **kwargs: object) -> object:
        seen.append(len(multiprocessing.active_children()))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dateline.emit.site, "render_site_files", counting)
    assert build_site(settings, jobs=2).ok
    assert seen == [0]


def _as_if_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let this process be copied although other tests left threads in it (Dask's,
    idle): a build copies itself only when it runs alone (tested below)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


def _split_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copy_works: bool = True
) -> tuple[Settings, Settings, list[object]]:
    """Two copies of a site with topic and entity pages, the first built with its
    site-wide stage in two processes (as a large build is), the second in one."""
    monkeypatch.setattr(dateline.pipeline, "SECOND_PROCESS_ARTICLES", 1)
    _as_if_alone(monkeypatch)
    forks: list[object] = []
    real = dateline.write.forked.fork_call

    def counting(call: Callable[[], object]) -> object:
        forks.append(real(call))
        return forks[-1]

    monkeypatch.setattr(dateline.write.forked, "fork_call", counting)
    # which process made each archive page of the feeds (the copy's list is its own)
    makers = tmp_path / "archive-makers.txt"

    def noting(emit: SiteEmitter) -> SiteEmitter:
        def emitter(settings: Settings, site: SiteInput) -> SiteFiles:
            for name, data in emit(settings, site):
                if name.startswith("archive/"):
                    with makers.open("a") as noted:
                        noted.write(f"{os.getpid()} {name}\n")
                yield name, data

        return emitter

    split = tuple(map(noting, dateline.emit.site.SPLIT_EMITTERS))
    monkeypatch.setattr(dateline.emit.site, "SPLIT_EMITTERS", split)
    monkeypatch.setattr(dateline.emit.site, "ELSEWHERE", (split[0], split[2], split[3]))
    two = with_topics(make_site(tmp_path, count=6, name="two"))
    one = with_topics(make_site(tmp_path, count=6, name="one"))
    report = build_site(two, jobs=None)  # all cores: for 9 articles, this process alone
    assert report.ok
    # the copy made the entity and topic pages (it read their nodes and bodies back
    # from the build cache) and the home pages, this process the feeds
    assert {"id/antony-blinken.html", "tag/ukraine/rss.xml", "index.html"} <= set(report.outputs)
    # but for their newest archive pages (9 articles, 2 an item: 4 pages each), which
    # the copy makes too, unless it failed (then this process makes every page)
    made = [line.split() for line in makers.read_text().splitlines()]
    here = str(os.getpid())
    newest = ["archive/atom-4.xml", "archive/rss-4.xml"]
    older = [f"archive/{kind}-{n}.xml" for kind in ("atom", "rss") for n in (1, 2, 3)]
    assert sorted(n for pid, n in made if pid == here) == (
        older if copy_works else sorted([*older, *newest])
    )
    assert sorted(n for pid, n in made if pid != here) == newest  # the copy's, even failed
    makers.unlink()
    assert build_site(one, jobs=1).ok
    return two, one, forks


def test_the_site_wide_files_made_in_two_processes_are_those_one_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two, one, forks = _split_builds(tmp_path, monkeypatch)
    assert len(forks) == 1
    assert forks[0] is not None
    assert tree(two.output_dir) == tree(one.output_dir)
    # what the copy made is in the state: a build after one change renders the same
    # files again in both (the copy's fingerprints were kept), and the same bytes
    for settings in (two, one):
        changed = settings.content_dir / "gen-03.txt"
        changed.write_text(changed.read_text() + "\nOne more sentence.\n")
    again = [build_site(settings, jobs=1) for settings in (two, one)]
    assert all(build.ok for build in again)
    made = [sorted(n for n, size in b.outputs.items() if size is not None) for b in again]
    assert "page/1.html" not in made[0]  # the home pages the change did not move: kept
    assert made[0] == made[1]
    assert tree(two.output_dir) == tree(one.output_dir)


def test_when_the_second_process_fails_the_build_makes_its_files_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dateline.write.forked.Forked, "result", lambda self: None)
    two, one, _ = _split_builds(tmp_path, monkeypatch, copy_works=False)
    assert tree(two.output_dir) == tree(one.output_dir)


def test_a_forked_call_sends_back_its_result_or_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as alone:
        _as_if_alone(alone)
        forked = fork_call(lambda: {"made": [1, 2]})
        assert forked is not None
        assert forked.result() == {"made": [1, 2]}
        failing = fork_call(lambda: 1 // 0)
        assert failing is not None
        assert failing.result() is None  # the caller does the work itself
    # with another thread running, the process is not copied
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert fork_call(lambda: 1) is None
    finally:
        stop.set()
        thread.join()


def test_the_manifest_is_json_as_json_writes_it(tmp_path: Path) -> None:
    manifest = Manifest.of(
        {
            "a/ü.md": "u-slug",
            "b.txt": 'q"uote\\s',
            "c\t\x01\x7f/😀.md": "e-5 0.00001",
            "d.md": 'its "own" files\\ \u2028ü',
        },
        {"a/ü.md": ["articles/u-slug.html", "articles/u-slug.jsonld"], "b.txt": []},
        ["index.html", "line\u2028sep"],
        {"a/ü.md": "Asia/Tehran"},
    )
    text = manifest.to_bytes().decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text)["files"]["b.txt"] == []
    assert json.loads(text)["files"]["d.md"][1] == 'articles/its "own" files\\ \u2028ü.jsonld'
    empty = Manifest().to_bytes().decode("utf-8")
    assert empty == json.dumps(json.loads(empty), indent=2, ensure_ascii=False) + "\n"


def test_the_manifest_holds_only_the_files_that_are_not_a_slugs_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's manifest lists 200,000 files: only those that are not the two
    files of the source's slug are held; the file, the files it lists and what a
    build removes are the same as from a plain mapping."""
    sources = {f"{i}.md": f"s{i}" for i in range(6)}
    files = {s: list(article_files(slug)) for s, slug in sources.items()}
    files["0.md"] = ["articles/z.jsonld", "articles/a.html"]  # unsorted, not its slug's
    files["gone.md"] = ["articles/g.html", "articles/g.jsonld"]  # failed: keeps its files
    old = Manifest.of(sources, files, ["index.html", "rss.xml"])
    assert isinstance(old.files, OwnedFiles)
    assert old.files._extra == {
        "0.md": ("articles/a.html", "articles/z.jsonld"),
        "gone.md": ("articles/g.html", "articles/g.jsonld"),
    }
    assert dict(old.files) == {k: tuple(sorted(v)) for k, v in files.items()}
    whole = old.to_bytes()
    monkeypatch.setattr(dateline.write.manifest, "_BATCH", 2)
    assert b"".join(old.pieces()) == whole
    (tmp_path / ".dateline-manifest.json").write_bytes(whole)
    again = Manifest.read(tmp_path)
    assert again == old
    assert dict(again.files) == dict(old.files)
    # s1's article moved to another source, 2.md deleted, 0.md owns its slug's files now
    new_sources = {k: v for k, v in sources.items() if k not in ("1.md", "2.md")}
    new_sources["moved.md"] = "s1"
    new = Manifest.of(
        new_sources,
        {s: article_files(slug) for s, slug in new_sources.items()},
        ["index.html"],
    )
    assert old.stale(new) == sorted(old.owned() - new.owned())
    assert "articles/s1.html" not in old.stale(new)
    assert "articles/s2.html" in old.stale(new)
    assert "rss.xml" in old.stale(new)


def test_the_site_graph_is_written_in_pieces_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """index.jsonld and the home page are written piece by piece (never held whole):
    cut into many small pieces, they are still the bytes of the whole text."""
    whole = make_site(tmp_path, name="whole")
    assert build_site(whole).ok
    monkeypatch.setattr(dateline.emit.site.SiteGraph, "BATCH", 2)
    pieces = make_site(tmp_path, name="pieces")
    assert build_site(pieces).ok
    assert tree(pieces.output_dir) == tree(whole.output_dir)
    # a graph too large to keep between the files that show it is made again for each
    monkeypatch.setattr(dateline.emit.site.SiteGraph, "HOLD", 5)
    again = make_site(tmp_path, name="again")
    assert build_site(again).ok
    assert tree(again.output_dir) == tree(whole.output_dir)
    text = (pieces.output_dir / "index.jsonld").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == dumps(doc)
    assert len(doc["@graph"]) == 13
    page = lxml_html.fromstring((pieces.output_dir / "index.html").read_bytes())
    (script,) = page.xpath('//script[@type="application/ld+json"]/text()')
    assert json.loads(script) == doc


def test_a_small_site_graph_is_made_once_per_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """index.jsonld and the home page read the site graph's pieces: each article's
    index node is made once per build while the graph is small enough to keep, and
    once per file past that (the digest that says whether they changed reads the
    fields the nodes are made from, not the nodes)."""
    settings = make_site(tmp_path)
    made: list[str] = []
    real = ArticleSummary.index_json

    def counted(self: ArticleSummary) -> str:
        made.append(self.slug)
        return real.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(ArticleSummary, "index_json", property(counted))
    assert build_site(settings).ok
    assert len(made) == len(set(made)) == 11
    made.clear()
    monkeypatch.setattr(dateline.emit.site.SiteGraph, "HOLD", 10)
    assert build_site(make_site(tmp_path, name="larger")).ok
    assert len(made) == 2 * 11  # index.jsonld, home page


def test_a_streamed_file_with_the_same_bytes_is_not_written_again(tmp_path: Path) -> None:
    target = tmp_path / "big.jsonld"
    data = Chunks(lambda: iter([b"{", b'"a": 1', b"}\n"]))
    assert write_chunks(target, data) == (True, 9)
    before = target.stat()
    assert write_chunks(target, data) == (False, 9)
    assert target.stat().st_ino == before.st_ino  # not replaced: its time stays
    assert same_chunks(target, data) == (True, 9)
    other = Chunks(lambda: iter([b"{", b'"a": 2', b"}\n"]))
    assert same_chunks(target, other) == (False, 9)
    assert same_chunks(tmp_path / "missing", other) == (False, 9)
    assert write_chunks(target, other) == (True, 9)
    assert target.read_bytes() == b'{"a": 2}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["big.jsonld"]  # no temp file left


def test_a_summary_held_deflated_reads_back_the_same(tmp_path: Path) -> None:
    """A full build holds each built article's summary deflated until the site-wide
    stage; it reads back equal, with the nodes every summary shares as one object, and
    is saved as the same JSON text as the summary itself."""
    settings = make_site(tmp_path, count=2)
    assert build_site(settings).ok
    cache = BuildCache(settings.output_dir)
    state = cache.load_state()
    cache.close()
    shared = SharedParts()
    held = [
        StateEntry.holding_text(e.key, e.summary, e.findings, e.files, shared)
        for e in state.articles.values()
    ]
    assert all(isinstance(h._summary, bytes) for h in held)
    # the sizes of its two files packed in one int (the names are the summary's)
    assert all(isinstance(h._files, int) for h in held)
    for entry, again in zip(state.articles.values(), held, strict=True):
        assert again.row("x") == entry.row("x")
        assert again.summary == entry.summary
        assert again.files == entry.files
        assert again.same_files(entry)
    publishers = {id(n) for h in held for n in h.summary.nodes if n.type == "NewsMediaOrganization"}
    assert len(publishers) == 1


def test_the_reports_list_of_written_files_reads_back_every_path_in_order() -> None:
    """A build's report keeps the written paths as blocks of joined text (a large
    site's report names hundreds of thousands): every path reads back, in order, by
    index, slice, iteration and membership, across and inside the blocks."""
    names = [f"/out/articles/a{i}.html" for i in range(600)] + ["/out/index.html", "/x"]
    written = PathList(names[:10])
    written.extend(Path(n) for n in names[10:])
    assert len(written) == len(names)
    assert [str(p) for p in written] == names
    assert written[0] == Path(names[0])
    assert written[-1] == Path("/x")
    assert written[300] == Path(names[300])
    assert written[513] == Path(names[513])
    assert [str(p) for p in written[250:260]] == names[250:260]
    assert Path("/out/index.html") in written
    assert Path("/out/articles/a599.html") in written
    assert Path("/out/articles/a600.html") not in written
    assert written == PathList(names)
    assert written == [Path(n) for n in names]
    assert written != PathList(names[:-1])
    with pytest.raises(IndexError):
        written[len(names)]


_SLUGS = st.sampled_from(["a", "b", "c", "d"])
_FILES = st.sampled_from(["articles/a.html", "articles/b.jsonld", "x/y.txt", "index.html"])


def _manifest_rows(
    sources: list[str],
) -> st.SearchStrategy[list[tuple[str, str, list[str] | None]]]:
    """Up to four (source, slug, owned files or None) rows of a manifest."""
    return st.lists(
        st.tuples(st.sampled_from(sources), _SLUGS, st.none() | st.lists(_FILES, max_size=2)),
        max_size=4,
    )


@hyp_settings(max_examples=200, deadline=None)
@given(
    _manifest_rows(["1.md", "2.md", "3.md", "4.md"]),
    _manifest_rows(["1.md", "2.md", "3.md", "5.md"]),
)
def test_stale_files_told_from_slugs_are_those_told_file_by_file(
    before: list[tuple[str, str, list[str] | None]], after: list[tuple[str, str, list[str] | None]]
) -> None:
    """Manifest.stale compares two manifests' owned files by their slugs where it can:
    the same files as comparing every source's files one by one."""

    def manifest(rows: list[tuple[str, str, list[str] | None]]) -> Manifest:
        sources = {source: slug for source, slug, _ in rows}
        files = {source: listed for source, _, listed in rows if listed is not None}
        if len(rows) % 2:  # a source that failed now keeps the files it owned
            files["9.md"] = ["articles/c.html", "x/y.txt"]
        return Manifest.of(sources, files, ["index.html"])

    old, new = manifest(before), manifest(after)
    plain_old = Manifest(old.sources, dict(old.files.items()), old.site)
    plain_new = Manifest(new.sources, dict(new.files.items()), new.site)
    assert old.stale(new) == plain_old.stale(plain_new)
