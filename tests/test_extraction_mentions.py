"""Stage 2 (``ingest/extraction/mentions.py`` used by ``ingest/people.py``): every mention
of a person of one article, under the fullest name the article gives. Sentences written
for these tests; no database is touched."""

import pytest

from ingest.extraction.body import body_mask as _body_mask
from ingest.extraction.mentions import name_tail
from ingest.people import People
from tests.test_extract import names, only


@pytest.fixture
def people(nlp):
    def read(text):
        doc = nlp(text)
        return doc, People(doc, _body_mask(doc))

    return read


def test_a_name_that_ends_a_fuller_one_is_the_same_person():
    assert name_tail(("tayyip", "erdogan"), ("recep", "tayyip", "erdogan"))
    assert not name_tail(("erdogan",), ("recep", "tayyip", "erdogan"))  # lone surnames: same_person
    assert not name_tail(("raul", "castro"), ("fidel", "castro"))


def test_the_fullest_form_of_a_name_is_the_canonical_one(meetings):
    found = meetings(
        "Recep Tayyip Erdogan arrived in Sochi on Sunday. "
        "On Monday Turkish President Tayyip Erdogan met Russian President Vladimir Putin."
    )
    assert {"Recep Tayyip Erdoğan", "Vladimir Putin"} in [names(m) for m in found]
    assert all("Tayyip Erdogan" not in names(m) for m in found)


def test_a_nickname_in_quotes_after_a_name_is_that_person(meetings):
    found = meetings(
        'Rebel commander Joseph Kabanda "Bosco" arrived in Nairobi on Monday. '
        "On Tuesday Bosco met Kenyan President William Ruto at State House."
    )
    m = only(found)
    assert names(m) == {"Joseph Kabanda", "William Ruto"}


def test_a_nickname_in_brackets_or_after_or_is_that_person(people):
    doc, ppl = people(
        "President Susilo Bambang Yudhoyono (SBY) welcomed the delegation. "
        "Later SBY spoke with Governor Rudi Santoso or Rusan about the plan, and Rusan agreed."
    )
    sby = [t for t in doc if t.text == "SBY"]
    rusan = [t for t in doc if t.text == "Rusan"]
    assert {ppl.at(t).name for t in sby} == {"Susilo Bambang Yudhoyono"}
    assert {ppl.at(t).name for t in rusan} == {"Rudi Santoso"}


def test_two_people_joined_by_or_are_not_one(people):
    doc, ppl = people("Either Foreign Minister Ana Lopes or Defence Minister Carlos Mendes will travel.")
    assert {p.name for p in ppl.persons} >= {"Ana Lopes", "Carlos Mendes"}
    assert len({ppl.at(t).key for t in doc if t.text in ("Lopes", "Mendes")}) == 2


def test_a_relative_who_stands_for_the_person_before_it(meetings):
    found = meetings(
        "The talks were tense. Ghanaian President John Mahama, who met Nigerian President Bola Tinubu "
        "in Abuja on Monday, returned home on Tuesday."
    )
    assert {"John Mahama", "Bola Tinubu"} in [names(m) for m in found]


def test_a_cleft_who_is_no_participant(people):
    doc, ppl = people("It was Ruto who arranged the talks between Kiir and Machar in Nairobi.")
    who = next(t for t in doc if t.lower_ == "who")
    assert ppl.at(who) is None


def test_a_title_alone_is_the_one_person_who_holds_it(people):
    doc, ppl = people(
        "King Abdullah II received Prime Minister Elena Novak in Amman on Monday. "
        "Novak thanked the king for his hospitality."
    )
    king = next(t for t in doc if t.lower_ == "king" and t.i > 5)
    assert ppl.at(king).text_name == "Abdullah II"


def test_a_synonym_of_the_title_is_read_too(people):
    doc, ppl = people("Pope Francis received President Salva Kiir. The pontiff kissed his feet.")
    pontiff = next(t for t in doc if t.lower_ == "pontiff")
    assert ppl.at(pontiff).text_name == "Francis"


def test_a_title_that_two_people_hold_names_no_one(people):
    doc, ppl = people("President Emmanuel Macron met President Joe Biden in Paris. The president said talks went well.")
    president = next(t for t in doc if t.lower_ == "president")
    assert ppl.at(president) is None


def test_a_name_may_start_with_a_particle(people):
    doc, ppl = people("Foreign Minister Ramtane Lamamra received Mr. de Mistura in Algiers on Sunday.")
    assert "de Mistura" in {p.text_name for p in ppl.persons}


def test_a_long_name_runs_on_through_its_particles(people):
    doc, ppl = people("Emir Sheikh Sabah Al Ahmad Al Jaber Al Sabah received the envoy in Kuwait City.")
    assert any(p.text_name.endswith("Al Jaber Al Sabah") for p in ppl.persons)


def test_a_title_must_be_the_head_of_the_role(people):
    doc, ppl = people(
        "President Mwai Kibaki met opposition leader Raila Odinga in Nairobi. The opposition rejected the plan."
    )
    opposition = [t for t in doc if t.lower_ == "opposition"][-1]
    assert ppl.at(opposition) is None


def test_a_description_with_a_demonym_gives_its_holder_a_country(people):
    doc, ppl = people(
        "Chancellor Karl Weber met President Anna Berg in Prague on Monday. "
        "Weber was the first Austrian chancellor to address the Czech parliament."
    )
    weber = next(p for p in ppl.persons if p.name == "Karl Weber")
    assert weber.country == "AT"


def test_a_relative_named_by_a_given_name_alone_is_no_participant(meetings):
    found = meetings("King Felipe welcomed Emmanuel Macron and his wife Brigitte in Madrid on Monday.")
    assert "Brigitte" not in set().union(*(names(m) for m in found))


def test_a_city_in_a_place_slot_is_no_participant(meetings):
    found = meetings("Emmanuel Macron met Javier Milei during his visit to Buenos Aires on Sunday.")
    assert names(only(found)) == {"Emmanuel Macron", "Javier Milei"}


def test_a_country_after_the_name_is_the_persons(people):
    doc, ppl = people("Javier Milei from Argentina arrived on Monday. Later Gabriel Boric of Chile arrived.")
    countries = {p.name: p.country for p in ppl.persons}
    assert countries == {"Javier Milei": "AR", "Gabriel Boric": "CL"}


def test_a_body_and_a_title_name_the_one_person_introduced_with_the_body(people):
    doc, ppl = people(
        "The head of the Patriotic Front (PF), Gen. Samuel Okello, arrived in Kampala on Sunday. "
        "On Monday the PF leader held talks with Ugandan President Yoweri Museveni."
    )
    leader = next(t for t in doc if t.lower_ == "leader")
    assert ppl.at(leader).name == "Samuel Okello"


def test_a_form_of_address_is_no_part_of_the_name(meetings):
    found = meetings("Samdech Techo Hun Sen met Senior General Min Aung Hlaing in Naypyitaw on Friday.")
    assert names(only(found)) == {"Hun Sen", "Min Aung Hlaing"}
