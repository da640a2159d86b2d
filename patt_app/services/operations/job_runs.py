"""The record of background job runs: started, finished, requested by an officer, listed.

The runner (patt_app/jobs) calls these; /admin/jobs reads them. Plain data in and out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, text, update
from sqlmodel import Session, col, select

from patt_app.models import JobRun
from patt_app.services.errors import InvalidInput
from patt_app.services.statements import record_from, rows_changed

ERROR_TEXT_LIMIT = 2000
RESULT_TEXT_LIMIT = 500


@dataclass(frozen=True)
class RunRecord:
    """One run as a page or API shows it."""

    id: int
    job_name: str
    trigger: str
    status: str
    requested_by: str | None
    runner: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    duration_ms: int | None
    result: str | None
    error: str | None


def _record(run: JobRun) -> RunRecord:
    return record_from(RunRecord, run, id=run.id or 0)


def start_run(*, session: Session, job_name: str, runner: str, now: datetime) -> int:
    """Record that a scheduled run of `job_name` started; returns its id."""
    run = JobRun(job_name=job_name, runner=runner, status="running", started_at=now)
    session.add(run)
    session.flush()
    return run.id or 0


def finish_run(
    *,
    session: Session,
    run_id: int,
    now: datetime,
    result: str | None = None,
    error: str | None = None,
) -> None:
    """Record how run `run_id` ended: `error` set means it failed."""
    run = session.get(JobRun, run_id)
    if run is None:
        return
    run.finished_at = now
    started = run.started_at or now
    run.duration_ms = max(0, round((now - started).total_seconds() * 1000))
    run.status = "failed" if error is not None else "success"
    run.result = (result or "")[:RESULT_TEXT_LIMIT] or None
    run.error = error[:ERROR_TEXT_LIMIT] if error is not None else None
    session.add(run)


def request_run(
    *, session: Session, job_name: str, known_jobs: frozenset[str], requested_by: str
) -> int:
    """An officer's "run now": queue `job_name` for the runner, once (a request still waiting
    is not doubled). A run of the job under way does not count: it may be in its last moment,
    and work queued for it since (a "Sync now"'s row) would never be taken; the runner claims
    the new request as soon as its job is free. Returns the id of the queued run."""
    if job_name not in known_jobs:
        raise InvalidInput(f"There is no job called '{job_name}'.")
    waiting = session.exec(
        select(col(JobRun.id)).where(
            col(JobRun.job_name) == job_name,
            col(JobRun.trigger) == "manual",
            col(JobRun.status) == "requested",
        )
    ).first()
    if waiting is not None:
        return waiting
    run = JobRun(job_name=job_name, trigger="manual", status="requested", requested_by=requested_by)
    session.add(run)
    session.flush()
    return run.id or 0


def claim_requested_runs(
    *, session: Session, runner: str, now: datetime, busy: frozenset[str] = frozenset()
) -> list[RunRecord]:
    """The runner takes every queued "run now" (oldest first) except those of the `busy` jobs
    (running now; claimed when they are free); each is claimed once, one per job."""
    rows = session.exec(
        select(JobRun)
        .where(col(JobRun.status) == "requested", col(JobRun.job_name).not_in(busy or {""}))
        .order_by(col(JobRun.id))
        .with_for_update(skip_locked=True)
    ).all()
    firsts = {run.job_name: run for run in reversed(rows)}
    rows = [run for run in rows if firsts[run.job_name] is run]
    for run in rows:
        run.status, run.runner, run.started_at = "running", runner, now
        session.add(run)
    session.flush()
    return [_record(run) for run in rows]


def abandon_stale_runs(*, session: Session, now: datetime) -> int:
    """Runs left "running" by a runner that died are marked failed when a new runner starts."""
    result = session.execute(
        update(JobRun)
        .where(col(JobRun.status) == "running")
        .values(status="failed", finished_at=now, error="the runner stopped during this run")
    )
    return rows_changed(result)


def latest_runs(*, session: Session, job_names: list[str]) -> dict[str, RunRecord]:
    """The most recent run (of any trigger, queued ones included) of each job."""
    newest = (
        select(col(JobRun.job_name), func.max(col(JobRun.id)).label("id"))
        .where(col(JobRun.job_name).in_(job_names))
        .group_by(col(JobRun.job_name))
        .subquery()
    )
    rows = session.exec(select(JobRun).join(newest, newest.c.id == col(JobRun.id))).all()
    return {run.job_name: _record(run) for run in rows}


def recent_runs(*, session: Session, limit: int = 30) -> list[RunRecord]:
    """The newest runs of all jobs, newest first."""
    rows = session.exec(select(JobRun).order_by(col(JobRun.id).desc()).limit(limit)).all()
    return [_record(run) for run in rows]


RUNNER_LOCK_KEY = 815_100_001  # the PostgreSQL advisory lock whose holder is the runner
RUNNER_APPLICATION_PREFIX = "patt-runner"


def runner_holder(*, session: Session) -> str | None:
    """Who runs the background jobs now: the holder of the runner's advisory lock, by the
    name its connection gave ("patt-runner host:pid"), or None when no runner is elected."""
    row = session.execute(
        text(
            "SELECT a.application_name FROM pg_locks l"
            " JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.database = ("
            "  SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND ((l.classid::bigint << 32) | l.objid::bigint) = :key"
        ),
        {"key": RUNNER_LOCK_KEY},
    ).first()
    if row is None:
        return None
    name = row[0] or ""
    return name.removeprefix(RUNNER_APPLICATION_PREFIX).strip() or "unnamed runner"


@dataclass(frozen=True)
class JobsOverview:
    """What /admin/jobs shows, read in one transaction."""

    runner: str | None
    latest: dict[str, RunRecord]
    recent: list[RunRecord]


def jobs_overview(*, session: Session, job_names: list[str], recent: int = 30) -> JobsOverview:
    """The elected runner, each job's latest run and the newest runs overall."""
    return JobsOverview(
        runner=runner_holder(session=session),
        latest=latest_runs(session=session, job_names=job_names),
        recent=recent_runs(session=session, limit=recent),
    )
