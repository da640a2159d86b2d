"""the tables behind the schedules and the sessions announce their changes (live NOTIFY)

Each worker keeps the guild's schedules and the viewers of open tabs between clicks
(patt_app/live/read_cache.py). These triggers send the NOTIFY that empties those caches
whenever a change to the tables behind them commits, whichever code (or person at a psql
prompt) made it: "schedule" for availability, away periods, players, ranks, specs and roles;
"viewers" for sessions ended or changed, accounts, players and ranks. PostgreSQL sends each
topic once per transaction, at commit.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 22:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "patt_live"  # patt_app/live/notify.py

# table → the topics its changes announce (once per statement)
ANNOUNCE = {
    "patt.player_availability": ("schedule",),
    "patt.availability_exceptions": ("schedule",),
    "guild_identity.specializations": ("schedule",),
    "guild_identity.roles": ("schedule",),
    "guild_identity.players": ("schedule", "viewers"),
    "common.guild_ranks": ("schedule", "viewers"),
    "common.users": ("viewers",),
}


def _trigger(table: str, topic: str) -> str:
    return f"announce_{topic}_{table.split('.')[1]}"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION common.announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', TG_ARGV[0]);
            RETURN NULL;
        END $$
        """
    )
    for table, topics in ANNOUNCE.items():
        for topic in topics:
            op.execute(
                f"CREATE TRIGGER {_trigger(table, topic)} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION common.announce_change('{topic}')"
            )
    # Sessions: a login (a new token) and the last-seen stamp change no one's cached viewer;
    # an ended, revoked or shortened session does.
    op.execute(
        "CREATE TRIGGER announce_viewers_user_sessions_changed AFTER UPDATE ON common.user_sessions "
        "FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at "
        "OR OLD.expires_at IS DISTINCT FROM NEW.expires_at "
        "OR OLD.user_id IS DISTINCT FROM NEW.user_id "
        "OR OLD.token_hash IS DISTINCT FROM NEW.token_hash) "
        "EXECUTE FUNCTION common.announce_change('viewers')"
    )
    op.execute(
        "CREATE TRIGGER announce_viewers_user_sessions_gone "
        "AFTER DELETE OR TRUNCATE ON common.user_sessions "
        "FOR EACH STATEMENT EXECUTE FUNCTION common.announce_change('viewers')"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER announce_viewers_user_sessions_gone ON common.user_sessions")
    op.execute("DROP TRIGGER announce_viewers_user_sessions_changed ON common.user_sessions")
    for table, topics in ANNOUNCE.items():
        for topic in topics:
            op.execute(f"DROP TRIGGER {_trigger(table, topic)} ON {table}")
    op.execute("DROP FUNCTION common.announce_change()")
