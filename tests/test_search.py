"""Search: the meetings' stored full-text vector kept current by the database, and
people found by the start of the words of their names."""

from datetime import date

import pytest
from django.db import connection
from rest_framework.test import APIClient

from meetings.models import Attendance, Meeting, MeetingTopic, Mention
from tests.factories import ArticleFactory, ParticipantFactory, TopicFactory

pytestmark = pytest.mark.django_db


def found(text):
    response = APIClient().get("/api/meetings/", {"q": text})
    assert response.status_code == 200, response.content
    return {m["id"] for m in response.json()["results"]}


@pytest.fixture
def talks():
    meeting = Meeting.objects.create(date=date(2021, 3, 2), summary="Border crossings reopened")
    ruto = ParticipantFactory(name="William Ruto")
    Attendance.objects.create(meeting=meeting, participant=ruto)
    MeetingTopic.objects.create(meeting=meeting, topic=TopicFactory(name="fisheries"))
    Mention.objects.create(
        meeting=meeting, article=ArticleFactory(), evidence="Ruto received Hassan in Nairobi.", start_char=0, end_char=9
    )
    return meeting


@pytest.mark.parametrize("text", ["crossing", "received Nairobi", "ruto", "fisheries", '"received hassan"'])
def test_a_meeting_is_found_by_its_summary_evidence_people_and_topics(talks, text):
    assert found(text) == {talks.id}


def test_words_that_are_nowhere_in_the_meeting_find_nothing(talks):
    assert found("Nairobi -Hassan") == set()
    assert found("pipelines") == set()


def test_the_vector_follows_every_write_to_the_meeting_and_its_parts(talks):
    Mention.objects.create(
        meeting=talks, article=ArticleFactory(), evidence="They spoke of pipelines.", start_char=0, end_char=9
    )
    assert found("pipelines") == {talks.id}
    Mention.objects.filter(meeting=talks, evidence__contains="pipelines").delete()
    assert found("pipelines") == set()
    talks.summary = "Grain corridor agreed"
    talks.save()  # as the admin does
    assert found("corridor") == {talks.id} and found("crossing") == set()
    Meeting.objects.filter(pk=talks.pk).update(summary="Fuel prices")  # a partial update, as ingest does
    assert found("fuel") == {talks.id}
    person = talks.participants.get()
    person.name = "Samia Suluhu Hassan"
    person.save()
    assert found("suluhu") == {talks.id} and found("william") == set()
    talks.topics.update(name="tourism")
    assert found("tourism") == {talks.id}


def test_a_search_reads_the_vector_index_and_not_the_articles(talks):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM meetings_meeting WHERE search @@ websearch_to_tsquery('english', 'ruto')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "meeting_search_idx" in plan


@pytest.mark.parametrize(
    "text, expected",
    [
        ("putin", {"vladimir-putin"}),
        ("Vlad", {"vladimir-putin", "vladislav-surkov"}),
        ("vlad put", {"vladimir-putin"}),
        ("ERDOĞ", {"recep-tayyip-erdogan"}),
        ("utin", set()),
        ("?!", {"vladimir-putin", "vladislav-surkov", "recep-tayyip-erdogan"}),
    ],
)
def test_people_are_found_by_the_start_of_any_word_of_their_name(text, expected):
    ParticipantFactory(name="Vladimir Putin", slug="vladimir-putin")
    ParticipantFactory(name="Vladislav Surkov", slug="vladislav-surkov")
    ParticipantFactory(name="Recep Tayyip Erdoğan", slug="recep-tayyip-erdogan")
    response = APIClient().get("/api/participants/", {"q": text})
    assert {p["slug"] for p in response.json()["results"]} == expected
