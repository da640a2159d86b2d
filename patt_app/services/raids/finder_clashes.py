"""Which raid-night finder suggestions fall on a night that already has a raid."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from patt_app.services.raids.events import EventRow, list_events
from patt_app.services.scheduling.schedule_time import zone


def _clash(start: datetime, end: datetime, events: list[EventRow], timezone: str) -> str:
    tz = zone(timezone)
    day = start.astimezone(tz).date()
    for event in events:
        if (event.start < end and start < event.end) or event.start.astimezone(tz).date() == day:
            local = event.start.astimezone(tz)
            return (
                f"a raid is already planned that night: {event.title}, "
                f"{local:%H:%M}–{event.end.astimezone(tz):%H:%M}"
            )
    return ""


def night_clashes(
    *, session: Session, windows: list[tuple[datetime, datetime]], timezone: str
) -> list[str]:
    """For each (start, end) window: "" or a line naming the raid (not cancelled) planned on
    the same local day in `timezone`, or overlapping the window."""
    if not windows:
        return []
    first = min(start for start, _ in windows).date() - timedelta(days=1)
    last = max(end for _, end in windows).date() + timedelta(days=1)
    events = list_events(session=session, start=first, end=last, include_cancelled=False)
    return [_clash(start, end, events, timezone) for start, end in windows]
