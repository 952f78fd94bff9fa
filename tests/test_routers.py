"""The read replica: reads go there when one is configured, writes and transactions never."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, transaction

from config.routers import REPLICA, ReplicaRouter
from meetings.models import Meeting

# The router only reads which aliases exist.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_database_replica_url_adds_the_replica_alias():
    env = {**os.environ, "DATABASE_REPLICA_URL": "postgres://reader@replica.example:5432/parley"}
    show = "import django; django.setup(); from django.conf import settings; d = settings.DATABASES; "
    show += "print(d['replica']['HOST'], d['replica']['TEST']['MIRROR'], settings.DATABASE_ROUTERS[0])"
    out = subprocess.run(
        [sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR
    )
    assert out.stdout.split() == ["replica.example", "default", "config.routers.ReplicaRouter"]


def test_without_a_replica_everything_uses_the_primary(settings):
    router = ReplicaRouter()
    assert REPLICA not in settings.DATABASES
    assert router.db_for_read(Meeting) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Meeting) == DEFAULT_DB_ALIAS


def test_with_a_replica_reads_go_there_and_writes_to_the_primary(settings):
    settings.DATABASES = {**settings.DATABASES, REPLICA: dict(settings.DATABASES[DEFAULT_DB_ALIAS])}
    router = ReplicaRouter()
    assert router.db_for_read(Meeting) == REPLICA
    assert router.db_for_read(Session) == DEFAULT_DB_ALIAS  # read right after login writes it
    assert router.db_for_write(Meeting) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "meetings") and not router.allow_migrate(REPLICA, "meetings")


def test_a_transaction_reads_what_it_wrote_on_the_primary(settings, db):
    settings.DATABASES = {**settings.DATABASES, REPLICA: dict(settings.DATABASES[DEFAULT_DB_ALIAS])}
    with transaction.atomic():
        assert ReplicaRouter().db_for_read(Meeting) == DEFAULT_DB_ALIAS
