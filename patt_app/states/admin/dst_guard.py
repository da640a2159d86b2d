"""The daylight-saving warnings shown in the raid-night finder on /admin/schedule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.raids.dst_view import season_warnings
from patt_app.states.officer import OfficerState, officer_only


class DstGuardState(OfficerState):
    """The current season's clock-change warnings (redrawn when events or availability
    change)."""

    live_topics: ClassVar[tuple[str, ...]] = ("events", "schedule")

    warnings: list[str] = []

    async def _reload(self) -> None:
        self.warnings = await run_in_session(season_warnings, today=datetime.now(UTC).date())

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()
