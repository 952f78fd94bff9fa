"""The project's own set-up: migrations, the embedded database, the admin and pages."""

import io
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from config.embedded import embedded_database, stop
from tests.factories import AttendanceFactory


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


@pytest.mark.django_db
def test_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"


def test_embedded_database_starts_and_is_reused():
    data_dir = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    try:
        first = embedded_database(data_dir)
        pid = (data_dir / "postmaster.pid").read_text().split()[0]
        second = embedded_database(data_dir)
        assert second == first
        assert (data_dir / "postmaster.pid").read_text().split()[0] == pid
        dsn = f"dbname={first['NAME']} user={first['USER']} host={first['HOST']}"
        with psycopg.connect(dsn) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("parley",)
    finally:
        assert stop(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.django_db
def test_admin_lists_meetings_for_a_curator(admin_client):
    attendance = AttendanceFactory()
    response = admin_client.get("/admin/meetings/meeting/")
    assert response.status_code == 200
    assert attendance.participant.name in response.content.decode()


@pytest.mark.django_db
def test_admin_merges_two_people(admin_client):
    a = AttendanceFactory().participant
    b = AttendanceFactory().participant
    response = admin_client.post(
        "/admin/meetings/participant/",
        {"action": "merge_participants", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    assert type(a).objects.count() == 1
    assert type(a).objects.get().meetings.count() == 2


@pytest.mark.django_db
def test_timeline_page_shows_meetings(client):
    attendance = AttendanceFactory(participant__name="Angela Merkel")
    response = client.get("/")
    assert response.status_code == 200
    assert "Angela Merkel" in response.content.decode()
    detail = client.get(attendance.meeting.get_absolute_url())
    assert detail.status_code == 200
