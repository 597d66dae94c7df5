"""The entity recognizer the default model runs (setting ``nlp_ner``).

dateline ships its news-tuned recognizer (``"news"``, made by ``make ner`` from
bench/data/ner); ``"model"`` keeps the model's own; a folder path loads any other.
Here a recognizer folder is written the way bench/train_ner.py writes one (the
component's ``to_disk``), from the default model's own recognizer changed by one
update, so the test sees a recognizer that differs from the model's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.enrich import default_enrichers
from dateline.enrich.facts import FactsEnricher
from dateline.enrich.nlp import (
    DEFAULT_MODEL,
    DIGEST_FILE,
    UNCONFIRMED,
    NlpModel,
    carries_on,
    news_ner_path,
)
from dateline.errors import SettingsError
from dateline.settings import PublisherSettings, Settings


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ner folder as bench/train_ner.py writes one, with weights unlike the model's."""
    from spacy.training import Example  # noqa: PLC0415 - spaCy stays lazy

    nlp = NlpModel(DEFAULT_MODEL).nlp
    ner: Any = nlp.get_pipe("ner")
    doc = nlp.make_doc("Shares of Acme rose on the Nasdaq.")
    example = Example.from_dict(doc, {"entities": [(10, 14, "ORG")]})
    optimizer = nlp.resume_training()
    ner.update([example], sgd=optimizer)
    folder = tmp_path_factory.mktemp("train") / "ner"
    ner.to_disk(folder, exclude=["vocab"])
    return folder


def test_the_default_model_runs_a_recognizer_from_its_folder(tuned: Path) -> None:
    model = NlpModel(DEFAULT_MODEL, str(tuned))
    plain = NlpModel.shared(DEFAULT_MODEL, "model")
    assert model.news_ner == tuned
    weights = [m.nlp.get_pipe("ner").to_bytes(exclude=["vocab"]) for m in (model, plain)]  # type: ignore[attr-defined]
    assert weights[0] != weights[1]
    # the weights are part of the model's version (the enrichment cache key)
    assert "+ner-" in model.version
    assert "+ner" not in plain.version


