"""Which raid-event posts are due: announcements, edits, cancellations and the reminder one hour
before start. Run every minute by the runner; everything goes through the outbox, keyed so
each post is queued once however often (and on however many workers) this runs.

- An event is announced once it is not cancelled and starts within ANNOUNCE_AHEAD, as its roster
  post (`roster_post.py`) with the answer buttons; the bot keeps that post true afterwards.
- After that, a change of title or times is announced as an edit, a cancellation as a
  cancellation, a restore as "back on". An event cancelled before it was announced says nothing.
- A day before the start, players free for the raid who have not answered get one nudge by DM
  with the raid's buttons (`raid_nudges.queue_day_ahead_nudges`).
- The reminder goes out from one hour before start to the players signed up: a DM each when
  the DM switch is on, else one message in the event's channel mentioning them. Anything still
  unsent at the start is skipped, never sent late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, RaidAttendance, RaidEvent
from patt_app.services.guild_discord import event_embeds as embeds
from patt_app.services.guild_discord.bot_status import discord_config
from patt_app.services.guild_discord.posts import last_post_about, queue_dm, queue_post
from patt_app.services.guild_discord.raid_nudges import queue_day_ahead_nudges
from patt_app.services.guild_discord.roster_post import roster_embed
from patt_app.services.raids.events import get_event
from patt_app.services.raids.raid_roster import raid_roster
from patt_app.services.statements import known_row, record_from

ANNOUNCE_AHEAD = timedelta(days=14)
REMINDER_LEAD = timedelta(hours=1)


@dataclass
class EventPostCounts:
    announced: int = 0
    edited: int = 0
    cancelled: int = 0
    reminders: int = 0
    nudges: int = 0

    def summary(self) -> str:
        return (
            f"{self.announced} announced · {self.edited} edits · {self.cancelled} cancellations "
            f"· {self.reminders} reminders · {self.nudges} day-ahead nudges queued"
        )


def _facts(session: Session, event: RaidEvent) -> embeds.EventFacts:
    row = get_event(session=session, event_id=event.id)
    return record_from(
        embeds.EventFacts,
        row,
        channel_id=event.discord_channel_id,
        signed_up=row.signed_up_count,
    )


def _announce(session: Session, facts: embeds.EventFacts, now: datetime, site: str) -> str | None:
    """Queue what changed since the last post about this event; returns its kind, if any."""
    subject = f"raid_event:{facts.id}"
    last = last_post_about(session=session, subject=subject)
    print_now = embeds.fingerprint(facts)
    if last is None:
        if facts.cancelled:
            return None
        kind, seq = "announced", 0
        roster = raid_roster(session=session, event_id=facts.id)
        embed = roster_embed(roster, site_url=site)  # the post that keeps itself true
        event = known_row(session, RaidEvent, facts.id)
        event.roster_posted_at = event.roster_changed_at
        session.add(event)
    else:
        _, _, seq_text, print_before = last.dedupe_key.split(":")
        if print_before == print_now:
            return None
        was_cancelled = last.payload.get("embed", {}).get("title", "").startswith("Cancelled")
        if facts.cancelled:
            kind, embed = "cancelled", embeds.cancellation(facts, site_url=site)
        else:
            kind = "edited"
            embed = embeds.edit_notice(facts, site_url=site, restored=was_cancelled)
        seq = int(seq_text) + 1
    queued = queue_post(
        session=session,
        dedupe_key=f"{subject}:{seq}:{print_now}",
        embed=embed,
        now=now,
        channel_id=facts.channel_id,
        not_after=facts.end,
        subject=subject,
        buttons_for_event=facts.id if seq == 0 else None,
    )
    return kind if queued else None


def _signed_up_discord_ids(session: Session, event_id: int) -> list[tuple[int, str]]:
    rows = session.exec(
        select(col(Player.id), col(DiscordUser.discord_id))
        .join(RaidAttendance, col(RaidAttendance.player_id) == col(Player.id))
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .where(
            col(RaidAttendance.event_id) == event_id,
            col(RaidAttendance.signed_up),
            col(Player.is_active),
            col(DiscordUser.is_present),
        )
        .order_by(col(Player.id))
    ).all()
    return [(player_id, discord_id) for player_id, discord_id in rows]


def _remind(
    session: Session, facts: embeds.EventFacts, now: datetime, site: str, by_dm: bool
) -> int:
    people = _signed_up_discord_ids(session, facts.id)
    if not people:
        return 0
    key = f"raid_event:{facts.id}:reminder"
    if by_dm:
        text = embeds.reminder_dm(facts, site_url=site)
        return sum(
            queue_dm(
                session=session,
                dedupe_key=f"{key}:player:{player_id}",
                discord_id=discord_id,
                text=text,
                now=now,
                not_after=facts.start,
                subject=f"raid_event:{facts.id}:reminder",
            )
            for player_id, discord_id in people
        )
    mentions = tuple(discord_id for _, discord_id in people)
    embed = embeds.reminder(facts, site_url=site, mentions=mentions)
    return int(
        queue_post(
            session=session,
            dedupe_key=key,
            embed=embed,
            now=now,
            channel_id=facts.channel_id,
            not_after=facts.start,
        )
    )


def queue_event_posts(*, session: Session, now: datetime, site_url: str) -> EventPostCounts:
    """Queue every announcement, edit, cancellation and reminder that is due now."""
    by_dm = discord_config(session=session).bot_dm_enabled
    counts = EventPostCounts()
    upcoming = session.exec(
        select(RaidEvent)
        .where(
            col(RaidEvent.end_time_utc) > now, col(RaidEvent.start_time_utc) <= now + ANNOUNCE_AHEAD
        )
        .order_by(col(RaidEvent.start_time_utc))
    ).all()
    for event in upcoming:
        facts = _facts(session, event)
        kind = _announce(session, facts, now, site_url) if event.start_time_utc > now else None
        if kind:
            setattr(counts, kind, getattr(counts, kind) + 1)
        if (
            not facts.cancelled
            and event.start_time_utc - REMINDER_LEAD <= now < event.start_time_utc
        ):
            counts.reminders += _remind(session, facts, now, site_url, by_dm)
    counts.nudges = queue_day_ahead_nudges(session=session, now=now, base_url=site_url)
    return counts
