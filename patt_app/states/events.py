"""/events for members: upcoming raids in my zone with sign-up, my past raids and attendance,
and my private calendar link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import reflex as rx
from sqlmodel import Session

from patt_app.db import run_in_session
from patt_app.services.errors import InvalidInput
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_report import player_history
from patt_app.services.raids.calendar_feed import calendar_token, feed_url, reset_calendar_token
from patt_app.services.raids.events import list_events
from patt_app.services.reference.seasons import current_season
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.scheduling.schedule_time import zone
from patt_app.settings import get_settings
from patt_app.states.session import SessionState, shows_refusals


@dataclass
class MyEvent:
    id: int
    title: str
    when: str  # in my zone
    utc: str
    status: str  # signed up | excused | not signed up | cancelled | attended | missed
    notes: str
    can_change: bool


@dataclass
class MyRecord:
    season: str
    expected: int
    attended: int
    excused: int
    percent: str


def _events_view(*, session: Session, player_id: int, now: datetime):
    tz = zone(player_timezone(session=session, player_id=player_id))
    mine = att.my_status(session=session, player_id=player_id)
    upcoming = []
    for e in list_events(session=session, start=(now - timedelta(days=1)).date()):
        if e.end < now:
            continue
        row = mine.get(e.id)
        status = (
            "cancelled"
            if e.cancelled
            else "signed up"
            if row and row.signed_up
            else "excused"
            if row and row.noted_absence
            else "not signed up"
        )
        upcoming.append(
            MyEvent(
                id=e.id,
                title=e.title,
                when=f"{e.start.astimezone(tz):%a %d %b, %H:%M}–{e.end.astimezone(tz):%H:%M}",
                utc=f"{e.start:%Y-%m-%d %H:%M}–{e.end:%H:%M} UTC",
                status=status,
                notes=e.notes,
                can_change=not e.cancelled and e.start > now,
            )
        )
    season = current_season(session=session, today=now.date())
    record, past = None, []
    if season is not None:
        line, history = player_history(
            session=session, player_id=player_id, season_id=season.id, now=now
        )
        if line is not None:
            record = MyRecord(
                season.name,
                line.expected,
                line.attended,
                line.excused,
                "—" if line.percent is None else f"{line.percent:g} %",
            )
        past = [
            MyEvent(
                id=h.event_id,
                title=h.title,
                when=f"{h.start.astimezone(tz):%a %d %b}",
                utc="",
                status=h.status,
                notes="",
                can_change=False,
            )
            for h in history
        ]
    return upcoming, record, past


class EventsState(SessionState):
    """State of /events."""

    loaded: bool = False
    upcoming: list[MyEvent] = []
    past: list[MyEvent] = []
    record: MyRecord | None = None
    calendar_link: str = ""

    async def _reload(self, player_id: int) -> None:
        now = datetime.now(UTC)
        self.upcoming, self.record, self.past = await run_in_session(
            _events_view, player_id=player_id, now=now
        )
        token = await run_in_session(calendar_token, player_id=player_id)
        self.calendar_link = feed_url(get_settings().public_base_url, token)
        self.loaded = True

    @rx.event
    async def load(self):
        viewer = await self._refresh()
        if viewer is None:
            return rx.redirect("/login?next=/events")
        if viewer.player_id is not None:
            await self._reload(viewer.player_id)
        return None

    async def _act(self, fn, message: str, **kwargs):
        viewer = await self._member()
        await run_in_session(fn, player_id=viewer.player_id, now=datetime.now(UTC), **kwargs)
        await self._reload(viewer.player_id)
        return rx.toast.success(message)

    @rx.event
    @shows_refusals
    async def sign_up(self, event_id: int):
        return await self._act(att.sign_up, "Signed up. See you there!", event_id=int(event_id))

    @rx.event
    @shows_refusals
    async def withdraw(self, event_id: int):
        return await self._act(att.withdraw, "Withdrawn.", event_id=int(event_id))

    @rx.event
    @shows_refusals
    async def excuse(self, event_id: int, form_data: dict):
        note = str(form_data.get("note", "")).strip()
        if not note:
            raise InvalidInput("Say briefly why (officers see it).")
        return await self._act(
            att.excuse, "Excused. Thanks for letting us know.", event_id=int(event_id), note=note
        )

    @rx.event
    @shows_refusals
    async def reset_calendar(self):
        viewer = await self._member()
        token = await run_in_session(reset_calendar_token, player_id=viewer.player_id)
        self.calendar_link = feed_url(get_settings().public_base_url, token)
        return rx.toast.info("New calendar link made; the old one no longer works.")