def test_other_weights_in_the_same_folder_are_another_version(tuned: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ner"
    NlpModel.shared().nlp.get_pipe("ner").to_disk(folder, exclude=["vocab"])  # type: ignore[attr-defined]
    plain_weights = NlpModel(DEFAULT_MODEL, str(folder)).version
    for name in ("cfg", "moves", "model"):
        (folder / name).write_bytes((tuned / name).read_bytes())
    assert NlpModel(DEFAULT_MODEL, str(folder)).version != plain_weights


def test_the_shipped_weights_digest_is_recorded_where_the_version_reads_it() -> None:
    """``make ner`` writes the weights and their digest together; the model version
    (the enrichment cache key) reads the recorded digest, so stale weights with the
    old digest would reuse cached enrichment made by other weights."""
    folder = news_ner_path()
    recorded = (folder / DIGEST_FILE).read_text(encoding="utf-8").split()[0]
    assert recorded == hashlib.sha256((folder / "model").read_bytes()).hexdigest()
    news = NlpModel.shared(DEFAULT_MODEL, "news", ())
    assert news.news_ner == folder
    assert news.version.endswith(f"+ner-{recorded[:12]}")


def test_shipped_weights_without_their_digest_file_are_hashed(
    tuned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest file is generated, not in git, so a checkout updated past the commit
    that stopped tracking it loses it while keeping the weights: the version then
    hashes the weights instead of failing every enriched build."""
    folder = tmp_path / "ner"
    folder.mkdir()
    for name in ("cfg", "moves", "model"):
        (folder / name).write_bytes((tuned / name).read_bytes())
    monkeypatch.setattr("dateline.enrich.nlp.news_ner_path", lambda: folder)
    digest = hashlib.sha256((folder / "model").read_bytes()).hexdigest()
    assert f"+ner-{digest[:12]}+" in NlpModel(DEFAULT_MODEL, "news").version


def test_the_news_recognizer_is_not_the_models() -> None:
    news, plain = NlpModel.shared(DEFAULT_MODEL, "news"), NlpModel.shared(DEFAULT_MODEL, "model")
    weights = [m.nlp.get_pipe("ner").to_bytes(exclude=["vocab"]) for m in (news, plain)]  # type: ignore[attr-defined]
    assert weights[0] != weights[1]
    text = "Shares of Acme rose on the Nasdaq after Jane Doe spoke in Paris."
    assert {e.label_ for e in news.nlp(text).ents} >= {"PERSON", "GPE"}


def test_the_setting_chooses_the_recognizer(tuned: Path) -> None:
    def model_of(**extra: Any) -> NlpModel:
        settings = Settings(
            title="t",
            base_url="https://t.example.org/",
            publisher=PublisherSettings(name="T", url="https://t.example.org/"),
            **extra,
        )
        (facts,) = [e for e in default_enrichers(settings) if isinstance(e, FactsEnricher)]
        return facts.nlp

    # dateline's own recognizer unless the site says otherwise
    assert model_of().news_ner == news_ner_path()
    assert model_of(nlp_ner="model").news_ner is None
    assert model_of(nlp_ner="news").news_ner == news_ner_path()
    assert model_of(nlp_ner=str(tuned)).news_ner == tuned
    assert model_of().confirm == ("ORG",)
    assert model_of(nlp_ner_confirm=[]).confirm == ()
    # tuned weights fit the default model only: another model keeps its own recognizer
    assert model_of(nlp_model="en_core_web_md", nlp_ner=str(tuned)).news_ner is None


def test_unreadable_weights_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        _ = NlpModel(DEFAULT_MODEL, str(tmp_path / "missing")).nlp
    assert caught.value.code == "nlp_ner_unreadable"
    assert 'nlp_ner = "model"' in str(caught.value.hint)


def test_missing_weights_stop_the_build_up_front(tmp_path: Path) -> None:
    """A reviewer's checkout without trained weights failed every article as an
    'internal_error ... this is a bug in dateline' with exit 1, and wrote empty site
    files: it is a setting's problem, said once, exit 2, nothing written."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "dateline.toml").write_text(
        '[site]\ntitle = "T"\nbase_url = "https://t.example/"\noutput_dir = "out"\n'
        f'nlp_ner = "{tmp_path / "no-weights"}"\n'
        '[site.publisher]\nname = "T"\nurl = "https://t.example/"\n',
        encoding="utf-8",
    )
    (site / "content" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-05-01 10:00\n---\nZÜRICH — The mayor spoke on Monday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--config", str(site / "dateline.toml")])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("nlp_ner_unreadable") == 1
    assert "settings [site.nlp_ner]" in result.stderr
    assert "internal_error" not in result.output
    assert not (site / "out" / "rss.xml").exists()


def _proposed(model: NlpModel, text: str, names: list[tuple[str, str]]) -> Any:
    """A parsed paragraph whose entities are ``names`` (as if a tuned recognizer
    proposed them): what :meth:`NlpModel._confirm` is given."""
    doc = model.nlp.make_doc(text)
    spans = []
    for name, label in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return doc


def test_confirmed_labels_keep_only_names_the_models_own_recognizer_agrees_on() -> None:
    """``nlp_ner_confirm``: a tuned recognizer's organization is published only when
    the model's own recognizer reads the same name as an organization too; a menu
    line taken for one is left as a proposal; other labels are untouched."""
    model = NlpModel(DEFAULT_MODEL, "news", ("ORG",))
    agreed = _proposed(
        model,
        "Officials of the European Union met Jane Doe in Brussels on Monday.",
        [("European Union", "ORG"), ("Jane Doe", "PERSON"), ("Brussels", "GPE")],
    )
    menu = _proposed(model, "Translate English Travel Guide", [("Travel Guide", "ORG")])
    untouched = _proposed(model, "Jane Doe spoke.", [("Jane Doe", "PERSON")])
    model._confirm([agreed, menu, untouched])
    # "the European Union" (the model's convention) is the same name as "European Union"
    assert [(e.text, e.label_) for e in agreed.ents] == [
        ("European Union", "ORG"),
        ("Jane Doe", "PERSON"),
        ("Brussels", "GPE"),
    ]
    assert [(e.text, e.label_) for e in menu.ents] == []
    assert [(e.text, e.label_) for e in menu.spans[UNCONFIRMED]] == [("Travel Guide", "ORG")]
    # a paragraph with nothing to confirm is not read again
    assert [e.text for e in untouched.ents] == ["Jane Doe"]
    assert UNCONFIRMED not in untouched.spans


def test_a_body_the_models_own_recognizer_names_in_full_is_confirmed_in_full() -> None:
    """The tuned recognizer cut "Centers for Disease Control [and Prevention]"; the model's
    own names the body in full: the full name is the confirmed organization."""
    model = NlpModel(DEFAULT_MODEL, "news", ("ORG",))
    doc = _proposed(
        model,
        "Officials at the Centers for Disease Control and Prevention said masks help.",
        [("Centers for Disease Control", "ORG")],
    )
    model._confirm([doc])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("the Centers for Disease Control and Prevention", "ORG")
    ]
    assert list(doc.spans[UNCONFIRMED]) == []


@pytest.mark.parametrize(
    ("text", "own", "tuned", "carried"),
    [
        (
            "He spoke at the Diplomatic Academy of Vietnam.",
            "the Diplomatic Academy of Vietnam",
            "Diplomatic Academy",
            True,
        ),
        (
            "Officials of the Information and Public Relations Department spoke.",
            "Information and Public Relations Department",
            "Public Relations Department",
            True,
        ),
        # "and" alone joins two names; a name before another is not its continuation
        ("NASA is building SLS and Orion.", "SLS and Orion", "SLS", False),
        ("Aides in the Trump White House spoke.", "Trump White House", "White House", False),
    ],
)
def test_a_name_carried_on_is_one_body(text: str, own: str, tuned: str, carried: bool) -> None:
    doc = NlpModel(DEFAULT_MODEL, "news", ()).nlp.make_doc(text)
    at, start = text.index(own), text.index(tuned)
    theirs = doc.char_span(at, at + len(own), label="ORG")
    ours = doc.char_span(start, start + len(tuned), label="ORG")
    assert theirs is not None
    assert ours is not None
    assert carries_on(theirs, ours) is carried


def test_confirming_is_part_of_the_version_and_needs_a_tuned_recognizer() -> None:
    confirmed = NlpModel(DEFAULT_MODEL, "news", ("ORG",))
    assert confirmed.version.endswith("+confirm-ORG")
    assert NlpModel(DEFAULT_MODEL, "news", ()).version != confirmed.version
    # the model's own recognizer has nothing to confirm against
    assert NlpModel(DEFAULT_MODEL, "model", ("ORG",)).confirm == ()
    text = "Officials of the European Union met in Brussels."
    assert [e.text for e in confirmed.pipe([text])[0].ents if e.label_ == "ORG"] == [
        "European Union"
    ]
