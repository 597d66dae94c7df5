"""Ingest: pages and feeds on the web → Markdown articles in the content folder.

One module per job: :mod:`~dateline.ingest.fetch` (HTTP with every safety check),
:mod:`~dateline.ingest.metadata` (what the page declares), :mod:`~dateline.ingest.body`
(the article text), :mod:`~dateline.ingest.dates` (the publication date and its zone),
:mod:`~dateline.ingest.page` (the three together), :mod:`~dateline.ingest.frontmatter`
(the file written), :mod:`~dateline.ingest.feeds` (feed items) and
:mod:`~dateline.ingest.add` (the two commands' runs). The normal build then reads
the written files like any other article.
"""

from dateline.ingest.add import Ingester, Outcome
from dateline.ingest.errors import IngestError
from dateline.ingest.page import Extracted, extract_page

__all__ = ["Extracted", "IngestError", "Ingester", "Outcome", "extract_page"]
