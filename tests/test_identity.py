"""One person, one Participant: the names a person goes by across articles, the known
office holders, and the curator's merges all lead to one record."""

from dataclasses import replace
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command

from ingest.extract import ExtractedParticipant
from ingest.gazetteer import gazetteer
from ingest.lexicon import load
from ingest.services import Writer
from ingest.sources import RawArticle
from meetings.models import Attendance, Participant
from meetings.names import fold, name_key
from meetings.services import participant_merge
from tests.test_ingest_services import meeting as stored_meeting
from tests.test_quality import SHARED, scorer

pytestmark = pytest.mark.django_db

TRUMP = ExtractedParticipant("Donald Trump", "President", "US", ("Donald Trump", "Trump"))
MACRON = ExtractedParticipant("Emmanuel Macron", "President", "FR", ("Emmanuel Macron", "Macron"))


def meeting(*people, day=date(2018, 5, 17)):
    return stored_meeting(*people, day=day, place=None, topics=())


def ingest(*meetings):
    """Each meeting in an article of its own, as separate ingest runs would store them."""
    for n, m in enumerate(meetings):
        raw = RawArticle(text=f"Report {n} {m}.", source="test", title="t", published=m.date)
        Writer().write([(raw, [m])])


def person(name, role="", country=None, aliases=()):
    return ExtractedParticipant(name, role, country, tuple(aliases))


def names():
    return sorted(Participant.objects.values_list("name", flat=True))


def test_a_wrong_country_guess_and_a_bare_surname_join_the_known_office_holder():
    ingest(
        meeting(TRUMP, MACRON),
        meeting(replace(TRUMP, country="IN"), MACRON, day=date(2018, 6, 1)),
        meeting(person("Trump", "President"), MACRON, day=date(2019, 2, 3)),
    )
    assert names() == ["Donald Trump", "Emmanuel Macron"]
    assert Participant.objects.get(name="Donald Trump").country.iso2 == "US"


def test_a_country_guess_alone_does_not_split_a_full_name_and_the_most_frequent_wins():
    arman = person("Arman Tevosyan", "Minister", "AM")
    ingest(
        meeting(arman, MACRON),
        meeting(replace(arman, country="TR"), MACRON, day=date(2018, 6, 1)),
        meeting(arman, MACRON, day=date(2018, 7, 1)),
    )
    assert names() == ["Arman Tevosyan", "Emmanuel Macron"]
    stored = Participant.objects.get(name="Arman Tevosyan")
    assert stored.country.iso2 == "AM" and stored.country_votes == {"AM": 2, "TR": 1}


def test_two_bushes_are_told_apart_by_the_date():
    ingest(
        meeting(person("George H. W. Bush", "President", "US"), MACRON, day=date(1991, 3, 1)),
        meeting(person("George W. Bush", "President", "US"), MACRON, day=date(2003, 3, 1)),
        meeting(person("George Bush", "President", "US"), MACRON, day=date(2003, 4, 1)),
        meeting(person("Bush", "President", "US"), MACRON, day=date(1990, 4, 1)),
        meeting(person("Bush", "President", "US"), MACRON, day=date(2005, 4, 1)),
    )
    assert names() == ["Emmanuel Macron", "George H. W. Bush", "George W. Bush"]
    counts = {p.name: p.attendances.count() for p in Participant.objects.all()}
    assert counts["George W. Bush"] == 3 and counts["George H. W. Bush"] == 2


def test_transliterations_middle_names_and_diacritics_name_one_person():
    ingest(
        meeting(person("Volodymyr Zelensky", "President", "UA"), MACRON),
        meeting(person("Volodymyr Zelenskiy", "President", "UA"), MACRON, day=date(2019, 1, 1)),
        meeting(person("Volodymyr Zelenskyy", "President", "UA"), MACRON, day=date(2020, 1, 1)),
        meeting(person("Recep Tayyip Erdoğan", "President", "TR"), MACRON),
        meeting(person("Recep Erdogan", "President", "TR"), MACRON, day=date(2019, 1, 1)),
    )
    assert len(names()) == 3


def test_a_kunya_or_short_form_the_extraction_gave_as_alias_joins_later():
    mbs = person("Mohammed bin Salman", "Crown Prince", "SA", ["Mohammed bin Salman", "MBS"])
    ingest(meeting(mbs, MACRON), meeting(person("MBS", "", "SA"), MACRON, day=date(2019, 1, 1)))
    assert names() == ["Emmanuel Macron", "Mohammed bin Salman"]


def test_a_name_merged_away_by_a_curator_joins_the_kept_record_later():
    ingest(meeting(person("Kwame Asantewaa", "Minister", "GH"), MACRON))
    ingest(meeting(person("Asantewaa Kwame", "Minister", "GH"), MACRON, day=date(2019, 1, 1)))
    kept, other = Participant.objects.get(name="Kwame Asantewaa"), Participant.objects.get(name="Asantewaa Kwame")
    participant_merge(target=kept, others=[other])
    ingest(meeting(person("Asantewaa Kwame", "Minister", "GH"), MACRON, day=date(2020, 1, 1)))
    assert names() == ["Emmanuel Macron", "Kwame Asantewaa"]
    assert Attendance.objects.filter(participant=kept).count() == 3


