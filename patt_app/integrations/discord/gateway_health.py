"""Whether the bot's gateway session is live, from discord.py's own heartbeat bookkeeping.

Discord answers every heartbeat with an ACK; a session is live while the last ACK came
within one heartbeat interval (plus a quarter for the round trip). Read from discord.py's
keep-alive thread (`DiscordWebSocket._keep_alive`: `interval`, `_last_ack`, `latency`), which
discord.py 2.x keeps on every gateway connection; the pinned version is the one checked.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import discord

LIVE = "live"
WAITING = "waiting"  # a new connection that has had no ACK yet: keep the last verdict
DOWN = "down"
DROPPED = "The connection to Discord dropped; the bot is reconnecting."


@dataclass(frozen=True)
class Health:
    state: str
    why: str | None = None
    latency_ms: int | None = None
    silent: bool = False  # open, but Discord stopped answering heartbeats


def gateway_health(client: discord.Client) -> Health:
    """LIVE, WAITING (no ACK yet on a new connection) or DOWN with why, in plain words."""
    ws = client.ws
    keep_alive = getattr(ws, "_keep_alive", None) if ws is not None else None
    if ws is None or not ws.open or keep_alive is None or not keep_alive.interval:
        return Health(DOWN, DROPPED)
    silent = time.perf_counter() - keep_alive._last_ack
    if silent > keep_alive.interval * 1.25:
        return Health(
            DOWN,
            f"Discord has not answered the bot's heartbeat for {silent:.0f} s; the bot is "
            "reconnecting.",
            silent=True,
        )
    if math.isinf(keep_alive.latency):
        return Health(WAITING)
    return Health(LIVE, latency_ms=int(keep_alive.latency * 1000))


async def drop_silent_connection(client: discord.Client) -> None:
    """Close a connection Discord stopped answering (not with 1000/1001, so discord.py resumes
    the session on a new one; if Discord is unreachable the bot's start ends and reconnects
    on its own pauses)."""
    ws = client.ws
    if ws is not None and ws.open:
        await ws.close(code=4000)
