"""dateline: news articles in a folder → schema.org JSON-LD, HTML pages and feeds.

The pipeline, in the order data flows (one subpackage per stage):
read → enrich → model → validate → emit → write. :func:`build_site` runs it all;
:func:`process_article` is the per-article step, a pure function of the file,
its sidecar and the settings.
"""

from importlib.metadata import PackageNotFoundError, version

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
from dateline.pipeline import ArticleResult, BuildReport, build_site, check_site, process_article
from dateline.settings import Settings, load_settings

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

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
