"""Entities: one table row per linker rule (tests/data/entities/rules.yaml), the false facts
of issue 7 as regressions, and bounded work on hostile text (issue 8)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from spacy.tokens import Doc, Span

from dateline.cli import main
from dateline.enrich.dateline import find_dateline
from dateline.enrich.entities import LINKER_RULES, EntityExtractor, Extraction
from dateline.enrich.gazetteer import Gazetteer
from dateline.enrich.nlp import DEFAULT_MODEL, OWN_NAMES, UNCONFIRMED, NlpModel, reads_as_english
from dateline.enrich.registry import Registry, RegistryEntry, load_registry
from dateline.enrich.sentences import split_sentences
from dateline.errors import SettingsError
from dateline.read.draft import Paragraph

from .conftest import DATA, ROOT
from .events_helpers import facts_of

RULES: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "entities" / "rules.yaml").read_text(encoding="utf-8")
)


def extract(
    text: str,
    registry: Registry | None = None,
    headline: str = "",
    ents: dict[str, str] | None = None,
    nlp: NlpModel | None = None,
    unconfirmed: dict[str, str] | None = None,
    own: dict[str, str] | None = None,
) -> Extraction:
    """The extraction of ``text``; ``ents`` replaces the recognizer's names with the given
    ones (``name: LABEL``, or ``name#2: LABEL`` for its second occurrence only), so that a
    row can say what a recognizer proposed and the linker rule is tested whatever the
    weights in use propose; ``unconfirmed`` gives, the same way, the names it proposed
    that the model's own recognizer did not confirm (``nlp_ner_confirm``), and ``own``
    what the model's own recognizer named where it read to confirm."""
    paragraphs = [Paragraph(p, i) for i, p in enumerate(text.split("\n\n"))]
    sentences = split_sentences(paragraphs)
    dateline = find_dateline(paragraphs[0].text)
    parsed = None
    if ents is not None:
        texts: dict[int, list[str]] = {}
        for sentence in sentences:
            texts.setdefault(sentence.paragraph, []).append(sentence.text)
        joined = [" ".join(texts.get(i, [])) for i in range(max(texts, default=-1) + 1)]
        parsed = (nlp or NlpModel.shared()).parse_article(headline, joined)
        seen: dict[str, int] = {}
        weak_seen: dict[str, int] = {}
        own_seen: dict[str, int] = {}
        for doc in (parsed.headline, *parsed.paragraphs):
            doc.ents = _spans(doc, ents, seen)
            doc.spans[UNCONFIRMED] = _spans(doc, unconfirmed or {}, weak_seen)
            doc.spans[OWN_NAMES] = _spans(doc, own or {}, own_seen)
    return EntityExtractor(Gazetteer.shared(), registry, nlp).extract(
        headline, sentences, dateline, parsed
    )


def _spans(doc: Doc, specs: dict[str, str], seen: dict[str, int]) -> list[Span]:
    """The runs of ``doc`` the specs name (``name#2``: its second occurrence in the
    article only; ``seen`` counts the occurrences across the article's docs)."""
    spans = []
    for spec, label in specs.items():
        name, _, nth = spec.partition("#")
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            seen[name] = seen.get(name, 0) + 1
            if not nth or int(nth) == seen[name]:
                span = doc.char_span(match.start(), match.end(), label=label)
                assert span is not None, f"{name!r} is no run of tokens"
                spans.append(span)
    return sorted(spans, key=lambda span: span.start)


def by_name(result: Extraction) -> dict[str, Any]:
    return {e.name: e for e in result.named()}


def test_every_rule_has_a_row_and_every_row_a_rule() -> None:
    assert {row["rule"] for row in RULES} == set(LINKER_RULES)


#: row keys marking a known regression of the default recognizer: the news-tuned
#: weights (``news_regression``), or confirming their organizations with the model's own
#: recognizer (``confirm_regression``, setting ``nlp_ner_confirm``)
_REGRESSIONS = ("news_regression", "confirm_regression")


def _regression(row: dict[str, Any]) -> str:
    """Why the default recognizer breaks a row ("" where it does not)."""
    return next((str(row[key]) for key in _REGRESSIONS if row.get(key)), "")


@pytest.mark.parametrize("row", RULES, ids=[row["rule"] for row in RULES])
def test_linker_rule(row: dict[str, Any]) -> None:
    """Each row under the default recognizer; a row marked ``news_regression`` (a known
    regression of the news-tuned weights) under the model's own, and one marked
    ``confirm_regression`` under the news weights without confirming, since they test
    the rule."""
    nlp = None
    if row.get("news_regression"):
        nlp = NlpModel.shared(DEFAULT_MODEL, "model")
    elif row.get("confirm_regression"):
        nlp = NlpModel.shared(DEFAULT_MODEL, "news", ())
    _check_row(row, nlp)


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(row, marks=pytest.mark.xfail(strict=True, reason=_regression(row)))
        for row in RULES
        if _regression(row)
    ],
    ids=[row["rule"] for row in RULES if _regression(row)],
)
def test_linker_rule_under_the_news_recognizer(row: dict[str, Any]) -> None:
    """The rows the default recognizer breaks, under it: strict xfail, so the day new
    weights or rules fix one, the test says so (and the mark is removed)."""
    _check_row(row, NlpModel.shared(DEFAULT_MODEL, "news"))


