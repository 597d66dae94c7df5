"""The fast paths of reading and writing a file that ``make bench`` measured as the
largest per-article costs: each must keep the guarantee of the slow path it skips."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dateline.errors import OutputError, ReadError
from dateline.read.files import inside, read_capped
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
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


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
