"""How the build cache stores entries: an article's entry (~12 KB: its JSON-LD, body and
feed entries) takes about its own size, not a whole database page and a quarter more."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

import pytest

from dateline.write.cache import BuildCache


def test_an_entry_takes_about_its_own_size_on_disk(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, writable=True)

    def write(first: int, count: int) -> int:
        for number in range(first, first + count):
            data = b'{"graph": "' + bytes([97 + number % 26]) * 7_000 + b'"}'
            cache.write_stored(f"{number:064x}", data, "<p>" + "b" * 3_500 + "</p>", b"f" * 1_500)
        cache.commit()
        return cache.state_file.stat().st_size

    before = write(0, 20)
    after = write(20, 200)
    cache.close()
    entry = 7_013 + 3_507 + 1_500
    # 16 KiB pages (one entry each) took 16,384 bytes per entry here
    assert (after - before) / 200 < entry * 1.1


def test_a_body_given_as_its_utf8_is_kept_as_its_text(tmp_path: Path) -> None:
    """A worker sends an article's body as the UTF-8 it encoded once; the cache keeps
    it as text, the same as the body given as text, for every reader of it."""
    body = "<p>KYIV, Ukraine \u2014 caf\u00e9 \U0001f4f0 &amp; more</p>"
    cache = BuildCache(tmp_path, writable=True)
    cache.write_stored("a" * 64, b"{}", body.encode("utf-8"), b"feed")
    cache.write_stored("b" * 64, b"{}", body, b"feed")
    cache.commit()
    for key in ("a" * 64, "b" * 64):
        assert cache.read_body(key) == body
        assert cache.read_feeds([key]) == {key: (body, b"feed")}
        assert cache.read_feeds([key], utf8=True) == {key: (body.encode("utf-8"), b"feed")}
    cache.close()


def _sqlite_memory() -> int | None:
    """Bytes SQLite's allocator holds now, if the library Python uses can be asked."""
    name = ctypes.util.find_library("sqlite3")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return int(library.sqlite3_memory_used())


def test_a_new_cache_keeps_few_pages_in_memory(tmp_path: Path) -> None:
    """A full build writes every entry through one connection: its page cache holds
    a couple of megabytes whatever the size of the database's pages."""
    cache = BuildCache(tmp_path, writable=True)
    cache.load_state()
    before = _sqlite_memory()
    for number in range(2500):  # ~30 MB of entries
        data = b'{"graph": "' + bytes([97 + number % 26]) * 7_000 + b'"}'
        cache.write_stored(f"{number:064x}", data, "<p>" + "b" * 3_500 + "</p>", b"f" * 1_500)
        if number % 1000 == 999:
            cache.commit()
    held = _sqlite_memory()
    cache.close()
    if before is None or held is None or held == before:
        pytest.skip("this Python's SQLite does not share its allocator's counters")
    assert held - before < 8 << 20
