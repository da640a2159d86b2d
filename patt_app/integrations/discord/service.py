"""The bot as the runner's long-lived task: connect, and when Discord is unreachable or refuses
the token, say why on /admin/discord and try again after the pauses of
DISCORD_RECONNECT_SECONDS (5 s, 15 s, 1 min, then every 5 min). The web app keeps serving
whatever happens here (this runs as one task of the elected runner).

discord.py resumes a session by itself when Discord asks it to (RECONNECT, a dropped
connection that answers again at once); anything else ends `bot.start` (it runs with
`reconnect=False`), and this loop owns the pauses, so they are the documented ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import aiohttp
import discord
import discord.http

from patt_app.db import run_in_session
from patt_app.integrations.discord.bot import NoGateway, PattBot
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.guild_discord import bot_status
from patt_app.settings import Settings, get_settings

log = logging.getLogger(__name__)

CLOSE_CODES = {
    4004: "Discord refused the bot token: check DISCORD_BOT_TOKEN.",
    4013: "Discord refused the bot's intents (invalid intents).",
    4011: "Discord wants this bot sharded: it is on too many servers for one connection.",
}


def point_at(api_url: str) -> None:
    """Where discord.py sends its HTTP requests; the gateway's address is asked from there
    (`PattBot._point_gateway`)."""
    discord.http.Route.BASE = api_url.rstrip("/")


def explain(error: BaseException) -> str:
    """Why the bot is not connected, in words an officer can act on."""
    if isinstance(error, NoGateway):
        return str(error)
    if isinstance(error, discord.LoginFailure):
        return "Discord refused the bot token: check DISCORD_BOT_TOKEN."
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return (
            "Discord refused the members intent: turn on the Server Members intent for the bot "
            "in the developer portal."
        )
    if isinstance(error, discord.HTTPException):
        return f"Discord answered {error.status}: {error.text or 'no reason given'}."
    if isinstance(error, discord.ConnectionClosed):
        return CLOSE_CODES.get(
            error.code, f"Discord closed the connection (code {error.code}); reconnecting."
        )
    if isinstance(error, OSError | aiohttp.ClientError | TimeoutError):
        return "Discord is unreachable (no answer at DISCORD_API_URL or its gateway)."
    return "The bot stopped on an unexpected error; the server log has the details."


async def _report(error: str) -> None:
    try:
        await run_in_session(bot_status.report_error, error=error, now=datetime.now(UTC))
    except Exception:
        log.exception("could not record the bot's status")
    notify(Topic.DISCORD)


async def _pause(seconds: float, tick: float) -> None:
    """Wait before the next try, telling the status every tick that the bot still runs."""
    loop = asyncio.get_running_loop()
    until = loop.time() + seconds
    while (left := until - loop.time()) > 0:
        await asyncio.sleep(min(tick, left))
        with contextlib.suppress(Exception):
            await run_in_session(bot_status.report_still_down, now=datetime.now(UTC))


async def _run_once(bot: PattBot, token: str) -> str:
    """One connection, until it ends; why it ended."""
    try:
        await bot.start(token, reconnect=False)
        return "Discord closed the bot's connection."
    except asyncio.CancelledError:
        await bot.close()
        with contextlib.suppress(Exception):  # shutting down: the database may be gone
            await run_in_session(bot_status.report_stopped, now=datetime.now(UTC))
            notify(Topic.DISCORD)
        raise
    except Exception as error:
        why = explain(error)
        log.warning("discord bot not connected: %s", why, exc_info=error)
        return why
    finally:
        if not bot.is_closed():
            await bot.close()


async def run_discord_bot(settings: Settings | None = None) -> None:
    """Run the bot until cancelled, reconnecting after the configured pauses."""
    settings = settings or get_settings()
    secret, guild_id = settings.discord_bot_token, settings.discord_guild_id
    if secret is None or guild_id is None:  # what `settings.discord_enabled` says
        return
    point_at(settings.discord_api_url)
    token = secret.get_secret_value()
    pauses, tick = settings.discord_reconnect_pauses, settings.discord_tick_seconds
    failures = 0
    while True:
        bot = PattBot(guild_id=int(guild_id), tick_seconds=tick)
        why = await _run_once(bot, token)
        failures = 0 if bot.connected_once else failures
        delay = pauses[min(failures, len(pauses) - 1)]
        failures += 1
        await _report(f"{why} Trying again in {delay:g} s.")
        await _pause(delay, tick)
