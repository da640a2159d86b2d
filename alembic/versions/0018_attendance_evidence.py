"""attendance evidence: Warcraft Logs imports, presence per character, recorded statuses

Revision ID: 0018_attendance_evidence
Revises: 0016
Create Date: 2026-12-06 16:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0018_attendance_evidence"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IMPORT_STATUSES = ("queued", "running", "imported", "refused", "no_report", "failed")
RECORDED_STATUSES = (
    "attended", "late", "left early", "no-show", "excused", "benched", "came (not signed up)",
)  # fmt: skip


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _event_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["event_id"],
        ["patt.raid_events.id"],
        name=op.f(f"fk_{table}_event_id_raid_events"),
        ondelete="CASCADE",
    )


def _player_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["player_id"],
        ["guild_identity.players.id"],
        name=op.f(f"fk_{table}_player_id_players"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "raid_log_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("report_codes", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("total_fights", sa.Integer(), server_default="0", nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("requested_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            _one_of("status", IMPORT_STATUSES), name=op.f("ck_raid_log_imports_status_known")
        ),
        _event_fk("raid_log_imports"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_log_imports")),
        sa.UniqueConstraint("event_id", name=op.f("uq_raid_log_imports_event_id")),
        schema="patt",
    )
    op.create_table(
        "raid_log_presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("character_name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("realm", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=True),
        sa.Column("character_id", sa.Integer(), nullable=True),
        sa.Column("fights", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("fights >= 0", name=op.f("ck_raid_log_presence_fights_not_negative")),
        sa.ForeignKeyConstraint(
            ["character_id"],
            ["guild_identity.wow_characters.id"],
            name=op.f("fk_raid_log_presence_character_id_wow_characters"),
            ondelete="SET NULL",
        ),
        _event_fk("raid_log_presence"),
        _player_fk("raid_log_presence", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_log_presence")),
        sa.UniqueConstraint(
            "event_id",
            "character_name",
            "realm",
            name=op.f("uq_raid_log_presence_event_id_character_name_realm"),
        ),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_log_presence_event_id"),
        "raid_log_presence",
        ["event_id"],
        unique=False,
        schema="patt",
    )
    op.create_table(
        "raid_attendance_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            _one_of("status", RECORDED_STATUSES),
            name=op.f("ck_raid_attendance_status_status_known"),
        ),
        _event_fk("raid_attendance_status"),
        _player_fk("raid_attendance_status", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_attendance_status")),
        sa.UniqueConstraint(
            "event_id", "player_id", name=op.f("uq_raid_attendance_status_event_id_player_id")
        ),
        schema="patt",
    )
    op.create_index(
        op.f("ix_patt_raid_attendance_status_event_id"),
        "raid_attendance_status",
        ["event_id"],
        unique=False,
        schema="patt",
    )


def downgrade() -> None:
    op.drop_table("raid_attendance_status", schema="patt")
    op.drop_table("raid_log_presence", schema="patt")
    op.drop_table("raid_log_imports", schema="patt")
