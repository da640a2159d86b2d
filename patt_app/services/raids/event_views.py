"""What the event screens show, each read in one transaction so a reload sees one consistent
snapshot: the officers' event list and a member's own raids page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from patt_app.services.raids.attendance import my_status
from patt_app.services.raids.attendance_report import HistoryRow, PlayerAttendance, player_history
from patt_app.services.raids.calendar_feed import has_calendar_link
from patt_app.services.raids.events import EventRow, list_events
from patt_app.services.reference.reference_tables import SeasonRow, list_seasons
from patt_app.services.reference.seasons import current_season
from patt_app.services.scheduling.availability import player_timezone


@dataclass
class OfficerEvents:
    """The officer's own zone (times are entered in it), the seasons, and the events."""

    timezone: str
    seasons: list[SeasonRow]
    events: list[EventRow]


def officer_events(*, session: Session, player_id: int, today: date, since: date) -> OfficerEvents:
    """Everything /admin/events lists: events from `since` on, seasons as of `today`."""
    return OfficerEvents(
        timezone=player_timezone(session=session, player_id=player_id),
        seasons=list_seasons(session=session, today=today),
        events=list_events(session=session, start=since),
    )


@dataclass
class UpcomingEvent:
    """An event that has not ended, and where the member stands with it."""

    event: EventRow
    status: str  # signed up | benched | excused | not signed up | cancelled
    can_change: bool  # still open to sign-up, withdrawal or excuse


@dataclass
class MemberEvents:
    """A member's raids page: upcoming events, this season's record and history, their feed."""

    timezone: str
    upcoming: list[UpcomingEvent]
    season_name: str | None  # None when no season is running
    record: PlayerAttendance | None
    history: list[HistoryRow]
    has_calendar_link: bool  # the link itself is shown only when made


def _status(event: EventRow, signed_up: bool, excused: bool, benched: bool = False) -> str:
    if event.cancelled:
        return "cancelled"
    if signed_up:
        return "benched" if benched else "signed up"
    return "excused" if excused else "not signed up"


def member_upcoming(*, session: Session, player_id: int, now: datetime) -> list[UpcomingEvent]:
    """The member's events that have not ended, with where they stand (a sign-up, withdrawal
    or excuse changes only these: it is refused once an event has started)."""
    mine = my_status(session=session, player_id=player_id)
    upcoming = []
    for event in list_events(session=session, start=(now - timedelta(days=1)).date()):
        if event.end < now:
            continue
        row = mine.get(event.id)
        upcoming.append(
            UpcomingEvent(
                event=event,
                status=_status(
                    event,
                    bool(row and row.signed_up),
                    bool(row and row.noted_absence),
                    bool(row and row.benched),
                ),
                can_change=not event.cancelled and event.start > now,
            )
        )
    return upcoming


def member_events(*, session: Session, player_id: int, now: datetime) -> MemberEvents:
    """The member's upcoming events with their status, the current season's attendance line
    and past events, and whether they have made a calendar link."""
    upcoming = member_upcoming(session=session, player_id=player_id, now=now)
    season = current_season(session=session, today=now.date())
    record, history = None, []
    if season is not None:
        record, history = player_history(
            session=session, player_id=player_id, season_id=season.id, now=now
        )
    return MemberEvents(
        timezone=player_timezone(session=session, player_id=player_id),
        upcoming=upcoming,
        season_name=season.name if season else None,
        record=record,
        history=history,
        has_calendar_link=has_calendar_link(session=session, player_id=player_id),
    )
