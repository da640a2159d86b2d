"""The record of background job runs, and the housekeeping jobs' rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, delete, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import InviteCode, JobRun, Player, User, UserSession
from patt_app.services.accounts.invites import hash_code
from patt_app.services.errors import InvalidInput
from patt_app.services.operations import job_runs
from patt_app.services.operations.housekeeping import purge_expired

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
KNOWN = frozenset({"guild_pulse", "purge_expired"})


def test_a_run_records_its_duration_and_outcome(db: Session):
    run_id = job_runs.start_run(session=db, job_name="guild_pulse", runner="host:1", now=NOW)
    job_runs.finish_run(
        session=db, run_id=run_id, now=NOW + timedelta(milliseconds=1250), result="42 players"
    )
    failed = job_runs.start_run(session=db, job_name="guild_pulse", runner="host:1", now=NOW)
    job_runs.finish_run(session=db, run_id=failed, now=NOW, error="RuntimeError: x" * 500)
    latest = job_runs.latest_runs(session=db, job_names=["guild_pulse", "purge_expired"])
    assert set(latest) == {"guild_pulse"}
    assert latest["guild_pulse"].status == "failed"
    assert len(latest["guild_pulse"].error or "") == job_runs.ERROR_TEXT_LIMIT
    first = db.get(JobRun, run_id)
    assert (first.status, first.duration_ms, first.result) == ("success", 1250, "42 players")


def test_run_now_is_queued_once_and_unknown_jobs_are_refused(db: Session):
    first = job_runs.request_run(
        session=db, job_name="purge_expired", known_jobs=KNOWN, requested_by="Officer"
    )
    again = job_runs.request_run(
        session=db, job_name="purge_expired", known_jobs=KNOWN, requested_by="Officer"
    )
    assert first == again
    with pytest.raises(InvalidInput, match="no job called"):
        job_runs.request_run(session=db, job_name="drop_tables", known_jobs=KNOWN, requested_by="x")
    assert len(db.exec(select(JobRun)).all()) == 1


def test_queued_runs_are_claimed_by_one_runner_only(committed: Engine):
    with Session(committed) as session:
        job_runs.request_run(
            session=session, job_name="guild_pulse", known_jobs=KNOWN, requested_by="Officer"
        )
        session.commit()
    with Session(committed) as one, Session(committed) as two:
        claimed_one = job_runs.claim_requested_runs(session=one, runner="a:1", now=NOW)
        claimed_two = job_runs.claim_requested_runs(session=two, runner="b:2", now=NOW)
        one.commit()
        two.commit()
    assert [r.job_name for r in claimed_one] == ["guild_pulse"]
    assert claimed_two == []
    with Session(committed) as session:
        run = session.exec(select(JobRun)).one()
        assert (run.status, run.runner, run.trigger) == ("running", "a:1", "manual")
        assert job_runs.abandon_stale_runs(session=session, now=NOW) == 1
        session.commit()
        assert session.exec(select(JobRun)).one().status == "failed"


def test_purge_removes_only_long_ended_logins_and_invites(seeded: Session):
    seed_demo_guild(session=seeded, now=NOW)
    user_id = seeded.exec(select(User.id)).first()
    player_id = seeded.exec(select(Player.id)).first()
    seeded.exec(delete(UserSession))
    seeded.exec(delete(InviteCode))
    day = timedelta(days=1)
    sessions = {  # token: (expires, revoked) -> purged?
        "expired-8-days-ago": (NOW - 8 * day, None, True),
        "expired-2-days-ago": (NOW - 2 * day, None, False),
        "logged-out-8-days-ago": (NOW + day, NOW - 8 * day, True),
        "live": (NOW + day, None, False),
    }
    for token, (expires, revoked, _) in sessions.items():
        seeded.add(
            UserSession(user_id=user_id, token_hash=token, expires_at=expires, revoked_at=revoked)
        )
    invites = {  # code: (used, expires) -> purged?
        "USED31DA": (NOW - 31 * day, NOW + day, True),
        "USED2DAY": (NOW - 2 * day, NOW + day, False),
        "EXPIRED4": (None, NOW - 40 * day, True),
        "VALIDNOW": (None, NOW + 2 * day, False),
    }
    for code, (used, expires, _) in invites.items():
        seeded.add(
            InviteCode(
                code_hash=hash_code(code), player_id=player_id, used_at=used, expires_at=expires
            )
        )
    seeded.flush()

    result = purge_expired(session=seeded, now=NOW)

    assert (result.sessions, result.invites) == (2, 2)
    left_sessions = set(seeded.exec(select(UserSession.token_hash)).all())
    left_invites = set(seeded.exec(select(InviteCode.code_hash)).all())
    assert left_sessions == {t for t, (_, _, purged) in sessions.items() if not purged}
    assert left_invites == {hash_code(c) for c, (_, _, purged) in invites.items() if not purged}


def test_run_now_while_the_job_is_ending_queues_a_new_run_and_waits_for_it_to_end(
    committed: Engine,
):
    """The root of the hung second "Sync now": a request made while the previous run was in
    its last moment was folded into that run, so nobody ever took the work queued with it."""
    with Session(committed) as session:
        first = job_runs.request_run(
            session=session, job_name="guild_pulse", known_jobs=KNOWN, requested_by="Officer"
        )
        session.commit()
    with Session(committed) as session:
        assert [r.id for r in job_runs.claim_requested_runs(session=session, runner="a:1", now=NOW)]
        session.commit()
    with Session(committed) as session:  # the first run is still "running"
        second = job_runs.request_run(
            session=session, job_name="guild_pulse", known_jobs=KNOWN, requested_by="Officer"
        )
        session.commit()
    assert second != first
    busy = frozenset({"guild_pulse"})
    with Session(committed) as session:  # not while the runner still runs the first
        assert (
            job_runs.claim_requested_runs(session=session, runner="a:1", now=NOW, busy=busy) == []
        )
        session.commit()
    with Session(committed) as session:  # the moment it is free
        claimed = job_runs.claim_requested_runs(session=session, runner="a:1", now=NOW)
        session.commit()
    assert [r.id for r in claimed] == [second]
