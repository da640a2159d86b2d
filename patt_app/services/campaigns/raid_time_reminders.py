"""Two days before a raid-time vote closes, the bot reminds each raider who may vote and has
not, once, by DM (the Discord outbox; a dedupe key per vote and player)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import Campaign, DiscordUser, Player, RaidTimeVote
from patt_app.services.campaigns.tallies import eligible_voter_ids, voter_ids
from patt_app.services.guild_discord.posts import queue_dm

REMIND_BEFORE = timedelta(days=2)


def reminder_text(*, title: str, ends_at: datetime, vote_url: str) -> str:
    """The DM: Discord's `<t:…:F>` shows each reader the close in their own time."""
    return (
        f"The officers are choosing new raid nights and would like your say: **{title}** "
        f"closes <t:{int(ends_at.timestamp())}:R> (<t:{int(ends_at.timestamp())}:F>). "
        f"Rank the schedules here: {vote_url}"
    )


def remind_non_voters(*, session: Session, now: datetime, base_url: str) -> int:
    """Queue the reminders due now; returns how many were queued."""
    votes = session.exec(
        select(Campaign)
        .join(RaidTimeVote, col(RaidTimeVote.campaign_id) == col(Campaign.id))
        .where(Campaign.status == "live")
    ).all()
    queued = 0
    for campaign in votes:
        ends_at = campaign.start_at + timedelta(hours=campaign.duration_hours)
        if not ends_at - REMIND_BEFORE <= now < ends_at:
            continue
        waiting = eligible_voter_ids(session, campaign) - voter_ids(session, campaign.id)
        if not waiting:
            continue
        rows = session.exec(
            select(Player.id, DiscordUser.discord_id)
            .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
            .where(col(Player.id).in_(waiting), DiscordUser.is_present)
        ).all()
        text = reminder_text(
            title=campaign.title,
            ends_at=ends_at,
            vote_url=f"{base_url.rstrip('/')}/vote/{campaign.id}",
        )
        for player_id, discord_id in rows:
            queued += queue_dm(
                session=session,
                dedupe_key=f"raid-time-vote:{campaign.id}:remind:{player_id}",
                discord_id=discord_id,
                text=text,
                now=now,
                not_after=ends_at,
            )
    return queued
