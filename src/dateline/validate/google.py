"""What Google's structured-data guidelines ask of articles and events.

Ranked as Google ranks them: a missing required property keeps a page out of a
rich result (a warning: the data is still true, so the article is published);
a recommended one only improves it (a notice, shown by ``dateline check
--notices``). Errors are left to the models, which already refuse what is invalid.

Sources: developers.google.com/search/docs/appearance/structured-data/article and
…/event (Article: headline, image, datePublished, dateModified, author.name,
author.url; Event: name, startDate, location with address or geo, eventStatus,
eventAttendanceMode, description, image, organizer, performer, endDate, offers).
"""

from __future__ import annotations

from pathlib import Path

from dateline.errors import Finding
from dateline.model.article import ArticleGraph
from dateline.model.entities import Organization, Person, Place

__all__ = ["HEADLINE_LIMIT", "check_article", "check_events"]

#: Google truncates longer headlines in Top stories.
HEADLINE_LIMIT = 110


def check_article(graph: ArticleGraph, path: Path) -> list[Finding]:
    article = graph.article
    out: list[Finding] = []
    if len(article.headline) > HEADLINE_LIMIT:
        out.append(
            Finding(
                "headline_long",
                f"the headline is {len(article.headline)} characters; Google shows at most "
                f"{HEADLINE_LIMIT}",
                path,
                field="title",
                severity="warning",
                hint="shorten it, or set a shorter 'title' in the sidecar",
            )
        )
    if not article.image:
        out.append(
            Finding(
                "image_recommended",
                "no image: Google recommends one (at least 1200 px wide) for articles",
                path,
                field="image",
                severity="notice",
            )
        )
    for ref in article.author:
        author = graph.node(ref.id)
        if isinstance(author, Person | Organization) and not author.url:
            out.append(
                Finding(
                    "author_url_recommended",
                    f"the author {author.name!r} has no url; Google recommends one",
                    path,
                    field="author",
                    severity="notice",
                )
            )
    return out


def check_events(graph: ArticleGraph, path: Path) -> list[Finding]:
    """The article's main events (its ``about``): what a search engine would show."""
    out: list[Finding] = []
    about = {r.id for r in graph.article.about}
    for event in graph.events():
        if event.id not in about:
            continue
        missing = [
            name
            for name, value in (("startDate", event.start_date), ("location", event.location))
            if not value
        ]
        if missing:
            out.append(
                Finding(
                    "main_event_incomplete",
                    f"the main event {event.name!r} has no {' and no '.join(missing)}; Google "
                    "requires both for an event rich result",
                    path,
                    field="about",
                    severity="warning",
                    hint="give it a startDate and location, or do not make it the 'about'",
                )
            )
        for ref in event.location:
            place = graph.node(ref.id)
            if isinstance(place, Place) and place.geo is None and place.address is None:
                out.append(
                    Finding(
                        "location_without_address",
                        f"the location {place.name!r} of {event.name!r} has neither address "
                        "nor geo; Google requires one of them",
                        path,
                        field="about",
                        severity="warning",
                    )
                )
        out.append(
            Finding(
                "event_status_recommended",
                f"{event.name!r}: Google recommends eventStatus and eventAttendanceMode",
                path,
                field="about",
                severity="notice",
            )
        )
    return out
