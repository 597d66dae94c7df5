"""Errors raised by dateline, each carrying what a person needs to fix the input.

Every error has a stable ``code`` (tests and CI match on codes, never on wording),
the ``path`` of the file it is about, where known the ``line`` or ``field``, a
``message`` saying what was wrong and a ``hint`` saying what to do. The classes
also inherit the matching built-in exception, as attrs does, so callers that only
know ``ValueError`` still catch them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "ArticleError",
    "DatelineError",
    "Finding",
    "OutputError",
    "ReadError",
    "SettingsError",
    "ValidationFailed",
]

#: errors stop an article; warnings are reported; notices only with ``--notices``.
Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one input, printable as one line.

    A finding is data, not an exception, so that ``dateline check`` can collect
    every problem of every article before it reports.
    """

    code: str
    message: str
    path: Path | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # the same notices recur on every article of a large site: one copy of each text
        # (field by field: a loop of getattr and setattr by name took twice as long, for
        # the few findings of every article, made in a worker and again in the build)
        put, intern = object.__setattr__, sys.intern
        if isinstance(self.code, str):
            put(self, "code", intern(self.code))
        if isinstance(self.message, str):
            put(self, "message", intern(self.message))
        if isinstance(self.field, str):
            put(self, "field", intern(self.field))
        if isinstance(self.hint, str):
            put(self, "hint", intern(self.hint))
        if isinstance(self.severity, str):
            put(self, "severity", intern(self.severity))

    def __reduce__(self) -> tuple[Any, ...]:
        # through __init__, so findings sent back by worker processes are interned too
        values = (self.code, self.message, self.path, self.line, self.field, self.hint)
        return (Finding, (*values, self.severity))

    def location(self) -> str:
        """Where the problem is, as ``file:line`` or ``file [field]``."""
        if self.path is not None:
            where = str(self.path)
        else:  # a setting's problem found without its file at hand: say it is a setting
            where = "settings" if (self.field or "").startswith("site") else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity} {self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, str | int | None]:
        """A JSON-friendly form for ``dateline check --format json``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "path": str(self.path) if self.path is not None else None,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""

    code = "dateline_error"

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        self.hint = hint
        if code is not None:
            self.code = code

    def findings(self) -> list[Finding]:
        """The error as findings; subclasses holding several problems return them all."""
        return [
            Finding(
                code=self.code,
                message=self.message,
                path=self.path,
                line=self.line,
                field=self.field,
                hint=self.hint,
            )
        ]

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings())


class SettingsError(DatelineError, ValueError):
    """The site settings (``dateline.toml``) are missing or wrong: nothing can be built."""

    code = "settings_invalid"


class ArticleError(DatelineError, ValueError):
    """One article cannot be published; the others still are."""

    code = "article_invalid"


class ReadError(ArticleError):
    """An article file cannot be read or parsed."""

    code = "read_failed"


class ValidationFailed(ArticleError):
    """An article was read but its model or graph breaks a rule."""

    code = "validation_failed"

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        super().__init__(first.message, path=first.path, field=first.field, code=first.code)
        self._findings = findings

    def findings(self) -> list[Finding]:
        return list(self._findings)


class OutputError(DatelineError, OSError):
    """An output file could not be written; the previous version is left in place."""

    code = "write_failed"
