"""/admin/events: create, edit, cancel raid events and weekly series (times in my zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.guild_discord.bot_status import reported_channels
from patt_app.services.raids import events as ev
from patt_app.services.raids.event_view import officer_events
from patt_app.services.scheduling.schedule_time import zone
from patt_app.states.channel_choices import channel_choices
from patt_app.states.form_drafts import read_draft, with_field
from patt_app.states.form_values import (
    date_value,
    flag,
    optional_id,
    record_id,
    time_value,
    whole_number,
)
from patt_app.states.moments import instant
from patt_app.states.officer import OfficerState, officer_only


@dataclass
class AdminEventRow:
    id: int
    title: str
    starts: str  # instants, shown in the officer's zone
    ends: str
    season: str
    signed_up: int
    cancelled: bool
    past: bool


def _details(form: dict, tz: str) -> ev.EventDetails:
    return ev.EventDetails(
        title=str(form.get("title", "")),
        event_date=date_value(form.get("event_date"), "Date"),
        start=time_value(form.get("start"), "Start"),
        end=time_value(form.get("end"), "End"),
        timezone=tz,
        season_id=optional_id(form.get("season_id"), "season"),
        notes=str(form.get("notes", "")),
        log_url=str(form.get("log_url", "")),
        discord_channel_id=str(form.get("discord_channel_id", "")),
    )


def _form_values(event: ev.EventRow, tz: str) -> dict[str, str]:
    """The edit form filled with `event`, its times in the officer's zone."""
    local = zone(tz)
    start, end = event.start.astimezone(local), event.end.astimezone(local)
    return {
        "title": event.title,
        "event_date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "season_id": str(event.season_id or ""),
        "notes": event.notes,
        "log_url": event.log_url,
        "discord_channel_id": event.discord_channel_id,
    }


# The new-event form's fields (the first four can also come from the finder's link).
DRAFT_FIELDS = (
    "title",
    "event_date",
    "start",
    "end",
    "season_id",
    "notes",
    "log_url",
    "discord_channel_id",
)


# The new-event form before anything is typed.
BLANK_EVENT: dict[str, str] = {
    "title": "Heroic raid",
    "event_date": "",
    "start": "20:00",
    "end": "23:00",
    "season_id": "",
    "notes": "",
    "log_url": "",
    "discord_channel_id": "",
}


class AdminEventsState(OfficerState):
    """State of /admin/events."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SIGNUPS)

    officer_zone: str = "UTC"
    seasons: list[list[str]] = []
    events: list[AdminEventRow] = []
    editing_id: int = 0
    form: dict[str, str] = dict(BLANK_EVENT)  # the page's first paint shows it already
    form_version: int = 0
    # The new-event form as typed so far, in this browser: a reload or Back keeps it.
    new_event_draft: str = rx.LocalStorage("", name="patt_new_event_draft")
    draft_restored: bool = False
    channel_options: list[list[str]] = []  # the server's channels by name, once the bot reported

    async def _reload(self) -> None:
        now = datetime.now(UTC)
        view = await run_in_session(
            officer_events,
            player_id=self.actor.player_id,
            today=now.date(),
            since=(now - timedelta(days=21)).date(),
        )
        self.officer_zone = view.timezone
        channels = await run_in_session(reported_channels)
        self.channel_options = channel_choices(
            channels, *{r.discord_channel_id for r in view.events if r.discord_channel_id}
        )
        self.seasons = [
            [str(s.id), s.name + (" (current)" if s.is_current else "")]
            for s in view.seasons
            if s.is_active
        ]
        rows = view.events
        self.events = [
            AdminEventRow(
                id=r.id,
                title=r.title,
                season=r.season_name,
                signed_up=r.signed_up_count,
                starts=instant(r.start),
                ends=instant(r.end),
                cancelled=r.cancelled,
                past=r.end < now,
            )
            for r in rows
        ]

    def _blank_form(self, **prefill: str) -> None:
        self.editing_id = 0
        self.form = {**BLANK_EVENT, **prefill}
        self.form_version += 1  # a new form: what the browser holds is replaced

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()
        query = self.router.url.query_parameters
        prefill = {k: str(query[k])[:120] for k in DRAFT_FIELDS[:4] if query.get(k)}
        draft = {} if prefill else read_draft(self.new_event_draft, DRAFT_FIELDS)
        # Only a form that changes is drawn anew: whatever the officer typed while the page
        # loaded stays (a new form replaces what the browser holds).
        if self.editing_id or self.form != {**BLANK_EVENT, **prefill, **draft}:
            self._blank_form(**prefill, **draft)
        self.draft_restored = bool(draft)

    @rx.event
    @officer_only
    async def remember_draft(self, field: str, value: str):
        """A field of the new-event form changed: keep it in the draft (not while editing)."""
        if not self.editing_id:
            self.new_event_draft = with_field(self.new_event_draft, DRAFT_FIELDS, field, value)

    @rx.event
    @officer_only
    async def discard_draft(self):
        self.new_event_draft = ""
        self._blank_form()
        self.draft_restored = False

    @rx.event
    @officer_only
    async def save_event(self, form_data: dict):
        details = _details(form_data, self.officer_zone)
        today = datetime.now(UTC).date()
        if self.editing_id:
            await run_in_session(
                ev.update_event, event_id=self.editing_id, details=details, today=today
            )
            message = "Event updated."
        else:
            await run_in_session(
                ev.create_event,
                details=details,
                created_by_player_id=self.actor.player_id,
                today=today,
            )
            message = "Event created; auto sign-ups added."
            self.new_event_draft, self.draft_restored = "", False
        self._blank_form()
        return await self._confirm(message)

    @rx.event
    @officer_only
    async def edit(self, event_id: int):
        event = await run_in_session(ev.get_event, event_id=record_id(event_id, "event"))
        self.form = _form_values(event, self.officer_zone)
        self.editing_id = record_id(event_id, "event")
        self.form_version += 1

    @rx.event
    @officer_only
    async def new_event(self):
        self._blank_form()

    @rx.event
    @officer_only
    async def set_cancelled(self, event_id: int, cancelled: bool):
        cancelled = flag(cancelled, "Cancelled")
        return await self._apply(
            ev.cancel_event,
            "Event cancelled." if cancelled else "Event restored.",
            event_id=record_id(event_id, "event"),
            now=datetime.now(UTC),
            cancel=cancelled,
        )

    @rx.event
    @officer_only
    async def create_series(self, form_data: dict):
        weekdays = [d for d in range(7) if flag(form_data.get(f"day{d}"), "Weekday")]
        weeks = whole_number(form_data.get("weeks"), "Weeks", low=1, high=52)
        details = _details(
            {**form_data, "event_date": form_data.get("first_date")}, self.officer_zone
        )
        created = await run_in_session(
            ev.create_series,
            details=details,
            weekdays=weekdays,
            weeks=weeks,
            created_by_player_id=self.actor.player_id,
            today=datetime.now(UTC).date(),
        )
        return await self._confirm(f"{len(created)} events created.")
