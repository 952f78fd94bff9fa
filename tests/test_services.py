import pytest

from meetings.models import Attendance, Participant
from meetings.services import participant_merge
from tests.factories import AttendanceFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_meetings_and_keeps_the_other_name_as_alias():
    putin = ParticipantFactory(name="Vladimir Putin", aliases=[])
    dup = ParticipantFactory(name="Putin", aliases=["v. putin"], role="")
    shared, own = MeetingFactory(), MeetingFactory()
    AttendanceFactory(meeting=shared, participant=putin, role="")
    AttendanceFactory(meeting=shared, participant=dup, role="President", side="host")
    AttendanceFactory(meeting=own, participant=dup)

    participant_merge(target=putin, others=[dup])

    putin.refresh_from_db()
    assert not Participant.objects.filter(pk=dup.pk).exists()
    assert set(putin.meetings.all()) == {shared, own}
    kept = Attendance.objects.get(meeting=shared, participant=putin)
    assert (kept.role, kept.side) == ("President", "host")
    assert putin.aliases == ["putin", "v. putin"]


def test_merging_a_person_into_itself_changes_nothing():
    person = ParticipantFactory()
    AttendanceFactory(participant=person)
    participant_merge(target=person, others=[person])
    assert Participant.objects.filter(pk=person.pk).exists()
    assert person.attendances.count() == 1
