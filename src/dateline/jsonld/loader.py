"""A pyld document loader that serves contexts from ``schemas/`` and nothing else.

A build must succeed with networking disabled, and a document naming a remote
``@context`` must not make dateline fetch anything. So schema.org's context is
answered from the file dateline generated, and every other URL is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.jsonld.context import context_document

__all__ = ["CONTEXT_FILE", "SCHEMA_ORG_URLS", "LocalDocumentLoader", "RemoteContextRefused"]

#: The file, in the schemas folder, that holds the generated schema.org context.
CONTEXT_FILE = "schemaorg-context.jsonld"
SCHEMA_ORG_URLS = frozenset(
    {
        "https://schema.org",
        "https://schema.org/",
        "http://schema.org",
        "http://schema.org/",
        "https://schema.org/docs/jsonldcontext.jsonld",
        "https://schema.org/docs/jsonldcontext.json",
    }
)


class RemoteContextRefused(DatelineError, ValueError):
    """A JSON-LD document asked for a context dateline does not serve locally."""

    code = "remote_context"


class LocalDocumentLoader:
    """Callable in pyld's ``documentLoader`` form: ``loader(url, options)``.

    ``contexts`` maps extra URLs to documents (tests use it to serve the
    official schema.org context under its usual URL).
    """

    def __init__(
        self, schemas_dir: Path | None = None, contexts: dict[str, Any] | None = None
    ) -> None:
        self._schemas_dir = schemas_dir
        self._contexts = dict(contexts or {})
        #: URLs this loader was asked for and refused, in order (pyld wraps the error).
        self.refused: list[str] = []

    def _schema_org(self) -> Any:
        if self._schemas_dir is not None:
            path = self._schemas_dir / CONTEXT_FILE
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
        return context_document()

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url in self._contexts:
            document = self._contexts[url]
        elif url in SCHEMA_ORG_URLS:
            document = self._schema_org()
        else:
            self.refused.append(url)
            raise RemoteContextRefused(
                f"refused to load remote JSON-LD document {url!r}",
                hint='dateline never fetches contexts; use "@context": "https://schema.org"',
            )
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": document,
        }
