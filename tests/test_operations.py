"""Running Parley for a team: production settings, security headers, health, logs, backups."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-that-is-long-and-random-" + "x7Qp9" * 8,
    "DJANGO_ALLOWED_HOSTS": "parley.example.org",
}


def manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        # the browser tests allow async-unsafe calls in this process; a deployment does not
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_deploy_checks_are_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_pages_carry_a_content_security_policy_that_allows_the_cdn_files_and_nothing_inline(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src.split()[1:] == ["'self'", *(asset["cdn"] for asset in settings.PARLEY_CHART_ASSETS)]
    assert "unsafe-inline" not in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert b"<script>" not in response.content  # no inline script for the policy to block


def test_health_checks_the_database_and_says_nothing_else(client, monkeypatch):
    assert client.get("/health/").json() == {"status": "ok"}
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise RuntimeError("database unreachable")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json() == {"status": "failing"}


def test_json_log_lines_carry_the_extra_fields():
    from config.logs import JsonFormatter

    record = logging.makeLogRecord(
        {"name": "parley.ingest", "levelname": "INFO", "msg": "ingest run: %d new", "args": (3,), "event": "ingest_run"}
    )
    line = json.loads(JsonFormatter().format(record))
    assert (
        line["message"] == "ingest run: 3 new" and line["event"] == "ingest_run" and line["logger"] == "parley.ingest"
    )


def test_an_ingest_run_is_logged_as_one_structured_event(caplog, tmp_path):
    from django.core.management import call_command

    (tmp_path / "a.txt").write_text("Talks\n\nKenyan President William Ruto met Ugandan President Yoweri Museveni.")
    with caplog.at_level(logging.INFO, logger="parley.ingest"):
        call_command("ingest", str(tmp_path), stdout=open(os.devnull, "w"))
    (run,) = [r for r in caplog.records if getattr(r, "event", None) == "ingest_run"]
    assert run.articles_new == 1 and run.meetings_new == 1


DROP_RESTORED = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.db import connection
connection.cursor().execute("DROP DATABASE IF EXISTS parley_restore_check")
"""


def test_backup_and_restore_round_trip(tmp_path):
    """The commands behind make backup / make restore: pg_dump, then pg_restore into a new database."""
    from django.db import connection

    from meetings.models import Country

    dump = tmp_path / "parley.dump"
    python = os.path.join(sys.prefix, "bin", "python")
    result = subprocess.run(
        [python, "-m", "config.backup", "dump", str(dump), connection.settings_dict["NAME"]],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert dump.stat().st_size > 10_000
    listing = subprocess.run(
        [os.path.join(sys.prefix, "bin", "python"), "-m", "config.backup", "list", str(dump)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert "meetings_meeting" in listing.stdout, listing.stderr
    restored = subprocess.run(
        [
            os.path.join(sys.prefix, "bin", "python"),
            "-m",
            "config.backup",
            "restore",
            str(dump),
            "parley_restore_check",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restored.returncode == 0, restored.stderr
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = 'parley_restore_check'")
        assert cursor.fetchone() == (1,)
    subprocess.run([python, "-c", DROP_RESTORED], cwd=settings.BASE_DIR, check=True, timeout=120)
    assert Country.objects.exists()


def test_the_admin_and_writes_need_a_login_and_forms_need_csrf(client, django_user_model):
    from django.test import Client

    assert client.get("/admin/").status_code == 302
    assert client.post("/api/articles/", {"text": "x"}).status_code in (401, 403)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(django_user_model.objects.create_user("curator"))
    assert strict.post("/add/", {"text": "Talks\n\nA met B."}).status_code == 403  # no CSRF token
