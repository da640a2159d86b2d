"""Sync runs, integrity findings and Discord onboarding conversations (schema guild_identity)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    COMMON,
    IDENTITY,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    unique_where,
    updated_at_field,
)

ISSUE_RESOLUTIONS = ("fixed", "dismissed", "auto", "accepted")

ONBOARDING_STATES = (
    "awaiting_dm",
    "asked_in_guild",
    "asked_main",
    "asked_alts",
    "pending_verification",
    "awaiting_proof",
    "verified",
    "provisioned",
    "timed_out",
    "manually_resolved",
    "declined",
)


class SyncLog(SQLModel, table=True):
    """One run of a roster sync (Blizzard API, addon upload or Discord bot)."""

    __tablename__ = "sync_log"
    __table_args__ = (
        CheckConstraint(
            "source IN ('blizzard_api', 'addon_upload', 'discord_bot')", name="source_known"
        ),
        CheckConstraint(
            "status IN ('running', 'success', 'partial', 'failed')", name="status_known"
        ),
        # At most one run of each source at a time, across every worker and process.
        unique_where("uq_sync_log_one_running", "source", where="status = 'running'"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    source: str = Field(max_length=20)
    status: str = Field(default="running", max_length=10)
    characters_found: int = 0
    characters_updated: int = 0
    characters_new: int = 0
    characters_removed: int = 0
    characters_restored: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    characters_not_found: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    requests_made: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    progress_done: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    progress_total: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Heartbeat of a running sync (written with its progress); a stale one was abandoned.
    progress_at: datetime | None = moment_field()
    error_message: str | None = Field(default=None, sa_type=Text)
    duration_seconds: float | None = None
    started_at: datetime = created_at_field()
    completed_at: datetime | None = moment_field()


class AuditIssue(SQLModel, table=True):
    """An integrity finding; at most one unresolved row per `issue_hash`."""

    __tablename__ = "audit_issues"
    __table_args__ = (
        CheckConstraint("severity IN ('info', 'warning', 'critical')", name="severity_known"),
        known_values("resolution", ISSUE_RESOLUTIONS, nullable=True),
        unique_where("uq_audit_issues_open_hash", "issue_hash", where="resolved_at IS NULL"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    issue_type: str = Field(max_length=40)
    severity: str = Field(default="warning", max_length=10)
    wow_character_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.wow_characters.id", ondelete="CASCADE"
    )
    discord_user_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.discord_users.id", ondelete="CASCADE"
    )
    summary: str = Field(sa_type=Text)
    details: dict[str, Any] = Field(
        default_factory=dict,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": "{}", "nullable": False},
    )
    issue_hash: str = Field(max_length=64, index=True)
    created_at: datetime = created_at_field()
    last_seen_at: datetime = updated_at_field()
    notified_at: datetime | None = moment_field()
    resolved_at: datetime | None = moment_field()
    resolved_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    # How it ended: 'fixed' / 'dismissed' / 'accepted' by an officer, 'auto' when the checker
    # no longer finds it. A dismissed finding is not raised again.
    resolution: str | None = Field(default=None, max_length=20)
    resolution_note: str | None = Field(default=None, sa_type=Text)


class AddonApiKey(SQLModel, table=True):
    """A key an officer generated for one player's PATTSync uploader; only its SHA-256 is
    kept. At most one active key per owner."""

    __tablename__ = "addon_api_keys"
    __table_args__ = (
        unique_where(
            "uq_addon_api_keys_one_active_per_owner", "owner_player_id", where="revoked_at IS NULL"
        ),
        {"schema": COMMON},
    )

    id: int = id_field()
    key_hash: str = Field(max_length=64, unique=True)
    key_hint: str = Field(max_length=8)
    created_by_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    # Whose uploader sends it: ranks in its uploads count only while this player is an officer.
    # NULL only for keys revoked before keys had owners (migration 0015).
    owner_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="CASCADE"
    )
    created_at: datetime = created_at_field()
    last_used_at: datetime | None = moment_field()
    revoked_at: datetime | None = moment_field()


class OnboardingSession(SQLModel, table=True):
    """The Discord onboarding conversation with one newcomer."""

    __tablename__ = "onboarding_sessions"
    __table_args__ = (
        known_values("state", ONBOARDING_STATES),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    discord_user_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.discord_users.id", ondelete="SET NULL"
    )
    discord_id: str = Field(max_length=32, index=True)
    state: str = Field(default="awaiting_dm", max_length=30)
    is_in_guild: bool | None = None
    reported_main_name: str | None = Field(default=None, max_length=24)
    reported_main_realm: str | None = Field(default=None, max_length=50)
    reported_alt_names: list[str] = Field(
        default_factory=list,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": "[]", "nullable": False},
    )
    verification_attempts: int = 0
    last_verification_at: datetime | None = moment_field()
    verified_at: datetime | None = moment_field()
    verified_player_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.players.id", ondelete="SET NULL"
    )
    website_invite_sent: bool = False
    roster_entries_created: bool = False
    discord_role_assigned: bool = False
    deadline_at: datetime | None = moment_field()
    escalated_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
