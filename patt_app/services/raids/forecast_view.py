"""The turnout forecast fed from the database: sign-ups, this season's attendance history and
everyone's availability, turned into `turnout_forecast` inputs. Also the calibration: each
raid already held, forecast from what was known before it, next to what really happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import Player, RaidAttendance, RaidEvent
from patt_app.services.errors import NotFound
from patt_app.services.raids.turnout_forecast import (
    Composition,
    Forecast,
    GuildRates,
    Outlook,
    Record,
    forecast_turnout,
)
from patt_app.services.raids.window_cover import covers
from patt_app.services.scheduling.availability import schedule_inputs
from patt_app.services.scheduling.availability_history import (
    AvailabilityHistory,
    load_availability_history,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule
from patt_app.services.scheduling.schedule_view import load_people

HINDSIGHT = timedelta(days=1)  # a past raid is judged on the availability of the day before


@dataclass
class SeasonData:
    """One read of what the forecast needs."""

    events: list[RaidEvent]  # every event (any season), earliest first
    rows: dict[tuple[int, int], RaidAttendance]
    players: list[tuple[int, str, str, datetime]]  # id, name, role, joined
    schedules: dict[int, PlayerSchedule]

    @property
    def recorded(self) -> set[int]:
        """The events whose attendance was taken (anyone ticked as present)."""
        if self._recorded is None:
            self._recorded = {eid for (eid, _), r in self.rows.items() if r.attended}
        return self._recorded

    _recorded: set[int] | None = None
    load_history: Callable[[], AvailabilityHistory] | None = None
    _history: AvailabilityHistory | None = None

    def schedules_for(self, event: RaidEvent, now: datetime | None) -> dict[int, PlayerSchedule]:
        """Today's schedules for a raid yet to start; for one that has started by `now`, the
        availability as it stood a day before it (`HINDSIGHT`), read from its history."""
        if (now is not None and now < event.start_time_utc) or self.load_history is None:
            return self.schedules
        if self._history is None:
            self._history = self.load_history()
        return self._history.schedules_at(event.start_time_utc - HINDSIGHT)


def load_season_data(*, session: Session) -> SeasonData:
    """Events, attendance rows, active players and their schedules, in one transaction."""
    events = list(session.exec(select(RaidEvent).order_by(col(RaidEvent.start_time_utc))))
    rows = {(r.event_id, r.player_id): r for r in session.exec(select(RaidAttendance))}
    people = load_people(session=session)
    joined = dict(
        session.exec(
            select(col(Player.id), col(Player.created_at)).where(col(Player.is_active))
        ).all()
    )
    players = sorted(
        ((pid, p.name, p.role, joined[pid]) for pid, p in people.items() if pid in joined),
        key=lambda p: p[1].casefold(),
    )
    schedules = {s.player_id: s for s in schedule_inputs(session=session)}
    return SeasonData(
        events=events,
        rows=rows,
        players=players,
        schedules=schedules,
        load_history=lambda: load_availability_history(session=session),
    )


def _role(row: RaidAttendance | None, main_role: str) -> str:
    """The role a player comes as: the one they signed up as, else their main spec's."""
    return row.signup_role if row and row.signed_up and row.signup_role else main_role


def _answer(row: RaidAttendance | None) -> str:
    if row is None:
        return "no answer"
    if row.signed_up:
        return "benched" if row.benched else "signed up"
    if row.tentative:
        return "tentative"
    return "excused" if row.noted_absence else "withdrew"


def weekday_history(
    events: list[RaidEvent],
    event: RaidEvent,
    *,
    now: datetime | None = None,
    recorded: set[int] | None = None,
) -> list[RaidEvent]:
    """The raids that count as `event`'s history: same season, same weekday, not cancelled, and
    *held* — ended by the time of the forecast (`now`) and before `event` starts, with its
    attendance recorded (someone ticked as present; `recorded`, when given). A raid that has
    not happened yet, or whose attendance nobody took yet, is no evidence: counting it would
    read as everyone missing it."""
    cutoff = event.start_time_utc if now is None else min(now, event.start_time_utc)
    return [
        e
        for e in events
        if (recorded is None or e.id in recorded)
        and e.season_id is not None
        and e.season_id == event.season_id
        and e.id != event.id
        and e.cancelled_at is None
        and e.end_time_utc <= cutoff
        and e.event_date.weekday() == event.event_date.weekday()
    ]


