"""report_duplicates and reapply_people_rules on a database stored under older rules."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import Country, Participant
from tests.factories import AttendanceFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def split_people():
    """One official split by a country guess, one full name split, and two namesakes."""
    us, india = Country.objects.get(iso2="US"), Country.objects.get(iso2="IN")
    trump = ParticipantFactory(name="Donald Trump", country=us, role="President")
    wrong = ParticipantFactory(name="Donald Trump", slug="donald-trump-2", country=india, role="President")
    AttendanceFactory.create_batch(2, participant=trump)
    AttendanceFactory(participant=wrong)
    ParticipantFactory(name="Arman Tevosyan", country=Country.objects.get(iso2="AM"))
    ParticipantFactory(name="Arman Tevosyan", slug="arman-tevosyan-2", country=Country.objects.get(iso2="TR"))
    ParticipantFactory(name="Ama Mensah")
    ParticipantFactory(name="Kofi Mensah")
    return trump


def test_report_duplicates_lists_pairs_with_their_counts(split_people):
    out = run("report_duplicates")
    assert "Donald Trump (US, 2 meetings" in out and "Donald Trump (IN, 1 meetings" in out
    assert "Tevosyan" in out and "Mensah" not in out
    assert out.strip().endswith("2 suspected duplicate pairs")


def test_reapply_people_rules_merges_one_person_and_is_idempotent(split_people):
    dry = run("reapply_people_rules", "--dry-run")
    assert "2 merges" in dry and Participant.objects.count() == 6
    run("reapply_people_rules")
    trump = Participant.objects.get(name="Donald Trump")
    assert trump == split_people and trump.country.iso2 == "US" and trump.meetings.count() == 3
    assert Participant.objects.filter(name="Arman Tevosyan").count() == 1
    assert Participant.objects.filter(surname_key="mensah").count() == 2
    assert "0 merges, 0 country fixes" in run("reapply_people_rules")


def test_reapply_people_rules_gives_a_known_office_holder_his_country():
    ParticipantFactory(name="Emmanuel Macron", country=Country.objects.get(iso2="DE"))
    assert "1 country fixes" in run("reapply_people_rules")
    assert Participant.objects.get().country.iso2 == "FR"


def test_an_international_office_holder_keeps_the_country_the_articles_gave():
    ParticipantFactory(name="António Guterres", country=None, role="Secretary-General")
    assert "0 country fixes" in run("reapply_people_rules")
