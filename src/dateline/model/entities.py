"""People, organizations and places an article names, and their structured values."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from dateline.model.base import Node, Ref, SchemaModel
from dateline.model.types import AbsoluteUrl, Line, Term

__all__ = [
    "GeoCoordinates",
    "ImageObject",
    "Organization",
    "Person",
    "Place",
    "PostalAddress",
]


class GeoCoordinates(SchemaModel):
    schema_types: ClassVar[tuple[str, ...]] = ("GeoCoordinates",)

    type: Literal["GeoCoordinates"] = Field(default="GeoCoordinates", alias="@type")
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class PostalAddress(SchemaModel):
    schema_types: ClassVar[tuple[str, ...]] = ("PostalAddress",)

    type: Literal["PostalAddress"] = Field(default="PostalAddress", alias="@type")
    address_country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    address_locality: str | None = None


class ImageObject(SchemaModel):
    schema_types: ClassVar[tuple[str, ...]] = ("ImageObject",)

    type: Literal["ImageObject"] = Field(default="ImageObject", alias="@type")
    url: AbsoluteUrl
    caption: str | None = None
    width: int | None = Field(default=None, gt=0)
    height: int | None = Field(default=None, gt=0)


class Person(Node):
    schema_types: ClassVar[tuple[str, ...]] = ("Person",)

    type: Literal["Person"] = Field(default="Person", alias="@type")
    name: Line
    alternate_name: list[str] = Field(default_factory=list)
    description: str | None = None
    job_title: str | None = None
    affiliation: list[Ref] = Field(default_factory=list)
    member_of: list[Ref] = Field(default_factory=list)
    works_for: list[Ref] = Field(default_factory=list)
    nationality: list[Ref] = Field(default_factory=list)
    url: AbsoluteUrl | None = None
    same_as: list[AbsoluteUrl] = Field(default_factory=list)


OrganizationType = Literal["Organization", "GovernmentOrganization", "NewsMediaOrganization"]


class Organization(Node):
    schema_types: ClassVar[tuple[str, ...]] = (
        "Organization",
        "GovernmentOrganization",
        "NewsMediaOrganization",
    )

    type: OrganizationType = Field(default="Organization", alias="@type")
    name: Line
    alternate_name: list[str] = Field(default_factory=list)
    description: str | None = None
    url: AbsoluteUrl | None = None
    logo: Annotated[ImageObject | None, Term("@id")] = None
    parent_organization: Ref | None = None
    same_as: list[AbsoluteUrl] = Field(default_factory=list)


PlaceType = Literal["Place", "City", "Country", "AdministrativeArea"]


class Place(Node):
    schema_types: ClassVar[tuple[str, ...]] = ("Place", "City", "Country", "AdministrativeArea")

    type: PlaceType = Field(default="Place", alias="@type")
    name: Line
    alternate_name: list[str] = Field(default_factory=list)
    description: str | None = None
    geo: GeoCoordinates | None = None
    address: PostalAddress | None = None
    contained_in_place: Ref | None = None
    same_as: list[AbsoluteUrl] = Field(default_factory=list)