def outlooks_for(
    data: SeasonData, event: RaidEvent, *, now: datetime | None = None
) -> tuple[list[Outlook], GuildRates]:
    """Every active player's outlook for `event`, history counted on its weekday in its season
    from raids held by `now` (default: by its start), and the guild's rates over those raids."""
    before = weekday_history(data.events, event, now=now, recorded=data.recorded)
    schedules = data.schedules_for(event, now)
    outlooks = []
    totals = [0, 0, 0, 0]  # counted, attended, signed, attended when signed
    for pid, name, role, joined in data.players:
        counted = attended = signed = came_signed = 0
        for past in before:
            if past.start_time_utc < joined:
                continue
            row = data.rows.get((past.id, pid))
            came = bool(row and row.attended)
            counted, attended = counted + 1, attended + came
            if row and row.signed_up:
                signed, came_signed = signed + 1, came_signed + came
        for k, v in enumerate((counted, attended, signed, came_signed)):
            totals[k] += v
        schedule = schedules.get(pid)
        outlooks.append(
            Outlook(
                player_id=pid,
                name=name,
                role=_role(data.rows.get((event.id, pid)), role),
                answer=_answer(data.rows.get((event.id, pid))),
                covered=bool(
                    schedule and covers(schedule, event.start_time_utc, event.end_time_utc)
                ),
                weekday=Record(counted, attended),
                when_signed=Record(signed, came_signed),
            )
        )
    default = GuildRates()
    guild = GuildRates(
        weekday=totals[1] / totals[0] if totals[0] else default.weekday,
        show=totals[3] / totals[2] if totals[2] else default.show,
    )
    return outlooks, guild


def event_forecast(
    data: SeasonData, event: RaidEvent, *, now: datetime, need: Composition = Composition()
) -> Forecast:
    outlooks, guild = outlooks_for(data, event, now=now)
    hours = (event.start_time_utc - now).total_seconds() / 3600
    return forecast_turnout(outlooks, guild, hours_to_start=hours, need=need)


@dataclass
class UpcomingForecast:
    event_id: int
    forecast: Forecast


def upcoming_forecasts(
    *, session: Session, now: datetime, need: Composition = Composition()
) -> list[UpcomingForecast]:
    """The forecast of every event that has not started and is not cancelled, earliest first."""
    data = load_season_data(session=session)
    return [
        UpcomingForecast(e.id, event_forecast(data, e, now=now, need=need))
        for e in data.events
        if e.cancelled_at is None and e.start_time_utc > now
    ]


def forecast_for_event(*, session: Session, event_id: int, now: datetime) -> Forecast:
    """One event's forecast (NotFound when there is no such event)."""
    data = load_season_data(session=session)
    event = next((e for e in data.events if e.id == event_id), None)
    if event is None:
        raise NotFound("That event does not exist.")
    return event_forecast(data, event, now=now)


@dataclass(frozen=True)
class CalibrationRow:
    event_id: int
    event_date: str
    expected: float
    low: int
    high: int
    signed_up: int
    attended: int


@dataclass(frozen=True)
class Calibration:
    rows: list[CalibrationRow]
    forecast_mae: float | None
    naive_mae: float | None  # the sign-up count taken as the forecast
    inside_range: int


def calibrate(*, session: Session, now: datetime) -> Calibration:
    """Each held raid (ended, not cancelled, in a season) forecast at its start from the data
    before it, with the availability as it stood a day before it."""
    data = load_season_data(session=session)
    rows = []
    for event in data.events:
        if event.cancelled_at is not None or event.end_time_utc >= now or not event.season_id:
            continue
        result = event_forecast(data, event, now=event.start_time_utc)
        mine = [r for (eid, _), r in data.rows.items() if eid == event.id]
        rows.append(
            CalibrationRow(
                event_id=event.id,
                event_date=event.event_date.isoformat(),
                expected=result.expected,
                low=result.low,
                high=result.high,
                signed_up=sum(r.signed_up for r in mine),
                attended=sum(r.attended for r in mine),
            )
        )
    if not rows:
        return Calibration(rows, None, None, 0)
    return Calibration(
        rows=rows,
        forecast_mae=round(sum(abs(r.expected - r.attended) for r in rows) / len(rows), 2),
        naive_mae=round(sum(abs(r.signed_up - r.attended) for r in rows) / len(rows), 2),
        inside_range=sum(r.low <= r.attended <= r.high for r in rows),
    )
