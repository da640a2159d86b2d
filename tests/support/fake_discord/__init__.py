"""A fake Discord that speaks Discord's own protocol: the HTTP API (`http_api.py`) and the
gateway websocket (`gateway.py`) on one local port, in a thread of its own, so the real bot
(discord.py, started as the runner starts it) runs against it through `DISCORD_API_URL`.

One server (`guild`) with the guild's roles, two text channels, two voice channels ("Raid",
"Lounge") and the bot as a member (its role above the guild's roles). Tests change the server
with `add_member`, `rename_member`, `set_roles`, `remove_member`, move members between voice
channels with `voice_join` / `voice_leave` (VOICE_STATE_UPDATE; GUILD_CREATE carries who sits
where), send interactions with `slash_command` and
`button_press` (then `submit_modal` for a form the bot opened), a DM to the bot with
`member_sends_dm`, and trouble with `rate_limit_next`, `close_dms`, `stop_acking`,
`ask_to_reconnect`, `go_down` and `come_back`. What the bot did is in `messages`,
`role_changes`, `commands`, `interactions`, `requests`, `identifies` and `events` (with
monotonic times). `wait_for` polls a condition: tests wait for events.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.support.fake_discord import interactions
from tests.support.fake_discord.gateway import Gateway
from tests.support.fake_discord.http_api import HttpApi
from tests.support.fake_discord.interactions import FakeInteraction
from tests.support.fake_discord.shapes import (
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    iso_now,
    snowflake,
    voice_state,
)

TOKEN = "fake-token-" + "x" * 40
GUILD_ID = "123456789012345678"
GUILD_ROLES = ("Initiate", "Member", "Veteran", "Officer", "GM")


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = TOKEN,
        heartbeat_interval: float = 1.0,
        ack_delay: float = 0.05,
        guild_id: str = GUILD_ID,
    ) -> None:
        self.token = token
        self.heartbeat_interval_ms = int(heartbeat_interval * 1000)
        self.ack_delay, self.acking = ack_delay, True
        self.bot_user = FakeUser(id=snowflake(), username="PATT Bot", bot=True)
        self.application_id = self.bot_user.id
        self.users: dict[str, FakeUser] = {self.bot_user.id: self.bot_user}
        self.guild = _guild(guild_id, self.bot_user)
        self.announcements = next(iter(self.guild.channels))
        self.dm_channels: dict[str, FakeChannel] = {}
        self.messages: dict[str, FakeMessage] = {}
        self.commands: list[dict] = []
        self.interactions: dict[str, FakeInteraction] = {}
        self.role_changes: list[tuple[str, str, str]] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.gateway_log: list[tuple[int, Any]] = []
        self.events: list[tuple[float, str]] = []
        self.forbidden_channels: set[str] = set()
        self._rate_limits: list[list] = []
        self._lock = threading.RLock()
        self.loop = asyncio.new_event_loop()
        self.gateway, self.http = Gateway(self), HttpApi(self)
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self.port = 0

    # -- life ----------------------------------------------------------------------------------

    def start(self) -> FakeDiscord:
        self._thread.start()
        self._call(self._serve())
        return self

    def stop(self) -> None:
        self._call(self._shutdown())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)

    async def _serve(self) -> None:
        app = web.Application(middlewares=[self.http.middleware])
        app.add_routes([*self.http.routes(), web.get("/gateway", self.gateway.handle)])
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1)
        await self._runner.setup()
        await self._listen()

    async def _listen(self) -> None:
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await self._site.start()
        self.port = self._site._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        self.gateway.drop_all()
        if self._runner is not None:
            await self._runner.cleanup()

    def go_down(self) -> None:
        """An outage: every connection dropped without a word, nothing answers on the port."""

        async def down() -> None:
            await self._site.stop()
            self.gateway.drop_all()
            for handler in self._runner.server.connections:
                handler.force_close()
            self.record_event("down")

        self._call(down())

    def come_back(self) -> None:
        """Discord answers again, on the same address."""

        async def back() -> None:
            await self._listen()
            self.record_event("up")

        self._call(back())

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def settings_env(self) -> dict[str, str]:
        return {
            "DISCORD_BOT_TOKEN": TOKEN,
            "DISCORD_GUILD_ID": self.guild.id,
            "DISCORD_API_URL": self.api_url,
        }

    def _call(self, coro, timeout: float = 10) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    # -- the server changes --------------------------------------------------------------------

    def add_member(
        self, username: str, *, roles: tuple[str, ...] = (), nick: str | None = None, uid=None
    ) -> str:
        """Someone joins (or returns, with their old `uid`): GUILD_MEMBER_ADD. Their id."""
        user = self.users.get(uid) if uid else None
        user = user or FakeUser(id=uid or snowflake(), username=username)
        self.users[user.id] = user
        member = FakeMember(user, [self.guild.role_named(r).id for r in roles], nick, iso_now())

        async def join() -> None:
            self.guild.members[user.id] = member
            await self.gateway.dispatch(
                "GUILD_MEMBER_ADD", {"guild_id": self.guild.id, **member.json()}
            )

        self._call(join())
        return user.id

    def rename_member(self, uid: str, nick: str | None) -> None:
        self._update_member(uid, nick=nick)

    def set_roles(self, uid: str, *role_names: str) -> None:
        self._update_member(uid, role_ids=[self.guild.role_named(r).id for r in role_names])

    def _update_member(self, uid: str, **changes) -> None:
        async def update() -> None:
            member = self.guild.members[uid]
            for key, value in changes.items():
                setattr(member, key, value)
            await self.gateway.dispatch(
                "GUILD_MEMBER_UPDATE", {"guild_id": self.guild.id, **member.json()}
            )

        self._call(update())

    def remove_member(self, uid: str) -> None:
        async def leave() -> None:
            member = self.guild.members.pop(uid)
            data = {"guild_id": self.guild.id, "user": member.user.json()}
            await self.gateway.dispatch("GUILD_MEMBER_REMOVE", data)

        self._call(leave())

    def voice_channel(self, name: str) -> str:
        """The id of the voice channel `name` ("Raid" or "Lounge")."""
        return next(c.id for c in self.guild.channels.values() if c.type == 2 and c.name == name)

    def voice_join(self, uid: str, channel_id: str) -> None:
        """`uid` joins (or moves to) a voice channel: VOICE_STATE_UPDATE."""
        self._voice(uid, channel_id)

    def voice_leave(self, uid: str) -> None:
        self._voice(uid, None)

    def _voice(self, uid: str, channel_id: str | None) -> None:
        async def move() -> None:
            if channel_id is None:
                self.guild.voice.pop(uid, None)
            else:
                self.guild.voice[uid] = channel_id
            data = voice_state(self.guild.id, uid, channel_id)
            data["member"] = self.guild.members[uid].json()
            await self.gateway.dispatch("VOICE_STATE_UPDATE", data)

        self._call(move())

    def roles_of(self, uid: str) -> set[str]:
        with self._lock:
            member = self.guild.members[uid]
            return {self.guild.roles[r].name for r in member.role_ids}

    def bot_top_position(self) -> int:
        member = self.guild.members[self.bot_user.id]
        return max(self.guild.roles[r].position for r in member.role_ids)

    # -- interactions and DMs to the bot -------------------------------------------------------

    def slash_command(self, name: str, uid: str, **options: str) -> FakeInteraction:
        """`uid` runs /`name` in the announcement channel; options name members by id."""
        member = self.guild.members[uid]
        interaction, payload = interactions.base_payload(self, member, 2, self.announcements)
        payload["data"] = interactions.slash_command_data(self, name, options)
        return self._interact(interaction, payload)

    def button_press(self, message_id: str, custom_id: str, uid: str) -> FakeInteraction:
        message = self.messages[message_id]
        member = self.guild.members[uid]
        interaction, payload = interactions.base_payload(self, member, 3, message.channel_id)
        payload["data"] = interactions.button_data(message, custom_id)
        payload["message"] = message.json()
        interaction.original = message
        return self._interact(interaction, payload)

    def button_press_in_dm(self, message_id: str, custom_id: str) -> FakeInteraction:
        """The recipient of the bot's DM presses a button on it (no guild: a `user`, not a
        `member`, and the DM channel)."""
        message = self.messages[message_id]
        channel = self.dm_channels[message.channel_id]
        interaction, payload = interactions.dm_payload(self, channel, 3)
        payload["data"] = interactions.button_data(message, custom_id)
        payload["message"] = message.json()
        interaction.original = message
        return self._interact(interaction, payload)

    def select_option(self, message_id: str, custom_id: str, uid: str, *values: str):
        """`uid` picks `values` in the select menu `custom_id` of a message (type 3)."""
        message = self.messages[message_id]
        member = self.guild.members[uid]
        interaction, payload = interactions.base_payload(self, member, 3, message.channel_id)
        payload["data"] = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
        payload["message"] = message.json()
        interaction.original = message
        return self._interact(interaction, payload)

    def submit_modal(self, opened: FakeInteraction, uid: str, **values: str) -> FakeInteraction:
        """`uid` fills in the modal the bot opened in answer to `opened` and submits it."""
        modal = opened.modal
        if modal is None:
            raise AssertionError("the bot opened no modal for that interaction")
        member = self.guild.members[uid]
        interaction, payload = interactions.base_payload(self, member, 5, opened.channel_id)
        payload["data"] = interactions.modal_data(modal, values)
        return self._interact(interaction, payload)

    def _interact(self, interaction: FakeInteraction, payload: dict) -> FakeInteraction:
        self.interactions[interaction.id] = interaction
        interaction.sent_at = time.monotonic()
        self._call(self.gateway.dispatch("INTERACTION_CREATE", payload))
        return interaction

    def respond_to_interaction(self, interaction: FakeInteraction, body: dict) -> dict:
        message = interaction.original if interaction.type == 3 else None
        return interactions.answer(self, interaction, body, message)

    def interaction_by_token(self, token: str) -> FakeInteraction:
        return next(i for i in self.interactions.values() if i.token == token)

    def member_sends_dm(self, uid: str, text: str) -> None:
        user = self.users[uid]
        channel = next((c for c in self.dm_channels.values() if c.recipient is user), None)
        if channel is None:
            channel = FakeChannel(id=snowflake(), name="", guild_id=None, type=1, recipient=user)
            self.dm_channels[channel.id] = channel
        message = FakeMessage(id=snowflake(), channel_id=channel.id, author=user, content=text)
        self._call(self.gateway.dispatch("MESSAGE_CREATE", message.json()))

    # -- what the bot sent ---------------------------------------------------------------------

    def store_message(
        self, channel_id: str, body: dict, guild_id: str | None, *, record: bool = True
    ) -> FakeMessage:
        message = FakeMessage(
            id=snowflake(),
            channel_id=channel_id,
            author=self.bot_user,
            content=body.get("content") or "",
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            flags=body.get("flags") or 0,
            guild_id=guild_id,
        )
        with self._lock:
            self.messages[message.id] = message
        self.record_event(f"message {channel_id}")
        return message

    def edit_message(self, message: FakeMessage, body: dict) -> None:
        with self._lock:
            for key in ("content", "embeds", "components", "flags"):
                if key in body and body[key] is not None:
                    setattr(message, key, body[key])
            message.edits += 1
            message.history.append((time.monotonic(), message.embeds))
        self.record_event(f"edit {message.id}")

    def messages_in(self, channel_id: str) -> list[FakeMessage]:
        with self._lock:
            return [m for m in self.messages.values() if m.channel_id == channel_id]

    def dms_to(self, uid: str) -> list[FakeMessage]:
        channels = {c.id for c in self.dm_channels.values() if c.recipient.id == uid}
        with self._lock:
            return [m for m in self.messages.values() if m.channel_id in channels]

    def close_dms(self, uid: str) -> None:
        self.users[uid].dms_open = False

    # -- trouble -------------------------------------------------------------------------------

    def rate_limit_next(self, method: str, path_part: str, retry_after: float = 0.5) -> None:
        """The next `method` request whose path contains `path_part` gets a 429."""
        with self._lock:
            self._rate_limits.append([method, path_part, retry_after])

    def take_rate_limit(self, method: str, path: str) -> float | None:
        with self._lock:
            for rule in self._rate_limits:
                if rule[0] == method and rule[1] in path:
                    self._rate_limits.remove(rule)
                    self.record_event(f"429 {method} {path}")
                    return rule[2]
        return None

    def stop_acking(self) -> None:
        """A zombie connection: heartbeats go unanswered, the socket stays open."""
        self.acking = False

    def ask_to_reconnect(self) -> None:
        """Discord's op 7 RECONNECT: the client should resume on a new connection."""
        self._call(self.gateway.ask_to_reconnect())

    # -- records -------------------------------------------------------------------------------

    def record_request(self, method: str, path: str, body: Any) -> None:
        with self._lock:
            self.requests.append((method, path, body))

    def record_gateway(self, op: int, data: Any) -> None:
        with self._lock:
            self.gateway_log.append((op, data))
        self.record_event(f"op {op}")

    def record_event(self, name: str) -> None:
        with self._lock:
            self.events.append((time.monotonic(), name))

    @property
    def logins(self) -> int:
        with self._lock:
            return sum(1 for m, p, _ in self.requests if m == "GET" and p.endswith("/users/@me"))

    @property
    def identifies(self) -> list[dict]:
        with self._lock:
            return [data for op, data in self.gateway_log if op == 2]

    def times_of(self, name: str) -> list[float]:
        with self._lock:
            return [at for at, event in self.events if event == name]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 20, what: str = "") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")


def _guild(guild_id: str, bot: FakeUser) -> FakeGuild:
    guild = FakeGuild(id=guild_id, name="Pull All The Things", owner_id="1")
    guild.roles[guild_id] = FakeRole(id=guild_id, name="@everyone", position=0)
    for position, name in enumerate(GUILD_ROLES, start=1):
        role = FakeRole(id=snowflake(), name=name, position=position)
        guild.roles[role.id] = role
    bot_role = FakeRole(id=snowflake(), name="PATT Bot", position=len(GUILD_ROLES) + 1)
    guild.roles[bot_role.id] = bot_role
    for name in ("announcements", "audit"):
        channel = FakeChannel(id=snowflake(), name=name, guild_id=guild_id)
        guild.channels[channel.id] = channel
    for name in ("Raid", "Lounge"):
        channel = FakeChannel(id=snowflake(), name=name, guild_id=guild_id, type=2)
        guild.channels[channel.id] = channel
    guild.members[bot.id] = FakeMember(bot, [bot_role.id])
    return guild
