"""Who sat in a raid's voice channel: the bot's joins and leaves, stored per event and member
only while a raid listens (30 minutes before its start to 30 minutes after its end) and only
for that raid's channel — the event's own, else the guild's default on /admin/discord — and
read back per player (their linked Discord account) as minutes and flags (`voice_presence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordBotStatus,
    DiscordConfig,
    DiscordUser,
    Player,
    RaidEvent,
    RaidVoiceStay,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids.voice_presence import (
    LISTEN_AFTER,
    LISTEN_BEFORE,
    Interval,
    VoicePresence,
    summarise,
)
from patt_app.services.statements import rows_changed

CHANNEL_DIGITS = range(15, 22)


def default_voice_channel(session: Session) -> str | None:
    config = session.exec(select(DiscordConfig).order_by(col(DiscordConfig.id)).limit(1)).first()
    return config.raid_voice_channel_id if config else None


def raid_voice_channel(event: RaidEvent, default: str | None) -> str | None:
    """The channel the bot listens to for this raid (None: voice not set up)."""
    return event.voice_channel_id or default


def _listening(session: Session, at: datetime) -> list[tuple[RaidEvent, str]]:
    """The raids whose listening window holds `at`, with their voice channel."""
    default = default_voice_channel(session)
    events = session.exec(
        select(RaidEvent).where(
            col(RaidEvent.start_time_utc) <= at + LISTEN_BEFORE,
            col(RaidEvent.end_time_utc) >= at - LISTEN_AFTER,
            col(RaidEvent.cancelled_at).is_(None),
        )
    ).all()
    return [(e, ch) for e in events if (ch := raid_voice_channel(e, default)) is not None]


def _open_stays(session: Session, event_id: int) -> dict[str, RaidVoiceStay]:
    rows = session.exec(
        select(RaidVoiceStay).where(
            col(RaidVoiceStay.event_id) == event_id, col(RaidVoiceStay.left_at).is_(None)
        )
    ).all()
    return {row.discord_id: row for row in rows}


def record_voice_move(
    *,
    session: Session,
    discord_id: str,
    left_channel: str | None,
    joined_channel: str | None,
    at: datetime,
) -> int:
    """A member left one channel and/or joined another at `at`. How many stays changed."""
    changed = 0
    if left_channel is not None:
        changed += rows_changed(
            session.execute(
                update(RaidVoiceStay)
                .where(
                    col(RaidVoiceStay.discord_id) == discord_id,
                    col(RaidVoiceStay.channel_id) == left_channel,
                    col(RaidVoiceStay.left_at).is_(None),
                )
                .values(left_at=at)
            )
        )
    if joined_channel is None:
        return changed
    for event, channel in _listening(session, at):
        if channel == joined_channel:
            changed += _open_stay(session, event.id, discord_id, channel, at)
    return changed


def _open_stay(session: Session, event_id: int, discord_id: str, channel: str, at: datetime) -> int:
    """A stay begins (1), unless the member already has an open one at this event (0)."""
    statement = (
        insert(RaidVoiceStay)
        .values(event_id=event_id, discord_id=discord_id, channel_id=channel, joined_at=at)
        .on_conflict_do_nothing(
            index_elements=["event_id", "discord_id"],
            index_where=col(RaidVoiceStay.left_at).is_(None),
        )
        .returning(col(RaidVoiceStay.id))
    )
    return len(session.execute(statement).all())


def reconcile(*, session: Session, present: dict[str, set[str]], at: datetime) -> int:
    """Who is in which voice channel now (the bot's view, `present`: channel → member ids):
    for every raid listening, stays are opened for members there without one and closed for
    members gone (a window that just opened, a missed event, a restart). How many changed."""
    changed = 0
    for event, channel in _listening(session, at):
        here = present.get(channel, set())
        stays = _open_stays(session, event.id)
        for discord_id, stay in stays.items():
            if discord_id not in here:
                stay.left_at = at
                session.add(stay)
                changed += 1
        for discord_id in sorted(here - stays.keys()):
            changed += _open_stay(session, event.id, discord_id, channel, at)
    return changed


@dataclass
class VoiceEvidence:
    """An event's voice evidence: whether the bot heard anyone there, and per player."""

    channel_id: str | None
    listened: bool = False
    by_player: dict[int, VoicePresence] = field(default_factory=dict)
    own_channel: bool = False  # the event names its own channel (not the guild's default)
    channels: dict[str, str] = field(default_factory=dict)  # the server's voice channels

    @property
    def channel_name(self) -> str:
        """The channel's name as the bot last saw it, else its id ("" when none is set)."""
        return self.channels.get(self.channel_id or "", self.channel_id or "")


def voice_channel_names(session: Session) -> dict[str, str]:
    """id → name of the server's voice channels, as the bot last reported them."""
    row = session.exec(select(DiscordBotStatus).limit(1)).first()
    return {str(c["id"]): str(c["name"]) for c in (row.voice_channels if row else [])}


def voice_evidence(*, session: Session, event: RaidEvent, now: datetime) -> VoiceEvidence:
    """Minutes and flags per player (by their linked Discord account) at one event."""
    channel = raid_voice_channel(event, default_voice_channel(session))
    rows = session.exec(select(RaidVoiceStay).where(col(RaidVoiceStay.event_id) == event.id)).all()
    found = VoiceEvidence(
        channel_id=channel,
        listened=bool(rows),
        own_channel=event.voice_channel_id is not None,
        channels=voice_channel_names(session),
    )
    players = _players_of(session, {row.discord_id for row in rows})
    stays: dict[int, list[Interval]] = {}
    for row in rows:
        if (player_id := players.get(row.discord_id)) is not None:
            stays.setdefault(player_id, []).append(Interval(row.joined_at, row.left_at))
    for player_id, intervals in stays.items():
        summary = summarise(intervals, start=event.start_time_utc, end=event.end_time_utc, now=now)
        if summary is not None:
            found.by_player[player_id] = summary
    return found


def _players_of(session: Session, discord_ids: Iterable[str]) -> dict[str, int]:
    wanted = list(discord_ids)
    if not wanted:
        return {}
    pairs = session.exec(
        select(DiscordUser.discord_id, Player.id)
        .join(Player, col(Player.discord_user_id) == col(DiscordUser.id))
        .where(col(DiscordUser.discord_id).in_(wanted))
    ).all()
    return {discord_id: player_id for discord_id, player_id in pairs}


def check_channel_id(value: str, what: str) -> str | None:
    """A Discord channel id typed by an officer ("" clears it)."""
    value = value.strip()
    if value and not (value.isdigit() and len(value) in CHANNEL_DIGITS):
        raise InvalidInput(f"The {what} is a Discord channel id: a number of 15 to 21 digits.")
    return value or None


def set_event_voice_channel(*, session: Session, event_id: int, channel_id: str) -> None:
    """This raid's own voice channel ("": the guild's default)."""
    event = session.get(RaidEvent, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    event.voice_channel_id = check_channel_id(channel_id, "raid's voice channel")
    session.add(event)
