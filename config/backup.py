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


def _server() -> tuple[list[str], str, dict]:
    """Host, user and port options, the configured database name, and the environment."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings

    db = settings.DATABASES["default"]
    args = ["--host", db["HOST"] or "127.0.0.1", "--username", db["USER"] or "postgres"]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return args, db["NAME"], {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("dump", "restore", "list"):
        print(__doc__, file=sys.stderr)
        return 2
    command, path = argv[0], argv[1]
    if command == "list":
        return subprocess.call([_bin("pg_restore"), "--list", path])
    server, configured, env = _server()
    database = argv[2] if len(argv) > 2 else configured
    if command == "dump":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        dump = [_bin("pg_dump"), "--format=custom", "--no-owner", "--file", path, *server, "--dbname", database]
        return subprocess.call(dump, env=env)
    query = f"SELECT 1 FROM pg_database WHERE datname = '{database}'"
    psql = [_bin("psql"), *server, "--dbname", "postgres", "-tAc", query]
    exists = subprocess.run(psql, env=env, capture_output=True, text=True).stdout.strip()
    if not exists:
        subprocess.check_call([_bin("createdb"), *server, database], env=env)
    restore = [_bin("pg_restore"), "--clean", "--if-exists", "--no-owner", "--exit-on-error", *server]
    return subprocess.call([*restore, "--dbname", database, path], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
