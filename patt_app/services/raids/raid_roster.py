"""One raid's roster as its Discord post shows it: who sits (grouped by role, in seat order),
who waits, and the tentative, late, bench-volunteer and can't-come lists. Plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import Player, RaidAttendance, RaidEvent
from patt_app.services.raids.raid_seats import seat_order
from patt_app.services.scheduling.schedule_view import load_people
from patt_app.services.statements import row_or_refuse

ROLE_ORDER = ("tank", "healer", "melee", "ranged", "unknown")


@dataclass(frozen=True)
class RosterName:
    name: str
    colour: str  # the class colour of their main ("#9ca3af" when unknown)
    late_minutes: int = 0


@dataclass
class RaidRoster:
    event_id: int
    title: str
    start: datetime
    end: datetime
    cancelled: bool
    raid_size: int | None
    by_role: dict[str, list[RosterName]] = field(default_factory=dict)  # seated, by role
    waiting: list[RosterName] = field(default_factory=list)
    tentative: list[RosterName] = field(default_factory=list)
    late: list[RosterName] = field(default_factory=list)
    bench: list[RosterName] = field(default_factory=list)  # volunteers, and those benched
    cant_come: list[RosterName] = field(default_factory=list)

    @property
    def seats_taken(self) -> int:
        return sum(len(names) for names in self.by_role.values())


def raid_roster(*, session: Session, event_id: int) -> RaidRoster:
    """The roster of one event (active players only)."""
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    people = load_people(session=session)
    rows = [
        r
        for r in session.exec(
            select(RaidAttendance)
            .join(Player, col(Player.id) == col(RaidAttendance.player_id))
            .where(col(RaidAttendance.event_id) == event_id, col(Player.is_active))
        ).all()
        if r.player_id in people
    ]
    by_id = {r.player_id: r for r in rows}

    def named(player_id: int) -> RosterName:
        person = people[player_id]
        return RosterName(person.name, person.class_colour, by_id[player_id].late_minutes or 0)

    def alphabetical(keep: Callable[[RaidAttendance], object]) -> list[RosterName]:
        return sorted((named(r.player_id) for r in rows if keep(r)), key=lambda n: n.name.lower())

    seating = seat_order(rows, event.raid_size)
    roster = RaidRoster(
        event_id=event.id,
        title=event.title,
        start=event.start_time_utc,
        end=event.end_time_utc,
        cancelled=event.cancelled_at is not None,
        raid_size=event.raid_size,
        by_role={role: [] for role in ROLE_ORDER},
        waiting=[named(p) for p in seating.waiting],
        tentative=alphabetical(lambda r: r.tentative and not r.signed_up),
        late=alphabetical(lambda r: r.signed_up and r.late_minutes),
        bench=alphabetical(lambda r: r.signed_up and (r.bench_volunteer or r.benched)),
        cant_come=alphabetical(lambda r: r.noted_absence and not r.signed_up),
    )
    for player_id in seating.seated:
        if by_id[player_id].benched:  # an officer sat them out: on the bench list
            continue
        role = by_id[player_id].signup_role or people[player_id].role
        roster.by_role[role if role in ROLE_ORDER else "unknown"].append(named(player_id))
    return roster
