"""Review: what enrichment proposes for one article, with the sentence behind each fact.

``dateline review ARTICLE`` prints the proposal; ``--write`` saves it as the
article's sidecar, where the editor accepts (keeps), edits or deletes each entry.
Because the sidecar sits above enrichment, what the editor keeps wins on every
later build, and what they delete stays deleted.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline.enrich import default_enrichers, enrich
from dateline.enrich.confidence import CONFIDENCE, EXPLAINED, Basis
from dateline.enrich.credit import find_credit
from dateline.enrich.events import EventDraft
from dateline.enrich.facts import Facts, FactsEnricher, event_scope
from dateline.errors import ArticleError
from dateline.model.layers import merge_layers
from dateline.model.meta import ArticleMeta, EntitySpec, EventSpec
from dateline.pipeline import written_layers
from dateline.read import read_article
from dateline.read.encoding import decode
from dateline.read.sidecar import sidecar_path
from dateline.settings import Settings
from dateline.sidecar_edit import edit_top_level
from dateline.write import write_atomic

__all__ = ["EDITORIAL_KEYS", "Proposal", "propose", "render", "sidecar_text"]

#: The sidecar keys a review writes; an editor's own values for them are never overwritten.
EDITORIAL_KEYS = ("entities", "events", "about", "datelinePlace")


@dataclass(frozen=True)
class Proposal:
    """What enrichment proposes for one article. ``inferred`` holds every proposed event,
    including those below ``min_confidence`` (which builds do not publish); ``facts``
    keeps each one's evidence, in the same order as ``inferred.events``."""

    path: Path
    inferred: ArticleMeta
    sidecar: Path | None
    sidecar_has_facts: bool
    facts: Facts | None = None
    min_confidence: float = 0.0
    #: the author an editor (or the reader) wrote: it wins over the credit the text gives
    written_author: tuple[str, ...] = ()
    #: the closing credit line as printed (``(Reporting by …; Editing by …)``)
    credit_line: str | None = None


def propose(path: Path, settings: Settings) -> Proposal:
    """Run enrichment on one article, ignoring any facts its sidecar already records.

    The facts enricher runs once, with no confidence threshold: a review proposes
    everything and says which proposals a build would leave out."""
    draft = read_article(path, settings.max_file_bytes)
    known = merge_layers(written_layers(draft, settings))
    enrichers = default_enrichers(settings)
    reader = next((e for e in enrichers if isinstance(e, FactsEnricher)), None)
    inferred = enrich(draft, known, [e for e in enrichers if e is not reader])
    facts = None
    if reader is not None:
        view = known.model_copy(update={k: getattr(inferred, k) for k in inferred.model_fields_set})
        facts = reader.facts(draft, view)
        layer = FactsEnricher.layer(facts, 0.0, event_scope(draft, view))
        inferred = inferred.model_copy(
            update={k: getattr(layer, k) for k in layer.model_fields_set}
        )
    side = sidecar_path(path)
    has_facts = bool(draft.sidecar.entities or draft.sidecar.events)
    written = tuple(a.name for a in known.author or [])
    line = find_credit([p.text for p in draft.paragraphs]).people_evidence
    return Proposal(path, inferred, side, has_facts, facts, settings.min_confidence, written, line)


def _dump(spec: EntitySpec | EventSpec) -> dict[str, Any]:
    data: dict[str, Any] = spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    # the plain "Event" type is the default: only a subtype is worth a line
    return {k: v for k, v in data.items() if v not in ([], "") and (k, v) != ("type", "Event")}


def _short(text: str | None, width: int = 96) -> str:
    return textwrap.shorten(text or "", width=width, placeholder=" …")


