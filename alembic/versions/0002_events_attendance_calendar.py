"""events attendance calendar

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:58:12.912386

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "players",
        sa.Column("calendar_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        schema="guild_identity",
    )
    op.create_unique_constraint(
        op.f("uq_players_calendar_token"), "players", ["calendar_token"], schema="guild_identity"
    )
    op.add_column(
        "raid_attendance",
        sa.Column("absence_note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        schema="patt",
    )
    op.add_column(
        "raid_attendance",
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        schema="patt",
    )
    op.add_column(
        "raid_events",
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        schema="patt",
    )


def downgrade() -> None:
    op.drop_column("raid_events", "cancelled_at", schema="patt")
    op.drop_column("raid_attendance", "updated_at", schema="patt")
    op.drop_column("raid_attendance", "absence_note", schema="patt")
    op.drop_constraint(
        op.f("uq_players_calendar_token"), "players", schema="guild_identity", type_="unique"
    )
    op.drop_column("players", "calendar_token", schema="guild_identity")
