"""campaigns: closed_at, and the contest agent's embed (title, colour, channel, leader)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "campaigns",
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        schema="patt",
    )
    op.add_column(
        "contest_agent_log",
        sa.Column(
            "title", sqlmodel.sql.sqltypes.AutoString(length=200), server_default="", nullable=False
        ),
        schema="patt",
    )
    op.add_column(
        "contest_agent_log",
        sa.Column(
            "colour",
            sqlmodel.sql.sqltypes.AutoString(length=7),
            server_default="#D4A84B",
            nullable=False,
        ),
        schema="patt",
    )
    op.add_column(
        "contest_agent_log",
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        schema="patt",
    )
    op.add_column(
        "contest_agent_log",
        sa.Column("leader_entry_id", sa.Integer(), nullable=True),
        schema="patt",
    )
    op.create_foreign_key(
        op.f("fk_contest_agent_log_leader_entry_id_campaign_entries"),
        "contest_agent_log",
        "campaign_entries",
        ["leader_entry_id"],
        ["id"],
        source_schema="patt",
        referent_schema="patt",
        ondelete="SET NULL",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_contest_agent_log_leader_entry_id_campaign_entries"),
        "contest_agent_log",
        schema="patt",
        type_="foreignkey",
    )
    op.drop_column("contest_agent_log", "leader_entry_id", schema="patt")
    op.drop_column("contest_agent_log", "channel_id", schema="patt")
    op.drop_column("contest_agent_log", "colour", schema="patt")
    op.drop_column("contest_agent_log", "title", schema="patt")
    op.drop_column("campaigns", "closed_at", schema="patt")
