"""The daylight-saving warnings shown in the raid-night finder on /admin/schedule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from patt_app.db import run_in_session
from patt_app.live.hub import once_per_redraw
from patt_app.live.topics import Topic
from patt_app.services.raids.dst_view import season_warnings
from patt_app.states.officer import LoadsScreen, OfficerState
from patt_app.states.week_view import guild_schedules


class AdminDstGuardState(LoadsScreen, OfficerState):
    """The current season's clock-change warnings (redrawn when events or availability
    change)."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SCHEDULE)

    warnings: list[str] = []

    async def _reload(self) -> None:
        today = datetime.now(UTC).date()
        # the same for every officer: one read for all the tabs of a live redraw
        kept = await guild_schedules()  # the heatmap's read: no second read of every schedule
        warnings = await once_per_redraw(
            ("dst-warnings", today, kept.read_number),
            lambda: run_in_session(season_warnings, today=today, schedules=kept.value),
        )
        if warnings != self.warnings:  # a member's save rarely changes them: send nothing
            self.warnings = warnings
