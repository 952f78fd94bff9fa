"""Known office holders (``data/officials.json``): one canonical name and country per person.

News names one leader many ways ("King Salman", "Salman bin Abdulaziz", "MBS"); the file
gives each the English Wikipedia title and country. ``lookup`` returns the one official a
mention fits, or None when none or several do: unknown is better than wrong.
"""

from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.lexicon import load
from meetings.names import name_key


@dataclass(frozen=True)
class Office:
    title: str
    start: int
    end: int | None  # None: still in office
    organisation: str | None = None  # an international body's office: no country while held

    def held(self, year: int) -> bool:
        return self.start <= year <= (self.end if self.end is not None else year)


@dataclass(frozen=True)
class Official:
    name: str
    country: str | None  # ISO alpha-2; None for an international body's official
    organisation: str | None
    forms: tuple[tuple[str, ...], ...]  # name keys of the canonical name and every alias
    offices: tuple[Office, ...]

    def in_office(self, year: int) -> bool:
        return any(o.held(year) for o in self.offices)

    def country_in(self, year: int | None) -> str | None:
        """The country the person stands for that year: none while in an international office."""
        if year is not None and any(o.organisation for o in self.offices if o.held(year)):
            return None
        return self.country

    def organisation_in(self, year: int | None) -> str | None:
        """The international body whose office the person holds that year, if any."""
        held = [o.organisation for o in self.offices if o.organisation and (year is None or o.held(year))]
        return held[0] if held else None

    def countries(self) -> set[str | None]:
        return {self.country} | ({None} if any(o.organisation for o in self.offices) else set())

    def title_words(self) -> set[str]:
        return {w for o in self.offices for w in _title_words(o.title)}


@cache
def _data() -> dict:
    return load("officials.json")


@cache
def officials() -> tuple[Official, ...]:
    result = []
    for entry in _data()["officials"]:
        names = [entry["name"], *entry.get("aliases", [])]
        forms = tuple(dict.fromkeys(k for k in (name_key(n) for n in names) if k))
        offices = tuple(
            Office(o["title"], o["start"], o.get("end"), o.get("organisation")) for o in entry.get("offices", [])
        )
        result.append(Official(entry["name"], entry.get("country"), entry.get("organisation"), forms, offices))
    return tuple(result)


@cache
def _by_word() -> dict[str, list[Official]]:
    index: dict[str, list[Official]] = {}
    for official in officials():
        for word in {w for form in official.forms for w in form}:
            index.setdefault(word, []).append(official)
    return index


@lru_cache(maxsize=4096)  # the same few hundred titles, asked for on every lookup
def _title_words(title: str) -> frozenset[str]:
    """A title's telling words, synonyms brought to one form ('FM' -> 'foreign')."""
    synonyms, generic = _data()["title_synonyms"], _data()["generic_title_words"]
    words = " ".join(synonyms.get(w, w) for w in title.lower().replace("-", " ").split())
    return frozenset(w for w in words.split() if w not in generic)


def fits(mention: tuple[str, ...], form: tuple[str, ...]) -> bool:
    """A mention's words fit a name form: the same surname (or the one word of a
    short form) and given names that are the form's words or their initials."""
    if not mention or not form:
        return False
    if mention == form:
        return True
    if mention[-1] != form[-1]:
        return False
    return all(any(w == f or (len(w) == 1 and f.startswith(w)) for f in form[:-1]) for w in mention[:-1])


def known_form(name_words: tuple[str, ...]) -> bool:
    """Is this exactly one of the names a known official goes by?"""
    return any(name_words in o.forms for o in _by_word().get(name_words[-1], ()))


def lookup(
    name_words: tuple[str, ...], year: int | None = None, title_words: str = "", country: str | None = None
) -> Official | None:
    """The one official a mention fits; None when none or several do."""
    if not name_words:
        return None
    found = [o for o in _by_word().get(name_words[-1], ()) if any(fits(name_words, f) for f in o.forms)]
    if country:
        found = [o for o in found if country in o.countries() or None in o.countries()]
    if year is not None:
        current = [o for o in found if o.in_office(year)]
        # a full name identifies a former holder too; a lone word needs the term
        found = current if current or len(name_words) == 1 else found
    wanted = _title_words(title_words) if title_words else set()
    if len(found) > 1 and wanted:
        titled = [o for o in found if wanted & o.title_words()]
        found = titled or found
    if len(found) > 1:
        # an alias said in full ("Salman") beats a surname that ends a longer name ("Mohammed bin Salman")
        found = [o for o in found if name_words in o.forms] or found
    return found[0] if len(found) == 1 else None
