"""a page's login waits for the browser to trade a one-time code for its HttpOnly cookie

Revision ID: 0019
Revises: 0018_attendance_evidence
Create Date: 2026-12-06 16:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018_attendance_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "user_sessions",
        sa.Column("handoff_hash", sa.String(length=64), nullable=True),
        schema="common",
    )
    op.create_unique_constraint(
        op.f("uq_user_sessions_handoff_hash"), "user_sessions", ["handoff_hash"], schema="common"
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("uq_user_sessions_handoff_hash"), "user_sessions", schema="common", type_="unique"
    )
    op.drop_column("user_sessions", "handoff_hash", schema="common")