def _evidence(draft: EventDraft, min_confidence: float) -> list[str]:
    """How an editor judges an inferred event: how sure, from which words, how each
    date was read, and the whole sentence."""
    start, end = draft.span
    sure = f"confidence {draft.confidence:.2f}"
    if draft.confidence < min_confidence:
        sure += f" (below min_confidence {min_confidence:g}: proposed, not published)"
    lines = [f"      {sure} · kind {draft.kind} · trigger “{draft.trigger}” at {start}–{end}"]
    if draft.scheduled:
        lines.append("      still to come: eventStatus EventScheduled")
    if draft.quoted:
        lines.append("      said inside a quotation: what someone said, not what the text reports")
    if draft.doubt:
        lines.append(f"      held back: {draft.doubt}")
    lines.extend(f"      date: {t.explain()}" for t in draft.times)
    lines.append(f"      evidence: “{draft.evidence}”")
    return lines


def _credit(proposal: Proposal) -> list[str]:
    """Who the text credits (``LONDON (Reuters) -``, ``(Reporting by …)``) and how that
    is published: an editor who checks the article checks its byline too."""
    meta = proposal.inferred
    if meta.agency is None and not meta.contributor and not meta.editor:
        return []
    lines = ["", "CREDIT"]
    if meta.agency is not None:
        agency = meta.agency
        if proposal.written_author:
            role = f"sourceOrganization (author stays {', '.join(proposal.written_author)})"
        else:
            role = "author and sourceOrganization"
        lines.append(f"  {role}: {agency.name}" + (f" <{agency.url}>" if agency.url else ""))
        lines.append(f"      evidence: “{agency.evidence or ''}”")
    for label, people in (("contributor", meta.contributor), ("editor", meta.editor)):
        if people:
            lines.append(f"  {label}: {', '.join(p.name for p in people)}")
    if meta.contributor or meta.editor:
        lines.append(f"      evidence: “{proposal.credit_line or ''}”")
    return lines


def render(proposal: Proposal) -> str:
    """A human-readable listing: each proposed event and entity, and its evidence."""
    meta = proposal.inferred
    events = meta.events or []
    entities = meta.entities or []
    about = set(meta.about or [])
    doubted = len(proposal.facts.entities.proposed) if proposal.facts is not None else 0
    lines = [
        f"{proposal.path}: {len(events)} events and {len(entities) + doubted} entities proposed",
    ]
    if proposal.sidecar_has_facts:
        lines.append(
            f"  (the sidecar {proposal.sidecar} already records events or entities: "
            "those are what builds use)"
        )
    if proposal.facts is not None and not proposal.facts.english:
        lines.append(
            "  (the text does not read as English, the only language the model reads: no "
            "entities or events are inferred; record them in the sidecar by hand)"
        )
    lines.extend(_credit(proposal))
    lines.append("")
    lines.append("EVENTS")
    drafts = proposal.facts.events if proposal.facts is not None else []
    for index, event in enumerate(events):
        data = _dump(event)
        mark = "about" if event.id in about else "mentions"
        lines.append(f"  [{mark}] {event.id}: {event.name}")
        facts = [
            f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in data.items()
            if k not in ("id", "name", "evidence")
        ]
        if facts:
            lines.append("      " + " · ".join(facts))
        if index < len(drafts) and drafts[index].name == event.name:
            lines.extend(_evidence(drafts[index], proposal.min_confidence))
        else:
            lines.append(f"      evidence: “{event.evidence or ''}”")
    lines.append("")
    lines.append("ENTITIES")
    for entity in entities:
        data = _dump(entity)
        facts = [
            f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in data.items()
            if k not in ("id", "name", "type", "evidence", "geo")
        ]
        lines.append(f"  {entity.type:<22} {entity.id}: {entity.name}")
        if facts:
            lines.append("      " + " · ".join(facts))
        lines.extend(_entity_evidence(proposal, entity.id))
        lines.append(f"      evidence: “{entity.evidence or ''}”")
    lines.extend(_unconfirmed(proposal))
    return "\n".join(lines) + "\n"


