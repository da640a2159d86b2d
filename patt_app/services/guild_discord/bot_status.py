"""The bot's status (written by the bot, read by every worker) and the officers' Discord
settings (channels, the DM switch, onboarding on/off)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import DiscordBotStatus, DiscordConfig
from patt_app.models.base import table_of
from patt_app.services.accounts.discord_names import BOT_STALE_AFTER, BOT_STATUS_ID
from patt_app.services.errors import InvalidInput
from patt_app.services.statements import known_row

STATUS_ID = BOT_STATUS_ID
# The bot reports every couple of seconds; older than this (DISCORD_STATUS_STALE_SECONDS), it is
# not running any more.
STALE_AFTER = BOT_STALE_AFTER
NOT_YET = "The bot has not reported yet: it starts with the site's background runner."
CHANNEL_ID = re.compile(r"^\d{15,21}$")


@dataclass(frozen=True)
class BotStatus:
    """What `/admin/discord` and `GET /api/v1/admin/discord/status` show."""

    configured: bool
    connected: bool
    guild_name: str | None
    latency_ms: int | None
    last_member_sync: datetime | None
    last_role_sync: datetime | None
    last_error: str | None
    last_error_at: datetime | None = None
    member_sync_summary: str = ""
    role_sync_summary: str = ""
    sync_requested: bool = False
    channels: list[dict[str, Any]] = field(default_factory=list)
    voice_channels: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class DiscordSettings:
    announcement_channel_id: str
    audit_channel_id: str
    dm_enabled: bool
    onboarding_enabled: bool
    raid_voice_channel_id: str = ""


def _status_row(session: Session) -> DiscordBotStatus:
    """The one status row, locked; created race-free (two first writers both succeed)."""
    session.execute(
        insert(table_of(DiscordBotStatus))
        .values(id=STATUS_ID, channels=[])
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return known_row(
        session, DiscordBotStatus, STATUS_ID, with_for_update=True, populate_existing=True
    )


def discord_config(*, session: Session) -> DiscordConfig:
    """The one settings row (created with its defaults on first use)."""
    row = session.exec(select(DiscordConfig).order_by(col(DiscordConfig.id)).limit(1)).first()
    if row is None:
        row = DiscordConfig()
        session.add(row)
        session.flush()
    return row


def _silent_for(row: DiscordBotStatus, now: datetime) -> str:
    seconds = int((now - row.heartbeat_at).total_seconds()) if row.heartbeat_at else None
    when = f"for {seconds} s" if seconds is not None else "yet"
    return (
        f"The bot has not reported {when}: the process running it stopped or lost the "
        "database. It starts again with the site's background runner."
    )


def reported_channels(*, session: Session) -> list[dict[str, Any]]:
    """The server's text channels as the bot last reported them ([] before it ever connected)."""
    row = session.get(DiscordBotStatus, STATUS_ID)
    return list(row.channels or []) if row is not None else []


def read_status(
    *, session: Session, configured: bool, now: datetime, stale_after: timedelta = STALE_AFTER
) -> BotStatus:
    """The bot as last reported: `connected` only while the bot says its gateway session is
    live and that report is fresh; `last_error` says why not."""
    row = session.get(DiscordBotStatus, STATUS_ID)
    if row is None:
        return BotStatus(configured, False, None, None, None, None, NOT_YET if configured else None)
    fresh = row.heartbeat_at is not None and now - row.heartbeat_at < stale_after
    error = _silent_for(row, now) if configured and not fresh else row.last_error
    return BotStatus(
        configured=configured,
        connected=configured and row.connected and fresh,
        guild_name=row.guild_name,
        latency_ms=row.latency_ms if fresh else None,
        last_member_sync=row.last_member_sync,
        last_role_sync=row.last_role_sync,
        last_error=error,
        last_error_at=row.last_error_at,
        member_sync_summary=row.member_sync_summary or "",
        role_sync_summary=row.role_sync_summary or "",
        sync_requested=row.sync_requested_at is not None,
        channels=list(row.channels or []),
        voice_channels=list(row.voice_channels or []),
    )


