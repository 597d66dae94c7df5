"""Reader for Markdown articles with YAML front matter (``.md``)."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import ReadError
from dateline.model.meta import ArticleMeta
from dateline.read.draft import NO_META, Draft, Paragraph
from dateline.read.yamlmeta import load_yaml_mapping, meta_from_mapping

if TYPE_CHECKING:
    import markdown_it_pyrs
    from markdown_it import MarkdownIt

__all__ = ["MarkdownReader", "block_texts", "only_paragraphs", "render_markdown"]

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
#: :data:`_FRONT`'s opening line, and a line that closes the front matter (at its start)
_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


def _front_matter(text: str) -> tuple[str, int] | None:
    """``_FRONT.match(text)``'s front matter (its group) and end, or None.

    Told by looking for each closing line's start with ``str.find``: the pattern's
    lazy ``(.*?)^`` tried the rest of the pattern at every character of the front
    matter (3.4 us an article of the bench corpus, 1.3 so)."""
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return None
    start = opening.end()
    # a closing line starts the text's next line, or a later one: after a newline.
    # Dashes are looked for from where they were last found; dots only before the next
    # dashes (most front matter ends with "---", and a body holds no "\n..."): the
    # front matter is read twice, the text once at most, whatever lines look like
    # closing ones
    at = start - 1
    dashes = text.find("\n---", at)
    while True:
        if 0 <= dashes < at:
            dashes = text.find("\n---", at)
        dots = text.find("\n...", at, dashes if dashes >= 0 else len(text))
        at = dots if dots >= 0 else dashes
        if at < 0:
            return None
        closing = _FRONT_CLOSE.match(text, at + 1)
        if closing is not None:
            return text[start : at + 1], closing.end()
        at += 1


_OPENED = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")


def _unread_front_matter(text: str, path: Path) -> None:
    """Raise :class:`ReadError` when ``text`` opens front matter that cannot be read: a
    ``---`` never closed (its title and date were reported missing, though written), or
    TOML's ``+++`` (Hugo's other form), which dateline does not read."""
    opened = _OPENED.match(text)
    if opened is None:
        return
    if opened.group(1) == "+++":
        raise ReadError(
            "TOML front matter ('+++') is not read",
            path=path,
            line=1,
            code="front_matter_unclosed",
            hint="write the front matter in YAML between two '---' lines",
        )
    raise ReadError(
        "the front matter opened by '---' on line 1 is never closed",
        path=path,
        line=1,
        code="front_matter_unclosed",
        hint="end it with a line of '---' before the article's text",
    )


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th"}


#: Above this many ``[`` that no ``]`` follows, they are escaped before rendering.
_LONE_BRACKETS = 1000


def _escape_lone_brackets(source: str) -> str:
    """``source`` with every ``[`` that no ``]`` follows escaped, when there are many.

    Such a bracket can open no link or image, but markdown-it still tries, at some
    30 µs each: ``"!["`` two million characters long took a minute. Escaped, it
    renders the same text in a fifth of the time. Ordinary articles (fewer than
    ``_LONE_BRACKETS``) are left exactly as written, since in a code span the
    backslash would show.
    """
    if "[" not in source:  # most articles: one search, not a scan back and a count
        return source
    last_close = source.rfind("]")
    lone = source.count("[", last_close + 1)
    if lone < _LONE_BRACKETS:
        return source
    head, tail = source[: last_close + 1], source[last_close + 1 :]
    return head + tail.replace("[", "\\[")


@functools.cache
def _renderer() -> MarkdownIt:
    """One renderer per process: making one (rule chains, compiled patterns) costs
    more than rendering a 600-word article with it; rendering keeps no state in it."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 - rare: what _fast_renderer refuses

    return MarkdownIt("commonmark", {"html": False})


#: The characters that can open one more level of nesting: a quote ``>``, a list item
#: (``-``, ``+``, ``*``, ``1.``, ``1)``), emphasis (``*``, ``_``), a link or image ``[``.
_NESTING_MARKS = ">*_-+[.)"
_NESTING_BYTES = _NESTING_MARKS.encode("ascii")

