"""schemas/ holds renderings of the models; a stale file is a failing test."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from dateline.model import Event, NewsArticle
from dateline.model.meta import ArticleMeta
from dateline.schemagen import generated_files

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(generated_files()))
def test_checked_in_schema_is_fresh(name: str) -> None:
    path = ROOT / "schemas" / name
    assert path.is_file(), f"schemas/{name} is missing: run make schemas"
    assert path.read_text(encoding="utf-8") == generated_files()[name], (
        f"schemas/{name} is stale: run make schemas and commit it"
    )


def test_sidecar_schema_describes_the_seed_sidecar() -> None:
    schema = json.loads((ROOT / "schemas" / "ArticleMeta.schema.json").read_text("utf-8"))
    sidecar = yaml.safe_load((ROOT / "content" / "000_92e7f391879ebd38.yaml").read_text("utf-8"))
    # YAML dates are strings in JSON; the schema is for editors' tools, which see JSON values
    jsonschema.validate(json.loads(json.dumps(sidecar, default=str)), schema)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-07-04", True),
        ("2023-12", True),
        ("2002", True),
        (2002, True),
        ("2024-07-04T10:00:00+03:30", True),
        ("2024-07-04T10:00:00", False),  # naive: a zone must be given by name first
        ("2024-13", False),
        ("2024-02-30", False),
        ("0000", False),
        ("20024", False),
        ("last week", False),
    ],
)
def test_event_dates_keep_precision_and_refuse_nonsense(value: object, ok: bool) -> None:
    if ok:
        event = Event.model_validate(
            {"@id": "https://x.example/e", "name": "E", "startDate": value}
        )
        assert event.jsonld()["startDate"] == (value if isinstance(value, str) else "2002")
    else:
        with pytest.raises(ValidationError):
            Event.model_validate({"@id": "https://x.example/e", "name": "E", "startDate": value})


def test_news_article_requires_what_google_requires() -> None:
    with pytest.raises(ValidationError) as info:
        NewsArticle.model_validate({"@id": "https://x.example/a", "headline": ""})
    missing = {e["loc"][0] for e in info.value.errors()}
    assert {"headline", "datePublished", "url", "publisher", "articleBody"} <= missing


def test_relative_urls_are_refused() -> None:
    with pytest.raises(ValidationError):
        ArticleMeta.model_validate({"source": "/news/1"})
    with pytest.raises(ValidationError):
        ArticleMeta.model_validate({"source": "javascript:alert(1)"})