def report_connected(
    *,
    session: Session,
    guild_name: str,
    latency_ms: int | None,
    channels: list[dict[str, Any]],
    now: datetime,
    voice_channels: list[dict[str, Any]] | None = None,
) -> None:
    """The bot is connected to the guild's server (clears the last error)."""
    row = _status_row(session)
    row.connected, row.guild_name, row.latency_ms = True, guild_name, latency_ms
    row.channels, row.heartbeat_at = channels, now
    row.voice_channels = voice_channels or []
    row.last_error = None
    session.add(row)


def report_heartbeat(*, session: Session, latency_ms: int | None, now: datetime) -> datetime | None:
    """The bot is running and its gateway session is live; returns when an officer asked for
    a sync ("Sync members now"), if one is waiting."""
    row = _status_row(session)
    row.connected, row.latency_ms, row.heartbeat_at = True, latency_ms, now
    session.add(row)
    return row.sync_requested_at


def report_still_down(*, session: Session, now: datetime) -> None:
    """The bot is running but not connected (the reason reported before still holds)."""
    row = _status_row(session)
    row.connected, row.latency_ms, row.heartbeat_at = False, None, now
    session.add(row)


def report_task_error(*, session: Session, error: str, now: datetime) -> None:
    """Something the bot does on its own (a sync, an event handler) failed: shown to officers
    until the next connection; the connection itself is unaffected."""
    row = _status_row(session)
    row.last_error, row.last_error_at = error[:500], now
    session.add(row)


def report_error(*, session: Session, error: str, now: datetime) -> None:
    """The bot could not connect or lost its connection: why, shown to officers."""
    row = _status_row(session)
    row.connected, row.latency_ms = False, None
    row.last_error, row.last_error_at, row.heartbeat_at = error[:500], now, now
    session.add(row)


def report_stopped(*, session: Session, now: datetime) -> None:
    row = _status_row(session)
    row.connected, row.latency_ms, row.heartbeat_at = False, None, now
    session.add(row)


def report_member_sync(*, session: Session, summary: str, now: datetime) -> None:
    row = _status_row(session)
    row.last_member_sync, row.member_sync_summary, row.sync_requested_at = now, summary, None
    session.add(row)


def report_role_sync(*, session: Session, summary: str, now: datetime) -> None:
    row = _status_row(session)
    row.last_role_sync, row.role_sync_summary = now, summary
    session.add(row)
    config = discord_config(session=session)
    config.last_role_sync_at = now
    session.add(config)


def request_sync(*, session: Session, now: datetime) -> None:
    """ "Sync members now": the bot runs a member and role sync within seconds."""
    row = _status_row(session)
    row.sync_requested_at = now
    session.add(row)


def read_settings(*, session: Session) -> DiscordSettings:
    config = discord_config(session=session)
    return DiscordSettings(
        announcement_channel_id=config.default_announcement_channel_id or "",
        audit_channel_id=config.audit_channel_id or "",
        dm_enabled=config.bot_dm_enabled,
        onboarding_enabled=config.onboarding_enabled,
        raid_voice_channel_id=config.raid_voice_channel_id or "",
    )


def _channel(value: str, what: str) -> str | None:
    value = value.strip()
    if value and not CHANNEL_ID.fullmatch(value):
        raise InvalidInput(f"The {what} is a Discord channel id: a number of 15 to 21 digits.")
    return value or None


def save_channels(*, session: Session, announcement_channel_id: str, audit_channel_id: str) -> None:
    """Where announcements and audit reports go (empty: none)."""
    announcement = _channel(announcement_channel_id, "announcement channel")
    audit = _channel(audit_channel_id, "audit channel")
    config = discord_config(session=session)
    config.default_announcement_channel_id, config.audit_channel_id = announcement, audit
    session.add(config)


def set_switches(
    *, session: Session, dm_enabled: bool | None = None, onboarding_enabled: bool | None = None
) -> None:
    """The DM switch (reminders by DM instead of one channel message) and onboarding on/off."""
    config = discord_config(session=session)
    if dm_enabled is not None:
        config.bot_dm_enabled = dm_enabled
    if onboarding_enabled is not None:
        config.onboarding_enabled = onboarding_enabled
    session.add(config)


def save_raid_voice_channel(*, session: Session, channel_id: str) -> None:
    """The voice channel raids are held in (empty: no voice presence is recorded, except for
    events that name their own)."""
    config = discord_config(session=session)
    config.raid_voice_channel_id = _channel(channel_id, "raid voice channel")
    session.add(config)
