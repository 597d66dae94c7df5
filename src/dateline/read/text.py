"""Reader for scraped plain-text articles (``.txt``), the seed article's format.

Shape: the headline on the first line; a line with the date as the publisher
printed it; body paragraphs separated by blank lines, the first opening with a
dateline (``TEHRAN –``); then, often, site chrome that the scraper kept
(``Leave a Comment``, lines of non-breaking spaces), which is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from dateline.errors import ReadError
from dateline.model.meta import ArticleMeta
from dateline.read.datetext import looks_like_date, parse_date_line
from dateline.read.draft import Draft, Paragraph

__all__ = ["SITE_CHROME", "TextReader", "split_paragraphs"]

#: Lines scrapers keep from the page around an article; matched whole, case-insensitively.
SITE_CHROME = re.compile(
    r"^(leave a (comment|reply)|share (this|this article|this story|on \w+)|"
    r"comments?|print|email|tweet|related( articles| stories)?|read more|advertisement|"
    r"follow us on \w+|subscribe( to our newsletter)?|\d+ comments?|copyright .*|©.*)$",
    re.I,
)


def _blank(line: str) -> bool:
    return not line.strip()  # str.strip() also removes U+00A0 and other Unicode spaces


def split_paragraphs(lines: list[str], first_line: int) -> list[Paragraph]:
    """Group lines into paragraphs at blank lines, folding hard-wrapped lines."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(lines, start=first_line):
        if _blank(line):
            if current:
                paragraphs.append(Paragraph(" ".join(current), start))
                current = []
            continue
        if not current:
            start = number
        current.append(" ".join(line.split()))
    if current:
        paragraphs.append(Paragraph(" ".join(current), start))
    return paragraphs


def _drop_chrome(paragraphs: list[Paragraph]) -> list[Paragraph]:
    while paragraphs and SITE_CHROME.match(paragraphs[-1].text.strip()):
        paragraphs.pop()
    return paragraphs


class TextReader:
    """Reads ``.txt`` articles."""

    suffixes: tuple[str, ...] = (".txt",)

    def read(self, path: Path, text: str) -> Draft:
        lines = text.splitlines()
        index = next((i for i, line in enumerate(lines) if not _blank(line)), None)
        if index is None:
            raise ReadError(
                "the file is empty",
                path=path,
                code="empty_article",
                hint="write the headline on the first line, then the date line and the body",
            )
        headline = " ".join(lines[index].split())
        found: dict[str, object] = {"title": headline}
        rest_start = index + 1
        date_index = next((i for i in range(rest_start, len(lines)) if not _blank(lines[i])), None)
        if date_index is not None:
            parsed = parse_date_line(lines[date_index])
            if parsed is not None:
                found["date"] = parsed.value
                found["date_text"] = parsed.text
                rest_start = date_index + 1
            elif looks_like_date(lines[date_index]):
                # kept as body text, but remembered so that "no date" can quote it
                found["date_text"] = " ".join(lines[date_index].split())
        paragraphs = _drop_chrome(split_paragraphs(lines[rest_start:], rest_start + 1))
        if not paragraphs:
            raise ReadError(
                "the article has a headline but no body text",
                path=path,
                line=index + 1,
                code="empty_body",
                hint="add the body paragraphs after the date line, separated by blank lines",
            )
        return Draft(
            path=path, paragraphs=tuple(paragraphs), found=ArticleMeta.model_validate(found)
        )
