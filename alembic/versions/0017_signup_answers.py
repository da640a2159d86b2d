"""sign-up answers (tentative, late, bench volunteer, sign-up order) and the roster post's state

Revision ID: 0017_signup_answers
Revises: 0019
Create Date: 2026-12-06 16:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0017_signup_answers"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    for column in (
        sa.Column("tentative", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("late_minutes", sa.SmallInteger(), nullable=True),
        sa.Column("bench_volunteer", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("signed_up_at", MOMENT, nullable=True),
        sa.Column("signup_role", sa.String(length=10), nullable=True),
    ):
        op.add_column("raid_attendance", column, schema="patt")
    op.create_check_constraint(
        op.f("ck_raid_attendance_late_range"),
        "raid_attendance",
        "late_minutes IS NULL OR late_minutes BETWEEN 1 AND 240",
        schema="patt",
    )
    op.execute(
        "UPDATE patt.raid_attendance SET signed_up_at = created_at "
        "WHERE signed_up AND signed_up_at IS NULL"
    )
    for name in ("roster_changed_at", "roster_posted_at"):
        op.add_column("raid_events", sa.Column(name, MOMENT, nullable=True), schema="patt")


def downgrade() -> None:
    for name in ("roster_posted_at", "roster_changed_at"):
        op.drop_column("raid_events", name, schema="patt")
    op.drop_constraint(
        op.f("ck_raid_attendance_late_range"), "raid_attendance", schema="patt", type_="check"
    )
    for name in ("signup_role", "signed_up_at", "bench_volunteer", "late_minutes", "tentative"):
        op.drop_column("raid_attendance", name, schema="patt")
