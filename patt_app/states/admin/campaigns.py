"""/admin/campaigns: every campaign by status with its turnout, and the form for a new one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.campaigns import officer_changes as changes
from patt_app.services.campaigns.officer_view import officer_campaigns
from patt_app.states.campaign_form import blank_values, campaign_details
from patt_app.states.moments import instant
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.toasts import toast


@dataclass
class AdminCampaignRow:
    id: int
    title: str
    status: str
    starts: str  # in the officer's zone
    ends: str
    entry_count: int
    turnout: str


class AdminCampaignsState(OfficerState):
    """State of /admin/campaigns."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.CAMPAIGNS,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.CAMPAIGNS,)

    officer_zone: str = "UTC"
    rows: list[AdminCampaignRow] = []
    ranks: list[list[str]] = []  # [level, name]
    form: dict[str, str] = {}
    form_version: int = 0

    async def _reload(self) -> None:
        view = await run_in_session(officer_campaigns, player_id=self.actor.player_id)
        self.officer_zone = view.timezone
        self.ranks = [[str(level), name] for level, name in view.ranks]
        self.rows = [
            AdminCampaignRow(
                id=r.id,
                title=r.title,
                status=r.status,
                starts=instant(r.start_at),
                ends=instant(r.end_at),
                entry_count=r.entry_count,
                turnout=f"{r.stats.voted} / {r.stats.eligible} ({r.stats.percent} %)",
            )
            for r in view.rows
        ]

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()
        blank = blank_values(datetime.now(UTC), self.officer_zone)
        if blank != self.form:  # on a revisit, what the officer began typing stays
            self.form = blank
            self.form_version += 1

    @rx.event
    @officer_only
    async def create_campaign(self, form_data: dict):
        details = campaign_details(form_data, self.officer_zone)
        campaign = await run_in_session(
            changes.create_campaign, details=details, created_by_player_id=self.actor.player_id
        )
        self._changed()
        return [
            toast("Draft created: add its entries, then open the vote."),
            rx.redirect(f"/admin/campaigns/{campaign.id}"),
        ]
