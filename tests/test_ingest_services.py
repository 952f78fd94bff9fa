"""Storing extracted meetings: one event one Meeting, one person one Participant."""

import threading
from dataclasses import replace
from datetime import date

import factory
import pytest
from django.db import connection

from ingest.extract import ExtractedMeeting, ExtractedParticipant, ExtractedTopic
from ingest.gazetteer import Place
from ingest.services import Writer, article_ingest, participant_match
from ingest.sources import RawArticle
from meetings.models import Article, Meeting, Mention, Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

PUTIN = ExtractedParticipant("Vladimir Putin", "President", "RU", ("Vladimir Putin", "Putin"))
ASSAD = ExtractedParticipant("Bashar al-Assad", "President", "SY", ("Bashar al-Assad", "Assad"))
SOCHI = Place("Sochi", "RU", False, 43.6, 39.7)


def meeting(*people, day=date(2018, 5, 17), place=SOCHI, topics=("terrorism",), status="held"):
    return ExtractedMeeting(
        participants=tuple(people),
        kind="in_person",
        status=status,
        date=day,
        date_precision="day",
        date_reason="test",
        location=place,
        location_reason="test",
        host=people[0].name,
        topics=tuple(ExtractedTopic(t, t.replace(" ", "-"), "issue") for t in topics),
        evidence="They met.",
        start_char=0,
        end_char=9,
        confidence=0.8,
    )


def article(text="Putin met Assad in Sochi.", url=None):
    return RawArticle(text=text, source="test", title="t", published=date(2018, 5, 17), url=url)


def test_an_article_is_stored_once_by_text_or_url():
    first = article_ingest(raw=article(url="https://a.example/1"), meetings=[meeting(PUTIN, ASSAD)])
    again = article_ingest(raw=article(url="https://a.example/1"), meetings=[meeting(PUTIN, ASSAD)])
    same_text = article_ingest(raw=article(url="https://b.example/2"), meetings=[])
    spaced = article_ingest(raw=article(text="  Putin met   Assad in Sochi.\n"), meetings=[])
    assert first.created and not again.created and not same_text.created and not spaced.created
    assert (Article.objects.count(), Meeting.objects.count(), Mention.objects.count()) == (1, 1, 1)


def test_the_same_meeting_in_two_articles_is_one_meeting_with_two_mentions():
    article_ingest(raw=article("Report one."), meetings=[meeting(PUTIN, ASSAD, topics=("terrorism",))])
    short_names = [replace(PUTIN, name="Putin"), replace(ASSAD, name="Bashar Assad")]
    second = article_ingest(
        raw=article("Report two."),
        meetings=[meeting(*short_names, day=date(2018, 5, 18), place=None, topics=("reconstruction",))],
    )
    assert second.meetings_merged == 1 and second.participants_new == 0
    m = Meeting.objects.get()
    assert m.mentions.count() == 2
    assert set(m.topics.values_list("slug", flat=True)) == {"terrorism", "reconstruction"}
    assert Participant.objects.count() == 2


def test_a_different_day_or_status_is_another_meeting():
    article_ingest(raw=article("One."), meetings=[meeting(PUTIN, ASSAD)])
    article_ingest(raw=article("Two."), meetings=[meeting(PUTIN, ASSAD, day=date(2017, 11, 20))])
    article_ingest(raw=article("Three."), meetings=[meeting(PUTIN, ASSAD, status="planned")])
    assert Meeting.objects.count() == 3


def test_an_article_is_all_or_nothing(monkeypatch):
    import ingest.services as services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_topics_get_or_create", broken)
    with pytest.raises(RuntimeError):
        article_ingest(raw=article(), meetings=[meeting(PUTIN, ASSAD)])
    assert (Article.objects.count(), Meeting.objects.count(), Participant.objects.count()) == (0, 0, 0)


def test_people_sharing_a_surname_are_not_merged():
    ParticipantFactory(name="George W. Bush", country=None)
    assert participant_match(ExtractedParticipant("Jeb Bush", "", "US", ())) is None
    # a bare surname that fits two people names nobody
    ParticipantFactory(name="Laura Bush", country=None)
    assert participant_match(ExtractedParticipant("Bush", "", None, ())) is None


