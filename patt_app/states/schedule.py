"""The scheduling view: the week's heatmap in the viewer's zone, and the day summary. Members
see it aggregated at /schedule; officers get names and the finder at /admin/schedule."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.topics import Topic
from patt_app.services.errors import PattError
from patt_app.services.reference.time_zones import usable_timezone, validate_timezone
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.scheduling.heatmap import Filters
from patt_app.states.changed_fields import assign_changed
from patt_app.states.form_values import choice, whole_number
from patt_app.states.heatmap_rows import MAX_ROWS, heat_row_var
from patt_app.states.session import SessionState, shows_refusals
from patt_app.states.week_view import ROLE_KEYS, SummaryRow, guild_schedules, week_view


class ScheduleState(SessionState):
    """The heatmap and the day summary for one week, in the viewer's time zone."""

    loaded: bool = False
    week_start: str = ""
    viewer_zone: str = "UTC"
    slot_minutes: int = 30
    min_rank: int = 0
    roles: list[str] = []
    day_headers: list[str] = []
    row_labels: list[str] = []  # the time of day of each heatmap row
    # One var per heatmap row, `heat_00` … (Reflex sends a changed var whole, so one var for
    # the grid resent all 336 cells to every officer after each member's save; now a save
    # sends the rows it changed). Declared in a loop: there are MAX_ROWS of them.
    for _n in range(MAX_ROWS):
        __annotations__[heat_row_var(_n)] = list[list[int]]
        locals()[heat_row_var(_n)] = []
    del _n
    _row_keys: tuple = ()  # what each row var holds, as compared (WeekView.row_keys)
    summary: list[SummaryRow] = []
    active_count: int = 0
    highlight: list[int] = []
    excluded: list[list[str]] = []  # [player id, name]: officers leave people out by hand
    included: list[list[str]] = []  # [player id, name]: counted whatever the filters say

    def filters(self) -> Filters:
        return Filters(
            min_rank=self.min_rank,
            roles=frozenset(self.roles),
            exclude=frozenset(int(pid) for pid, _ in self.excluded),
            include=frozenset(int(pid) for pid, _ in self.included),
        )

    async def _redraw(self) -> None:
        """Recompute the view; members only (re-checked every time, not just on page load)."""
        await self._member()
        kept = await guild_schedules()
        shown = await week_view(
            kept,
            date.fromisoformat(self.week_start),
            self.viewer_zone,
            self.slot_minutes,
            self.filters(),
            frozenset(self.highlight),
        )
        assign_changed(
            self,
            day_headers=shown.headers,
            active_count=shown.active_count,
            row_labels=shown.row_labels,
            summary=shown.summary,
            loaded=True,
        )
        self._show_rows(shown.row_cells, shown.row_keys)

    def _show_rows(self, rows: list[list[list[int]]], keys: tuple) -> None:
        """Assign only the row vars whose cells changed (and empty those past the end)."""
        before = self._row_keys
        if before is keys:  # the same view as this tab's last: nothing changed
            return
        for n in range(max(len(keys), len(before))):
            if n >= len(keys):
                setattr(self, heat_row_var(n), [])
            elif n >= len(before) or (before[n] is not keys[n] and before[n] != keys[n]):
                setattr(self, heat_row_var(n), rows[n])  # (rows reused by a view are the same)
        self._row_keys = keys

    @rx.event
    @shows_refusals
    async def load(self):
        viewer = await self._refresh()
        if viewer is None:
            return rx.redirect(f"/login?next={self.router.url.path}")
        if not self.week_start:
            self.week_start = view.monday_of(datetime.now(UTC).date()).isoformat()
        if self.viewer_zone == "UTC" and viewer.player_id is not None:
            own = await run_in_session(player_timezone, player_id=viewer.player_id)
            self.viewer_zone = own if usable_timezone(own) else "UTC"
        await self._redraw()
        await subscribe(self, Topic.SCHEDULE)
        return None

    async def _on_live(self, topics: list[str]) -> None:
        """Availability, a zone, a spec, a rank or a player changed somewhere: redraw this
        tab's own week, zone and filters — only while it belongs to an active member."""
        if not self.loaded:
            return
        with contextlib.suppress(PattError):
            await self._redraw()

    @rx.event
    @shows_refusals
    async def shift_week(self, weeks: int):
        current = date.fromisoformat(self.week_start)
        shift = whole_number(weeks, "Weeks", low=-52, high=52)
        self.week_start = (current + timedelta(weeks=shift)).isoformat()
        self.highlight = []
        await self._redraw()

    @rx.event
    @shows_refusals
    async def this_week(self):
        self.week_start = view.monday_of(datetime.now(UTC).date()).isoformat()
        await self._redraw()

    @rx.event
    @shows_refusals
    async def set_zone(self, form_data: dict):
        self.viewer_zone = validate_timezone(str(form_data.get("zone", "")))
        self.highlight = []
        await self._redraw()

    @rx.event
    @shows_refusals
    async def set_slot_minutes(self, value: str):
        self.slot_minutes = int(choice(value, "Slot minutes", ("15", "30", "60")))
        self.highlight = []
        await self._redraw()

    @rx.event
    @shows_refusals
    async def set_min_rank(self, value: str):
        self.min_rank = whole_number(value, "Minimum rank", low=0, high=10)
        await self._redraw()

    @rx.event
    @shows_refusals
    async def toggle_role(self, role: str):
        role = choice(role, "Role", ROLE_KEYS)
        self.roles = (
            [r for r in self.roles if r != role] if role in self.roles else [*self.roles, role]
        )
        await self._redraw()


def shown_rows(view: ScheduleState) -> list[list[list[int]]]:
    """The heatmap's rows as `view`'s tab holds them (cells per weekday)."""
    return [list(getattr(view, heat_row_var(n))) for n in range(len(view._row_keys))]
