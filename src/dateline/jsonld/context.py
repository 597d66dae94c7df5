"""Generate the schema.org JSON-LD context from dateline's own models.

Only the terms dateline uses are defined, each with the official context's IRI and
``@type``. Unlike the official context there is no ``@vocab``: a term no model
defines does not expand at all, so a misspelt property is caught rather than
silently turned into ``http://schema.org/misspelt``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from typing import Any

from dateline.model import SCHEMA_MODELS, SchemaModel
from dateline.model.types import Term

__all__ = ["SCHEMA_ORG", "SCHEMA_PREFIX", "context_document", "generate_context"]

#: The context URL dateline's documents name; served locally, never fetched.
SCHEMA_ORG = "https://schema.org"
#: The IRI prefix the official context maps terms to (it uses http, not https).
SCHEMA_PREFIX = "http://schema.org/"


def _terms_in(annotation: Any) -> Iterator[Term]:
    """Every :class:`Term` marker inside an annotation, through unions and Annotated."""
    if isinstance(annotation, Term):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _terms_in(arg)
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Term):
            yield meta


def _field_terms(model: type[SchemaModel]) -> Iterator[tuple[str, str | None]]:
    for name, info in model.model_fields.items():
        alias = info.alias or name
        if alias.startswith("@"):
            continue
        found = {t.type for t in _terms_in(info.annotation)}
        found |= {m.type for m in info.metadata if isinstance(m, Term)}
        if len(found) > 1:
            raise TypeError(f"{model.__name__}.{name} has conflicting JSON-LD types {found}")
        yield alias, next(iter(found), None)


def generate_context(models: Iterable[type[SchemaModel]] = SCHEMA_MODELS) -> dict[str, Any]:
    """The ``@context`` object for every class and property the models use, sorted."""
    terms: dict[str, dict[str, str]] = {}
    value_types: set[str] = set()
    for model in models:
        for type_name in model.schema_types:
            terms[type_name] = {"@id": f"schema:{type_name}"}
        # enumeration members a model uses as values ("eventStatus": "EventScheduled")
        for member in getattr(model, "schema_members", ()):
            terms[member] = {"@id": f"schema:{member}"}
        for alias, term_type in _field_terms(model):
            definition = {"@id": f"schema:{alias}"}
            if term_type is not None:
                definition["@type"] = term_type
                if not term_type.startswith("@"):
                    value_types.add(term_type)
            if terms.get(alias, definition) != definition:
                raise TypeError(
                    f"property {alias!r} is typed two ways: {terms[alias]} {definition}"
                )
            terms[alias] = definition
    for type_name in value_types:  # "Date" must itself be a term to be usable as @type
        terms[type_name] = {"@id": f"schema:{type_name}"}
    return {"schema": SCHEMA_PREFIX, **dict(sorted(terms.items()))}


def context_document() -> dict[str, Any]:
    """The generated context as a JSON-LD document, as ``schemas/`` holds it."""
    return {"@context": generate_context()}
