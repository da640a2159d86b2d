"""The contest agent's check every five minutes: per campaign, decide one post and log it.

Every decision is written to `patt.contest_agent_log` with its embed (title, text, gold,
channel) whether or not a Discord bot is there to send it. With Discord set up, the same
transaction queues it in the bot's outbox (services/guild_discord/posts.py), once per log row;
a post the bot could not send within `POST_WITHIN` is dropped rather than sent stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import Campaign, ContestAgentLog
from patt_app.services.campaigns.agent_messages import AgentPost, Facts, post_for
from patt_app.services.campaigns.agent_rules import EVENT_LABELS, Situation, decide
from patt_app.services.campaigns.lifecycle_rules import end_of
from patt_app.services.campaigns.scoring import VoteStats, leader
from patt_app.services.campaigns.tallies import current_standings, vote_stats
from patt_app.services.guild_discord.posts import Embed, queue_post

# A closed campaign is still announced if it closed within this long (not old ones).
ANNOUNCE_CLOSED_WITHIN = timedelta(days=1)
# A contest post is news for a while; one the bot could not send by then is not sent late.
POST_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class CampaignPost:
    campaign_id: int
    campaign_title: str
    post: AgentPost


@dataclass
class AgentRun:
    posts: list[CampaignPost] = field(default_factory=list)

    def summary(self) -> str:
        """One line for /admin/jobs: "“Best transmog”: half have voted; …"."""
        if not self.posts:
            return "nothing to announce"
        return "; ".join(
            f"“{p.campaign_title}”: {EVENT_LABELS.get(p.post.event_type, p.post.event_type)}"
            for p in self.posts
        )


def _log(session: Session, campaign_id: int) -> list[ContestAgentLog]:
    return list(
        session.exec(
            select(ContestAgentLog)
            .where(col(ContestAgentLog.campaign_id) == campaign_id)
            .order_by(col(ContestAgentLog.posted_at), col(ContestAgentLog.id))
        )
    )


def _watched(session: Session, now: datetime) -> list[Campaign]:
    rows = session.exec(
        select(Campaign)
        .where(col(Campaign.agent_enabled), col(Campaign.status).in_(("live", "closed")))
        .order_by(col(Campaign.id))
    ).all()
    return [
        c
        for c in rows
        if c.status == "live"
        or (c.closed_at is not None and now - c.closed_at <= ANNOUNCE_CLOSED_WITHIN)
    ]


def check_campaign(
    *, session: Session, campaign: Campaign, now: datetime, base_url: str, to_discord: bool = False
) -> AgentPost | None:
    """Decide and log this campaign's post, if any; `to_discord`: also queue it for the bot."""
    log = _log(session, campaign.id)
    stats = vote_stats(session, campaign)
    front = leader(current_standings(session, campaign))
    leading = front.entry_id if front else None
    end_at = end_of(campaign.start_at, campaign.duration_hours)
    event = _due_event(campaign, log, stats, leader_entry_id=leading, end_at=end_at, now=now)
    if event is None:
        return None
    facts = Facts(
        title=campaign.title,
        voted=stats.voted,
        eligible=stats.eligible,
        leader=front.name if front else "",
        hours_left=max(0, int((end_at - now).total_seconds() // 3600)),
        link=f"{base_url.rstrip('/')}/vote/{campaign.id}",
    )
    post = post_for(
        event,
        facts,
        channel_id=campaign.discord_channel_id,
        campaign_id=campaign.id,
        occurrence=sum(1 for row in log if row.event_type == event),
    )
    entry = log_agent_post(session, post, campaign_id=campaign.id, leader_entry_id=leading, now=now)
    if to_discord:
        _queue_for_discord(session, post, log=entry, link=facts.link, now=now)
    return post


def _due_event(
    campaign: Campaign,
    log: list[ContestAgentLog],
    stats: VoteStats,
    *,
    leader_entry_id: int | None,
    end_at: datetime,
    now: datetime,
) -> str | None:
    """The post the campaign is due now, if any, given what the agent has said before."""
    return decide(
        situation=Situation(
            status=campaign.status,
            end_at=end_at,
            eligible=stats.eligible,
            voted=stats.voted,
            leader_entry_id=leader_entry_id,
            now=now,
        ),
        chattiness=campaign.agent_chattiness,
        posted={row.event_type for row in log},
        last_leader_entry_id=next(
            (row.leader_entry_id for row in reversed(log) if row.leader_entry_id), None
        ),
    )


def log_agent_post(
    session: Session,
    post: AgentPost,
    *,
    campaign_id: int,
    leader_entry_id: int | None,
    now: datetime,
) -> ContestAgentLog:
    """The post as a line of the campaign's agent log (what it has said, and who led then)."""
    entry = ContestAgentLog(
        campaign_id=campaign_id,
        event_type=post.event_type,
        title=post.title,
        message=post.description,
        colour=post.colour,
        channel_id=post.channel_id,
        leader_entry_id=leader_entry_id,
        posted_at=now,
    )
    session.add(entry)
    session.flush()
    return entry


def _queue_for_discord(
    session: Session, post: AgentPost, *, log: ContestAgentLog, link: str, now: datetime
) -> None:
    queue_post(
        session=session,
        dedupe_key=f"contest:{log.id}",
        embed=Embed(
            title=post.title,
            description=post.description,
            colour=int(post.colour.lstrip("#"), 16),
            url=link,
            timestamp=now,
        ),
        now=now,
        channel_id=post.channel_id,
        not_after=now + POST_WITHIN,
        subject=f"campaign:{log.campaign_id}",
    )


def run_contest_agent(
    *, session: Session, now: datetime, base_url: str, to_discord: bool = False
) -> AgentRun:
    """One check of every campaign the agent watches (live, or closed within a day);
    `to_discord`: queue each post for the bot too."""
    run = AgentRun()
    for campaign in _watched(session, now):
        post = check_campaign(
            session=session, campaign=campaign, now=now, base_url=base_url, to_discord=to_discord
        )
        if post is not None:
            run.posts.append(CampaignPost(campaign.id, campaign.title, post))
    return run


def agent_log(*, session: Session, campaign_id: int) -> list[ContestAgentLog]:
    """What the agent said about a campaign, latest first."""
    return list(reversed(_log(session, campaign_id)))
