"""members' appeals of their attendance record; promotion and warning rules

Revision ID: 0023_appeals_and_rank_rules
Revises: 0022_voice_presence
Create Date: 2026-12-06 19:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0023_appeals_and_rank_rules"
down_revision: str | None = "0022_voice_presence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        server_default=sa.text("now()") if now else None,
        nullable=nullable,
    )


def _appeals() -> None:
    op.create_table(
        "attendance_appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("status_then", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        _moment("opened_at", nullable=False, now=True),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("new_status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.Column("officer_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("answered_by_player_id", sa.Integer(), nullable=True),
        _moment("answered_at"),
        sa.Column("audit_issue_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('accepted', 'rejected')",
            name=op.f("ck_attendance_appeals_answer_known"),
        ),
        sa.CheckConstraint(
            "char_length(reason) BETWEEN 1 AND 500",
            name=op.f("ck_attendance_appeals_reason_length"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["patt.raid_events.id"],
            name=op.f("fk_attendance_appeals_event_id_raid_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_attendance_appeals_player_id_players"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_player_id"],
            ["guild_identity.players.id"],
            name=op.f("fk_attendance_appeals_answered_by_player_id_players"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["audit_issue_id"],
            ["guild_identity.audit_issues.id"],
            name=op.f("fk_attendance_appeals_audit_issue_id_audit_issues"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_appeals")),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_attendance_appeals_event_id"),
        "attendance_appeals",
        ["event_id"],
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_attendance_appeals_player_id"),
        "attendance_appeals",
        ["player_id"],
        schema="patt",
    )
    op.create_index(
        "uq_attendance_appeals_open",
        "attendance_appeals",
        ["event_id", "player_id"],
        unique=True,
        schema="patt",
        postgresql_where=sa.text("answer IS NULL"),
    )


def _rules() -> None:
    op.create_table(
        "promotion_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("from_rank_id", sa.Integer(), nullable=True),
        sa.Column("to_rank_id", sa.Integer(), nullable=True),
        sa.Column("weeks", sa.SmallInteger(), nullable=False),
        sa.Column("min_raids", sa.SmallInteger(), nullable=False),
        sa.Column("min_percent", sa.SmallInteger(), nullable=False),
        sa.Column("no_shows", sa.SmallInteger(), nullable=False),
        _moment("created_at", nullable=False, now=True),
        sa.CheckConstraint(
            "kind IN ('promotion', 'warning')", name=op.f("ck_promotion_rules_kind_known")
        ),
        sa.CheckConstraint("weeks BETWEEN 1 AND 26", name=op.f("ck_promotion_rules_weeks_range")),
        sa.CheckConstraint(
            "min_raids BETWEEN 0 AND 100", name=op.f("ck_promotion_rules_min_raids_range")
        ),
        sa.CheckConstraint(
            "min_percent BETWEEN 0 AND 100", name=op.f("ck_promotion_rules_min_percent_range")
        ),
        sa.CheckConstraint(
            "no_shows BETWEEN 0 AND 100", name=op.f("ck_promotion_rules_no_shows_range")
        ),
        sa.CheckConstraint(
            "kind = 'warning' OR (from_rank_id IS NOT NULL AND to_rank_id IS NOT NULL)",
            name=op.f("ck_promotion_rules_promotion_ranks"),
        ),
        sa.ForeignKeyConstraint(
            ["from_rank_id"],
            ["common.guild_ranks.id"],
            name=op.f("fk_promotion_rules_from_rank_id_guild_ranks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_rank_id"],
            ["common.guild_ranks.id"],
            name=op.f("fk_promotion_rules_to_rank_id_guild_ranks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_rules")),
        schema="patt",
    )


def upgrade() -> None:
    _appeals()
    _rules()


def downgrade() -> None:
    op.drop_table("promotion_rules", schema="patt")
    op.drop_index("uq_attendance_appeals_open", table_name="attendance_appeals", schema="patt")
    op.drop_table("attendance_appeals", schema="patt")
