"""The bot: a discord.Client with explicit intents (guilds and members; no message content).

It never runs on its own: `integrations/discord/service.py` starts it with `await bot.start()`
inside the background runner's long-lived task and stops it with `await bot.close()`. While
connected it keeps a heartbeat in the database, sends the outbox every couple of seconds, and
syncs members and roles on connect, every 15 minutes, when an officer asks, and on every
join / leave / update.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime

import discord
from discord import app_commands

from patt_app.db import run_in_session
from patt_app.integrations.discord import guild_sync, onboarding_commands
from patt_app.integrations.discord.convert import text_channels
from patt_app.integrations.discord.sender import drain_outbox
from patt_app.live.notify import notify
from patt_app.services.guild_discord import bot_status

log = logging.getLogger(__name__)

TICK_SECONDS = 2.0
FULL_SYNC_SECONDS = 15 * 60
ONBOARDING_SECONDS = 30


def bot_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.members = True  # the Server Members privileged intent
    intents.dm_messages = True  # onboarding answers (DMs carry their text without the
    intents.message_content = False  # message-content intent, which stays off)
    return intents


class PattBot(discord.Client):
    """The guild's bot for one server (`guild_id`)."""

    def __init__(self, *, guild_id: int, **options) -> None:
        super().__init__(intents=bot_intents(), **options)
        self.guild_id = guild_id
        self._work: asyncio.Task | None = None
        self._last_full_sync = 0.0
        self.wrong_server: str | None = None
        self.connected_once = False
        self._last_onboarding = 0.0
        self._commands_synced = False
        self.tree = app_commands.CommandTree(self)
        onboarding_commands.add_commands(self.tree, guild_id)

    @property
    def guild(self) -> discord.Guild | None:
        return self.get_guild(self.guild_id)

    async def setup_hook(self) -> None:
        self._work = asyncio.create_task(self._work_loop(), name="discord bot work")

    async def on_ready(self) -> None:
        guild = self.guild
        now = datetime.now(UTC)
        if guild is None:
            self.wrong_server = (
                f"The bot is not a member of server {self.guild_id}: invite it (README, "
                "Connecting Discord) or check DISCORD_GUILD_ID."
            )
            await run_in_session(bot_status.report_error, error=self.wrong_server, now=now)
            notify("discord")
            return
        self.wrong_server = None
        self.connected_once = True
        await run_in_session(
            bot_status.report_connected,
            guild_name=guild.name,
            latency_ms=self._latency_ms(),
            channels=text_channels(guild),
            now=now,
        )
        notify("discord")
        await self._sync_commands()
        await self._full_sync(guild)

    async def _sync_commands(self) -> None:
        if self._commands_synced:
            return
        try:
            await self.tree.sync(guild=discord.Object(id=self.guild_id))
            self._commands_synced = True
        except discord.HTTPException as error:
            log.warning("slash commands not registered (applications.commands scope?): %s", error)

    def _latency_ms(self) -> int | None:
        latency = self.latency
        return int(latency * 1000) if latency == latency and latency != float("inf") else None

    async def _full_sync(self, guild: discord.Guild) -> None:
        self._last_full_sync = time.monotonic()
        try:
            await guild_sync.full_sync(guild)
        except Exception:
            log.exception("discord member sync failed")

    async def _tick(self) -> None:
        guild = self.guild
        if not self.is_ready() or guild is None:
            return
        requested = await run_in_session(
            bot_status.report_heartbeat, latency_ms=self._latency_ms(), now=datetime.now(UTC)
        )
        if requested or time.monotonic() - self._last_full_sync >= FULL_SYNC_SECONDS:
            await self._full_sync(guild)
        if time.monotonic() - self._last_onboarding >= ONBOARDING_SECONDS:
            self._last_onboarding = time.monotonic()
            await onboarding_commands.tick(guild)
        if await drain_outbox(self):
            notify("discord")

    async def _work_loop(self) -> None:
        await self.wait_until_ready()
        while not self.is_closed():
            try:
                await self._tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("discord bot tick failed")
            await asyncio.sleep(TICK_SECONDS)

    def _ours(self, guild: discord.Guild) -> bool:
        return guild.id == self.guild_id

    async def on_member_join(self, member: discord.Member) -> None:
        if self._ours(member.guild):
            await guild_sync.member_changed(member)
            if not member.bot:
                await onboarding_commands.member_joined(member)

    async def on_message(self, message: discord.Message) -> None:
        await onboarding_commands.direct_message(message, self.guild)

    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        if self._ours(after.guild):
            await guild_sync.member_changed(after)

    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        if payload.guild_id == self.guild_id:
            await guild_sync.member_removed(str(payload.user.id))

    async def close(self) -> None:
        if self._work is not None:
            self._work.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._work
        await super().close()
