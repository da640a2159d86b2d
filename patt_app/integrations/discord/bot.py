"""The bot: a discord.Client with explicit intents (guilds, members, voice states; no message
content).

It never runs on its own: `integrations/discord/service.py` starts it with `await bot.start()`
inside the background runner's long-lived task and stops it with `await bot.close()`. Two
tasks of its own: the status loop, the one writer of the connection's state (live while
Discord answers the gateway heartbeats, `gateway_health.py`), and the work loop, which
registers the slash commands and syncs members and roles on every new session, sends the
outbox every couple of seconds, and syncs again every 15 minutes, when an officer asks, and
on every join / leave / update, and keeps the raids' voice presence in line with who sits
where (`voice_watch.py`, on every voice move and every 30 s). A third, the roster loop, edits
the raids' roster posts that are behind their answers (`roster_edits.py`); the posts'
buttons (`raid_buttons.py`) are registered as one pattern, so they answer after any restart.
Errors in any of them, and in discord.py's event handlers, are logged and shown on
/admin/discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime
from typing import Any

import discord
import yarl
from discord import app_commands

from patt_app.integrations.discord import (
    guild_sync,
    member_commands,
    onboarding_commands,
    voice_watch,
)
from patt_app.integrations.discord.bot_reports import report_task_error, report_verdict
from patt_app.integrations.discord.raid_buttons import RaidButton, RoleSelect
from patt_app.integrations.discord.role_ask_buttons import RoleAskButton
from patt_app.integrations.discord.roster_edits import RosterEditor
from patt_app.integrations.discord.sender import drain_outbox
from patt_app.integrations.waiting import woken_within
from patt_app.live.notify import notify
from patt_app.live.topics import Topic

log = logging.getLogger(__name__)

TICK_SECONDS = 2.0
FULL_SYNC_SECONDS = 15 * 60
ONBOARDING_SECONDS = 30
ROSTER_POLL_SECONDS = 0.5  # how often the roster loop looks for raids whose post is behind


class NoGateway(Exception):
    """Discord (or what stands at DISCORD_API_URL) gave no gateway to connect to."""


def bot_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.members = True  # the Server Members privileged intent
    intents.voice_states = True  # who sits in the raid's voice channel (not privileged)
    intents.dm_messages = True  # onboarding answers (DMs carry their text without the
    intents.message_content = False  # message-content intent, which stays off)
    return intents


class PattBot(discord.Client):
    """The guild's bot for one server (`guild_id`)."""

    def __init__(
        self, *, guild_id: int, tick_seconds: float = TICK_SECONDS, **options: Any
    ) -> None:
        super().__init__(intents=bot_intents(), **options)
        self.guild_id = guild_id
        self.tick_seconds = tick_seconds
        self._tasks: list[asyncio.Task[None]] = []
        self._wake = asyncio.Event()
        self.live: bool | None = None  # the last verdict reported (None: none yet)
        self.connected_once = False
        self._session_is_new = False
        self._sync_wanted = False
        self._last_full_sync = 0.0
        self._last_sync_started: datetime | None = None
        self._last_onboarding = 0.0
        self._last_voice_check = 0.0
        self.tree = app_commands.CommandTree(self)
        self.tree.error(self._on_command_error)
        onboarding_commands.add_commands(self.tree, guild_id)
        member_commands.add_commands(self.tree, guild_id)
        # The raid posts' buttons: one pattern for every raid's post, before or after a restart.
        self.add_dynamic_items(RaidButton, RoleSelect, RoleAskButton)
        self.roster_editor = RosterEditor()
        self._roster_wake = asyncio.Event()

    @property
    def guild(self) -> discord.Guild | None:
        return self.get_guild(self.guild_id)

    @property
    def wrong_server(self) -> str | None:
        if self.guild is not None:
            return None
        return (
            f"The bot is not a member of server {self.guild_id}: invite it (README, "
            "Connecting Discord) or check DISCORD_GUILD_ID."
        )

    async def setup_hook(self) -> None:
        """After login, before the gateway: ask the API where the gateway is, then start the
        bot's own tasks."""
        await self._point_gateway()
        self._tasks = [
            asyncio.create_task(self._status_loop(), name="discord bot status"),
            asyncio.create_task(self._work_loop(), name="discord bot work"),
            asyncio.create_task(self._roster_loop(), name="discord bot roster posts"),
        ]

    async def _point_gateway(self) -> None:
        try:
            _shards, url, limit = await self.http.get_bot_gateway()
        except discord.GatewayNotFound as error:
            raise NoGateway(
                "Discord gave no gateway address (GET /gateway/bot at DISCORD_API_URL failed)."
            ) from error
        if limit.get("remaining", 1) <= 0:
            minutes = round(limit.get("reset_after", 0) / 60_000)
            raise NoGateway(
                f"Discord's daily limit of bot logins is used up; it resets in {minutes} min."
            )
        # discord.py opens DiscordWebSocket.DEFAULT_GATEWAY (and falls back to it after an
        # invalid session), so that is where Discord's answer goes: one bot per process.
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    async def on_ready(self) -> None:
        """A new gateway session (not a resumed one): the status loop reports it at once; the
        work loop registers the slash commands and syncs members."""
        self.live, self._session_is_new = None, True
        self._wake.set()

    # -- the status loop: the one writer of the connection's state ---------------------------

    async def _status_loop(self) -> None:
        await self.wait_until_ready()
        while not self.is_closed():
            try:
                await self._report_status()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("discord bot: could not report its status")
            await woken_within(self._wake, self.tick_seconds)
            self._wake.clear()

    async def _report_status(self) -> None:
        verdict = await report_verdict(self)
        self.live = verdict.live
        if verdict.sync_requested and (
            self._last_sync_started is None or verdict.sync_requested >= self._last_sync_started
        ):
            self._sync_wanted = True
        if verdict.live:
            self.connected_once = True

    # -- the work loop ------------------------------------------------------------------------

    async def _work_loop(self) -> None:
        await self.wait_until_ready()
        while not self.is_closed():
            try:
                await self._work()
            except asyncio.CancelledError:
                raise
            except Exception:
                await report_task_error("sending posts and syncing members")
            await asyncio.sleep(self.tick_seconds)

    async def _work(self) -> None:
        guild = self.guild
        if guild is None or self.live is not True:
            return
        if self._session_is_new:
            self._session_is_new, self._last_voice_check = False, 0.0
            await self._sync_commands()
            await self._full_sync(guild)
        elif self._sync_wanted or time.monotonic() - self._last_full_sync >= FULL_SYNC_SECONDS:
            await self._full_sync(guild)
        if time.monotonic() - self._last_onboarding >= ONBOARDING_SECONDS:
            self._last_onboarding = time.monotonic()
            await onboarding_commands.tick(guild)
        if time.monotonic() - self._last_voice_check >= voice_watch.RECONCILE_SECONDS:
            self._last_voice_check = time.monotonic()
            await voice_watch.reconcile(guild)
        if await drain_outbox(self):
            notify(Topic.DISCORD)

    async def _sync_commands(self) -> None:
        try:
            await self.tree.sync(guild=discord.Object(id=self.guild_id))
        except discord.HTTPException:
            await report_task_error(
                "registering the slash commands (was the bot invited with the "
                "applications.commands scope?)"
            )

    async def _full_sync(self, guild: discord.Guild) -> None:
        self._sync_wanted = False
        self._last_full_sync = time.monotonic()
        self._last_sync_started = datetime.now(UTC)
        try:
            await guild_sync.full_sync(guild)
        except Exception:
            await report_task_error("syncing members and roles")

    # -- the roster loop: raid posts that keep themselves true ---------------------------------

    def roster_changed(self) -> None:
        """An answer came in through Discord: look at the roster posts now."""
        self._roster_wake.set()

    async def _roster_loop(self) -> None:
        await self.wait_until_ready()
        while not self.is_closed():
            pause = min(self.tick_seconds, ROSTER_POLL_SECONDS)
            if self.live is True and self.guild is not None:
                try:
                    _made, held = await self.roster_editor.refresh(self)
                    pause = max(0.05, held) if held else pause
                except asyncio.CancelledError:
                    raise
                except Exception:
                    await report_task_error("editing the raid roster posts")
            await woken_within(self._roster_wake, pause)
            self._roster_wake.clear()

    # -- events -------------------------------------------------------------------------------

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """An event handler raised (discord.py would log it to its own silent logger)."""
        await report_task_error(f"handling Discord's {event_method.removeprefix('on_')} event")

    async def _on_command_error(self, interaction: discord.Interaction, error: Exception) -> None:
        name = interaction.command.name if interaction.command else "a command"
        log.error("discord command %s failed", name, exc_info=error)
        await report_task_error(f"answering /{name}", logged=True)

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

    async def on_voice_state_update(
        self, member: discord.Member, before: discord.VoiceState, after: discord.VoiceState
    ) -> None:
        if self._ours(member.guild):
            await voice_watch.voice_moved(member, before, after)

    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        if payload.guild_id == self.guild_id:
            await guild_sync.member_removed(str(payload.user.id))

    async def close(self) -> None:
        """Stop the bot's own tasks first: once this returns, nothing of this bot writes."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        await super().close()
