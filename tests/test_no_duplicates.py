"""No loss, no duplicates: the demo corpus ingested once, twice, and by two processes
at the same time gives exactly the same meetings."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ingest.lexicon import DATA_DIR
from meetings.models import Article, Meeting, Mention, Participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO = DATA_DIR / "demo" / "articles.jsonl"


def snapshot():
    meetings = sorted(
        (str(m.date), m.kind, m.status, tuple(sorted(a.participant.name for a in m.attendances.all())))
        for m in Meeting.objects.prefetch_related("attendances__participant")
    )
    counts = tuple(model.objects.count() for model in (Article, Meeting, Mention, Participant))
    return counts, meetings


def database_url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db.get("PORT") else ""
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


def test_the_demo_corpus_twice_and_by_two_concurrent_processes_gives_the_same_meetings():
    devnull = open(os.devnull, "w")
    call_command("ingest", str(DEMO), stdout=devnull, stderr=devnull)
    once = snapshot()
    assert once[0][0] == 36 and once[0][1] >= 40
    call_command("ingest", str(DEMO), stdout=devnull, stderr=devnull)
    assert snapshot() == once

    for model in (Mention, Meeting, Article, Participant):
        model.objects.all().delete()
    env = {**os.environ, "DATABASE_URL": database_url()}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest", str(DEMO)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert snapshot() == once
