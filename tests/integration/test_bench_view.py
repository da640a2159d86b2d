"""The bench in the database: raid size, the proposal applied, the officer's override, and
what members and the season report see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, RaidAttendance, RaidEvent, User
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.attendance_report import season_report
from patt_app.services.raids.bench_view import (
    apply_proposal,
    event_bench,
    set_benched,
    set_raid_size,
)
from patt_app.services.raids.event_view import member_events

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


@pytest.fixture
def demo(seeded) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    return seeded


def _events(session: Session, past: bool) -> list[RaidEvent]:
    condition = RaidEvent.end_time_utc < NOW if past else RaidEvent.start_time_utc > NOW
    return list(session.exec(select(RaidEvent).where(condition).order_by(RaidEvent.start_time_utc)))


def _member(session: Session) -> Player:
    return session.exec(
        select(Player)
        .join(User, User.id == Player.website_user_id)
        .where(User.discord_username == DEMO_MEMBER)
    ).one()


def test_no_raid_size_no_proposal_and_bad_sizes_are_refused(demo):
    event = _events(demo, past=False)[0]
    assert event.raid_size == 25  # the demo's coming raids have seats
    assert event_bench(session=demo, event_id=event.id).proposal is not None
    set_raid_size(session=demo, event_id=event.id, raid_size=None)
    assert event_bench(session=demo, event_id=event.id).proposal is None
    with pytest.raises(InvalidInput):
        set_raid_size(session=demo, event_id=event.id, raid_size=41)
    with pytest.raises(InvalidInput):
        apply_proposal(session=demo, event_id=event.id)
    assert demo.get(RaidEvent, event.id).raid_size is None


def test_applying_the_proposal_benches_exactly_the_surplus(demo):
    event = _events(demo, past=False)[0]
    signed = len(event_bench(session=demo, event_id=event.id).signed_up)
    assert signed > 10
    set_raid_size(session=demo, event_id=event.id, raid_size=signed - 3)
    assert apply_proposal(session=demo, event_id=event.id) == 3
    bench = event_bench(session=demo, event_id=event.id)
    assert len(bench.benched_ids) == 3
    assert bench.benched_ids == {c.player_id for c in bench.proposal.benched}
    set_raid_size(session=demo, event_id=event.id, raid_size=None)
    assert event_bench(session=demo, event_id=event.id).benched_ids == set()


def test_the_bench_rotates_to_those_not_benched_yet(demo):
    first, second = [e for e in _events(demo, past=False)][:2]
    for event in (first, second):
        signed = len(event_bench(session=demo, event_id=event.id).signed_up)
        set_raid_size(session=demo, event_id=event.id, raid_size=signed - 2)
    apply_proposal(session=demo, event_id=first.id)
    once = event_bench(session=demo, event_id=first.id).benched_ids
    proposal = event_bench(session=demo, event_id=second.id).proposal
    both = {c.player_id for c in event_bench(session=demo, event_id=second.id).signed_up}
    assert len(both - once) >= 2  # enough players signed up for both who were not benched yet
    assert once and not once & {c.player_id for c in proposal.benched}


def test_override_only_for_signed_up_players(demo):
    event = _events(demo, past=False)[0]
    rows = demo.exec(select(RaidAttendance).where(RaidAttendance.event_id == event.id)).all()
    signed = next(r for r in rows if r.signed_up)
    set_benched(session=demo, event_id=event.id, player_id=signed.player_id, benched=True)
    assert signed.player_id in event_bench(session=demo, event_id=event.id).benched_ids
    outsider = demo.exec(select(Player.id).where(Player.is_active)).all()
    answered = {r.player_id for r in rows}
    stranger = next(pid for pid in outsider if pid not in answered)
    with pytest.raises(InvalidInput):
        set_benched(session=demo, event_id=event.id, player_id=stranger, benched=True)


def _signed_not_attended(session: Session, event_id: int, player_id: int) -> None:
    row = session.exec(
        select(RaidAttendance).where(
            RaidAttendance.event_id == event_id, RaidAttendance.player_id == player_id
        )
    ).first() or RaidAttendance(event_id=event_id, player_id=player_id, source="manual")
    row.signed_up, row.attended, row.noted_absence = True, False, False
    session.add(row)
    session.flush()


def _line(session: Session, season_id: int, player_id: int):
    report = season_report(session=session, season_id=season_id, now=NOW)
    return next(p for p in report.players if p.player_id == player_id)


def test_a_benched_member_sees_benched_and_it_counts_as_excused(demo):
    member = _member(demo)
    upcoming, held = _events(demo, past=False)[0], _events(demo, past=True)[-1]
    for event in (upcoming, held):
        _signed_not_attended(demo, event.id, member.id)
    before = _line(demo, held.season_id, member.id)
    for event in (upcoming, held):
        set_benched(session=demo, event_id=event.id, player_id=member.id, benched=True)
    after = _line(demo, held.season_id, member.id)
    assert (after.excused, after.missed) == (before.excused + 1, before.missed - 1)
    assert after.percent > before.percent
    view = member_events(session=demo, player_id=member.id, now=NOW)
    assert next(u for u in view.upcoming if u.event.id == upcoming.id).status == "benched"
    assert next(h for h in view.history if h.event_id == held.id).status == "benched"
