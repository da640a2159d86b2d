"""Does a player's weekly availability cover a whole raid? Pure; reuses the zone maths of
`services/scheduling/schedule_time.py` (real timezone rules, windows past midnight, away days)."""

from __future__ import annotations

from datetime import datetime, timedelta

from patt_app.services.scheduling.schedule_time import PlayerSchedule, utc_intervals, zone


def covers(schedule: PlayerSchedule, start: datetime, end: datetime) -> bool:
    """True when one of the player's windows (on the dates around `start` in their own zone,
    skipping days they are away) runs from `start` or earlier to `end` or later."""
    local_day = start.astimezone(zone(schedule.timezone)).date()
    intervals = utc_intervals(
        schedule, local_day - timedelta(days=1), local_day + timedelta(days=1)
    )
    return any(first <= start and last >= end for first, last in intervals)
