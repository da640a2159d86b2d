"""A raid's seats: with `raid_size`, the sign-ups take the seats in sign-up order, bench
volunteers last; the others wait on the waitlist (active players only). Seats are derived,
never stored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col

from patt_app.models import Player, RaidAttendance, RaidEvent
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


def event_signups(*, session: Session, event_ids: list[int]) -> dict[int, list[SignUp]]:
    """Each event's sign-ups by active players, in one read."""
    if not event_ids:
        return {}
    rows = session.execute(
        select_wide(
            col(RaidAttendance.event_id),
            col(RaidAttendance.player_id),
            col(RaidAttendance.bench_volunteer),
            col(RaidAttendance.signed_up_at),
            col(RaidAttendance.created_at),
        )
        .join(Player, col(Player.id) == col(RaidAttendance.player_id))
        .where(
            col(RaidAttendance.event_id).in_(event_ids),
            col(RaidAttendance.signed_up),
            col(Player.is_active),
        )
    ).all()
    by_event: dict[int, list[SignUp]] = {event_id: [] for event_id in event_ids}
    for event_id, player_id, bench, signed_at, created_at in rows:
        by_event[event_id].append(SignUp(player_id, True, bench, signed_at, created_at))
    return by_event
