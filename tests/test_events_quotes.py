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


def test_a_past_happening_told_in_a_quotation_is_published() -> None:
    """“We signed the deal on Monday,” he said: a quotation that tells a dated past
    happening is reported as the text reports it (published, marked quoted); what a quote
    exhorts or plans stays a proposal (tests/test_events_rules.py)."""
    text = "“We signed the deal with Boeing on Monday,” the chief executive said."
    told = [e for e in events_of(text) if e.name.startswith("We sign")]
    assert [(e.start, e.quoted, e.confidence >= DEFAULT_MIN_CONFIDENCE) for e in told] == [
        ("2024-07-01", True, True)
    ], [(e.name, e.confidence) for e in events_of(text)]
