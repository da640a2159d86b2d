"""Raid seasons: which one is current."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from patt_app.models import RaidSeason


def current_season(*, session: Session, today: date) -> RaidSeason | None:
    """The active season with the latest start date on or before `today`, if any."""
    return session.exec(
        select(RaidSeason)
        .where(col(RaidSeason.is_active), col(RaidSeason.start_date) <= today)
        .order_by(col(RaidSeason.start_date).desc(), col(RaidSeason.id).desc())
        .limit(1)
    ).first()
