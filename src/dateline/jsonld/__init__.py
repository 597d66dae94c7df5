"""JSON-LD plumbing: the schema.org context generated from the models, and a loader
that serves it locally and refuses every other remote document."""

from dateline.jsonld.context import SCHEMA_ORG, context_document, generate_context
from dateline.jsonld.loader import LocalDocumentLoader, RemoteContextRefused

__all__ = [
    "SCHEMA_ORG",
    "LocalDocumentLoader",
    "RemoteContextRefused",
    "context_document",
    "generate_context",
]
