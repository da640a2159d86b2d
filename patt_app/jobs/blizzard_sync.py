"""The Battle.net roster sync as a job of the background runner: on schedule (01:00, 07:00,
13:00, 19:00 UTC) and when an officer presses "Sync now" or calls the API.

"Sync now" (`queue_sync_now`, from any worker) opens the sync's row (shown `queued`) and
queues a run of this job in one transaction; the runner claims it within seconds and adopts
that row, so the sync runs in the one runner and the caller has its run id at once. Both go
through the same one-at-a-time door as the CLI: while a sync is queued or running, another is
refused with that run's id. The runner's sweep (`abandon_silent_syncs`, every poll) marks a
sync whose process stopped as abandoned within `ABANDONED_AFTER` of its last heartbeat.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlmodel import Session

from patt_app.db import call_in_session
from patt_app.integrations.blizzard.roster_sync import NOT_CONFIGURED, run_sync
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import AlreadyRunning, PattError
from patt_app.services.operations.job_runs import request_run
from patt_app.services.sync.sync_runs import (
    abandon_silent_runs,
    claim_or_start_sync_run,
    queue_sync_run,
)
from patt_app.settings import get_settings

JOB_NAME = "blizzard_roster_sync"


def blizzard_sync_job(now: datetime) -> str:
    """Sync the roster (adopting a queued "Sync now"); a one-line result. Not configured or
    already running is a result, not a failure; a failed sync raises so /admin/jobs shows it
    failed."""
    if not get_settings().blizzard_enabled:
        return NOT_CONFIGURED
    try:
        run_id = call_in_session(claim_or_start_sync_run, now=now)
    except AlreadyRunning:
        return "skipped: a Battle.net sync was already running"
    run = asyncio.run(run_sync(run_id))
    if run.status != "success":
        raise RuntimeError(run.summary())
    return run.summary()


def queue_sync_now(*, session: Session, now: datetime, requested_by: str) -> int:
    """An officer's "Sync now": the sync's run id, carried out by the runner within seconds.
    `AlreadyRunning` while a sync runs; a `PattError` saying what to set when not configured.
    The caller announces topics "sync" and "jobs" after the commit."""
    if not get_settings().blizzard_enabled:
        raise PattError(NOT_CONFIGURED)
    run_id = queue_sync_run(session=session, now=now)
    request_run(
        session=session,
        job_name=JOB_NAME,
        known_jobs=frozenset({JOB_NAME}),
        requested_by=requested_by,
    )
    return run_id


def abandon_silent_syncs(now: datetime) -> int:
    """The runner's sweep: syncs whose process stopped (or that no runner took) are marked
    failed, and open /admin/sync pages told; how many."""
    abandoned = call_in_session(abandon_silent_runs, now=now)
    if abandoned:
        notify(Topic.SYNC, Topic.JOBS)
    return abandoned
