"""voice presence: the raid voice channel (guild default, per event), the server's voice
channels as the bot saw them, and each member's stays in a raid's voice channel

Revision ID: 0022_voice_presence
Revises: 0021_raid_time_studio
Create Date: 2026-12-06 19:05:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

from alembic import op

revision: str = "0022_voice_presence"
down_revision: str | None = "0021_raid_time_studio"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id32(name: str, nullable: bool) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=32), nullable=nullable)


def upgrade() -> None:
    op.add_column("discord_config", _id32("raid_voice_channel_id", True), schema="common")
    op.add_column(
        "discord_bot_status",
        sa.Column(
            "voice_channels",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
        schema="common",
    )
    op.add_column("raid_events", _id32("voice_channel_id", True), schema="patt")
    op.create_table(
        "raid_voice_stays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        _id32("discord_id", False),
        _id32("channel_id", False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "left_at IS NULL OR left_at >= joined_at",
            name=op.f("ck_raid_voice_stays_left_after_joined"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["patt.raid_events.id"],
            name=op.f("fk_raid_voice_stays_event_id_raid_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_voice_stays")),
        schema="patt",
    )
    op.create_index(
        "ix_raid_voice_stays_event_member",
        "raid_voice_stays",
        ["event_id", "discord_id"],
        unique=False,
        schema="patt",
    )
    op.create_index(
        "uq_raid_voice_stays_open",
        "raid_voice_stays",
        ["event_id", "discord_id"],
        unique=True,
        schema="patt",
        postgresql_where=sa.text("left_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_raid_voice_stays_open", table_name="raid_voice_stays", schema="patt")
    op.drop_index("ix_raid_voice_stays_event_member", table_name="raid_voice_stays", schema="patt")
    op.drop_table("raid_voice_stays", schema="patt")
    op.drop_column("raid_events", "voice_channel_id", schema="patt")
    op.drop_column("discord_bot_status", "voice_channels", schema="common")
    op.drop_column("discord_config", "raid_voice_channel_id", schema="common")
