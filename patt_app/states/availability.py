"""A member's own availability page: one window per weekday, in their time zone, and away dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.errors import PattError
from patt_app.services.scheduling import availability as av
from patt_app.services.scheduling.schedule_time import WEEKDAYS, WeeklyWindow, window_to_utc_text
from patt_app.services.scheduling.schedule_view import monday_of
from patt_app.states.form_values import date_value, hours_value, record_id, time_value, whole_number
from patt_app.states.session import SessionState, refusal, shows_refusals
from patt_app.states.toasts import toast

DEFAULT_START = "20:00"
DEFAULT_HOURS = "3"


@dataclass
class DayRow:
    day: int
    name: str
    start: str
    hours: str  # "" when the day is empty
    preview: str


def _rows(week: list[av.DayWindow], timezone: str, today: date) -> list[DayRow]:
    monday = monday_of(today)
    rows = []
    for window in week:
        preview = ""
        if window.start:
            start = time.fromisoformat(window.start)  # "HH:MM", as stored
            preview = window_to_utc_text(
                WeeklyWindow(window.day_of_week, start, window.hours),
                timezone,
                monday + timedelta(days=window.day_of_week),
            )
        hours = "" if not window.start else f"{window.hours:g}"
        rows.append(
            DayRow(
                window.day_of_week,
                WEEKDAYS[window.day_of_week].title(),
                window.start,
                hours,
                preview,
            )
        )
    return rows


def _changed(*, session, change, player_id: int, today: date, **kwargs) -> av.MyAvailability:
    """One transaction: the member's change, then their page as it now stands (a save costs
    one trip to the database, not two)."""
    change(session=session, player_id=player_id, **kwargs)
    return av.my_availability(session=session, player_id=player_id, today=today)


AWAY_FIELDS = ("away-start", "away-end", "away-note")  # ids of the new-period form


class AvailabilityState(SessionState):
    """State of /availability."""

    loaded: bool = False
    days: list[DayRow] = []
    timezone: str = ""
    away: list[av.AwayPeriod] = []
    fields_revision: int = 0  # part of each time field's key: a new value redraws the fields

    async def _reload(self, player_id: int) -> None:
        today = datetime.now(UTC).date()
        mine = await run_in_session(av.my_availability, player_id=player_id, today=today)
        self._display(mine, today)

    def _display(self, mine: av.MyAvailability, today: date) -> None:
        self.away, self.timezone = mine.away, mine.timezone
        self.days = _rows(mine.week, self.timezone, today)
        self.loaded = True

    async def _change(self, fn, message: str, then: list | None = None, **kwargs):
        """Save for the viewer; a toast saying so, then the events `then` (only when saved)."""
        try:
            viewer = await self._member()
            today = datetime.now(UTC).date()
            mine = await run_in_session(
                _changed, change=fn, player_id=viewer.player_id, today=today, **kwargs
            )
            self._display(mine, today)
        except PattError as error:
            self.fields_revision += 1  # the fields show what is saved again, not the refused value
            return refusal(error)
        return [toast(message), *(then or [])] if then else toast(message)

    @rx.event
    async def load(self):
        viewer = await self._refresh()
        if viewer is None:
            return rx.redirect("/login?next=/availability")
        if viewer.player_id is None:
            return refusal(PattError("Your account is not linked to an active guild member."))
        await self._reload(viewer.player_id)
        return None

    def _current(self, day: int) -> DayRow | None:
        return next((r for r in self.days if r.day == day), None)

    @rx.event
    @shows_refusals
    async def set_start(self, day: int, value: str):
        day = whole_number(day, "Day", low=0, high=6)
        row = self._current(day)
        if not str(value or "").strip():
            return None
        start = time_value(value, "Earliest start")
        if row is not None and row.start == start.strftime("%H:%M"):
            return None
        hours = row.hours if row and row.hours else DEFAULT_HOURS
        return await self._change(
            av.set_window,
            f"{WEEKDAYS[day].title()} saved.",
            day_of_week=day,
            start=start,
            hours=hours_value(hours),
        )

    @rx.event
    @shows_refusals
    async def set_hours(self, day: int, value: str):
        day = whole_number(day, "Day", low=0, high=6)
        row = self._current(day)
        start = row.start if row and row.start else DEFAULT_START
        return await self._change(
            av.set_window,
            f"{WEEKDAYS[day].title()} saved.",
            day_of_week=day,
            start=time_value(start, "Earliest start"),
            hours=hours_value(value),
        )

    @rx.event
    @shows_refusals
    async def clear_day(self, day: int):
        day = whole_number(day, "Day", low=0, high=6)
        return await self._change(
            av.clear_day, f"{WEEKDAYS[day].title()} cleared.", day_of_week=day
        )

    @rx.event
    @shows_refusals
    async def copy_to_weekdays(self, day: int):
        return await self._change(
            av.copy_to_weekdays,
            "Copied to Monday–Friday.",
            from_day=whole_number(day, "Day", low=0, high=6),
        )

    @rx.event
    async def clear_all(self):
        return await self._change(av.clear_all, "All days cleared.")

    @rx.event
    @shows_refusals
    async def add_away(self, form_data: dict):
        start = date_value(form_data.get("start_date"), "Away from")
        end = date_value(form_data.get("end_date"), "Away until")
        return await self._change(
            av.add_away,
            "Away period saved.",
            then=[rx.set_value(f, "") for f in AWAY_FIELDS],  # refused: the dates stay
            start_date=start,
            end_date=end,
            note=str(form_data.get("note", "")),
        )

    @rx.event
    @shows_refusals
    async def remove_away(self, away_id: int):
        return await self._change(
            av.remove_away, "Away period removed.", away_id=record_id(away_id, "away period")
        )
