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
