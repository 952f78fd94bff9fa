import pytest
from django.db import IntegrityError, transaction

from meetings.models import Attendance, Country, Meeting, MeetingCountry, MeetingPair, Mention
from tests.factories import (
    ArticleFactory,
    AttendanceFactory,
    LocationFactory,
    MeetingFactory,
    ParticipantFactory,
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


def test_for_list_loads_a_page_in_constant_queries(django_assert_num_queries):
    for _ in range(5):
        meeting = MeetingFactory()
        AttendanceFactory.create_batch(3, meeting=meeting)
    with django_assert_num_queries(4):  # meetings, then their people, topics and sources
        cards = [
            (
                m.location.country.name,
                [a.participant.country.name for a in m.attendance_list],
                [(s.article.title, s.article.url) for s in m.mention_list],
                str(m),
            )
            for m in Meeting.objects.for_list()
        ]
    assert len(cards) == 5 and all(len(people) == 3 for _, people, _, _ in cards)


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