def test_spelling_variants_and_particles_name_one_person():
    muallem = ParticipantFactory(name="Walid al-Muallem", country=None)
    assert participant_match(ExtractedParticipant("Walid Muallem", "", None, ())) == muallem
    assert participant_match(ExtractedParticipant("Walid Moallem", "", None, ())) == muallem
    assert participant_match(ExtractedParticipant("Muallem", "", None, ())) == muallem


def test_a_near_spelling_is_found_among_many_people_with_the_same_initials():
    ParticipantFactory.create_batch(600, name=factory.Sequence(lambda n: f"Walid Mansour{n}"), country=None)
    muallem = ParticipantFactory(name="Walid al-Muallem", country=None)
    assert participant_match(ExtractedParticipant("Walid Moallem", "", None, ())) == muallem


def test_a_known_country_must_agree_for_a_partial_name():
    ParticipantFactory(name="Jean Delorme")  # the factory's country is France
    assert participant_match(ExtractedParticipant("Delorme", "", "BE", ())) is None
    assert participant_match(ExtractedParticipant("J. Delorme", "", "BE", ())) is None


def test_a_country_guess_alone_does_not_split_a_full_name():
    stored = ParticipantFactory(name="Mohammed bin Salman")  # France: a wrong guess
    assert participant_match(ExtractedParticipant("Mohammed bin Salman", "", "SA", ())) == stored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_ingest_of_the_same_meeting_creates_no_duplicates():
    errors = []

    def ingest(n):
        try:
            article_ingest(raw=article(f"Report {n}."), meetings=[meeting(PUTIN, ASSAD)])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert (Meeting.objects.count(), Participant.objects.count(), Mention.objects.count()) == (1, 2, 4)


def test_a_batch_that_fails_is_written_article_by_article(monkeypatch):
    import ingest.services as services

    real = services._same_event

    def fails_on_the_bad_one(extracted, *args):
        if extracted.evidence == "bad":
            raise RuntimeError("constraint violated")
        return real(extracted, *args)

    monkeypatch.setattr(services, "_same_event", fails_on_the_bad_one)
    bad = replace(meeting(PUTIN, ASSAD, day=date(2018, 1, 1)), evidence="bad")
    results = Writer().write_each(
        [
            (article("One."), [meeting(PUTIN, ASSAD)]),
            (article("Two."), [bad]),
            (article("Three."), [meeting(PUTIN, ASSAD, status="planned")]),
        ]
    )
    assert [type(r).__name__ for r in results] == ["IngestResult", "RuntimeError", "IngestResult"]
    assert sorted(Article.objects.values_list("text", flat=True)) == ["One.", "Three."]
    assert Meeting.objects.count() == 2


def test_the_same_people_again_cost_two_queries_an_article(django_assert_num_queries):
    writer = Writer()
    writer.write([(article("First."), [meeting(PUTIN, ASSAD)])])
    again = [(article(f"Report {n}."), [meeting(PUTIN, ASSAD)]) for n in range(5)]
    # savepoint, lock, latest article, the mentions of all, the people's country counts,
    # release; per article: insert, same event
    with django_assert_num_queries(6 + 2 * 5):
        results = writer.write(again)
    assert all(r.created and r.meetings_merged == 1 for r in results)
    assert Meeting.objects.get().mentions.count() == 6


def test_a_writer_sees_what_another_writer_learned_in_between():
    mine = Writer()
    mine.write([(article("First."), [meeting(PUTIN, ASSAD)])])
    article_ingest(raw=article("Another writer."), meetings=[meeting(replace(PUTIN, role="Prime Minister"), ASSAD)])
    mine.write([(article("Third."), [meeting(PUTIN, ASSAD)])])
    assert Participant.objects.get(name="Vladimir Putin").role == "President"  # the latest article's


def test_one_batch_reporting_a_meeting_twice_gives_one_meeting_with_the_topics_of_both():
    Writer().write(
        [
            (article("One."), [meeting(PUTIN, ASSAD, topics=("terrorism", "energy"))]),
            (article("Two."), [meeting(PUTIN, ASSAD, topics=("energy", "reconstruction"))]),
        ]
    )
    m = Meeting.objects.get()
    assert list(m.meeting_topics.order_by("rank").values_list("topic__slug", "rank")) == [
        ("terrorism", 0),
        ("energy", 1),
        ("reconstruction", 2),
    ]
    assert m.mentions.count() == 2