#: At most this many of them, the Rust renderer is used. It recurses once per level, and
#: ``">" * 100_000`` overflows its stack: the process dies, no exception to catch.
#: 1,000 levels were measured safe on a 256 KiB thread stack (Linux gives 8 MiB);
#: real news has far fewer marks (181 pages of the scrapinghub article-extraction
#: benchmark: median 47, most 727). Beyond, markdown-it-py renders: it has no such
#: limit, and both give the same HTML.
_FAST_MAX_MARKS = 1000


@functools.cache
def _fast_renderer() -> markdown_it_pyrs.MarkdownIt:
    """markdown-it-pyrs (markdown-it in Rust), some 15x faster than markdown-it-py and
    byte-identical on CommonMark; it was 29% of a build's per-article time."""
    import markdown_it_pyrs  # noqa: PLC0415 - loaded where articles are rendered

    # CommonMark's rules without raw HTML (html_block, html_inline): markdown-it-py's
    # "commonmark" preset with html off, so "<b>" stays text
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(
        [
            "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
            "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image",
            "link", "newline",
        ]
    )  # fmt: skip


def _fast_can_render(source: str) -> bool:
    """Whether markdown-it-pyrs may render ``source``: not too deep for its stack (see
    :data:`_FAST_MAX_MARKS`), and not a code span together with a bracket, where
    markdown-it.rs 0.6 can panic (``[`a`]`` cases; found by this project's fuzz test)."""
    if "`" in source and "[" in source:
        return False
    # counted on the UTF-8 bytes, where each mark is one byte no other character
    # contains: one C pass, where a count per mark took 8 passes over the text
    data = source.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _NESTING_BYTES)) <= _FAST_MAX_MARKS


def render_markdown(source: str) -> str:
    """CommonMark to HTML with raw HTML disabled: content can never inject markup."""
    source = _escape_lone_brackets(source)
    if _fast_can_render(source):
        try:
            fast: str = _fast_renderer().render(source)
        except ImportError:
            pass  # a virtual environment made before the dependency: slower, same HTML
        except BaseException as exc:  # a Rust panic is a BaseException (pyo3)
            if type(exc).__name__ != "PanicException":
                raise
        else:
            return fast
    html: str = _renderer().render(source)
    return html


#: A tag as markdown-it writes it. With raw HTML off every ``<`` and ``>`` of the
#: text and of attribute values is escaped, so a tag ends at the first ``>``.
_ANY_TAG = re.compile(r"<[^>]*>")
#: A block element's tag, opening or closing (see :data:`_BLOCKS`), by its whole name.
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCKS)) + r")(?=[\s/>])[^>]*>", re.IGNORECASE)


def only_paragraphs(rendered: str) -> bool:
    """Whether the only tags of ``rendered`` (HTML :func:`render_markdown` made, where every
    other ``<`` is ``&lt;``) are ``<p>`` and ``</p>``: the body of most articles,
    which needs no pattern to take its tags apart."""
    return rendered.count("<") == rendered.count("<p>") + rendered.count("</p>")


def block_texts(rendered: str) -> list[str]:
    """The text of each block element (paragraph, heading, list item…) of HTML that
    :func:`render_markdown` made, whitespace collapsed: the plain-text article body.

    A scan for tags instead of an HTML parser: the input is markdown-it's own
    output, never raw HTML (see :data:`_ANY_TAG`), and this runs once per article.
    """
    return [text for text, _ in _counted_blocks(rendered)]


def _counted_blocks(rendered: str) -> list[tuple[str, int]]:
    """:func:`block_texts`, each with its number of words (counted while collapsing
    its whitespace, so nobody splits the body again to count them)."""
    return _read_blocks(rendered)[0]


