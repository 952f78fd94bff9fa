"""Stage 4, the attributes of a meeting (``ingest/extraction/attributes.py``): kind, date,
place and host, on sentences written for these tests. No database is touched."""

from datetime import date

import pytest

from ingest.extract import article_of
from ingest.extraction import arguments, attributes, dating, events, places
from ingest.nlp import parse


@pytest.fixture
def reading(nlp):
    """The article, the sentence, its first trigger and the trigger's people."""

    def read(text):
        a = article_of(next(parse(nlp, [text])), date(2024, 3, 13))  # a Wednesday
        sent = a.sents[0]
        t = events.triggers(a, sent)[0]
        return a, sent, t, arguments.participants(a, t)

    return read


def test_a_meeting_in_a_city_on_a_weekday(reading):
    a, sent, t, people = reading(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday."
    )
    assert attributes.kind(a, t, people) == "in_person"
    when = dating.explicit_date(a, sent, t, "held")
    assert (when.date, when.precision) == (date(2024, 3, 11), "day")
    place, reason = places.place(a, sent, t, people)
    assert place.name == "Nairobi" and "in Nairobi" in reason


def test_a_phone_call_has_no_place(reading):
    a, sent, t, people = reading(
        "Chinese President Xi Jinping spoke by phone with French President Emmanuel Macron on Tuesday."
    )
    assert attributes.kind(a, t, people) == "phone_call"
    assert dating.explicit_date(a, sent, t, "held").date == date(2024, 3, 12)


def test_the_subject_of_hosted_is_the_host(reading):
    a, sent, t, people = reading("Kenyan President William Ruto hosted Ugandan President Yoweri Museveni.")
    assert attributes.host(a, t, people, None).name == "William Ruto"
    assert not attributes.vague(a, t) and not attributes.previous(a, t)


def test_a_year_naming_a_deal_is_no_date_of_the_meeting(meetings):
    found = meetings(
        "Zambian President Hakainde Hichilema met Malawian President Lazarus Chakwera in Lusaka on Monday. "
        "The two discussed the slow rollout of the 2019 border trade agreement."
    )
    assert [str(m.date) for m in found] == ["2024-03-11"]


def test_a_year_naming_the_summit_dates_it(meetings):
    found = meetings(
        "Zambian President Hakainde Hichilema and Malawian President Lazarus Chakwera "
        "talked at the 2021 summit in Lilongwe."
    )
    assert found and found[0].date is not None and found[0].date.year == 2021


def test_a_date_in_a_clause_that_bounds_the_meeting_dates_that_clause(meetings):
    found = meetings(
        "Peruvian President Dina Boluarte and Chilean President Gabriel Boric spoke by telephone on Monday "
        "about the border, their first conversation since Lima and Santiago agreed in January to reopen it."
    )
    assert [str(m.date) for m in found] == ["2024-03-11"]


def test_a_dateline_with_city_and_country_places_the_days_meeting(meetings):
    found = meetings(
        "Leaders meet at the port\n"
        "MOMBASA, Kenya, March 13 - Kenyan President William Ruto pressed Ugandan President Yoweri Museveni "
        "on fuel transit during talks on Wednesday.",
        published="2024-03-13",
    )
    assert [m.location.name for m in found] == ["Mombasa"]
