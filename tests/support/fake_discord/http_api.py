"""The fake Discord's HTTP API: the routes discord.py calls, under /api/v10.

Authorised routes want `Authorization: Bot <token>` (else 401, as Discord answers a wrong
token); interaction callbacks and webhook follow-ups carry no token, as on Discord. A 429
copies Discord's: a `Via` header (without it discord.py takes a 429 for a Cloudflare ban),
`Retry-After`, the rate-limit headers and a JSON body with `retry_after`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiohttp import web

from tests.support.fake_discord.shapes import FakeChannel, snowflake

if TYPE_CHECKING:
    from tests.support.fake_discord import FakeDiscord

UNAUTHENTICATED = ("/interactions/", "/webhooks/")


def _json(data, status: int = 200, headers: dict | None = None) -> web.Response:
    """JSON as Discord sends it: `Content-Type: application/json` exactly (discord.py parses a
    body as JSON only then; a charset suffix would make it text)."""
    headers = {**(headers or {}), "Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=headers)


def _error(status: int, message: str, code: int = 0) -> web.Response:
    return _json({"message": message, "code": code}, status=status)


def _rate_limited(retry_after: float) -> web.Response:
    headers = {
        "Via": "1.1 google",
        "Retry-After": str(max(1, round(retry_after))),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": "fake-bucket",
        "X-RateLimit-Scope": "user",
    }
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    return _json(body, status=429, headers=headers)


class HttpApi:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def routes(self) -> list[web.RouteDef]:
        g = "/api/v10/guilds/{guild_id}"
        app = "/api/v10/applications/{app_id}"
        hook = "/api/v10/webhooks/{app_id}/{token}"
        return [
            web.get("/api/v10/users/@me", self.me),
            web.get("/api/v10/oauth2/applications/@me", self.application),
            web.get("/api/v10/gateway/bot", self.gateway_bot),
            web.get("/api/v10/gateway", self.gateway_bot),
            web.get("/api/v10/users/{user_id}", self.user),
            web.post("/api/v10/users/@me/channels", self.open_dm),
            web.get(g, self.guild),
            web.get(g + "/roles", self.roles),
            web.get(g + "/channels", self.channels),
            web.get(g + "/members", self.members),
            web.get(g + "/members/{user_id}", self.member),
            web.put(g + "/members/{user_id}/roles/{role_id}", self.add_role),
            web.delete(g + "/members/{user_id}/roles/{role_id}", self.remove_role),
            web.get("/api/v10/channels/{channel_id}", self.channel),
            web.post("/api/v10/channels/{channel_id}/messages", self.post_message),
            web.get("/api/v10/channels/{channel_id}/messages/{message_id}", self.get_message),
            web.patch("/api/v10/channels/{channel_id}/messages/{message_id}", self.edit_message),
            web.put(app + "/guilds/{guild_id}/commands", self.put_commands),
            web.get(app + "/guilds/{guild_id}/commands", self.get_commands),
            web.put(app + "/commands", self.put_commands),
            web.post("/api/v10/interactions/{interaction_id}/{token}/callback", self.callback),
            web.post(hook, self.follow_up),
            web.patch(hook + "/messages/{message_id}", self.edit_interaction_message),
        ]

    @web.middleware
    async def middleware(self, request: web.Request, handler) -> web.StreamResponse:
        """Record, check the token, answer an injected 429 once, else the route."""
        body = await request.json() if request.can_read_body and _is_json(request) else None
        self.fake.record_request(request.method, request.path, body)
        if request.path.startswith("/gateway"):
            return await handler(request)
        authorised = request.headers.get("Authorization") == f"Bot {self.fake.token}"
        if not authorised and not any(part in request.path for part in UNAUTHENTICATED):
            return _error(401, "401: Unauthorized")
        retry_after = self.fake.take_rate_limit(request.method, request.path)
        if retry_after is not None:
            return _rate_limited(retry_after)
        try:
            return await handler(request)
        except KeyError:
            return _error(404, "Unknown resource", 10003)

    # -- who the bot is ------------------------------------------------------------------------

    async def me(self, request: web.Request) -> web.Response:
        return _json(self.fake.bot_user.json())

    async def application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": self.fake.application_id,
                "name": "PATT bot",
                "icon": None,
                "description": "",
                "rpc_origins": [],
                "bot_public": False,
                "bot_require_code_grant": False,
                "bot": self.fake.bot_user.json(),
                "owner": {"id": "1", "username": "owner", "discriminator": "0", "avatar": None},
                "summary": "",
                "verify_key": "0" * 64,
                "team": None,
                "flags": 0,
                "interactions_endpoint_url": None,
            }
        )

    async def gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
        return _json({"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit})

    async def user(self, request: web.Request) -> web.Response:
        return _json(self.fake.users[request.match_info["user_id"]].json())

    async def open_dm(self, request: web.Request) -> web.Response:
        user = self.fake.users[str((await request.json())["recipient_id"])]
        channel = next(
            (c for c in self.fake.dm_channels.values() if c.recipient is user),
            None,
        )
        if channel is None:
            channel = FakeChannel(id=snowflake(), name="", guild_id=None, type=1, recipient=user)
            self.fake.dm_channels[channel.id] = channel
        return _json(channel.json())

    # -- the server ----------------------------------------------------------------------------

    def _guild(self, request: web.Request):
        if request.match_info["guild_id"] != self.fake.guild.id:
            raise KeyError("guild")
        return self.fake.guild

    async def guild(self, request: web.Request) -> web.Response:
        data = self._guild(request).json()
        for key in ("members", "channels", "threads", "presences", "voice_states"):
            data.pop(key)
        return _json(data)

    async def roles(self, request: web.Request) -> web.Response:
        return _json([r.json() for r in self._guild(request).roles.values()])

    async def channels(self, request: web.Request) -> web.Response:
        return _json([c.json() for c in self._guild(request).channels.values()])

    async def members(self, request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "1"))
        after = int(request.query.get("after", "0"))
        members = [m for m in self._guild(request).members.values() if int(m.user.id) > after]
        members.sort(key=lambda m: int(m.user.id))
        return _json([m.json() for m in members[:limit]])

    async def member(self, request: web.Request) -> web.Response:
        member = self._guild(request).members[request.match_info["user_id"]]
        return _json(member.json())

    async def add_role(self, request: web.Request) -> web.Response:
        return await self._change_role(request, add=True)

    async def remove_role(self, request: web.Request) -> web.Response:
        return await self._change_role(request, add=False)

    async def _change_role(self, request: web.Request, *, add: bool) -> web.Response:
        guild = self._guild(request)
        member = guild.members[request.match_info["user_id"]]
        role = guild.roles[request.match_info["role_id"]]
        if role.position >= self.fake.bot_top_position():
            return _error(403, "Missing Permissions", 50013)
        if add and role.id not in member.role_ids:
            member.role_ids.append(role.id)
        elif not add and role.id in member.role_ids:
            member.role_ids.remove(role.id)
        else:
            return web.Response(status=204)
        self.fake.role_changes.append((member.user.id, role.name, "add" if add else "remove"))
        await self.fake.gateway.dispatch(
            "GUILD_MEMBER_UPDATE", {"guild_id": guild.id, **member.json()}
        )
        return web.Response(status=204)

    # -- channels and messages -----------------------------------------------------------------

    def _channel(self, channel_id: str) -> FakeChannel:
        return self.fake.guild.channels.get(channel_id) or self.fake.dm_channels[channel_id]

    async def channel(self, request: web.Request) -> web.Response:
        return _json(self._channel(request.match_info["channel_id"]).json())

    async def post_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request.match_info["channel_id"])
        if channel.type == 1 and not channel.recipient.dms_open:
            return _error(403, "Cannot send messages to this user", 50007)
        if channel.id in self.fake.forbidden_channels:
            return _error(403, "Missing Access", 50001)
        message = self.fake.store_message(channel.id, await request.json(), channel.guild_id)
        return _json(message.json())

    async def get_message(self, request: web.Request) -> web.Response:
        return _json(self.fake.messages[request.match_info["message_id"]].json())

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self.fake.messages[request.match_info["message_id"]]
        self.fake.edit_message(message, await request.json())
        return _json(message.json())

    # -- slash commands and interactions ------------------------------------------------------

    async def put_commands(self, request: web.Request) -> web.Response:
        commands = []
        for command in await request.json():
            command = {**command, "id": snowflake(), "application_id": self.fake.application_id}
            command.setdefault("version", snowflake())
            if "guild_id" in request.match_info:
                command["guild_id"] = request.match_info["guild_id"]
            commands.append(command)
        self.fake.commands = commands
        return _json(commands)

    async def get_commands(self, request: web.Request) -> web.Response:
        return _json(self.fake.commands)

    async def callback(self, request: web.Request) -> web.Response:
        interaction = self.fake.interactions[request.match_info["interaction_id"]]
        if interaction.token != request.match_info["token"]:
            return _error(401, "Invalid interaction token", 50027)
        body = await request.json()
        response = self.fake.respond_to_interaction(interaction, body)
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        return _json(response)

    async def follow_up(self, request: web.Request) -> web.Response:
        interaction = self.fake.interaction_by_token(request.match_info["token"])
        in_guild = interaction.channel_id in self.fake.guild.channels
        message = self.fake.store_message(
            interaction.channel_id, await request.json(), self.fake.guild.id if in_guild else None
        )
        message.interaction_token = interaction.token
        interaction.follow_ups.append(message)
        return _json(message.json())

    async def edit_interaction_message(self, request: web.Request) -> web.Response:
        interaction = self.fake.interaction_by_token(request.match_info["token"])
        wanted = request.match_info["message_id"]
        message = interaction.original if wanted == "@original" else self.fake.messages[wanted]
        if message is None:
            return _error(404, "Unknown Message", 10008)
        self.fake.edit_message(message, await request.json())
        return _json(message.json())


def _is_json(request: web.Request) -> bool:
    return request.content_type == "application/json"
