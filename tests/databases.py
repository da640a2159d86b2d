"""Throwaway databases for the integration and e2e suites.

Embedded PostgreSQL under `.data/test-pg` by default; with TEST_DATABASE_URL set, databases are
created on that server instead (the user needs CREATEDB).
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.db import ensure_database, normalize_url, start_embedded_postgres
from patt_app.settings import get_settings


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
