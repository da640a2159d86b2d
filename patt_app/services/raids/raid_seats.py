"""A raid's seats: with `raid_size`, the sign-ups take the seats in sign-up order, bench
volunteers last; the others wait on the waitlist (active players only). Seats are derived,
never stored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlmodel import Session

from patt_app.models import Player, RaidAttendance, RaidEvent
from patt_app.models.base import table_of
from patt_app.services.statements import row_or_refuse


@dataclass(frozen=True)
class Seating:
    """Who sits (in seat order) and who waits, among an event's sign-ups."""

    seated: list[int]
    waiting: list[int]


@dataclass(frozen=True)
class SignUp:
    """What seating needs of an attendance row (read as plain columns, not ORM rows)."""

    player_id: int
    signed_up: bool
    bench_volunteer: bool
    signed_up_at: datetime | None
    created_at: datetime


def seat_order(rows: Sequence[RaidAttendance | SignUp], raid_size: int | None) -> Seating:
    """Sign-ups in sign-up order, bench volunteers last; the first `raid_size` sit."""
    signed = sorted(
        (r for r in rows if r.signed_up),
        key=lambda r: (r.bench_volunteer, r.signed_up_at or r.created_at, r.player_id),
    )
    ids = [r.player_id for r in signed]
    if raid_size is None:
        return Seating(seated=ids, waiting=[])
    return Seating(seated=ids[:raid_size], waiting=ids[raid_size:])


def event_seating(*, session: Session, event_id: int) -> Seating:
    """The seating of one event (active players only)."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    return event_seatings(session=session, sizes={event_id: event.raid_size})[event_id]


def event_seatings(*, session: Session, sizes: Mapping[int, int | None]) -> dict[int, Seating]:
    """The seating of each event of `sizes` (event id → its raid size), active players only,
    in one read (a member's list of raids shows a seat for each)."""
    signups = event_signups(session=session, event_ids=list(sizes))
    return {event_id: seat_order(signups[event_id], sizes[event_id]) for event_id in sizes}


_attendance, _players = table_of(RaidAttendance), table_of(Player)
# Built once (the event ids are the execution's parameter): on raid night every answer reads it.
_SIGNUPS = (
    select(
        _attendance.c.event_id,
        _attendance.c.player_id,
        _attendance.c.bench_volunteer,
        _attendance.c.signed_up_at,
        _attendance.c.created_at,
    )
    .join(_players, _players.c.id == _attendance.c.player_id)
    .where(
        _attendance.c.event_id.in_(bindparam("event_ids", expanding=True)),
        _attendance.c.signed_up,
        _players.c.is_active,
    )
)


def event_signups(*, session: Session, event_ids: list[int]) -> dict[int, list[SignUp]]:
    """Each event's sign-ups by active players, in one read."""
    if not event_ids:
        return {}
    rows = session.execute(_SIGNUPS, {"event_ids": event_ids}).all()
    by_event: dict[int, list[SignUp]] = {event_id: [] for event_id in event_ids}
    for event_id, player_id, bench, signed_at, created_at in rows:
        by_event[event_id].append(SignUp(player_id, True, bench, signed_at, created_at))
    return by_event
