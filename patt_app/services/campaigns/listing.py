"""Campaign lists: what a viewer may see (the /campaigns page, the API) and the landing
page's featured live vote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import Campaign
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.campaigns.lifecycle_rules import by_status, end_of
from patt_app.services.campaigns.tallies import current_standings, vote_stats
from patt_app.services.campaigns.voting import entry_views, may_view
from patt_app.services.statements import record_from


@dataclass(frozen=True)
class CampaignLine:
    """A campaign as a list shows it: its title, status, when it runs and how many entries."""

    id: int
    title: str
    status: str
    start_at: datetime
    end_at: datetime
    entry_count: int


@dataclass(frozen=True)
class CampaignSummary(CampaignLine):
    winner: str  # closed campaigns the viewer may see: the entry in first place


def visible_campaigns(
    *, session: Session, viewer: Viewer | None, statuses: tuple[str, ...] = ("live", "closed")
) -> list[CampaignSummary]:
    """Campaigns this viewer may see, live ones first, then the latest closed."""
    rows = session.exec(
        select(Campaign)
        .where(col(Campaign.status).in_(statuses))
        .order_by(col(Campaign.start_at).desc())
    ).all()
    result = []
    for campaign in by_status(rows):
        if not may_view(campaign, viewer):
            continue
        table = current_standings(session, campaign) if campaign.status == "closed" else []
        winner = table[0].name if table and table[0].points > 0 else ""
        result.append(
            record_from(
                CampaignSummary,
                campaign,
                end_at=end_of(campaign.start_at, campaign.duration_hours),
                entry_count=len(entry_views(session, campaign.id)),
                winner=winner,
            )
        )
    return result


@dataclass(frozen=True)
class FeaturedCampaign:
    id: int
    title: str
    end_at: datetime
    voted: int
    eligible: int


def featured_campaign(*, session: Session, now: datetime) -> FeaturedCampaign | None:
    """The public live campaign closing soonest, for the landing page."""
    live = [
        c
        for c in session.exec(select(Campaign).where(col(Campaign.status) == "live")).all()
        if c.min_rank_to_view is None and c.start_at <= now
    ]
    if not live:
        return None
    campaign = min(live, key=lambda c: end_of(c.start_at, c.duration_hours))
    stats = vote_stats(session, campaign)
    return FeaturedCampaign(
        id=campaign.id,
        title=campaign.title,
        end_at=end_of(campaign.start_at, campaign.duration_hours),
        voted=stats.voted,
        eligible=stats.eligible,
    )
