"""/campaigns: the guild's live and closed votes this viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.topics import Topic
from patt_app.services.campaigns.listing import visible_campaigns
from patt_app.states.changed_fields import assign_changed
from patt_app.states.session import SessionState


@dataclass
class CampaignCard:
    id: int
    title: str
    status: str
    start_iso: str
    end_iso: str
    entry_count: int
    winner: str


class CampaignsState(SessionState):
    """State of /campaigns."""

    loaded: bool = False
    live: list[CampaignCard] = []
    closed: list[CampaignCard] = []

    async def _reload(self) -> None:
        viewer = await self._viewer()
        self._show(viewer)
        rows = await run_in_session(visible_campaigns, viewer=viewer)
        cards = [
            CampaignCard(
                r.id,
                r.title,
                r.status,
                r.start_at.isoformat(),
                r.end_at.isoformat(),
                r.entry_count,
                r.winner,
            )
            for r in rows
        ]
        assign_changed(
            self,
            live=[c for c in cards if c.status == "live"],
            closed=[c for c in cards if c.status != "live"],
            loaded=True,
        )

    @rx.event
    async def load(self):
        await self._reload()
        await subscribe(self, Topic.CAMPAIGNS)

    async def _on_live(self, topics: list[str]) -> None:
        await self._reload()
