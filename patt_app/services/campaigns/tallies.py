"""Counting a campaign from the database: eligible voters, turnout, standings, stored results."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from patt_app.models import Campaign, CampaignEntry, CampaignResult, GuildRank, Player, User, Vote
from patt_app.services.campaigns.scoring import EntryRef, Pick, Standing, VoteStats, standings


def entry_refs(session: Session, campaign_id: int) -> list[EntryRef]:
    rows = session.exec(
        select(col(CampaignEntry.id), col(CampaignEntry.name), col(CampaignEntry.sort_order))
        .where(col(CampaignEntry.campaign_id) == campaign_id)
        .order_by(col(CampaignEntry.sort_order), col(CampaignEntry.id))
    ).all()
    return [EntryRef(id=i, name=n, sort_order=o) for i, n, o in rows]


def eligible_voter_ids(session: Session, campaign: Campaign) -> set[int]:
    """Active players with a working website account whose rank may vote."""
    return set(
        session.exec(
            select(col(Player.id))
            .join(User, col(User.id) == col(Player.website_user_id))
            .join(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
            .where(
                col(Player.is_active),
                col(User.is_active),
                col(GuildRank.level) >= campaign.min_rank_to_vote,
            )
        ).all()
    )


def voter_ids(session: Session, campaign_id: int) -> set[int]:
    return set(
        session.exec(
            select(col(Vote.player_id)).where(col(Vote.campaign_id) == campaign_id).distinct()
        ).all()
    )


def vote_stats(session: Session, campaign: Campaign) -> VoteStats:
    """Eligible voters and how many of them voted (a ballot from someone who has since lost the
    right to vote still counts in the standings, not in the turnout)."""
    eligible = eligible_voter_ids(session, campaign)
    return VoteStats(eligible=len(eligible), voted=len(eligible & voter_ids(session, campaign.id)))


def live_standings(session: Session, campaign: Campaign) -> list[Standing]:
    picks = [
        Pick(voter_id=p, entry_id=e, rank=r)
        for p, e, r in session.exec(
            select(col(Vote.player_id), col(Vote.entry_id), col(Vote.rank)).where(
                col(Vote.campaign_id) == campaign.id
            )
        ).all()
    ]
    return standings(entry_refs(session, campaign.id), picks, campaign.picks_per_voter)


def current_standings(session: Session, campaign: Campaign) -> list[Standing]:
    """The stored results of a closed campaign, else the standings counted from the ballots."""
    if campaign.status in ("closed", "archived"):
        stored = stored_results(session, campaign.id)
        if stored:
            return stored
    return live_standings(session, campaign)


def stored_results(session: Session, campaign_id: int) -> list[Standing]:
    rows = session.exec(
        select(CampaignResult, col(CampaignEntry.name))
        .join(CampaignEntry, col(CampaignEntry.id) == col(CampaignResult.entry_id))
        .where(col(CampaignResult.campaign_id) == campaign_id)
        .order_by(col(CampaignResult.final_rank))
    ).all()
    return [
        Standing(
            entry_id=r.entry_id,
            name=name,
            points=r.weighted_score,
            first_place_votes=r.first_place_count,
            second_place_votes=r.second_place_count,
            third_place_votes=r.third_place_count,
            position=r.final_rank,
        )
        for r, name in rows
    ]


def close_campaign(*, session: Session, campaign: Campaign, now: datetime) -> list[Standing]:
    """Close the vote and store its final standings in campaign_results."""
    table = live_standings(session, campaign)
    session.execute(delete(CampaignResult).where(col(CampaignResult.campaign_id) == campaign.id))
    for row in table:
        session.add(
            CampaignResult(
                campaign_id=campaign.id,
                entry_id=row.entry_id,
                first_place_count=row.first_place_votes,
                second_place_count=row.second_place_votes,
                third_place_count=row.third_place_votes,
                weighted_score=row.points,
                final_rank=row.position,
                calculated_at=now,
            )
        )
    campaign.status = "closed"
    campaign.closed_at = now
    session.add(campaign)
    session.flush()
    return table