def test_people_sharing_a_surname_stay_apart_without_evidence():
    ingest(
        meeting(person("Ama Mensah", "Minister", "GH"), MACRON),
        meeting(person("Kofi Mensah", "Minister", "GH"), MACRON, day=date(2019, 1, 1)),
        meeting(person("Mensah", "Minister", "GH"), MACRON, day=date(2020, 1, 1)),
    )
    assert names() == ["Ama Mensah", "Emmanuel Macron", "Kofi Mensah", "Mensah"]


# The whole corpus: the dev set, the demo data and the seeds in one empty database.


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command(
            "ingest",
            str(SHARED / "eval" / "dev" / "articles.jsonl"),
            str(settings.BASE_DIR / "ingest" / "data" / "demo" / "articles.jsonl"),
            str(SHARED / "seeds" / "articles.jsonl"),
        )
        people = list(Participant.objects.select_related("country"))
        Participant.objects.all().delete()  # the module's other tests start from an empty database
        from meetings.models import Article, Location, Meeting, Topic

        for model in (Meeting, Article, Topic, Location):
            model.objects.all().delete()
    return people


def gold_people() -> dict[str, str | None]:
    score = scorer()
    found = {}
    for row in score.read_jsonl(SHARED / "eval" / "dev" / "gold.jsonl"):
        for m in row["meetings"] + row.get("optional", []):
            for name in m["participants"]:
                found.setdefault(name, (m.get("participant_countries") or {}).get(name))
    return found


def test_each_gold_person_is_one_stored_participant(corpus):
    same_person = scorer().same_person
    split = {n: [p.name for p in corpus if same_person(n, p.name)] for n in gold_people()}
    assert {n: stored for n, stored in split.items() if len(stored) > 1} == {}


def _not_people_words() -> set[str]:
    lists = load("not_people.json")
    return {fold(w) for kind in ("agencies", "organisation_nouns", "venue_nouns") for w in lists[kind]}


def test_no_participant_is_an_agency_organisation_place_or_building(corpus):
    words = _not_people_words()
    organisations = {
        fold(n) for o in load("organisations.json")["organisations"] for n in (o["name"], *o.get("aliases", ()))
    }
    wrong = [
        p.name
        for p in corpus
        if set(name_key(p.name)) & words or fold(p.name) in organisations or gazetteer().resolve(p.name)
    ]
    assert wrong == []


GOLD_COUNTRY_FLOOR = 0.95  # the share of stored gold people with a known country who have that one


def test_the_gold_people_stored_have_their_country(corpus):
    """Each stored person whom the gold gives a country has it; unknown counts as wrong.
    The floor leaves room for the few the texts never place (a delegate named without
    title or country) and for gold countries of the time (a leader of a state founded
    later)."""
    same_person = scorer().same_person
    pairs = [
        (name, code, p.country.iso2 if p.country else None)
        for name, code in gold_people().items()
        if code
        for p in corpus
        if same_person(name, p.name)
    ]
    wrong = [pair for pair in pairs if pair[1] != pair[2]]
    assert len(pairs) >= 180
    assert 1 - len(wrong) / len(pairs) >= GOLD_COUNTRY_FLOOR, wrong


def test_the_person_page_lists_the_offices_as_reported_with_their_dates(client, django_assert_num_queries):
    from meetings.selectors import participant_offices

    minister = person("Arman Tevosyan", "Foreign Minister", "AM")
    ingest(
        meeting(minister, MACRON, day=date(2015, 3, 2)),
        meeting(minister, MACRON, day=date(2016, 5, 9)),
        meeting(replace(minister, role="Prime Minister"), MACRON, day=date(2019, 1, 7)),
    )
    stored = Participant.objects.get(name="Arman Tevosyan")
    with django_assert_num_queries(1):
        offices = participant_offices(stored)
    assert [(o["role"], o["first"], o["last"], o["count"]) for o in offices] == [
        ("Foreign Minister", date(2015, 3, 2), date(2016, 5, 9), 2),
        ("Prime Minister", date(2019, 1, 7), date(2019, 1, 7), 1),
    ]
    html = client.get(stored.get_absolute_url()).content.decode()
    assert "Foreign Minister" in html and "2 Mar 2015 – 9 May 2016" in html


@pytest.mark.django_db
def test_the_demo_database_has_one_record_and_a_country_per_leader():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Participant.objects.count() >= 25
    assert list(Participant.objects.filter(country__isnull=True).values_list("name", flat=True)) == []
    surnames = [name_key(p.name)[-1] for p in Participant.objects.all()]
    assert len(surnames) == len(set(surnames)), "two records share a surname"
