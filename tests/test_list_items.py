"""List items (home, topic and entity pages) are written in code: the same bytes as the
Jinja loop of ``_list.html`` that made them before (kept in ``tests/data/reference/``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from lxml import html as lxml_html

from dateline.emit.lists import list_item

from .conftest import DATA

_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
_MAYBE = st.none() | st.just("") | _TEXT


def _reference(items: list[dict[str, Any]]) -> str:
    env = Environment(
        loader=FileSystemLoader(DATA / "reference"), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("_list.html").render(articles=items)


def _ours(items: list[dict[str, Any]]) -> str:
    return '<ul class="articles">\n' + "".join(map(list_item, items)) + "</ul>\n"


def _item(**values: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "url": "https://example.org/articles/a.html",
        "headline": 'Talks in "Geneva" <end> & more',
        "published": "2024-05-14T09:30:00+03:00",
        "published_text": "14 May 2024, 09:30 EEST",
        "dateline": "GENEVA",
        "summary": "Delegates met; it's <b>not</b> over.",
        "section": "World & Region",
        "section_url": "https://example.org/section/world/",
    }
    item.update(values)
    return item


@pytest.mark.parametrize(
    "items",
    [
        [],
        [_item()],
        [_item(section=None, dateline=None, summary=None), _item(section_url=None)],
        [_item(section="", dateline="", summary="", section_url="")],
    ],
)
def test_list_items_are_the_templates_bytes(items: list[dict[str, Any]]) -> None:
    assert _ours(items) == _reference(items)


def test_list_items_escape_what_they_show() -> None:
    page = lxml_html.fromstring(_ours([_item()]))
    (item,) = page.xpath("//li")
    assert item.xpath("a/text()") == ['Talks in "Geneva" <end> & more']
    assert item.xpath('p[@class="summary"]/text()') == ["Delegates met; it's <b>not</b> over."]
    assert item.xpath(".//span[@class='section']/a/text()") == ["World & Region"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "url": _TEXT,
                "headline": _TEXT,
                "published": _TEXT,
                "published_text": _TEXT,
                "dateline": _MAYBE,
                "summary": _MAYBE,
                "section": _MAYBE,
                "section_url": _MAYBE,
            }
        ),
        max_size=3,
    )
)
def test_list_items_are_the_templates_bytes_for_any_text(items: list[dict[str, Any]]) -> None:
    assert _ours(items) == _reference(items)
