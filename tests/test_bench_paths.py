"""The fast paths of reading and writing a file that ``make bench`` measured as the
largest per-article costs: each must keep the guarantee of the slow path it skips."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.errors import OutputError, ReadError
from dateline.read.files import inside, read_capped
from dateline.write import atomic
from dateline.write.atomic import TEMP_SUFFIX, remove_leftovers, write_atomic, write_group


def test_a_file_at_the_top_of_the_root_is_inside_unless_it_links_out(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.md").write_text("a")
    (tmp_path / "secret").write_text("s")
    (root / "out.md").symlink_to(tmp_path / "secret")
    (root / "in.md").symlink_to(root / "a.md")
    assert inside(root / "a.md", root)
    assert inside(root / "in.md", root)  # a link that stays in the root is followed
    assert not inside(root / "out.md", root)
    assert not inside(root / "..", root)


def test_a_missing_file_is_unreadable_not_outside(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_capped(tmp_path / "gone.md", root=tmp_path, max_bytes=100)
    assert caught.value.code == "unreadable"


@pytest.mark.parametrize("size", [0, 1, 99, 100])
def test_a_file_up_to_the_cap_is_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes(range(256))[:size] if size <= 256 else b"x" * size
    (tmp_path / "a.md").write_bytes(data)
    assert read_capped(tmp_path / "a.md", root=tmp_path, max_bytes=100) == data


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * 101)
    with pytest.raises(ReadError) as caught:
        read_capped(tmp_path / "a.md", root=tmp_path, max_bytes=100)
    assert caught.value.code == "file_too_large"


def test_a_device_without_a_size_is_read_to_the_cap_only(tmp_path: Path) -> None:
    """/dev/zero says it has 0 bytes and never ends: the read stops past the cap."""
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(ReadError) as caught:
        read_capped(zero, root=Path("/"), max_bytes=1000)
    assert caught.value.code == "file_too_large"


def test_a_leftover_with_this_process_temp_name_does_not_stop_a_write(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    leftover = tmp_path / f".a.html.{os.getpid()}{TEMP_SUFFIX}"
    leftover.write_bytes(b"from a killed build")
    assert write_atomic(target, b"new", durable=False)
    assert target.read_bytes() == b"new"
    (tmp_path / ".keep").write_bytes(b"theirs")
    (tmp_path / f"b{TEMP_SUFFIX}").write_bytes(b"theirs: not a hidden temp file")
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep", "a.html", f"b{TEMP_SUFFIX}"]
    remove_leftovers(tmp_path / "missing")  # no folder: nothing to do


def test_a_link_at_the_temp_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / f".a.html.{os.getpid()}{TEMP_SUFFIX}").symlink_to(victim)
    write_atomic(tmp_path / "a.html", b"new")
    assert victim.read_bytes() == b"keep"
    assert (tmp_path / "a.html").read_bytes() == b"new"


def test_a_name_too_long_for_its_temp_name_is_still_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".html")  # 255 bytes: the longest a name may be
    write_group({target: b"<p>x</p>"})
    assert target.read_bytes() == b"<p>x</p>"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_written_files_are_readable_by_others_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "feed.xml", b"<rss/>")
        write_group({tmp_path / "articles" / "a.html": b"<p/>"})
    finally:
        os.umask(old)
    for path in (tmp_path / "feed.xml", tmp_path / "articles" / "a.html"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_group_leaves_no_temp_file_and_the_old_files(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"old")
    blocker = tmp_path / "sub"
    blocker.write_bytes(b"a file where a folder is needed")
    with pytest.raises(OutputError):
        write_group({tmp_path / "a.html": b"new", blocker / "b.html": b"new"})
    assert (tmp_path / "a.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "sub"]


def _decode_slowly(data: bytes) -> str:
    """What :func:`decode` did before its fast path: decode, then the pattern."""
    from dateline.read.encoding import _decode, strip_xml_invalid  # noqa: PLC0415

    return strip_xml_invalid(_decode(data, Path("a.md")))


_TRICKY = st.sampled_from(
    ["a", " ", "\n", "\t", "\x00", "\x0b", "\x1f", "\x7f", "é", "\ufffe", "\uffff", "\ufeff", "€"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRICKY | st.characters(), max_size=40).map("".join))
def test_decoding_utf8_gives_what_the_pattern_gave(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    from dateline.read.encoding import decode  # noqa: PLC0415

    try:
        expected = _decode_slowly(data)
    except ReadError:
        return  # lone surrogates and the like: refused by both, on the slow path
    assert decode(data, Path("a.md")) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfwith a BOM\x00",
        b"\xff\xfeu\x00t\x00f\x00",
        "caf\xe9".encode("cp1252"),
        b"ok\x0c",
    ],
)
def test_bytes_off_the_fast_path_decode_as_before(data: bytes) -> None:
    from dateline.read.encoding import decode  # noqa: PLC0415

    assert decode(data, Path("a.md")) == _decode_slowly(data)


_WORDS = st.lists(st.sampled_from(["a", "b", "ab", " ", "  ", "\n", "\u00a0", "\t"]), max_size=12)


@settings(max_examples=500, deadline=None)
@given(_WORDS.map("".join), _WORDS.map("".join))
def test_a_summary_is_left_out_exactly_when_the_body_holds_it(summary: str, body: str) -> None:
    from dateline.emit.html import _standfirst  # noqa: PLC0415

    shown_before = (
        summary if summary and " ".join(summary.split()) not in " ".join(body.split()) else None
    )
    assert _standfirst(summary, body) == shown_before


@pytest.mark.parametrize("name", ["sub", "odd.md"])
def test_a_folder_given_as_an_article_is_named_a_folder(tmp_path: Path, name: str) -> None:
    from dateline.read.readers import read_article  # noqa: PLC0415

    (tmp_path / name).mkdir()
    with pytest.raises(ReadError) as caught:
        read_article(tmp_path / name, 1000, root=tmp_path)
    assert caught.value.code == "unreadable"
    assert "folder" in str(caught.value)


def test_a_linked_folder_outside_the_root_is_refused_as_a_folder(tmp_path: Path) -> None:
    from dateline.read.readers import read_article  # noqa: PLC0415

    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "odd.md").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ReadError) as caught:
        read_article(tmp_path / "content" / "odd.md", 1000, root=tmp_path / "content")
    assert caught.value.code == "outside_content"
    assert "the folder is a link" in str(caught.value)


_MARKDOWN = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            "*em*",
            "`code`",
            "&amp;",
            "&nbsp;",
            "\u00a0",
            "# ",
            "- ",
            "–",
            "\t",
        ]
    ),
    min_size=1,
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWN)
def test_the_readers_word_count_is_the_bodys(body: str) -> None:
    """The count the reader keeps is what splitting the body would give (wordCount)."""
    from dateline.read.markdown import MarkdownReader  # noqa: PLC0415

    try:
        draft = MarkdownReader().read(Path("a.md"), "---\ntitle: t\n---\n" + body)
    except ReadError:
        return  # no body text at all
    assert draft.word_count == len(draft.body_text.split())
    assert all(p.words is not None for p in draft.paragraphs)


def test_merged_layers_are_what_validating_the_merge_gives() -> None:
    """merge_layers builds the merged metadata without validating its values again:
    each is a validated field of a layer. The result must be what validation gives."""
    from dateline.model.layers import Layer, merge_layers  # noqa: PLC0415
    from dateline.model.meta import ArticleMeta  # noqa: PLC0415

    layers = {
        Layer.SITE: ArticleMeta(
            language="en", timezone="UTC", publisher={"name": "P", "url": "https://p.org/"}
        ),
        Layer.READER: ArticleMeta(title="  A   headline ", date_text="July 5, 2024"),
        Layer.ENRICHMENT: ArticleMeta(
            entities=[{"id": "tehran", "type": "Place", "name": "Tehran"}],
            mentions=["tehran"],
            dateline_place="tehran",
            author="Reuters",
            source="https://example.org/a",
        ),
        Layer.FRONT_MATTER: ArticleMeta(tags="Politics", entities=[], image="https://e.org/i.jpg"),
        Layer.SIDECAR: ArticleMeta(summary="Sum", author=["Jane Doe"]),
    }
    merged = merge_layers(layers)
    again = ArticleMeta.model_validate(
        {name: getattr(merged, name) for name in merged.model_fields_set}
    )
    assert merged == again
    assert merged.model_fields_set == again.model_fields_set
    assert merged.model_dump(mode="json") == again.model_dump(mode="json")
    # what pydantic's own model_construct makes, attribute for attribute (merge_layers
    # makes it by hand, which holds while every field defaults to None)
    constructed = ArticleMeta.model_construct(
        _fields_set=set(merged.model_fields_set),
        **{name: getattr(merged, name) for name in merged.model_fields_set},
    )
    assert all(
        f.default is None and f.default_factory is None for f in ArticleMeta.model_fields.values()
    )
    assert list(merged.__dict__.items()) == list(constructed.__dict__.items())
    assert merged.__pydantic_fields_set__ == constructed.__pydantic_fields_set__
    assert merged.__pydantic_extra__ == constructed.__pydantic_extra__
    assert merged.__pydantic_private__ == constructed.__pydantic_private__
    # the editor's empty entities win, and take enrichment's coupled keys with them
    assert merged.entities == []
    assert "mentions" not in merged.model_fields_set
    assert "dateline_place" not in merged.model_fields_set


@settings(max_examples=60, deadline=None)
@given(
    st.integers(990, 1010),
    st.text(alphabet=st.sampled_from(">*_-+[.)"), min_size=1, max_size=8),
    st.text(alphabet=st.sampled_from("a é–\ud800\n`"), max_size=50),
    st.randoms(use_true_random=False),
)
def test_nesting_marks_are_counted_as_before(
    count: int, marks: str, filler: str, rng: Random
) -> None:
    """The fast renderer's depth guard counts marks on the UTF-8 bytes: the same count
    as one count per mark, on either side of the limit."""
    from dateline.read import markdown  # noqa: PLC0415

    chars = [*(marks * count)[:count], *filler]
    rng.shuffle(chars)
    source = "".join(chars)
    found = sum(source.count(m) for m in markdown._NESTING_MARKS)
    before = ("`" not in source or "[" not in source) and found <= markdown._FAST_MAX_MARKS
    assert markdown._fast_can_render(source) == before


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\n---\nLONDON (Reuters) - A lead paragraph.\n\n"
        "Reporting by Jane Roe; Editing by John Poe\n",
        "---\ntitle: T\nsummary: Mine\n---\nTEHRAN – The lead.\n\nMore text.\n",
        "---\ntitle: T\n---\nNo dateline here, no credit either.\n",
    ],
)
def test_enrichment_layer_is_what_validating_it_gives(text: str) -> None:
    """enrich puts the enrichers' views and layer together without validating their
    values again (each is a validated field); the result must be what the validated
    way made: a copy of the known metadata updated, the layer validated."""
    from dateline.enrich import DEFAULT_ENRICHERS, Enricher, enrich  # noqa: PLC0415
    from dateline.model.layers import Layer, merge_layers, site_layer  # noqa: PLC0415
    from dateline.model.meta import ArticleMeta  # noqa: PLC0415
    from dateline.read.draft import Draft  # noqa: PLC0415
    from dateline.read.markdown import MarkdownReader  # noqa: PLC0415
    from dateline.settings import Settings  # noqa: PLC0415

    settings = Settings(
        title="S", base_url="https://s.org/", publisher={"name": "S", "url": "https://s.org/"}
    )
    draft = MarkdownReader().read(Path("a.md"), text)
    known = merge_layers({Layer.SITE: site_layer(settings), Layer.FRONT_MATTER: draft.front_matter})
    inferred: dict[str, object] = {}
    views = []
    for enricher in DEFAULT_ENRICHERS:
        view = known.model_copy(update=inferred)
        views.append(view)
        result = enricher(draft, view)
        inferred.update({name: getattr(result, name) for name in result.model_fields_set})
    reference = ArticleMeta.model_validate(inferred)

    seen: list[ArticleMeta] = []

    class Watch:
        def __init__(self, inner: Enricher) -> None:
            self.inner = inner

        def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
            seen.append(known)
            return self.inner(draft, known)

    layer = enrich(draft, known, [Watch(e) for e in DEFAULT_ENRICHERS])
    assert layer.model_dump() == reference.model_dump()
    assert layer.model_fields_set == reference.model_fields_set
    assert [v.model_dump() for v in seen] == [v.model_dump() for v in views]
    assert [v.model_fields_set for v in seen] == [v.model_fields_set for v in views]
    assert layer.agency is not None or "Reuters" not in text


needs_nameless = pytest.mark.skipif(
    not atomic._NAMELESS_FLAGS, reason="no nameless files (O_TMPFILE) on this system"
)


@needs_nameless
def test_a_new_file_is_written_without_a_temp_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is not there yet is made nameless and linked into place: no temp file
    is staged (a build killed mid-write leaves nothing), and it is readable by others
    whatever the umask."""

    def no_staging(path: Path, data: bytes, durable: bool) -> Path:
        raise AssertionError(f"staged {path}")

    monkeypatch.setattr(atomic, "_stage", no_staging)
    target = tmp_path / "articles" / "a.html"  # in a folder not made yet
    old = os.umask(0o077)
    try:
        assert write_group({target: b"<p/>"}, new={target}) == [target]
    finally:
        os.umask(old)
    assert target.read_bytes() == b"<p/>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


