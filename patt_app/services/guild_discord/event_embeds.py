"""The embeds and DM texts for raid events, from plain data (no database).

Times are Discord timestamps: `<t:UNIX:F>` shows each reader the full date and time in their
own zone, `<t:UNIX:R>` the "in 3 days" form.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from patt_app.services.guild_discord.posts import Embed, EmbedField

GOLD, RED, GREEN, BLUE = 0xD4A84B, 0xE74C3C, 0x2ECC71, 0x3498DB


@dataclass(frozen=True)
class EventFacts:
    id: int
    title: str
    start: datetime
    end: datetime
    cancelled: bool
    season_name: str = ""
    notes: str = ""
    channel_id: str | None = None
    signed_up: int = 0


def stamp(moment: datetime, style: str = "F") -> str:
    """A Discord timestamp that each reader sees in their own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def fingerprint(event: EventFacts) -> str:
    """What an announcement shows; a change of it is an edit worth announcing."""
    parts = [event.title, event.start.isoformat(), event.end.isoformat(), str(event.cancelled)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _when(event: EventFacts) -> str:
    return f"{stamp(event.start)} ({stamp(event.start, 'R')}) until {stamp(event.end, 't')}"


def _fields(event: EventFacts) -> tuple[EmbedField, ...]:
    fields = [EmbedField("When", _when(event))]
    if event.season_name:
        fields.append(EmbedField("Season", event.season_name, inline=True))
    fields.append(EmbedField("Signed up", str(event.signed_up), inline=True))
    if event.notes:
        fields.append(EmbedField("Notes", event.notes[:1000]))
    return tuple(fields)


def announcement(event: EventFacts, *, site_url: str) -> Embed:
    return Embed(
        title=f"New raid: {event.title}"[:256],
        description=f"Sign up on the guild site: {site_url}/events",
        colour=GOLD,
        fields=_fields(event),
        timestamp=event.start,
        url=f"{site_url}/events",
    )


def edit_notice(event: EventFacts, *, site_url: str, restored: bool = False) -> Embed:
    heading = "Back on" if restored else "Raid changed"
    return Embed(
        title=f"{heading}: {event.title}"[:256],
        description=(
            "This raid is on again." if restored else "The raid's details changed; new times below."
        )
        + f" {site_url}/events",
        colour=GREEN if restored else BLUE,
        fields=_fields(event),
        timestamp=event.start,
        url=f"{site_url}/events",
    )


def cancellation(event: EventFacts, *, site_url: str) -> Embed:
    return Embed(
        title=f"Cancelled: {event.title}"[:256],
        description=f"The raid on {stamp(event.start)} is cancelled. {site_url}/events",
        colour=RED,
        timestamp=event.start,
        url=f"{site_url}/events",
    )


def reminder(event: EventFacts, *, site_url: str, mentions: tuple[str, ...]) -> Embed:
    return Embed(
        title=f"Starting soon: {event.title}"[:256],
        description=f"{event.title} starts {stamp(event.start, 'R')} ({stamp(event.start)}). "
        f"See you there!",
        colour=GOLD,
        fields=_fields(event),
        timestamp=event.start,
        url=f"{site_url}/events",
        mentions=mentions,
    )


def reminder_dm(event: EventFacts, *, site_url: str) -> str:
    return (
        f"Reminder: **{event.title}** starts {stamp(event.start, 'R')} "
        f"({stamp(event.start)}). You're signed up — see you there! "
        f"Can't make it? Withdraw or send an excuse at {site_url}/events"
    )
