"""Embedded social posts: the line that signs a quoted post is a dated happening.

News pages quote posts by embedding them; what is left of an embed in the text is the
post, then a signature line in the form the platform's embed code writes::

    — Governor Kristi Noem (@govkristinoem) November 18, 2019

That line says who posted (a display name and an ``@handle``) and on which day, in
full: a publication the article reports, dated by the text itself. The post's words
are the paragraph before; the signature is what dates it, so the Event's evidence is
the signature line.
"""

from __future__ import annotations

import dataclasses
import re

from dateline.enrich.event_rules import EventKind
from dateline.enrich.temporal import Precision, find_dates
from dateline.enrich.timeline import ClauseEvent, SentenceContext

__all__ = ["PostDetector"]

#: ``— Display Name (@handle) Month D, YYYY``: a dash, a name, a handle, a full date.
_SIGNATURE = re.compile(
    r"^\s*[—–-]{1,2}\s*(?P<who>[^()\n]{0,80}?)\s*\(@(?P<handle>[A-Za-z0-9_]{1,30})\)\s*"
    r"(?P<date>[^()\n]{6,40}?)\s*$"
)
#: What a display name keeps for an Event's name: letters, digits and name punctuation
#: (the emoji and symbols a display name carries are dropped).
_NAME_CHARACTERS = re.compile(r"[^\w .,'’&-]+")
#: How sure a signature makes us: a name and a full date the text gives.
CONFIDENCE = 0.9


class PostDetector:
    """The signature line of an embedded post → a dated ``PublicationEvent``."""

    kind = EventKind.PUBLICATION

    def detect(self, context: SentenceContext) -> list[ClauseEvent]:
        text = context.parse.sentence.text
        match = _SIGNATURE.match(text)
        if match is None:
            return []
        dates = find_dates(match["date"], context.published)
        if len(dates) != 1 or dates[0].precision is not Precision.DAY or dates[0].relative:
            return []  # only a day written in full: "November 18, 2019"
        offset = match.start("date")
        date = dates[0]
        when = dataclasses.replace(
            date, start_offset=date.start_offset + offset, end_offset=date.end_offset + offset
        )
        who = " ".join(_NAME_CHARACTERS.sub(" ", match["who"]).split()).strip(" .,-")
        handle = f"@{match['handle']}"
        name = f"Post by {who} ({handle})" if who else f"Post by {handle}"
        people = [m.key for m in context.mentions if m.start < match.start("handle")]
        return [
            ClauseEvent(
                kind=self.kind,
                schema_type="PublicationEvent",
                name=name,
                sentence=context.parse.sentence.index,
                trigger=handle,
                span=(match.start("handle") - 1, match.end("handle")),
                times=[when],
                scheduled=False,
                confidence=CONFIDENCE,
                organizer=people[:1],
                words=(match.start("who"), match.end("handle") + 1),
            )
        ]
