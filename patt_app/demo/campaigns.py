"""The demo guild's votes: a live transmog contest (with what the contest agent has said so
far) and last month's raid-team name vote, closed with its results."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DemoGuild
from patt_app.models import Campaign, CampaignEntry, Player, Vote
from patt_app.services.campaigns.agent_messages import Facts, post_for
from patt_app.services.campaigns.contest_agent import log_agent_post
from patt_app.services.campaigns.tallies import close_campaign, vote_stats
from patt_app.settings import get_settings


def write_campaigns(
    session: Session,
    rng: random.Random,
    plan: DemoGuild,
    players: dict[str, Player],
    now: datetime,
) -> None:
    officer = players[plan.players[0].display_name].id
    voters = [
        players[d.display_name].id
        for d in plan.players
        if d.has_account
        and d.rank_level >= 2
        and d.discord_username not in (DEMO_OFFICER, DEMO_MEMBER)
    ]
    live = _campaign(
        session,
        title="Transmog Contest — Season 2",
        description="Show off your best look! Pick your three favourite outfits, "
        "ranked. The winner gets bragging rights and a gold prize.",
        start_at=now - timedelta(days=2),
        created_by=officer,
        entries=[
            (f"{name}'s look", f"{name} in their raid-night finest.", players[name].id)
            for name in ("Hexxy", "Moonbeam", "Lyra", "Thorne", "Juniper", "Kodiak")
        ],
    )
    _ballots(session, rng, live, voters[:7])
    _agent_said(session, live, now - timedelta(days=2), "campaign_launch", leader=None)
    _agent_said(
        session,
        live,
        now - timedelta(days=2) + timedelta(hours=3),
        "first_vote",
        leader="Hexxy's look",
    )
    past = _campaign(
        session,
        title="Name the Tuesday raid team",
        description="The Tuesday group needs a name for the signup sheet. Rank your top three.",
        start_at=now - timedelta(days=30),
        created_by=officer,
        entries=[
            ("Wipe Club", "We learn by doing. Mostly by dying.", None),
            ("Pull All The Tuesdays", "Keeping it in the family.", None),
            ("Loot Goblins", "Need > greed, always.", None),
            ("Repair Bill Brigade", "Our gold goes to the anvil.", None),
        ],
    )
    _ballots(session, rng, past, voters[:10])
    close_campaign(session=session, campaign=past, now=past.start_at + timedelta(days=7))


def _campaign(session: Session, *, title, description, start_at, created_by, entries):
    campaign = Campaign(
        title=title,
        description=description,
        picks_per_voter=3,
        min_rank_to_vote=2,
        start_at=start_at,
        duration_hours=168,
        status="live",
        created_by_player_id=created_by,
    )
    session.add(campaign)
    session.flush()
    for order, (name, text, player_id) in enumerate(entries):
        session.add(
            CampaignEntry(
                campaign_id=campaign.id,
                name=name,
                description=text,
                associated_player_id=player_id,
                sort_order=order,
            )
        )
    session.flush()
    return campaign


def _ballots(session: Session, rng: random.Random, campaign: Campaign, voters: list[int]):
    entries = list(
        session.exec(select(CampaignEntry).where(col(CampaignEntry.campaign_id) == campaign.id))
    )
    for player_id in voters:
        for rank, entry in enumerate(rng.sample(entries, 3), start=1):
            session.add(
                Vote(campaign_id=campaign.id, player_id=player_id, entry_id=entry.id, rank=rank)
            )
    session.flush()


def _agent_said(session: Session, campaign: Campaign, at: datetime, event: str, *, leader):
    stats = vote_stats(session, campaign)
    facts = Facts(
        title=campaign.title,
        voted=1 if event == "first_vote" else 0,
        eligible=stats.eligible,
        leader=leader or "",
        hours_left=int((campaign.start_at + timedelta(hours=168) - at).total_seconds() // 3600),
        link=f"{get_settings().public_base_url}/vote/{campaign.id}",
    )
    post = post_for(event, facts, channel_id=None, campaign_id=campaign.id)
    log_agent_post(session, post, campaign_id=campaign.id, leader_entry_id=None, now=at)
