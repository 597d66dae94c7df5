"""A build with nothing to do loads nothing it does not run (issue 9: no-op < 1 s).

Half of a no-op rebuild of 10,000 articles was Python importing the per-article
stage (Markdown, Jinja, feedgen, the models, the enrichers). These tests run the
command line in a fresh interpreter, so that the modules an earlier test loaded do
not hide an eager import, and look at what a no-op rebuild loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dateline.read import SUFFIXES
from dateline.read.readers import READERS

from .conftest import DATA, copy_test_site

#: Modules only building, rendering or enriching an article needs.
HEAVY = (
    "markdown_it",
    "markdown_it_pyrs",
    "jinja2",
    "feedgen",
    "pyld",
    "dateline.enrich",
    "dateline.model.article",
    "dateline.model.meta",
    "dateline.emit.html",
    "dateline.emit.feeds",
    "dateline.read.readers",
)

_RUN = """
import json, sys
from dateline.cli import main
try:
    main(["build", "--config", sys.argv[1]])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _build(config: Path) -> tuple[int, set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(config)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    last = json.loads(done.stdout.strip().splitlines()[-1])
    return last["code"], set(last["modules"]), done.stdout + done.stderr


def test_a_noop_rebuild_loads_no_per_article_module(tmp_path: Path) -> None:
    config = copy_test_site(tmp_path)
    site = config.parent
    code, first, _ = _build(config)
    assert code in (0, None)
    assert {"markdown_it_pyrs", "dateline.model.article"} <= first  # the check can fail
    code, second, printed = _build(config)
    assert code in (0, None)
    assert ": 0 built," in printed
    assert " 0 files written" in printed
    loaded = sorted(m for m in second if m in HEAVY)
    assert loaded == []
    # and the site it left is the one a build makes
    expected = DATA / "site" / "expected"
    compared = 0
    for path in expected.rglob("*"):
        if path.is_file() and ".dateline" not in path.parts:  # the cache: its own bytes
            made = site / "out" / path.relative_to(expected)
            assert made.read_bytes() == path.read_bytes(), path
            compared += 1
    assert compared > 5


def test_discovery_suffixes_are_the_readers() -> None:
    assert set(READERS) == SUFFIXES


def test_a_site_without_enrichment_never_loads_the_facts_pass(tmp_path: Path) -> None:
    """``enrich = false``: entities, events, gazetteer and model code stay unloaded, in
    the build's process and so in each worker it spawns (they import what it does)."""
    config = copy_test_site(tmp_path, "enrich = false\n")
    code, loaded, printed = _build(config)
    assert code in (0, None), printed
    assert "dateline.model.article" in loaded  # it did build
    facts = {"dateline.enrich.facts", "dateline.enrich.entities", "dateline.enrich.events"}
    assert not loaded & facts
