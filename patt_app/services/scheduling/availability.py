"""Members' weekly availability and away periods as read back, and the scheduling inputs built
from them. Writing them (windows, away periods) is in availability_edits.py, re-exported here so
`availability.set_window` and the like keep working."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVarTuple

from sqlalchemy import BindParameter, Select, bindparam
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col, select

from patt_app.models import (
    AvailabilityException,
    GuildRank,
    Player,
    PlayerAvailability,
    Role,
    Specialization,
)
from patt_app.models.base import table_of
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.availability_edits import (
    MAX_AWAY_NOTE as MAX_AWAY_NOTE,
)
from patt_app.services.scheduling.availability_edits import (
    MAX_AWAY_PERIODS as MAX_AWAY_PERIODS,
)
from patt_app.services.scheduling.availability_edits import MAX_HOURS as MAX_HOURS
from patt_app.services.scheduling.availability_edits import WORKDAYS as WORKDAYS
from patt_app.services.scheduling.availability_edits import active_player_zone
from patt_app.services.scheduling.availability_edits import add_away as add_away
from patt_app.services.scheduling.availability_edits import clear_all as clear_all
from patt_app.services.scheduling.availability_edits import clear_day as clear_day
from patt_app.services.scheduling.availability_edits import copy_to_weekdays as copy_to_weekdays
from patt_app.services.scheduling.availability_edits import parse_hours as parse_hours
from patt_app.services.scheduling.availability_edits import parse_start as parse_start
from patt_app.services.scheduling.availability_edits import remove_away as remove_away
from patt_app.services.scheduling.availability_edits import set_window as set_window
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow
from patt_app.services.statements import record_from


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


def player_timezone(*, session: Session, player_id: int) -> str:
    """The zone the player's windows are written in."""
    return active_player_zone(session, player_id)


# A member's own page, read at every save of it: statements built once, plain columns.
_windows, _aways = table_of(PlayerAvailability), table_of(AvailabilityException)
_WEEK = select_wide(
    _windows.c.day_of_week, _windows.c.earliest_start, _windows.c.available_hours
).where(_windows.c.player_id == bindparam("player_id"))
_AWAY = (
    select_wide(_aways.c.id, _aways.c.start_date, _aways.c.end_date, _aways.c.note)
    .where(_aways.c.player_id == bindparam("player_id"), _aways.c.end_date >= bindparam("today"))
    .order_by(_aways.c.start_date)
)


def week_of(*, session: Session, player_id: int) -> list[DayWindow]:
    """Monday..Sunday; days without a window have start "" and 0 hours."""
    rows = {
        day: (start, hours)
        for day, start, hours in session.execute(_WEEK, {"player_id": player_id})
    }
    return [
        DayWindow(d, rows[d][0].strftime("%H:%M"), float(rows[d][1]))
        if d in rows
        else DayWindow(d, "", 0.0)
        for d in range(7)
    ]


def away_periods(*, session: Session, player_id: int, today: date) -> list[AwayPeriod]:
    """Current and future away periods, soonest first."""
    rows = session.execute(_AWAY, {"player_id": player_id, "today": today})
    return [
        AwayPeriod(i, start.isoformat(), end.isoformat(), note or "")
        for i, start, end, note in rows
    ]


@dataclass(frozen=True)
class UnusableZone:
    """An active player whose stored zone is not an IANA zone: left out of the scheduling
    views (everyone else is still computed) and named to officers."""

    player_id: int
    display_name: str
    timezone: str


_Columns = TypeVarTuple("_Columns")


def with_rank_and_main_role(
    statement: Select[*_Columns],
) -> Select[*_Columns]:
    """A select of players joined to each one's guild rank and main spec's role (either may be
    missing: outer joins)."""
    return (
        statement.outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .outerjoin(Specialization, col(Specialization.id) == col(Player.main_spec_id))
        .outerjoin(Role, col(Role.id) == col(Specialization.default_role_id))
    )


def _active_players(session: Session) -> list[Player]:
    """The active players, by display name."""
    return list(
        session.exec(
            select(Player)
            .where(col(Player.is_active))
            .order_by(col(Player.display_name), col(Player.id))
        ).all()
    )


def unusable_zones(*, session: Session) -> list[UnusableZone]:
    """Active players whose stored zone can't be computed with, by name."""
    players = _active_players(session)
    return [
        UnusableZone(p.id, p.display_name, p.timezone)
        for p in players
        if not usable_timezone(p.timezone)
    ]


_InputReads = tuple[
    Select[int, int, time, Decimal], Select[int, date, date], Select[int, str, int, int, str]
]


@lru_cache(maxsize=2)
def _input_statements(only: bool) -> _InputReads:
    """The three reads of `schedule_inputs` — windows, away periods, players — for everyone,
    or for the players in the parameter `only`: built once (every save re-reads its player)."""
    windows = select_wide(
        col(PlayerAvailability.player_id),
        col(PlayerAvailability.day_of_week),
        col(PlayerAvailability.earliest_start),
        col(PlayerAvailability.available_hours),
    ).order_by(col(PlayerAvailability.day_of_week))
    away = select_wide(
        col(AvailabilityException.player_id),
        col(AvailabilityException.start_date),
        col(AvailabilityException.end_date),
    )
    players = (
        with_rank_and_main_role(
            select_wide(
                col(Player.id),
                col(Player.timezone),
                col(GuildRank.scheduling_weight),
                col(GuildRank.level),
                col(Role.key),
            )
        )
        .where(col(Player.is_active))
        .order_by(col(Player.id))
    )
    if only:
        chosen: BindParameter[Any] = bindparam("only", expanding=True)
        windows = windows.where(col(PlayerAvailability.player_id).in_(chosen))
        away = away.where(col(AvailabilityException.player_id).in_(chosen))
        players = players.where(col(Player.id).in_(chosen))
    return windows, away, players


def schedule_inputs(
    *, session: Session, only: Collection[int] | None = None
) -> list[PlayerSchedule]:
    """Every active player's windows, rank weight and level, main role and away periods (or
    those of the players `only` names: a few players' changes, read back), by player id;
    players whose stored zone is unusable are left out (see `unusable_zones`).

    Every scheduling view reads this on each redraw, so it selects plain columns (no ORM
    entities to build and track): about a tenth of the cost for a guild of fifty."""
    reads = _input_statements(only is not None)
    params = {"only": list(only)} if only is not None else {}
    windows: dict[int, list[WeeklyWindow]] = defaultdict(list)
    for player_id, day, start, hours in session.execute(reads[0], params):
        windows[player_id].append(WeeklyWindow(day, start, float(hours)))
    away: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for player_id, start_date, end_date in session.execute(reads[1], params):
        away[player_id].append((start_date, end_date))
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
        for player_id, timezone, weight, level, role_key in session.execute(reads[2], params)
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
    players = _active_players(session)
    return [record_from(PlayerWeek, p, player_id=p.id, windows=windows[p.id]) for p in players]


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
