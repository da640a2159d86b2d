"""Voice presence for attendance: the bot passes every move between voice channels, and every
so often who sits where, to `services/raids/voice_stays.py`, which keeps only what falls in a
raid's listening window and channel. Bots are left out; times are the bot's clock (Discord's
voice state updates carry none)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import discord

from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.raids import voice_stays

log = logging.getLogger(__name__)

RECONCILE_SECONDS = 30.0


def _channel_id(state: discord.VoiceState) -> str | None:
    return str(state.channel.id) if state.channel is not None else None


async def voice_moved(
    member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
) -> None:
    """A member joined, left or moved between voice channels (mute and deafen are ignored)."""
    left, joined = _channel_id(before), _channel_id(after)
    if member.bot or left == joined:
        return
    changed = await run_in_session(
        voice_stays.record_voice_move,
        discord_id=str(member.id),
        left_channel=left,
        joined_channel=joined,
        at=datetime.now(UTC),
    )
    if changed:
        notify(Topic.EVENTS)


def who_is_where(guild: discord.Guild) -> dict[str, set[str]]:
    """Voice channel id → the human members in it, as the bot's cache knows them."""
    return {
        str(channel.id): {str(m.id) for m in channel.members if not m.bot}
        for channel in guild.voice_channels
    }


async def reconcile(guild: discord.Guild) -> None:
    """Bring the open stays in line with who is in the raids' channels now."""
    changed = await run_in_session(
        voice_stays.reconcile, present=who_is_where(guild), at=datetime.now(UTC)
    )
    if changed:
        notify(Topic.EVENTS)
