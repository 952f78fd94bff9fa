"""Submissions: a web request records what a user gave; a worker reads it.

Fetching a page and running spaCy take seconds and hundreds of megabytes, so they
never run inside a web request: the request stores a ``Submission`` and answers at
once, and a worker fetches, parses and stores it, recording the outcome on the row
that the status page and the API show.

Which worker is the ``PARLEY_SUBMISSION_RUNNER`` setting:
- ``process`` (the default without a broker): the web process starts
  ``manage.py read_submissions`` when none is running. One runner at a time holds
  an advisory lock and reads the queue oldest first, so parsing never runs more
  than once in parallel, whatever the number of submissions.
- ``celery`` (the default with ``CELERY_BROKER_URL``): a Celery task per submission.
- ``external``: nothing is started; ``manage.py read_submissions --forever`` runs
  under a process supervisor.
"""

import logging
import os
import subprocess
import sys
import time
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ingest.models import Submission
from ingest.pipeline import ingest_one
from ingest.sources import SourceError, read_submission, read_upload

log = logging.getLogger("parley.submissions")

RUNNER_LOCK = 0x5041524D  # "PARM": held by the one local runner reading the queue
MAX_ATTEMPTS = 2  # a submission that stopped its worker twice (out of memory, killed) fails
POLL_SECONDS = 1.0
STALE_AFTER = timedelta(minutes=15)  # a Celery claim older than this lost its worker
GENERIC_FAILURE = "this article could not be read"


def submission_create(
    *,
    user,
    text: str = "",
    url: str = "",
    upload_name: str = "",
    upload: bytes | None = None,
    title: str = "",
    published=None,
    outlet: str = "",
) -> Submission:
    """Record a submission and hand it to the worker once the transaction commits."""
    submission = Submission.objects.create(
        user=user,
        text=text,
        url=url,
        upload_name=upload_name,
        upload=upload,
        title=title,
        published=published,
        outlet=outlet,
    )
    transaction.on_commit(lambda: dispatch(submission.pk))
    return submission


def dispatch(pk: int) -> None:
    """Make sure a worker will read submission ``pk``."""
    runner = settings.PARLEY_SUBMISSION_RUNNER
    if runner == "celery":
        from ingest.tasks import read_submission_task

        read_submission_task.delay(pk)
    elif runner == "process" and not runner_alive():
        runner_start()


def runner_alive() -> bool:
    """Whether a local runner holds the queue's lock (it reads whatever is queued)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND ((classid::bigint << 32) | objid::bigint) = %s)",
            [RUNNER_LOCK],
        )
        return cursor.fetchone()[0]


def runner_start() -> subprocess.Popen:
    """Start ``manage.py read_submissions`` in its own session, on this process's database."""
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict)}
    idle = str(settings.PARLEY_RUNNER_IDLE_SECONDS)
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "read_submissions", "--idle-seconds", idle]
    return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdin=subprocess.DEVNULL, start_new_session=True)


def database_url(db: dict) -> str:
    """A DATABASE_URL for the connection settings ``db`` (for processes started from here)."""
    password = ":" + quote(db["PASSWORD"], safe="") if db.get("PASSWORD") else ""
    credentials = quote(db["USER"] or "", safe="") + password
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # a socket folder is a path
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def run_queue(*, idle_seconds: float = 30, forever: bool = False) -> int:
    """Read queued submissions, oldest first, until none has come for ``idle_seconds``;
    return how many were read. Only one runner reads at a time: another returns 0."""
    done = 0
    while _try_lock():
        try:
            _requeue_orphans()
            idle_since = time.monotonic()
            while True:
                submission = _claim(Q(state=Submission.State.QUEUED))
                if submission is not None:
                    submission_process(submission)
                    done += 1
                    idle_since = time.monotonic()
                elif forever or time.monotonic() - idle_since < idle_seconds:
                    time.sleep(POLL_SECONDS)
                else:
                    break
        finally:
            _unlock()
        # A submission queued while the lock was being let go found a runner alive and
        # started none: look once more after letting go.
        if not Submission.objects.filter(state=Submission.State.QUEUED).exists():
            break
    return done


def read_one(pk: int) -> Submission | None:
    """Read submission ``pk`` if it still waits (the Celery task); None if another took it."""
    abandoned = Q(state=Submission.State.RUNNING, started_at__lt=timezone.now() - STALE_AFTER)
    submission = _claim(Q(pk=pk) & (Q(state=Submission.State.QUEUED) | abandoned))
    if submission is not None:
        submission_process(submission)
    return submission


def submission_process(submission: Submission) -> None:
    """Fetch or decode the submission, extract and store its meetings, record the outcome."""
    try:
        item = _article(submission)
        if isinstance(item, SourceError):
            _finish(submission, Submission.State.FAILED, error=item.reason)
            return
        result = ingest_one(item)
    except MemoryError:
        _finish(submission, Submission.State.FAILED, error="too large to read within the worker's memory limit")
        return
    except Exception:
        log.exception("submission %s failed", submission.pk)
        _finish(submission, Submission.State.FAILED, error=GENERIC_FAILURE)
        return
    submission.article = result.article
    submission.article_created = result.created
    _finish(submission, Submission.State.DONE)


def _article(submission: Submission):
    published, outlet = submission.published, submission.outlet
    if submission.upload is not None:
        return read_upload(submission.upload_name, bytes(submission.upload), published=published, outlet=outlet)
    return read_submission(
        text=submission.text or None,
        url=submission.url or None,
        title=submission.title,
        published=published,
        outlet=outlet,
    )


def _finish(submission: Submission, state: str, *, error: str = "") -> None:
    submission.state = state
    submission.error = error
    submission.finished_at = timezone.now()
    submission.upload = None  # the article, if any, is stored; the file's bytes are not needed again
    submission.save(update_fields=["state", "error", "finished_at", "upload", "article", "article_created"])
    log.info(
        "submission %s %s",
        submission.pk,
        state,
        extra={"event": "submission_finished", "submission": submission.pk, "state": state},
    )


def _claim(condition: Q) -> Submission | None:
    """Take the oldest submission matching ``condition`` that no other worker holds."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update(skip_locked=True).filter(condition).order_by("id").first()
        if submission is None:
            return None
        Submission.objects.filter(pk=submission.pk).update(
            state=Submission.State.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
    submission.refresh_from_db()
    return submission


def _requeue_orphans() -> None:
    """Submissions left running by a runner that died: again, unless they killed it twice."""
    running = Submission.objects.filter(state=Submission.State.RUNNING)
    running.filter(attempts__lt=MAX_ATTEMPTS).update(state=Submission.State.QUEUED)
    running.update(
        state=Submission.State.FAILED,
        error="the worker stopped while reading this article, twice",
        finished_at=timezone.now(),
        upload=None,
    )


def _try_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [RUNNER_LOCK])
        return cursor.fetchone()[0]


def _unlock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [RUNNER_LOCK])
