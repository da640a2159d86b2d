"""The landing page's numbers: members, current season, next raid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from patt_app.models import Player, RaidEvent
from patt_app.services.reference.seasons import current_season


@dataclass(frozen=True)
class GuildOverview:
    """What a visitor sees first."""

    member_count: int
    raider_count: int
    season_name: str | None
    next_raid_title: str | None
    next_raid_start: datetime | None
    next_raid_end: datetime | None


def count_active_players(*, session: Session, with_main: bool = False) -> int:
    """How many players are active (`with_main`: and on the roster, with a main character)."""
    statement = select(func.count()).select_from(Player).where(col(Player.is_active))
    if with_main:
        statement = statement.where(col(Player.main_character_id).is_not(None))
    return session.exec(statement).one()


def guild_overview(*, session: Session, now: datetime) -> GuildOverview:
    """Active members, those on the roster (with a main), the current season and the next raid."""
    members = count_active_players(session=session)
    raiders = count_active_players(session=session, with_main=True)
    season = current_season(session=session, today=now.date())
    next_raid = session.exec(
        select(RaidEvent)
        .where(col(RaidEvent.end_time_utc) > now)
        .order_by(col(RaidEvent.start_time_utc))
        .limit(1)
    ).first()
    return GuildOverview(
        member_count=members,
        raider_count=raiders,
        season_name=season.name if season else None,
        next_raid_title=next_raid.title if next_raid else None,
        next_raid_start=next_raid.start_time_utc if next_raid else None,
        next_raid_end=next_raid.end_time_utc if next_raid else None,
    )
