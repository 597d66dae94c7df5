"""Checks on the content and output folders, made before a build touches anything.

A build replaces what subscribers already hold, so a mistake in where it reads
or writes must stop it rather than empty the site: a misspelt ``content_dir``
used to build "0 of 0 articles" and remove every page, and an output folder
inside the content folder used to delete articles as stale outputs.
"""

from __future__ import annotations

from pathlib import Path

from dateline.errors import SettingsError
from dateline.read import has_articles
from dateline.settings import Settings
from dateline.write.manifest import Manifest

__all__ = ["GuardError", "check_content", "check_folders"]


class GuardError(SettingsError):
    """The folders a build was given would lose or damage published work."""


_RESOLVED = (
    "check the path: content_dir in the settings file is resolved against that file's "
    "folder, --content against the working folder"
)


def check_content(settings: Settings) -> None:
    """The content folder exists and is a folder (``content_missing``)."""
    content = settings.content_dir
    if not content.is_dir():
        what = "is not a folder" if content.exists() else "does not exist"
        raise GuardError(
            f"the content folder {what}; nothing was built or removed",
            path=content,
            code="content_missing",
            hint=_RESOLVED,
        )


def _published(output: Path) -> bool:
    """Whether ``output`` holds articles an earlier build published."""
    articles = output / "articles"
    return bool(Manifest.read(output).sources) or (
        articles.is_dir() and any(articles.glob("*.html"))
    )


def check_folders(settings: Settings, allow_empty: bool = False) -> None:
    """Raise :class:`GuardError` when a build with ``settings`` could destroy work.

    - ``content_missing``: the content folder does not exist;
    - ``folders_overlap``: the output folder is the content folder, or either is
      inside the other (outputs would be read as articles, articles removed as
      stale outputs);
    - ``content_empty``: the content folder has no article while the output folder
      holds published ones, which a build would unpublish; ``allow_empty`` says
      that this is meant.
    """
    check_content(settings)
    content = settings.content_dir.resolve()
    output = settings.output_dir.resolve()
    if content == output or content.is_relative_to(output) or output.is_relative_to(content):
        raise GuardError(
            f"the output folder and the content folder {content} overlap; "
            "nothing was built or removed",
            path=output,
            code="folders_overlap",
            hint="write to a folder of its own, outside the content folder: --out DIR",
        )
    if not allow_empty and not has_articles(content) and _published(output):
        raise GuardError(
            f"the content folder has no articles, but the output folder {output} holds "
            "published ones that this build would remove; nothing was built or removed",
            path=content,
            code="content_empty",
            hint=f"{_RESOLVED}; or pass --allow-empty to unpublish everything",
        )
