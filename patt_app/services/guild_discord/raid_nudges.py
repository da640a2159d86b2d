"""The outlook's nudge by Discord DM: the players whose availability covers a raid and who have
not answered get the reminder (`nudge_message`) with the raid's answer buttons, each once per
raid: a day ahead by themselves (`queue_day_ahead_nudges`, from the event-posts job), or earlier
when an officer asks; those without a linked Discord account present on the server are named,
for the officer to reach another way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, RaidEvent
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.raids.forecast_view import (
    event_forecast,
    forecast_for_event,
    load_season_data,
)
from patt_app.services.raids.turnout_forecast import Outlook, nudge_message
from patt_app.services.statements import row_or_refuse

DAY_AHEAD = timedelta(hours=24)


@dataclass(frozen=True)
class NudgeOutcome:
    queued: int  # new DMs for the bot
    already: int  # nudged before for this raid
    unreachable: list[str]  # no Discord account on the server: reach them another way

    def summary(self) -> str:
        parts = [f"{self.queued} nudged by DM"]
        if self.already:
            parts.append(f"{self.already} already nudged")
        if self.unreachable:
            parts.append("no Discord account for " + ", ".join(self.unreachable))
        return "; ".join(parts) + "."


def _nudge(
    session: Session, event: RaidEvent, free: list[Outlook], now: datetime, base_url: str
) -> NudgeOutcome:
    """DM each of `free` (outlooks) the reminder with the raid's buttons, once per raid."""
    discord_ids = dict(
        session.exec(
            select(col(Player.id), col(DiscordUser.discord_id))
            .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
            .where(col(Player.id).in_([p.player_id for p in free]), col(DiscordUser.is_present))
        ).all()
    )
    text = nudge_message(
        title=event.title,
        start_unix=int(event.start_time_utc.timestamp()),
        events_url=f"{base_url.rstrip('/')}/events",
    )
    queued = already = 0
    unreachable = []
    for player in free:
        discord_id = discord_ids.get(player.player_id)
        if discord_id is None:
            unreachable.append(player.name)
            continue
        fresh = queue_dm(
            session=session,
            dedupe_key=f"nudge:{event.id}:{player.player_id}",
            discord_id=discord_id,
            text=text,
            now=now,
            not_after=event.start_time_utc,
            subject=f"raid_event:{event.id}:nudge",
            buttons_for_event=event.id,
        )
        queued, already = queued + fresh, already + (not fresh)
    return NudgeOutcome(queued=queued, already=already, unreachable=unreachable)


def nudge_free_players(
    *, session: Session, event_id: int, now: datetime, base_url: str
) -> NudgeOutcome:
    """DM every player free for the raid who has not answered (once per player and raid)."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    if event.cancelled_at is not None or event.start_time_utc <= now:
        raise InvalidInput("Only a coming raid can be nudged.")
    free = forecast_for_event(session=session, event_id=event_id, now=now).free_not_signed_up
    if not free:
        raise InvalidInput("Nobody free is waiting to answer: there is no one to nudge.")
    return _nudge(session, event, free, now, base_url)


def queue_day_ahead_nudges(*, session: Session, now: datetime, base_url: str) -> int:
    """A day before each raid, the players free for it who have not answered get the nudge
    with the raid's buttons (once per raid, however often this runs; an officer's earlier
    "Nudge them by DM" counts). Returns how many DMs were queued."""
    events = [
        e
        for e in session.exec(
            select(RaidEvent).where(
                col(RaidEvent.cancelled_at).is_(None),
                col(RaidEvent.start_time_utc) > now,
                col(RaidEvent.start_time_utc) <= now + DAY_AHEAD,
            )
        ).all()
    ]
    if not events:
        return 0
    data = load_season_data(session=session)
    queued = 0
    for event in events:
        free = event_forecast(data, event, now=now).free_not_signed_up
        if free:
            queued += _nudge(session, event, free, now, base_url).queued
    return queued
