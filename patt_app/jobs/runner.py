"""The single background runner: every worker process starts it; one per database leads.

Election: a PostgreSQL session-level advisory lock taken on a dedicated connection. The
process holding it runs the scheduler (APScheduler's AsyncIOScheduler) and the long-lived
tasks; the others try again every few seconds. When the leader dies, its connection and the
lock go with it, and another worker takes over at its next try (within `election_seconds`).
A leader that loses its connection stops leading at once.

A job that raises is logged and recorded as failed; its next tick runs as usual. Job bodies
run in a worker thread, so the event loop (pages, bot) never waits on them.

"Run now" (an officer's request, "Sync now" included) is a `requested` row in job_runs: the
leader claims it at its next poll (every `REQUEST_POLL_SECONDS`, sooner when a job it runs
ends) and runs it as a task of its own, so a long job never delays the claim of another; a
request for a job this runner is running waits until that run ends. Each poll also runs the
registry's sweeps (e.g. marking a sync whose process died as abandoned).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import socket
import time
from datetime import UTC, datetime
from typing import Any

import psycopg
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from patt_app.db import call_in_session, libpq_url
from patt_app.integrations.waiting import woken_within
from patt_app.jobs.registry import JOBS, LONG_TASKS, SWEEPS, Job, LongTask, Sweep, job_named
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.operations import job_runs
from patt_app.settings import get_settings

log = logging.getLogger(__name__)

REQUEST_POLL_SECONDS = 2.0
LONG_TASK_RETRY_SECONDS = (5.0, 15.0, 60.0, 300.0)


def runner_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Runner:
    """Elects itself (or waits), then runs `jobs` on schedule and `long_tasks` while leading."""

    def __init__(
        self,
        *,
        jobs: list[Job] | None = None,
        long_tasks: list[LongTask] | None = None,
        election_seconds: float | None = None,
        sweeps: list[Sweep] | None = None,
    ) -> None:
        self.jobs = JOBS if jobs is None else jobs
        self.long_tasks = LONG_TASKS if long_tasks is None else long_tasks
        self.sweeps = SWEEPS if sweeps is None else sweeps
        self._busy: collections.Counter[str] = collections.Counter()  # runs under way, by job
        self._requested: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self.election_seconds = election_seconds or get_settings().runner_election_seconds
        self.identity = runner_identity()
        self.leading = False

    @property
    def busy(self) -> bool:
        """Whether a job run is under way in this runner."""
        return any(runs > 0 for runs in self._busy.values())

    async def run_forever(self) -> None:
        """Until cancelled: try to lead; lead while the lock holds; otherwise wait and retry."""
        while True:
            conn = await self._try_to_lead()
            if conn is None:
                await asyncio.sleep(self.election_seconds)
                continue
            try:
                await self._lead(conn)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("background runner stopped leading: %s", error)
            finally:
                self.leading = False
                await _step_down(conn)
            await asyncio.sleep(self.election_seconds)

    async def _try_to_lead(self) -> psycopg.AsyncConnection | None:
        try:
            url = await asyncio.to_thread(libpq_url)
            conn = await psycopg.AsyncConnection.connect(
                url,
                autocommit=True,
                application_name=f"{job_runs.RUNNER_APPLICATION_PREFIX} {self.identity}",
            )
        except Exception as error:
            log.warning("background runner: database unreachable (%s)", error)
            return None
        try:
            cursor = await conn.execute(
                "SELECT pg_try_advisory_lock(%s)", (job_runs.RUNNER_LOCK_KEY,)
            )
            row = await cursor.fetchone()
        except Exception:
            await conn.close()
            return None
        if row and row[0]:
            return conn
        await conn.close()
        return None

    async def _lead(self, conn: psycopg.AsyncConnection) -> None:
        self.leading = True
        log.info("background runner elected: %s", self.identity)
        now = datetime.now(UTC)
        await asyncio.to_thread(call_in_session, job_runs.abandon_stale_runs, now=now)
        scheduler = AsyncIOScheduler(timezone=UTC)
        for job in self.jobs:
            scheduler.add_job(
                self.execute,
                trigger=job.trigger,
                args=[job],
                id=job.name,
                name=job.name,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=60,
            )
        scheduler.start()
        settings = get_settings()
        tasks = [
            asyncio.create_task(self._supervise(task), name=f"long-task {task.name}")
            for task in self.long_tasks
            if task.enabled(settings)
        ]
        try:
            while True:
                self._wake.clear()
                await self._sweep()
                await self._run_requested()
                await conn.execute("SELECT 1")  # raises when the lock's connection is gone
                await woken_within(self._wake, REQUEST_POLL_SECONDS)
        finally:
            scheduler.shutdown(wait=False)
            for task in [*tasks, *self._requested]:
                task.cancel()
            await asyncio.gather(*tasks, *self._requested, return_exceptions=True)

    async def _sweep(self) -> None:
        for sweep in self.sweeps:
            try:
                await asyncio.to_thread(sweep, datetime.now(UTC))
            except Exception as error:  # (the database away: the next poll says so too)
                log.warning("sweep %s failed: %s", getattr(sweep, "__name__", sweep), error)

    async def _run_requested(self) -> None:
        """Start every "run now" an officer queued (of jobs not running here now), each as a
        task of its own."""
        claimed = await asyncio.to_thread(
            call_in_session,
            job_runs.claim_requested_runs,
            runner=self.identity,
            now=datetime.now(UTC),
            busy=frozenset(name for name, runs in self._busy.items() if runs > 0),
        )
        for run in claimed:
            job = job_named(run.job_name, self.jobs)
            if job is None:
                await self._record(run.id, error=f"no job called {run.job_name!r} any more")
                continue
            self._busy[job.name] += 1  # now, not when the task starts: the next claim sees it
            task = asyncio.create_task(self._run(job, run.id), name=f"run {run.id}")
            self._requested.add(task)
            task.add_done_callback(self._requested.discard)

    async def execute(self, job: Job, run_id: int | None = None) -> None:
        """Run `job` once, off the event loop, and record how it went. Never raises."""
        self._busy[job.name] += 1
        await self._run(job, run_id)

    async def _run(self, job: Job, run_id: int | None) -> None:
        """`execute` for a run already counted as under way."""
        started = time.monotonic()
        try:
            if run_id is None:
                run_id = await asyncio.to_thread(
                    call_in_session,
                    job_runs.start_run,
                    job_name=job.name,
                    runner=self.identity,
                    now=datetime.now(UTC),
                )
            result = await asyncio.to_thread(job.run, datetime.now(UTC))
        except Exception as error:
            log.exception("job %s failed", job.name)
            if run_id is not None:
                await self._record(run_id, error=f"{type(error).__name__}: {error}")
        else:
            await self._record(run_id, result=result)
            log.debug("job %s done in %.0f ms", job.name, (time.monotonic() - started) * 1000)
        finally:
            self._busy[job.name] -= 1
            self._wake.set()  # a request waiting for this job is claimed now, not at the next poll

    async def _record(self, run_id: int, **outcome: Any) -> None:
        try:
            await asyncio.to_thread(
                call_in_session,
                job_runs.finish_run,
                run_id=run_id,
                now=datetime.now(UTC),
                **outcome,
            )
        except Exception:
            log.exception("could not record the end of job run %s", run_id)
        notify(Topic.JOBS)

    async def _supervise(self, task: LongTask) -> None:
        """Keep a long-lived task running: restart it with growing pauses when it ends or fails."""
        failures = 0
        while True:
            try:
                await task.start()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("long-lived task %s failed", task.name)
            delay = LONG_TASK_RETRY_SECONDS[min(failures, len(LONG_TASK_RETRY_SECONDS) - 1)]
            failures += 1
            await asyncio.sleep(delay)


async def _step_down(conn: psycopg.AsyncConnection) -> None:
    """Gives up the lock before closing its connection: closing alone leaves the lock held
    until the server's backend has exited, which a new leader (or a check) can see."""
    with contextlib.suppress(Exception):
        unlock = conn.execute("SELECT pg_advisory_unlock(%s)", (job_runs.RUNNER_LOCK_KEY,))
        await asyncio.wait_for(unlock, timeout=5)
    with contextlib.suppress(Exception):
        await conn.close()


async def run_background_runner() -> None:
    """Lifespan task of every worker: take part in the election unless switched off."""
    if not get_settings().runner_enabled:
        log.info("background runner switched off (RUNNER_ENABLED=false)")
        return
    await Runner().run_forever()
