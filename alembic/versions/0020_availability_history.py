"""availability as it was: history tables for weekly windows and away periods, kept by triggers;
and the role asks (an off-spec asked for to fill a raid's role gap)

Every insert, update and delete of `patt.player_availability` and `patt.availability_exceptions`
closes the version it replaces (`valid_to`) and opens the new one (`valid_from`), whoever writes
(the app, the bot, the demo seed, a person at a psql prompt). A window's version starts at its
`updated_at` and an away period's at its `created_at` (the clock of whoever wrote it); a deletion
ends the version at the database's clock, never before it began. The rows already there become
valid from their creation (a window's last change: it keeps no other date).

Revision ID: 0020_availability_history
Revises: 0017_signup_answers
Create Date: 2026-12-06 18:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0020_availability_history"
down_revision: str | None = "0017_signup_answers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)
PLAYERS = "guild_identity.players.id"

WINDOW_HISTORY = """
CREATE FUNCTION patt.keep_window_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE patt.player_availability_history
           SET valid_to = GREATEST(
                   CASE WHEN TG_OP = 'UPDATE' THEN NEW.updated_at ELSE now() END, valid_from)
         WHERE player_id = OLD.player_id AND day_of_week = OLD.day_of_week
           AND valid_to IS NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO patt.player_availability_history
            (player_id, day_of_week, earliest_start, available_hours, valid_from)
        VALUES (NEW.player_id, NEW.day_of_week, NEW.earliest_start, NEW.available_hours,
                NEW.updated_at);
    END IF;
    RETURN NULL;
END $$
"""

AWAY_HISTORY = """
CREATE FUNCTION patt.keep_away_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE patt.availability_exception_history
           SET valid_to = GREATEST(now(), valid_from)
         WHERE exception_id = OLD.id AND valid_to IS NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO patt.availability_exception_history
            (exception_id, player_id, start_date, end_date, valid_from)
        VALUES (NEW.id, NEW.player_id, NEW.start_date, NEW.end_date,
                CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE now() END);
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "player_availability_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("day_of_week", sa.SmallInteger(), nullable=False),
        sa.Column("earliest_start", sa.Time(), nullable=False),
        sa.Column("available_hours", sa.Numeric(3, 1), nullable=False),
        sa.Column("valid_from", MOMENT, nullable=False),
        sa.Column("valid_to", MOMENT, nullable=True),
        sa.ForeignKeyConstraint(
            ["player_id"],
            [PLAYERS],
            name=op.f("fk_player_availability_history_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_player_availability_history")),
        schema="patt",
    )
    op.create_index(
        "ix_player_availability_history_player_day_open",
        "player_availability_history",
        ["player_id", "day_of_week"],
        schema="patt",
    )
    op.create_table(
        "availability_exception_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exception_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("valid_from", MOMENT, nullable=False),
        sa.Column("valid_to", MOMENT, nullable=True),
        sa.ForeignKeyConstraint(
            ["player_id"],
            [PLAYERS],
            name=op.f("fk_availability_exception_history_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_exception_history")),
        schema="patt",
    )
    for column in ("exception_id", "player_id"):
        op.create_index(
            op.f(f"ix_patt_availability_exception_history_{column}"),
            "availability_exception_history",
            [column],
            schema="patt",
        )
    op.execute(
        "INSERT INTO patt.player_availability_history "
        "(player_id, day_of_week, earliest_start, available_hours, valid_from) "
        "SELECT player_id, day_of_week, earliest_start, available_hours, updated_at "
        "FROM patt.player_availability"
    )
    op.execute(
        "INSERT INTO patt.availability_exception_history "
        "(exception_id, player_id, start_date, end_date, valid_from) "
        "SELECT id, player_id, start_date, end_date, created_at FROM patt.availability_exceptions"
    )
    _role_asks()
    op.execute(WINDOW_HISTORY)
    op.execute(AWAY_HISTORY)
    op.execute(
        "CREATE TRIGGER keep_history AFTER INSERT OR UPDATE OR DELETE ON patt.player_availability "
        "FOR EACH ROW EXECUTE FUNCTION patt.keep_window_history()"
    )
    op.execute(
        "CREATE TRIGGER keep_history AFTER INSERT OR UPDATE OR DELETE "
        "ON patt.availability_exceptions FOR EACH ROW EXECUTE FUNCTION patt.keep_away_history()"
    )


def _role_asks() -> None:
    op.create_table(
        "role_asks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("spec", sa.String(length=60), nullable=False),
        sa.Column("asked_at", MOMENT, nullable=False),
        sa.Column("answer", sa.String(length=3), nullable=True),
        sa.Column("answered_at", MOMENT, nullable=True),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('yes', 'no')", name=op.f("ck_role_asks_answer_known")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["patt.raid_events.id"],
            name=op.f("fk_role_asks_event_id_raid_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            [PLAYERS],
            name=op.f("fk_role_asks_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_asks")),
        sa.UniqueConstraint("event_id", "player_id", name=op.f("uq_role_asks_event_id_player_id")),
        schema="patt",
    )
    for column in ("event_id", "player_id"):
        op.create_index(op.f(f"ix_patt_role_asks_{column}"), "role_asks", [column], schema="patt")


def downgrade() -> None:
    op.drop_table("role_asks", schema="patt")
    op.execute("DROP TRIGGER keep_history ON patt.availability_exceptions")
    op.execute("DROP TRIGGER keep_history ON patt.player_availability")
    op.execute("DROP FUNCTION patt.keep_away_history()")
    op.execute("DROP FUNCTION patt.keep_window_history()")
    op.drop_table("availability_exception_history", schema="patt")
    op.drop_table("player_availability_history", schema="patt")
