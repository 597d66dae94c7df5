"""Sitemaps checked against their XML schemas on the bytes a build is about to write.

A sitemap a crawler rejects is silently ignored, so the check runs in every
build, as the feed rules do: the sitemaps.org 0.9 and Google News 0.9 schemas in
``dateline/data`` (written from the published protocol documents), loaded with
a parser that fetches nothing.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from dateline.errors import Finding
from dateline.validate.feeds import safe_xml_parser

__all__ = ["SITEMAP_SCHEMAS", "check_sitemap"]

SITEMAP_SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "sitemaps.xsd"


def _schema() -> etree.XMLSchema:
    # schemaLocation imports are files next to it; no_network keeps it that way
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SITEMAP_SCHEMAS), parser))


def check_sitemap(data: bytes, path: Path) -> list[Finding]:
    """Findings for a sitemap or news sitemap that its schema does not accept."""
    try:
        doc = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        return [Finding("sitemap_schema", f"not well-formed XML: {exc}", path)]
    schema = _schema()
    if schema.validate(doc):
        return []
    return [
        Finding("sitemap_schema", f"line {error.line}: {error.message}", path)
        for error in list(schema.error_log)[:10]
    ]
