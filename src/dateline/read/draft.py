"""What a reader hands on: the article's text and the metadata layers it found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dateline.model.meta import ArticleMeta

__all__ = ["NO_META", "Draft", "Paragraph"]

#: Metadata that says nothing: one shared instance (the model is frozen), not a new
#: one for each empty layer of each article.
NO_META = ArticleMeta()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text and the line of the source file it starts on."""

    text: str
    line: int
    #: ``len(text.split())`` when the reader counted it while making ``text`` (a
    #: 600-word body takes ~25 us to split again); None: count it when asked
    words: int | None = field(default=None, compare=False, repr=False)

    def word_count(self) -> int:
        return self.words if self.words is not None else len(self.text.split())


@dataclass(frozen=True)
class Draft:
    """An article as read, before enrichment and modelling.

    ``found`` is what the reader worked out from the text (headline, date line);
    ``front_matter`` and ``sidecar`` are the editor's own words. ``body_markdown``
    is set for Markdown sources, whose HTML is rendered from it;
    ``body_rendered`` is that HTML, rendered once by the reader (before cleaning).
    """

    path: Path
    paragraphs: tuple[Paragraph, ...]
    found: ArticleMeta
    front_matter: ArticleMeta = NO_META
    sidecar: ArticleMeta = NO_META
    body_markdown: str | None = None
    #: ``body_markdown`` rendered to HTML by the reader, so that it is rendered once
    body_rendered: str | None = None
    #: whether the only tags of ``body_rendered`` are ``<p>`` and ``</p>``, as the
    #: reader found (see :func:`~dateline.read.markdown.only_paragraphs`); None: not told
    paragraphs_only: bool | None = None

    @property
    def body_text(self) -> str:
        """The plain-text body, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        """``len(self.body_text.split())``, from the paragraphs' own counts."""
        return sum(p.word_count() for p in self.paragraphs)
