"""The bench of one event in the database: its seats (`raid_size`), who is benched, the fair
proposal from `bench.propose_bench`, and the officer's changes. A benched player stays signed
up and counts as excused in the season report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, Player, RaidAttendance, RaidEvent
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.bench import BenchProposal, Candidate, propose_bench
from patt_app.services.raids.raid_seats import seat_order
from patt_app.services.raids.turnout_forecast import Composition
from patt_app.services.scheduling.schedule_view import load_people
from patt_app.services.statements import row_or_refuse

MAX_RAID_SIZE = 40


@dataclass
class EventBench:
    event_id: int
    raid_size: int | None
    signed_up: list[Candidate]
    benched_ids: set[int]
    proposal: BenchProposal | None  # None without a raid size
    waiting: list[str] = field(default_factory=list)  # the waitlist's names, in order


def _event(session: Session, event_id: int) -> RaidEvent:
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    return event


def _bench_counts(session: Session, event: RaidEvent) -> dict[int, int]:
    """How often each player was benched in the event's season, this event left out."""
    rows = session.exec(
        select(col(RaidAttendance.player_id), func.count())
        .join(RaidEvent, col(RaidEvent.id) == col(RaidAttendance.event_id))
        .where(
            col(RaidAttendance.benched),
            col(RaidAttendance.signed_up),
            col(RaidEvent.season_id) == event.season_id,
            col(RaidEvent.cancelled_at).is_(None),
            col(RaidEvent.id) != event.id,
        )
        .group_by(col(RaidAttendance.player_id))
    ).all()
    return dict(rows)


def event_bench(
    *, session: Session, event_id: int, need: Composition = Composition()
) -> EventBench:
    """The event's signed-up players, who is benched, and the proposal for its raid size."""
    event = _event(session, event_id)
    people = load_people(session=session)
    counts = _bench_counts(session, event) if event.season_id else {}
    rows = session.exec(
        select(RaidAttendance, col(GuildRank.level))
        .join(Player, col(Player.id) == col(RaidAttendance.player_id))
        .outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(
            col(RaidAttendance.event_id) == event_id,
            col(RaidAttendance.signed_up),
            col(Player.is_active),
        )
    ).all()
    signed = sorted(
        (
            Candidate(
                player_id=row.player_id,
                name=people[row.player_id].name,
                role=row.signup_role or people[row.player_id].role,
                rank_level=level or 0,
                benched_this_season=counts.get(row.player_id, 0),
                volunteer=row.bench_volunteer,
            )
            for row, level in rows
            if row.player_id in people
        ),
        key=lambda c: c.name.casefold(),
    )
    benched = {row.player_id for row, _ in rows if row.benched}
    proposal = (
        propose_bench(signed, raid_size=event.raid_size, need=need) if event.raid_size else None
    )
    names = {c.player_id: c.name for c in signed}
    waiting = seat_order([row for row, _ in rows], event.raid_size).waiting
    return EventBench(
        event.id, event.raid_size, signed, benched, proposal, [names[p] for p in waiting]
    )


def set_raid_size(*, session: Session, event_id: int, raid_size: int | None) -> None:
    """Seats of the event (None: no limit, nobody is benched)."""
    if raid_size is not None and not 1 <= raid_size <= MAX_RAID_SIZE:
        raise InvalidInput(f"Raid size must be between 1 and {MAX_RAID_SIZE} (20 for mythic).")
    event = _event(session, event_id)
    event.raid_size = raid_size
    session.add(event)
    if raid_size is None:
        session.execute(
            update(RaidAttendance)
            .where(col(RaidAttendance.event_id) == event_id)
            .values(benched=False)
        )
    session.flush()


def _roster_changed(session: Session, event_id: int) -> None:
    """The raid's Discord post shows who is benched: it follows. The UPDATE locks the raid's
    row, as a member's answer (`signup_answers.answer_raid`) does before it writes the
    member's row: a bench change runs it first, before it reads or writes any sign-up, so it
    waits for an answer in progress and reads the roster as the answer left it. Writing the
    sign-ups first deadlocked with an answer (each waited on the row the other had locked)."""
    session.execute(
        update(RaidEvent)
        .where(col(RaidEvent.id) == event_id)
        .values(roster_changed_at=datetime.now(UTC))
    )


def apply_proposal(*, session: Session, event_id: int, need: Composition = Composition()) -> int:
    """Bench exactly the proposed players; returns how many. The raid is locked first
    (`_roster_changed`): no answer changes the sign-ups between the proposal and its writes."""
    _roster_changed(session, event_id)
    bench = event_bench(session=session, event_id=event_id, need=need)
    if bench.proposal is None:
        raise InvalidInput("Set the event's raid size first.")
    chosen = [c.player_id for c in bench.proposal.benched]
    session.execute(
        update(RaidAttendance)
        .where(col(RaidAttendance.event_id) == event_id)
        .values(benched=col(RaidAttendance.player_id).in_(chosen or [0]))
    )
    session.flush()
    return len(chosen)


def set_benched(*, session: Session, event_id: int, player_id: int, benched: bool) -> None:
    """The officer's override for one signed-up player. The raid is locked first
    (`_roster_changed`), before the player's row is read and written."""
    _event(session, event_id)
    _roster_changed(session, event_id)
    row = session.exec(
        select(RaidAttendance).where(
            col(RaidAttendance.event_id) == event_id, col(RaidAttendance.player_id) == player_id
        )
    ).first()
    if row is None or not row.signed_up:
        raise InvalidInput("Only a signed-up player can be benched.")
    row.benched = benched
    session.add(row)
    session.flush()
