"""Discord's JSON shapes, as its API and gateway send them (API v10), for the fake Discord.

Only what discord.py reads is filled in; every object carries the keys discord.py indexes
without a default (a missing one would raise KeyError inside discord.py, not in the test).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

_ids = itertools.count(1_300_000_000_000_000_000)


def snowflake() -> str:
    """A fresh id (Discord's ids are 64-bit snowflakes sent as strings)."""
    return str(next(_ids))


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class FakeUser:
    id: str
    username: str
    global_name: str | None = None
    bot: bool = False
    dms_open: bool = True

    def json(self) -> dict:
        return {
            "id": self.id,
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass
class FakeRole:
    id: str
    name: str
    position: int

    def json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": "0",
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }


@dataclass
class FakeMember:
    user: FakeUser
    role_ids: list[str] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    def json(self, *, with_user: bool = True) -> dict:
        data = {
            "nick": self.nick,
            "roles": list(self.role_ids),
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "avatar": None,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.json()
        return data


@dataclass
class FakeChannel:
    id: str
    name: str
    guild_id: str | None
    type: int = 0  # 0 a server text channel, 1 a DM, 2 a voice channel
    recipient: FakeUser | None = None

    def json(self) -> dict:
        if self.type == 1:
            return {
                "id": self.id,
                "type": 1,
                "last_message_id": None,
                "recipients": [self.recipient.json()] if self.recipient else [],
            }
        return {
            "id": self.id,
            "type": self.type,
            "guild_id": self.guild_id,
            "name": self.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            **({"bitrate": 64000, "user_limit": 0, "rtc_region": None} if self.type == 2 else {}),
        }


@dataclass
class FakeMessage:
    """A message as the fake keeps it: what was posted, and every edit after."""

    id: str
    channel_id: str
    author: FakeUser
    content: str = ""
    embeds: list[dict] = field(default_factory=list)
    components: list[dict] = field(default_factory=list)
    flags: int = 0
    guild_id: str | None = None
    edits: int = 0
    interaction_token: str | None = None
    history: list = field(default_factory=list)  # (monotonic time, embeds) after each edit
    created: float = field(default_factory=time.monotonic)

    def json(self) -> dict:
        data = {
            "id": self.id,
            "channel_id": self.channel_id,
            "author": self.author.json(),
            "content": self.content,
            "timestamp": iso_now(),
            "edited_timestamp": iso_now() if self.edits else None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": self.embeds,
            "pinned": False,
            "type": 0,
            "flags": self.flags,
            "components": self.components,
        }
        if self.guild_id:
            data["guild_id"] = self.guild_id
        return data


@dataclass
class FakeGuild:
    """The one server the fake Discord hosts (the bot is a member, with its own role)."""

    id: str
    name: str
    owner_id: str
    roles: dict[str, FakeRole] = field(default_factory=dict)
    members: dict[str, FakeMember] = field(default_factory=dict)
    channels: dict[str, FakeChannel] = field(default_factory=dict)
    voice: dict[str, str] = field(default_factory=dict)  # member id → voice channel id

    def role_named(self, name: str) -> FakeRole:
        return next(role for role in self.roles.values() if role.name == name)

    def json(self) -> dict:
        """The guild as GUILD_CREATE carries it: roles, channels and every member."""
        return {
            "id": self.id,
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_id,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [role.json() for role in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "member_count": len(self.members),
            "members": [member.json() for member in self.members.values()],
            "channels": [c.json() for c in self.channels.values() if c.type != 1],
            "threads": [],
            "presences": [],
            "voice_states": [
                voice_state(self.id, uid, channel) for uid, channel in self.voice.items()
            ],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "large": False,
            "unavailable": False,
            "joined_at": iso_now(),
            "max_members": 500000,
        }


def voice_state(guild_id: str, user_id: str, channel_id: str | None) -> dict:
    """A member's voice state as GUILD_CREATE and VOICE_STATE_UPDATE carry it."""
    return {
        "guild_id": guild_id,
        "channel_id": channel_id,
        "user_id": user_id,
        "session_id": f"voice-{user_id}",
        "deaf": False,
        "mute": False,
        "self_deaf": False,
        "self_mute": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }
