"""Back up and restore Parley's database with pg_dump / pg_restore.

    python -m config.backup dump FILE [DB]     # custom-format dump of DB (default: the configured one)
    python -m config.backup restore FILE [DB]  # into DB (default: the configured one), replacing its objects
    python -m config.backup list FILE          # what a dump holds

Uses the PostgreSQL 16 client programs that come with pgserver, so it works on a
machine with no PostgreSQL installed; they read servers of version 16 and older.
"""

import os
import subprocess
import sys
from pathlib import Path


def _bin(name: str) -> str:
    from config.embedded import _pgserver

    return str(Path(_pgserver().__file__).parent / "pginstall" / "bin" / name)


def _settings() -> dict:
    """The configured database's Django connection settings."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings

    return settings.DATABASES["default"]


def _server(db: dict) -> tuple[list[str], dict]:
    """Host, user and port options for the client programs, and their environment."""
    args = ["--host", db["HOST"] or "127.0.0.1", "--username", db["USER"] or "postgres"]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return args, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


# Keys of Django's OPTIONS that are not libpq connection parameters.
_DJANGO_ONLY_OPTIONS = {"assume_role", "isolation_level", "pool", "server_side_binding", "prepare_threshold"}


def maintenance_connection(db: dict):
    """An autocommit psycopg connection to the ``postgres`` database of ``db``'s server, as ``db``'s user."""
    import psycopg

    params = {k: v for k, v in (db.get("OPTIONS") or {}).items() if k not in _DJANGO_ONLY_OPTIONS}
    params.update(dbname="postgres", host=db["HOST"] or "127.0.0.1", user=db["USER"] or "postgres")
    if db.get("PORT"):
        params["port"] = str(db["PORT"])
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    return psycopg.connect(**params, autocommit=True)


def database_exists(conn, database: str) -> bool:
    """Whether the server ``conn`` is connected to has a database of that name (a bound parameter, never SQL)."""
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is not None


def ensure_database(db: dict, database: str) -> bool:
    """Create the database named ``database`` on ``db``'s server unless it exists; whether it was created."""
    from psycopg import sql

    with maintenance_connection(db) as conn:
        if database_exists(conn, database):
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        return True


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("dump", "restore", "list"):
        print(__doc__, file=sys.stderr)
        return 2
    command, path = argv[0], argv[1]
    if command == "list":
        return subprocess.call([_bin("pg_restore"), "--list", path])
    db = _settings()
    server, env = _server(db)
    database = argv[2] if len(argv) > 2 else db["NAME"]
    if command == "dump":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        dump = [_bin("pg_dump"), "--format=custom", "--no-owner", "--file", path, *server, "--dbname", database]
        return subprocess.call(dump, env=env)
    ensure_database(db, database)
    restore = [_bin("pg_restore"), "--clean", "--if-exists", "--no-owner", "--exit-on-error", *server]
    return subprocess.call([*restore, "--dbname", database, path], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
