"""/admin/discord: the bot's status (live), its channels and switches, "Sync members now", the
latest posts, and the setup steps while Discord is not configured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.topics import Topic
from patt_app.services.guild_discord import bot_status
from patt_app.services.guild_discord.posts import PostView, recent_posts
from patt_app.settings import get_settings
from patt_app.states.channel_choices import channel_choices
from patt_app.states.form_values import flag
from patt_app.states.moments import instant
from patt_app.states.officer import LoadsScreenInViewerZone, OfficerState, officer_only
from patt_app.states.toasts import toast

POST_COLOURS = {"sent": "green", "queued": "amber", "sending": "amber", "failed": "red"}


@dataclass
class PostRow:
    id: int
    created: str
    kind: str
    title: str
    about: str  # the instant the post is about (a raid's start), "" when none
    status: str
    status_colour: str
    note: str


def _row(post: PostView) -> PostRow:
    return PostRow(
        id=post.id,
        created=instant(post.created_at),
        kind="DM" if post.kind == "dm" else "channel",
        title=post.title,
        about=instant(post.about_at),
        status=post.status,
        status_colour=POST_COLOURS.get(post.status, "gray"),
        note=post.error,
    )


def _load_screen(*, session, configured: bool, now: datetime):
    stale_after = get_settings().discord_status_stale
    return (
        bot_status.read_status(
            session=session, configured=configured, now=now, stale_after=stale_after
        ),
        bot_status.read_settings(session=session),
        recent_posts(session=session, limit=15),
    )


class AdminDiscordState(LoadsScreenInViewerZone, OfficerState):
    """State of /admin/discord."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.DISCORD,)
    changes_topics: ClassVar[tuple[str, ...]] = (Topic.DISCORD,)

    configured: bool = False
    connected: bool = False
    guild_name: str = ""
    latency: str = ""
    viewer_zone: str = "UTC"
    last_member_sync: str = ""
    member_sync_summary: str = ""
    last_role_sync: str = ""
    role_sync_summary: str = ""
    last_error: str = ""
    last_error_at: str = ""
    sync_requested: bool = False
    channel_options: list[list[str]] = []
    announcement_channel_id: str = ""
    audit_channel_id: str = ""
    voice_channel_options: list[list[str]] = []  # [id, name]: the server's voice channels
    raid_voice_channel_id: str = ""
    dm_enabled: bool = True
    onboarding_enabled: bool = False
    posts: list[PostRow] = []

    async def _reload(self) -> None:
        status, settings, posts = await run_in_session(
            _load_screen, configured=get_settings().discord_enabled, now=datetime.now(UTC)
        )
        self.configured, self.connected = status.configured, status.connected
        self.guild_name = status.guild_name or ""
        self.latency = f"{status.latency_ms} ms" if status.latency_ms is not None else "—"
        self.last_member_sync = instant(status.last_member_sync)
        self.member_sync_summary = status.member_sync_summary
        self.last_role_sync = instant(status.last_role_sync)
        self.role_sync_summary = status.role_sync_summary
        self.last_error = status.last_error or ""
        self.last_error_at = instant(status.last_error_at)
        self.sync_requested = status.sync_requested
        self.channel_options = channel_choices(
            status.channels, settings.announcement_channel_id, settings.audit_channel_id
        )
        self.announcement_channel_id = settings.announcement_channel_id
        self.audit_channel_id = settings.audit_channel_id
        self.voice_channel_options = [
            [i, n.removeprefix("#")]
            for i, n in channel_choices(status.voice_channels, settings.raid_voice_channel_id)
        ]
        self.raid_voice_channel_id = settings.raid_voice_channel_id
        self.dm_enabled, self.onboarding_enabled = settings.dm_enabled, settings.onboarding_enabled
        self.posts = [_row(post) for post in posts]

    @rx.event
    @officer_only
    async def save_channels(self, form_data: dict):
        return await self._apply(
            bot_status.save_channels,
            "Channels saved.",
            announcement_channel_id=str(form_data.get("announcement_channel_id", "")),
            audit_channel_id=str(form_data.get("audit_channel_id", "")),
        )

    @rx.event
    @officer_only
    async def save_raid_voice_channel(self, form_data: dict):
        return await self._apply(
            bot_status.save_raid_voice_channel,
            "Raid voice channel saved.",
            channel_id=str(form_data.get("raid_voice_channel_id", "")),
        )

    @rx.event
    @officer_only
    async def set_dm_enabled(self, enabled: bool):
        on = flag(enabled, "Reminders by DM")
        message = "Reminders go by DM." if on else "Reminders go to the event's channel."
        return await self._apply(bot_status.set_switches, message, dm_enabled=on)

    @rx.event
    @officer_only
    async def set_onboarding_enabled(self, enabled: bool):
        on = flag(enabled, "Onboarding")
        message = "Onboarding switched on." if on else "Onboarding switched off."
        return await self._apply(bot_status.set_switches, message, onboarding_enabled=on)

    @rx.event
    @officer_only
    async def sync_now(self):
        if not get_settings().discord_enabled:
            return toast("Connect Discord first (see the steps on this page).", "error")
        return await self._apply(
            bot_status.request_sync,
            "Member sync requested: the bot runs it within seconds.",
            now=datetime.now(UTC),
        )
