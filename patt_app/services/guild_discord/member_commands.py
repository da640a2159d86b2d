"""What the members' slash commands answer, as plain text in the member's own zone: /raids (my
next raids and where I stand), /availability (my week) and /link (whether and how my Discord
account is linked). A Discord account linked to nobody gets the way to link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from patt_app.models import Player
from patt_app.services.guild_discord.event_embeds import stamp
from patt_app.services.guild_discord.raid_signups import NotLinked, link_help, player_of_discord
from patt_app.services.raids.event_view import member_upcoming
from patt_app.services.scheduling.availability import week_of
from patt_app.services.statements import known_row

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class RaidLine:
    event_id: int
    text: str  # "Tue 08 Dec 21:00 · Liberation of Undermine — signed up (seat 3 of 25)"
    can_change: bool  # not started, not cancelled: the buttons go with it


def _player(session: Session, discord_id: str, site_url: str) -> Player:
    player_id = player_of_discord(session=session, discord_id=discord_id)
    if player_id is None:
        raise NotLinked(link_help(site_url))
    return known_row(session, Player, player_id)


def my_raids(
    *, session: Session, discord_id: str, now: datetime, site_url: str, limit: int = 3
) -> list[RaidLine]:
    """The member's next raids (not ended), with their answer."""
    player = _player(session, discord_id, site_url)
    lines = []
    for row in member_upcoming(session=session, player_id=player.id, now=now)[:limit]:
        detail = f" ({row.detail})" if row.detail else ""
        lines.append(
            RaidLine(
                event_id=row.event.id,
                text=f"{stamp(row.event.start, 'f')} · {row.event.title} — {row.status}{detail}",
                can_change=row.can_change,
            )
        )
    return lines


def my_week(*, session: Session, discord_id: str, site_url: str) -> str:
    """The member's weekly availability, in their zone, with the link to change it."""
    player = _player(session, discord_id, site_url)
    days = [
        f"{DAYS[d.day_of_week]} from {d.start} for {d.hours:g} h"
        for d in week_of(session=session, player_id=player.id)
        if d.start
    ]
    week = "\n".join(days) if days else "No raid times set yet."
    return (
        f"Your week ({player.timezone}):\n{week}\nChange it at {site_url.rstrip('/')}/availability"
    )


def link_status(*, session: Session, discord_id: str, site_url: str) -> str:
    """Whether this Discord account is linked, and how to link it if not."""
    player_id = player_of_discord(session=session, discord_id=discord_id)
    if player_id is None:
        return link_help(site_url)
    name = known_row(session, Player, player_id).display_name
    return f"Your Discord account is linked to {name}. Your profile: {site_url.rstrip('/')}/profile"
