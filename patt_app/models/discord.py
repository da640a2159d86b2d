"""What the Discord bot sends and how it is doing (schema common).

`discord_posts` is the outbox: any worker, job or page queues a post or a DM with a dedupe
key; the one bot sends each row once and records the Discord message id or the failure.
`discord_bot_status` is one row the bot keeps up to date, read by every worker's pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    COMMON,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    updated_at_field,
)

POST_KINDS = ("channel", "dm")
POST_STATUSES = ("queued", "sending", "sent", "failed", "skipped")


class DiscordPost(SQLModel, table=True):
    """One message for Discord: an embed for a channel, or a direct message to one member."""

    __tablename__ = "discord_posts"
    __table_args__ = (
        known_values("kind", POST_KINDS),
        known_values("status", POST_STATUSES),
        CheckConstraint("(kind = 'dm') = (discord_id IS NOT NULL)", name="dm_has_recipient"),
        {"schema": COMMON},
    )

    id: int = id_field()
    dedupe_key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=10)
    # A channel post: its channel (None: the default announcement channel at sending time).
    channel_id: str | None = Field(default=None, max_length=32)
    # A DM: the member's Discord id.
    discord_id: str | None = Field(default=None, max_length=32)
    # What it is about, e.g. "raid_event:12" (to find the last post about one thing).
    subject: str | None = Field(default=None, max_length=60, index=True)
    payload: dict[str, Any] = Field(
        default_factory=dict,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": "{}", "nullable": False},
    )
    status: str = Field(default="queued", max_length=10, index=True)
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Too late to matter after this instant (e.g. a reminder once the raid started): skipped.
    not_after: datetime | None = moment_field()
    next_attempt_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()
    sent_at: datetime | None = moment_field()
    message_id: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, sa_type=Text)


class DiscordBotStatus(SQLModel, table=True):
    """How the bot is doing, written by the bot (one row, id 1), read by every worker."""

    __tablename__ = "discord_bot_status"
    __table_args__ = ({"schema": COMMON},)

    id: int = id_field()
    connected: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    guild_name: str | None = Field(default=None, max_length=100)
    latency_ms: int | None = None
    # The bot writes this at least every few seconds while it runs; stale means it stopped.
    heartbeat_at: datetime | None = moment_field()
    last_member_sync: datetime | None = moment_field()
    member_sync_summary: str | None = Field(default=None, sa_type=Text)
    last_role_sync: datetime | None = moment_field()
    role_sync_summary: str | None = Field(default=None, sa_type=Text)
    last_error: str | None = Field(default=None, sa_type=Text)
    last_error_at: datetime | None = moment_field()
    # The server's text channels, [{"id", "name"}], for the channel pickers.
    channels: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": "[]", "nullable": False},
    )
    # The server's voice channels, [{"id", "name"}], for the raid voice channel picker.
    voice_channels: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": "[]", "nullable": False},
    )
    # "Sync members now": the bot picks this up within seconds and clears it.
    sync_requested_at: datetime | None = moment_field()
    updated_at: datetime = updated_at_field()
