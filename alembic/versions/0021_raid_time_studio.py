"""raid-time studio: the votes it opens (candidate schedules per entry) and when one was applied

Revision ID: 0021_raid_time_studio
Revises: 0020_availability_history
Create Date: 2026-12-06 18:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401

from alembic import op

revision: str = "0021_raid_time_studio"
down_revision: str | None = "0020_availability_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "raid_time_votes",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("specs", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applied_from", sa.Date(), nullable=True),
        sa.Column("applied_by_player_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["applied_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_raid_time_votes_applied_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["patt.campaigns.id"],
            name=op.f("fk_raid_time_votes_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_raid_time_votes")),
        schema="patt",
    )


def downgrade() -> None:
    op.drop_table("raid_time_votes", schema="patt")
