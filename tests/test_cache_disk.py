"""The build cache's size on disk: an article's entry (~12 KB: its JSON-LD, body and
feed entries) takes about its own size, not a whole database page and a quarter more."""

from __future__ import annotations

from pathlib import Path

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
