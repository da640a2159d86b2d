"""State of the landing page."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.campaigns.listing import featured_campaign
from patt_app.services.players.guild_overview import guild_overview


class LandingState(rx.State):
    """The guild at a glance."""

    member_count: int = 0
    raider_count: int = 0
    season_name: str = ""
    next_raid_title: str = ""
    next_raid_start: str = ""  # ISO-8601 UTC; the browser shows it in the visitor's time
    campaign_id: int = 0  # a live public vote to show (0: none)
    campaign_title: str = ""
    campaign_end: str = ""  # ISO-8601; shown relative ("closes in 3 days")
    campaign_turnout: str = ""
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
        featured = await run_in_session(featured_campaign, now=datetime.now(UTC))
        self.campaign_id = featured.id if featured else 0
        self.campaign_title = featured.title if featured else ""
        self.campaign_end = featured.end_at.isoformat() if featured else ""
        self.campaign_turnout = (
            f"{featured.voted} of {featured.eligible} have voted" if featured else ""
        )
        self.loaded = True
