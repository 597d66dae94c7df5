"""Wire credit: a story the text credits to an agency ("LONDON (Reuters) -") names that
agency as author and sourceOrganization, and its credit line's people as contributors
and editors, never as people the story is about. The publisher stays the site, and
what an editor wrote wins. Read back with extruct, pyld/rdflib and feedparser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dateline.cli import main
from dateline.enrich import CreditEnricher
from dateline.enrich.credit import (
    Agency,
    Role,
    agency_named,
    find_credit,
    load_agencies,
    without_credit,
)
from dateline.ingest.page import extract_page
from dateline.model.meta import ArticleMeta, AuthorSpec
from dateline.pipeline import build_site
from dateline.read import read_article
from dateline.settings import Settings

from .conftest import DATA, repo_settings
from .jsonld_helpers import SCHEMA, to_graph

WIRE = DATA / "wire"
S = rdflib.Namespace(SCHEMA)


@pytest.mark.parametrize("agency", load_agencies(), ids=lambda a: a.key)
def test_every_agency_row_credits_its_example(agency: Agency) -> None:
    credit = find_credit([agency.example])
    assert credit.agency == agency
    assert credit.agency_evidence
    assert credit.agency_evidence in agency.example


def test_agency_rows_have_distinct_keys_and_printed_forms() -> None:
    rows = load_agencies()
    assert len({a.key for a in rows}) == len(rows)
    printed = [p.casefold() for a in rows for p in a.printed]
    assert len(set(printed)) == len(printed)
    assert all(a.url.startswith("https://") for a in rows)


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        ("LONDON (Reuters) - The pound rose.", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "Associated Press"),
        ("NEW DELHI, Sept 10 (PTI): The summit closed.", "Press Trust of India"),
        ("BEIJING, March 11 (Xinhua) -- The deal was signed.", "Xinhua"),
        ("March 21 (Reuters) - Oil steadied.", "Reuters"),  # no place: Reuters' own style
        ("(Bloomberg) -- The yen weakened.", "Bloomberg News"),
        ("KYIV, Ukraine — Officials said.", None),  # no agency
        ("BEIJING (China Daily) - The group said.", None),  # not an agency dateline reads
        ("TEHRAN – Iran's acting president met Putin.", None),  # the seed's style
        ("The Reuters news agency reported (AP) nothing.", None),  # no dateline at all
    ],
)
def test_agency_from_the_dateline(lead: str, agency: str | None) -> None:
    found = find_credit([lead]).agency
    assert (found.name if found else None) == agency


@pytest.mark.parametrize(
    ("line", "people"),
    [
        (
            "(Reporting by Terje Solsvik and Gwladys Fouche in Oslo; Additional reporting by "
            "Nora Buli; Writing by Anna Ringstrom; Editing by Hugh Lawson)",
            [
                ("Terje Solsvik", Role.REPORTING),
                ("Gwladys Fouche", Role.REPORTING),
                ("Nora Buli", Role.ADDITIONAL_REPORTING),
                ("Anna Ringstrom", Role.WRITING),
                ("Hugh Lawson", Role.EDITING),
            ],
        ),
        (
            "Reporting by Jane Roe in Kyiv, John Doe in Moscow; editing by Mark Heinrich.",
            [
                ("Jane Roe", Role.REPORTING),
                ("John Doe", Role.REPORTING),
                ("Mark Heinrich", Role.EDITING),
            ],
        ),
        (
            "(Reporting by Reuters staff; Compiled by Asha Patel; "
            "Edited by Ros Russell & Jan Harvey)",
            [
                ("Asha Patel", Role.COMPILING),
                ("Ros Russell", Role.EDITING),
                ("Jan Harvey", Role.EDITING),
            ],
        ),
        (
            "Associated Press writers Mary Clare Jalonick and Lisa Mascaro contributed to this "
            "report.",
            [("Mary Clare Jalonick", Role.CONTRIBUTING), ("Lisa Mascaro", Role.CONTRIBUTING)],
        ),
        (
            "AP writer Ana de la Cruz contributed from Mexico City.",
            [("Ana de la Cruz", Role.CONTRIBUTING)],
        ),
        ("Editing by committee, the new editor said, would end.", []),
        ("Reporting by Reuters staff and local newsrooms was cited in the report.", []),
        ("(Reporting by the Tokyo newsroom)", []),
        ("Local writers Jane Roe and John Doe contributed to this report.", []),  # not an agency
        ("The minister said talks would resume (reporting by officials was wrong).", []),
    ],
)
def test_people_of_the_closing_credit_line(line: str, people: list[tuple[str, Role]]) -> None:
    credit = find_credit(["OSLO (Reuters) - The bank held rates.", line])
    assert [(p.name, p.role) for p in credit.people] == people
    assert (credit.text_end == (1, None)) is bool(people)


def test_credit_closing_the_last_paragraph_is_cut_from_the_text() -> None:
    draft = read_article(WIRE / "placeless-inline.txt", 1_000_000)
    credit = find_credit([p.text for p in draft.paragraphs])
    assert credit.contributors == ("Noah Browning", "Florence Tan")
    assert credit.editors == ("David Goodman",)
    text = without_credit(draft).body_text
    assert text.endswith("by 0730 GMT.")
    assert draft.body_text.startswith(text)


def test_summary_leaves_out_a_placeless_agency_dateline(wire_site: tuple[Settings, Path]) -> None:
    _, out = wire_site
    graph = to_graph(_doc(out, "oil"))
    summary = str(graph.value(_article(graph), S.description))
    assert summary.startswith("Oil prices steadied on Thursday")


def test_the_lead_is_never_a_credit_line() -> None:
    assert find_credit(["(Reporting by Jane Roe; Editing by John Doe)"]).people == ()


@given(st.lists(st.text(max_size=200), max_size=5))
def test_credit_reads_any_text_and_only_cuts_the_end(paragraphs: list[str]) -> None:
    credit = find_credit(paragraphs)
    if credit.text_end is not None:
        index, keep = credit.text_end
        assert 0 <= index < len(paragraphs)
        assert keep is None or 0 < keep <= len(paragraphs[index])


def test_enricher_layer_says_only_what_the_text_says() -> None:
    draft = read_article(WIRE / "not-credit.txt", 1_000_000)
    assert CreditEnricher()(draft, ArticleMeta()).model_fields_set == set()


@pytest.fixture(scope="module")
def wire_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    root = tmp_path_factory.mktemp("wire")
    shutil.copytree(WIRE, root / "content")
    settings = repo_settings(root / "feeds", root / "content")
    report = build_site(settings)
    assert not report.failed, [str(f) for f in report.findings]
    return settings, root / "feeds"


def _doc(out: Path, slug_start: str) -> dict[str, Any]:
    (path,) = (out / "articles").glob(f"{slug_start}*.jsonld")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _names(graph: rdflib.Graph, article: rdflib.term.Node, prop: rdflib.URIRef) -> list[str]:
    return sorted(str(graph.value(o, S.name)) for o in graph.objects(article, prop))


def _article(graph: rdflib.Graph) -> rdflib.term.Node:
    (article,) = graph.subjects(rdflib.RDF.type, S.NewsArticle)
    return article


def test_reuters_story_credits_reuters_and_its_people(wire_site: tuple[Settings, Path]) -> None:
    settings, out = wire_site
    graph = to_graph(_doc(out, "norway"))
    article = _article(graph)
    (author,) = graph.objects(article, S.author)
    assert (author, rdflib.RDF.type, S.NewsMediaOrganization) in graph
    assert str(graph.value(author, S.name)) == "Reuters"
    assert str(graph.value(author, S.url)) == "https://www.reuters.com/"
    assert graph.value(article, S.sourceOrganization) == author
    assert _names(graph, article, S.contributor) == [
        "Anna Ringstrom",
        "Gwladys Fouche",
        "Nora Buli",
        "Terje Solsvik",
    ]
    assert _names(graph, article, S.editor) == ["Hugh Lawson"]
    assert _names(graph, article, S.publisher) == [settings.publisher.name]
    # the reporters are credited, not people the story is about or mentions
    named = _names(graph, article, S.mentions) + _names(graph, article, S.about)
    assert "Ida Wolden Bache" in named
    assert not {"Terje Solsvik", "Hugh Lawson", "Nora Buli"} & set(named)


def test_ap_story_in_the_page_and_the_feeds(wire_site: tuple[Settings, Path]) -> None:
    _, out = wire_site
    (page,) = (out / "articles").glob("senate*.html")
    (found,) = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    graph = to_graph(found)
    article = _article(graph)
    assert _names(graph, article, S.author) == ["Associated Press"]
    assert _names(graph, article, S.sourceOrganization) == ["Associated Press"]
    assert _names(graph, article, S.contributor) == ["Lisa Mascaro", "Mary Clare Jalonick"]
    assert "Associated Press" not in _names(graph, article, S.mentions)
    atom = feedparser.parse(out / "atom.xml")
    assert not atom.bozo
    authors = {e.title: e.author for e in atom.entries}
    assert authors["Senate passes stopgap bill, averting a partial government shutdown"] == (
        "Associated Press"
    )
    assert authors["Oil steadies after three days of losses as stocks build"] == "Reuters"


def test_an_editors_byline_wins_the_agency_stays_the_source(
    wire_site: tuple[Settings, Path],
) -> None:
    settings, out = wire_site
    graph = to_graph(_doc(out, "finland"))
    article = _article(graph)
    assert _names(graph, article, S.author) == ["Anne Kauranen"]
    assert _names(graph, article, S.sourceOrganization) == ["Reuters"]
    assert _names(graph, article, S.editor) == ["Terje Solsvik"]
    assert _names(graph, article, S.publisher) == [settings.publisher.name]


def test_a_sidecar_overrides_agency_and_contributors(wire_site: tuple[Settings, Path]) -> None:
    settings, out = wire_site
    doc = _doc(out, "kenya")
    graph = to_graph(doc)
    article = _article(graph)
    assert _names(graph, article, S.author) == ["Desk Correspondent"]
    (source,) = graph.objects(article, S.sourceOrganization)
    assert str(source) == f"{settings.base_url}id/afp"
    assert str(graph.value(source, S.name)) == "Agence France-Presse"
    assert list(graph.objects(article, S.contributor)) == []


def test_no_credit_no_change(wire_site: tuple[Settings, Path]) -> None:
    settings, out = wire_site
    graph = to_graph(_doc(out, "regional-paper"))
    article = _article(graph)
    assert _names(graph, article, S.author) == [settings.publisher.name]  # unsigned: the site
    assert list(graph.objects(article, S.sourceOrganization)) == []
    assert list(graph.objects(article, S.contributor)) == []


def test_review_shows_the_credit() -> None:
    result = CliRunner().invoke(main, ["review", str(WIRE / "reuters-trailer.txt")])
    assert result.exit_code == 0, result.output
    credit = result.output.split("CREDIT\n", 1)[1].split("\nEVENTS", 1)[0]
    assert "author and sourceOrganization: Reuters <https://www.reuters.com/>" in credit
    assert "“OSLO (Reuters) -”" in credit
    assert "contributor: Terje Solsvik, Gwladys Fouche, Nora Buli, Anna Ringstrom" in credit
    assert "editor: Hugh Lawson" in credit
    assert "(Reporting by Terje Solsvik and Gwladys Fouche in Oslo;" in credit
    mine = CliRunner().invoke(main, ["review", str(WIRE / "byline-wins.md")])
    assert "sourceOrganization (author stays Anne Kauranen): Reuters" in mine.output
    assert agency_named("reuters") is not None


def test_an_organization_author_is_an_organization(wire_site: tuple[Settings, Path]) -> None:
    _, out = wire_site
    doc = _doc(out, "lebanon")
    graph = to_graph(doc)
    article = _article(graph)
    (author,) = graph.objects(article, S.author)
    assert (author, rdflib.RDF.type, S.Organization) in graph
    assert (author, rdflib.RDF.type, S.Person) not in graph
    # the dateline's agency is the same node, made once
    assert graph.value(article, S.sourceOrganization) == author
    assert [n["@id"] for n in doc["@graph"]].count(str(author)) == 1


def test_a_page_whose_author_is_an_organization_keeps_it_so() -> None:
    words = " ".join(f"word{i}" for i in range(120))
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rates held",'
        '"datePublished":"2024-03-21T09:14:00+00:00",'
        '"author":[{"@type":"NewsMediaOrganization","name":"Reuters",'
        '"url":"https://www.reuters.com/"},{"@type":"Person","name":"Terje Solsvik"}]}'
        f"</script></head><body><article><p>{words}</p></article></body></html>"
    )
    article = extract_page(html, "https://news.example.org/rates")
    assert article.meta["author"] == [
        {"name": "Reuters", "url": "https://www.reuters.com/", "type": "Organization"},
        {"name": "Terje Solsvik"},
    ]
    assert ArticleMeta.model_validate({"author": article.meta["author"]}).author == [
        AuthorSpec(name="Reuters", url="https://www.reuters.com/", type="Organization"),
        AuthorSpec(name="Terje Solsvik"),
    ]


def test_a_credit_never_fails_an_article(tmp_path: Path) -> None:
    """The credit is inferred: when an editor elsewhere typed the same key as something
    else, the crediting article gets a warning and both publish."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(WIRE / "reuters-trailer.txt", content / "norway.txt")
    (content / "named.md").write_text(
        "---\ntitle: A paper names its own columnist\ndate: 2024-03-20T10:00:00+00:00\n"
        "entities:\n- {id: reuters, type: Person, name: Ada Reuters}\n"
        "- {id: hugh-lawson, type: Place, name: Hugh Lawson}\n---\n\n"
        "LONDON – Ada Reuters writes about Hugh Lawson, a hamlet, on Wednesdays.\n",
        encoding="utf-8",
    )
    settings = repo_settings(tmp_path / "feeds", content).model_copy(update={"enrich": False})
    report = build_site(settings)
    codes = {(f.path.name if f.path else "", f.code, f.severity) for f in report.findings}
    assert not report.failed, sorted(codes)
    assert ("norway.txt", "inferred_id_conflict", "warning") in codes
    assert not any(code == "conflicting_id" for _, code, _ in codes)
