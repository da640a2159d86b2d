"""Migration 0020 on a database that already has availability: the existing windows and away
periods become valid from their creation, and the migration goes down and up again."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from alembic import command
from patt_app.database_setup import alembic_config
from tests.databases import drop_database, fresh_database

NAME = f"patt_test_history_backfill_{os.getpid()}"
BEFORE = "0017_signup_answers"


def test_existing_rows_become_valid_from_their_creation():
    url = fresh_database(NAME)
    engine = create_engine(url)
    try:
        command.upgrade(alembic_config(url), BEFORE)
        with engine.begin() as c:
            pid = c.execute(
                text(
                    "INSERT INTO guild_identity.players (display_name, timezone) "
                    "VALUES ('Old', 'Europe/Berlin') RETURNING id"
                )
            ).scalar()
            c.execute(
                text(
                    "INSERT INTO patt.player_availability (player_id, day_of_week, "
                    "earliest_start, available_hours, updated_at) "
                    "VALUES (:p, 1, '20:00', 3, '2026-01-05T12:00Z')"
                ),
                {"p": pid},
            )
            c.execute(
                text(
                    "INSERT INTO patt.availability_exceptions (player_id, start_date, end_date, "
                    "created_at) VALUES (:p, '2026-02-01', '2026-02-03', '2026-01-10T12:00Z')"
                ),
                {"p": pid},
            )
        command.upgrade(alembic_config(url), "head")
        with engine.begin() as c:
            window = c.execute(
                text("SELECT valid_from, valid_to FROM patt.player_availability_history")
            ).one()
            away = c.execute(
                text("SELECT valid_from, valid_to FROM patt.availability_exception_history")
            ).one()
        assert tuple(window) == (datetime(2026, 1, 5, 12, tzinfo=UTC), None)
        assert tuple(away) == (datetime(2026, 1, 10, 12, tzinfo=UTC), None)
        command.downgrade(alembic_config(url), BEFORE)
        command.upgrade(alembic_config(url), "head")
    finally:
        engine.dispose()
        drop_database(NAME)
