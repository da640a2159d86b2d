"""Raid events: create, edit, cancel, weekly series; automatic sign-up for `auto_invite_events`.

Officers enter dates and times in their own zone; events are stored in UTC. A series keeps the
same local wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, func
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import Player, RaidAttendance, RaidEvent, RaidSeason
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.reference.seasons import current_season
from patt_app.services.reference.time_zones import validate_timezone
from patt_app.services.scheduling.schedule_time import local_to_utc
from patt_app.services.statements import row_or_refuse
from patt_app.services.text_input import one_line

URL = re.compile(r"^https?://[^\s]{3,290}$")
CHANNEL_ID = re.compile(r"^\d{15,21}$")
MAX_SERIES_WEEKS = 26
MAX_RAID_LENGTH = timedelta(hours=8)


@dataclass(frozen=True)
class EventDetails:
    """What an officer fills in (times in `timezone`)."""

    title: str
    event_date: date
    start: time
    end: time
    timezone: str
    season_id: int | None = None
    notes: str = ""
    log_url: str = ""
    discord_channel_id: str = ""


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    start: datetime
    end: datetime
    season_id: int | None
    season_name: str
    signed_up_count: int
    cancelled: bool
    notes: str
    log_url: str
    discord_channel_id: str = ""


MAX_NOTES = 2000


def _checked(
    session: Session, details: EventDetails, today: date
) -> tuple[dict[str, Any], RaidSeason]:
    title = one_line(
        details.title, longest=120, refusal="Give the event a title (up to 120 characters)."
    )
    zone = validate_timezone(details.timezone)
    season = (
        session.get(RaidSeason, details.season_id)
        if details.season_id
        else current_season(session=session, today=today)
    )
    if season is None:
        raise InvalidInput("No current season: create or activate one in Reference tables.")
    if details.event_date < season.start_date:
        raise InvalidInput(
            f"{season.name} starts on {season.start_date:%d %b %Y}; "
            "pick a later date or another season."
        )
    if len(details.notes.strip()) > MAX_NOTES:
        raise InvalidInput(f"Event notes are limited to {MAX_NOTES} characters.")
    log_url, channel = details.log_url.strip(), details.discord_channel_id.strip()
    if len(log_url) > 500:
        raise InvalidInput("The log URL is limited to 500 characters.")
    if log_url and not URL.fullmatch(log_url):
        raise InvalidInput("The log URL must start with http:// or https://.")
    if channel and not CHANNEL_ID.fullmatch(channel):
        raise InvalidInput("A Discord channel id is a number of 15 to 21 digits.")
    start = local_to_utc(zone, details.event_date, details.start)
    end_day = details.event_date + timedelta(days=0 if details.end > details.start else 1)
    end = local_to_utc(zone, end_day, details.end)  # 22:00–01:00 ends the next day
    if not timedelta(0) < end - start <= MAX_RAID_LENGTH:
        raise InvalidInput("The raid must end after it starts, within 8 hours.")
    return {
        "title": title,
        "event_date": details.event_date,
        "start_time_utc": start,
        "end_time_utc": end,
        "season_id": season.id,
        "notes": details.notes.strip() or None,
        "log_url": log_url or None,
        "discord_channel_id": channel or None,
    }, season


def _auto_sign_up(session: Session, event: RaidEvent) -> int:
    """Sign up everyone who asked to be (source 'auto'); returns how many."""
    ids = session.exec(
        select(col(Player.id)).where(col(Player.is_active), col(Player.auto_invite_events))
    ).all()
    for player_id in ids:
        session.execute(
            insert(RaidAttendance)
            .values(
                event_id=event.id,
                player_id=player_id,
                signed_up=True,
                source="auto",
            )
            .on_conflict_do_nothing(index_elements=["event_id", "player_id"])
        )
    return len(ids)


def create_event(
    *, session: Session, details: EventDetails, created_by_player_id: int | None, today: date
) -> RaidEvent:
    values, _ = _checked(session, details, today)
    event = RaidEvent(**values, created_by_player_id=created_by_player_id)
    session.add(event)
    session.flush()
    _auto_sign_up(session, event)
    return event


def update_event(
    *, session: Session, event_id: int, details: EventDetails, today: date
) -> RaidEvent:
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    values, _ = _checked(session, details, today)
    for key, value in values.items():
        setattr(event, key, value)
    event.roster_changed_at = datetime.now(UTC)  # its roster post shows the new details
    session.add(event)
    session.flush()
    return event


def cancel_event(
    *, session: Session, event_id: int, now: datetime, cancel: bool = True
) -> RaidEvent:
    """Cancel (or restore) an event; cancelled events never count for attendance."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    event.cancelled_at = now if cancel else None
    event.roster_changed_at = now  # its roster post says so
    session.add(event)
    session.flush()
    return event


