"""What the running bot writes into its status row: the connection's verdict (from the
gateway's heartbeats) and errors in its own work, each in words an officer can act on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from patt_app.db import run_in_session
from patt_app.integrations.discord.convert import text_channels, voice_channels
from patt_app.integrations.discord.gateway_health import (
    DOWN,
    LIVE,
    WAITING,
    drop_silent_connection,
    gateway_health,
)
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.guild_discord import bot_status

if TYPE_CHECKING:
    from patt_app.integrations.discord.bot import PattBot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    live: bool | None  # None: a new session with no heartbeat answered yet
    sync_requested: datetime | None = None


async def _report_down(bot: PattBot, why: str, now: datetime) -> Verdict:
    if bot.live is not False:
        await run_in_session(bot_status.report_error, error=why, now=now)
        notify(Topic.DISCORD)
    else:
        await run_in_session(bot_status.report_still_down, now=now)
    return Verdict(False)


async def report_verdict(bot: PattBot) -> Verdict:
    """Report whether the gateway session is live (a change at once, then a heartbeat each
    tick, so a silent status means the bot itself stopped)."""
    now = datetime.now(UTC)
    if why := bot.wrong_server:
        return await _report_down(bot, why, now)
    health = gateway_health(bot)
    if health.state == WAITING and bot.live is not True:
        if bot.live is None:
            return Verdict(None)
        return await _report_down(bot, "", now)
    if health.state == DOWN:
        verdict = await _report_down(bot, health.why or "", now)
        if health.silent:
            await drop_silent_connection(bot)
        return verdict
    assert health.state in (LIVE, WAITING)
    if bot.live is not True:
        guild = bot.guild
        assert guild is not None  # else `wrong_server` named what is wrong
        await run_in_session(
            bot_status.report_connected,
            guild_name=guild.name,
            latency_ms=health.latency_ms,
            channels=text_channels(guild),
            voice_channels=voice_channels(guild),
            now=now,
        )
        notify(Topic.DISCORD)
        return Verdict(True)
    requested = await run_in_session(
        bot_status.report_heartbeat, latency_ms=health.latency_ms, now=now
    )
    return Verdict(True, requested)


async def report_task_error(what: str, *, logged: bool = False) -> None:
    """Log the error being handled and show officers that `what` failed."""
    if not logged:
        log.exception("discord bot: failed while %s", what)
    text = f"The bot hit an error while {what}; the server log has the details."
    try:
        await run_in_session(bot_status.report_task_error, error=text, now=datetime.now(UTC))
    except Exception:
        log.exception("discord bot: could not record an error")
        return
    notify(Topic.DISCORD)
