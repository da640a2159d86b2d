"""What the officers' raid-night outlook shows, in one transaction: each upcoming event with
its turnout forecast, the players to nudge and its bench, and the season's daylight-saving
warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from patt_app.services.raids.bench_view import EventBench, event_bench
from patt_app.services.raids.dst_view import season_warnings
from patt_app.services.raids.events import EventRow, list_events
from patt_app.services.raids.forecast_view import load_season_data
from patt_app.services.raids.role_asks import EventGaps, event_gaps
from patt_app.services.raids.turnout_forecast import Composition, Forecast, nudge_message

MAX_EVENTS = 8


@dataclass
class EventOutlook:
    event: EventRow
    forecast: Forecast
    nudge: str  # the ready-to-paste message for the players free but not signed up
    bench: EventBench
    gaps: EventGaps  # role gaps, whom to ask with an off-spec, and the asks sent


@dataclass
class RaidOutlook:
    events: list[EventOutlook]
    dst_warnings: list[str]


def raid_outlook(
    *, session: Session, now: datetime, base_url: str, need: Composition = Composition()
) -> RaidOutlook:
    """The next `MAX_EVENTS` upcoming events' forecasts and the current season's DST warnings."""
    rows = {e.id: e for e in list_events(session=session, start=(now - timedelta(days=1)).date())}
    outlooks = []
    data = load_season_data(session=session)
    for raid in data.events:
        event = rows.get(raid.id)
        if event is None or raid.cancelled_at is not None or raid.start_time_utc <= now:
            continue
        gaps = event_gaps(session=session, data=data, event=raid, now=now, need=need)
        message = nudge_message(
            title=event.title,
            start_unix=int(event.start.timestamp()),
            events_url=f"{base_url}/events",
        )
        bench = event_bench(session=session, event_id=event.id, need=need)
        outlooks.append(EventOutlook(event, gaps.forecast, message, bench, gaps))
        if len(outlooks) >= MAX_EVENTS:
            break
    return RaidOutlook(
        events=outlooks,
        dst_warnings=season_warnings(session=session, today=now.date()),
    )
