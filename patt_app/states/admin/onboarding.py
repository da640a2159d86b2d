"""/admin/onboarding: the Discord onboarding sessions and their states, live."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord import onboarding
from patt_app.services.guild_discord.bot_status import read_settings, request_sync
from patt_app.services.guild_discord.onboarding_provision import SiteFacts
from patt_app.services.guild_discord.onboarding_view import SessionView, list_sessions
from patt_app.settings import get_settings
from patt_app.states.form_values import record_id
from patt_app.states.moments import instant
from patt_app.states.officer import LoadsScreenInViewerZone, OfficerState, officer_only

STATE_COLOURS = {
    "provisioned": "green",
    "manually_resolved": "green",
    "declined": "gray",
    "timed_out": "red",
    "pending_verification": "amber",
    "awaiting_proof": "orange",
    "verified": "blue",
}


@dataclass
class OnboardingRow:
    id: int
    discord_id: str
    member: str
    state: str
    state_colour: str
    answers: str
    started: str
    deadline: str
    escalated: bool
    player: str
    can_confirm: bool


def _row(view: SessionView) -> OnboardingRow:
    answers = f"main {view.main}" if view.main else ""
    if view.alts:
        answers += f"; alts {view.alts}"
    if view.attempts:
        answers += f"; roster checked {view.attempts}×"
    return OnboardingRow(
        id=view.id,
        discord_id=view.discord_id,
        member=f"@{view.username}",
        state=view.state.replace("_", " "),
        state_colour=STATE_COLOURS.get(view.state, "blue"),
        answers=answers or "—",
        started=instant(view.created_at),
        deadline=instant(view.deadline_at),
        escalated=view.escalated,
        player=view.player_name or "—",
        can_confirm=view.state == "awaiting_proof",
    )


def _screen(*, session):
    return read_settings(session=session).onboarding_enabled, list_sessions(session=session)


class AdminOnboardingState(LoadsScreenInViewerZone, OfficerState):
    """State of /admin/onboarding."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.DISCORD,)
    changes_topics: ClassVar[tuple[str, ...]] = (Topic.DISCORD, Topic.ROSTER)

    enabled: bool = False
    sessions: list[OnboardingRow] = []
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        self.enabled, views = await run_in_session(_screen)
        self.sessions = [_row(view) for view in views]

    @rx.event
    @officer_only
    async def confirm(self, session_id: int):
        """The officer vouches that the newcomer plays the main they named: the bot sets them
        up with that player (invite by DM; their Discord role follows at the next role sync)."""
        wanted = record_id(session_id, "onboarding session")
        row = next((r for r in self.sessions if r.id == wanted), None)
        if row is None:
            raise InvalidInput("That onboarding session is not on this page; reload it.")
        settings, now = get_settings(), datetime.now(UTC)
        answer, _role = await run_in_session(
            onboarding.officer_action,
            discord_id=row.discord_id,
            action="confirm",
            now=now,
            site=SiteFacts(base_url=settings.public_base_url, guild_name=settings.guild_name),
            actor_player_id=self.actor.player_id,
        )
        if settings.discord_enabled:
            await run_in_session(request_sync, now=now)
        return await self._confirm(answer)
