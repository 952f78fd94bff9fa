"""Known officials (``ingest/extraction/officials.py``, ``data/officials.json``) and the
hook that gives a person of an article the file's canonical name and country.
Sentences are written for these tests; no database is touched."""

from datetime import date

import pytest

from ingest.extract import extract
from ingest.extraction.officials import fits, lookup, officials
from ingest.people import People
from meetings.names import name_key


def found(name, year=None, title="", country=None):
    official = lookup(name_key(name), year, title, country)
    return official.name if official else None


def test_every_official_has_a_name_a_country_or_body_and_an_office():
    for o in officials():
        assert o.forms and o.offices, o.name
        assert o.country or o.organisation, o.name
        assert all(office.end is None or office.start <= office.end for office in o.offices), o.name


def test_an_alias_gives_the_canonical_name():
    assert found("Jokowi", 2019) == "Joko Widodo"
    assert found("MBS", 2020) == "Mohammed bin Salman"
    assert found("Lula", 2024) == "Luiz Inácio Lula da Silva"


def test_a_transliteration_gives_the_canonical_name():
    assert found("Bruno Rodriguez", 2016) == "Bruno Rodríguez Parrilla"
    assert found("Volodymyr Zelenskiy", 2022) == "Volodymyr Zelenskyy"
    assert found("Sergei Lavrov") == "Sergey Lavrov"


def test_a_regnal_name_gives_the_monarch():
    assert found("Mohammed VI", 2010) == "Mohammed VI of Morocco"
    assert found("Juan Carlos", 2005) == "Juan Carlos I"
    assert found("Salman", 2018, "King") == "Salman of Saudi Arabia"


def test_given_names_must_fit():
    assert found("Salva Kiir", 2015) == "Salva Kiir Mayardit"
    assert found("Tayyip Erdogan", 2020) == "Recep Tayyip Erdoğan"
    assert found("Robert Erdogan", 2020) is None
    assert fits(("j", "biden"), ("joe", "biden")) and not fits(("hunter", "biden"), ("joe", "biden"))


def test_the_year_decides_between_two_holders():
    assert found("Bush", 1991) == "George H. W. Bush"
    assert found("Bush", 2003) == "George W. Bush"
    assert found("Bush", 2015) is None  # neither in office: unknown


def test_title_and_country_decide_between_two_kings():
    assert found("King Abdullah", 2010) is None
    assert found("King Abdullah", 2010, "King", "JO") == "Abdullah II of Jordan"
    assert found("King Abdullah", 2010, "King", "SA") == "Abdullah of Saudi Arabia"


def test_ambiguity_gives_none():
    assert found("Kim", 2018) is None
    assert found("Nobody Anyone", 2018) is None


def test_an_international_official_has_no_country_while_in_office():
    guterres = lookup(name_key("Antonio Guterres"), 2020)
    assert guterres.name == "António Guterres"
    assert guterres.country_in(2020) is None and guterres.country_in(2000) == "PT"


@pytest.fixture
def meetings(nlp):
    def read(text, published="2019-05-15"):
        return extract(nlp(text), date.fromisoformat(published))

    return read


def participants(meeting):
    return {p.name: p.country for p in meeting.participants}


def test_a_known_official_takes_the_canonical_name_and_country(meetings):
    (m,) = meetings("Jokowi met Mohammed VI in Rabat on Tuesday to discuss trade.")
    assert participants(m) == {"Joko Widodo": "ID", "Mohammed VI of Morocco": "MA"}
    aliases = {a for p in m.participants for a in p.aliases}
    assert {"Jokowi", "Mohammed VI"} <= aliases  # the forms the text used stay as aliases


def test_the_texts_country_wins_over_the_file(meetings):
    (m,) = meetings("Kenyan President William Ruto met the Portuguese Antonio Guterres in Nairobi on Tuesday.")
    assert participants(m) == {"William Ruto": "KE", "António Guterres": "PT"}  # the file has none in 2019


def test_a_country_the_text_gives_rules_out_an_official_of_another(meetings):
    (m,) = meetings("Brazilian President Jair Bolsonaro met Kenyan President Pedro Sanchez in Brasilia on Tuesday.")
    assert participants(m) == {"Jair Bolsonaro": "BR", "Pedro Sanchez": "KE"}


def test_a_title_in_apposition_before_a_name_is_that_persons(nlp):
    doc = nlp(
        "President Tamba Lamina met the envoys on Tuesday. The delegation included the outgoing "
        "President of Ghana, John Mahama."
    )
    people = People(doc, [True] * len(doc), 2016)
    countries = {p.name: p.country for p in people.persons}
    assert countries == {"Tamba Lamina": None, "John Mahama": "GH"}


def test_the_file_breaks_a_tie_between_two_countries_the_text_reads(nlp):
    doc = nlp(
        "The summit in Montevideo brought together the host, Javier Milei from Argentina, "
        "Luiz Inacio Lula da Silva from Brazil and Santiago Pena from Paraguay."
    )
    people = People(doc, [True] * len(doc), 2024)
    lula = next(p for p in people.persons if "Lula" in p.name)
    assert lula.name == "Luiz Inácio Lula da Silva" and lula.country == "BR"


def test_the_fullest_form_of_a_name_decides(nlp):
    doc = nlp(
        "Abu Dhabi's Crown Prince Sheikh Mohamed bin Zayed hosted the talks. Sheikh Mohamed received "
        "them at his palace. Hunter Biden was not there; Biden spoke later."
    )
    people = People(doc, [True] * len(doc), 2021)
    names = {p.name for p in people.persons}
    assert "Mohamed bin Zayed Al Nahyan" in names  # "Mohamed" alone fits another official too
    assert "Joe Biden" not in names  # "Biden" fits him, "Hunter Biden" does not


def test_heads_of_the_1980s_are_known():
    assert lookup(name_key("Ronald Reagan"), 1986).country == "US"
    assert lookup(name_key("Margaret Thatcher"), 1984).country == "GB"
    assert lookup(name_key("Nakasone"), 1985, "Prime Minister").country == "JP"
    assert found("Kucan", 1995, "President") == "Milan Kučan"  # the transliteration gives the canonical name


def test_an_international_office_gives_the_organisation_not_the_country():
    waldheim = lookup(name_key("Kurt Waldheim"), 1978)
    assert waldheim.organisation_in(1978) == "UN" and waldheim.country_in(1978) is None
    assert waldheim.organisation_in(1988) is None and waldheim.country_in(1988) == "AT"


def test_an_international_official_gets_no_country_from_the_meeting_place(meetings):
    (m,) = meetings("Ban Ki-moon met Egyptian President Abdel Fattah el-Sisi in Cairo on Monday.", "2015-03-10")
    assert participants(m) == {"Ban Ki-moon": None, "Abdel Fattah el-Sisi": "EG"}


def test_a_former_leader_of_the_file_keeps_the_file_country(meetings):
    (m,) = meetings("Ronald Reagan met Mikhail Gorbachev in Geneva on Wednesday.", "1985-11-20")
    assert participants(m)["Ronald Reagan"] == "US"


def test_a_known_official_the_tagger_calls_an_organisation_is_a_person(meetings):
    (m,) = meetings("Mukhtar Tileuberdi held talks with Abdulaziz Kamilov in Tashkent on Monday.", "2020-03-11")
    assert {(p.name, p.country) for p in m.participants} == {("Mukhtar Tileuberdi", "KZ"), ("Abdulaziz Kamilov", "UZ")}
