"""Availability, raid seasons, raid events and attendance (schema patt)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import CheckConstraint, Numeric, SmallInteger, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from patt_app.models.base import IDENTITY, PATT, created_at_field, moment_field, updated_at_field

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

    id: int | None = Field(default=None, primary_key=True)
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

    id: int | None = Field(default=None, primary_key=True)
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    start_date: date
    end_date: date
    note: str | None = Field(default=None, max_length=200)
    created_at: datetime = created_at_field()


class RaidSeason(SQLModel, table=True):
    """A raid tier. The current season is the active one with the latest start on or before today."""

    __tablename__ = "raid_seasons"
    __table_args__ = ({"schema": PATT},)

    id: int | None = Field(default=None, primary_key=True)
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

    id: int | None = Field(default=None, primary_key=True)
    season_id: int | None = Field(
        default=None, foreign_key=f"{PATT}.raid_seasons.id", index=True, ondelete="SET NULL"
    )
    title: str = Field(max_length=120)
    event_date: date = Field(index=True)
    start_time_utc: datetime = moment_field(nullable=False)
    end_time_utc: datetime = moment_field(nullable=False)
    raid_helper_event_id: str | None = Field(default=None, max_length=40)
    discord_channel_id: str | None = Field(default=None, max_length=32)
    log_url: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, sa_type=Text)
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    cancelled_at: datetime | None = moment_field()
    raid_size: int | None = Field(default=None, sa_type=SmallInteger)  # seats, e.g. 20 (mythic)
    created_at: datetime = created_at_field()


class RaidAttendance(SQLModel, table=True):
    """Whether one player signed up for and attended one event."""

    __tablename__ = "raid_attendance"
    __table_args__ = (
        UniqueConstraint("event_id", "player_id"),
        CheckConstraint(
            "source IN (" + ", ".join(f"'{s}'" for s in ATTENDANCE_SOURCES) + ")",
            name="source_known",
        ),
        {"schema": PATT},
    )

    id: int | None = Field(default=None, primary_key=True)
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
    source: str = Field(default="manual", max_length=20)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
