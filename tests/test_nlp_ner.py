"""dateline's news-tuned entity recognizer (src/dateline/data/ner, setting ``nlp_ner``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.enrich import default_enrichers
from dateline.enrich.facts import FactsEnricher
from dateline.enrich.nlp import DEFAULT_MODEL, NEWS_NER, NlpModel, news_ner_path
from dateline.errors import SettingsError
from dateline.settings import PublisherSettings, Settings

#: a sentence the two recognizers read differently: in the annotators' convention a
#: stock index is no organization, in OntoNotes' it is
SENTENCE = "Shares of Acme rose 3% on the Nasdaq and the Dow Jones closed higher."


def _labels(model: NlpModel, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in model.nlp(text).ents}


def test_the_tuned_weights_ship_in_the_package() -> None:
    files = {p.name for p in news_ner_path().iterdir()}
    assert {"cfg", "model", "moves"} <= files


def test_the_default_model_can_run_the_tuned_recognizer() -> None:
    tuned = NlpModel.shared(DEFAULT_MODEL, "news")
    plain = NlpModel.shared(DEFAULT_MODEL, "model")
    assert tuned.version.endswith(f"+ner-{NEWS_NER}")
    assert "+ner" not in plain.version
    weights = [m.nlp.get_pipe("ner").to_bytes(exclude=["vocab"]) for m in (tuned, plain)]  # type: ignore[attr-defined]
    assert weights[0] != weights[1]


def test_a_sentence_whose_typing_changed() -> None:
    tuned = _labels(NlpModel.shared(DEFAULT_MODEL, "news"), SENTENCE)
    plain = _labels(NlpModel.shared(DEFAULT_MODEL, "model"), SENTENCE)
    assert plain.get("Nasdaq") == "ORG"
    assert "Nasdaq" not in tuned


def test_the_setting_chooses_the_recognizer() -> None:
    def model_of(**extra: Any) -> NlpModel:
        settings = Settings(
            title="t",
            base_url="https://t.example.org/",
            publisher=PublisherSettings(name="T", url="https://t.example.org/"),
            **extra,
        )
        (facts,) = [e for e in default_enrichers(settings) if isinstance(e, FactsEnricher)]
        return facts.nlp

    assert not model_of().news_ner
    assert model_of(nlp_ner="news").news_ner
    # the weights fit the default model only: another model keeps its own recognizer
    assert not model_of(nlp_model="en_core_web_md", nlp_ner="news").news_ner


def test_unreadable_weights_say_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("dateline.enrich.nlp.news_ner_path", lambda: tmp_path)
    with pytest.raises(SettingsError) as caught:
        _ = NlpModel(DEFAULT_MODEL, "news").nlp
    assert caught.value.code == "nlp_ner_unreadable"
    assert 'nlp_ner = "model"' in str(caught.value.hint)
