"""/events for members: upcoming raids in my zone with sign-up, my past raids and attendance,
and my private calendar link."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import origin_of, subscribe
from patt_app.live.notify import announce
from patt_app.live.topics import Topic, signups_topic
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.raid_signups import answer_as_player
from patt_app.services.raids.attendance_report import HistoryRow
from patt_app.services.raids.calendar_feed import feed_url, reset_calendar_token
from patt_app.services.raids.event_view import (
    MemberEvents,
    UpcomingEvent,
    answered_event,
    member_events,
    member_upcoming,
)
from patt_app.services.raids.signup_answers import ROLE_WORDS
from patt_app.services.scheduling.schedule_time import zone
from patt_app.settings import get_settings
from patt_app.states.changed_fields import assign_changed
from patt_app.states.form_values import choice, record_id, whole_number
from patt_app.states.session import SessionState, shows_refusals
from patt_app.states.toasts import toast


@dataclass
class MyEvent:
    id: int
    title: str
    when: str  # in my zone (past raids: the day)
    utc: str
    status: str  # an answer (signed up, late, tentative, …) | cancelled | attended | missed
    notes: str
    can_change: bool
    start_iso: str = ""  # upcoming raids: shown in my zone by the browser
    end_iso: str = ""
    detail: str = ""  # "seat 3 of 25", "about 30 min late", …
    role: str = ""  # the role signed up as ("" when not signed up)
    other_roles: list[list[str]] = field(default_factory=list)  # [key, word]: an off-spec's


@dataclass
class MyRecord:
    season: str
    expected: int
    attended: int
    excused: int
    percent: str
    late: int  # raids they came late to, as the evidence recorded
    left_early: int  # raids they left early from, likewise


def _upcoming(row: UpcomingEvent, tz: tzinfo) -> MyEvent:
    e = row.event
    return MyEvent(
        id=e.id,
        title=e.title,
        when=f"{e.start.astimezone(tz):%a %d %b, %H:%M}–{e.end.astimezone(tz):%H:%M}",
        utc=f"{e.start:%a %d %b %H:%M}–{e.end:%H:%M} UTC",
        start_iso=e.start.isoformat(),
        end_iso=e.end.isoformat(),
        status=row.status,
        notes=e.notes,
        can_change=row.can_change,
        detail=row.detail,
        role=row.role,
        other_roles=[[r, ROLE_WORDS[r]] for r in row.roles] if len(row.roles) > 1 else [],
    )


def _past(row: HistoryRow, tz: tzinfo) -> MyEvent:
    when = f"{row.start.astimezone(tz):%a %d %b}"
    return MyEvent(row.event_id, row.title, when, "", row.status, "", can_change=False)


def _record(view: MemberEvents) -> MyRecord | None:
    line = view.record
    if line is None or view.season_name is None:
        return None
    shown = "—" if line.percent is None else f"{line.percent:g} %"
    return MyRecord(
        view.season_name,
        line.expected,
        line.attended,
        line.excused,
        shown,
        line.late,
        line.left_early,
    )


def _signed(
    *, session, player_id: int, now: datetime, origin: str | None, **kwargs
) -> tuple[str, list[UpcomingEvent]]:
    """One transaction: a member's answer (the same service the raid's Discord post uses), its
    announcement (to the officers' screens and this member's other tabs: nobody else's page
    shows it; the tab that answered, `origin`, shows the row read here), what they read back
    and that raid's row as it now stands (the answer changed no other)."""
    outcome = answer_as_player(session=session, player_id=player_id, now=now, **kwargs)
    announce(session, Topic.SIGNUPS, signups_topic(player_id), origin=origin)
    return outcome.message, [answered_event(outcome=outcome, now=now)]


