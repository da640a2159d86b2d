"""Battle.net account linking: the player's Battle.net account, verified character links, the
single-use `state` of each "Link Battle.net"

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 10:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SOURCES = "'manual', 'exact_name', 'note_hint', 'fuzzy', 'onboarding', 'seed'"
NEW_SOURCES = OLD_SOURCES + ", 'battlenet_oauth', 'battlenet_lapsed'"


def _link_sources(sources: str) -> None:
    op.drop_constraint(
        op.f("ck_player_characters_link_source_known"),
        "player_characters",
        schema="guild_identity",
        type_="check",
    )
    op.create_check_constraint(
        op.f("ck_player_characters_link_source_known"),
        "player_characters",
        f"link_source IN ({sources})",
        schema="guild_identity",
    )


def upgrade() -> None:
    op.add_column(
        "players",
        sa.Column("battlenet_account_id", sa.BigInteger(), nullable=True),
        schema="guild_identity",
    )
    op.add_column(
        "players",
        sa.Column("battletag", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        schema="guild_identity",
    )
    op.add_column(
        "players",
        sa.Column("battlenet_linked_at", sa.DateTime(timezone=True), nullable=True),
        schema="guild_identity",
    )
    op.create_unique_constraint(
        op.f("uq_players_battlenet_account_id"),
        "players",
        ["battlenet_account_id"],
        schema="guild_identity",
    )
    _link_sources(NEW_SOURCES)
    op.create_table(
        "battlenet_link_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_session_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_battlenet_link_states_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_session_id"],
            ["common.user_sessions.id"],
            name=op.f("fk_battlenet_link_states_user_session_id_user_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_battlenet_link_states")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_battlenet_link_states_state_hash")),
        schema="guild_identity",
    )
    op.create_index(
        op.f("ix_guild_identity_battlenet_link_states_user_session_id"),
        "battlenet_link_states",
        ["user_session_id"],
        unique=False,
        schema="guild_identity",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_guild_identity_battlenet_link_states_user_session_id"),
        table_name="battlenet_link_states",
        schema="guild_identity",
    )
    op.drop_table("battlenet_link_states", schema="guild_identity")
    op.execute(
        "UPDATE guild_identity.player_characters SET link_source = 'manual' "
        "WHERE link_source IN ('battlenet_oauth', 'battlenet_lapsed')"
    )
    _link_sources(OLD_SOURCES)
    op.drop_constraint(
        op.f("uq_players_battlenet_account_id"), "players", schema="guild_identity", type_="unique"
    )
    op.drop_column("players", "battlenet_linked_at", schema="guild_identity")
    op.drop_column("players", "battletag", schema="guild_identity")
    op.drop_column("players", "battlenet_account_id", schema="guild_identity")
