"""Officer-only JSON: start a Battle.net roster sync and follow it.

The POST queues the sync for the background runner (jobs/blizzard_sync.py), which starts it
within seconds; one at a time per database, so a second POST while one is queued or runs is
answered 409 with that run's id.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import DESCRIPTIONS, OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.api.schemas.sync import SyncAlreadyRunning, SyncRunStatus, SyncStarted
from patt_app.db import run_in_session
from patt_app.jobs.blizzard_sync import queue_sync_now
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.errors import AlreadyRunning
from patt_app.services.sync.sync_runs import sync_run

router = APIRouter(prefix="/api/v1/admin/sync")


@router.post(
    "/blizzard",
    status_code=202,
    response_model=Envelope[SyncStarted],
    responses={
        **OFFICERS,
        **refusals(400),
        409: {"model": SyncAlreadyRunning, "description": DESCRIPTIONS[409]},
    },
)
async def start_blizzard_sync(caller: Viewer = Depends(officer)):
    """Start a Battle.net roster sync now (400 when not configured, 409 with the run's id while
    one is queued or runs)."""
    try:
        run_id = await run_in_session(
            queue_sync_now, now=datetime.now(UTC), requested_by=caller.display_name
        )
    except AlreadyRunning as refusal:
        body = SyncAlreadyRunning(error=str(refusal), run_id=refusal.run_id)
        return JSONResponse(body.model_dump(), status_code=409)
    notify(Topic.SYNC, Topic.JOBS)
    return ok(SyncStarted(run_id=run_id))


@router.get(
    "/runs/{run_id}",
    response_model=Envelope[SyncRunStatus],
    responses={**OFFICERS, **refusals(404)},
)
def blizzard_sync_run(run_id: RecordId, session: DbSession, _officer: Viewer = Depends(officer)):
    """One sync run: progress while it runs, counts when it ends."""
    return ok(SyncRunStatus.model_validate(sync_run(session=session, run_id=run_id)))
