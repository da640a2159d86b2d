"""The lifecycle run every minute: open drafts whose start has come, close what has ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import Campaign
from patt_app.services.campaigns.lifecycle_rules import next_status
from patt_app.services.campaigns.officer_changes import check_ready
from patt_app.services.campaigns.tallies import close_campaign, vote_stats
from patt_app.services.errors import InvalidInput


@dataclass
class LifecycleRun:
    opened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    not_ready: list[int] = field(default_factory=list)  # drafts due to open without entries

    @property
    def changed(self) -> list[int]:
        return [*self.opened, *self.closed]

    def summary(self) -> str:
        parts = [
            f"{len(self.opened)} opened" if self.opened else "",
            f"{len(self.closed)} closed" if self.closed else "",
            f"{len(self.not_ready)} due but short of entries" if self.not_ready else "",
        ]
        return ", ".join(p for p in parts if p) or "no campaign changed"


def advance_campaigns(*, session: Session, now: datetime) -> LifecycleRun:
    """Move every draft and live campaign on as `next_status` says; closing stores results. A
    campaign locked elsewhere (a ballot being stored, an officer closing it) is left to the next
    run, a minute later; a ballot is refused after the vote's end, so none comes in meanwhile."""
    run = LifecycleRun()
    campaigns = session.exec(
        select(Campaign)
        .where(col(Campaign.status).in_(("draft", "live")))
        .order_by(col(Campaign.id))
        .with_for_update(skip_locked=True)
    ).all()
    for campaign in campaigns:
        target = next_status(
            status=campaign.status,
            start_at=campaign.start_at,
            duration_hours=campaign.duration_hours,
            early_close=campaign.early_close_if_all_voted,
            stats=vote_stats(session, campaign),
            now=now,
        )
        if target == "live":
            try:
                check_ready(session=session, campaign=campaign)
            except InvalidInput:
                run.not_ready.append(campaign.id)
                continue
            campaign.status = "live"
            session.add(campaign)
            run.opened.append(campaign.id)
        elif target == "closed":
            close_campaign(session=session, campaign=campaign, now=now)
            run.closed.append(campaign.id)
    session.flush()
    return run
