"""The article body as HTML, for the page and for the feeds' full content.

Plain-text sources become escaped paragraphs. Markdown is rendered with raw HTML
off and then cleaned by nh3 (Ammonia) all the same, so no script, style, event
handler or ``javascript:`` URL can come from content; HTML that holds nothing nh3
would change (attribute-free tags of a short list, see :func:`_as_nh3_writes`) is
taken as it is, which is most articles (nh3 parsed and wrote each again).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import nh3

from dateline.read.draft import Draft
from dateline.read.markdown import only_paragraphs, render_markdown

__all__ = ["body_html"]

_ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "br", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


#: The tags nh3 (html5ever) writes back as markdown-it wrote them: attribute-free
#: (no link to make absolute, no URL or handler to check), none that html5ever
#: moves (a newline after ``<pre>``) or rewrites (``<br />``), none it drops.
_KEPT_TAGS = frozenset(
    f"<{end}{tag}>"
    for tag in ("p", "em", "strong", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6")
    for end in ("", "/")
)
#: A tag as markdown-it writes it (raw HTML is off: every other ``<`` is ``&lt;``).
_TAG = re.compile(r"<[^>]*>")


def _as_nh3_writes(rendered: str, paragraphs: bool | None = None) -> bool:
    """Whether nh3 would give ``rendered`` back as it is: only tags of
    :data:`_KEPT_TAGS`, no character reference but ``&amp;``, ``&lt;``, ``&gt;``
    (html5ever writes ``&quot;`` as ``"``), no no-break space (it writes
    ``&nbsp;``), carriage return or NUL. Counted with string methods, which a
    regular expression trying each alternative at each character was 8x slower than.
    ``paragraphs``: :func:`only_paragraphs` of ``rendered``, when the reader told it."""
    if "\xa0" in rendered or "\r" in rendered or "\x00" in rendered:
        return False
    if "&" in rendered:  # a search, where most articles have none to count
        references = rendered.count("&")
        if references != sum(map(rendered.count, ("&amp;", "&lt;", "&gt;"))):
            return False
    if paragraphs is None:
        paragraphs = only_paragraphs(rendered)
    # paragraphs alone (most articles) are kept tags, told without finding each
    return paragraphs or all(tag in _KEPT_TAGS for tag in _TAG.findall(rendered))


def body_html(draft: Draft, page_url: str) -> str:
    """The body as safe HTML; relative links are made absolute against ``page_url``,
    because feed readers show content away from the page it came from."""
    if draft.body_markdown is not None:
        rendered, paragraphs = draft.body_rendered, draft.paragraphs_only
        if rendered is None:  # a Draft made by hand, not by the reader
            rendered, paragraphs = render_markdown(draft.body_markdown), None

        if _as_nh3_writes(rendered, paragraphs):
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
