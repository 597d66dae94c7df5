"""List items (home, topic and entity pages), the home page, topic pages and entity pages
are written in code: the same bytes as the Jinja templates that made them before
(``_list.html``, ``index.html``, ``topic.html``, ``entity.html``, kept in
``tests/data/reference/``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from lxml import html as lxml_html

from dateline.emit.html import PageRenderer, kind_label
from dateline.emit.lists import IndexPage, ListRenderer, list_item
from dateline.emit.summary import ArticleSummary
from dateline.emit.topics import Topic
from dateline.emit.urls import FeedUrls
from dateline.model.entities import Organization, Person, Place
from dateline.settings import Settings, load_settings

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


@hyp_settings(max_examples=200, deadline=None)
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


def _reference_page(template: str, settings: Settings, **values: Any) -> str:
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(DATA / "reference"), PackageLoader("dateline", "templates")]
        ),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template(template).render(
        site=settings, feeds=FeedUrls.for_site(settings.base_url), **values
    )


@pytest.mark.parametrize("number", [0, 1, 2, 3])
@pytest.mark.parametrize("description", ["", 'Talks & "treaties" <daily>'])
@pytest.mark.parametrize("sections", [0, 1, 2])
def test_the_home_page_is_the_templates_bytes(number: int, description: str, sections: int) -> None:
    """The home page and its archive pages, written in code, are what ``index.html``
    made, with or without a description, sections, a site graph, newer and older pages."""
    settings = load_settings(DATA / "site" / "dateline.toml").model_copy(
        update={"title": "Desk <&> 'News'", "description": description}
    )
    base = str(settings.base_url)
    topics = [
        Topic("section", key, name, base) for key, name in [("world", "World"), ("a-b", "A & B")]
    ][:sections]
    page = IndexPage(number, 3, base)
    summaries = [_summary(n, base) for n in range(3)]
    lists = ListRenderer(PageRenderer(settings))
    jsonld = '{"@graph": []}' if number == 0 else None
    ours = lists.index_page(page, summaries, topics, jsonld)
    reference = _reference_page(
        "index.html",
        settings,
        jsonld=jsonld,
        articles=[lists.item(s) for s in summaries],
        page=page,
        canonical=page.here,
        topics=topics,
    )
    assert ours == reference
    assert lxml_html.fromstring(ours).xpath("//title/text()")[0].startswith("Desk <&> 'News'")


def _summary(number: int, base: str) -> ArticleSummary:
    return ArticleSummary(
        source=f"{number}.md",
        slug=f"story-{number}",
        base=base,
        headline=f"Story <{number}> & more",
        date_published="2024-05-14T09:30:00+03:00",
        date_modified=None,
        published_text="14 May 2024, 09:30 +03:00",
        timestamp=1715668200.0 - number,
        dateline="GENEVA" if number % 2 else None,
        description="A summary." if number else None,
        in_language="en",
        section="World" if number != 1 else None,
        keywords=("Talks",),
        authors=(),
        index_text="",
        nodes=(),
    )


def _awkward_site(description: str = "") -> Settings:
    return load_settings(DATA / "site" / "dateline.toml").model_copy(
        update={"title": "Desk <&> 'News'", "description": description}
    )


@pytest.mark.parametrize("number", [0, 1, 2, 3])
@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_topic_pages_are_the_templates_bytes(number: int, kind: str) -> None:
    """A topic's page and its archive pages, written in code, are what ``topic.html``
    made: title, links to newer and older pages, feed autodiscovery, the list."""
    settings = _awkward_site()
    base = str(settings.base_url)
    topic = Topic(kind, "a-b", 'A & "B" <c>', base)
    page = IndexPage(number, 3, base, topic.folder)
    summaries = [_summary(n, base) for n in range(number + 1)]
    lists = ListRenderer(PageRenderer(settings))
    ours = lists.topic_page(topic, page, summaries)
    reference = _reference_page(
        "topic.html",
        settings,
        topic=topic,
        title=topic.title(settings.title),
        articles=[lists.item(s) for s in summaries],
        page=page,
    )
    assert ours == reference
    assert lxml_html.fromstring(ours).xpath("//h1/text()") == ['A & "B" <c>']


@pytest.mark.parametrize(
    "entity",
    [
        Person(
            id="https://example.org/id/a-b",
            name='Ana "B" <Cé> & co',
            job_title="Minister <of> Things",
            description="Said things & more.",
            same_as=["https://www.wikidata.org/wiki/Q1", "https://en.wikipedia.org/wiki/A_%26_B"],
        ),
        Person(id="https://example.org/id/c", name="C"),
        Organization(
            id="https://example.org/id/d",
            type="GovernmentOrganization",
            name="D & E",
            same_as=["https://d.example/"],
        ),
        Place(id="https://example.org/id/f", type="City", name="F", description=""),
    ],
    ids=["person", "bare person", "government body", "city"],
)
def test_entity_pages_are_the_templates_bytes(entity: Person | Organization | Place) -> None:
    """An entity's page, written in code, is what ``entity.html`` made: its kind, job
    title, description, links elsewhere, site graph and the stories that name it."""
    settings = _awkward_site()
    base = str(settings.base_url)
    summaries = [_summary(n, base) for n in range(2)]
    lists = ListRenderer(PageRenderer(settings))
    jsonld = '{"@graph": [1]}'
    ours = lists.entity_page(entity, summaries, jsonld)
    reference = _reference_page(
        "entity.html",
        settings,
        entity=entity,
        kind=kind_label(entity.type),
        job_title=getattr(entity, "job_title", None),
        same_as=entity.same_as,
        jsonld=jsonld,
        articles=[lists.item(s) for s in summaries],
    )
    assert ours == reference
    assert lxml_html.fromstring(ours).xpath("//h1/text()") == [entity.name]
