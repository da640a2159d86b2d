"""/admin/onboarding: the Discord onboarding sessions and their states, live."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.guild_discord.bot_status import read_settings
from patt_app.services.guild_discord.onboarding_views import SessionView, list_sessions
from patt_app.states.officer import OfficerState, officer_only

STATE_COLOURS = {
    "provisioned": "green",
    "manually_resolved": "green",
    "declined": "gray",
    "timed_out": "red",
    "pending_verification": "amber",
    "verified": "blue",
}


@dataclass
class OnboardingRow:
    id: int
    member: str
    state: str
    state_colour: str
    answers: str
    started: str
    deadline: str
    escalated: bool
    player: str


def _when(moment: datetime | None) -> str:
    return moment.strftime("%a %d %b %H:%M UTC") if moment else "—"


def _row(view: SessionView) -> OnboardingRow:
    answers = f"main {view.main}" if view.main else ""
    if view.alts:
        answers += f"; alts {view.alts}"
    if view.attempts:
        answers += f"; roster checked {view.attempts}×"
    return OnboardingRow(
        id=view.id,
        member=f"@{view.username}",
        state=view.state.replace("_", " "),
        state_colour=STATE_COLOURS.get(view.state, "blue"),
        answers=answers or "—",
        started=_when(view.created_at),
        deadline=_when(view.deadline_at),
        escalated=view.escalated,
        player=view.player_name or "—",
    )


def _screen(*, session):
    return read_settings(session=session).onboarding_enabled, list_sessions(session=session)


class OnboardingAdminState(OfficerState):
    """State of /admin/onboarding."""

    live_topics: ClassVar[tuple[str, ...]] = ("discord",)

    enabled: bool = False
    sessions: list[OnboardingRow] = []

    async def _reload(self) -> None:
        self.enabled, views = await run_in_session(_screen)
        self.sessions = [_row(view) for view in views]

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()
