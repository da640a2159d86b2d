"""Availability as it was: every version of a weekly window and of an away period, with the
period it was valid for (`valid_to` null: still valid). Written by database triggers on
`player_availability` and `availability_exceptions` (migration 0020) on every change, whoever
makes it; the current tables stay as they are, so today's reads cost what they did."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Index, Numeric, SmallInteger
from sqlmodel import Field, SQLModel

from patt_app.models.base import IDENTITY, PATT, moment_field


class PlayerAvailabilityHistory(SQLModel, table=True):
    """One weekly window of one player (see `PlayerAvailability`) from `valid_from` until
    `valid_to`."""

    __tablename__ = "player_availability_history"
    __table_args__ = (
        Index("ix_player_availability_history_player_day_open", "player_id", "day_of_week"),
        {"schema": PATT},
    )

    id: int | None = Field(default=None, primary_key=True)
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", ondelete="CASCADE")
    day_of_week: int = Field(sa_type=SmallInteger)
    earliest_start: time
    available_hours: Decimal = Field(sa_type=Numeric(3, 1))
    valid_from: datetime = moment_field(nullable=False)
    valid_to: datetime | None = moment_field()


class AvailabilityExceptionHistory(SQLModel, table=True):
    """One away period (see `AvailabilityException`, whose id `exception_id` was) from
    `valid_from` (when it was entered) until `valid_to` (when it was removed)."""

    __tablename__ = "availability_exception_history"
    __table_args__ = ({"schema": PATT},)

    id: int | None = Field(default=None, primary_key=True)
    exception_id: int = Field(index=True)
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    start_date: date
    end_date: date
    valid_from: datetime = moment_field(nullable=False)
    valid_to: datetime | None = moment_field()
