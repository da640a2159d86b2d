"""Availability, raid seasons, raid events and attendance (schema patt)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import CheckConstraint, Numeric, SmallInteger, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    IDENTITY,
    PATT,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    updated_at_field,
)

ATTENDANCE_SOURCES = ("manual", "raid_helper", "warcraft_logs", "auto", "addon")


class PlayerAvailability(SQLModel, table=True):
    """A player's weekly window: from `earliest_start` (their own timezone) for `available_hours`.

    `day_of_week` 0 = Monday … 6 = Sunday (ISO). A window may run past midnight.
    """

    __tablename__ = "player_availability"
    __table_args__ = (
        UniqueConstraint("player_id", "day_of_week"),
        CheckConstraint("day_of_week BETWEEN 0 AND 6", name="day_of_week_range"),
        CheckConstraint(
            "available_hours > 0 AND available_hours <= 16", name="available_hours_range"
        ),
        {"schema": PATT},
    )

    id: int = id_field()
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    day_of_week: int = Field(sa_type=SmallInteger)
    earliest_start: time
    available_hours: Decimal = Field(sa_type=Numeric(3, 1))
    updated_at: datetime = updated_at_field()


class AvailabilityException(SQLModel, table=True):
    """A stretch of dates when a player is away ("vacation until …")."""

    __tablename__ = "availability_exceptions"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        {"schema": PATT},
    )

    id: int = id_field()
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    start_date: date
    end_date: date
    note: str | None = Field(default=None, max_length=200)
    created_at: datetime = created_at_field()


class RaidSeason(SQLModel, table=True):
    """A raid tier. The current season is the active one with the latest start on or before today."""

    __tablename__ = "raid_seasons"
    __table_args__ = ({"schema": PATT},)

    id: int = id_field()
    name: str = Field(max_length=100, unique=True)
    start_date: date
    is_active: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    created_at: datetime = created_at_field()


class RaidEvent(SQLModel, table=True):
    """One raid night, stored in UTC."""

    __tablename__ = "raid_events"
    __table_args__ = (
        CheckConstraint("end_time_utc > start_time_utc", name="end_after_start"),
        CheckConstraint("raid_size IS NULL OR raid_size BETWEEN 1 AND 40", name="raid_size_range"),
        {"schema": PATT},
    )

    id: int = id_field()
    season_id: int | None = Field(
        default=None, foreign_key=f"{PATT}.raid_seasons.id", index=True, ondelete="SET NULL"
    )
    title: str = Field(max_length=120)
    event_date: date = Field(index=True)
    start_time_utc: datetime = moment_field(nullable=False)
    end_time_utc: datetime = moment_field(nullable=False)
    raid_helper_event_id: str | None = Field(default=None, max_length=40)
    discord_channel_id: str | None = Field(default=None, max_length=32)
    # The raid's voice channel when not the guild's default (discord_config.raid_voice_channel_id).
    voice_channel_id: str | None = Field(default=None, max_length=32)
    log_url: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, sa_type=Text)
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    cancelled_at: datetime | None = moment_field()
    raid_size: int | None = Field(default=None, sa_type=SmallInteger)  # seats, e.g. 20 (mythic)
    # The raid's roster post follows its sign-ups: changed when they change, posted when the
    # bot's edit showed that change (the post is behind while changed > posted).
    roster_changed_at: datetime | None = moment_field()
    roster_posted_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()


class RaidAttendance(SQLModel, table=True):
    """Whether one player signed up for and attended one event."""

    __tablename__ = "raid_attendance"
    __table_args__ = (
        UniqueConstraint("event_id", "player_id"),
        CheckConstraint(
            "late_minutes IS NULL OR late_minutes BETWEEN 1 AND 240", name="late_range"
        ),
        known_values("source", ATTENDANCE_SOURCES),
        {"schema": PATT},
    )

    id: int = id_field()
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", index=True, ondelete="CASCADE")
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    signed_up: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    attended: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    character_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.wow_characters.id", ondelete="SET NULL"
    )
    noted_absence: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    # An officer sat this signed-up player out (more sign-ups than seats): counts as excused.
    benched: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    absence_note: str | None = Field(default=None, max_length=200)
    # Sign-up answers (services/raids/signup_answers.py): "maybe" (not a sign-up), coming but
    # about this many minutes late, will sit if needed (benched first), and when the
    # sign-up was made (seats and the waitlist go in that order).
    tentative: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    late_minutes: int | None = Field(default=None, sa_type=SmallInteger)
    bench_volunteer: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    signed_up_at: datetime | None = moment_field()
    # The role of this sign-up when not the main spec's (tank | healer | melee | ranged).
    signup_role: str | None = Field(default=None, max_length=10)
    source: str = Field(default="manual", max_length=20)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class RoleAsk(SQLModel, table=True):
    """An officer's question to one player for one raid: "Could you bring Holy on Tuesday?"
    (a role gap filled with an off-spec, services/raids/role_asks.py). `answer`: null while
    waiting, then "yes" (their sign-up moved to `role`) or "no"."""

    __tablename__ = "role_asks"
    __table_args__ = (
        UniqueConstraint("event_id", "player_id"),
        CheckConstraint("answer IS NULL OR answer IN ('yes', 'no')", name="answer_known"),
        {"schema": PATT},
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key=f"{PATT}.raid_events.id", index=True, ondelete="CASCADE")
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=10)  # tank | healer | melee | ranged
    spec: str = Field(max_length=60)  # "Holy", or "Holy on Annpriest"
    asked_at: datetime = moment_field(nullable=False)
    answer: str | None = Field(default=None, max_length=3)
    answered_at: datetime | None = moment_field()
