"""The one error class of ingestion: a URL that could not become an article.

Each carries a stable ``code`` (tests match codes), the URL it is about, and a
message and hint for the person who typed the URL.
"""

from __future__ import annotations

from dateline.errors import DatelineError

__all__ = ["IngestError"]


class IngestError(DatelineError, ValueError):
    """A page or feed was refused, could not be fetched, or held no article."""

    code = "ingest_failed"

    def __init__(
        self,
        message: str,
        *,
        url: str,
        code: str,
        hint: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, code=code, hint=hint)
        self.url = url
        #: the HTTP status, for ``http_status``
        self.status = status

    def as_line(self) -> str:
        """The one line ``dateline add`` prints for this URL."""
        text = f"{self.url}: error {self.code}: {self.message}"
        return text + (f" ({self.hint})" if self.hint else "")
