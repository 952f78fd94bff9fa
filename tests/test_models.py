import datetime

import pytest
from django.db import IntegrityError, transaction

from meetings.models import Attendance, Country, Meeting, MeetingCountry, MeetingPair, MeetingTopic, Mention
from tests.factories import (
    ArticleFactory,
    AttendanceFactory,
    LocationFactory,
    MeetingFactory,
    ParticipantFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_every_country_is_loaded_with_news_names():
    assert Country.objects.count() >= 249
    assert Country.objects.get(iso2="RU").name == "Russia"
    assert Country.objects.get(iso2="XK").name == "Kosovo"


def test_duplicate_article_url_is_refused():
    article = ArticleFactory()
    refused(lambda: ArticleFactory(url=article.url))


def test_duplicate_article_text_hash_is_refused():
    article = ArticleFactory()
    refused(lambda: ArticleFactory(content_hash=article.content_hash))


def test_articles_without_url_may_coexist():
    ArticleFactory(url=None)
    ArticleFactory(url=None)


def test_a_person_attends_a_meeting_once():
    attendance = AttendanceFactory()
    refused(lambda: Attendance.objects.create(meeting=attendance.meeting, participant=attendance.participant))


def test_confidence_must_be_a_probability():
    refused(lambda: MeetingFactory(confidence=1.5))


def test_an_undated_meeting_has_unknown_precision():
    refused(lambda: MeetingFactory(date=None, date_precision="day"))
    refused(lambda: MeetingFactory(date_precision="unknown"))
    assert MeetingFactory(date=None, date_precision="unknown").date is None


def test_a_place_is_unique_per_country_even_without_one():
    place = LocationFactory()
    refused(lambda: LocationFactory(name=place.name, country=place.country))
    LocationFactory(name="Nowhere", country=None)
    refused(lambda: LocationFactory(name="Nowhere", country=None))


def test_mention_offsets_must_be_ordered():
    meeting, article = MeetingFactory(), ArticleFactory()
    refused(lambda: Mention.objects.create(meeting=meeting, article=article, evidence="x", start_char=5, end_char=5))


def test_one_mention_per_article_and_meeting():
    meeting, article = MeetingFactory(), ArticleFactory()
    Mention.objects.create(meeting=meeting, article=article, evidence="x", start_char=0, end_char=1)
    refused(lambda: Mention.objects.create(meeting=meeting, article=article, evidence="y", start_char=2, end_char=3))


def test_for_list_reads_a_page_with_people_topics_and_sources_in_one_query(django_assert_num_queries):
    meeting = MeetingFactory(location__name="Sochi")
    AttendanceFactory(meeting=meeting, participant__name="Zoe Guest", side="visitor")
    AttendanceFactory(meeting=meeting, participant__name="Yan Host", side="host", role="President")
    AttendanceFactory(meeting=meeting, participant__name="Ann Guest", participant__country=None)
    for rank, topic in enumerate([TopicFactory(name="trade"), TopicFactory(name="energy")]):
        MeetingTopic.objects.create(meeting=meeting, topic=topic, rank=rank)
    article = ArticleFactory(title="Leaders meet", outlet="Wire", published=datetime.date(2024, 5, 16))
    Mention.objects.create(meeting=meeting, article=article, evidence="They met.", start_char=0, end_char=9)
    MeetingFactory()  # nobody, no topic, no source yet
    with django_assert_num_queries(1):
        first, bare = Meeting.objects.for_list().order_by("id")
        label = str(first)
    assert first.location.country.name == "France"
    assert first.people == [
        {"slug": "yan-host", "name": "Yan Host", "country": "FR", "country_name": "France", "role": "President",
         "host": True},
        {"slug": "ann-guest", "name": "Ann Guest", "country": None, "country_name": None, "role": "", "host": False},
        {"slug": "zoe-guest", "name": "Zoe Guest", "country": "FR", "country_name": "France", "role": "",
         "host": False},
    ]  # fmt: skip
    assert first.topic_list == [{"slug": "trade", "name": "trade"}, {"slug": "energy", "name": "energy"}]
    assert first.sources == [
        {"url": article.url, "claimed_url": "", "title": "Leaders meet", "outlet": "Wire",
         "published": "2024-05-16", "evidence": "They met."}
    ]  # fmt: skip
    assert label.endswith(": Yan Host – Ann Guest – Zoe Guest")
    assert (bare.people, bare.topic_list, bare.sources) == ([], [], [])


def test_participants_count_their_meetings():
    person = ParticipantFactory()
    AttendanceFactory.create_batch(2, participant=person)
    assert type(person).objects.with_meeting_counts().get(pk=person.pk).meeting_count == 2


def pairs():
    return set(MeetingPair.objects.values_list("meeting_id", "first_id", "second_id"))


def attendance_pairs():
    """The pairs as the attendances give them, computed in Python."""
    people = {}
    for meeting_id, person in Attendance.objects.values_list("meeting_id", "participant_id"):
        people.setdefault(meeting_id, []).append(person)
    return {(m, a, b) for m, ids in people.items() for a in ids for b in ids if a < b}


def test_the_pairs_follow_the_attendances_whatever_writes_them():
    meeting, other = MeetingFactory(), MeetingFactory()
    a, b, c = ParticipantFactory(), ParticipantFactory(), ParticipantFactory()
    Attendance.objects.bulk_create(Attendance(meeting=meeting, participant=p) for p in (a, b, c))
    AttendanceFactory(meeting=other, participant=a)
    assert len(pairs()) == 3 and pairs() == attendance_pairs()
    AttendanceFactory(meeting=other, participant=c)  # one row added to a meeting
    assert len(pairs()) == 4 and pairs() == attendance_pairs()
    Attendance.objects.filter(meeting=meeting, participant=b).update(participant=ParticipantFactory())  # an edit
    assert pairs() == attendance_pairs() and not any(b.pk in p for p in pairs())
    Attendance.objects.filter(meeting=meeting, participant=a).delete()
    assert len(pairs()) == 2 and pairs() == attendance_pairs()
    Attendance.objects.filter(meeting=other).update(role="President")  # no change of people
    assert pairs() == attendance_pairs()
    meeting.delete()
    assert pairs() == attendance_pairs() == {(other.pk, min(a.pk, c.pk), max(a.pk, c.pk))}


def test_a_meetings_countries_follow_its_people():
    france, chile = Country.objects.get(iso2="FR"), Country.objects.get(iso2="CL")
    one, two = ParticipantFactory(country=france), ParticipantFactory(country=france)
    meeting = MeetingFactory()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, participant=one), Attendance(meeting=meeting, participant=two)]
    )

    def countries():
        return sorted(MeetingCountry.objects.filter(meeting=meeting).values_list("country__iso2", flat=True))

    assert countries() == ["FR"]  # two compatriots: the country once
    two.country = chile
    two.save()
    assert countries() == ["CL", "FR"]
    one.country = None
    one.save()
    assert countries() == ["CL"]
    Attendance.objects.filter(participant=two).delete()
    assert countries() == []
