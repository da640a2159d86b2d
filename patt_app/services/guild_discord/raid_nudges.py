"""The outlook's nudge by Discord DM: the players whose availability covers a raid and who have
not answered get the reminder (`nudge_message`), each once per raid; those without a linked
Discord account present on the server are named, for the officer to reach another way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, RaidEvent
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.raids.forecast_view import forecast_for_event
from patt_app.services.raids.turnout_forecast import nudge_message


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


def nudge_free_players(
    *, session: Session, event_id: int, now: datetime, base_url: str
) -> NudgeOutcome:
    """DM every player free for the raid who has not answered (once per player and raid)."""
    event = session.get(RaidEvent, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    if event.cancelled_at is not None or event.start_time_utc <= now:
        raise InvalidInput("Only a coming raid can be nudged.")
    free = forecast_for_event(session=session, event_id=event_id, now=now).free_not_signed_up
    if not free:
        raise InvalidInput("Nobody free is waiting to answer: there is no one to nudge.")
    discord_ids = dict(
        session.exec(
            select(Player.id, DiscordUser.discord_id)
            .join(DiscordUser, DiscordUser.id == Player.discord_user_id)
            .where(col(Player.id).in_([p.player_id for p in free]), DiscordUser.is_present)
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
            dedupe_key=f"nudge:{event_id}:{player.player_id}",
            discord_id=discord_id,
            text=text,
            now=now,
            not_after=event.start_time_utc,
            subject=f"raid_event:{event_id}:nudge",
        )
        queued, already = queued + fresh, already + (not fresh)
    return NudgeOutcome(queued=queued, already=already, unreachable=unreachable)
