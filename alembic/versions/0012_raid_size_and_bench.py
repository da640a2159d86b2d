"""raid size of an event and benched sign-ups

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-01 19:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "raid_events", sa.Column("raid_size", sa.SmallInteger(), nullable=True), schema="patt"
    )
    op.create_check_constraint(
        op.f("ck_raid_events_raid_size_range"),
        "raid_events",
        "raid_size IS NULL OR raid_size BETWEEN 1 AND 40",
        schema="patt",
    )
    op.add_column(
        "raid_attendance",
        sa.Column("benched", sa.Boolean(), server_default="false", nullable=False),
        schema="patt",
    )


def downgrade() -> None:
    op.drop_column("raid_attendance", "benched", schema="patt")
    op.drop_constraint(
        op.f("ck_raid_events_raid_size_range"), "raid_events", schema="patt", type_="check"
    )
    op.drop_column("raid_events", "raid_size", schema="patt")
