"""The seed article's events from its text alone (no registry): the lead meeting of Iran's
acting president Mokhber with Putin in Astana on Thursday 4 July 2024, part of the SCO
summit, is the article's ``about``; and nothing the text does not say."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.enrich.facts import Facts, FactsEnricher

from .conftest import ROOT
from .events_helpers import facts_of

SEED = ROOT / "content" / "000_92e7f391879ebd38.txt"


def _seed(headline: bool) -> Facts:
    """The seed's body (after its headline and date lines), with or without its headline."""
    parts = SEED.read_text(encoding="utf-8").split("\n\n")
    body = "\n\n".join(parts[2:])
    return facts_of(body, dt.date(2024, 7, 5), headline=parts[0].strip() if headline else "")


@pytest.mark.parametrize("headline", [True, False], ids=["with headline", "body only"])
def test_the_lead_meeting_has_both_leaders_in_astana_on_thursday(headline: bool) -> None:
    """Body only, "Iran's acting president" is resolved to Mokhber (named later in the
    body): the meeting does not need the headline to know who met Putin."""
    facts = _seed(headline)
    lead = facts.events[0]
    assert lead.kind.value == "meeting"
    assert set(lead.attendee) == {"mokhber", "vladimir-putin"}
    assert lead.location == ["astana"]
    assert (lead.start, lead.end) == ("2024-07-04", None)
    summit = next(e for e in facts.events if e.key == lead.super_event)
    assert "Shanghai Cooperation Organization" in summit.name
    assert summit.location == ["astana"]
    layer = FactsEnricher.layer(facts)
    assert layer.about == [lead.key]


def test_nothing_the_text_does_not_say() -> None:
    """Every event published from the seed's text, with its date: each is in the text."""
    layer = FactsEnricher.layer(_seed(True))
    assert sorted((e.name, e.start_date) for e in layer.events or []) == sorted(
        [
            ("Meeting between Vladimir Putin and Mokhber", "2024-07-04"),
            (
                "24th summit of the Council of Heads of State of the Shanghai Cooperation "
                "Organization",
                "2024-07",
            ),
            ("Meeting between Mokhber and Leonid Slutsky", None),  # "in a recent meeting"
            ("Agreement between Russia, Iran and India", "2002"),
            (
                "Signing of the free trade agreement between Iran and Eurasian Economic Union",
                "2023-12",
            ),
        ]
    )
