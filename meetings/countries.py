"""Country names as news writes them, from ISO 3166-1 (pycountry)."""

from functools import cache

# pycountry's names where newsrooms use a shorter one.
NEWS_NAMES = {
    "BO": "Bolivia",
    "CD": "DR Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "XK": "Kosovo",
}
EXTRA = [("XK", "XKX")]  # user-assigned code, widely used for Kosovo


@cache
def all_countries() -> tuple[tuple[str, str, str], ...]:
    """(iso2, iso3, name) for every country."""
    import pycountry

    rows = [(c.alpha_2, c.alpha_3) for c in pycountry.countries] + EXTRA
    return tuple((iso2, iso3, NEWS_NAMES.get(iso2) or _pycountry_name(iso2)) for iso2, iso3 in rows)


def country_name(iso2: str) -> str:
    return {row[0]: row[2] for row in all_countries()}.get(iso2.upper(), iso2)


def _pycountry_name(iso2: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return getattr(c, "common_name", None) or c.name
