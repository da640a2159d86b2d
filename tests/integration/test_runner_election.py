"""The background runner: exactly one per database, elected by an advisory lock; when the
leader dies another process takes over; a failing job never stops the runner."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from patt_app.jobs.registry import EPOCH, Job, LongTask
from patt_app.jobs.runner import Runner
from patt_app.models import JobRun
from patt_app.services.operations.job_runs import runner_holder
from patt_app.settings import PROJECT_ROOT
from tests.support.runner_process import election_tries, wait_for_tries


def _start(database_url: str) -> subprocess.Popen:
    # (the real clock, even in a time-travel run: the test compares only the runners' own times)
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.runner_process"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _runs(engine: Engine) -> list[JobRun]:
    with Session(engine) as session:
        return list(session.exec(select(JobRun).order_by(col(JobRun.started_at))).all())


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _identity(process: subprocess.Popen) -> str:
    return f"{socket.gethostname()}:{process.pid}"


def test_one_runner_at_a_time_and_a_takeover_when_it_dies(committed: Engine, database_url: str):
    first = _start(database_url)
    second = None
    try:
        a = _identity(first)
        _wait_for(lambda: any(r.runner == a for r in _runs(committed)), 30, "the first runner")
        second = _start(database_url)
        b = _identity(second)
        election_tries(first)  # (keeps the first's pipe drained)
        lost = election_tries(second)
        assert wait_for_tries(lost, lost=3, timeout=30) == 0, "the second process was elected"
        assert {r.runner for r in _runs(committed)} == {a}, "the second process ran jobs"
        with Session(committed) as session:
            assert runner_holder(session=session) == a

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = time.monotonic()
        _wait_for(lambda: any(r.runner == b for r in _runs(committed)), 30, "the takeover")
        takeover = time.monotonic() - killed_at
        assert takeover < 30, f"took {takeover:.1f} s"

        runs = _runs(committed)
        first_runs = [r for r in runs if r.runner == a]
        second_runs = [r for r in runs if r.runner == b]
        assert len(first_runs) >= 2 and second_runs
        assert max(r.started_at for r in first_runs) < min(r.started_at for r in second_runs), (
            "both processes ran jobs at the same time"
        )
        # a run cut short by the kill is not left "running" for ever
        _wait_for(
            lambda: all(r.status != "running" for r in _runs(committed) if r.runner == a),
            10,
            "the dead runner's run to be closed",
        )
        with Session(committed) as session:
            assert runner_holder(session=session) == b
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _job(name: str, run) -> Job:
    return Job(
        name=name,
        description=name,
        schedule="every second",
        trigger=IntervalTrigger(seconds=1, start_date=EPOCH, timezone=UTC),
        run=run,
    )


def test_a_failing_job_is_recorded_and_retried_and_the_runner_goes_on(committed: Engine):
    calls = {"flaky": 0, "steady": 0}

    def flaky(now: datetime) -> str:
        calls["flaky"] += 1
        if calls["flaky"] == 1:
            raise RuntimeError("Battle.net said no")
        return "fine now"

    def steady(now: datetime) -> str:
        calls["steady"] += 1
        return "ok"

    crashes = {"n": 0}

    async def crashing_task() -> None:
        crashes["n"] += 1
        raise RuntimeError("bot lost its connection")

    runner = Runner(
        jobs=[_job("flaky", flaky), _job("steady", steady)],
        long_tasks=[LongTask(name="crashing", start=crashing_task)],
        election_seconds=0.2,
    )

    def retried_and_went_on() -> bool:
        runs = _runs(committed)
        return any(r.job_name == "flaky" and r.status == "success" for r in runs) and (
            sum(r.job_name == "steady" and r.status == "success" for r in runs) >= 3
        )

    async def run_until_retried(timeout: float) -> None:
        task = asyncio.create_task(runner.run_forever())
        deadline = time.monotonic() + timeout
        while not await asyncio.to_thread(retried_and_went_on):
            assert time.monotonic() < deadline, "the runner did not retry and go on"
            await asyncio.sleep(0.2)
        assert runner.leading and not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run_until_retried(30))
    stopped = datetime.now(UTC)
    runs = _runs(committed)
    flaky_runs = [r for r in runs if r.job_name == "flaky"]
    assert flaky_runs[0].status == "failed"
    assert "RuntimeError: Battle.net said no" in (flaky_runs[0].error or "")
    assert any(r.status == "success" and r.result == "fine now" for r in flaky_runs[1:])
    assert sum(r.status == "success" for r in runs if r.job_name == "steady") >= 3
    # every run closed, except one the stop caught in flight (the next leader closes those)
    settled = [r for r in runs if r.started_at and r.started_at < stopped - timedelta(seconds=1)]
    assert settled and all(r.duration_ms is not None and r.finished_at for r in settled)
    assert crashes["n"] >= 1  # the long-lived task was started, failed, and did not stop jobs


def test_the_lock_is_released_when_the_runner_stops(committed: Engine):
    runner = Runner(jobs=[], long_tasks=[], election_seconds=0.2)

    async def lead_then_stop() -> None:
        task = asyncio.create_task(runner.run_forever())
        # (waits for the election itself: on a busy machine it can take more than a few seconds)
        deadline = time.monotonic() + 30
        while not runner.leading and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert runner.leading
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(lead_then_stop())
    with Session(committed) as session:
        assert (
            runner_holder(session=session) is None
        )  # given up at once, not when the server notices
        held = session.execute(
            text(  # this test's database only: other runs on the server hold their own
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).scalar_one()
    assert held == 0
