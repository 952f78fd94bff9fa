"""The embedded PostgreSQL used when ``DATABASE_URL`` is unset.

``pgserver`` ships PostgreSQL 16 binaries in a wheel, so a fresh machine needs no
database server. The cluster lives under ``var/pgdata`` and keeps running after the
command that started it, so later commands (runserver, tests, ingest) reuse it.
"""

import logging
import warnings
from pathlib import Path

DATABASE_NAME = "parley"


def embedded_database(data_dir: Path) -> dict:
    """Start (or reuse) the cluster in ``data_dir``; return Django connection settings."""
    import psycopg

    pgserver = _pgserver()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir) if info.socket_dir else "127.0.0.1",
        "PORT": str(info.port or ""),
    }


def stop(data_dir: Path) -> bool:
    """Stop the embedded cluster if it runs; return whether it was running."""
    pgserver = _pgserver()
    if not (data_dir / "postmaster.pid").exists():
        return False
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    pgserver.pg_ctl(["-w", "stop"], pgdata=data_dir, user=server.system_user)
    return True


def _pgserver():
    """Import pgserver quietly: it warns about XDG_RUNTIME_DIR and logs every exit."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    return pgserver
