"""Website accounts, sessions, invite codes, guild ranks and the Discord settings (schema common)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Text
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    COMMON,
    IDENTITY,
    created_at_field,
    id_field,
    moment_field,
    updated_at_field,
)


class GuildRank(SQLModel, table=True):
    """A guild rank; a higher level is a higher rank. Officers are level >= 4."""

    __tablename__ = "guild_ranks"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 10", name="level_range"),
        CheckConstraint("scheduling_weight >= 0", name="weight_not_negative"),
        CheckConstraint("wow_rank_index BETWEEN 0 AND 9", name="wow_rank_index_range"),
        {"schema": COMMON},
    )

    id: int = id_field()
    name: str = Field(max_length=50, unique=True)
    level: int = Field(unique=True)
    scheduling_weight: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    wow_rank_index: int | None = Field(default=None, unique=True)
    discord_role_id: str | None = Field(default=None, max_length=32)
    description: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class User(SQLModel, table=True):
    """A website account. The login name is the member's Discord username, lower-cased."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("discord_username = lower(discord_username)", name="username_lowercase"),
        {"schema": COMMON},
    )

    id: int = id_field()
    discord_username: str = Field(max_length=64, unique=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    last_login_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class UserSession(SQLModel, table=True):
    """One login. Only a hash of the session token is stored, never the token."""

    __tablename__ = "user_sessions"
    __table_args__ = ({"schema": COMMON},)

    id: int = id_field()
    user_id: int = Field(foreign_key=f"{COMMON}.users.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    expires_at: datetime = moment_field(nullable=False)
    revoked_at: datetime | None = moment_field()
    last_seen_at: datetime | None = moment_field()
    user_agent: str | None = Field(default=None, max_length=512)
    ip_address: str | None = Field(default=None, max_length=64)
    # A session a page's login opened waits here (the hash of a one-time code, a minute) until
    # the browser trades the code at /auth/session for its HttpOnly cookie.
    handoff_hash: str | None = Field(default=None, max_length=64, unique=True)


class InviteCode(SQLModel, table=True):
    """A single-use registration code tied to one player. Only the SHA-256 of the code is
    stored; the code itself is shown once, to the officer who made it."""

    __tablename__ = "invite_codes"
    __table_args__ = (
        CheckConstraint("char_length(code_hash) = 64", name="code_hash_length"),
        {"schema": COMMON},
    )

    id: int = id_field()
    code_hash: str = Field(max_length=64, unique=True)
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    generated_by: str = Field(default="manual", max_length=20)
    onboarding_session_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.onboarding_sessions.id", ondelete="SET NULL"
    )
    used_at: datetime | None = moment_field()
    expires_at: datetime = moment_field(nullable=False)
    created_at: datetime = created_at_field()


class PasswordReset(SQLModel, table=True):
    """A one-time link an officer made for a member to set a new password. Only the SHA-256
    of the link's token is stored; single use, valid for 72 hours."""

    __tablename__ = "password_resets"
    __table_args__ = ({"schema": COMMON},)

    id: int = id_field()
    user_id: int = Field(foreign_key=f"{COMMON}.users.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    used_at: datetime | None = moment_field()
    expires_at: datetime = moment_field(nullable=False)
    created_at: datetime = created_at_field()


class DiscordConfig(SQLModel, table=True):
    """The guild's Discord server settings (one row)."""

    __tablename__ = "discord_config"
    __table_args__ = (
        CheckConstraint("role_sync_interval_minutes > 0", name="interval_positive"),
        {"schema": COMMON},
    )

    id: int = id_field()
    guild_discord_id: str | None = Field(default=None, max_length=32)
    default_announcement_channel_id: str | None = Field(default=None, max_length=32)
    audit_channel_id: str | None = Field(default=None, max_length=32)
    # Where the raids are held on voice (an event may name another): the bot records presence.
    raid_voice_channel_id: str | None = Field(default=None, max_length=32)
    role_sync_interval_minutes: int = Field(default=15, sa_column_kwargs={"server_default": "15"})
    last_role_sync_at: datetime | None = moment_field()
    bot_dm_enabled: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    onboarding_enabled: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class LoginFailure(SQLModel, table=True):
    """Failed login and registration attempts per key ("client:<ip>", "pair:<ip>|<name>",
    "user:<name>"), shared by every worker; old rows are purged by the nightly job."""

    __tablename__ = "login_failures"
    __table_args__ = (
        CheckConstraint("failures >= 0", name="failures_not_negative"),
        {"schema": COMMON},
    )

    key: str = Field(primary_key=True, max_length=200)
    failures: int = 0
    window_started_at: datetime = moment_field(nullable=False)
    last_failed_at: datetime = moment_field(nullable=False)
