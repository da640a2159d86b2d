"""Role asks by Discord DM: "Ask them" records the raid's proposed asks (`raids/role_asks`)
and queues each player the question with Yes / No buttons; their press is answered here,
matched to their linked player."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, RaidEvent
from patt_app.services.errors import NotFound
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.raids.role_asks import answer_role_ask, record_asks
from patt_app.services.raids.role_gaps import ask_text
from patt_app.services.raids.turnout_forecast import Composition
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.schedule_time import zone
from patt_app.services.statements import known_row


@dataclass(frozen=True)
class AskOutcome:
    asked: list[str]  # names, in the order asked
    unreachable: list[str]  # no Discord account on the server: ask them another way

    def summary(self) -> str:
        text = f"Asked {', '.join(self.asked)} by DM"
        reached = [n for n in self.asked if n not in self.unreachable]
        if not reached:
            text = "Recorded the asks"
        if self.unreachable:
            text += (
                "; no Discord account for " + ", ".join(self.unreachable) + " (copy the message)"
            )
        return text + "."


def ask_by_dm(*, session: Session, event_id: int, now: datetime, need: Composition) -> AskOutcome:
    """Record the proposal's asks and queue each a DM with Yes / No (once per player and raid)."""
    asks = record_asks(session=session, event_id=event_id, now=now, need=need)
    event = known_row(session, RaidEvent, event_id)
    people = {
        pid: (name, zone_name, discord_id)
        for pid, name, zone_name, discord_id in session.exec(
            select(Player.id, Player.display_name, Player.timezone, DiscordUser.discord_id)
            .outerjoin(
                DiscordUser,
                (col(DiscordUser.id) == col(Player.discord_user_id)) & col(DiscordUser.is_present),
            )
            .where(col(Player.id).in_([a.player_id for a in asks]))
        ).all()
    }
    unreachable: list[str] = []
    for ask in asks:
        name, zone_name, discord_id = people[ask.player_id]
        if discord_id is None:
            unreachable.append(name)
            continue
        local = zone(zone_name if usable_timezone(zone_name) else "UTC")
        weekday = f"{event.start_time_utc.astimezone(local):%A}"
        queue_dm(
            session=session,
            dedupe_key=f"roleask:{ask.id}",
            discord_id=discord_id,
            text=ask_text(
                spec=ask.spec,
                character="",
                weekday=weekday,
                start_unix=int(event.start_time_utc.timestamp()),
                title=event.title,
            ),
            now=now,
            not_after=event.start_time_utc,
            subject=f"raid_event:{event.id}:role_ask",
            role_ask=ask.id,
        )
    return AskOutcome([people[a.player_id][0] for a in asks], unreachable)


def answer_ask_from_discord(
    *, session: Session, discord_id: str, ask_id: int, yes: bool, now: datetime
) -> str:
    """A press of Yes / No under a role ask; what the member reads back."""
    player_id = session.exec(
        select(Player.id)
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .where(DiscordUser.discord_id == discord_id)
    ).first()
    if player_id is None:
        raise NotFound("That question was not for you.")
    return answer_role_ask(session=session, ask_id=ask_id, player_id=player_id, yes=yes, now=now)
