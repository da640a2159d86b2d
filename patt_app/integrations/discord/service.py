"""The bot as the runner's long-lived task: connect, and when Discord is unreachable or refuses
the token, say why on /admin/discord and try again with growing pauses. The web app keeps
serving whatever happens here (this runs as one task of the elected runner)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import aiohttp
import discord
import discord.http

from patt_app.db import run_in_session
from patt_app.integrations.discord.bot import PattBot
from patt_app.live.notify import notify
from patt_app.services.guild_discord import bot_status
from patt_app.settings import Settings, get_settings

log = logging.getLogger(__name__)

RETRY_SECONDS = (5, 15, 60, 300)


def point_at(api_url: str) -> None:
    """Where discord.py sends its HTTP requests (a test points it at an unreachable address;
    the gateway address comes from that API)."""
    discord.http.Route.BASE = api_url.rstrip("/")


def explain(error: BaseException) -> str:
    """Why the bot is not connected, in words an officer can act on."""
    if isinstance(error, discord.LoginFailure):
        return "Discord refused the bot token: check DISCORD_BOT_TOKEN."
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return (
            "Discord refused the members intent: turn on the Server Members intent for the bot "
            "in the developer portal."
        )
    if isinstance(error, discord.HTTPException):
        return f"Discord answered {error.status}: {error.text or 'no reason given'}."
    if isinstance(error, OSError | aiohttp.ClientError | TimeoutError | discord.GatewayNotFound):
        return f"Discord is unreachable ({type(error).__name__}: {error})."
    if isinstance(error, discord.ConnectionClosed):
        return f"Discord closed the connection (code {error.code})."
    return f"The bot stopped: {type(error).__name__}: {error}"


async def _report(error: str) -> None:
    try:
        await run_in_session(bot_status.report_error, error=error, now=datetime.now(UTC))
    except Exception:
        log.exception("could not record the bot's status")
    notify("discord")


async def run_discord_bot(settings: Settings | None = None) -> None:
    """Run the bot until cancelled; reconnect with pauses of 5 s, 15 s, 1 min, then 5 min."""
    settings = settings or get_settings()
    if not settings.discord_enabled:
        return
    point_at(settings.discord_api_url)
    token = settings.discord_bot_token.get_secret_value()
    failures = 0
    while True:
        bot = PattBot(guild_id=int(settings.discord_guild_id))
        try:
            await bot.start(token)
            why = "The bot's connection ended."
        except asyncio.CancelledError:
            await bot.close()
            with contextlib.suppress(Exception):  # shutting down: the database may be gone
                await run_in_session(bot_status.report_stopped, now=datetime.now(UTC))
                notify("discord")
            raise
        except Exception as error:
            why = explain(error)
            log.warning("discord bot not connected: %s", why)
        finally:
            if not bot.is_closed():
                await bot.close()
        failures = 0 if bot.connected_once else failures
        delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
        failures += 1
        await _report(f"{why} Trying again in {delay} s.")
        await asyncio.sleep(delay)
