"""One ``@id`` described as two kinds of thing in two articles: who is at fault.

Consumers merge the site's documents by ``@id``, so a Country here and an
Organization there is a contradiction. But only what an editor wrote (front
matter, sidecar, the registry, the site settings) may fail an article; enrichment
guesses, and a guess must never stop an article from publishing. The rule,
applied to every pair of articles that describe one ``@id``:

- types related by subclass (a NewsMediaOrganization is an Organization) are no
  clash: schema.org says both are true, nothing is reported;
- two editor-written nodes: ``conflicting_id`` (an error) in both articles, each
  naming the other, as before;
- an inferred node against any other node: ``inferred_id_conflict`` (a warning)
  in the article that inferred it, naming the other; the article still publishes.
  An editor-written node is never reported for clashing with a guess.

The rule looks at each article's own nodes against the set of types others give
the ``@id``, so it is symmetric and the same whatever order articles were built
in (the cache and parallel workers change nothing). Ties in which article is
named are broken by source path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set

from dateline.emit.summary import ArticleSummary
from dateline.errors import Finding
from dateline.validate.vocabulary import Vocabulary

__all__ = ["id_conflicts"]


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "AEIOU" else f"a {word}"


def _related(one: str, two: str, vocab: Vocabulary) -> bool:
    return one == two or vocab.is_a([one], [two]) or vocab.is_a([two], [one])


def id_conflicts(
    summaries: Sequence[ArticleSummary],
    shown: Callable[[str], str],
    held: Set[str] = frozenset(),
) -> dict[str, list[Finding]]:
    """Findings by article source (``path`` left for the caller to set).

    ``shown`` turns a source into the path a person would type, for messages.
    ``held``: the sources of drafts and embargoed articles. They are in no output, so
    they contradict nothing published: a held article is told of its clashes with any
    article (to fix before release), a published one only of its clashes with other
    published ones (a reviewer saw a draft's entity fail a published article).
    """
    vocab = Vocabulary.bundled()
    # id -> (type, editor-written?) -> the first source (by path) that says so: over
    # every article, and over the published ones only
    said: dict[str, dict[tuple[str, bool], str]] = {}
    said_published: dict[str, dict[tuple[str, bool], str]] = {}
    for summary in sorted(summaries, key=lambda s: s.source):
        for node in summary.nodes:
            claim = (node.type, not node.inferred)
            said.setdefault(node.id, {}).setdefault(claim, summary.source)
            if summary.source not in held:
                said_published.setdefault(node.id, {}).setdefault(claim, summary.source)
    out: dict[str, list[Finding]] = {}
    for summary in summaries:
        reported: set[str] = set()
        heard = said if summary.source in held else said_published
        for node in summary.nodes:
            claims = heard[node.id]
            if len(claims) < 2 or node.id in reported:
                continue
            clashes = sorted(
                (not written, source, kind)
                for (kind, written), source in claims.items()
                if source != summary.source and not _related(node.type, kind, vocab)
            )
            if node.inferred and clashes:
                _, other, kind = clashes[0]
                finding = Finding(
                    code="inferred_id_conflict",
                    message=f"{node.id} was inferred to be {_a(node.type)} here but is "
                    f"{_a(kind)} in {shown(other)}; this article still publishes",
                    field="entities",
                    hint="record the entity under 'entities' in the sidecar (or in the "
                    "registry) with its right type, or give it another id",
                    severity="warning",
                )
            elif not node.inferred and clashes and not clashes[0][0]:
                _, other, kind = clashes[0]
                finding = Finding(
                    code="conflicting_id",
                    message=f"{node.id} is {_a(node.type)} here but {_a(kind)} in {shown(other)}",
                    field="entities",
                    hint="give one of them another id in its sidecar",
                )
            else:
                continue
            reported.add(node.id)
            out.setdefault(summary.source, []).append(finding)
    return out
