"""Members' weekly availability and away periods, and the scheduling inputs built from them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import (
    AvailabilityException,
    GuildRank,
    Player,
    PlayerAvailability,
    Role,
    Specialization,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.schedule_time import WEEKDAYS, PlayerSchedule, WeeklyWindow

MAX_HOURS = Decimal(16)
WORKDAYS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class DayWindow:
    """One weekday's window as the availability page shows it."""

    day_of_week: int
    start: str  # "HH:MM", "" when not available
    hours: float


@dataclass(frozen=True)
class AwayPeriod:
    id: int
    start_date: str
    end_date: str
    note: str


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


def _active_player(session: Session, player_id: int) -> Player:
    player = session.get(Player, player_id)
    if player is None or not player.is_active:
        raise NotFound("That player does not exist or is inactive.")
    return player


def set_window(
    *,
    session: Session,
    player_id: int,
    day_of_week: int,
    start: str | time,
    hours: str | float | Decimal,
) -> None:
    """Save one day's window (replacing that day's previous one)."""
    _active_player(session, player_id)
    values = {
        "player_id": player_id,
        "day_of_week": _check_day(day_of_week),
        "earliest_start": parse_start(start),
        "available_hours": parse_hours(hours),
    }
    statement = insert(PlayerAvailability).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["player_id", "day_of_week"],
            set_={
                "earliest_start": statement.excluded.earliest_start,
                "available_hours": statement.excluded.available_hours,
                "updated_at": statement.excluded.updated_at,
            },
        )
    )


def clear_day(*, session: Session, player_id: int, day_of_week: int) -> None:
    _active_player(session, player_id)
    session.execute(
        delete(PlayerAvailability).where(
            PlayerAvailability.player_id == player_id,
            PlayerAvailability.day_of_week == _check_day(day_of_week),
        )
    )


def clear_all(*, session: Session, player_id: int) -> None:
    _active_player(session, player_id)
    session.execute(delete(PlayerAvailability).where(PlayerAvailability.player_id == player_id))


