"""Shared fixtures: the repository's own site, built once per session into a temp folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline.pipeline import BuildReport, build_site
from dateline.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
SCHEMAORG = SHARED / "schemaorg"
SEED_SLUG = "iran-russia-relations-remains-unchanging-mokhber-delivers-leaders-message-to-putin"


def copy_test_site(tmp_path: Path, extra: str = "") -> Path:
    """tests/data/site's content and settings copied under ``tmp_path`` (output to
    ``out``, ``extra`` lines added to ``[site]``); returns the settings file."""
    import shutil  # noqa: PLC0415 - only the tests that copy the site

    site = tmp_path / "site"
    shutil.copytree(DATA / "site" / "content", site / "content")
    config = site / "dateline.toml"
    text = (DATA / "site" / "dateline.toml").read_text(encoding="utf-8")
    text = text.replace('output_dir = "expected"', 'output_dir = "out"')
    config.write_text(text.replace("[site]\n", f"[site]\n{extra}", 1), encoding="utf-8")
    return config


def repo_settings(output_dir: Path, content_dir: Path | None = None) -> Settings:
    """The repository's dateline.toml, writing to ``output_dir``."""
    settings = load_settings(ROOT / "dateline.toml")
    update: dict[str, Path] = {"output_dir": output_dir}
    if content_dir is not None:
        update["content_dir"] = content_dir
    return settings.model_copy(update=update)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildReport]:
    """content/ built into a fresh folder, once for the whole session."""
    settings = repo_settings(tmp_path_factory.mktemp("site") / "feeds")
    return settings, build_site(settings)


@pytest.fixture(scope="session")
def out(built: tuple[Settings, BuildReport]) -> Path:
    return built[0].output_dir


@pytest.fixture(scope="session")
def seed_doc(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (out / "articles" / f"{SEED_SLUG}.jsonld").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="session")
def official_context() -> dict[str, Any]:
    path = SCHEMAORG / "schemaorgcontext.jsonld"
    if not path.is_file():
        pytest.skip("../shared/schemaorg is not here (it is only on developer and CI machines)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
