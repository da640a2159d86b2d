"""The raid's roster post: the announcement embed that keeps itself true, and which posts are
behind their raid's answers.

The embed shows the start as `<t:UNIX:F>` and `<t:UNIX:R>` (each reader sees their own zone),
the seats taken ("18 / 25"), the seated players by role with their class colour as a square
emoji, and the waitlist, tentative, late, bench and can't-come lists. Every answer marks the raid
`roster_changed_at`; the bot edits the post and records `roster_posted_at` (the change it showed),
so a post is behind while changed > posted. The bot spaces edits of one message (coalesced).
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from patt_app.models import DiscordPost, RaidEvent
from patt_app.services.guild_discord.event_embeds import GOLD, RED, stamp
from patt_app.services.guild_discord.posts import FIELD_LIMIT, Embed, EmbedField
from patt_app.services.raids.raid_roster import RaidRoster, RosterName, raid_roster

ROLE_HEADINGS = {
    "tank": "🛡️ Tanks",
    "healer": "💚 Healers",
    "melee": "⚔️ Melee",
    "ranged": "🏹 Ranged",
    "unknown": "❔ Role not set",
}
HUES = ((15, "🟥"), (45, "🟧"), (70, "🟨"), (170, "🟩"), (235, "🟦"), (345, "🟪"), (360, "🟥"))


def colour_square(hex_colour: str) -> str:
    """The square emoji of a class colour's hue ("#C41E3A" → 🟥, "#C69B6D" → 🟫, white ⬜)."""
    try:
        rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return "⬜"
    hue, saturation, _value = colorsys.rgb_to_hsv(*rgb)
    if saturation < 0.2:
        return "⬜"
    degrees = hue * 360
    if 15 <= degrees < 45 and saturation < 0.5:
        return "🟫"
    return next(square for limit, square in HUES if degrees < limit)


def _names(names: list[RosterName], *, late: bool = False, squares: bool = True) -> str:
    shown = []
    for n in names:
        text = f"{colour_square(n.colour)} {n.name}" if squares else n.name
        if late and n.late_minutes:
            text += f" (~{n.late_minutes} min)"
        shown.append(text)
    value = ""
    for i, text in enumerate(shown):
        rest = f"\n… and {len(shown) - i} more"
        if len(value) + len(text) + 1 + len(rest) > FIELD_LIMIT:
            return value + rest
        value = (value + "\n" if value else "") + text
    return value or "—"


def roster_embed(roster: RaidRoster, *, site_url: str) -> Embed:
    """The raid's post as it should read now."""
    when = f"{stamp(roster.start)} ({stamp(roster.start, 'R')}) until {stamp(roster.end, 't')}"
    seats = (
        f"{roster.seats_taken} / {roster.raid_size}"
        if roster.raid_size
        else f"{roster.seats_taken} signed up"
    )
    if roster.cancelled:
        how = "This raid is cancelled."
    else:
        how = f"Answer with the buttons below, or on the guild site: {site_url}/events"
    fields = [EmbedField("When", when), EmbedField("Seats", seats, inline=True)]
    for role, names in roster.by_role.items():
        if names:
            fields.append(EmbedField(f"{ROLE_HEADINGS[role]} ({len(names)})", _names(names), True))
    for heading, names, late in (
        ("Waitlist", roster.waiting, True),
        ("Late", roster.late, True),
        ("Tentative", roster.tentative, False),
        ("Bench (will sit if needed)", roster.bench, False),
        ("Can't come", roster.cant_come, False),
    ):
        if names:
            fields.append(EmbedField(f"{heading} ({len(names)})", _names(names, late=late)))
    return Embed(
        title=(f"Cancelled: {roster.title}" if roster.cancelled else roster.title)[:256],
        description=how,
        colour=RED if roster.cancelled else GOLD,
        fields=tuple(fields),
        timestamp=roster.start,
        url=f"{site_url}/events",
    )


@dataclass(frozen=True)
class RosterEdit:
    """A roster post that is behind: edit `message_id` to `embed`, buttons while `open`."""

    event_id: int
    channel_id: str
    message_id: str
    embed: Embed
    open: bool  # not cancelled and not started: the buttons stay
    changed_at: datetime  # what to record once edited (`roster_posted`)


def announcement_of(*, session: Session, event_id: int) -> DiscordPost | None:
    """The raid's first post (its roster post), once it was sent."""
    return session.exec(
        select(DiscordPost)
        .where(
            col(DiscordPost.subject) == f"raid_event:{event_id}",
            col(DiscordPost.kind) == "channel",
            col(DiscordPost.status) == "sent",
            col(DiscordPost.dedupe_key).startswith(f"raid_event:{event_id}:0:"),
        )
        .limit(1)
    ).first()


def rosters_behind(
    *, session: Session, now: datetime, site_url: str, default_channel_id: str | None
) -> list[RosterEdit]:
    """Every sent roster post whose raid changed since its last edit, or started since (its
    buttons go), of raids not yet over."""
    posted = col(RaidEvent.roster_posted_at)
    events = session.exec(
        select(RaidEvent).where(
            col(RaidEvent.end_time_utc) > now,
            (
                col(RaidEvent.roster_changed_at).is_not(None)
                & (posted.is_(None) | (posted < col(RaidEvent.roster_changed_at)))
            )
            | (
                (col(RaidEvent.start_time_utc) <= now)
                & (posted.is_(None) | (posted < col(RaidEvent.start_time_utc)))
            ),
        )
    ).all()
    edits = []
    for event in events:
        post = announcement_of(session=session, event_id=event.id)
        channel = post and (post.channel_id or default_channel_id)
        if post is None or not post.message_id or not channel:
            continue
        roster = raid_roster(session=session, event_id=event.id)
        is_open = not roster.cancelled and event.start_time_utc > now
        mark = event.roster_changed_at or event.start_time_utc
        if not is_open and event.start_time_utc <= now:
            mark = max(mark, event.start_time_utc)  # the started raid's post is shown closed
        edits.append(
            RosterEdit(
                event_id=event.id,
                channel_id=channel,
                message_id=post.message_id,
                embed=roster_embed(roster, site_url=site_url),
                open=is_open,
                changed_at=mark,
            )
        )
    return edits


def roster_posted(*, session: Session, event_id: int, changed_at: datetime) -> None:
    """The post now shows the raid as of `changed_at` (a later change keeps it behind)."""
    session.execute(
        update(RaidEvent).where(col(RaidEvent.id) == event_id).values(roster_posted_at=changed_at)
    )
