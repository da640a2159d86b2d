"""The raid-night outlook on /admin/events: each upcoming event's turnout forecast against the
composition the officer needs, who to nudge, and the daylight-saving warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.raids.outlook_view import raid_outlook
from patt_app.services.raids.turnout_forecast import Composition
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.scheduling.schedule_time import zone
from patt_app.settings import get_settings
from patt_app.states.form_values import whole_number
from patt_app.states.officer import OfficerState, officer_only


@dataclass
class OutlookRow:
    event_id: int
    title: str
    when: str
    signed_up: int
    expected: str  # "27.2"
    low: int
    high: int
    roles: str  # "2.7 tanks · 4.4 healers · 9.0 melee · 10.7 ranged"
    needs: list[str]
    free_names: list[str]
    free_count: int
    copy_text: str  # the nudge message followed by the names, to paste into Discord


def _roles(by_role: dict[str, float]) -> str:
    return (
        f"{by_role['tank']:.1f} tanks · {by_role['healer']:.1f} healers · "
        f"{by_role['melee']:.1f} melee · {by_role['ranged']:.1f} ranged"
    )


class RaidOutlookState(OfficerState):
    """State of the outlook section of /admin/events (redrawn when events or availability
    change)."""

    live_topics: ClassVar[tuple[str, ...]] = ("events", "schedule")

    rows: list[OutlookRow] = []
    dst_warnings: list[str] = []
    need_tanks: int = 2
    need_healers: int = 4
    need_dps: int = 10
    loaded: bool = False

    async def _reload(self) -> None:
        now = datetime.now(UTC)
        home = await run_in_session(player_timezone, player_id=self.actor.player_id)
        view = await run_in_session(
            raid_outlook,
            now=now,
            base_url=get_settings().public_base_url,
            need=Composition(self.need_tanks, self.need_healers, self.need_dps),
        )
        local = zone(home)
        self.rows = [
            OutlookRow(
                event_id=o.event.id,
                title=o.event.title,
                when=f"{o.event.start.astimezone(local):%a %d %b %H:%M}",
                signed_up=o.event.signed_up_count,
                expected=f"{o.forecast.expected:.1f}",
                low=o.forecast.low,
                high=o.forecast.high,
                roles=_roles(o.forecast.by_role),
                needs=o.forecast.needs,
                free_names=[p.name for p in o.forecast.free_not_signed_up],
                free_count=len(o.forecast.free_not_signed_up),
                copy_text=o.nudge
                + "\n\n"
                + ", ".join(p.name for p in o.forecast.free_not_signed_up),
            )
            for o in view.events
        ]
        self.dst_warnings = view.dst_warnings
        self.loaded = True

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()

    @rx.event
    @officer_only
    async def set_composition(self, form_data: dict):
        tanks = whole_number(form_data.get("tanks"), "Tanks", low=0, high=10)
        healers = whole_number(form_data.get("healers"), "Healers", low=0, high=15)
        dps = whole_number(form_data.get("dps"), "DPS", low=0, high=30)
        self.need_tanks, self.need_healers, self.need_dps = tanks, healers, dps
        await self._reload()
        return rx.toast.success(f"Forecast against {tanks} tanks, {healers} healers, {dps} DPS.")