def _read_blocks(rendered: str) -> tuple[list[tuple[str, int]], bool]:
    """:func:`_counted_blocks`, and :func:`only_paragraphs` of ``rendered``.

    A body of paragraphs alone is split at the tags between them
    (:func:`_paragraph_texts`). Otherwise block tags become a NUL (which no text
    holds: markdown-it writes U+0000 as U+FFFD), other tags nothing, and the text
    is unescaped once: two substitutions
    in C, where a loop over every tag took a fifth longer. ``<p>`` and ``</p>`` are
    replaced first: when no ``<`` is left (every ``<`` of the HTML starts a tag),
    they were its only tags, told without counting tags in the HTML (three passes
    over it, ~7 us an article, twice: the page's body asked again).
    """
    texts = _paragraph_texts(rendered)
    if texts is not None:
        return _split_blocks(texts), True
    text = rendered.replace("<p>", "\0").replace("</p>", "\0")
    paragraphs = "<" not in text
    if not paragraphs:
        text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\0", rendered))
    return _split_blocks(html.unescape(text).split("\0")), paragraphs


#: Between two paragraphs, as markdown-it writes them.
_BETWEEN_PARAGRAPHS = "</p>\n<p>"


def _paragraph_texts(rendered: str) -> list[str] | None:
    """The text of each paragraph of HTML whose only tags are paragraphs, each ending
    its line (``<p>…</p>\n``, as markdown-it writes them: most articles' bodies),
    unescaped; None for any other HTML (:func:`_read_blocks` takes it apart).

    One split at the tags between paragraphs and one count of ``<``, where replacing
    both tags made two new copies of the body before it was split (~1% of an
    article's build): every ``<`` of the text is ``&lt;``, so the tags between
    paragraphs hold all of its ``<`` (two each) exactly when there is no other tag.
    """
    if not (rendered.startswith("<p>") and rendered.endswith("</p>\n")):
        return None
    inner = rendered[3:-5]
    texts = inner.split(_BETWEEN_PARAGRAPHS)
    if inner.count("<") != 2 * (len(texts) - 1):
        return None
    # (an entity never spans two paragraphs: each is unescaped alone)
    return [html.unescape(text) for text in texts] if "&" in inner else texts


def _split_blocks(texts: Iterable[str]) -> list[tuple[str, int]]:
    blocks: list[tuple[str, int]] = []
    for block in texts:
        if not block or block == "\n":  # between two blocks (markdown-it ends each so)
            continue
        if _collapsed(block):
            # most paragraphs (one line of single spaces): splitting 600 words only to
            # join them again was a fifth of this function
            blocks.append((block, block.count(" ") + 1))
            continue
        words = block.split()
        if words:
            blocks.append((" ".join(words), len(words)))
    return blocks


def _collapsed(block: str) -> bool:
    """Whether ``" ".join(block.split()) == block``, for a non-empty ``block``, told
    without splitting it: no whitespace but single spaces, none at either end. Every
    character ``str.split`` splits on but the space is a control character or a
    separator, which ``isprintable`` refuses (a test checks every one)."""
    return block.isprintable() and "  " not in block and block[0] != " " and block[-1] != " "


class MarkdownReader:
    """Reads ``.md`` articles: front matter is the editor's word, the body is CommonMark."""

    suffixes: tuple[str, ...] = (".md", ".markdown")

    def read(self, path: Path, text: str) -> Draft:
        found = _front_matter(text)
        front: ArticleMeta = NO_META
        body, body_line = text, 1
        if found is None:
            _unread_front_matter(text, path)
        else:
            matter, end = found
            data, lines = load_yaml_mapping(matter, path, line_offset=1)
            front = meta_from_mapping(data, path, lines)
            body = text[end:]
            body_line = text[:end].count("\n") + 1
        rendered = render_markdown(body)
        blocks, paragraphs_only = _read_blocks(rendered)
        if not blocks:
            raise ReadError(
                "the article has no body text after its front matter",
                path=path,
                line=body_line,
                code="empty_body",
                hint="write the article below the closing '---'",
            )
        # Markdown blocks do not map 1:1 to lines once rendered; point at the body's start.
        paragraphs = tuple(Paragraph(block, body_line, words) for block, words in blocks)
        return Draft(
            path=path,
            paragraphs=paragraphs,
            found=NO_META,
            front_matter=front,
            body_markdown=body,
            body_rendered=rendered,
            paragraphs_only=paragraphs_only,
        )
