"""An officer's bench change while a member answers the same raid: the change waits for the
answer and both are kept. Before, the answer locked the raid and then wrote the member's row,
the bench change wrote the rows and then the raid: each waited on the other, and PostgreSQL
ended one of them as a deadlock (a 500 to the officer or a failed Discord reply)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import RaidAttendance, RaidEvent
from patt_app.services.raids.bench_view import (
    apply_proposal,
    event_bench,
    set_benched,
    set_raid_size,
)
from patt_app.services.raids.raid_statements import LOCK_RAID
from patt_app.services.raids.signup_answers import answer_raid
from tests.integration.racing import until_one_waits_on_a_lock

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


def _raid_with_surplus(engine: Engine, surplus: int) -> tuple[int, list[int]]:
    """The demo's next raid, with seats for all its sign-ups but `surplus`; its event id and
    its signed-up players."""
    with Session(engine) as session:
        seed_demo_guild(session=session, now=NOW)
        session.flush()
        event_id = session.exec(
            select(RaidEvent.id)
            .where(RaidEvent.start_time_utc > NOW)
            .order_by(RaidEvent.start_time_utc)
        ).first()
        signed = [c.player_id for c in event_bench(session=session, event_id=event_id).signed_up]
        set_raid_size(session=session, event_id=event_id, raid_size=len(signed) - surplus)
        session.commit()
    return event_id, signed


def _answer_while_the_officer_changes(
    engine: Engine,
    event_id: int,
    officer: Callable[[Session], object],
    answer: Callable[[Session], object],
) -> dict[str, object]:
    """The member's answer has locked the raid (its first statement) when the officer's change
    starts; once the officer waits on a lock, the answer writes the member's row and commits.
    What the officer's change returned, or what it raised."""
    outcome: dict[str, object] = {}

    def change() -> None:
        try:
            with Session(engine) as session:
                outcome["officer"] = officer(session)
                session.commit()
        except Exception as error:  # what the officer would have been shown
            outcome["officer"] = error

    with Session(engine) as member:
        member.execute(LOCK_RAID, {"event_id": event_id, "now": NOW})  # as `answer_raid` begins
        thread = threading.Thread(target=change)
        thread.start()
        until_one_waits_on_a_lock(engine, thread, outcome)  # the officer waits for the answer
        answer(member)  # before: waited on the officer's write of this row, a deadlock
        member.commit()
    thread.join(30)
    assert not thread.is_alive()
    return outcome


def _rows(engine: Engine, event_id: int) -> dict[int, RaidAttendance]:
    with Session(engine) as session:
        rows = session.exec(select(RaidAttendance).where(RaidAttendance.event_id == event_id))
        return {row.player_id: row for row in rows}


def test_the_proposal_applied_while_a_member_withdraws_waits_and_counts_the_withdrawal(
    committed,
):
    event_id, signed = _raid_with_surplus(committed, surplus=2)
    leaving = signed[0]
    outcome = _answer_while_the_officer_changes(
        committed,
        event_id,
        lambda session: apply_proposal(session=session, event_id=event_id),
        lambda session: answer_raid(
            session=session, player_id=leaving, event_id=event_id, choice="withdraw", now=NOW
        ),
    )
    assert outcome == {"officer": 1}  # proposed after the withdrawal: one too many is left
    rows = _rows(committed, event_id)
    assert not rows[leaving].signed_up and not rows[leaving].benched
    assert sum(row.benched for row in rows.values()) == 1


def test_a_member_benched_while_they_answer_late_is_benched_and_late(committed):
    event_id, signed = _raid_with_surplus(committed, surplus=0)
    player_id = signed[0]
    outcome = _answer_while_the_officer_changes(
        committed,
        event_id,
        lambda session: set_benched(
            session=session, event_id=event_id, player_id=player_id, benched=True
        ),
        lambda session: answer_raid(
            session=session,
            player_id=player_id,
            event_id=event_id,
            choice="late",
            now=NOW,
            late_minutes=30,
        ),
    )
    assert outcome == {"officer": None}
    row = _rows(committed, event_id)[player_id]
    assert (row.signed_up, row.late_minutes, row.benched) == (True, 30, True)
