"""Reads to the read replica when DATABASE_REPLICA_URL names one, writes to the primary."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# The read-heavy data. Sessions, accounts, submissions and the cache the rate limits count
# in are read right after they are written: they stay on the primary.
REPLICA_APPS = {"meetings"}


class ReplicaRouter:
    """Without a replica every query goes to ``default``. Inside a transaction on the
    primary, reads stay there too: a replica lags, and a transaction must see what it
    has just written (ingest reads back the people and places it creates)."""

    def db_for_read(self, model, **hints):
        if (
            REPLICA in settings.DATABASES
            and model._meta.app_label in REPLICA_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary's schema by replication
