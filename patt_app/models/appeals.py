"""Members' appeals of their attendance record, and the guild's promotion and warning rules
(schema patt).

`attendance_appeals`: a member's "This is wrong" about one raid's record, with their reason;
at most one open per (event, player). An officer accepts it (the record becomes `new_status`)
or rejects it (the record stays) with a note; `audit_issue_id` is its line in the audit log.
`promotion_rules`: "Initiate → Member: at least 6 raids in the last 4 weeks, at least 75 %,
no no-show" (kind `promotion`) and "warning: 2 no-shows in 4 weeks" (kind `warning`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, SmallInteger
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    COMMON,
    IDENTITY,
    PATT,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    unique_where,
)

APPEAL_ISSUE = "attendance_appeal"  # its audit_issues type
APPEAL_ANSWERS = ("accepted", "rejected")
RULE_KINDS = ("promotion", "warning")


class AttendanceAppeal(SQLModel, table=True):
    """A member's appeal of their record at one raid."""

    __tablename__ = "attendance_appeals"
    __table_args__ = (
        known_values("answer", APPEAL_ANSWERS, nullable=True),
        CheckConstraint("char_length(reason) BETWEEN 1 AND 500", name="reason_length"),
        unique_where("uq_attendance_appeals_open", "event_id", "player_id", where="answer IS NULL"),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", index=True, ondelete="CASCADE")
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    reason: str = Field(max_length=500)
    status_then: str = Field(max_length=24)  # the record as the member saw it
    opened_at: datetime = created_at_field()
    answer: str | None = Field(default=None, max_length=8)
    new_status: str | None = Field(default=None, max_length=24)
    officer_note: str | None = Field(default=None, max_length=500)
    answered_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    answered_at: datetime | None = moment_field()
    audit_issue_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.audit_issues.id", ondelete="SET NULL"
    )


class PromotionRule(SQLModel, table=True):
    """A promotion (`from_rank_id` → `to_rank_id`) or a warning (any rank) over `weeks`."""

    __tablename__ = "promotion_rules"
    __table_args__ = (
        known_values("kind", RULE_KINDS),
        CheckConstraint("weeks BETWEEN 1 AND 26", name="weeks_range"),
        CheckConstraint("min_raids BETWEEN 0 AND 100", name="min_raids_range"),
        CheckConstraint("min_percent BETWEEN 0 AND 100", name="min_percent_range"),
        CheckConstraint("no_shows BETWEEN 0 AND 100", name="no_shows_range"),
        CheckConstraint(
            "kind = 'warning' OR (from_rank_id IS NOT NULL AND to_rank_id IS NOT NULL)",
            name="promotion_ranks",
        ),
        {"schema": PATT},
    )

    id: int = id_field()
    kind: str = Field(max_length=10)
    from_rank_id: int | None = Field(
        default=None, foreign_key=f"{COMMON}.guild_ranks.id", ondelete="CASCADE"
    )
    to_rank_id: int | None = Field(
        default=None, foreign_key=f"{COMMON}.guild_ranks.id", ondelete="CASCADE"
    )
    weeks: int = Field(default=4, sa_type=SmallInteger)
    min_raids: int = Field(default=0, sa_type=SmallInteger)
    min_percent: int = Field(default=0, sa_type=SmallInteger)
    # promotion: at most this many no-shows; warning: this many no-shows raise it
    no_shows: int = Field(default=0, sa_type=SmallInteger)
    created_at: datetime = created_at_field()
