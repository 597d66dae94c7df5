"""The per-article stage's fast paths give what the slow, obvious code gave.

Each fast path (issue 9: a 10k build within 2x a minimal pipeline's CPU) replaced
code that was simple to trust; these tests keep that code as the reference and
compare on generated input, so a fast path that drifts fails here.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from dateline.emit.jsonld import dumps, script_json, script_text
from dateline.model.types import absolute_url
from dateline.read.markdown import _BLOCKS, block_texts, render_markdown


class _ReferenceBlockText(HTMLParser):
    """What the reader used before :func:`block_texts`: the standard library's parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []


def _reference(rendered: str) -> list[str]:
    parser = _ReferenceBlockText()
    parser.feed(rendered)
    parser.close()
    parser._flush()
    return parser.blocks


MARKDOWN_SAMPLES = [
    "Plain paragraph.\n\nAnother one, with *emphasis* and `code < b && c > d`.",
    "# Heading\n\n- one\n- two &amp; three\n\n> quoted <b>not html</b>\n",
    "```\n<script>alert(1)</script>\n```\n\n    indented & code\n",
    '[a link](http://x.org/?a=1&b="2" "title > with <angles>") and ![alt > text](i.png)',
    "1. first\n2. second\n\n***\n\nline  \nbreak\\\nend &copy; &#169; &#xA9; &bogus;",
    "Setext\n======\n\nText with a trailing backslash\\",
    "<div>raw html is text here</div>\n\n<!-- and a comment -->",
]


@pytest.mark.parametrize("source", MARKDOWN_SAMPLES)
def test_block_texts_match_the_html_parser_on_samples(source: str) -> None:
    rendered = render_markdown(source)
    assert block_texts(rendered) == _reference(rendered)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
    | st.text(alphabet="#*_-+=>.)0123456789 <>&;[]()!`~|\\:ab\n\"'", max_size=200)
)
def test_block_texts_match_the_html_parser(source: str) -> None:
    rendered = render_markdown(source)
    assert block_texts(rendered) == _reference(rendered)


def _slow_absolute_url(value: str) -> str:
    """The character-by-character encoding the fast path skips."""
    from dateline.model.types import _HEX2, _URL_CHARS  # noqa: PLC0415 - the reference only

    head, _, rest = value.partition("://")
    host, slash, path = rest.partition("/")
    out = []
    for i, char in enumerate(slash + path):
        if char == "%" and not _HEX2.match(slash + path, i + 1):
            out.append("%25")
        elif char in _URL_CHARS:
            out.append(char)
        else:
            out.append(quote(char, safe=""))
    return f"{head}://{host}{''.join(out)}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abz09-._~:/?#@!$&'()*+,;=%\"<>{} é\u00a0\u2028", max_size=40))
def test_absolute_url_encodes_as_the_slow_path(path: str) -> None:
    value = "https://example.org/" + path
    try:
        fast = absolute_url(value)
    except PydanticCustomError:
        assert any(c.isspace() for c in value)
        return
    assert not any(c.isspace() for c in value)
    assert fast == _slow_absolute_url(value)


@pytest.mark.parametrize(
    "doc",
    [
        {"@graph": [{"headline": "a </script> & <!-- b", "x": "\u2028\u2029"}]},
        {"@graph": [{"headline": "plain", "n": 1, "l": [], "d": {}}]},
    ],
)
def test_script_text_of_the_dumped_document_is_script_json(doc: dict[str, object]) -> None:
    text = script_text(dumps(doc))
    assert text == script_json(doc)
    assert json.loads(text) == doc
    assert "</script" not in text


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-5, 1.5e-7, 0.00012, 35.6892, -0.0, 1e16, 1e-10])
    | st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=4))
def test_dumps_writes_what_json_writes(doc: dict[str, object]) -> None:
    """The JSON-LD files are byte-identical to the standard library's text."""
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_dumps_takes_what_orjson_refuses() -> None:
    doc: dict[str, object] = {"big": 2**80, "nested": {"x": [1e-05, "e-5 0.00001"]}}
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
