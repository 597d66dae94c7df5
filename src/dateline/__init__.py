"""dateline: news articles in a folder → schema.org JSON-LD, HTML pages and feeds.

The pipeline, in the order data flows (one subpackage per stage):
read → enrich → model → validate → emit → write. :func:`build_site` runs it all;
:func:`process_article` is the per-article step, a pure function of the file,
its sidecar and the settings.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.errors import (
        ArticleError,
        DatelineError,
        Finding,
        OutputError,
        ReadError,
        SettingsError,
        ValidationFailed,
    )
    from dateline.model import ArticleGraph, Event, NewsArticle, Organization, Person, Place
    from dateline.pipeline import (
        ArticleResult,
        BuildReport,
        build_site,
        check_site,
        process_article,
    )
    from dateline.settings import Settings, load_settings

    __version__: str

#: Where each public name lives. They load on first use (PEP 562), not on
#: ``import dateline``: every command imports this package, and a no-op build must
#: not pay for the models, the enrichers and the renderers it never runs.
_HOMES = MappingProxyType(
    {
        **dict.fromkeys(
            (
                "ArticleError",
                "DatelineError",
                "Finding",
                "OutputError",
                "ReadError",
                "SettingsError",
                "ValidationFailed",
            ),
            "dateline.errors",
        ),
        **dict.fromkeys(
            ("ArticleGraph", "Event", "NewsArticle", "Organization", "Person", "Place"),
            "dateline.model",
        ),
        **dict.fromkeys(
            ("ArticleResult", "BuildReport", "build_site", "check_site", "process_article"),
            "dateline.pipeline",
        ),
        **dict.fromkeys(("Settings", "load_settings"), "dateline.settings"),
    }
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - see _HOMES

    try:
        return version("dateline")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    if name == "__version__":
        return _version()
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


__all__ = [
    "ArticleError",
    "ArticleGraph",
    "ArticleResult",
    "BuildReport",
    "DatelineError",
    "Event",
    "Finding",
    "NewsArticle",
    "Organization",
    "OutputError",
    "Person",
    "Place",
    "ReadError",
    "Settings",
    "SettingsError",
    "ValidationFailed",
    "__version__",
    "build_site",
    "check_site",
    "load_settings",
    "process_article",
]
