"""Evidence of who was at a raid, and the status officers recorded from it (schema patt).

`raid_log_imports`: one row per event, the state of its Warcraft Logs import (queued by
"Import now" or the job, then imported, refused with the reason, or no report found).
`raid_log_presence`: per event and character seen in the logs, its fights and first and last
time seen; `player_id` is empty for a name no player owns (listed, not dropped).
`raid_attendance_status`: the status an officer accepted (late, left early, …) with its
evidence; the tick itself stays in `raid_attendance`.
`raid_voice_stays`: per event and Discord member, each stay in the raid's voice channel the bot
saw within the raid's listening window (`left_at` empty while still there); the player is their
linked Discord account's, found when the evidence is read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    IDENTITY,
    PATT,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    unique_where,
)

IMPORT_STATUSES = ("queued", "running", "imported", "refused", "no_report", "failed")
RECORDED_STATUSES = (
    "attended",
    "late",
    "left early",
    "no-show",
    "excused",
    "benched",
    "came (not signed up)",
)


class RaidLogImport(SQLModel, table=True):
    """The latest Warcraft Logs import of one event."""

    __tablename__ = "raid_log_imports"
    __table_args__ = (
        known_values("status", IMPORT_STATUSES),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", unique=True, ondelete="CASCADE")
    status: str = Field(max_length=12)
    report_codes: str | None = Field(default=None, max_length=200)
    total_fights: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    message: str | None = Field(default=None, sa_type=Text)
    requested_by: str | None = Field(default=None, max_length=100)
    requested_at: datetime = created_at_field()
    finished_at: datetime | None = moment_field()


class RaidLogPresence(SQLModel, table=True):
    """One character seen in an event's logs."""

    __tablename__ = "raid_log_presence"
    __table_args__ = (
        UniqueConstraint("event_id", "character_name", "realm"),
        CheckConstraint("fights >= 0", name="fights_not_negative"),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", index=True, ondelete="CASCADE")
    character_name: str = Field(max_length=40)
    realm: str = Field(max_length=60)
    player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    character_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.wow_characters.id", ondelete="SET NULL"
    )
    fights: int = 0
    first_seen: datetime = moment_field(nullable=False)
    last_seen: datetime = moment_field(nullable=False)


class RaidAttendanceStatus(SQLModel, table=True):
    """The status an officer recorded for one player at one event, and why."""

    __tablename__ = "raid_attendance_status"
    __table_args__ = (
        UniqueConstraint("event_id", "player_id"),
        known_values("status", RECORDED_STATUSES),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", index=True, ondelete="CASCADE")
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", ondelete="CASCADE")
    status: str = Field(max_length=24)
    evidence: str | None = Field(default=None, max_length=300)
    recorded_by: str | None = Field(default=None, max_length=100)
    recorded_at: datetime = created_at_field()


class RaidVoiceStay(SQLModel, table=True):
    """One member's stay in an event's voice channel, as the bot saw it."""

    __tablename__ = "raid_voice_stays"
    __table_args__ = (
        CheckConstraint("left_at IS NULL OR left_at >= joined_at", name="left_after_joined"),
        Index("ix_raid_voice_stays_event_member", "event_id", "discord_id"),
        # One open stay per member and event, however many workers or handlers saw the join.
        unique_where("uq_raid_voice_stays_open", "event_id", "discord_id", where="left_at IS NULL"),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", ondelete="CASCADE")
    discord_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    joined_at: datetime = moment_field(nullable=False)
    left_at: datetime | None = moment_field()