def _check_row(row: dict[str, Any], nlp: NlpModel | None) -> None:
    registry = load_registry(ROOT / "content") if row.get("registry") else None
    result = extract(
        row["text"],
        registry,
        row.get("headline", ""),
        row.get("ents"),
        nlp,
        row.get("unconfirmed"),
        row.get("own"),
    )
    found = by_name(result)
    kinds = {(e.name, e.type) for e in result.named()}
    for name, kind in (row.get("found") or {}).items():
        assert (name, kind) in kinds, f"{name} ({kind}) not found in {sorted(kinds)}"
    for spec in row.get("absent") or []:
        name, _, kind = str(spec).partition(":")
        if kind:
            assert (name, kind) not in kinds, f"{name} is a {kind}"
        else:
            assert name not in found, f"{name} was found as {found[name].type}"
    for name, code in (row.get("country") or {}).items():
        assert found[name].place is not None
        assert found[name].place.country == code
    for name, title in (row.get("job_title") or {}).items():
        assert found[name].job_title == title
    for name, keys in (row.get("affiliation") or {}).items():
        assert found[name].affiliation == keys
    for name, names in (row.get("alternate_name") or {}).items():
        assert found[name].alternate_name == names
    for name in row.get("in_headline") or []:
        assert found[name].key in {m.key for m in result.in_sentence(-1)}, name
    for said, name in (row.get("refers") or {}).items():
        keys = [m.key for m in result.descriptions if m.text == said]
        assert keys == ([found[name].key] if name else []), said
    proposed = {e.key: e.name for e in result.proposed}
    for name in row.get("proposed") or []:
        assert name in proposed.values(), f"{name} not proposed in {sorted(proposed.values())}"
        key = next(k for k, v in proposed.items() if v == name)
        assert any(m.key == key and m.text == name for m in result.proposed_mentions), name


# --- the false facts of issue 7 ------------------------------------------------------------

WASHINGTON_STORY = (
    "WASHINGTON (Reuters) - The White House said on Tuesday that the president would visit "
    "Florida next week. The Ohio Republican who chairs the committee, Jim Jordan, said the "
    "hearing would go ahead.\n\n"
    "European Commission President Ursula von der Leyen spoke to Hungarian state radio."
)


def test_no_false_facts_in_a_washington_story() -> None:
    result = extract(WASHINGTON_STORY)
    found = by_name(result)
    assert "Casablanca" not in found
    assert found["White House"].type == "GovernmentOrganization"
    florida = found["Florida"]
    assert florida.type == "AdministrativeArea"
    assert florida.place is not None
    assert florida.place.country == "US"
    assert "Ohio Republican" not in found
    assert not any(e.type == "Person" and "Republican" in e.name for e in found.values())
    assert "Ursula" not in found
    assert found["Ursula von der Leyen"].type == "Person"
    assert not any(e.type == "AdministrativeArea" and "Hungarian" in e.name for e in found.values())
    assert found["Jim Jordan"].type == "Person"


def seed_text_only() -> Extraction:
    """The seed's headline and body, with no registry: what its text alone says."""
    source = (ROOT / "content" / "000_92e7f391879ebd38.txt").read_text(encoding="utf-8")
    blocks = [b.strip() for b in source.split("\n\n")]
    body = [b for b in blocks[2:] if b and b != "Leave a Comment"]
    paragraphs = [Paragraph(p, i) for i, p in enumerate(body)]
    return EntityExtractor(Gazetteer.shared()).extract(
        blocks[0], split_sentences(paragraphs), find_dateline(body[0])
    )