@pytest.mark.parametrize("new", [True, False])
def test_files_named_by_their_text_are_written_as_by_their_path(tmp_path: Path, new: bool) -> None:
    """A worker names an article's files by their text: written the same, returned as
    given, and a failure names the file as a path."""
    fresh, there = os.fspath(tmp_path / "articles" / "a.html"), tmp_path / "b.html"
    there.write_bytes(b"old")
    files: dict[Path | str, bytes] = {fresh: b"<p/>", there: b"new"}
    assert write_group(files, new={fresh} if new else set()) == [fresh, there]
    assert Path(fresh).read_bytes() == b"<p/>"
    assert there.read_bytes() == b"new"
    assert write_group(files) == []  # unchanged: not written again
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OutputError) as caught:
        write_group({os.fspath(blocker / "c.html"): b"x"}, new={os.fspath(blocker / "c.html")})
    assert caught.value.path == blocker / "c.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "b.html", "blocker"]


@needs_nameless
def test_a_new_file_whose_name_was_taken_meanwhile_replaces_it_whole(tmp_path: Path) -> None:
    """Told a file is new when another process has just made it (two articles with one
    slug in two workers): the link fails, and the file is written as an existing one."""
    target = tmp_path / "a.html"
    target.write_bytes(b"from the other worker")
    assert write_group({target: b"mine"}, new={target}) == [target]
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


@needs_nameless
@pytest.mark.parametrize("failing", ["write", "link"])
def test_a_failed_group_of_new_files_leaves_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A full disk while the second of an article's new files is written, or named:
    the group fails naming that file, and neither file is left, complete or not."""
    first, second = tmp_path / "a.jsonld", tmp_path / "a.html"
    real_write, real_link = os.write, os.link
    data = {first: b"first", second: b"second" * 100}

    def write(fd: int, view: memoryview) -> int:
        if failing == "write" and bytes(view).startswith(b"second"):
            real_write(fd, view[:3])  # part of it, then the disk is full
            raise OSError(28, "No space left on device")
        return real_write(fd, view)

    def link(src: str, dst: Path, **kwargs: object) -> None:
        if failing == "link" and Path(dst) == second:
            raise OSError(28, "No space left on device")
        real_link(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("dateline.write.atomic.os.write", write)
    monkeypatch.setattr("dateline.write.atomic.os.link", link)
    with pytest.raises(OutputError) as caught:
        write_group(data, new=set(data))
    assert caught.value.path == second
    assert list(tmp_path.iterdir()) == []
