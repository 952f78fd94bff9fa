"""What a group word or a definite meeting noun refers to (``ingest/extraction/references.py``),
on sentences written for these tests. No database is touched."""

from datetime import date

import pytest

from ingest.extract import article_of
from ingest.extraction import events, references
from ingest.nlp import parse

RUTO_MET_MUSEVENI = "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi."


@pytest.fixture
def last_trigger(nlp):
    """The article and the last trigger of its last sentence."""

    def read(text):
        a = article_of(next(parse(nlp, [text])), date(2024, 3, 13))
        return a, events.triggers(a, a.sents[-1])[-1]

    return read


def test_the_two_leaders_are_the_two_people_named_before(last_trigger):
    a, met = last_trigger(
        "Kenyan President William Ruto and Ugandan President Yoweri Museveni flew to Arusha. "
        "The two leaders met on Monday."
    )
    assert [p.name for p in references.group_in(a, met)] == ["William Ruto", "Yoweri Museveni"]


def test_the_meeting_names_the_one_already_read(last_trigger):
    a, meeting = last_trigger(RUTO_MET_MUSEVENI + " The meeting lasted two hours.")
    assert references.definite_reference(a, meeting) and not references.elsewhere(a, meeting)


def test_talks_in_another_city_are_another_event(last_trigger):
    a, talks = last_trigger(RUTO_MET_MUSEVENI + " The talks in Kigali lasted two hours.")
    assert references.elsewhere(a, talks) and not references.definite_reference(a, talks)


def token(a, word, nth=0):
    return [t for t in a.doc if t.text == word][nth]


TOUR = (
    "The UN envoy for Yemen, Hans Grundberg, was received on Monday in Muscat by Foreign Minister Badr Albusaidi. "
    "Mr. Albusaidi praised the efforts of the United Nations. "
)


def test_the_person_of_the_lead_subject_is_salient(article):
    a = article(TOUR)
    assert references.salient(a).name == "Hans Grundberg"


def test_a_subject_description_stands_for_the_salient_person(article):
    a = article(TOUR + "The veteran diplomat had started his tour in Riyadh, where he held talks with Prince Khalid.")
    assert references.resolve(a, token(a, "diplomat")).name == "Hans Grundberg"
    assert references.resolve(a, token(a, "he")).name == "Hans Grundberg"


def test_a_description_whose_demonym_does_not_fit_is_no_one(article):
    a = article(
        "Kenyan President William Ruto was received on Monday in Kampala by Ugandan President Yoweri Museveni. "
        "Ruto thanked Museveni. The Tanzanian president said nothing."
    )
    assert references.salient(a).name == "William Ruto"
    assert references.described(a, token(a, "president")) is None


def test_an_office_that_does_not_fit_the_role_is_no_one(article):
    a = article(
        "Kenyan President William Ruto was received on Monday in Kampala by Ugandan President Yoweri Museveni. "
        "Ruto thanked Museveni. The king arrived later."
    )
    assert references.described(a, token(a, "king")) is None


def test_a_second_he_of_the_sentence_is_the_first_one(article):
    a = article(
        TOUR + "The envoy went to Aden. There he met Aidarous al-Zubaidi, and he was received by Rashad al-Alimi."
    )
    assert references.resolve(a, token(a, "he", 1)).name == "Hans Grundberg"


def test_a_description_names_the_weightiest_person_who_fits(article):
    a = article(
        "President Moon Jae-in of South Korea flew home on Friday after a summit with Kim Jong-un. "
        "Kim Jong-un waved. Kim Jong-un smiled. Kim Jong-un left. "
        "The South Korean president then spoke."
    )
    assert references.resolve(a, token(a, "president")).name == "Moon Jae-in"


def test_the_two_are_the_last_two_named_before_them(last_trigger):
    a, met = last_trigger(
        "Before the trip, the Kenyan president William Ruto called Ugandan President Yoweri Museveni. "
        "The two laid a wreath at the grave of Julius Nyerere and discussed trade."
    )
    assert [p.name for p in references.group_in(a, met)] == ["William Ruto", "Yoweri Museveni"]


def test_a_name_misread_as_the_root_is_still_the_subject_he_means(article):
    a = article(
        "Emmanuel Macron said on Friday that German Chancellor Olaf Scholz had talked to him. "
        "Macron spent Saturday in Rome. He met Italian Prime Minister Giorgia Meloni."
    )
    macron = token(a, "Macron", 1)
    macron.dep_ = "ROOT"  # the parser sometimes reads "X used the day for ..." so
    assert references.earlier_subject(a, a.sents[-1]) is a.people.at(macron)


def test_a_person_adopted_after_the_weighing_weighs_nothing(article):
    from ingest.extraction.references import most_salient, salience
    from ingest.people import Person

    found = article("President Joe Biden met Chinese President Xi Jinping in Bali on Monday.")
    salience(found)
    newcomer = Person(key=999)  # as People.adopt makes one while the walk reads a sentence
    assert most_salient(found, [newcomer]) is newcomer
    assert most_salient(found, [newcomer, *found.people.persons]) is not newcomer
