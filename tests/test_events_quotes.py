"""A quotation closed after a sentence's stop (``…e-cigarettes."``) ends with that
sentence: what the next sentence reports is the text's, published, not a quote's."""

from __future__ import annotations

from dateline.enrich.facts import DEFAULT_MIN_CONFIDENCE
from dateline.enrich.sentences import split_sentences
from dateline.read.draft import Paragraph

from .events_helpers import events_of

TEXT = (
    'AP writes that the exceptions "represent a retreat from the original plan." '
    "Donald Trump announced the ban in September after six people died."
)


def test_the_closing_quote_stays_with_its_sentence() -> None:
    first, second = split_sentences([Paragraph(TEXT, 0)])
    assert first.text.endswith('plan."')
    assert second.text.startswith("Donald Trump")


def test_a_happening_after_a_closed_quotation_is_published() -> None:
    (event,) = [e for e in events_of(TEXT) if e.name.startswith("Donald Trump announces")]
    assert (event.start, event.quoted) == ("2023-09", False)
    assert event.confidence >= DEFAULT_MIN_CONFIDENCE
