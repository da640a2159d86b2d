"""A browser tab without the browser: Reflex 0.10.1's websocket event protocol, spoken directly.

Socket.IO 5 over Engine.IO 4 on `/_event/?token=<tab id>&transport=websocket&EIO=4`, namespace
`/_event`. The page's hydrate event rides in the CONNECT packet's `auth` (as the built
`.web/utils/state.js` does), carrying the cookie-backed session token as a state var. Each
reply is an `"event"` message `{"delta": {state: {var: value}}, "events": [...]}`; a tab's
events are processed in order. Events the server sends back whose names don't start with "_"
(on_load handlers, chained events) are sent on, as the browser's event queue would; "_…" ones
(toasts, redirects, scripts) are the browser's own business and are only recorded.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from patt_app.services.accounts.sessions import HANDOFF_PATH, SESSION_COOKIE

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
VAR_SUFFIX = "_rx_state_"


def state_name(state_cls: type) -> str:
    """The full name Reflex gives a state class on the wire (e.g. "reflex___state____state.…")."""
    return state_cls.get_full_name()


@dataclass
class Message:
    """One "event" message from the server, with the time it arrived (monotonic seconds)."""

    at: float
    delta: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    size: int

    def changes(self, state: str, var: str) -> bool:
        return f"{var}{VAR_SUFFIX}" in self.delta.get(state, {})

    def value(self, state: str, var: str) -> Any:
        return self.delta.get(state, {}).get(f"{var}{VAR_SUFFIX}")


Predicate = Callable[[Message], bool]


@dataclass
class Tab:
    """One open tab: a websocket, the page it is on, and what the page now shows (the deltas
    merged, as the browser keeps them; not every message, which would pile up in a long run and
    make this harness pause for its own garbage collector)."""

    base_url: str
    path: str
    session_token: str = ""  # the browser's HttpOnly session cookie, sent on the handshake
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    shown: dict[str, dict[str, Any]] = field(default_factory=dict)  # state → var → value
    bytes_received: int = 0
    client_events: list[str] = field(default_factory=list)
    on_message: Callable[[Message], None] | None = None

    _ws: aiohttp.ClientWebSocketResponse | None = None
    _reader: asyncio.Task | None = None
    _waiters: list[tuple[Predicate, asyncio.Future]] = field(default_factory=list)
    _connected: asyncio.Event = field(default_factory=asyncio.Event)
    closed: bool = False
    error: str = ""

    def value(self, state: str, var: str) -> Any:
        """What the page shows for `var` of `state` (None before the server sent it)."""
        return self.shown.get(state, {}).get(f"{var}{VAR_SUFFIX}")

    def _router_data(self) -> dict[str, str]:
        return {"pathname": self.path, "asPath": self.path}

    def _hydrate(self) -> dict[str, Any]:
        return {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {},
            "router_data": self._router_data(),
        }

    async def open(self, http: aiohttp.ClientSession, *, timeout: float = 30.0) -> Message:
        """Connect and hydrate; returns once the page's load handlers have answered."""
        ws_base = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        url = f"{ws_base}/_event/?token={self.token}&transport=websocket&EIO=4"
        cookie = {"Cookie": f"{SESSION_COOKIE}={self.session_token}"} if self.session_token else {}
        self._ws = await http.ws_connect(url, max_msg_size=0, autoping=True, headers=cookie)
        opening = await self._ws.receive_str(timeout=timeout)
        if not opening.startswith("0"):
            raise ConnectionError(f"not an Engine.IO open packet: {opening[:80]}")
        self._reader = asyncio.get_running_loop().create_task(self._read())
        first = self.expect(lambda m: True)
        auth = json.dumps({"event": self._hydrate()}, separators=(",", ":"))
        await self._ws.send_str(f"40{NAMESPACE},{auth}")
        await asyncio.wait_for(self._connected.wait(), timeout)
        return await asyncio.wait_for(first, timeout)

    def expect(self, predicate: Predicate) -> asyncio.Future:
        """A future for the next message matching `predicate` (register before sending)."""
        future = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return future

    async def send(self, name: str, payload: dict[str, Any] | None = None) -> None:
        """Send one event, e.g. `send(f"{state}.toggle_role", {"role": "tank"})`."""
        if self._ws is None or self.closed:
            raise ConnectionError("the tab is closed")
        event = {"name": name, "payload": payload or {}, "router_data": self._router_data()}
        body = json.dumps(["event", event], separators=(",", ":"))
        await self._ws.send_str(f"42{NAMESPACE},{body}")

    async def call(
        self,
        name: str,
        payload: dict[str, Any] | None = None,
        *,
        until: Predicate | None = None,
        timeout: float = 10.0,
    ) -> tuple[float, Message]:
        """Send an event and wait for its answer (the first message matching `until`, or the
        next message); returns (round trip in seconds, the message)."""
        future = self.expect(until or (lambda m: True))
        started = time.perf_counter()
        await self.send(name, payload)
        message = await asyncio.wait_for(future, timeout)
        return time.perf_counter() - started, message

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for frame in self._ws:
                if frame.type != aiohttp.WSMsgType.TEXT:
                    break
                await self._packet(frame.data)
        except Exception as error:  # a broken socket ends this tab; the runner counts it
            self.error = f"{type(error).__name__}: {error}"
        finally:
            self.closed = True
            self._connected.set()
            for _, future in self._waiters:
                if not future.done():
                    future.set_exception(ConnectionError(self.error or "the tab was closed"))
            self._waiters.clear()

    async def _packet(self, data: str) -> None:
        assert self._ws is not None
        if data == "2":  # Engine.IO ping
            await self._ws.send_str("3")
            return
        if data.startswith(f"40{NAMESPACE}"):
            self._connected.set()
            return
        if data.startswith(f"44{NAMESPACE}"):
            self.error = f"connect refused: {data[len(NAMESPACE) + 3 :][:200]}"
            await self._ws.close()
            return
        if not data.startswith(f"42{NAMESPACE},"):
            return
        name, *args = json.loads(data[len(NAMESPACE) + 3 :])
        if name != "event" or not args:
            return
        update = args[0]
        self.bytes_received += len(data)
        message = Message(
            time.perf_counter(), update.get("delta") or {}, update.get("events") or [], len(data)
        )
        for state, fields in message.delta.items():
            self.shown.setdefault(state, {}).update(fields)
        if self.on_message is not None:
            self.on_message(message)
        for entry in list(self._waiters):
            predicate, future = entry
            if not future.done() and predicate(message):
                future.set_result(message)
                self._waiters.remove(entry)
                break
        for event in message.events:
            event_name = str(event.get("name", ""))
            if event_name.rsplit(".", 1)[-1].startswith("_"):
                self.client_events.append(event_name)
            else:
                await self.send(event_name, event.get("payload") or {})

    async def close(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)


async def log_in(
    http: aiohttp.ClientSession, base_url: str, username: str, password: str, *, login_state: str
) -> str:
    """Log in as the browser does: the login form's event on /login, then the one-time code the
    page sends the browser on with, traded at `/auth/session`; returns the session token the
    answer set as the browser's cookie."""
    tab = Tab(base_url, "/login")
    await tab.open(http)
    try:
        _, message = await tab.call(
            f"{login_state}.login",
            {"form_data": {"username": username, "password": password}},
            until=lambda m: HANDOFF_PATH in json.dumps(m.events),
            timeout=30,
        )
    finally:
        await tab.close()
    path = re.search(rf"({HANDOFF_PATH}\?[^\"\\]+)", json.dumps(message.events)).group(1)
    # (a jar of its own: each tab sends its own account's cookie, not the last login's)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as browser,
        browser.get(f"{base_url}{path}", allow_redirects=False) as answer,
    ):
        if answer.status != 303 or SESSION_COOKIE not in answer.cookies:
            raise ConnectionError(f"no session cookie: {answer.status} {answer.headers}")
        return answer.cookies[SESSION_COOKIE].value
