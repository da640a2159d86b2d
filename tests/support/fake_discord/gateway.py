"""The fake Discord's gateway websocket (API v10, JSON, optionally zlib-stream compressed).

What it does, as Discord does: HELLO with a heartbeat interval; heartbeats answered with ACKs
after a short delay (never instantly); IDENTIFY checked (wrong token: close 4004) and answered
with READY, then GUILD_CREATE carrying roles, channels and members; REQUEST_GUILD_MEMBERS
answered with one chunk; RESUME replays the events the session missed, then RESUMED (an
unknown session gets INVALID_SESSION); dispatches numbered per session.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from tests.support.fake_discord.shapes import snowflake

if TYPE_CHECKING:
    from tests.support.fake_discord import FakeDiscord

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11


@dataclass
class GatewaySession:
    """One identified session: its sequence and what was dispatched (for RESUME)."""

    id: str
    intents: int
    seq: int = 0
    history: list[dict] = field(default_factory=list)
    connection: Connection | None = None


class Connection:
    """One websocket: sends JSON frames (compressed when the client asked for zlib-stream)."""

    def __init__(self, ws: web.WebSocketResponse, request: web.Request) -> None:
        self.ws = ws
        self.transport = request.transport
        compress = request.query.get("compress")
        if compress not in (None, "zlib-stream"):
            raise web.HTTPBadRequest(text=f"the fake speaks zlib-stream only, not {compress}")
        self.deflate = zlib.compressobj() if compress else None
        self.session: GatewaySession | None = None

    async def send(self, payload: dict[str, Any]) -> None:
        if self.ws.closed:
            return
        text = json.dumps(payload)
        if self.deflate is None:
            await self.ws.send_str(text)
        else:
            data = self.deflate.compress(text.encode()) + self.deflate.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(data)

    def abort(self) -> None:
        """Drop the connection without a close frame, as a network outage does."""
        if self.transport is not None:
            self.transport.abort()


class Gateway:
    """The gateway's sessions and live connections; `handle` is the websocket route."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[Connection] = []

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(ws, request)
        self.connections.append(connection)
        self.fake.record_event("gateway_connect")
        interval = self.fake.heartbeat_interval_ms
        await connection.send(_op(HELLO, {"heartbeat_interval": interval}))
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    await self._receive(connection, json.loads(message.data))
        finally:
            self.connections.remove(connection)
            if connection.session and connection.session.connection is connection:
                connection.session.connection = None
            self.fake.record_event("gateway_disconnect")
        return ws

    async def _receive(self, connection: Connection, payload: dict) -> None:
        op, data = payload.get("op"), payload.get("d")
        self.fake.record_gateway(op, data)
        if op == HEARTBEAT:
            if self.fake.acking:
                asyncio.get_running_loop().call_later(
                    self.fake.ack_delay, asyncio.ensure_future, connection.send(_op(HEARTBEAT_ACK))
                )
        elif op == IDENTIFY:
            await self._identify(connection, data)
        elif op == RESUME:
            await self._resume(connection, data)
        elif op == REQUEST_MEMBERS:
            guild = self.fake.guild
            chunk = {
                "guild_id": guild.id,
                "members": [m.json() for m in guild.members.values()],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
            }
            if data.get("nonce"):
                chunk["nonce"] = data["nonce"]
            await self.dispatch_to(connection.session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _identify(self, connection: Connection, data: dict) -> None:
        if data.get("token") != self.fake.token:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = GatewaySession(id=snowflake(), intents=int(data.get("intents", 0)))
        self.sessions[session.id] = session
        session.connection, connection.session = connection, session
        guild = self.fake.guild
        ready = {
            "v": 10,
            "user": self.fake.bot_user.json(),
            "guilds": [{"id": guild.id, "unavailable": True}],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.fake.gateway_url,
            "shard": [0, 1],
            "application": {"id": self.fake.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "auth": {},
        }
        await self.dispatch_to(session, "READY", ready)
        await self.dispatch_to(session, "GUILD_CREATE", guild.json())

    async def _resume(self, connection: Connection, data: dict) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.fake.token:
            await connection.send(_op(INVALID_SESSION, False))
            return
        session.connection, connection.session = connection, session
        for event in session.history:
            if event["s"] > (data.get("seq") or 0):
                await connection.send(event)
        await self.dispatch_to(session, "RESUMED", {})

    async def dispatch_to(self, session: GatewaySession | None, name: str, data: Any) -> None:
        """Number the event in the session, keep it for RESUME, send it if connected."""
        if session is None:
            return
        session.seq += 1
        event = {"op": DISPATCH, "t": name, "s": session.seq, "d": data}
        session.history.append(event)
        self.fake.record_event(f"dispatch {name}")
        if session.connection is not None:
            await session.connection.send(event)

    async def dispatch(self, name: str, data: Any) -> None:
        """To every session (a session whose connection dropped gets it on RESUME)."""
        for session in list(self.sessions.values()):
            await self.dispatch_to(session, name, data)

    async def ask_to_reconnect(self) -> None:
        for connection in list(self.connections):
            await connection.send(_op(RECONNECT))

    def drop_all(self) -> None:
        for connection in list(self.connections):
            connection.abort()


def _op(op: int, data: Any = None) -> dict:
    return {"op": op, "d": data, "s": None, "t": None}
