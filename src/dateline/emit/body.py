"""The article body as HTML, for the page and for the feeds' full content.

Plain-text sources become escaped paragraphs. Markdown is rendered with raw HTML
off and then cleaned by nh3 (Ammonia) all the same, so no script, style, event
handler or ``javascript:`` URL can come from content; HTML that holds nothing nh3
would change (attribute-free tags of a short list, see :data:`_REWRITTEN`) is
taken as it is, which is most articles (nh3 parsed and wrote each again).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import nh3

from dateline.read.draft import Draft
from dateline.read.markdown import render_markdown

__all__ = ["body_html"]

_ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "br", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


#: What in markdown-it's output nh3 (html5ever) would write otherwise: a tag but an
#: attribute-free one of these (no attribute: no link to make absolute, no URL or
#: handler to check; none html5ever moves, as it moves a newline after ``<pre>``, or
#: rewrites, as ``<br />``), a character reference but ``&amp;``, ``&lt;`` and
#: ``&gt;`` (html5ever writes ``&quot;`` as ``"``), a no-break space (it writes
#: ``&nbsp;``), a carriage return or a NUL.
_REWRITTEN = re.compile(
    r"<(?!/?(?:p|em|strong|blockquote|ul|ol|li|h[2-6])>)|&(?!amp;|lt;|gt;)|[\xa0\r\x00]"
)


def body_html(draft: Draft, page_url: str) -> str:
    """The body as safe HTML; relative links are made absolute against ``page_url``,
    because feed readers show content away from the page it came from."""
    if draft.body_markdown is not None:
        rendered = draft.body_rendered
        if rendered is None:  # a Draft made by hand, not by the reader
            rendered = render_markdown(draft.body_markdown)

        if _REWRITTEN.search(rendered) is None:
            # nh3 would give it back as it is (tests compare): most articles, whose
            # Markdown is paragraphs, emphasis, lists and headings
            return rendered.strip()

        def absolute(tag: str, attribute: str, value: str) -> str | None:
            return urljoin(page_url, value) if attribute == "href" else value

        return nh3.clean(
            rendered,
            tags=_ALLOWED_TAGS,
            attributes={"a": {"href", "title"}},
            attribute_filter=absolute,
            url_schemes={"http", "https", "mailto"},
        ).strip()
    return "\n".join(f"<p>{html.escape(p.text, quote=False)}</p>" for p in draft.paragraphs)
