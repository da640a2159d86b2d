"""Officer-only JSON: start a Battle.net roster sync and follow it.

The POST queues the sync for the background runner (jobs/blizzard_sync.py), which starts it
within seconds; one at a time per database, so a second POST while one runs is answered 409.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.api.schemas.sync import SyncRunStatus, SyncStarted
from patt_app.db import run_in_session
from patt_app.jobs.blizzard_sync import queue_sync_now
from patt_app.live.notify import notify
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.sync.sync_runs import sync_run

router = APIRouter(prefix="/api/v1/admin/sync")


@router.post(
    "/blizzard",
    status_code=202,
    response_model=Envelope[SyncStarted],
    responses={**OFFICERS, **refusals(400, 409)},
)
async def start_blizzard_sync(caller: Viewer = Depends(officer)):
    """Start a Battle.net roster sync now (400 when not configured, 409 while one runs)."""
    run_id = await run_in_session(
        queue_sync_now, now=datetime.now(UTC), requested_by=caller.display_name
    )
    notify("sync", "jobs")
    return ok(SyncStarted(run_id=run_id))


@router.get(
    "/runs/{run_id}",
    response_model=Envelope[SyncRunStatus],
    responses={**OFFICERS, **refusals(404)},
)
def blizzard_sync_run(run_id: RecordId, session: DbSession, _officer: Viewer = Depends(officer)):
    """One sync run: progress while it runs, counts when it ends."""
    return ok(SyncRunStatus.model_validate(sync_run(session=session, run_id=run_id)))
