"""The ingest command end to end: real extraction, real PostgreSQL, real sources."""

import json
import socket
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.models import Article, Attendance, Meeting, Mention, Participant

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

FIRST = """Ghana and Ivory Coast leaders meet in Accra

Ghanaian President Nana Akufo-Addo met Ivorian President Alassane Ouattara in Accra on Monday.
The two presidents discussed trade, security in the Sahel and the cocoa price.
"""
SECOND = """Cocoa on the table as Ouattara visits Ghana

Ivory Coast's President Alassane Ouattara held talks with Ghana's President Nana Akufo-Addo in Accra on Monday,
focusing on cocoa prices and terrorism in the Sahel.
"""
SPEECH = """President addresses nation

Kenyan President William Ruto gave a speech to parliament on Tuesday about the economy.
"""


def ingest(*args):
    """Run the command; return (stdout, the CommandError or None)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue() + err.getvalue(), exc
    return out.getvalue() + err.getvalue(), None


def counts():
    return tuple(m.objects.count() for m in (Article, Meeting, Mention, Participant, Attendance))


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "first.txt").write_text(FIRST)
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "second.txt").write_text(SECOND)
    (tmp_path / "speech.txt").write_text(SPEECH)
    return tmp_path


def test_a_folder_becomes_one_meeting_reported_twice(folder):
    out, error = ingest(folder, "--published", "2020-01-08", "--outlet", "Wire")
    assert error is None, out
    assert "articles: 3 new, 0 already known, 0 failed" in out
    meeting = Meeting.objects.get()
    assert meeting.date == date(2020, 1, 6) and meeting.location.name == "Accra"
    assert meeting.mentions.count() == 2
    names = set(meeting.participants.values_list("name", flat=True))
    assert names == {"Nana Akufo-Addo", "Alassane Ouattara"}
    assert {"trade", "terrorism"} <= set(meeting.topics.values_list("slug", flat=True))
    assert set(Article.objects.values_list("outlet", flat=True)) == {"Wire"}


def test_running_again_changes_nothing(folder):
    ingest(folder, "--published", "2020-01-08")
    before = counts()
    out, error = ingest(folder, "--published", "2020-01-08")
    assert error is None
    assert "articles: 0 new, 3 already known, 0 failed" in out
    assert counts() == before


def test_dry_run_writes_nothing_but_reports(folder):
    out, error = ingest(folder, "--published", "2020-01-08", "--dry-run")
    assert error is None
    assert "meetings: 2 found" in out and "dry run" in out
    assert counts() == (0, 0, 0, 0, 0)


def test_bad_sources_are_reported_the_rest_is_saved_and_the_exit_fails(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "lines.jsonl").write_text('{"id": "x", "text": "' + "Ruto met Museveni in Nairobi." + '"}\n{oops\n')
    out, error = ingest(folder, folder / "missing.txt", "--published", "2020-01-08")
    assert error is not None and "failed" in str(error)
    for reason in ("empty.txt", "binary.txt", "lines.jsonl:2", "missing.txt"):
        assert reason in out
    assert Article.objects.count() == 4  # three files and the good JSONL line
    assert Meeting.objects.filter(mentions__article__text__contains="Accra").distinct().count() == 1


def test_bad_arguments_are_refused(folder):
    _, error = ingest(folder, "--published", "yesterday")
    assert error is not None and "--published" in str(error)
    _, error = ingest(folder, "--workers", "-1")
    assert error is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("cores", [1, 4], ids=["workers-extract", "workers-parse-only"])
def test_two_workers_give_the_same_meetings_as_one(folder, monkeypatch, cores):
    ingest(folder, "--published", "2020-01-08")
    once = sorted(Meeting.objects.values_list("date", "location__name", "kind", "status", "summary"))
    assert once
    Article.objects.all().delete()
    Meeting.objects.all().delete()
    monkeypatch.setattr("ingest.pipeline.os.cpu_count", lambda: cores)  # with cores to spare, workers only parse
    out, error = ingest(folder, "--published", "2020-01-08", "--workers", "2", "--batch-size", "1")
    assert error is None, out
    assert sorted(Meeting.objects.values_list("date", "location__name", "kind", "status", "summary")) == once


@pytest.mark.skipif(not SEEDS.exists(), reason="the shared seeds are not checked out beside the project")
def test_the_seeds_ingest_with_their_dates(tmp_path):
    out, error = ingest(SEEDS / "articles.jsonl")
    assert error is None, out
    assert Article.objects.count() == 5
    assert Participant.objects.filter(name="Vladimir Putin").count() == 1
    # the two Sochi meetings of 004 are one event, and Putin met Netanyahu on three days
    netanyahu = Meeting.objects.filter(participants__name="Benjamin Netanyahu", status="held")
    assert sorted(str(m.date) for m in netanyahu) == ["2013-05-14", "2016-04-21", "2019-04-04"]


def test_demo_data_loads_once():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    before = counts()
    assert before[0] >= 30 and before[1] >= 25
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == before


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis broker on 127.0.0.1:6379")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_celery_worker_ingests_an_article_through_redis(settings):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app
    from ingest.tasks import ingest_article

    app.conf.update(broker_url="redis://127.0.0.1:6379/15", result_backend="redis://127.0.0.1:6379/15")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = ingest_article.delay(FIRST, title="Leaders meet", published="2020-01-08", url="https://wire.example/1")
        summary = result.get(timeout=120)
    assert summary["articles_new"] == 1 and summary["meetings_new"] == 1, json.dumps(summary)
    assert Meeting.objects.get().participants.count() == 2