class EventsState(SessionState):
    """State of /events."""

    loaded: bool = False
    upcoming: list[MyEvent] = []
    past: list[MyEvent] = []
    record: MyRecord | None = None
    calendar_link: str = ""  # shown once, right after it is made (only its hash is stored)
    has_calendar_link: bool = False
    _zone: str = "UTC"  # the member's zone at the last full read
    viewer_zone: str = "UTC"  # the same, for the browser to show times in

    async def _reload(self, player_id: int) -> None:
        view = await run_in_session(member_events, player_id=player_id, now=datetime.now(UTC))
        self._zone = view.timezone
        tz = zone(view.timezone)
        assign_changed(
            self,
            viewer_zone=view.timezone,
            upcoming=[_upcoming(row, tz) for row in view.upcoming],
            past=[_past(row, tz) for row in view.history],
            record=_record(view),
            has_calendar_link=view.has_calendar_link,
            loaded=True,
        )
        if not view.has_calendar_link:
            assign_changed(self, calendar_link="")  # reset elsewhere (log out everywhere)

    @rx.event
    async def load(self):
        viewer = await self._refresh()
        if viewer is None:
            return rx.redirect("/login?next=/events")
        self.calendar_link = ""
        if viewer.player_id is not None:
            await self._reload(viewer.player_id)
            await subscribe(self, Topic.EVENTS, signups_topic(viewer.player_id))
        return None

    async def _reload_upcoming(self, player_id: int) -> None:
        """Only upcoming raids change with a sign-up, withdrawal or excuse (a started one
        refuses them): re-read just those."""
        rows = await run_in_session(member_upcoming, player_id=player_id, now=datetime.now(UTC))
        assign_changed(self, upcoming=[_upcoming(row, zone(self._zone)) for row in rows])

    async def _on_live(self, topics: list[str]) -> None:
        """An event or attendance changed somewhere: re-read my raids; only my own sign-ups
        changed (in another tab): re-read my upcoming raids."""
        viewer = await self._viewer()
        if viewer is None or viewer.player_id is None:
            return
        if topics == [signups_topic(viewer.player_id)]:
            await self._reload_upcoming(viewer.player_id)
        else:
            await self._reload(viewer.player_id)

    async def _act(self, answer: str, event_id, message: str = "", **kwargs):
        player_id = (await self._member()).player_id
        assert player_id is not None  # a member has a player (require_member)
        said, rows = await run_in_session(
            _signed,
            player_id=player_id,
            event_id=record_id(event_id, "event"),
            choice=answer,
            now=datetime.now(UTC),
            origin=origin_of(self),
            **kwargs,
        )
        fresh = {row.event.id: _upcoming(row, zone(self._zone)) for row in rows}
        if fresh.keys() <= {e.id for e in self.upcoming}:
            self.upcoming = [fresh.get(e.id, e) for e in self.upcoming]
        else:  # a raid this tab did not list yet
            await self._reload_upcoming(player_id)
        return toast(message or said)

    @rx.event
    @shows_refusals
    async def sign_up(self, event_id: int):
        return await self._act("sign_up", event_id)

    @rx.event
    @shows_refusals
    async def sign_up_as(self, event_id: int, role: str):
        chosen = choice(role, "Role", ROLE_WORDS)
        return await self._act("sign_up", event_id, role=chosen)

    @rx.event
    @shows_refusals
    async def tentative(self, event_id: int):
        return await self._act("tentative", event_id)

    @rx.event
    @shows_refusals
    async def bench(self, event_id: int):
        return await self._act("bench", event_id)

    @rx.event
    @shows_refusals
    async def withdraw(self, event_id: int):
        return await self._act("withdraw", event_id, "Withdrawn.")

    @rx.event
    @shows_refusals
    async def late(self, form_data: dict):
        minutes = whole_number(form_data.get("minutes"), "Minutes late", low=1, high=240)
        return await self._act("late", form_data.get("event_id"), late_minutes=minutes)

    @rx.event
    @shows_refusals
    async def excuse(self, form_data: dict):
        note = str(form_data.get("note", "")).strip()
        if not note:
            raise InvalidInput("Say briefly why (officers see it).")
        return await self._act(
            "cant_come",
            form_data.get("event_id"),
            "Excused. Thanks for letting us know.",
            reason=note,
        )

    @rx.event
    @shows_refusals
    async def reset_calendar(self):
        viewer = await self._member()
        token = await run_in_session(reset_calendar_token, player_id=viewer.player_id)
        self.calendar_link = feed_url(get_settings().public_base_url, token)
        replaced = self.has_calendar_link
        self.has_calendar_link = True
        if replaced:
            return toast("New calendar link made; the old one no longer works.", "info")
        return toast("Calendar link made. Copy it now: it is shown only once.")
