"""What the event screens show, each read in one transaction so a reload sees one consistent
snapshot: the officers' event list and a member's own raids page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from patt_app.models import RaidAttendance
from patt_app.services.raids import raid_statements as statements
from patt_app.services.raids.attendance import my_status
from patt_app.services.raids.attendance_report import HistoryRow, PlayerAttendance, player_history
from patt_app.services.raids.calendar_feed import has_calendar_link
from patt_app.services.raids.events import EventRow, event_row, list_events
from patt_app.services.raids.raid_seats import Seating, event_seatings
from patt_app.services.raids.signup_answers import AnswerOutcome, player_roles
from patt_app.services.reference.reference_tables import SeasonRow, list_seasons
from patt_app.services.reference.seasons import current_season
from patt_app.services.scheduling.availability import player_timezone

Standing = tuple[int | None, int | None]  # a player's seat number, their place on the waitlist


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
    status: str  # signed up | late | bench volunteer | waitlisted | tentative | benched |
    #              excused | not signed up | cancelled
    can_change: bool  # still open to sign-up, withdrawal or excuse
    detail: str = ""  # "seat 3 of 25", "about 30 min late", "number 2 on the waitlist"
    role: str = ""  # the role of their sign-up (tank | healer | melee | ranged), "" if none
    roles: tuple[str, ...] = ()  # the roles they can sign up as (main spec's first)


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


def _answer(
    event: EventRow, row: RaidAttendance | None, standing: Standing, raid_size: int | None
) -> tuple[str, str]:
    """The member's status word and its detail, sign-up answers included."""
    status = _status(
        event,
        bool(row and row.signed_up),
        bool(row and row.noted_absence),
        bool(row and row.benched),
    )
    if row is None or status in ("cancelled", "benched", "excused"):
        return status, ""
    if status == "not signed up":
        return ("tentative", "") if row.tentative else (status, "")
    seat_number, place = standing
    if place is not None:
        return "waitlisted", f"number {place} on the waitlist"
    seat = f"seat {seat_number} of {raid_size}" if raid_size and seat_number is not None else ""
    if row.late_minutes:
        return "late", ", ".join(filter(None, [f"about {row.late_minutes} min late", seat]))
    if row.bench_volunteer:
        return "bench volunteer", ", ".join(filter(None, ["will sit if needed", seat]))
    return status, seat


def _standing(seating: Seating | None, player_id: int) -> Standing:
    """The player's seat number and place on the waitlist (None where they have none)."""
    if seating is None:
        return None, None
    seat = seating.seated.index(player_id) + 1 if player_id in seating.seated else None
    place = seating.waiting.index(player_id) + 1 if player_id in seating.waiting else None
    return seat, place


def events_from(*, session: Session, start: date) -> list[tuple[EventRow, int | None]]:
    """Events from `start` on (cancelled ones too), earliest first, each with its raid size."""
    rows: list[Any] = list(session.execute(statements.EVENTS_FROM, {"start": start}))
    return [(event_row(row, row.season_name, row.signed_up_count), row.raid_size) for row in rows]


def member_upcoming(*, session: Session, player_id: int, now: datetime) -> list[UpcomingEvent]:
    """The member's events that have not ended, with where they stand (a sign-up, withdrawal
    or excuse changes only these: it is refused once an event has started). Four statements,
    each built once: on raid night a sign-up redraws the member's other tabs with this."""
    listed = events_from(session=session, start=(now - timedelta(days=1)).date())
    events = [(e, size) for e, size in listed if e.end >= now]
    mine = my_status(session=session, player_id=player_id, event_ids=[e.id for e, _ in events])
    roles = player_roles(session, player_id)
    sizes = {
        e.id: size
        for e, size in events
        if e.id in mine and mine[e.id].signed_up and not e.cancelled
    }
    seatings = event_seatings(session=session, sizes=sizes)  # one read for every raid
    return [
        _upcoming(
            event,
            mine.get(event.id),
            _standing(seatings.get(event.id), player_id),
            sizes.get(event.id),
            roles,
            now,
        )
        for event, _ in events
    ]


def answered_event(*, outcome: AnswerOutcome, now: datetime) -> UpcomingEvent:
    """The member's row of the raid they just answered, from the answer's own outcome (the
    raid and their row as written, their seat or place, their roles): nothing is read again."""
    standing = (outcome.seat, outcome.waiting_place)
    return _upcoming(outcome.raid, outcome.row, standing, outcome.seats, outcome.roles, now)


def _upcoming(
    event: EventRow,
    row: RaidAttendance | None,
    standing: Standing,
    raid_size: int | None,
    roles: tuple[str, ...],
    now: datetime,
) -> UpcomingEvent:
    status, detail = _answer(event, row, standing, raid_size)
    return UpcomingEvent(
        event=event,
        status=status,
        can_change=not event.cancelled and event.start > now,
        detail=detail,
        role=(row.signup_role or (roles[0] if roles else ""))
        if row is not None and row.signed_up
        else "",
        roles=roles,
    )


def member_events(*, session: Session, player_id: int, now: datetime) -> MemberEvents:
    """The member's upcoming events with their status, the current season's attendance line
    and past events, and whether they have made a calendar link."""
    upcoming = member_upcoming(session=session, player_id=player_id, now=now)
    season = current_season(session=session, today=now.date())
    record: PlayerAttendance | None = None
    history: list[HistoryRow] = []
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