def test_the_seed_text_alone_names_each_entity_once_and_finds_the_acting_president() -> None:
    result = seed_text_only()
    found = by_name(result)
    organizations = sorted(n for n, e in found.items() if e.type.endswith("Organization"))
    assert organizations == [
        "Eurasian Economic Union",
        "Shanghai Cooperation Organization",
        "State Duma",
        "State Duma Committee on International Affairs",
    ]
    assert found["Eurasian Economic Union"].alternate_name == ["EAEU", "Eurasian Union"]
    mokhber = found["Mokhber"]
    assert [(m.text, m.key) for m in result.descriptions] == [
        ("Iran's acting president", mokhber.key)
    ]
    assert (mokhber.job_title, mokhber.affiliation) == ("acting president", ["iran"])
    lead = {m.key for m in result.in_sentence(0, descriptions=True)}
    assert {mokhber.key, found["Vladimir Putin"].key} <= lead
    assert mokhber.key in {m.key for m in result.in_sentence(-1)}  # the headline's "Mokhber"
    start = result.descriptions[0].start
    assert result.entity_at(0, start, start + len("Iran's acting president")) == mokhber.key


# --- keys ----------------------------------------------------------------------------------


def test_one_key_never_names_two_kinds_of_thing() -> None:
    result = Extraction()
    extractor = EntityExtractor(Gazetteer.shared())
    country = extractor._found(result, "jordan", "Country", "Jordan", "")
    person = extractor._found(result, "jordan", "Person", "Jordan", "")
    again = extractor._found(result, "jordan", "Person", "Jordan", "")
    assert (country.key, person.key) == ("jordan", "jordan-person")
    assert again is person
    assert result.free_key("jordan") == "jordan-event"
    assert result.free_key("kohelet-policy-forum") == "kohelet-policy-forum"


