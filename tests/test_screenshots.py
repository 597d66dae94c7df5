"""Pages as a reader sees them: rendered by headless Chromium (skipped without it).

The screenshots are kept in the test's temporary folder for a person to look at;
the test checks that each page renders to a non-blank image and that the text a
reader relies on (headline, time in the story's zone, 'Named in this story' links)
is in the DOM Chromium built.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from .conftest import SEED_SLUG

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # containers run as root; the page is our own file
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def blank_bytes(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How big a screenshot of an empty page is: text costs bytes in a PNG, white does not."""
    tmp = tmp_path_factory.mktemp("blank")
    (tmp / "blank.html").write_text("<!DOCTYPE html><title>blank</title>")
    shot = tmp / "blank.png"
    chromium(tmp, "--window-size=900,1400", f"--screenshot={shot}", (tmp / "blank.html").as_uri())
    return len(shot.read_bytes())


@pytest.mark.parametrize("page", [f"articles/{SEED_SLUG}.html", "index.html"])
def test_pages_render_to_something_a_reader_can_see(
    out: Path, tmp_path: Path, blank_bytes: int, page: str
) -> None:
    shot = tmp_path / (Path(page).stem + ".png")
    taken = chromium(
        tmp_path, "--window-size=900,1400", f"--screenshot={shot}", (out / page).as_uri()
    )
    assert shot.is_file(), taken.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert png_size(data) == (900, 1400)
    assert len(data) > 5 * blank_bytes, f"{page} renders nearly blank"


def test_the_rendered_article_shows_what_readers_need(out: Path, tmp_path: Path) -> None:
    page = out / "articles" / f"{SEED_SLUG}.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode()
    assert "5 July 2024, 23:02 Tehran time" in dom
    assert "Named in this story" in dom
    assert 'href="https://dateline.example.org/id/vladimir-putin.html"' in dom
