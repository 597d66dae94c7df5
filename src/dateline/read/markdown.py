"""Reader for Markdown articles with YAML front matter (``.md``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from dateline.errors import ReadError
from dateline.model.meta import ArticleMeta
from dateline.read.draft import Draft, Paragraph
from dateline.read.yamlmeta import load_yaml_mapping, meta_from_mapping

__all__ = ["MarkdownReader", "render_markdown"]

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
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
    last_close = source.rfind("]")
    lone = source.count("[", last_close + 1)
    if lone < _LONE_BRACKETS:
        return source
    head, tail = source[: last_close + 1], source[last_close + 1 :]
    return head + tail.replace("[", "\\[")


def render_markdown(source: str) -> str:
    """CommonMark to HTML with raw HTML disabled: content can never inject markup."""
    html: str = MarkdownIt("commonmark", {"html": False}).render(_escape_lone_brackets(source))
    return html


class _BlockText(HTMLParser):
    """Collects the text of each block element, for the plain-text article body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []


class MarkdownReader:
    """Reads ``.md`` articles: front matter is the editor's word, the body is CommonMark."""

    suffixes: tuple[str, ...] = (".md", ".markdown")

    def read(self, path: Path, text: str) -> Draft:
        match = _FRONT.match(text)
        front: ArticleMeta = ArticleMeta()
        body, body_line = text, 1
        if match:
            data, lines = load_yaml_mapping(match.group(1), path, line_offset=1)
            front = meta_from_mapping(data, path, lines)
            body = text[match.end() :]
            body_line = text[: match.end()].count("\n") + 1
        rendered = render_markdown(body)
        parser = _BlockText()
        parser.feed(rendered)
        parser.close()
        parser._flush()
        if not parser.blocks:
            raise ReadError(
                "the article has no body text after its front matter",
                path=path,
                line=body_line,
                code="empty_body",
                hint="write the article below the closing '---'",
            )
        # Markdown blocks do not map 1:1 to lines once rendered; point at the body's start.
        paragraphs = tuple(Paragraph(block, body_line) for block in parser.blocks)
        return Draft(
            path=path,
            paragraphs=paragraphs,
            found=ArticleMeta(),
            front_matter=front,
            body_markdown=body,
            body_rendered=rendered,
        )
