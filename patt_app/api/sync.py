"""Officer-only JSON: start a Battle.net roster sync and follow it.

The sync runs as a task of the worker that received the POST (see
integrations/blizzard/roster_sync.py); one at a time per database, so a second POST while one
runs is answered 409.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.api.schemas.sync import SyncRunStatus, SyncStarted
from patt_app.integrations.blizzard.roster_sync import launch_sync
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.sync.sync_runs import sync_run

router = APIRouter(prefix="/api/v1/admin/sync")


@router.post(
    "/blizzard",
    status_code=202,
    response_model=Envelope[SyncStarted],
    responses={**OFFICERS, **refusals(400, 409)},
)
async def start_blizzard_sync(_officer: Viewer = Depends(officer)):
    """Start a Battle.net roster sync now (400 when not configured, 409 while one runs)."""
    return ok(SyncStarted(run_id=await launch_sync()))


@router.get(
    "/runs/{run_id}",
    response_model=Envelope[SyncRunStatus],
    responses={**OFFICERS, **refusals(404)},
)
def blizzard_sync_run(run_id: RecordId, session: DbSession, _officer: Viewer = Depends(officer)):
    """One sync run: progress while it runs, counts when it ends."""
    return ok(SyncRunStatus.model_validate(sync_run(session=session, run_id=run_id)))
