"""availability and away periods announce which player changed ("schedule:<player id>")

Until now a change to `patt.player_availability` or `patt.availability_exceptions` announced
the plain topic "schedule", and every worker then read every player's schedule again and
recomputed every open week's runs. These tables now announce "schedule:<player id>" for each
player whose rows changed (once per player and transaction: PostgreSQL folds identical
notifications), so a worker re-reads that player alone (patt_app/live/read_cache.py) and
every schedule view still redraws (patt_app/live/topics.py, `heard_as`). A TRUNCATE, which
names no rows, still announces "schedule".

Revision ID: 0024_player_schedule_notices
Revises: 0023_appeals_and_rank_rules
Create Date: 2026-12-07 01:40:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024_player_schedule_notices"
down_revision: str | None = "0023_appeals_and_rank_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "patt_live"  # patt_app/live/notify.py
TABLES = ("patt.player_availability", "patt.availability_exceptions")


def _name(table: str) -> str:
    return table.split(".")[1]


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION common.announce_player_schedule() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM pg_notify('{CHANNEL}', 'schedule:' || OLD.player_id);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                PERFORM pg_notify('{CHANNEL}', 'schedule:' || NEW.player_id);
            END IF;
            RETURN NULL;
        END $$
        """
    )
    for table in TABLES:
        op.execute(f"DROP TRIGGER announce_schedule_{_name(table)} ON {table}")
        op.execute(
            f"CREATE TRIGGER announce_player_schedule_{_name(table)} "
            f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION common.announce_player_schedule()"
        )
        op.execute(
            f"CREATE TRIGGER announce_schedule_{_name(table)}_truncated "
            f"AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION common.announce_change('schedule')"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER announce_schedule_{_name(table)}_truncated ON {table}")
        op.execute(f"DROP TRIGGER announce_player_schedule_{_name(table)} ON {table}")
        op.execute(
            f"CREATE TRIGGER announce_schedule_{_name(table)} "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION common.announce_change('schedule')"
        )
    op.execute("DROP FUNCTION common.announce_player_schedule()")
