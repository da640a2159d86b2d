"""Availability as it stood at any past moment, read back from the history tables (kept by
triggers on every change, migration 0020). The scheduling views read the current tables
(`availability.schedule_inputs`); this module is for looking back: the forecast of a raid
already held, and the calibration of the forecast."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col

from patt_app.models import AvailabilityExceptionHistory, PlayerAvailabilityHistory
from patt_app.services.scheduling.availability import schedule_inputs
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow

Valid = tuple[datetime, datetime | None]  # valid_from, valid_to (None: still valid)


def _valid_at(period: Valid, moment: datetime) -> bool:
    return period[0] <= moment and (period[1] is None or period[1] > moment)


@dataclass(frozen=True)
class AvailabilityHistory:
    """Every version of every active player's windows and away periods, and their current
    zone, rank and role (those are read as they are today)."""

    people: list[PlayerSchedule]
    windows: dict[int, list[tuple[Valid, WeeklyWindow]]]
    away: dict[int, list[tuple[Valid, tuple[date, date]]]]

    def schedule_at(self, person: PlayerSchedule, moment: datetime) -> PlayerSchedule:
        """One player's schedule as it stood at `moment`."""
        windows = sorted(
            (
                w
                for period, w in self.windows.get(person.player_id, ())
                if _valid_at(period, moment)
            ),
            key=lambda w: w.day_of_week,
        )
        away = tuple(
            dates
            for period, dates in self.away.get(person.player_id, ())
            if _valid_at(period, moment)
        )
        return replace(person, windows=tuple(windows), away=away)

    def schedules_at(self, moment: datetime) -> dict[int, PlayerSchedule]:
        """Every player's schedule as it stood at `moment`, by player id."""
        return {p.player_id: self.schedule_at(p, moment) for p in self.people}


def load_availability_history(*, session: Session) -> AvailabilityHistory:
    """The whole history in two reads (plus the current players' zones and roles)."""
    windows: dict[int, list[tuple[Valid, WeeklyWindow]]] = defaultdict(list)
    window_rows = select_wide(
        col(PlayerAvailabilityHistory.player_id),
        col(PlayerAvailabilityHistory.day_of_week),
        col(PlayerAvailabilityHistory.earliest_start),
        col(PlayerAvailabilityHistory.available_hours),
        col(PlayerAvailabilityHistory.valid_from),
        col(PlayerAvailabilityHistory.valid_to),
    )
    for player_id, day, start, hours, valid_from, valid_to in session.execute(window_rows):
        windows[player_id].append(((valid_from, valid_to), WeeklyWindow(day, start, float(hours))))
    away: dict[int, list[tuple[Valid, tuple[date, date]]]] = defaultdict(list)
    away_rows = select_wide(
        col(AvailabilityExceptionHistory.player_id),
        col(AvailabilityExceptionHistory.start_date),
        col(AvailabilityExceptionHistory.end_date),
        col(AvailabilityExceptionHistory.valid_from),
        col(AvailabilityExceptionHistory.valid_to),
    )
    for player_id, first, last, valid_from, valid_to in session.execute(away_rows):
        away[player_id].append(((valid_from, valid_to), (first, last)))
    return AvailabilityHistory(
        people=schedule_inputs(session=session), windows=dict(windows), away=dict(away)
    )


def schedules_as_of(*, session: Session, moment: datetime) -> dict[int, PlayerSchedule]:
    """Every active player's schedule as it stood at `moment`, by player id."""
    return load_availability_history(session=session).schedules_at(moment)