def copy_to_weekdays(*, session: Session, player_id: int, from_day: int) -> int:
    """Copy one day's window to Monday–Friday; returns how many days now have it."""
    source = session.exec(
        select(PlayerAvailability).where(
            PlayerAvailability.player_id == player_id,
            PlayerAvailability.day_of_week == _check_day(from_day),
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


def player_timezone(*, session: Session, player_id: int) -> str:
    """The zone the player's windows are written in."""
    return _active_player(session, player_id).timezone


def week_of(*, session: Session, player_id: int) -> list[DayWindow]:
    """Monday..Sunday; days without a window have start "" and 0 hours."""
    rows = {
        r.day_of_week: r
        for r in session.exec(
            select(PlayerAvailability).where(PlayerAvailability.player_id == player_id)
        )
    }
    return [
        DayWindow(d, rows[d].earliest_start.strftime("%H:%M"), float(rows[d].available_hours))
        if d in rows
        else DayWindow(d, "", 0.0)
        for d in range(7)
    ]


MAX_AWAY_PERIODS = 20
MAX_AWAY_NOTE = 200


def add_away(
    *, session: Session, player_id: int, start_date: date, end_date: date, note: str = ""
) -> AvailabilityException:
    _active_player(session, player_id)
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
            AvailabilityException.player_id == player_id,
            AvailabilityException.end_date >= start_date,
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


def away_periods(*, session: Session, player_id: int, today: date) -> list[AwayPeriod]:
    """Current and future away periods, soonest first."""
    rows = session.exec(
        select(AvailabilityException)
        .where(
            AvailabilityException.player_id == player_id, AvailabilityException.end_date >= today
        )
        .order_by(AvailabilityException.start_date)
    ).all()
    return [
        AwayPeriod(r.id, r.start_date.isoformat(), r.end_date.isoformat(), r.note or "")
        for r in rows
    ]


@dataclass(frozen=True)
class UnusableZone:
    """An active player whose stored zone is not an IANA zone: left out of the scheduling
    views (everyone else is still computed) and named to officers."""

    player_id: int
    display_name: str
    timezone: str


def unusable_zones(*, session: Session) -> list[UnusableZone]:
    """Active players whose stored zone can't be computed with, by name."""
    players = session.exec(
        select(Player).where(Player.is_active).order_by(Player.display_name, Player.id)
    ).all()
    return [
        UnusableZone(p.id, p.display_name, p.timezone)
        for p in players
        if not usable_timezone(p.timezone)
    ]


def schedule_inputs(*, session: Session) -> list[PlayerSchedule]:
    """Every active player's windows, rank weight and level, main role and away periods;
    players whose stored zone is unusable are left out (see `unusable_zones`).

    Every scheduling view reads this on each redraw, so it selects plain columns (no ORM
    entities to build and track): about a tenth of the cost for a guild of fifty."""
    windows: dict[int, list[WeeklyWindow]] = defaultdict(list)
    availability = select(
        PlayerAvailability.player_id,
        PlayerAvailability.day_of_week,
        PlayerAvailability.earliest_start,
        PlayerAvailability.available_hours,
    ).order_by(PlayerAvailability.day_of_week)
    for player_id, day, start, hours in session.exec(availability):
        windows[player_id].append(WeeklyWindow(day, start, float(hours)))
    away: dict[int, list[tuple[date, date]]] = defaultdict(list)
    periods = select(
        AvailabilityException.player_id,
        AvailabilityException.start_date,
        AvailabilityException.end_date,
    )
    for player_id, start_date, end_date in session.exec(periods):
        away[player_id].append((start_date, end_date))
    rows = session.exec(
        select(
            Player.id,
            Player.timezone,
            GuildRank.scheduling_weight,
            GuildRank.level,
            Role.key,
        )
        .outerjoin(GuildRank, GuildRank.id == Player.guild_rank_id)
        .outerjoin(Specialization, Specialization.id == Player.main_spec_id)
        .outerjoin(Role, Role.id == Specialization.default_role_id)
        .where(Player.is_active)
        .order_by(col(Player.id))
    ).all()
    return [
        PlayerSchedule(
            player_id=player_id,
            timezone=timezone,
            weight=weight or 0,
            rank_level=level or 0,
            role=role_key or "unknown",
            windows=tuple(windows.get(player_id, ())),
            away=tuple(away.get(player_id, ())),
        )
        for player_id, timezone, weight, level, role_key in rows
        if usable_timezone(timezone)
    ]


@dataclass(frozen=True)
class PlayerWeek:
    """An active player's zone, auto-invite setting and seven windows (Monday first)."""

    player_id: int
    display_name: str
    timezone: str
    auto_invite_events: bool
    windows: list[DayWindow]


def guild_availability(*, session: Session) -> list[PlayerWeek]:
    """Every active player's week, by display name (the officers' availability list)."""
    windows: dict[int, list[DayWindow]] = defaultdict(
        lambda: [DayWindow(d, "", 0.0) for d in range(7)]
    )
    for row in session.exec(select(PlayerAvailability)):
        windows[row.player_id][row.day_of_week] = DayWindow(
            row.day_of_week, row.earliest_start.strftime("%H:%M"), float(row.available_hours)
        )
    players = session.exec(
        select(Player).where(Player.is_active).order_by(Player.display_name, Player.id)
    ).all()
    return [
        PlayerWeek(
            player_id=p.id,
            display_name=p.display_name,
            timezone=p.timezone,
            auto_invite_events=p.auto_invite_events,
            windows=windows[p.id],
        )
        for p in players
    ]


@dataclass(frozen=True)
class MyAvailability:
    """What the availability page shows, read in one transaction."""

    week: list[DayWindow]
    away: list[AwayPeriod]
    timezone: str


def my_availability(*, session: Session, player_id: int, today: date) -> MyAvailability:
    """The member's week, away periods and zone."""
    return MyAvailability(
        week=week_of(session=session, player_id=player_id),
        away=away_periods(session=session, player_id=player_id, today=today),
        timezone=player_timezone(session=session, player_id=player_id),
    )
