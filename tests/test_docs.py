"""The README documents every command, option, setting and metadata key."""

from __future__ import annotations

import re

import click
import pytest

from dateline.cli import main
from dateline.model.codes import _PATTERN_CODES, CODES
from dateline.model.meta import ArticleMeta
from dateline.settings import Settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    commands = re.findall(r"^```\n(.+?)\n```", README, flags=re.M)
    assert commands[:2] == ["make", "make test"]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    command: click.Command = main.commands[name]
    assert f"`dateline {name}" in README
    for param in command.params:
        for opt in param.opts:
            if opt not in ("-h", "--help"):
                assert opt in README, f"{name} {opt} is not in README.md"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    assert f"| `{name}` |" in README


@pytest.mark.parametrize(
    "key", sorted(info.alias or name for name, info in ArticleMeta.model_fields.items())
)
def test_every_metadata_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in README


def _codes_in_source() -> set[str]:
    codes: set[str] = set(CODES.values()) | set(_PATTERN_CODES.values())
    codes |= {"invalid_format", "invalid_value"}
    for path in (ROOT / "src" / "dateline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'code\s*=\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'Finding\(\s*"([a-z_]+)"', text))
    # base-class defaults that no finding carries on its own
    return codes - {"dateline_error", "article_invalid", "validation_failed"}


@pytest.mark.parametrize("code", sorted(_codes_in_source()))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in README, f"error code {code} is not in README.md"


def test_no_merge_conflict_markers_are_committed() -> None:
    """A merge left half-resolved shows readers both sides of a table (it happened)."""
    marker = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)
    for folder in ("src", "tests", "bench", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".md", ".html", ".toml", ".yaml", ".txt", ".conf"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not marker.search(text), f"conflict marker in {path}"
    for name in ("README.md", "CHANGELOG.md", "Makefile", "pyproject.toml", "dateline.toml"):
        assert not marker.search((ROOT / name).read_text(encoding="utf-8")), name
