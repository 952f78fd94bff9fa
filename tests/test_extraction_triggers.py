"""Trigger words and candidates of the extractor (``ingest/extract.py``) on sentences
written for these tests: receiving verbs tied to a received person, meeting words that
spaCy splits into several tokens, and status news about a meeting named earlier.
No database is touched."""

from datetime import date

from tests.test_extract import names, only


def test_receiving_things_is_no_meeting(meetings):
    found = meetings(
        "Kenyan President William Ruto and his deputy Rigathi Gachagua would receive their "
        "certificates of election from the commission in Nairobi on Thursday."
    )
    assert found == []


def test_receiving_a_person_is_a_meeting(meetings):
    m = only(
        meetings(
            "Kenyan President William Ruto received Ethiopian Prime Minister Abiy Ahmed at State House "
            "in Nairobi on Tuesday."
        )
    )
    assert names(m) == {"William Ruto", "Abiy Ahmed"}
    assert m.kind == "in_person" and m.status == "held"


def test_receiving_a_delegation_is_a_meeting(meetings):
    m = only(
        meetings(
            "Chilean President Gabriel Boric welcomed a delegation led by Peruvian Foreign Minister "
            "Javier Gonzalez-Olaechea in Santiago on Monday."
        )
    )
    assert "Gabriel Boric" in names(m)


def test_a_sit_down_is_a_meeting(meetings):
    m = only(
        meetings(
            "Brazilian President Luiz Inacio Lula da Silva had a sit-down with Argentine President "
            "Javier Milei in Brasilia on Monday."
        )
    )
    assert names(m) == {"Luiz Inácio Lula da Silva", "Javier Milei"}
    assert m.kind == "in_person"
    assert m.location is not None and m.location.name == "Brasília"


def test_a_tete_a_tete_is_held(meetings):
    m = only(
        meetings(
            "Argentine President Javier Milei held a tete-a-tete with Italian Prime Minister Giorgia Meloni "
            "in Rome on Saturday."
        )
    )
    assert names(m) == {"Javier Milei", "Giorgia Meloni"}


def test_a_courtesy_call_is_in_person(meetings):
    m = only(
        meetings(
            "Chilean President Gabriel Boric paid a courtesy call on Peruvian President Dina Boluarte "
            "in Lima on Monday."
        )
    )
    assert names(m) == {"Gabriel Boric", "Dina Boluarte"}
    assert m.kind == "in_person"


def test_a_meeting_named_earlier_can_be_called_off(meetings):
    m = only(
        meetings(
            "Indonesian President Joko Widodo and Australian Prime Minister Anthony Albanese were due "
            "to meet in Jakarta on Friday. The summit was called off on Thursday."
        )
    )
    assert names(m) == {"Joko Widodo", "Anthony Albanese"}
    assert m.status == "cancelled"
    assert m.date == date(2024, 3, 15)


def test_a_next_round_is_no_meeting_of_the_people_named_before(meetings):
    m = only(
        meetings(
            "Indonesian President Joko Widodo met Australian Prime Minister Anthony Albanese in Jakarta "
            "on Monday. The next round of talks will be held in Canberra."
        )
    )
    assert m.status == "held"


def test_a_meeting_mentioned_in_passing(meetings):
    found = meetings(
        "Turkish President Recep Tayyip Erdogan returned to Ankara after talks in Moscow with "
        "Russian President Vladimir Putin on Monday."
    )
    m = only(found)
    assert names(m) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}
    assert m.location is not None and m.location.name == "Moscow"


def test_sitting_or_dining_with_someone_is_a_meeting(meetings):
    m = only(
        meetings(
            "Sudanese General Mohamed Hamdan Dagalo also sat with Ethiopian Deputy Prime Minister "
            "Demeke Mekonnen in Addis Ababa on Tuesday."
        )
    )
    assert names(m) == {"Mohamed Hamdan Dagalo", "Demeke Mekonnen"}
    m = only(meetings("French President Emmanuel Macron dined with Chinese President Xi Jinping in Paris on Monday."))
    assert names(m) == {"Emmanuel Macron", "Xi Jinping"}
    assert meetings("French President Emmanuel Macron sat in the front row at the ceremony on Monday.") == []


def test_a_meal_given_by_a_host_is_a_meeting(meetings):
    m = only(meetings("Erdogan toured the mosque and was then given lunch by Prime Minister Anwar Ibrahim."))
    assert names(m) == {"Anwar Ibrahim", "Recep Tayyip Erdoğan"}
    m = only(
        meetings("Prime Minister Anwar Ibrahim gave a dinner for Turkish President Recep Tayyip Erdogan on Tuesday.")
    )
    assert names(m) == {"Anwar Ibrahim", "Recep Tayyip Erdoğan"}


def test_a_meal_without_a_guest_is_no_meeting(meetings):
    assert meetings("Prime Minister Anwar Ibrahim gave a speech in Ankara and had lunch on Tuesday.") == []


def test_a_journey_continued_with_a_host_is_a_meeting(meetings):
    found = meetings(
        "South African President Cyril Ramaphosa's tour began last week in Kenya, where Ramaphosa met "
        "President William Ruto, and continued in Kampala with President Yoweri Museveni."
    )
    assert {frozenset(p.name for p in m.participants) for m in found} == {
        frozenset({"Cyril Ramaphosa", "William Ruto"}),
        frozenset({"Cyril Ramaphosa", "Yoweri Museveni"}),
    }


def test_a_journey_continued_without_a_person_is_no_meeting(meetings):
    assert meetings("The tour of President Cyril Ramaphosa continued in Kampala with a visit to a factory.") == []
