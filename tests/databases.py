"""Throwaway databases for the integration and e2e suites.

Embedded PostgreSQL under `.data/test-pg` by default; with TEST_DATABASE_URL set, databases are
created on that server instead (the user needs CREATEDB).

A migrated database is a copy of a template that every migration was run on once (per set of
migration files, per server): copying takes a fraction of a second where migrating takes
seconds, which counts when `make mutate` starts a test session for every mutant.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from patt_app.database_setup import migrate
from patt_app.db import ensure_database, normalize_url, start_embedded_postgres
from patt_app.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent.parent / "alembic"
TEMPLATE_PREFIX = "patt_template_"
_TEMPLATE_LOCK = 7_301_447  # pg_advisory_lock key: one process builds or copies it at a time


def server_admin_url() -> str:
    """A URL to the `postgres` maintenance database of the test server."""
    settings = get_settings()
    if settings.test_database_url:
        url = make_url(normalize_url(settings.test_database_url))
    else:
        url = make_url(start_embedded_postgres(settings.data_dir / "test-pg"))
    return url.set(database="postgres").render_as_string(hide_password=False)


def drop_database(name: str) -> None:
    """Drop database `name` on the test server if it exists (closing its connections)."""
    engine = create_engine(server_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def fresh_database(name: str) -> str:
    """Drop and recreate database `name` on the test server; returns its URL."""
    admin = server_admin_url()
    drop_database(name)
    ensure_database(admin, name)
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def migrated_database(name: str) -> str:
    """Drop and recreate database `name` as a copy of the migrated template; returns its URL."""
    admin = server_admin_url()
    drop_database(name)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _TEMPLATE_LOCK})
            try:
                template = _template(conn, admin)
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _TEMPLATE_LOCK})
    finally:
        engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def migrations_fingerprint() -> str:
    """Changes whenever a migration file (or the migration environment) changes."""
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS.rglob("*.py")):
        digest.update(str(path.relative_to(MIGRATIONS)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _template(conn: Connection, admin: str) -> str:
    """The template for today's migrations, built when missing (older ones are dropped)."""
    name = TEMPLATE_PREFIX + migrations_fingerprint()
    found = set(
        conn.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
            {"prefix": TEMPLATE_PREFIX + "%"},
        ).scalars()
    )
    if name not in found:
        building = fresh_database(f"{name}_building")
        migrate(building)  # alembic's engine is disposed: nobody stays connected to it
        conn.execute(text(f'ALTER DATABASE "{name}_building" RENAME TO "{name}"'))
    for stale in found - {name}:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)'))
    return name