# --- the registry --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "code", "field"),
    [
        (
            "- {id: a, type: Person, name: A B, aliases: ['']}\n",
            "registry_alias_empty",
            "0.aliases",
        ),
        ("- {id: a, type: Person, name: A B, aliases: [The]}\n", "registry_alias_stopword", None),
        (
            "- {id: a, type: Person, name: A B}\n- {id: a, type: Person, name: C D}\n",
            "registry_duplicate_id",
            "1.id",
        ),
    ],
)
def test_registry_refuses_aliases_that_match_everywhere(
    tmp_path: Path, yaml_text: str, code: str, field: str | None
) -> None:
    (tmp_path / "entities.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_registry(tmp_path)
    assert info.value.code == code
    assert info.value.hint
    if field:
        assert info.value.field == field


def test_check_reports_a_bad_registry_as_build_does(tmp_path: Path) -> None:
    """A reviewer's `dateline check` on a site with a bad registry printed a traceback
    (and no JSON for --format json); build said one line and exited 2."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "dateline.toml").write_text(
        '[site]\ntitle = "T"\nbase_url = "https://t.example/"\n'
        '[site.publisher]\nname = "T"\nurl = "https://t.example/"\n',
        encoding="utf-8",
    )
    (site / "content" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-05-01 10:00\n---\nLONDON — Shell said so on Monday.\n",
        encoding="utf-8",
    )
    (site / "content" / "entities.yaml").write_text(
        "- id: shell\n  type: Organization\n  name: Shell\n  aliases: [the, Shell plc]\n",
        encoding="utf-8",
    )
    config = str(site / "dateline.toml")
    text = CliRunner().invoke(main, ["check", "--config", config])
    assert text.exit_code == 2
    assert text.exception is None or isinstance(text.exception, SystemExit)
    assert "registry_alias_stopword" in text.stderr
    assert "Traceback" not in text.output
    as_json = CliRunner().invoke(main, ["check", "--config", config, "--format", "json"])
    assert as_json.exit_code == 2
    (error,) = json.loads(as_json.stdout)["error"]
    assert (error["code"], error["field"]) == ("registry_alias_stopword", "0.aliases")
    assert "every 'the' in every article" in error["message"]


def test_registry_matches_longest_names_in_one_pass() -> None:
    entries = [
        RegistryEntry.model_validate({"id": f"p{i}", "type": "Person", "name": f"Name{i} Last"})
        for i in range(5000)
    ]
    entries.append(
        RegistryEntry.model_validate(
            {"id": "v", "type": "Person", "name": "Vladimir Putin", "aliases": ["Putin"]}
        )
    )
    registry = Registry(tuple(entries))
    text = "Name4999 Last met Vladimir Putin; Putin and Name12 Last and Name1 Lastly spoke."
    got = [(m.entry.id, text[m.start : m.end]) for m in registry.finditer(text)]
    assert got == [
        ("p4999", "Name4999 Last"),
        ("v", "Vladimir Putin"),
        ("v", "Putin"),
        ("p12", "Name12 Last"),
    ]


# --- bounded work on hostile text (issue 8) ------------------------------------------------
# These inputs took more than a minute before; a regression shows as a hung test.


@pytest.mark.parametrize(
    "body",
    [
        "TEHRAN – " + "Ab-" * 40 + "Ab went home today.",
        "TEHRAN – " + "Ab-" * 40 + "Ab (AB) went home today.",
        "NOTICE " + "THE COMPANY DISCLAIMS ALL LIABILITY " * 500,
        "Notice " + "The Company Disclaims All Liability Of The Kind " * 400 + "(TCDAL).",
        "Putin's " * 1500 + "plan.",
    ],
    ids=["hyphens", "hyphens-acronym", "all-caps", "title-case", "possessives"],
)
def test_hostile_text_is_linear(body: str) -> None:
    extractor = EntityExtractor(Gazetteer.shared())
    extractor._find_acronyms([body])
    sentences = split_sentences([Paragraph(body, 0)])
    extractor.extract("", sentences)


def test_many_organizations_stay_linear() -> None:
    """Thousands of distinct organization names in one text (a hostile list) are merged
    by indexed look-ups, not by comparing every pair."""
    body = " ".join(f"Zq{i} Holdings and Zq{i} Group met." for i in range(500))
    extract(body)


_RESULTS_TABLE = (
    "Results from the U.S. Open Tennis Championships at the National Tennis Centre on Friday:"
    "\n\nSandrine Testud (France) beat Ines Gorrochategui (Argentina) 4-6 6-2 6-1"
    "\n\nGoran Ivanisevic (Croatia) beat Scott Draper (Australia) 6-7 6-3 6-4 6-4"
    "\n\nTim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4 6-2"
    "\n\nMark Philippoussis (Australia) beat Andrei Olhovskiy (Russia) 6-3 4-6 6-3 6-3"
    "\n\nSjeng Schalken (Netherlands) beat David Rikl (Czech Republic) 6-2 6-4 6-1"
)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        # names and scores, few English stop words: still English, still read
        (_RESULTS_TABLE, True),
        ("엘제이의 리벤지인가, 류화영의 코스프레인가. " * 12, False),
        ("Наши герои знают толк не только во вкусе, но и в красоте еды. " * 5, False),
        (
            "Negli ultimi anni, per favorire oltremodo i consumi, il Black Friday si è "
            "trasformato nella settimana del Black Friday, con sconti e offerte speciali "
            "che si trascinano lungo tutta la settimana precedente. Il 29 novembre 2023 Amazon "
            "ha lanciato le sue offerte speciali in tutta Italia, e molti negozi hanno seguito "
            "il suo esempio con sconti fino al 50 per cento su quasi tutti i prodotti.",
            False,
        ),
    ],
    ids=["results-table", "korean", "russian", "italian"],
)
def test_language_gate_reads_names_and_numbers_as_english(text: str, english: bool) -> None:
    assert reads_as_english(NlpModel.shared().nlp(text)) is english


def test_a_results_table_keeps_its_people() -> None:
    facts = facts_of(_RESULTS_TABLE)
    assert facts.english
    names = {e.name: e.type for e in facts.entities.named()}
    assert names.get("Tim Henman") == "Person", names
    assert names.get("Croatia") == "Country", names


def test_a_registry_key_of_another_kind_is_never_reused() -> None:
    """Consumers merge a site's documents by @id: a person whose key the registry (or
    the site's publisher) holds for an organization gets a key saying its kind, in an
    article that never names the organization too."""
    entry = RegistryEntry.model_validate(
        {"id": "anna-berg", "type": "Organization", "name": "Anna Berg Foundation"}
    )
    text = "OSLO — Anna Berg told reporters on Monday that she would retire."
    plain = extract(text, ents={"Anna Berg": "PERSON"})
    assert {(e.key, e.type) for e in plain.entities.values()} >= {("anna-berg", "Person")}
    found = extract(text, Registry((entry,)), ents={"Anna Berg": "PERSON"})
    keys = {e.key: e.type for e in found.entities.values()}
    assert keys.get("anna-berg-person") == "Person"
    assert "anna-berg" not in keys


def test_the_sites_publisher_is_a_registry_name() -> None:
    registry = Registry().with_publisher("Harbour Gazette")
    found = extract("Three sources told the Harbour Gazette on Friday.", registry)
    assert {(e.key, e.type) for e in found.entities.values()} == {
        ("harbour-gazette", "NewsMediaOrganization")
    }
    # the newsroom's own entry for that name wins
    mine = RegistryEntry.model_validate(
        {"id": "hg", "type": "Organization", "name": "Harbour Gazette"}
    )
    assert Registry((mine,)).with_publisher("Harbour Gazette").entries == (mine,)
