"""Embedded posts: the signature line of a quoted post is a dated publication."""

from __future__ import annotations

import pytest

from dateline.enrich.events import EventExtractor
from dateline.enrich.posts import PostDetector

from .events_helpers import FRIDAY, contexts_of, events_of

POST = "Yes this is real and yes the state spent nearly half a million dollars on it."


@pytest.mark.parametrize(
    ("signature", "name", "start"),
    [
        (
            "— Governor Kristi Noem (@govkristinoem) November 18, 2019",
            "Post by Governor Kristi Noem (@govkristinoem)",
            "2019-11-18",
        ),
        # a display name's emoji is not part of a name a person would write
        (
            "— Dianna E. Anderson 🏳️‍🌈 (@diannaeanderson) November 18, 2019",
            "Post by Dianna E. Anderson (@diannaeanderson)",
            "2019-11-18",
        ),
        (
            "— 9to5Mac.com (@9to5mac) November 4, 2019",
            "Post by 9to5Mac.com (@9to5mac)",
            "2019-11-04",
        ),
    ],
)
def test_a_post_signature_is_a_dated_publication(signature: str, name: str, start: str) -> None:
    events = events_of(f"{POST}\n\n{signature}")
    posts = [e for e in events if e.name.startswith("Post by")]
    assert [(e.name, e.start, e.schema_type) for e in posts] == [(name, start, "PublicationEvent")]
    assert posts[0].evidence == signature.strip()
    assert posts[0].confidence >= 0.6  # published, not only proposed


@pytest.mark.parametrize(
    "line",
    [
        "— Governor Kristi Noem (@govkristinoem) Monday",  # no day written in full
        "— Governor Kristi Noem November 18, 2019",  # no handle: not a post's signature
        "Kristi Noem (@govkristinoem) said on November 18, 2019 that it works.",
    ],
)
def test_only_a_signature_line_is_a_post(line: str) -> None:
    context = contexts_of(line, FRIDAY)[0]
    assert PostDetector().detect(context) == []


def test_the_extractor_runs_the_post_detector() -> None:
    assert any(isinstance(d, PostDetector) for d in EventExtractor().detectors)
