"""Enrich: what the text supports but no one wrote down, as one metadata layer.

Each enricher has one job, sees the draft and what the layers above and below it
already know, and returns only the fields it inferred. Enrichment never
overrides the editor: its layer sits under front matter and sidecar (see
:mod:`dateline.model.layers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from dateline.enrich.credit import find_credit, placeless_end
from dateline.enrich.dateline import Dateline, find_dateline
from dateline.model.layers import constructed
from dateline.model.meta import AgencySpec, ArticleMeta, AuthorSpec
from dateline.read.draft import NO_META, Draft
from dateline.settings import Settings

if TYPE_CHECKING:
    from dateline.enrich.facts import FactsEnricher

__all__ = [
    "DEFAULT_ENRICHERS",
    "CreditEnricher",
    "Dateline",
    "DatelineEnricher",
    "Enricher",
    "FactsEnricher",
    "default_enrichers",
    "enrich",
    "find_dateline",
]


class Enricher(Protocol):
    """Infers some metadata from a draft."""

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta: ...


class DatelineEnricher:
    """Sets ``dateline`` from the first paragraph (``TEHRAN –`` → ``TEHRAN``)."""

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
        if not draft.paragraphs:
            return NO_META
        found = find_dateline(draft.paragraphs[0].text)
        # a plain text field: what validating it would make of the text (see constructed)
        return constructed({"dateline": found.place}) if found else NO_META


class SummaryEnricher:
    """Sets ``summary`` to the lead paragraph without its dateline, as wire services do."""

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
        if not draft.paragraphs:
            return NO_META
        lead = draft.paragraphs[0].text
        found = find_dateline(lead)
        end = found.end if found else placeless_end(lead)  # "March 21 (Reuters) - …"
        # a plain text field: what validating it would make of the text (see constructed)
        return constructed({"summary": lead[end:].strip()})


class CreditEnricher:
    """Credits what the text credits: the agency its dateline names (``LONDON (Reuters)
    -``) and the people of its closing credit line (``Reporting by …; Editing by …``).

    The agency becomes the NewsArticle's ``sourceOrganization`` and, when no one wrote
    an author, its ``author``; an editor's ``author``, ``agency``, ``contributor`` or
    ``editor`` in front matter or sidecar wins, as every layer above enrichment does."""

    def __call__(self, draft: Draft, known: ArticleMeta) -> ArticleMeta:
        credit = find_credit([p.text for p in draft.paragraphs])
        found: dict[str, object] = {}
        if credit.agency is not None:
            agency = credit.agency
            found["agency"] = AgencySpec(
                name=agency.name, id=agency.key, url=agency.url, evidence=credit.agency_evidence
            )
        if credit.contributors:
            found["contributor"] = [AuthorSpec(name=n) for n in credit.contributors]
        if credit.editors:
            found["editor"] = [AuthorSpec(name=n) for n in credit.editors]
        # most articles credit nothing: the empty layer, not a validation of nothing
        return ArticleMeta.model_validate(found) if found else NO_META


#: Enrichers that need no data: what ``enrich`` runs when given nothing else.
DEFAULT_ENRICHERS: tuple[Enricher, ...] = (DatelineEnricher(), SummaryEnricher(), CreditEnricher())


def default_enrichers(settings: Settings) -> tuple[Enricher, ...]:
    """The full set for a site: the text-only ones, then facts from the text with the
    site's registry (``entities.yaml`` in the content folder), the bundled gazetteer
    and the site's language model (loaded lazily, on the first article enriched).

    With ``enrich = false`` only the text-only enrichers run: no model is loaded."""
    if not settings.enrich:
        return DEFAULT_ENRICHERS
    # the facts pass (entities, events, gazetteer, model) is imported only by a build
    # that enriches: a site with enrich = false, and each of its workers, skips it
    from dateline.enrich.facts import FactsEnricher  # noqa: PLC0415
    from dateline.enrich.gazetteer import Gazetteer  # noqa: PLC0415
    from dateline.enrich.nlp import NlpModel  # noqa: PLC0415
    from dateline.enrich.registry import load_registry  # noqa: PLC0415

    registry = load_registry(settings.content_dir, settings.max_file_bytes).with_publisher(
        settings.publisher.name
    )
    model = NlpModel.shared(settings.nlp_model, settings.nlp_ner, tuple(settings.nlp_ner_confirm))
    model.check_weights()  # missing weights: one settings error up front
    return (
        *DEFAULT_ENRICHERS,
        FactsEnricher(Gazetteer.shared(), registry, model, min_confidence=settings.min_confidence),
    )


def enrich(
    draft: Draft, known: ArticleMeta, enrichers: Sequence[Enricher] = DEFAULT_ENRICHERS
) -> ArticleMeta:
    """Run the enrichers in order; each sees what the ones before it inferred.

    Every value is a field of an :class:`ArticleMeta`, validated when its enricher
    made it, and goes into the same field (the model checks each field alone): the
    views and the layer are put together without validating them again, which cost
    more than the three text-only enrichers' own work (see :func:`merge_layers`).
    """
    written = {name: getattr(known, name) for name in known.model_fields_set}
    inferred: dict[str, object] = {}
    for enricher in enrichers:
        view = constructed({**written, **inferred}) if inferred else known
        result = enricher(draft, view)
        inferred.update({name: getattr(result, name) for name in result.model_fields_set})
    return constructed(inferred)


def __getattr__(name: str) -> Any:
    """``FactsEnricher`` on first use (PEP 562), so importing this package stays light."""
    if name == "FactsEnricher":
        from dateline.enrich.facts import FactsEnricher  # noqa: PLC0415

        return FactsEnricher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
