"""What the officers' campaign screens read: the list by status, and one campaign in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import Campaign, ContestAgentLog, Player
from patt_app.services.campaigns.contest_agent import agent_log
from patt_app.services.campaigns.lifecycle_rules import by_status, end_of
from patt_app.services.campaigns.listing import CampaignLine
from patt_app.services.campaigns.officer_changes import campaign_or_404
from patt_app.services.campaigns.scoring import Standing, VoteStats
from patt_app.services.campaigns.tallies import current_standings, vote_stats
from patt_app.services.campaigns.voting import EntryView, entry_views
from patt_app.services.reference.reference_tables import guild_ranks
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.statements import record_from


@dataclass(frozen=True)
class CampaignListRow(CampaignLine):
    stats: VoteStats


@dataclass(frozen=True)
class CampaignDetail:
    campaign: Campaign
    end_at: datetime
    entries: list[EntryView]
    stats: VoteStats
    standings: list[Standing]
    log: list[ContestAgentLog]


@dataclass(frozen=True)
class OfficerCampaigns:
    timezone: str
    rows: list[CampaignListRow]
    players: list[tuple[int, str]]  # for "associated player"
    ranks: list[tuple[int, str]]  # (level, name), lowest first


def officer_campaigns(*, session: Session, player_id: int) -> OfficerCampaigns:
    """Every campaign, live first, then drafts, closed and archived; latest start first."""
    campaigns = session.exec(select(Campaign).order_by(col(Campaign.start_at).desc())).all()
    rows = [
        record_from(
            CampaignListRow,
            c,
            end_at=end_of(c.start_at, c.duration_hours),
            entry_count=len(entry_views(session, c.id)),
            stats=vote_stats(session, c),
        )
        for c in by_status(campaigns)
    ]
    players = session.exec(
        select(col(Player.id), col(Player.display_name))
        .where(col(Player.is_active))
        .order_by(col(Player.display_name))
    ).all()
    return OfficerCampaigns(
        timezone=player_timezone(session=session, player_id=player_id),
        rows=rows,
        players=[(i, n) for i, n in players],
        ranks=[(r.level, r.name) for r in guild_ranks(session=session)],
    )


def campaign_detail(*, session: Session, campaign_id: int) -> CampaignDetail:
    campaign = campaign_or_404(session, campaign_id)
    return CampaignDetail(
        campaign=campaign,
        end_at=end_of(campaign.start_at, campaign.duration_hours),
        entries=entry_views(session, campaign.id),
        stats=vote_stats(session, campaign),
        standings=current_standings(session, campaign),
        log=agent_log(session=session, campaign_id=campaign.id),
    )


@dataclass(frozen=True)
class CampaignEditorView:
    """What the campaign editor shows, read in one transaction."""

    lists: OfficerCampaigns
    detail: CampaignDetail


def load_campaign_editor(
    *, session: Session, player_id: int, campaign_id: int
) -> CampaignEditorView:
    """The officer's lists (zone, ranks, players) and the campaign with its entries."""
    return CampaignEditorView(
        lists=officer_campaigns(session=session, player_id=player_id),
        detail=campaign_detail(session=session, campaign_id=campaign_id),
    )
