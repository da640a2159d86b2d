"""Integration fixtures: a migrated PostgreSQL database, each test inside a rolled-back transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session, select

from patt_app import db as app_db
from patt_app import models
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.live.notify import CHANNEL
from patt_app.models import User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.reference.reference_data import seed_reference_data
from tests.databases import drop_database, migrated_database


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    name = f"patt_test_{os.getpid()}"
    url = migrated_database(name)
    yield url
    drop_database(name)  # mutation runs start many test sessions: leave no databases behind


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url, pool_size=5)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def app_engine(engine: Engine) -> Iterator[Engine]:
    """Between the fixtures that point it elsewhere, the app's own engine is the test
    database's: a request made without a database fixture (a 401 answered before any table
    is read, say) must not start the embedded development server and leave the process's
    engine pointing at a database without our tables."""
    app_db.set_engine(engine)
    yield engine
    app_db.set_engine(None)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, even when the code under test commits."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def seeded(db: Session) -> Session:
    """The session with the reference data (ranks, roles, classes, specs) in place."""
    seed_reference_data(session=db)
    return db


def _truncate_everything(engine: Engine) -> None:
    tables = ", ".join(f"{t.schema}.{t.name}" for t in models.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def committed(engine: Engine) -> Iterator[Engine]:
    """For tests that need several real transactions (races, Reflex states): the app's engine
    points at the test database, the reference data is committed, and every table is emptied
    afterwards."""
    previous = app_db._engine
    app_db.set_engine(engine)
    with Session(engine) as session:
        seed_reference_data(session=session)
        session.commit()
    try:
        yield engine
    finally:
        app_db.set_engine(previous)
        _truncate_everything(engine)


@pytest.fixture
def announced(committed: Engine) -> Iterator[callable]:
    """The topics announced on the database since the test started listening (each call
    returns what arrived since the last, waiting up to a second)."""
    with psycopg.connect(app_db.libpq_url(), autocommit=True) as conn:
        conn.execute(f"LISTEN {CHANNEL}")

        def topics() -> set[str]:
            return {note.payload for note in conn.notifies(timeout=1.0)}

        yield topics


@pytest.fixture
def tokens(committed: Engine) -> dict[str, str]:
    """The demo guild, committed, and a session token for the demo member and officer."""
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        found = {}
        for name in (DEMO_MEMBER, DEMO_OFFICER):
            user = session.exec(select(User).where(User.discord_username == name)).one()
            found[name] = start_session(session=session, user_id=user.id, now=now, hours=1)
        session.commit()
    return found


# The fake Discord and discord.py's process-wide addresses, for the tests/integration/
# test_discord_protocol_* files (tests/integration/discord_bot_harness.py).
from tests.integration.discord_bot_harness import discord_routes, fake_discord  # noqa: E402,F401
