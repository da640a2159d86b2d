"""The daylight-saving warnings shown in the raid-night finder on /admin/schedule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from patt_app.db import run_in_session
from patt_app.live.hub import once_per_redraw
from patt_app.live.read_cache import ReadCache
from patt_app.live.topics import Topic
from patt_app.services.raids.dst_view import GuardRaids, guard_raids, warnings_for
from patt_app.states.officer import LoadsScreen, OfficerState
from patt_app.states.week_view import guild_schedules


async def _as_it_was(raids: GuardRaids, players: frozenset[str]) -> GuardRaids:
    return raids  # a member's availability changes neither the season's raids nor a name


# The season's raids and the players' names, kept between saves: "events" (a raid or season
# changed) or "schedule" (a player changed) read them again; "schedule:<id>" (one member's
# availability) does not.
GUARD_RAIDS: ReadCache[GuardRaids] = ReadCache(
    (Topic.EVENTS, Topic.SCHEDULE), max_age=60.0, refresh=_as_it_was
)


class AdminDstGuardState(LoadsScreen, OfficerState):
    """The current season's clock-change warnings (redrawn when events or availability
    change)."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.EVENTS, Topic.SCHEDULE)

    warnings: list[str] = []

    async def _reload(self) -> None:
        today = datetime.now(UTC).date()
        kept = await guild_schedules()  # the heatmap's read: no second read of every schedule
        raids = await GUARD_RAIDS.read(today, lambda: run_in_session(guard_raids, today=today))

        async def worked_out() -> list[str]:
            return warnings_for(raids.value, kept.value, today)

        # the same for every officer: worked out once for all the tabs of a live redraw
        warnings = await once_per_redraw(
            ("dst-warnings", today, kept.read_number, raids.read_number), worked_out
        )
        if warnings != self.warnings:  # a member's save rarely changes them: send nothing
            self.warnings = warnings