def _unconfirmed(proposal: Proposal) -> list[str]:
    """The organizations the recognizers disagree on and no cue keeps: never published
    (``nlp_ner_confirm``), listed so an editor can add the right ones to the sidecar by
    hand (``--write`` does not write them: most are not names at all)."""
    if proposal.facts is None:
        return []
    found = proposal.facts.entities
    sure = Basis.UNCONFIRMED
    lines = []
    for entity in found.proposed:
        lines.append(f"  {entity.type:<22} {entity.key}: {entity.name}")
        lines.append(
            f"      confidence {CONFIDENCE[sure]:.2f} ({EXPLAINED[sure]}): proposed, not published"
        )
        words = dict.fromkeys(m.text for m in found.proposed_mentions if m.key == entity.key)
        if words:
            lines.append("      words: " + ", ".join(f"“{w}”" for w in words))
        lines.append(f"      evidence: “{entity.evidence}”")
    return lines


def _entity_evidence(proposal: Proposal, key: str) -> list[str]:
    """How sure enrichment is of an entity (what its names rest on, and the share of
    such entities that were right on annotated news: :mod:`dateline.enrich.confidence`)
    and the words it was read from."""
    if proposal.facts is None:
        return []
    basis = proposal.facts.bases.get(key)
    lines = []
    if basis is None:
        lines.append(
            "      not named in the text (it holds a place the text names, or an adjective "
            "gives it): published with what links to it"
        )
    else:
        sure = f"confidence {CONFIDENCE[basis]:.2f} ({EXPLAINED[basis]})"
        if basis is Basis.UNCONFIRMED:
            sure += ": proposed, not published"
        elif CONFIDENCE[basis] < proposal.min_confidence:
            sure += f" (below min_confidence {proposal.min_confidence:g}: proposed, not published)"
        lines.append(f"      {sure}")
    words = dict.fromkeys(m.text for m in proposal.facts.entities.mentions if m.key == key)
    if words:
        lines.append("      words: " + ", ".join(f"“{w}”" for w in words))
    return lines


_HEADER = (
    "# Proposed by `dateline review`: keep, edit or delete each entry; what stays here\n"
    "# wins over automatic enrichment on every build. `evidence` is the sentence each\n"
    "# fact was read from.\n"
)


def sidecar_text(proposal: Proposal, replace: bool = False) -> str:
    """The sidecar with the proposal added. Every other key the editor set is kept, with
    its comments and in its order (see :mod:`dateline.sidecar_edit`); the editor's own
    events and entities too, unless ``replace``."""
    text: str | None = None
    existing: dict[str, Any] = {}
    if proposal.sidecar is not None:
        side = proposal.sidecar
        # propose() read it already, within max_file_bytes and inside the article's folder
        text = decode(side.read_bytes(), side)
        loaded = yaml.safe_load(text)
        existing = loaded if isinstance(loaded, dict) else {}
    drop = [k for k in EDITORIAL_KEYS if k in existing] if replace else []
    meta = proposal.inferred
    proposed: dict[str, Any] = {
        "entities": [_dump(e) for e in meta.entities or []],
        "events": [_dump(e) for e in meta.events or []],
        "about": list(meta.about or []),
    }
    if meta.dateline_place:
        proposed["datelinePlace"] = meta.dateline_place
    kept = {k for k in existing if k not in drop}
    return edit_top_level(
        text, drop, {k: v for k, v in proposed.items() if k not in kept}, header=_HEADER
    )


def write_sidecar(proposal: Proposal, force: bool = False) -> Path:
    """Write the proposal into the article's sidecar (``<stem>.yaml``), atomically.

    Refuses, unless ``force``, when the sidecar already records events or entities:
    those are an editor's, and a review never replaces them silently.
    """
    if proposal.sidecar_has_facts and not force:
        raise ArticleError(
            "the sidecar already records events or entities",
            path=proposal.sidecar,
            code="sidecar_has_facts",
            hint="edit it by hand, or pass --force to replace them (its other keys are kept)",
        )
    target = proposal.sidecar or proposal.path.with_suffix(".yaml")
    write_atomic(target, sidecar_text(proposal, replace=force).encode("utf-8"))
    return target
