"""The rollup tables the triggers keep give the same figures as the live queries."""

from datetime import date

import pytest
from django.db.models import Sum
from django.http import QueryDict

from meetings import selectors
from meetings.filters import MeetingFilter
from meetings.models import Attendance, Country, Meeting, MeetingPair, MeetingTopic, MonthCount, PairCount, Participant
from meetings.selectors import Scope
from meetings.services import participant_merge
from tests.factories import AttendanceFactory, MeetingFactory, ParticipantFactory, TopicFactory

pytestmark = pytest.mark.django_db

SCOPES = [
    Scope(),
    Scope(kinds=("phone_call",)),
    Scope(statuses=("held",)),
    Scope(kinds=("in_person", "video_call"), statuses=("planned", "held")),
    Scope(month_from=date(2024, 2, 1), month_to=date(2024, 4, 1)),
    Scope(kinds=("in_person",), month_from=date(2024, 3, 1)),
]


def live(scope: Scope):
    meetings = Meeting.objects.all()
    if scope.kinds:
        meetings = meetings.filter(kind__in=scope.kinds)
    if scope.statuses:
        meetings = meetings.filter(status__in=scope.statuses)
    if scope.month_from:
        meetings = meetings.filter(date__gte=scope.month_from)
    if scope.month_to:
        month_end = date(scope.month_to.year + scope.month_to.month // 12, scope.month_to.month % 12 + 1, 1)
        meetings = meetings.filter(date__lt=month_end)
    return meetings


def assert_rollups_agree():
    for scope in SCOPES:
        meetings = live(scope)
        assert selectors.key_figures(meetings, scope) == selectors.key_figures(meetings), scope
        for period in ("month", "year"):
            assert selectors.meetings_over_time(meetings, period, scope) == selectors.meetings_over_time(
                meetings, period
            ), scope
        for top in (selectors.top_participants, selectors.top_topics, selectors.top_countries):
            assert top(meetings, 50, scope) == top(meetings, 50), (top, scope)
        assert selectors.network(meetings, 100, scope) == selectors.network(meetings, 100), scope


@pytest.fixture
def record():
    """People of three countries at meetings of every kind and status, some undated."""
    countries = [Country.objects.get(iso2=code) for code in ("NO", "CL", "VN")]
    people = [ParticipantFactory(country=countries[n % 3] if n != 4 else None) for n in range(6)]
    topics = [TopicFactory() for _ in range(3)]
    kinds, statuses = list(Meeting.Kind.values), list(Meeting.Status.values)
    meetings = []
    for n in range(14):
        undated = n % 5 == 4
        meeting = MeetingFactory(
            date=None if undated else date(2024, 1 + n % 6, 1 + n),
            date_precision="unknown" if undated else "day",
            kind=kinds[n % 4],
            status=statuses[n % 3],
        )
        for k in range(2 + n % 2):
            AttendanceFactory(meeting=meeting, participant=people[(n + 2 * k) % 6])
        MeetingTopic.objects.create(meeting=meeting, topic=topics[n % 3])
        meetings.append(meeting)
    return people, topics, meetings


def test_rollups_agree_with_the_live_queries_after_inserts(record):
    assert MonthCount.objects.aggregate(n=Sum("count"))["n"] == Meeting.objects.count()
    assert PairCount.objects.aggregate(n=Sum("count"))["n"] == MeetingPair.objects.count() > 0
    assert_rollups_agree()


def test_rollups_follow_edits_of_meetings_attendances_and_countries(record):
    people, topics, meetings = record
    meetings[0].kind, meetings[0].status, meetings[0].date = "multilateral", "cancelled", date(2024, 5, 20)
    meetings[0].save()
    Meeting.objects.filter(pk__in=[m.pk for m in meetings[5:9]]).update(status="refused")
    Meeting.objects.filter(pk=meetings[3].pk).update(date=None, date_precision="unknown")
    Attendance.objects.filter(meeting=meetings[2]).update(role="Envoy")
    Attendance.objects.filter(meeting=meetings[1]).first().delete()
    AttendanceFactory(meeting=meetings[1], participant=ParticipantFactory(country=Country.objects.get(iso2="KE")))
    Participant.objects.filter(pk=people[1].pk).update(country=Country.objects.get(iso2="PE"))
    MeetingTopic.objects.filter(meeting=meetings[4]).update(topic=topics[2])
    assert_rollups_agree()


def test_rollups_follow_merges_of_people(record):
    people, _, _ = record
    participant_merge(target=people[0], others=[people[2], people[4]])
    assert_rollups_agree()


def test_rollups_follow_deletions(record):
    people, topics, meetings = record
    meetings[0].delete()
    Meeting.objects.filter(pk__in=[m.pk for m in meetings[6:10]]).delete()
    people[3].delete()
    topics[1].delete()
    assert_rollups_agree()


@pytest.mark.parametrize(
    "query, covered",
    [
        ("", True),
        ("kind=phone_call&status=held", True),
        ("date_from=2024-02-01&date_to=2024-04-30", True),
        ("date_from=2024-02-03", False),
        ("date_to=2024-04-29", False),
        ("place=Oslo", False),
        ("topic=topic-0", False),
    ],
)
def test_only_kinds_statuses_and_whole_months_read_the_rollups(query, covered):
    TopicFactory(name="topic 0")
    filterset = MeetingFilter(QueryDict(query), queryset=Meeting.objects.all())
    assert filterset.is_valid()
    assert (selectors.rollup_scope(filterset) is not None) is covered
