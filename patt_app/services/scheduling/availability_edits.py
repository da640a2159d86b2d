"""Writing a member's availability: their weekly windows (one per weekday) and away periods.

The reads (a member's week, the guild's windows, the scheduling inputs) are in
availability.py, which re-exports these names."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from sqlalchemy import bindparam, delete, func
from sqlalchemy import select as select_core
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlmodel import Session, col, select

from patt_app.models import AvailabilityException, Player, PlayerAvailability
from patt_app.models.base import table_of
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.scheduling.schedule_time import WEEKDAYS

MAX_HOURS = Decimal(16)
WORKDAYS = (0, 1, 2, 3, 4)


def parse_hours(value: str | float | Decimal) -> Decimal:
    """Hours in half-hour steps, more than 0 and at most 16."""
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput("Hours must be a number like 3 or 2.5.") from None
    if hours.is_nan():  # Decimal("NaN") parses, but comparing it raises
        raise InvalidInput("Hours must be a number like 3 or 2.5.")
    if not (0 < hours <= MAX_HOURS) or (hours * 2) % 1:
        raise InvalidInput("Hours must be between 0.5 and 16, in half-hour steps.")
    return hours


def parse_start(value: str | time) -> time:
    """A start time "HH:MM"."""
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value).strip()[:5])
    except ValueError:
        raise InvalidInput("Start times look like 20:00.") from None


def _check_day(day_of_week: int) -> int:
    if day_of_week not in range(7):
        raise InvalidInput("Days run from 0 (Monday) to 6 (Sunday).")
    return day_of_week


_players = table_of(Player)
_PLAYER_ZONE = select_core(_players.c.timezone).where(
    _players.c.id == bindparam("player_id"), _players.c.is_active
)


def active_player_zone(session: Session, player_id: int) -> str:
    """The player's zone; the player must exist and be active (NotFound otherwise). Read with
    a statement built once: every save of a member's availability asks."""
    zone = session.execute(_PLAYER_ZONE, {"player_id": player_id}).scalar()
    if zone is None:
        raise NotFound("That player does not exist or is inactive.")
    return str(zone)


def set_window(
    *,
    session: Session,
    player_id: int,
    day_of_week: int,
    start: str | time,
    hours: str | float | Decimal,
) -> None:
    """Save one day's window (replacing that day's previous one)."""
    active_player_zone(session, player_id)
    values = {
        "player_id": player_id,
        "day_of_week": _check_day(day_of_week),
        "earliest_start": parse_start(start),
        "available_hours": parse_hours(hours),
    }
    session.execute(_window_upsert(), values)


@lru_cache(maxsize=1)
def _window_upsert() -> Insert:
    """A day's window, inserted or replacing the day's previous one; built once (its values
    are the execution's parameters): building it costs more than running it."""
    statement = insert(table_of(PlayerAvailability))  # Core: no ORM bulk-insert machinery
    return statement.on_conflict_do_update(
        index_elements=["player_id", "day_of_week"],
        set_={
            "earliest_start": statement.excluded.earliest_start,
            "available_hours": statement.excluded.available_hours,
            "updated_at": statement.excluded.updated_at,
        },
    )


def clear_day(*, session: Session, player_id: int, day_of_week: int) -> None:
    active_player_zone(session, player_id)
    session.execute(
        delete(PlayerAvailability).where(
            col(PlayerAvailability.player_id) == player_id,
            col(PlayerAvailability.day_of_week) == _check_day(day_of_week),
        )
    )


def clear_all(*, session: Session, player_id: int) -> None:
    active_player_zone(session, player_id)
    session.execute(
        delete(PlayerAvailability).where(col(PlayerAvailability.player_id) == player_id)
    )


def copy_to_weekdays(*, session: Session, player_id: int, from_day: int) -> int:
    """Copy one day's window to Monday–Friday; returns how many days now have it."""
    source = session.exec(
        select(PlayerAvailability).where(
            col(PlayerAvailability.player_id) == player_id,
            col(PlayerAvailability.day_of_week) == _check_day(from_day),
        )
    ).first()
    if source is None:
        raise InvalidInput(f"{WEEKDAYS[from_day].title()} has no window to copy.")
    for day in WORKDAYS:
        set_window(
            session=session,
            player_id=player_id,
            day_of_week=day,
            start=source.earliest_start,
            hours=source.available_hours,
        )
    return len(WORKDAYS)


MAX_AWAY_PERIODS = 20
MAX_AWAY_NOTE = 200


def add_away(
    *, session: Session, player_id: int, start_date: date, end_date: date, note: str = ""
) -> AvailabilityException:
    active_player_zone(session, player_id)
    if end_date < start_date:
        raise InvalidInput("The away period must end on or after its first day.")
    if (end_date - start_date).days > 366:
        raise InvalidInput("Away periods are limited to a year.")
    note = note.strip()
    if len(note) > MAX_AWAY_NOTE:
        raise InvalidInput(f"Keep the note to {MAX_AWAY_NOTE} characters.")
    upcoming = session.exec(
        select(func.count())
        .select_from(AvailabilityException)
        .where(
            col(AvailabilityException.player_id) == player_id,
            col(AvailabilityException.end_date) >= start_date,
        )
    ).one()
    if upcoming >= MAX_AWAY_PERIODS:
        raise InvalidInput(
            f"You already have {MAX_AWAY_PERIODS} away periods from then on; remove one first."
        )
    row = AvailabilityException(
        player_id=player_id, start_date=start_date, end_date=end_date, note=note or None
    )
    session.add(row)
    session.flush()
    return row


def remove_away(*, session: Session, player_id: int, away_id: int) -> None:
    row = session.get(AvailabilityException, away_id)
    if row is None or row.player_id != player_id:
        raise NotFound("That away period does not exist.")
    session.delete(row)
