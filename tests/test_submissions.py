"""Submitted articles are read by a worker, never inside the web request."""

import os
import socket
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from ingest import submissions
from ingest.models import Submission
from meetings.models import Meeting
from tests.conftest import read_queue

ARTICLE = (
    "Leaders meet in Accra\n\nGhanaian President Nana Akufo-Addo met Ivorian President "
    "Alassane Ouattara in Accra on Monday to discuss trade and security."
)


@pytest.fixture
def api(django_user_model):
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("analyst"))
    return client


class TricklingServer:
    """A server on loopback that answers one byte a second; it records its connections."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/slow"

    def serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>":
                    if self.stop.wait(1.0):
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    def close(self):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def trickling():
    server = TricklingServer()
    yield server
    server.close()


@pytest.mark.django_db
def test_a_slow_page_cannot_hold_a_web_request(api, trickling, settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = True  # so that only the deadline can stop the fetch
    settings.PARLEY_FETCH_DEADLINE = 2
    started = time.monotonic()
    response = api.post("/api/articles/", {"url": trickling.url}, format="json")
    assert response.status_code == 202 and time.monotonic() - started < 1
    assert trickling.connections == 0  # the request fetched nothing
    started = time.monotonic()
    read_queue()  # the worker does, within the deadline for the whole fetch
    assert time.monotonic() - started < 10 and trickling.connections == 1
    failed = Submission.objects.get()
    assert failed.state == "failed" and failed.error == "the page took too long to fetch"


@pytest.mark.django_db
def test_only_one_local_runner_reads_the_queue(api, settings):
    api.post("/api/articles/", {"text": ARTICLE}, format="json")
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or None, password=db["PASSWORD"] or None
    )
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [submissions.RUNNER_LOCK])
        assert submissions.runner_alive()
        assert read_queue() == 0 and Submission.objects.get().state == "queued"
        other.execute("SELECT pg_advisory_unlock(%s)", [submissions.RUNNER_LOCK])  # closing alone frees it later
    finally:
        other.close()
    assert not submissions.runner_alive()
    assert read_queue() == 1 and Submission.objects.get().state == "done"


@pytest.mark.django_db
def test_a_submission_left_running_by_a_dead_runner_is_read_again_then_failed(api):
    first = api.post("/api/articles/", {"text": ARTICLE}, format="json").json()["id"]
    Submission.objects.update(state="running", attempts=1)  # its runner died
    assert read_queue() == 1 and Submission.objects.get(pk=first).state == "done"
    second = api.post("/api/articles/", {"text": ARTICLE + " Again."}, format="json").json()["id"]
    Submission.objects.filter(pk=second).update(state="running", attempts=submissions.MAX_ATTEMPTS)  # killed it twice
    assert read_queue() == 0
    failed = Submission.objects.get(pk=second)
    assert failed.state == "failed" and "stopped" in failed.error


@pytest.mark.django_db
def test_with_a_broker_each_submission_is_a_celery_task(api, settings, monkeypatch, django_capture_on_commit_callbacks):
    from ingest.tasks import read_submission_task

    settings.PARLEY_SUBMISSION_RUNNER = "celery"
    queued = []
    monkeypatch.setattr(read_submission_task, "delay", queued.append)  # what reaches the broker
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/articles/", {"text": ARTICLE, "published": "2020-01-08"}, format="json")
    assert response.status_code == 202 and queued == [response.json()["id"]]
    assert read_submission_task(queued[0]) == "done"  # what a worker runs
    assert Meeting.objects.count() == 1
    assert read_submission_task(queued[0]) is None  # a second delivery finds it taken


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_broker_the_request_starts_a_runner_process_that_reads_it(api, settings):
    settings.PARLEY_SUBMISSION_RUNNER = "process"
    settings.PARLEY_RUNNER_IDLE_SECONDS = 1
    response = api.post("/api/articles/", {"text": ARTICLE, "published": "2020-01-08"}, format="json")
    assert response.status_code == 202
    deadline = time.monotonic() + 180
    while Submission.objects.get().state in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert Submission.objects.get().state == "done" and Meeting.objects.count() == 1
    while submissions.runner_alive() and time.monotonic() < deadline:  # it stops once idle
        time.sleep(0.5)
    assert not submissions.runner_alive()


@pytest.mark.django_db
def test_a_submission_that_exhausts_the_memory_limit_fails_alone(api, monkeypatch):
    from ingest import pipeline

    real = pipeline.ingest_one
    api.post("/api/articles/", {"text": ARTICLE + " Huge."}, format="json")
    api.post("/api/articles/", {"text": ARTICLE}, format="json")

    def out_of_memory_once(article):
        monkeypatch.setattr(submissions, "ingest_one", real)
        raise MemoryError

    monkeypatch.setattr(submissions, "ingest_one", out_of_memory_once)
    assert read_queue() == 2
    first, second = Submission.objects.order_by("id")
    assert first.state == "failed" and "memory limit" in first.error
    assert second.state == "done"


def test_the_runner_command_caps_its_own_memory():
    """The limit is set in the runner's own process (a child here, to leave this one alone)."""
    script = (
        "import resource, django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
        "django.setup();"
        "from unittest import mock; from django.core.management import call_command;"
        "mock.patch('ingest.submissions.run_queue', return_value=0).start();"
        "call_command('read_submissions'); print(resource.getrlimit(resource.RLIMIT_AS)[0])"
    )
    env = {**os.environ, "PARLEY_WORKER_MEMORY_MB": "1536"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.split()[-1] == str(1536 * 1024 * 1024), done.stderr[-2000:]
