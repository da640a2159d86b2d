"""State of the landing page."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.players.guild_overview import guild_overview


class LandingState(rx.State):
    """The guild at a glance."""

    member_count: int = 0
    raider_count: int = 0
    season_name: str = ""
    next_raid_title: str = ""
    next_raid_start: str = ""  # ISO-8601 UTC; the browser shows it in the visitor's time
    loaded: bool = False

    @rx.event
    async def load(self):
        """Read the overview from the database."""
        overview = await run_in_session(guild_overview, now=datetime.now(UTC))
        self.member_count = overview.member_count
        self.raider_count = overview.raider_count
        self.season_name = overview.season_name or ""
        self.next_raid_title = overview.next_raid_title or ""
        self.next_raid_start = (
            overview.next_raid_start.isoformat() if overview.next_raid_start else ""
        )
        self.loaded = True