def create_series(
    *,
    session: Session,
    details: EventDetails,
    weekdays: list[int],
    weeks: int,
    created_by_player_id: int | None,
    today: date,
) -> list[RaidEvent]:
    """Events on the given weekdays for `weeks` weeks from `details.event_date`, each at the same
    local time in `details.timezone` (so 21:00 stays 21:00 across a clock change)."""
    if not weekdays or any(d not in range(7) for d in weekdays):
        raise InvalidInput("Pick at least one weekday for the series.")
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise InvalidInput(f"A series runs for 1 to {MAX_SERIES_WEEKS} weeks.")
    first = details.event_date
    dates = [
        first + timedelta(days=n)
        for n in range(weeks * 7)
        if (first + timedelta(days=n)).weekday() in set(weekdays)
    ]
    events = []
    for day in dates:
        values, _ = _checked(
            session, EventDetails(**{**details.__dict__, "event_date": day}), today
        )
        event = RaidEvent(**values, created_by_player_id=created_by_player_id)
        session.add(event)
        session.flush()
        _auto_sign_up(session, event)
        events.append(event)
    return events


def _event_rows(session: Session, *conditions: ColumnElement[bool]) -> list[EventRow]:
    """Events matching `conditions`, earliest first, with their season's name and sign-ups."""
    signed = (  # counted per listed event (its index), not over every season's sign-ups
        select(func.count())
        .where(col(RaidAttendance.event_id) == col(RaidEvent.id), col(RaidAttendance.signed_up))
        .correlate(RaidEvent)
        .scalar_subquery()
    )
    statement = (
        select(RaidEvent, col(RaidSeason.name), signed)
        .outerjoin(RaidSeason, col(RaidSeason.id) == col(RaidEvent.season_id))
        .where(*conditions)
        .order_by(col(RaidEvent.start_time_utc))
    )
    return [event_row(e, season, n) for e, season, n in session.exec(statement)]


class EventColumns(Protocol):
    """What `event_row` reads of an event: a `RaidEvent`, or a row of its table's columns."""

    id: int
    title: str
    start_time_utc: datetime
    end_time_utc: datetime
    season_id: int | None
    cancelled_at: datetime | None
    notes: str | None
    log_url: str | None
    discord_channel_id: str | None


def event_row(
    event: EventColumns, season_name: str | None, signed_up_count: int | None
) -> EventRow:
    """An event as the lists show it, with its season's name and sign-ups counted."""
    return EventRow(
        id=event.id,
        title=event.title,
        start=event.start_time_utc,
        end=event.end_time_utc,
        season_id=event.season_id,
        season_name=season_name or "",
        signed_up_count=signed_up_count or 0,
        cancelled=event.cancelled_at is not None,
        notes=event.notes or "",
        log_url=event.log_url or "",
        discord_channel_id=event.discord_channel_id or "",
    )


def get_event(*, session: Session, event_id: int) -> EventRow:
    """One event (raises NotFound when there is no such event)."""
    rows = _event_rows(session, col(RaidEvent.id) == event_id)
    if not rows:
        raise NotFound("That event does not exist.")
    return rows[0]


def list_events(
    *,
    session: Session,
    start: date | None = None,
    end: date | None = None,
    include_cancelled: bool = True,
) -> list[EventRow]:
    """Events between two dates (inclusive), earliest first, with sign-up counts."""
    conditions = []
    if start:
        conditions.append(col(RaidEvent.event_date) >= start)
    if end:
        conditions.append(col(RaidEvent.event_date) <= end)
    if not include_cancelled:
        conditions.append(col(RaidEvent.cancelled_at).is_(None))
    return _event_rows(session, *conditions)
